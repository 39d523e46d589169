"""Room edits: move a wall, set a size, split, merge, rename, add a room in uncovered space."""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely import LineString, Point, box
from shapely.ops import split

from planner import model
from planner.edits.base import (
    MIN_ACROSS_M,
    TOL_M,
    EditError,
    copy_building,
    explain_bad,
    find_building,
    find_room,
    limits_broken,
    number,
    outward,
    point,
    walls_of,
)
from planner.geometry import polygon

MAX_DEPTH_M = 100.0
MIN_DEPTH_M = 0.5
"""The form's range for a typed size (the editor's own limit, 1 m across, is checked after)."""


def moved_with(plan: model.Plan, room_id: str, edge: int) -> list[model.Room]:
    """The other rooms of the storey that change when this wall moves: those with a corner on its line.

    >>> plan = model.Plan(model.Project("P", "K"), model.Plot([[0, 0], [9, 0], [9, 9], [0, 9]], [0]), [], [
    ...     model.Building("A", "h", [[0, 0], [8, 0], [8, 4], [0, 4]], 1, rooms=[
    ...         model.Room("a", "bedroom", "A", 1, [[0, 0], [4, 0], [4, 4], [0, 4]]),
    ...         model.Room("b", "bedroom", "B", 1, [[4, 0], [8, 0], [8, 4], [4, 4]])])])
    >>> [r.id for r in moved_with(plan, "a", 1)], [r.id for r in moved_with(plan, "a", 3)]
    (['b'], [])
    """
    building, room = find_room(plan, room_id)
    if edge not in {i for i, _, _ in walls_of(room)}:
        raise EditError("no such wall")
    nx, ny, line = outward(room.polygon, edge)
    return [r for r in building.rooms if r.storey == room.storey and r.id != room.id
            and any(abs(p[0] * nx + p[1] * ny - line) <= TOL_M for p in r.polygon)]


def shift_line(building: model.Building, storeys: set[int], nx: float, ny: float, line: float,
               shift: float) -> None:
    """Move every corner on the line ``p·n = line`` by ``shift`` m along n: the rooms of those
    storeys, the footprint, and the doors and windows on the line."""
    def moved(p: list[float]) -> list[float]:
        if abs(p[0] * nx + p[1] * ny - line) <= TOL_M:
            return [round(p[0] + nx * shift, 4), round(p[1] + ny * shift, 4)]
        return p

    for r in building.rooms:
        if r.storey in storeys:
            r.polygon = [moved(p) for p in r.polygon]
    building.footprint = [moved(p) for p in building.footprint]
    on_storeys = {r.id for r in building.rooms if r.storey in storeys} | {model.OUTSIDE}
    for d in building.doors:
        if set(d.rooms) <= on_storeys:
            d.at = moved(d.at)
    for w in building.windows:
        if w.room in on_storeys:
            w.at = moved(w.at)


def _clamped_shift(building: model.Building, storeys: set[int], nx: float, ny: float, line: float,
                   shift: float, clamp: bool) -> tuple[model.Building, EditError | None]:
    """The building with the line moved by ``shift``, or as far as the limits allow (``clamp``).

    Returns the moved building and the limit that stopped it (None when it went all the way).
    Without ``clamp`` a broken limit is raised.
    """
    def attempt(s: float) -> tuple[model.Building, EditError | None]:
        b = copy_building(building)
        shift_line(b, storeys, nx, ny, line, s)
        return b, limits_broken(building, b, storeys, nx, ny)

    moved, broken = attempt(shift)
    if broken is None:
        return moved, None
    if not clamp:
        raise broken
    lo, hi = 0.0, 1.0
    for _ in range(14):
        mid = (lo + hi) / 2
        if attempt(shift * mid)[1] is None:
            lo = mid
        else:
            hi = mid
    best = round(shift * lo, 2)
    b, problem = attempt(best)
    if problem is not None:
        best = math.trunc(shift * lo / 0.01) * 0.01
        b, problem = attempt(best)
    if problem is not None:
        b, best = copy_building(building), 0.0
    step = math.copysign(0.01, shift)
    return b, attempt(best + step)[1] or broken


