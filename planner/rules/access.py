"""Access rules: entrances, doors on walls and within them, door sizes and reachable rooms."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import shapely

from planner.geometry import TOLERANCE_M, BuildingGeometry, reachable
from planner.geometry.predicates import DOOR_TOLERANCE_M, Stretch
from planner.model import OUTSIDE, Door
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

ENTRANCE_DOOR_M = 0.86
INTERNAL_DOOR_M = 0.76
DOOR_HEIGHT_M = 2.0
"""TEK17 §12-13(2): clear height of a door at least 2.0 m (PLAN_FORMAT.md: ``height_m``, default 2.1)."""
FIT_TOLERANCE_M = 0.02
"""access.door-fits-wall: how far an opening may reach past its clear stretch of wall."""


@rule("access.no-entrance", ERROR)
def no_entrance(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        entrances = {r for d in b.doors if d.is_entrance for r in d.rooms if r != OUTSIDE}
        if not b.units:
            if not entrances:
                yield ctx.finding("access.no-entrance", f"building:{b.id}", building=b.id)
            continue
        for u in b.units:
            if not entrances.intersection(u.rooms):
                hh = ctx.plan.household(u.household)
                yield ctx.finding("access.no-entrance", f"household:{u.household}",
                                  key="access.no-entrance/unit", building=b.id,
                                  household=hh.name if hh else u.household)


def _label(ctx: Context, b, room_id: str) -> tuple[str, str]:
    if room_id == OUTSIDE:
        return ("ute", "the outside")
    room = b.room(room_id)
    return ctx.room_name(room) if room else (room_id, room_id)


def _pair(ctx: Context, b, door: Door) -> tuple[tuple[str, str], tuple[str, str]]:
    """The door's two sides named in a fixed order (the room first, ``outside`` last; else by id)."""
    a, c = sorted(door.rooms, key=lambda r: (r == OUTSIDE, r))
    return _label(ctx, b, a), _label(ctx, b, c)


@rule("access.door-off-wall", ERROR)
def door_off_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        on_wall = geo.doors_on_walls
        for k, door in enumerate(b.doors):
            if any(r != OUTSIDE and r not in geo.index for r in door.rooms):
                continue  # a room that is not a valid shape: geometry.invalid says so
            if not on_wall[k]:
                room, other = _pair(ctx, b, door)
                yield ctx.finding("access.door-off-wall", f"door:{k}", limit=DOOR_TOLERANCE_M,
                                  room=room, other=other)


def _corners(geo: BuildingGeometry) -> np.ndarray:
    """The footprint's vertices where the outline turns (its corners)."""
    pts = list(geo.footprint.exterior.coords)[:-1]
    out = []
    for k, (x, y) in enumerate(pts):
        (px, py), (nx, ny) = pts[k - 1], pts[(k + 1) % len(pts)]
        ux, uy, vx, vy = x - px, y - py, nx - x, ny - y
        norm = math.hypot(ux, uy) * math.hypot(vx, vy)
        if abs(ux * vy - uy * vx) > 0.02 * (norm or 1.0):
            out.append((x, y))
    return np.array(out, dtype=float).reshape(-1, 2)


def door_clearances(geo: BuildingGeometry, doors: list[Door], stretches: list[Stretch]) -> np.ndarray:
    """What each opening keeps from the two ends of its stretch, shape (n, 2).

    The exterior wall's inner face at a corner of the outline (for an inner door:
    where its wall meets the outline), else half an interior wall.
    """
    b = geo.building
    ends = np.array([[s.start, s.end] for s in stretches], dtype=float).reshape(-1, 2, 2)
    flat = ends.reshape(-1, 2)
    on_outline = shapely.dwithin(shapely.points(flat), geo.footprint.exterior, FIT_TOLERANCE_M)
    corners = _corners(geo)
    if len(corners):
        at_corner = np.hypot(*(flat[:, None, :] - corners[None, :, :]).transpose(2, 0, 1)).min(axis=1) \
            <= FIT_TOLERANCE_M
    else:
        at_corner = np.zeros(len(flat), dtype=bool)
    entrance = np.repeat([d.is_entrance for d in doors], 2)
    exterior = np.where(entrance, at_corner, on_outline).reshape(-1, 2)
    return np.where(exterior, b.exterior_wall_m, b.interior_wall_m / 2)


@rule("access.door-fits-wall", ERROR)
def door_fits_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        if not geo.is_valid:
            continue
        b = geo.building
        placed = [(k, d, s) for k, (d, s) in enumerate(zip(b.doors, geo.door_stretches, strict=True))
                  if s is not None]          # a door off its wall: access.door-off-wall says so
        if not placed:
            continue
        clear = door_clearances(geo, [d for _, d, _ in placed], [s for _, _, s in placed])
        for (k, door, s), (c0, c1) in zip(placed, clear, strict=True):
            half = float(door.width_m) / 2
            over = max(c0 - (s.at - half), (s.at + half) - (s.length - c1))
            if over > FIT_TOLERANCE_M:
                room, other = _pair(ctx, b, door)
                yield ctx.finding("access.door-fits-wall", f"door:{k}", measured=float(door.width_m),
                                  limit=max(0.0, s.length - c0 - c1), unit="m", room=room, other=other,
                                  over=over)


@rule("access.door-width", ERROR, "TEK17 §12-13(2)")
def door_width(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        for k, door in enumerate(b.doors):
            limit = ENTRANCE_DOOR_M if door.is_entrance else INTERNAL_DOOR_M
            if door.width_m < limit - 1e-9:
                if door.is_entrance:
                    inner = next(r for r in door.rooms if r != OUTSIDE)
                    yield ctx.finding("access.door-width", f"door:{k}",
                                      key="access.door-width/entrance", measured=door.width_m,
                                      limit=limit, unit="m", room=_label(ctx, b, inner))
                else:
                    room, other = _pair(ctx, b, door)
                    yield ctx.finding("access.door-width", f"door:{k}", measured=door.width_m,
                                      limit=limit, unit="m", room=room, other=other)
            if door.clear_height < DOOR_HEIGHT_M - TOLERANCE_M and not door.extra.get("opening"):
                room, other = _pair(ctx, b, door)
                yield ctx.finding("access.door-width", f"door:{k}", key="access.door-width/height",
                                  measured=door.clear_height, limit=DOOR_HEIGHT_M, unit="m", room=room,
                                  other=other)


@rule("access.unreachable", ERROR)
def unreachable(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        if not any(d.is_entrance for d in geo.building.doors):
            continue  # access.no-entrance says it once, not once per room
        seen = reachable(geo.graph())
        for room in geo.rooms:
            if room.id not in seen:
                yield ctx.finding("access.unreachable", f"room:{room.id}",
                                  room=ctx.room_name(room))


def stair_rise_going(geo: BuildingGeometry, room) -> tuple[float, float | None] | None:
    """(rise, going) of a stair room's run (PLAN_FORMAT.md): rise = storey height / risers,
    going = walk length / (risers − 1); going is None without a walking line."""
    st = room.stair
    if st is None or not st.risers:
        return None
    rise = geo.building.storey_height(min(st.from_storey, st.to_storey)) / st.risers
    going = None
    if st.walk and len(st.walk) >= 2 and st.risers > 1:
        going = float(shapely.LineString([(float(x), float(y)) for x, y in st.walk]).length) / (st.risers - 1)
    return rise, going


