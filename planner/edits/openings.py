"""Doors and windows: add on a chosen wall, slide along it, resize, flip, delete."""

from __future__ import annotations

from typing import Any

from shapely import LineString, Point

from planner import model
from planner.edits.base import (
    EditError,
    find_building,
    find_room,
    index,
    number,
    point,
    shared_wall,
    walls_between,
)

DOOR_WIDTH_M = (0.5, 3.0)
DOOR_HEIGHT_M = (1.8, 3.0)
"""A door's clear height the editor accepts; below 2,0 m ``access.door-width`` reports it (TEK17 §12-13)."""
WINDOW_SIZE_M = (0.2, 6.0)
SILL_M = (0.0, 3.0)
HINGES = ("left", "right")


def _place_on(walls: list[LineString], at: list[float] | None, width_m: float) -> list[float]:
    """The point on the nearest of ``walls`` to ``at`` (the middle of the longest when None), moved
    inward so an opening ``width_m`` wide fits; a refusal when no wall is long enough."""
    fitting = [w for w in walls if w.length >= width_m - 1e-9]
    if not fitting:
        raise EditError("the wall is shorter than the opening", width=width_m)
    if at is None:
        wall = max(fitting, key=lambda w: w.length)
        t = wall.length / 2
    else:
        p = Point(at)
        wall = min(fitting, key=lambda w: w.distance(p))
        t = min(max(wall.project(p), width_m / 2), wall.length - width_m / 2)
    q = wall.interpolate(t)
    return [round(q.x, 3), round(q.y, 3)]


def _door(plan: model.Plan, building_id: Any, k: Any) -> tuple[model.Building, model.Door]:
    building = find_building(plan, building_id)
    return building, building.doors[index(k, len(building.doors), "no such door")]


def _window(plan: model.Plan, building_id: Any, k: Any) -> tuple[model.Building, model.Window]:
    building = find_building(plan, building_id)
    return building, building.windows[index(k, len(building.windows), "no such window")]


def add_door(plan: model.Plan, building_id: str, a: str, b: str, width_m: float,
             at: Any = None, swing_into: Any = None, hinge: Any = None, height_m: Any = None) -> int:
    """A door in the wall the two rooms share (``outside`` for an entrance), nearest ``at``
    (the middle of their longest shared wall when None); returns its index."""
    building = find_building(plan, building_id)
    width_m = number(width_m, "width_m", *DOOR_WIDTH_M)
    height = number(height_m, "height_m", *DOOR_HEIGHT_M) if height_m is not None else None
    if a == b:
        raise EditError("a door joins two different rooms")
    if a == model.OUTSIDE:
        a, b = b, a
    for rid in (a, b):
        if rid != model.OUTSIDE and building.room(rid) is None:
            raise EditError("no such room")
    if b != model.OUTSIDE and building.room(a).storey != building.room(b).storey:
        raise EditError("these rooms share no wall")
    to = point(at) if at is not None else None
    walls = walls_between(building, a, b)
    if not walls:
        raise EditError("these rooms share no wall", where=to)
    try:
        spot = _place_on(walls, to, width_m)
    except EditError:
        raise EditError("the wall is shorter than the door") from None
    door = model.Door(rooms=[a, b] if b != model.OUTSIDE else [model.OUTSIDE, a], at=spot, width_m=width_m,
                      height_m=height)
    building.doors.append(door)
    _swing(door, swing_into, hinge)
    return len(building.doors) - 1


def add_door_at(plan: model.Plan, building_id: str, at: Any, width_m: float = 0.9, storey: Any = 1) -> int:
    """A door on the wall nearest the tapped point ``at``: between the two rooms whose walls
    meet there (or the room and outside on an outer wall)."""
    building = find_building(plan, building_id)
    p = Point(point(at))
    rooms = [r for r in building.rooms if r.storey == storey]
    near = sorted((LineString(model._ring(r.polygon) + model._ring(r.polygon)[:1]).distance(p), r.id)
                   for r in rooms)
    near = [rid for dist, rid in near if dist <= 0.3]
    if not near:
        raise EditError("tap a wall", where=list(p.coords[0]))
    for i, a in enumerate(near):
        for b in near[i + 1:] + [model.OUTSIDE]:
            for wall in walls_between(building, a, b):
                if wall.distance(p) <= 0.3:
                    return add_door(plan, building_id, a, b, width_m, at=list(p.coords[0]))
    raise EditError("tap a wall", where=list(p.coords[0]))


def _swing(door: model.Door, swing_into: Any, hinge: Any) -> None:
    if swing_into is not None:
        if swing_into not in door.rooms or swing_into == model.OUTSIDE:
            raise EditError("a door opens into one of its rooms")
        door.swing_into = swing_into
    if hinge is not None:
        if hinge not in HINGES:
            raise EditError("a hinge is left or right")
        door.hinge = hinge