def _replace(plan: model.Plan, old: model.Building, new: model.Building) -> None:
    plan.buildings[plan.buildings.index(old)] = new


def move_wall(plan: model.Plan, room_id: str, edge: int, new_depth_m: float | None = None, *,
              offset_m: float | None = None, clamp: bool = False) -> EditError | None:
    """Move one wall of a room, to ``new_depth_m`` across it or by ``offset_m`` outward.

    The whole straight wall line moves, with the corners of every room of that storey
    on it (:func:`moved_with`; and the building's outline, doors and windows there
    when it is an outer wall). A move that would make a room narrower than 1 m, or
    put a door or window off its wall, is refused; with ``clamp`` it stops at the limit
    instead and the limit is returned.
    """
    building, room = find_room(plan, room_id)
    walls = {i: d for i, _, d in walls_of(room)}
    if isinstance(edge, bool) or not isinstance(edge, int) or edge not in walls:
        raise EditError("no such wall")
    if new_depth_m is not None:
        if not MIN_DEPTH_M <= new_depth_m <= MAX_DEPTH_M:
            raise EditError("dimension out of range")
        shift = new_depth_m - walls[edge]
    else:
        shift = number(offset_m, "offset_m", -MAX_DEPTH_M, MAX_DEPTH_M)
    if abs(shift) < TOL_M / 10:
        return None
    nx, ny, line = outward(room.polygon, edge)
    moved, stopped = _clamped_shift(building, {room.storey}, nx, ny, line, shift, clamp)
    _replace(plan, building, moved)
    return stopped


def set_room(plan: model.Plan, room_id: str, name: Any = None, type: Any = None) -> None:
    """Rename a room or change its kind."""
    _, room = find_room(plan, room_id)
    if name is not None:
        if not isinstance(name, str) or not name.strip() or len(name) > 80 or "\x00" in name:
            raise EditError("a room needs a name")
        room.name = name.strip()
    if type is not None:
        if type not in model.ROOM_TYPES:
            raise EditError("no such room type")
        room.type = type


def _new_id(building: model.Building, plan: model.Plan, base: str) -> str:
    used = {r.id for _, r in plan.all_rooms()}
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def _coords(poly: Any) -> model.Coords:
    return [[round(x, 4), round(y, 4)] for x, y in list(poly.exterior.coords)[:-1]]


def _min_across(poly: Any) -> float:
    """The narrower side of the polygon's smallest enclosing rotated rectangle, in m."""
    rect = shapely.minimum_rotated_rectangle(poly)
    pts = list(rect.exterior.coords)
    return min(math.dist(pts[0], pts[1]), math.dist(pts[1], pts[2]))


def _owner(building: model.Building, rooms: list[model.Room], at: list[float]) -> model.Room:
    p = Point(at)
    return min(rooms, key=lambda r: polygon(r.polygon).exterior.distance(p))


def split_room(plan: model.Plan, room_id: str, a: Any, b: Any, name: Any = None) -> str:
    """Split a room in two along the line through ``a`` and ``b``; returns the new room's id.

    The line is extended across the whole room. Both parts must be at least 1 m across;
    doors and windows go to the part whose wall they sit on.
    """
    building, room = find_room(plan, room_id)
    pa, pb = point(a, "a"), point(b, "b")
    if math.dist(pa, pb) < 0.1:
        raise EditError("draw a longer line", where=pa)
    poly = polygon(room.polygon)
    far = 2 * (poly.length + math.dist(pa, pb))
    ux, uy = (pb[0] - pa[0]) / math.dist(pa, pb), (pb[1] - pa[1]) / math.dist(pa, pb)
    cut = LineString([(pa[0] - ux * far, pa[1] - uy * far), (pb[0] + ux * far, pb[1] + uy * far)])
    parts = [g for g in split(poly, cut).geoms if g.area > 1e-6]
    if len(parts) != 2:
        raise EditError("the line must cross the room once", where=f"room:{room.id}", room=room.name)
    parts.sort(key=lambda g: -g.area)
    for g in parts:
        if _min_across(g) < MIN_ACROSS_M - 1e-6:
            raise EditError("a room would be narrower than 1 m", where=f"room:{room.id}", room=room.name,
                            limit=MIN_ACROSS_M)
    new = model.Room(id=_new_id(building, plan, room.id), type=room.type,
                     name=(name.strip() if isinstance(name, str) and name.strip() else f"{room.name} 2")[:80],
                     storey=room.storey, polygon=_coords(parts[1]))
    room.polygon = _coords(parts[0])
    building.rooms.insert(building.rooms.index(room) + 1, new)
    for d in building.doors:
        if room.id in d.rooms and _owner(building, [room, new], d.at) is new:
            other = d.rooms[1] if d.rooms[0] == room.id else d.rooms[0]
            d.rooms = [other, new.id] if d.rooms[0] == other else [new.id, other]
            if getattr(d, "swing_into", None) == room.id:
                d.swing_into = new.id
    for w in building.windows:
        if w.room == room.id and _owner(building, [room, new], w.at) is new:
            w.room = new.id
    for u in building.units or []:
        if room.id in u.rooms:
            u.rooms.append(new.id)
    return new.id


