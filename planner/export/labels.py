"""Where room labels go on a floor plan's sheet, shared by the SVG sheet and the DXF: each label's
lines, and a place for its block clear of the texts placed before it, the door swings and the stairs,
inside its room (or beside a narrow stair with a leader).

Every length here is in paper millimetres (a :class:`~planner.export.sheet.View` turns plan metres
into paper).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import shapely
import shapely.ops
from shapely import Polygon

from planner.export.drawing import FloorDrawing, Pt, label_point
from planner.export.sheet import FreeSpace, TextBox, View, corners_inside, text_box, text_width, wrap
from planner.export.style import area_text, clean, num

OVERLAY_MIN_MM = 1.5
"""Smallest text of an overlay label before it wraps."""
OVERLAY_MAX_LINES = 4
"""Most lines an overlay label takes in its room; the last is cut with "…"."""
MIN_TEXT_MM = 2.0
"""No text on a sheet is smaller than this on paper."""
MAX_CANDIDATES = 80
"""Most places tried for a room's label, nearest its centre first (about 2 cm around it at 1.5 mm steps)."""


def label_lines(floor: FloorDrawing, lb, size: float, overlay: Mapping[str, tuple[str, str]],
                k: float) -> list[tuple[str, float, bool]]:
    """A room label's lines: name, net area, clear size (or rise × going of a stair), overlay lines."""
    lines: list[tuple[str, float, bool]] = [(lb.room.name, size, True),
                                            (area_text(lb.net_m2), max(size * 0.85, MIN_TEXT_MM), False)]
    stair = next((st for st in floor.stair_symbols if st.room.id == lb.room.id), None)
    if stair is not None:
        lines.append((stair.rise_text, MIN_TEXT_MM, False))
    elif lb.size_m and size * 0.7 >= MIN_TEXT_MM:
        lines.append((f"{num(lb.size_m[0], 2)} × {num(lb.size_m[1], 2)}", size * 0.7, False))
    if lb.room.id in overlay:
        lines += [(text, max(s, MIN_TEXT_MM), True)
                  for text, s in _overlay_lines(overlay[lb.room.id][0], size * 0.8, lb.room_m * k * 0.9)]
    return lines


def _block(lines: list[tuple[str, float, bool]], at: tuple[float, float], rot: float) -> list:
    """Baselines of the lines of a label block centred on ``at`` (paper)."""
    total = sum(s * 1.25 for _, s, _ in lines)
    y = -total / 2
    out = []
    for text, s, bold in lines:
        y += s
        pos = (at[0] + y - s * 0.3, at[1]) if rot else (at[0], at[1] + y - s * 0.3)
        out.append((text, s, bold, pos))
        y += s * 0.25
    return out


def candidates(net, view: View, step_mm: float = 1.5) -> list[tuple[float, float]]:
    """Paper points inside a room's net area on a grid, nearest the label point first."""
    if net.is_empty:
        return []
    origin = view.p(label_point(net))
    return [origin] + [(float(x), float(y)) for x, y in _grid(net, view, origin, step_mm)]


def _grid(net, view: View, origin: tuple[float, float], step_mm: float = 1.5,
          limit: int = MAX_CANDIDATES) -> np.ndarray:
    """The points of a paper grid inside ``net`` (plan), nearest ``origin`` first, at most
    ``limit`` (n × 2)."""
    minx, miny, maxx, maxy = net.bounds
    (x0, y1), (x1, y0) = view.p((minx, miny)), view.p((maxx, maxy))
    xs = x0 + np.arange(int((x1 - x0) / step_mm) + 1) * step_mm
    ys = y0 + np.arange(int((y1 - y0) / step_mm) + 1) * step_mm
    gx, gy = np.repeat(xs, len(ys)), np.tile(ys, len(xs))
    inside = shapely.contains_xy(net, (gx - view.px) / view.k + view.cx, -(gy - view.py) / view.k + view.cy)
    pts = np.column_stack([gx[inside], gy[inside]])
    order = np.argsort(np.hypot(pts[:, 0] - origin[0], pts[:, 1] - origin[1]), kind="stable")
    return pts[order[:limit]]


LEADER_REACH_MM = 30.0
"""How far from a stair its label may stand when it has no room on the stair (paper mm)."""


