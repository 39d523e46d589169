"""Program rules: the household's home as a whole."""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import TOLERANCE_M
from planner.rules.context import Context
from planner.rules.messages import type_name
from planner.rules.registry import ERROR, WARNING, Finding, rule

STORAGE_M2 = 5.0
STORAGE_SMALL_M2 = 2.5
SMALL_DWELLING_BRA_M2 = 50.0
STORAGE_PLACES = 2
"""Storage counts in at most two places (TEK17 §12-10, DiBK): the two largest storage rooms."""
ENTRANCE_LEVEL = ("living", "kitchen", "bedroom", "bathroom")


@rule("program.bathroom", ERROR, "TEK17 §12-9")
def bathroom(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dwellings:
        if not d.of_type("bathroom"):
            yield ctx.finding("program.bathroom", d.subject, household=d.household.name)


@rule("program.entrance-level", ERROR, "the household's own need; TEK17 §12-2")
def entrance_level(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dwellings:
        if not d.household.is_accessible:
            continue
        on_one = {r.type for r in d.rooms if r.storey == 1}
        missing = [t for t in ENTRANCE_LEVEL if t not in on_one]
        if missing:
            names = [type_name(t) for t in missing]
            yield ctx.finding("program.entrance-level", d.subject, household=d.household.name,
                              missing=(", ".join(n[0] for n in names), ", ".join(n[1] for n in names)))


@rule("program.storage", ERROR, "TEK17 §12-10")
def storage(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dwellings:
        areas = sorted((float(d.geo.net_areas[i]) for i in d.of_type("storage")), reverse=True)
        total = sum(areas[:STORAGE_PLACES])
        limit = STORAGE_SMALL_M2 if d.bra_m2 <= SMALL_DWELLING_BRA_M2 else STORAGE_M2
        if total < limit - TOLERANCE_M:
            key = "program.storage/places" if len(areas) > STORAGE_PLACES else ""
            yield ctx.finding("program.storage", d.subject, key=key, measured=total, limit=limit, unit="m²",
                              household=d.household.name, places=len(areas))


@rule("program.room-needs", WARNING)
def room_needs(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dwellings:
        for need in d.household.room_needs:
            rooms = d.of_type(need.type)
            minimum = need.min_area_m2 or 0.0
            fitting = sum(1 for i in rooms if d.geo.net_areas[i] >= minimum - TOLERANCE_M)
            if fitting < need.wanted:
                size = ((f" på minst {minimum:.1f} m²".replace(".", ","), f" of at least {minimum:.1f} m²")
                        if need.min_area_m2 else ("", ""))
                yield ctx.finding("program.room-needs", d.subject, measured=fitting,
                                  limit=need.wanted, unit="rom", household=d.household.name,
                                  wanted=need.wanted, type=type_name(need.type), size=size)