def merge_rooms(plan: model.Plan, room_id: str, other_id: str) -> None:
    """Merge ``other_id`` into ``room_id``: two neighbours on one storey sharing a wall become one room."""
    building, room = find_room(plan, room_id)
    b2, other = find_room(plan, other_id)
    if other.id == room.id:
        raise EditError("choose two different rooms")
    if b2 is not building or other.storey != room.storey:
        raise EditError("these rooms are not neighbours", where=f"room:{other.id}")
    union = polygon(room.polygon).union(polygon(other.polygon)).buffer(TOL_M / 2, join_style="mitre") \
        .buffer(-TOL_M / 2, join_style="mitre").simplify(TOL_M / 5)
    if union.geom_type != "Polygon" or list(union.interiors) or explain_bad(union):
        raise EditError("these rooms are not neighbours", where=f"room:{other.id}")
    room.polygon = _coords(union)
    building.doors = [d for d in building.doors if set(d.rooms) != {room.id, other.id}]
    for d in building.doors:
        d.rooms = [room.id if r == other.id else r for r in d.rooms]
        if getattr(d, "swing_into", None) == other.id:
            d.swing_into = room.id
    for w in building.windows:
        if w.room == other.id:
            w.room = room.id
    for u in building.units or []:
        if other.id in u.rooms:
            u.rooms = [r for r in u.rooms if r != other.id] + ([] if room.id in u.rooms else [room.id])
    building.rooms.remove(other)


def add_room(plan: model.Plan, building_id: str, storey: Any, corner_a: Any, corner_b: Any,
             type: Any = "other", name: Any = None) -> str:
    """A new rectangular room between two corners, inside the footprint, over no other room."""
    building = find_building(plan, building_id)
    if isinstance(storey, bool) or not isinstance(storey, int) or not 1 <= storey <= building.storeys:
        raise EditError("no such floor")
    a, b = point(corner_a, "a"), point(corner_b, "b")
    rect = box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
    if _min_across(rect) < MIN_ACROSS_M - 1e-6:
        raise EditError("a room would be narrower than 1 m", where=a, room=name or "", limit=MIN_ACROSS_M)
    if type not in model.ROOM_TYPES:
        raise EditError("no such room type")
    fp = polygon(building.footprint)
    if rect.difference(fp).area > 0.01:
        raise EditError("the new room must lie inside the outline", where=a)
    for r in building.rooms:
        if r.storey == storey and polygon(r.polygon).intersection(rect).area > 0.01:
            raise EditError("the new room would cover another room", where=f"room:{r.id}", room=r.name)
    label = name.strip()[:80] if isinstance(name, str) and name.strip() else None
    rid = _new_id(building, plan, "rom")
    x0, y0, x1, y1 = (round(v, 4) for v in rect.bounds)
    building.rooms.append(model.Room(id=rid, type=type, name=label or rid, storey=storey,
                                     polygon=[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]))
    if building.units:
        building.units[0].rooms.append(rid)
    return rid