def place_labels(taken, view: View, floor: FloorDrawing, overlay: Mapping[str, tuple[str, str]]) -> list:
    """Where each room's label goes on paper: clear of the texts in ``taken`` (a :class:`Sheet` or
    :class:`~planner.export.sheet.Boxes`, which gets each placed label), the door swings and the
    stairs' treads, walking lines, arrows and break lines, its corners on the room's floor (grown by
    0.8 mm: a label may reach a little over its edge), moved within the room when its centre is
    taken; the small rooms choose first. A stair's label that finds no place on the stair (a narrow
    one: its treads cross it from wall to wall) stands beside it, in the nearest free place on
    another room's floor, with a leader to the stair; it chooses after every other room.
    Returns ``(label, rotation, [(text, size, bold, baseline)], leader)`` per room, ``leader`` being
    ``None`` or ``(from, to)`` on paper. The SVG sheet and the DXF both place their labels with it.

    The labels' own places are tested in one go against what was there before (texts, swings,
    floors); then, smallest room first, against the labels placed before it; a label whose place
    is taken tries every point of a grid in its room at once (:class:`FreeSpace`)."""
    labels = sorted(floor.labels, key=lambda lb: lb.net_m2)
    if not labels:
        return []
    space = FreeSpace(taken.boxes, _swings(view, floor))
    nets = {floor.geo.rooms[i].id: floor.geo.nets[i] for i in floor.positions}
    stairs = {st.room.id for st in floor.stair_symbols}
    blocks = []
    for lb in labels:
        rot = -90.0 if lb.vertical else 0.0
        lines = label_lines(floor, lb, lb.height_m * view.k, overlay, view.k)
        blocks.append((rot, lines, _offsets(lines, rot)))
    areas = _paper_floors([nets.get(lb.room.id) for lb in labels], view)
    homes = np.array([view.p(lb.point) for lb in labels])
    width = max(len(o) for _, _, o in blocks)
    boxes = np.full((len(labels), width, 4), np.nan)
    for k, (_, _, o) in enumerate(blocks):
        boxes[k, :len(o)] = o + np.tile(homes[k], 2)
    at_home = space.clear(boxes)
    some = np.array([a is not None for a in areas])
    if some.any():
        at_home[some] &= corners_inside(areas[some], boxes[some])
    placed = FreeSpace()
    chosen: dict[int, tuple[tuple[float, float], tuple | None]] = {}
    beside = []
    for k, lb in enumerate(labels):
        offsets = blocks[k][2]
        home = (float(homes[k, 0]), float(homes[k, 1]))
        at: tuple[float, float] | None = home
        if not (at_home[k] and placed.clear(boxes[k:k + 1, :len(offsets)])[0]):
            net = nets.get(lb.room.id)
            at = None if lb.room.id in stairs else home  # a stair's label never crosses its treads
            if net is not None and not net.is_empty:
                grid = _grid(net, view, home)
                j = space.first_free(grid, offsets, areas[k])
                if j is not None:
                    at = (float(grid[j, 0]), float(grid[j, 1]))
            if at is None:
                beside.append(k)
                continue
        chosen[k] = (at, None)
        _take(taken, (space, placed), offsets, at)
    for k in beside:
        offsets = blocks[k][2]
        spot = _beside(space, view, nets, labels[k].room.id, offsets)
        at = spot[0] if spot else (float(homes[k, 0]), float(homes[k, 1]))
        chosen[k] = (at, spot[1] if spot else None)
        _take(taken, (space, placed), offsets, at)
    return [(lb, blocks[k][0], _block(blocks[k][1], chosen[k][0], blocks[k][0]), chosen[k][1])
            for k, lb in enumerate(labels)]


def _take(taken, spaces, offsets: np.ndarray, at: tuple[float, float]) -> None:
    """A label block placed at ``at``: its boxes are taken."""
    for x0, y0, x1, y1 in offsets + np.tile(at, 2):
        box = TextBox.of_bounds(float(x0), float(y0), float(x1), float(y1))
        taken.boxes.append(box)
        for space in spaces:
            space.add(box)


