"""Small edits of a drawn plan, as the family types them into forms.

Each function changes the given :class:`~planner.model.Plan` in place and raises
:class:`EditError` (a :class:`PlannerError`) when the edit cannot be made.
"""

from __future__ import annotations

import math

from shapely import LineString, Point
from shapely.ops import linemerge

from planner import model
from planner.errors import PlannerError
from planner.geometry import polygon

TOL_M = 0.01


class EditError(PlannerError):
    """The edit cannot be made; the message is an English key the view translates."""


def find_room(plan: model.Plan, room_id: str) -> tuple[model.Building, model.Room]:
    for b, r in plan.all_rooms():
        if r.id == room_id:
            return b, r
    raise EditError("no such room")


def walls_of(room: model.Room) -> list[tuple[int, str, float]]:
    """The room's walls: (edge index, compass side, the room's depth across that wall in m).

    >>> room = model.Room("r", "bedroom", "S", 1, [[0, 0], [4, 0], [4, 3], [0, 3]])
    >>> [(i, side, round(d, 2)) for i, side, d in walls_of(room)]
    [(0, 'south', 3.0), (1, 'east', 4.0), (2, 'north', 3.0), (3, 'west', 4.0)]
    """
    ring = model._ring(room.polygon)
    poly = polygon(room.polygon)
    out = []
    for i, (a, b) in enumerate(zip(ring, ring[1:] + ring[:1], strict=True)):
        length = math.dist(a, b)
        if length < TOL_M:
            continue
        nx, ny = (b[1] - a[1]) / length, -(b[0] - a[0]) / length  # right-hand normal
        mid = Point((a[0] + b[0]) / 2 + nx * 0.01, (a[1] + b[1]) / 2 + ny * 0.01)
        if poly.contains(mid):
            nx, ny = -nx, -ny  # make it point outward
        side = _side(nx, ny)
        values = [p[0] * nx + p[1] * ny for p in ring]
        out.append((i, side, max(values) - min(values)))
    return out


