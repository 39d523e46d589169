"""Access rules: entrances, doors on walls, door widths and reachable rooms."""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import reachable
from planner.model import OUTSIDE
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

ENTRANCE_DOOR_M = 0.86
INTERNAL_DOOR_M = 0.76
DOOR_TOLERANCE_M = 0.05


@rule("access.no-entrance", ERROR)
def no_entrance(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
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


@rule("access.door-off-wall", ERROR)
def door_off_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        b = geo.building
        on_wall = geo.doors_on_walls
        for k, door in enumerate(b.doors):
            if any(r != OUTSIDE and r not in geo.index for r in door.rooms):
                continue  # a room that is not a valid shape: geometry.invalid says so
            if not on_wall[k]:
                a, c = door.rooms
                yield ctx.finding("access.door-off-wall", f"door:{k}", limit=DOOR_TOLERANCE_M,
                                  room=_label(ctx, b, a), other=_label(ctx, b, c))


@rule("access.door-width", ERROR, "TEK17 §12-13")
def door_width(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        b = geo.building
        for k, door in enumerate(b.doors):
            limit = ENTRANCE_DOOR_M if door.is_entrance else INTERNAL_DOOR_M
            if door.width_m < limit - 1e-9:
                a, c = door.rooms
                if door.is_entrance:
                    inner = c if a == OUTSIDE else a
                    yield ctx.finding("access.door-width", f"door:{k}",
                                      key="access.door-width/entrance", measured=door.width_m,
                                      limit=limit, unit="m", room=_label(ctx, b, inner))
                else:
                    yield ctx.finding("access.door-width", f"door:{k}", measured=door.width_m,
                                      limit=limit, unit="m", room=_label(ctx, b, a),
                                      other=_label(ctx, b, c))


@rule("access.unreachable", ERROR)
def unreachable(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        if not any(d.is_entrance for d in geo.building.doors):
            continue  # access.no-entrance says it once, not once per room
        seen = reachable(geo.graph())
        for room in geo.rooms:
            if room.id not in seen:
                yield ctx.finding("access.unreachable", f"room:{room.id}",
                                  room=ctx.room_name(room))