def _beside(space: FreeSpace, view: View, nets: Mapping, stair_id: str,
            offsets: np.ndarray) -> tuple[Pt, tuple[Pt, Pt]] | None:
    """The nearest free place for a stair's label on another room's floor, within
    :data:`LEADER_REACH_MM` of the stair, and the leader from the label's edge to a dot on the stair."""
    stair = nets.get(stair_id)
    if stair is None or stair.is_empty:
        return None
    paper = view.paper_geoms(np.array([stair], dtype=object))[0]
    centre = paper.representative_point()
    others = [net for rid, net in nets.items() if rid != stair_id and net is not None and not net.is_empty]
    best: tuple[float, tuple[float, float]] | None = None
    for net, area in zip(others, _paper_floors(others, view), strict=True):
        if area is None or area.distance(paper) > LEADER_REACH_MM:
            continue
        grid = _grid(net, view, (centre.x, centre.y), limit=400)
        j = space.first_free(grid, offsets, area)
        if j is None:
            continue
        at = (float(grid[j, 0]), float(grid[j, 1]))
        d = math.dist(at, (centre.x, centre.y))
        if d <= LEADER_REACH_MM and (best is None or d < best[0]):
            best = (d, at)
    if best is None:
        return None
    at = best[1]
    block = shapely.box(at[0] + offsets[:, 0].min(), at[1] + offsets[:, 1].min(),
                        at[0] + offsets[:, 2].max(), at[1] + offsets[:, 3].max())
    on_stair, on_label = shapely.ops.nearest_points(paper, block)
    inward = (centre.x - on_stair.x, centre.y - on_stair.y)
    n = math.hypot(*inward) or 1.0
    reach = min(2.0, n)  # the dot a little inside the stair
    end = (on_stair.x + inward[0] / n * reach, on_stair.y + inward[1] / n * reach)
    return at, ((on_label.x, on_label.y), end)


def _swings(view: View, floor: FloorDrawing) -> list:
    """The door swings (leaf and arc) and each stair's treads, walking line, arrow and break line on
    paper: no label goes over them."""
    out = [Polygon([view.p(q) for q in [d.hinge, *d.arc_points(8)]]) for d in floor.doors if d.has_leaf]
    for st in floor.stair_symbols:
        out.append(Polygon([view.p(q) for q in st.arrow]))
        lines = [[view.p(a), view.p(b)] for a, b in st.treads] + [[view.p(q) for q in st.walk]]
        if len(st.break_line) >= 2:
            lines.append([view.p(q) for q in st.break_line])
        out.append(shapely.buffer(shapely.MultiLineString(lines), 0.15, cap_style="flat"))
    return out


def _offsets(lines: list[tuple[str, float, bool]], rot: float) -> np.ndarray:
    """The bounds of each line's box of a label block, relative to the block's centre (k × 4)."""
    return np.array([text_box(pos, clean(text), s, "middle", bold, rot).bounds
                     for text, s, bold, pos in _block(lines, (0.0, 0.0), rot)])


def _paper_floors(nets: list, view: View) -> np.ndarray:
    """Each room's floor on paper, grown by 0.8 mm and prepared (``None`` for a room without one)."""
    out = np.full(len(nets), None, dtype=object)
    keep = [k for k, n in enumerate(nets) if n is not None and not n.is_empty]
    if keep:
        grown = shapely.buffer(view.paper_geoms(np.array([nets[k] for k in keep], dtype=object)), 0.8)
        shapely.prepare(grown)
        out[keep] = grown
    return out


def _overlay_lines(label: str, size: float, room_mm: float) -> list[tuple[str, float]]:
    """An overlay label as lines that fit the room: one per ``;``-separated part, wrapped, the
    text made smaller (to 1.5 mm) before it wraps, and at most four lines, the last cut with "…".

    >>> _overlay_lines("Male vegger · 7,7 t; Legge gulv (parkett eller laminat) · 6 t", 2.4, 30)
    [('Male vegger · 7,7 t', 1.5), ('Legge gulv (parkett eller', 1.5), ('laminat) · 6 t', 1.5)]
    """
    parts = [p.strip() for p in clean(label, 200).split(";") if p.strip()]
    if not parts:
        return []
    if room_mm <= 0:
        return [(clean(label, 60), size)]
    longest = max(text_width(p, size) for p in parts)
    size = max(OVERLAY_MIN_MM, math.floor(min(size, size * room_mm / longest) * 10) / 10)
    lines: list[str] = []
    for part in parts:  # "task · hours": the hours stay on the task's last line
        task, dot, hours = part.rpartition(" · ")
        tail = f" · {hours}" if dot else ""
        words = wrap(task if dot else part, max(room_mm - text_width(tail, size), room_mm / 2), size) or [""]
        lines += words[:-1] + [words[-1] + tail]
    if len(lines) > OVERLAY_MAX_LINES:
        lines = lines[:OVERLAY_MAX_LINES]
        lines[-1] = lines[-1].rstrip(" ·") + "…"
    return [(line, size) for line in lines]