def move_door(plan: model.Plan, building_id: str, k: Any, at: Any) -> None:
    """Slide a door along the wall between its rooms to the point nearest ``at``."""
    building, door = _door(plan, building_id, k)
    walls = walls_between(building, *door.rooms)
    if not walls:
        raise EditError("these rooms share no wall", where=f"door:{k}")
    to = point(at)
    try:
        door.at = _place_on(walls, to, door.width_m)
    except EditError:
        raise EditError("the wall is shorter than the door", where=f"door:{k}") from None


def set_door(plan: model.Plan, building_id: str, k: Any, width_m: Any = None, swing_into: Any = None,
             hinge: Any = None, height_m: Any = None) -> None:
    """Change a door's width (it stays on its wall), its clear height, its swing or its hinge side."""
    building, door = _door(plan, building_id, k)
    if width_m is not None:
        width_m = number(width_m, "width_m", *DOOR_WIDTH_M)
        walls = walls_between(building, *door.rooms)
        try:
            door.at = _place_on(walls, door.at, width_m)
        except EditError:
            raise EditError("the wall is shorter than the door", where=f"door:{k}") from None
        door.width_m = width_m
    if height_m is not None:
        door.height_m = number(height_m, "height_m", *DOOR_HEIGHT_M)
    _swing(door, swing_into, hinge)


def flip_door(plan: model.Plan, building_id: str, k: Any, what: Any = "swing") -> None:
    """Turn the swing to the other room (``swing``) or the hinge to the other side (``hinge``);
    an entrance door always opens inward, so its swing flips the hinge."""
    _, door = _door(plan, building_id, k)
    if what == "swing" and not door.is_entrance:
        a, b = door.rooms
        door.swing_into = a if door.opens_into == b else b
    elif what in ("swing", "hinge"):
        door.hinge = "left" if door.hinge == "right" else "right"
    else:
        raise EditError("flip the swing or the hinge")


def delete_door(plan: model.Plan, building_id: str, k: Any) -> None:
    building, _ = _door(plan, building_id, k)
    del building.doors[k]


def add_window(plan: model.Plan, room_id: str, width_m: float, height_m: float, at: Any = None,
               sill_m: Any = None) -> int:
    """A window in an outer wall of the room: nearest ``at``, or the middle of its longest outer wall."""
    building, room = find_room(plan, room_id)
    width_m = number(width_m, "width_m", *WINDOW_SIZE_M)
    height_m = number(height_m, "height_m", *WINDOW_SIZE_M)
    walls = walls_between(building, room_id, model.OUTSIDE)
    if not walls:
        raise EditError("this room has no outer wall", where=f"room:{room.id}")
    to = point(at) if at is not None else None
    try:
        spot = _place_on(walls, to, width_m)
    except EditError:
        raise EditError("the wall is shorter than the window", where=f"room:{room.id}") from None
    window = model.Window(room=room_id, at=spot, width_m=width_m, height_m=height_m)
    if sill_m is not None:
        window.sill_m = number(sill_m, "sill_m", *SILL_M)
    building.windows.append(window)
    return len(building.windows) - 1


def move_window(plan: model.Plan, building_id: str, k: Any, at: Any) -> None:
    """Slide a window along its room's outer walls to the point nearest ``at``."""
    building, window = _window(plan, building_id, k)
    walls = walls_between(building, window.room, model.OUTSIDE)
    to = point(at)
    try:
        window.at = _place_on(walls, to, window.width_m)
    except EditError:
        raise EditError("the wall is shorter than the window", where=f"window:{k}") from None


def set_window(plan: model.Plan, building_id: str, k: Any, width_m: Any = None, height_m: Any = None,
               sill_m: Any = None) -> None:
    """Change a window's size (it stays on its wall) or its sill height."""
    building, window = _window(plan, building_id, k)
    if width_m is not None:
        width_m = number(width_m, "width_m", *WINDOW_SIZE_M)
        try:
            window.at = _place_on(walls_between(building, window.room, model.OUTSIDE), window.at, width_m)
        except EditError:
            raise EditError("the wall is shorter than the window", where=f"window:{k}") from None
        window.width_m = width_m
    if height_m is not None:
        window.height_m = number(height_m, "height_m", *WINDOW_SIZE_M)
    if sill_m is not None:
        window.sill_m = number(sill_m, "sill_m", *SILL_M)


def delete_window(plan: model.Plan, building_id: str, k: Any) -> None:
    building, _ = _window(plan, building_id, k)
    del building.windows[k]


def remove_door(plan: model.Plan, building_id: str, k: int) -> None:
    """The form's name for :func:`delete_door`."""
    delete_door(plan, building_id, k)


def remove_window(plan: model.Plan, building_id: str, k: int) -> None:
    """The form's name for :func:`delete_window`."""
    delete_window(plan, building_id, k)


__all__ = ["add_door", "add_door_at", "add_window", "delete_door", "delete_window", "flip_door",
           "move_door", "move_window", "remove_door", "remove_window", "set_door", "set_window",
           "shared_wall"]
