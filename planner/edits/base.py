"""What every edit shares: the refusal, finding rooms and walls, and the limits a change must keep.

Lengths are in metres; a wall is one edge of a room's polygon, numbered from 0 as
the polygon's vertices run.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import shapely
from shapely import LineString, Point
from shapely.ops import linemerge

from planner import model
from planner.errors import PlannerError
from planner.geometry import polygon
from planner.geometry.predicates import DOOR_TOLERANCE_M

TOL_M = 0.01
"""Corners closer than this to a wall line move with it."""
MIN_ACROSS_M = 1.0
"""No room may become narrower than this across the wall being moved."""
MAX_COORD_M = 1e7
OVERLAP_M2 = 0.01
"""Rooms may touch; overlapping by more than this is a broken plan."""


class EditError(PlannerError):
    """The edit cannot be made.

    ``key`` is an English message key the web layer translates, ``params`` its values
    and ``where`` an optional ``[x, y]`` (or a subject such as ``room:sov1``) to mark
    on the drawing. ``str(error)`` is the key, as the form views expect.
    """

    def __init__(self, key: str, where: Any = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.where = where
        self.params = params


def find_room(plan: model.Plan, room_id: Any) -> tuple[model.Building, model.Room]:
    for b, r in plan.all_rooms():
        if r.id == room_id:
            return b, r
    raise EditError("no such room")


def find_building(plan: model.Plan, building_id: Any) -> model.Building:
    b = plan.building(building_id) if isinstance(building_id, str) else None
    if b is None:
        raise EditError("no such building")
    return b


def ring(coords: model.Coords) -> model.Coords:
    return model._ring(coords)


def number(value: Any, name: str, low: float, high: float) -> float:
    """``value`` as a float within [low, high], else a refusal naming the range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise EditError("not a number", field=name)
    if not low <= value <= high:
        raise EditError("number out of range", field=name, low=low, high=high)
    return float(value)


def point(value: Any, name: str = "at") -> list[float]:
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or any(isinstance(c, bool) or not isinstance(c, (int, float)) or not math.isfinite(c)
                   or abs(c) > MAX_COORD_M for c in value)):
        raise EditError("not a point", field=name)
    return [float(value[0]), float(value[1])]


