"""geometry.invalid: polygons that are not simple or have no area."""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule


@rule("geometry.invalid", ERROR)
def invalid_polygons(ctx: Context) -> Iterator[Finding]:
    if ctx.plot_problem:
        yield ctx.finding("geometry.invalid", "plot", key="geometry.invalid/plot",
                          reason=ctx.plot_problem)
    for geo in ctx.buildings:
        if geo.footprint_problem:
            yield ctx.finding("geometry.invalid", f"building:{geo.building.id}",
                              key="geometry.invalid/footprint", building=geo.building.id,
                              reason=geo.footprint_problem)
        for room, why in geo.invalid_rooms:
            yield ctx.finding("geometry.invalid", f"room:{room.id}", key="geometry.invalid/room",
                              room=ctx.room_name(room), reason=why)
