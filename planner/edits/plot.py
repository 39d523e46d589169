"""The plot: an outline from side lengths and angles (a surveyor's sketch), corners, road edges."""

from __future__ import annotations

import math
from typing import Any

from planner import model
from planner.edits.base import EditError, index, number, outward, point, problem_place, ring
from planner.geometry import polygon

MIN_SIDE_M = 0.1
MIN_AREA_M2 = 1.0
MAX_CORNERS = 200
CLOSE_M = 0.05
"""A walk that ends this close to its start closes there."""
ROAD_CENTRE_M = (0.5, 500.0)
"""How far out from its road edge a road's centre line may be given."""
MAX_ROAD_NAME = 120


def check_outline(corners: model.Coords) -> None:
    """Refuse an outline that is degenerate or crosses itself, naming the place."""
    pts = ring(corners)
    if len(pts) < 3:
        raise EditError("a plot needs at least three corners")
    if len(pts) > MAX_CORNERS:
        raise EditError("the outline has too many corners", limit=MAX_CORNERS)
    for i, (a, b) in enumerate(zip(pts, pts[1:] + pts[:1], strict=True)):
        if math.dist(a, b) < MIN_SIDE_M:
            raise EditError("two corners lie on top of each other", where=[a[0], a[1]], corner=i + 1)
    (x0, y0), (x1, y1) = pts[0], pts[1]
    length = math.dist(pts[0], pts[1])
    if all(abs((x - x0) * (y1 - y0) - (y - y0) * (x1 - x0)) / length < MIN_SIDE_M / 10 for x, y in pts):
        raise EditError("the outline has no area", where=[pts[0][0], pts[0][1]])
    poly = polygon(pts)
    if not poly.is_valid:
        raise EditError("the outline crosses itself", where=problem_place(poly))
    if poly.area < MIN_AREA_M2:
        raise EditError("the outline has no area", where=[pts[0][0], pts[0][1]])


def outline_from_sides(sides: Any, start: Any = (0.0, 0.0), bearing_deg: Any = 0.0) -> model.Coords:
    """Corners from side lengths and angles, walked in order as a surveyor's sketch reads.

    The first side leaves ``start`` at ``bearing_deg`` (0 = east, counter-clockwise); each
    side's ``angle_deg`` is the inner angle at the corner where it ends and the next begins.
    The last corner joins the start with a straight side (merged into it when it lands
    within 5 cm).

    >>> outline_from_sides([{"length_m": 20, "angle_deg": 90}, {"length_m": 10, "angle_deg": 90},
    ...                     {"length_m": 20, "angle_deg": 90}])
    [[0.0, 0.0], [20.0, 0.0], [20.0, 10.0], [0.0, 10.0]]
    """
    if not isinstance(sides, list) or not 2 <= len(sides) <= MAX_CORNERS:
        raise EditError("give at least two sides")
    x, y = point(list(start), "start")
    heading = math.radians(number(bearing_deg, "bearing_deg", -360, 360))
    corners = [[x, y]]
    for i, side in enumerate(sides):
        if not isinstance(side, dict):
            raise EditError("not a number", field=f"sides[{i}]")
        length = number(side.get("length_m"), f"sides[{i}].length_m", MIN_SIDE_M, 10_000)
        x, y = x + length * math.cos(heading), y + length * math.sin(heading)
        corners.append([round(x, 3) + 0.0, round(y, 3) + 0.0])
        angle = side.get("angle_deg", 90.0 if i < len(sides) - 1 else None)
        if angle is not None:
            heading += math.pi - math.radians(number(angle, f"sides[{i}].angle_deg", 1, 359))
    if math.dist(corners[-1], corners[0]) <= CLOSE_M:
        corners.pop()
    check_outline(corners)
    return corners


def centre_offset(boundary: model.Coords, edge: int, line: model.Coords | None) -> float | None:
    """How far ``line`` lies out from edge ``edge`` when it is that edge moved straight out (as
    :func:`road_centreline` draws it, within 1 cm); ``None`` for any other line (a surveyed one)."""
    pts = ring(boundary)
    if line is None or len(line) != 2 or not 0 <= edge < len(pts):
        return None
    a, b = pts[edge], pts[(edge + 1) % len(pts)]
    length = math.dist(a, b)
    if length < MIN_SIDE_M:
        return None
    ends = [(line[0][0] - a[0], line[0][1] - a[1]), (line[1][0] - b[0], line[1][1] - b[1])]
    along = [abs(dx * (b[0] - a[0]) + dy * (b[1] - a[1])) / length for dx, dy in ends]
    out = [math.hypot(dx, dy) for dx, dy in ends]
    return out[0] if max(along) < 0.01 and abs(out[0] - out[1]) < 0.01 else None