def _side(nx: float, ny: float) -> str:
    angle = math.degrees(math.atan2(ny, nx)) % 360
    return ("east", "north-east", "north", "north-west", "west", "south-west", "south",
            "south-east")[int(((angle + 22.5) % 360) // 45)]


def _wall_line(room: model.Room, edge: int) -> tuple[float, float, float]:
    """The outward normal (nx, ny) of a room's wall and the wall line's offset along it."""
    ring = model._ring(room.polygon)
    a, b = ring[edge], ring[(edge + 1) % len(ring)]
    length = math.dist(a, b)
    nx, ny = (b[1] - a[1]) / length, -(b[0] - a[0]) / length
    if polygon(room.polygon).contains(Point((a[0] + b[0]) / 2 + nx * 0.01, (a[1] + b[1]) / 2 + ny * 0.01)):
        nx, ny = -nx, -ny
    return nx, ny, a[0] * nx + a[1] * ny


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
    nx, ny, line = _wall_line(room, edge)
    return [r for r in building.rooms if r.storey == room.storey and r.id != room.id
            and any(abs(p[0] * nx + p[1] * ny - line) <= TOL_M for p in r.polygon)]


def move_wall(plan: model.Plan, room_id: str, edge: int, new_depth_m: float) -> None:
    """Move one wall of a room so the room measures ``new_depth_m`` across it.

    The whole straight wall line moves, with the corners of every room of that storey
    on it (:func:`moved_with`; and the building's outline, doors and windows there
    when it is an outer wall).
    """
    building, room = find_room(plan, room_id)
    walls = {i: d for i, _, d in walls_of(room)}
    if edge not in walls:
        raise EditError("no such wall")
    if not 0.5 <= new_depth_m <= 100:
        raise EditError("dimension out of range")
    nx, ny, line = _wall_line(room, edge)
    shift = new_depth_m - walls[edge]
    if abs(shift) < TOL_M / 10:
        return

    def moved(p: list[float]) -> list[float]:
        if abs(p[0] * nx + p[1] * ny - line) <= TOL_M:
            return [round(p[0] + nx * shift, 4), round(p[1] + ny * shift, 4)]
        return p

    for r in building.rooms:
        if r.storey == room.storey:
            r.polygon = [moved(p) for p in r.polygon]
    building.footprint = [moved(p) for p in building.footprint]
    for d in building.doors:
        d.at = moved(d.at)
    for w in building.windows:
        w.at = moved(w.at)


def _shared(plan_building: model.Building, a: str, b: str) -> LineString | None:
    """The longest straight stretch of wall between rooms ``a`` and ``b`` (or ``outside``)."""
    def outline(room_id: str):  # type: ignore[no-untyped-def]
        if room_id == model.OUTSIDE:
            return polygon(plan_building.footprint).exterior
        room = plan_building.room(room_id)
        if room is None:
            raise EditError("no such room")
        return polygon(room.polygon).exterior

    common = outline(a).buffer(TOL_M).intersection(outline(b))
    merged = linemerge(common) if common.geom_type.startswith("Multi") else common
    parts = getattr(merged, "geoms", [merged])
    lines = [p for p in parts if p.geom_type == "LineString" and p.length > 0]
    return max(lines, key=lambda line: line.length) if lines else None


def add_door(plan: model.Plan, building_id: str, a: str, b: str, width_m: float) -> None:
    """A door in the middle of the wall the two rooms share (``outside`` for an entrance)."""
    building = plan.building(building_id)
    if building is None:
        raise EditError("no such room")
    if a == b:
        raise EditError("a door joins two different rooms")
    if a == model.OUTSIDE:
        a, b = b, a
    wall = _shared(building, a, b)
    if wall is None:
        raise EditError("these rooms share no wall")
    if wall.length < width_m:
        raise EditError("the wall is shorter than the door")
    at = wall.interpolate(0.5, normalized=True)
    building.doors.append(model.Door(rooms=[a, b] if b != model.OUTSIDE else [model.OUTSIDE, a],
                                     at=[round(at.x, 3), round(at.y, 3)], width_m=width_m))


def add_window(plan: model.Plan, room_id: str, width_m: float, height_m: float) -> None:
    """A window in the middle of the room's longest outer wall."""
    building, room = find_room(plan, room_id)
    wall = _shared(building, room_id, model.OUTSIDE)
    if wall is None:
        raise EditError("this room has no outer wall")
    if wall.length < width_m:
        raise EditError("the wall is shorter than the window")
    at = wall.interpolate(0.5, normalized=True)
    building.windows.append(model.Window(room=room_id, at=[round(at.x, 3), round(at.y, 3)],
                                         width_m=width_m, height_m=height_m))


def remove_door(plan: model.Plan, building_id: str, index: int) -> None:
    building = plan.building(building_id)
    if building is None or not 0 <= index < len(building.doors):
        raise EditError("no such door")
    del building.doors[index]


def remove_window(plan: model.Plan, building_id: str, index: int) -> None:
    building = plan.building(building_id)
    if building is None or not 0 <= index < len(building.windows):
        raise EditError("no such window")
    del building.windows[index]


def suggest_room_needs(household: model.Household) -> list[model.RoomNeed]:
    """Room needs from the household's size: a bedroom for the adults and one per child.

    >>> h = model.Household("h", "H", members=[model.Member("adult"), model.Member("adult"),
    ...                                        model.Member("child", age=4)])
    >>> [(n.type, n.count) for n in suggest_room_needs(h)]  # doctest: +NORMALIZE_WHITESPACE
    [('entry', 1), ('living', 1), ('kitchen', 1), ('bedroom', 2), ('bathroom', 1), ('storage', 1)]
    """
    adults = sum(1 for m in household.members if m.role == "adult")
    children = sum(1 for m in household.members if m.role == "child")
    bedrooms = max(1, (1 if adults else 0) + max(0, adults - 2) + children)
    people = max(1, adults + children)
    return [model.RoomNeed("entry", 1), model.RoomNeed("living", 1, 15.0 + 2.0 * max(0, people - 2)),
            model.RoomNeed("kitchen", 1, 6.0), model.RoomNeed("bedroom", bedrooms, 7.0),
            model.RoomNeed("bathroom", 1, 4.0), model.RoomNeed("storage", 1, 5.0)]
