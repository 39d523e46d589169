"""A placed candidate becomes a plan/1 building: rooms, doors and windows in plot coordinates."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.layout.program import NAMES
from planner.layout.scheme import EXTERIOR_M, SIDES, Box, Layout
from planner.layout.site import SUN, Frame
from planner.model import OUTSIDE, Building, Door, Room, Walls, Window
from planner.rules.rooms import DAYLIGHT_FACTOR

ENTRANCE_DOOR_M = 1.0
DOOR_M = 0.9
OPENING_MAX_M = 2.4
WINDOW_HEIGHT_M = {"living": 1.5}
WINDOW_HEIGHT_DEFAULT_M = 1.3
TALL_WINDOW_M = 2.1
"""A glazed door (vindusdør): used when an ordinary window cannot give enough daylight."""
WINDOW_MAX_M = 3.0
WINDOW_MIN_M = 0.9
WINDOW_INSET_M = 0.3
DAYLIGHT_MARGIN = 1.03
ROUND = 4
INTERIOR_HALF_M = 0.05
"""Half an interior wall: an opening stops at the walls beside it."""


@dataclass(frozen=True)
class Placement:
    """Where and how a candidate stands: its frame, corner in frame coordinates, mirroring."""

    frame: Frame
    corner: tuple[float, float]
    flip: bool

    def flip_side(self, side: str) -> tuple[float, float]:
        nu, nv = SIDES[side]
        if self.flip and self.frame.mode == "front":
            nu = -nu
        if self.flip and self.frame.mode == "end":
            nv = -nv
        return nu, nv

    def normal(self, side: str) -> np.ndarray:
        """World direction a local side of the footprint faces."""
        eu, ev = self.frame.axes
        nu, nv = self.flip_side(side)
        return nu * eu + nv * ev


class Transform:
    """Local (u, v) of a layout to plot coordinates."""

    def __init__(self, lay: Layout, place: Placement) -> None:
        self.length, self.depth = lay.length_m, lay.depth_m
        self.place = place
        self.eu, self.ev = place.frame.axes

    def __call__(self, u: float, v: float) -> list[float]:
        if self.place.flip and self.place.frame.mode == "front":
            u = self.length - u
        if self.place.flip and self.place.frame.mode == "end":
            v = self.depth - v
        x0, y0 = self.place.corner
        p = (x0 + u) * self.eu + (y0 + v) * self.ev
        return [round(float(p[0]), ROUND) + 0.0, round(float(p[1]), ROUND) + 0.0]

    def rect(self, u0: float, v0: float, u1: float, v1: float) -> list[list[float]]:
        return [self(u0, v0), self(u1, v0), self(u1, v1), self(u0, v1)]


def room_ids(lay: Layout, building_id: str, taken: set[str]) -> list[str]:
    """A readable, plan-unique id for each box: ``A-stue``, ``A-sov1``, ``A-gang``."""
    out = []
    for b in lay.boxes:
        base = f"{building_id}-{'gang' if b.spec is None else b.spec.key}"
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        taken.add(rid)
        out.append(rid)
    return out


def shared_wall(a: Box, b: Box) -> tuple[tuple[float, float], float] | None:
    """Midpoint and length of the wall two boxes share, or None.

    >>> shared_wall(Box(None, 0, 0, 2, 3), Box(None, 2, 1, 5, 4))
    ((2, 2.0), 2)
    """
    walls = []
    for x_a, x_b in ((a.u1, b.u0), (a.u0, b.u1)):
        if abs(x_a - x_b) < 1e-6:
            walls.append((x_a, max(a.v0, b.v0), min(a.v1, b.v1), True))
    for y_a, y_b in ((a.v1, b.v0), (a.v0, b.v1)):
        if abs(y_a - y_b) < 1e-6:
            walls.append((y_a, max(a.u0, b.u0), min(a.u1, b.u1), False))
    for at, lo, hi, vertical in walls:
        if hi - lo > 1e-6:
            mid = round((lo + hi) / 2, 6)
            return ((at, mid) if vertical else (mid, at)), round(hi - lo, 6)
    return None


def clear_span(lo: float, hi: float, size: float) -> tuple[float, float]:
    """The clear part of a wall from ``lo`` to ``hi`` along a side of the footprint ``size`` long.

    Where the wall ends at the footprint's outline (a corner), the exterior wall's
    inner face is subtracted; where it meets another wall, half an interior wall
    (what access.door-fits-wall keeps an opening from).

    >>> clear_span(0.0, 1.4, 10.0), clear_span(2.0, 5.0, 5.0)
    ((0.3, 1.35), (2.05, 4.7))
    """
    c_lo = EXTERIOR_M if abs(lo) < 1e-6 else INTERIOR_HALF_M
    c_hi = EXTERIOR_M if abs(hi - size) < 1e-6 else INTERIOR_HALF_M
    return round(lo + c_lo, 6), round(hi - c_hi, 6)


def door_point(lay: Layout, a: Box, b: Box) -> tuple[tuple[float, float], float] | None:
    """Where a door between two boxes goes (the middle of their wall's clear part), and its clear length."""
    wall = shared_wall(a, b)
    if wall is None:
        return None
    (u, v), _length = wall
    if abs(a.u1 - b.u0) < 1e-6 or abs(a.u0 - b.u1) < 1e-6:
        lo, hi = clear_span(max(a.v0, b.v0), min(a.v1, b.v1), lay.depth_m)
        return (u, round((lo + hi) / 2, 6)), hi - lo
    lo, hi = clear_span(max(a.u0, b.u0), min(a.u1, b.u1), lay.length_m)
    return (round((lo + hi) / 2, 6), v), hi - lo


def _doors(lay: Layout, ids: list[str], tf: Transform, kitchen_open: bool) -> list[Door]:
    doors = []
    for link in lay.links:
        if link.a < 0:
            doors.append(_entrance(lay, ids, tf))
            continue
        wall = shared_wall(lay.boxes[link.a], lay.boxes[link.b])
        placed = door_point(lay, lay.boxes[link.a], lay.boxes[link.b])
        if wall is None or placed is None:
            raise ValueError("a door between rooms that do not meet")
        length = wall[1]
        (u, v), clear = placed
        width = DOOR_M
        door = Door(rooms=[ids[link.a], ids[link.b]], at=tf(u, v), width_m=width)
        if lay.entry in (link.a, link.b):
            # leaves open away from the entry, whose turning area lies outside the swings
            door.swing_into = ids[link.b if link.a == lay.entry else link.a]
        if link.open and kitchen_open:
            door.width_m = round(max(DOOR_M, min(OPENING_MAX_M, length - 0.6, clear)), 2)
            door.extra["opening"] = True
        elif "stair" in (lay.boxes[link.a].type, lay.boxes[link.b].type):
            # the stair opens to the hall without a door, as wide as the stair
            door.width_m = round(max(DOOR_M, min(OPENING_MAX_M, clear)), 2)
            door.extra["opening"] = True
        doors.append(door)
    return doors


def _entrance(lay: Layout, ids: list[str], tf: Transform) -> Door:
    side = lay.entry_side
    for s, lo, hi in lay.exterior_sides(lay.entry):
        if s == side:
            a, b = clear_span(lo, hi, lay.length_m if side == "front" else lay.depth_m)
            mid = round((a + b) / 2, 6)
            u, v = (mid, 0.0) if side == "front" else (0.0, mid)
            return Door(rooms=[OUTSIDE, ids[lay.entry]], at=tf(u, v), width_m=ENTRANCE_DOOR_M)
    raise ValueError("the entry has no wall toward the road")


def _side_point(lay: Layout, side: str, pos: float) -> tuple[float, float]:
    return {"front": (pos, 0.0), "back": (pos, lay.depth_m), "left": (0.0, pos),
            "right": (lay.length_m, pos)}[side]


def _windows_for(lay: Layout, i: int, net_m2: float, place: Placement,
                 tf: Transform, rid: str) -> list[Window] | None:
    """Windows on the room's outside walls with enough glass for daylight, best side first."""
    box = lay.boxes[i]
    sides = lay.exterior_sides(i)
    if box.type == "living":
        sides.sort(key=lambda s: (-float(place.normal(s[0]) @ SUN), -(s[2] - s[1])))
    else:
        sides.sort(key=lambda s: -(s[2] - s[1]))
    need = DAYLIGHT_FACTOR * net_m2 * DAYLIGHT_MARGIN
    for height in (WINDOW_HEIGHT_M.get(box.type, WINDOW_HEIGHT_DEFAULT_M), TALL_WINDOW_M):
        out, left = [], need
        for side, lo, hi in sides:
            room = hi - lo - 2 * WINDOW_INSET_M
            if room < 0.5:
                continue
            if left > 0:
                width = min(room, WINDOW_MAX_M, max(WINDOW_MIN_M, left / height))
            elif box.type == "living":
                width = min(room, 1.2)
            else:
                break
            out.append(Window(room=rid, at=tf(*_side_point(lay, side, (lo + hi) / 2)),
                              width_m=math.ceil(width * 100) / 100, height_m=height))
            left -= out[-1].glass_m2
        if left <= 0:
            return out
    return None


def windows(lay: Layout, ids: list[str], place: Placement, tf: Transform) -> list[Window] | None:
    """Windows of every room for permanent stay, or None when one cannot get enough daylight."""
    out: list[Window] = []
    for i, (box, (w, d)) in enumerate(zip(lay.boxes, lay.nets(), strict=True)):
        if box.spec is None or not box.spec.needs_window:
            continue
        ws = _windows_for(lay, i, w * d, place, tf, ids[i])
        if ws is None:
            return None
        out.extend(ws)
    return out


def building(lay: Layout, place: Placement, building_id: str, household_id: str, ids: list[str],
             kitchen_open: bool, heights: tuple[float, float]) -> Building | None:
    """The plan/1 building of a placed candidate, or None when windows cannot be fitted."""
    tf = Transform(lay, place)
    wins = windows(lay, ids, place, tf)
    if wins is None:
        return None
    return Building(id=building_id, household=household_id,
                    footprint=tf.rect(0.0, 0.0, lay.length_m, lay.depth_m), storeys=1,
                    rooms=_rooms(lay, ids, tf, 1), doors=_doors(lay, ids, tf, kitchen_open), windows=wins,
                    gesims_m=heights[0], mone_m=heights[1],
                    walls=Walls(exterior_m=0.3, interior_m=0.1))


def add_storey(b: Building, lay: Layout, place: Placement, ids: list[str]) -> bool:
    """Put ``lay`` on top of the building as its next storey; False when its windows cannot be fitted."""
    tf = Transform(lay, place)
    wins = windows(lay, ids, place, tf)
    if wins is None:
        return False
    b.storeys += 1
    b.rooms += _rooms(lay, ids, tf, b.storeys)
    b.doors += _doors(lay, ids, tf, kitchen_open=False)
    b.windows += wins
    return True


def _rooms(lay: Layout, ids: list[str], tf: Transform, storey: int) -> list[Room]:
    order = sorted(range(len(lay.boxes)), key=lambda i: _room_order(lay.boxes[i]))
    return [Room(id=ids[i], type=lay.boxes[i].type, name=_name(lay.boxes[i]), storey=storey,
                 polygon=tf.rect(b.u0, b.v0, b.u1, b.v1))
            for i in order for b in (lay.boxes[i],)]


ROOM_ORDER = ("entry", "hall", "stair", "living", "kitchen", "bedroom", "bathroom", "wc", "laundry",
              "storage", "technical", "office", "other")


def _room_order(b: Box) -> tuple[int, str]:
    return ROOM_ORDER.index(b.type), "" if b.spec is None else b.spec.key


def _name(b: Box) -> str:
    return NAMES["hall"][0] if b.spec is None else b.spec.name