def _moved_outline(plot: model.Plot, corners: model.Coords) -> None:
    """The plot's new outline. With as many corners as before, a centre line drawn from its edge follows
    it; with another number the road edges are forgotten (their numbers would name other edges)."""
    if len(corners) != len(ring(plot.boundary)):
        plot.road_edges = []
        plot.boundary = corners
        return
    follow = [(r, centre_offset(plot.boundary, r.edge, r.centreline)) for r in plot.roads or []]
    plot.boundary = corners
    for road, distance in follow:
        if distance is not None:
            road.centreline = road_centreline(corners, road.edge, distance)


def _renumber(plot: model.Plot, n: int) -> None:
    plot.road_edges = sorted({e for e in plot.road_edges if e < n})
    if getattr(plot, "roads", None):
        plot.roads = [r for r in plot.roads if r.edge in plot.road_edges] or None


def set_plot_sides(plan: model.Plan, sides: Any, start: Any = (0.0, 0.0), bearing_deg: Any = 0.0) -> None:
    corners = outline_from_sides(sides, start, bearing_deg)
    _moved_outline(plan.plot, corners)
    _renumber(plan.plot, len(corners))


def set_plot_corners(plan: model.Plan, corners: Any) -> None:
    if not isinstance(corners, list):
        raise EditError("a plot needs at least three corners")
    pts = [point(c, f"corners[{i}]") for i, c in enumerate(corners[:MAX_CORNERS + 1])]
    check_outline(pts)
    _moved_outline(plan.plot, [[round(x, 3), round(y, 3)] for x, y in pts])
    _renumber(plan.plot, len(pts))


def move_plot_corner(plan: model.Plan, corner: Any, to: Any) -> None:
    pts = [list(p) for p in ring(plan.plot.boundary)]
    k = index(corner, len(pts), "no such corner")
    pts[k] = point(to, "to")
    try:
        check_outline(pts)
    except EditError as e:
        if e.where is None:
            e.where = pts[k]
        raise
    _moved_outline(plan.plot, [[round(x, 3), round(y, 3)] for x, y in pts])


def road_centreline(boundary: model.Coords, edge: int, distance_m: float) -> model.Coords:
    """The centre line of the road beside edge ``edge``: the edge moved ``distance_m`` out of the plot,
    as long as the edge (its ends straight across from the edge's corners).

    >>> road_centreline([[0, 0], [20, 0], [20, 10], [0, 10]], 0, 10.0)
    [[0.0, -10.0], [20.0, -10.0]]
    """
    pts = ring(boundary)
    a, b = pts[edge], pts[(edge + 1) % len(pts)]
    nx, ny, _ = outward(boundary, edge)
    return [[round(a[0] + nx * distance_m, 3) + 0.0, round(a[1] + ny * distance_m, 3) + 0.0],
            [round(b[0] + nx * distance_m, 3) + 0.0, round(b[1] + ny * distance_m, 3) + 0.0]]


class _Keep:
    """The default of ``centre_m``: leave the road's centre line as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def set_road_edge(plan: model.Plan, edge: Any, road: Any = True, road_kind: Any = None, name: Any = None,
                  centre_m: Any = KEEP) -> None:
    """Mark one edge of the plot as a road edge (``road`` false: unmark it and forget its road).

    With ``road_kind`` (``municipal``, ``county``, ``national`` or ``private``) the edge's entry in
    ``plot.roads`` is made or changed: its kind, its ``name`` (empty: none) and, with ``centre_m``,
    its centre line that far out from the edge (:func:`road_centreline`; ``None`` removes the centre
    line; not given keeps it). A refusal names the edit's field (``field``) it is about.
    """
    n = len(ring(plan.plot.boundary))
    k = index(edge, n, "no such edge")
    if not isinstance(road, bool):
        raise EditError("a road edge is marked or not", field="road")
    entry: model.Road | None = None
    if road and road_kind is not None:
        if not isinstance(road_kind, str) or road_kind not in model.ROAD_KINDS:
            raise EditError("choose the kind of road", field="road_kind")
        if name is not None and (not isinstance(name, str) or len(name.strip()) > MAX_ROAD_NAME):
            raise EditError("the road's name is too long", field="name", limit=MAX_ROAD_NAME)
        old = plan.plot.road(k)
        entry = model.Road(edge=k, kind=road_kind, name=(name or "").strip() or None,
                           centreline=old.centreline if old is not None else None,
                           extra=dict(old.extra) if old is not None else {})
        if centre_m is None:
            entry.centreline = None
        elif centre_m is not KEEP:
            distance = number(centre_m, "centre_m", *ROAD_CENTRE_M)
            entry.centreline = road_centreline(plan.plot.boundary, k, distance)
    elif road and (name is not None or centre_m is not KEEP):
        raise EditError("choose the kind of road", field="road_kind")
    edges = set(plan.plot.road_edges)
    if road:
        edges.add(k)
    else:
        edges.discard(k)
    plan.plot.road_edges = sorted(edges)
    if entry is not None:
        plan.plot.roads = [r for r in plan.plot.roads or [] if r.edge != k] + [entry]
        plan.plot.roads.sort(key=lambda r: r.edge)
    _renumber(plan.plot, n)