def index(value: Any, count: int, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise EditError(key)
    return value


def side_name(nx: float, ny: float) -> str:
    angle = math.degrees(math.atan2(ny, nx)) % 360
    return ("east", "north-east", "north", "north-west", "west", "south-west", "south",
            "south-east")[int(((angle + 22.5) % 360) // 45)]


def outward(coords: model.Coords, edge: int) -> tuple[float, float, float]:
    """The outward normal (nx, ny) of edge ``edge`` of a polygon and its line's offset along it."""
    pts = ring(coords)
    a, b = pts[edge], pts[(edge + 1) % len(pts)]
    length = math.dist(a, b)
    if length < TOL_M:
        raise EditError("no such wall")
    nx, ny = (b[1] - a[1]) / length, -(b[0] - a[0]) / length
    if polygon(coords).contains(Point((a[0] + b[0]) / 2 + nx * 0.01, (a[1] + b[1]) / 2 + ny * 0.01)):
        nx, ny = -nx, -ny
    return nx, ny, a[0] * nx + a[1] * ny


def walls_of(room: model.Room) -> list[tuple[int, str, float]]:
    """The room's walls: (edge index, compass side, the room's depth across that wall in m).

    >>> room = model.Room("r", "bedroom", "S", 1, [[0, 0], [4, 0], [4, 3], [0, 3]])
    >>> [(i, side, round(d, 2)) for i, side, d in walls_of(room)]
    [(0, 'south', 3.0), (1, 'east', 4.0), (2, 'north', 3.0), (3, 'west', 4.0)]
    """
    pts = ring(room.polygon)
    out = []
    for i, (a, b) in enumerate(zip(pts, pts[1:] + pts[:1], strict=True)):
        if math.dist(a, b) < TOL_M:
            continue
        nx, ny, _ = outward(room.polygon, i)
        values = [p[0] * nx + p[1] * ny for p in pts]
        out.append((i, side_name(nx, ny), max(values) - min(values)))
    return out


def across(coords: model.Coords, nx: float, ny: float) -> float:
    """How far a polygon reaches along the direction (nx, ny), in m."""
    values = [p[0] * nx + p[1] * ny for p in ring(coords)]
    return max(values) - min(values) if values else 0.0


def shared_wall(building: model.Building, a: str, b: str) -> LineString | None:
    """The longest straight stretch of wall between rooms ``a`` and ``b`` (or ``outside``)."""
    def outline(room_id: str):  # type: ignore[no-untyped-def]
        if room_id == model.OUTSIDE:
            return polygon(building.footprint).exterior
        room = building.room(room_id)
        if room is None:
            raise EditError("no such room")
        return polygon(room.polygon).exterior

    common = outline(a).buffer(TOL_M).intersection(outline(b))
    if common.is_empty:
        return None
    merged = linemerge(common) if common.geom_type.startswith("Multi") else common
    parts = getattr(merged, "geoms", [merged])
    lines = [_straight(p) for p in parts if p.geom_type == "LineString" and p.length > 0]
    lines = [s for line in lines for s in line]
    return max(lines, key=lambda line: line.length) if lines else None


def _straight(line: LineString) -> list[LineString]:
    """A line broken at its corners into straight pieces."""
    pts = list(line.coords)
    out, start = [], 0
    for i in range(1, len(pts) - 1):
        (x0, y0), (x1, y1), (x2, y2) = pts[i - 1], pts[i], pts[i + 1]
        turn = abs((x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1))
        if turn > 1e-6 * max(1.0, math.dist(pts[i - 1], pts[i + 1])):
            out.append(LineString(pts[start:i + 1]))
            start = i
    out.append(LineString(pts[start:]))
    return [line for line in out if line.length > 0]


def walls_between(building: model.Building, a: str, b: str) -> list[LineString]:
    """Every straight stretch of wall between ``a`` and ``b`` longer than the tolerance."""
    def outline(room_id: str):  # type: ignore[no-untyped-def]
        if room_id == model.OUTSIDE:
            return polygon(building.footprint).exterior
        room = building.room(room_id)
        return None if room is None else polygon(room.polygon).exterior

    oa, ob = outline(a), outline(b)
    if oa is None or ob is None:
        return []
    common = oa.buffer(TOL_M).intersection(ob)
    merged = linemerge(common) if common.geom_type.startswith("Multi") else common
    parts = getattr(merged, "geoms", [merged])
    return [s for p in parts if p.geom_type == "LineString" for s in _straight(p) if s.length > 2 * TOL_M]


def _segments(coords: model.Coords) -> list[tuple[list[float], list[float]]]:
    pts = ring(coords)
    return [(pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts))]


def fits_on_wall(at: list[float], width_m: float, a: model.Coords, b: model.Coords) -> bool:
    """Whether an opening ``width_m`` wide at ``at`` lies on a stretch where the outlines ``a`` and
    ``b`` run together, all its width on it (within the door tolerance of PLAN_FORMAT.md).

    >>> fits_on_wall([3, 1.5], 0.9, [[0, 0], [3, 0], [3, 3], [0, 3]], [[3, 0], [6, 0], [6, 3], [3, 3]])
    True
    >>> fits_on_wall([3, 0.2], 0.9, [[0, 0], [3, 0], [3, 3], [0, 3]], [[3, 0], [6, 0], [6, 3], [3, 3]])
    False
    """
    px, py = float(at[0]), float(at[1])
    half = width_m / 2 - DOOR_TOLERANCE_M
    others = _segments(b)
    for a0, a1 in _segments(a):
        length = math.dist(a0, a1)
        if length < TOL_M:
            continue
        ux, uy = (a1[0] - a0[0]) / length, (a1[1] - a0[1]) / length
        tp = (px - a0[0]) * ux + (py - a0[1]) * uy
        if abs((py - a0[1]) * ux - (px - a0[0]) * uy) > DOOR_TOLERANCE_M or not \
                -DOOR_TOLERANCE_M <= tp <= length + DOOR_TOLERANCE_M:
            continue
        for b0, b1 in others:
            if abs((b0[1] - a0[1]) * ux - (b0[0] - a0[0]) * uy) > TOL_M or \
                    abs((b1[1] - a0[1]) * ux - (b1[0] - a0[0]) * uy) > TOL_M:
                continue
            t0 = (b0[0] - a0[0]) * ux + (b0[1] - a0[1]) * uy
            t1 = (b1[0] - a0[0]) * ux + (b1[1] - a0[1]) * uy
            lo, hi = max(0.0, min(t0, t1)), min(length, max(t0, t1))
            if hi - lo > 2 * TOL_M and lo + half - 1e-9 <= tp <= hi - half + 1e-9:
                return True
    return False


def door_fits(building: model.Building, door: model.Door) -> bool:
    """Whether the door's point is on the wall between its rooms and the whole door fits on it."""
    sides = []
    for r in door.rooms:
        if r == model.OUTSIDE:
            sides.append(building.footprint)
        else:
            room = building.room(r)
            if room is None or len(ring(room.polygon)) < 3:
                return False
            sides.append(room.polygon)
    return fits_on_wall(door.at, door.width_m, sides[0], sides[1])


def window_fits(building: model.Building, window: model.Window) -> bool:
    """Whether the window sits on an outer wall of its room with all its width."""
    room = building.room(window.room)
    return room is not None and fits_on_wall(window.at, window.width_m, room.polygon, building.footprint)


def explain_bad(poly: Any) -> bool:
    return poly.is_empty or not poly.is_valid or poly.area <= 0


def problem_place(poly: Any) -> list[float] | None:
    """Where Shapely finds a polygon invalid (a self-crossing), as [x, y]; None when it cannot say."""
    reason = shapely.is_valid_reason(poly)
    if "[" in reason:
        try:
            x, y = reason[reason.index("[") + 1:reason.index("]")].split()[:2]
            return [round(float(x), 3), round(float(y), 3)]
        except ValueError:
            return None
    return None


def copy_building(b: model.Building) -> model.Building:
    """A copy of the building whose rooms, doors and windows can be given new coordinates without
    touching ``b`` (the edits replace coordinate lists, never change them in place)."""
    out = copy.copy(b)
    out.rooms = [copy.copy(r) for r in b.rooms]
    out.doors = [copy.copy(d) for d in b.doors]
    out.windows = [copy.copy(w) for w in b.windows]
    return out


def limits_broken(before: model.Building, after: model.Building, storeys: set[int],
                  nx: float | None = None, ny: float | None = None) -> EditError | None:
    """The first limit the change from ``before`` to ``after`` breaks on those storeys, or None.

    Limits: every changed room stays a simple polygon at least ``MIN_ACROSS_M`` across
    the direction (nx, ny) (or across every wall when no direction is given), the
    footprint stays simple, and no door or window that sat on its wall falls off it.
    """
    fp = polygon(after.footprint)
    if explain_bad(fp):
        return EditError("the outline would cross itself", where=problem_place(fp))
    old = {r.id: r for r in before.rooms}
    shapes: dict[str, Any] = {}

    def shape(room: model.Room) -> Any:
        if room.id not in shapes:
            shapes[room.id] = polygon(room.polygon)
        return shapes[room.id]

    for r in after.rooms:
        if r.storey not in storeys or (r.id in old and old[r.id].polygon == r.polygon):
            continue
        poly = shape(r)
        if nx is not None and ny is not None:
            narrow = across(r.polygon, nx, ny)
        else:
            narrow = min((d for _, _, d in walls_of(r)), default=0.0) if not explain_bad(poly) else 0.0
        if narrow < MIN_ACROSS_M - 1e-6:
            return EditError("a room would be narrower than 1 m", where=f"room:{r.id}", room=r.name,
                             limit=MIN_ACROSS_M)
        if explain_bad(poly):
            return EditError("the room would cross itself", where=f"room:{r.id}", room=r.name)
        x0, y0, x1, y1 = poly.bounds
        for other in after.rooms:
            if other.storey != r.storey or other.id == r.id:
                continue
            xs = [p[0] for p in other.polygon]
            ys = [p[1] for p in other.polygon]
            if min(xs) >= x1 - TOL_M or max(xs) <= x0 + TOL_M or \
                    min(ys) >= y1 - TOL_M or max(ys) <= y0 + TOL_M:
                continue  # their boxes do not overlap
            shared = poly.intersection(shape(other)).area
            if shared > OVERLAP_M2 and shared > _overlap(before, r.id, other.id) + OVERLAP_M2:
                return EditError("rooms would overlap", where=f"room:{r.id}", room=r.name, other=other.name)
    for k, (d0, d1) in enumerate(zip(before.doors, after.doors, strict=False)):
        if d0.at == d1.at and all(_same(before, after, rid) for rid in d1.rooms):
            continue
        if not door_fits(after, d1) and door_fits(before, d0):
            return EditError("a door would be off its wall", where=f"door:{k}")
    for k, (w0, w1) in enumerate(zip(before.windows, after.windows, strict=False)):
        if w0.at == w1.at and _same(before, after, w1.room):
            continue
        if not window_fits(after, w1) and window_fits(before, w0):
            return EditError("a window would be off its wall", where=f"window:{k}")
    return None


def _overlap(building: model.Building, a: str, b: str) -> float:
    ra, rb = building.room(a), building.room(b)
    if ra is None or rb is None:
        return 0.0
    pa, pb = polygon(ra.polygon), polygon(rb.polygon)
    return 0.0 if explain_bad(pa) or explain_bad(pb) else pa.intersection(pb).area


def _same(before: model.Building, after: model.Building, room_id: str) -> bool:
    if room_id == model.OUTSIDE:
        return before.footprint == after.footprint
    a, b = before.room(room_id), after.room(room_id)
    return a is not None and b is not None and a.polygon == b.polygon
