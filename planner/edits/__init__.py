"""Plan edits: Plan -> Plan, pure, refusing with a reason.

The room page's forms, the editor's JSON API and its undo all call these. Each edit
kind is a function that changes a :class:`~planner.model.Plan` in place and raises
:class:`EditError` (a message key, its params and the place to mark) when it cannot be
made; :func:`apply` runs one edit, given as a plain dict, on a copy and returns it:

>>> from planner import model
>>> plan = model.Plan(model.Project("P", "K"), model.Plot([[0, 0], [9, 0], [9, 9], [0, 9]], [0]), [], [
...     model.Building("A", "h", [[0, 0], [8, 0], [8, 4], [0, 4]], 1, rooms=[
...         model.Room("a", "bedroom", "A", 1, [[0, 0], [4, 0], [4, 4], [0, 4]]),
...         model.Room("b", "bedroom", "B", 1, [[4, 0], [8, 0], [8, 4], [4, 4]])])])
>>> done = apply(plan, {"kind": "move_wall", "room": "a", "edge": 1, "offset_m": 0.5})
>>> done.plan.buildings[0].rooms[1].polygon[0], plan.buildings[0].rooms[1].polygon[0]
([4.5, 0.0], [4, 0])
>>> dragged = apply(plan, {"kind": "move_wall", "room": "a", "edge": 1, "offset_m": 3.5, "clamp": True})
>>> dragged.stopped.key, dragged.plan.buildings[0].rooms[1].polygon[0]
('a room would be narrower than 1 m', [7.0, 0.0])
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from planner import model
from planner.edits.base import (
    MIN_ACROSS_M,
    EditError,
    door_fits,
    find_room,
    walls_of,
    window_fits,
)
from planner.edits.openings import (
    DOOR_HEIGHT_M,
    DOOR_WIDTH_M,
    SILL_M,
    WINDOW_SIZE_M,
    add_door,
    add_door_at,
    add_window,
    delete_door,
    delete_window,
    flip_door,
    move_door,
    move_window,
    remove_door,
    remove_window,
    set_door,
    set_window,
    shared_wall,
)
from planner.edits.outline import move_footprint_corner, move_footprint_edge
from planner.edits.plot import (
    KEEP,
    ROAD_CENTRE_M,
    move_plot_corner,
    outline_from_sides,
    set_plot_corners,
    set_plot_sides,
    set_road_edge,
)
from planner.edits.program import suggest_room_needs
from planner.edits.rooms import add_room, merge_rooms, move_wall, moved_with, set_room, split_room

DIMENSION_M = (0.5, 100.0)
"""A room's size across a wall as it may be typed."""


def _set_dimension(plan: model.Plan, room: Any, edge: Any, value_m: Any) -> None:
    """Type a room's size across one wall exactly (the wall moves; refused past the limits)."""
    from planner.edits.base import number

    move_wall(plan, room, edge, number(value_m, "value_m", *DIMENSION_M))


def _move_wall(plan: model.Plan, room: Any, edge: Any, offset_m: Any = None, depth_m: Any = None,
               clamp: Any = False) -> EditError | None:
    if depth_m is not None:
        from planner.edits.base import number

        depth_m = number(depth_m, "depth_m", *DIMENSION_M)
    elif offset_m is None:
        raise EditError("not a number", field="offset_m")
    return move_wall(plan, room, edge, depth_m, offset_m=offset_m, clamp=clamp is True)


def _add_door(plan: model.Plan, building: Any, rooms: Any = None, at: Any = None, width_m: Any = 0.9,
              storey: Any = 1, swing_into: Any = None, hinge: Any = None, height_m: Any = None) -> int:
    if rooms is None:
        if at is None:
            raise EditError("tap a wall")
        return add_door_at(plan, building, at, width_m, storey)
    if not isinstance(rooms, list) or len(rooms) != 2 or not all(isinstance(r, str) for r in rooms):
        raise EditError("no such room")
    return add_door(plan, building, rooms[0], rooms[1], width_m, at=at, swing_into=swing_into, hinge=hinge,
                    height_m=height_m)


def _add_window(plan: model.Plan, room: Any, at: Any = None, width_m: Any = 1.2, height_m: Any = 1.3,
                sill_m: Any = None) -> int:
    return add_window(plan, room, width_m, height_m, at=at, sill_m=sill_m)


KINDS: dict[str, Callable[..., Any]] = {
    "move_wall": _move_wall,
    "set_dimension": _set_dimension,
    "split_room": lambda plan, room, a, b, name=None: split_room(plan, room, a, b, name),
    "merge_rooms": lambda plan, room, other: merge_rooms(plan, room, other),
    "set_room": lambda plan, room, name=None, type=None: set_room(plan, room, name, type),
    "add_room": lambda plan, building, storey, a, b, type="other", name=None: add_room(
        plan, building, storey, a, b, type, name),
    "add_door": _add_door,
    "move_door": lambda plan, building, door, at: move_door(plan, building, door, at),
    "set_door": lambda plan, building, door, width_m=None, swing_into=None, hinge=None, height_m=None: (
        set_door(plan, building, door, width_m, swing_into, hinge, height_m)),
    "flip_door": lambda plan, building, door, what="swing": flip_door(plan, building, door, what),
    "delete_door": lambda plan, building, door: delete_door(plan, building, door),
    "add_window": _add_window,
    "move_window": lambda plan, building, window, at: move_window(plan, building, window, at),
    "set_window": lambda plan, building, window, width_m=None, height_m=None, sill_m=None: set_window(
        plan, building, window, width_m, height_m, sill_m),
    "delete_window": lambda plan, building, window: delete_window(plan, building, window),
    "move_footprint_corner": lambda plan, building, corner, to: move_footprint_corner(
        plan, building, corner, to),
    "move_footprint_edge": lambda plan, building, edge, offset_m, clamp=False: move_footprint_edge(
        plan, building, edge, offset_m, clamp is True),
    "plot_sides": lambda plan, sides, start=(0.0, 0.0), bearing_deg=0.0: set_plot_sides(
        plan, sides, start, bearing_deg),
    "plot_corners": lambda plan, corners: set_plot_corners(plan, corners),
    "move_plot_corner": lambda plan, corner, to: move_plot_corner(plan, corner, to),
    "set_road_edge": lambda plan, edge, road=True, road_kind=None, name=None, centre_m=KEEP: set_road_edge(
        plan, edge, road, road_kind, name, centre_m),
}
"""Edit kind -> the function applying it; the edit dict's other keys are its arguments."""

LIMITS: dict[str, tuple[float, float]] = {
    "door_width_m": DOOR_WIDTH_M, "door_height_m": DOOR_HEIGHT_M, "window_m": WINDOW_SIZE_M, "sill_m": SILL_M,
    "dimension_m": DIMENSION_M, "road_centre_m": ROAD_CENTRE_M,
}
"""The ranges the edits accept for typed numbers (the editor checks them before it asks)."""

PLOT_KINDS = frozenset({"plot_sides", "plot_corners", "move_plot_corner", "set_road_edge"})
"""Kinds that change only the plot (open to the municipal planner as well as the family)."""


@dataclass
class Applied:
    """The plan after one edit; ``stopped`` is the limit a drag was stopped at, ``made`` a new id
    (room id, or door/window index)."""

    plan: model.Plan
    stopped: EditError | None = None
    made: Any = None


def apply(plan: model.Plan, edit: Mapping[str, Any], copy_first: bool = True) -> Applied:
    """Apply one edit (``{"kind": ..., args}``) to a copy of ``plan``; ``plan`` is left unchanged.

    ``copy_first=False`` edits ``plan`` itself (for a caller that owns it, as the API does with the
    plan it has just read from the request); a refused edit may then have changed part of it.
    """
    if not isinstance(edit, Mapping) or not isinstance(edit.get("kind"), str) or edit["kind"] not in KINDS:
        raise EditError("unknown edit")
    fn = KINDS[edit["kind"]]
    args = {k: v for k, v in edit.items() if k != "kind"}
    params = inspect.signature(fn).parameters
    unknown = set(args) - set(params)
    missing = [n for n, p in params.items() if n != "plan" and p.default is inspect.Parameter.empty
               and n not in args]
    if unknown or missing:
        raise EditError("unknown edit")
    new = copy.deepcopy(plan) if copy_first else plan
    result = fn(new, **args)
    if isinstance(result, EditError):
        return Applied(new, stopped=result)
    return Applied(new, made=result)


__all__ = [
    "KINDS", "LIMITS", "MIN_ACROSS_M", "PLOT_KINDS", "Applied", "EditError", "add_door", "add_door_at",
    "add_room",
    "add_window", "apply", "delete_door", "delete_window", "door_fits", "find_room", "flip_door",
    "merge_rooms", "move_door", "move_footprint_corner", "move_footprint_edge", "move_plot_corner",
    "move_wall", "move_window", "moved_with", "outline_from_sides", "remove_door", "remove_window",
    "set_door", "set_plot_corners", "set_plot_sides", "set_road_edge", "set_room", "set_window",
    "shared_wall", "split_room", "suggest_room_needs", "walls_of", "window_fits",
]
