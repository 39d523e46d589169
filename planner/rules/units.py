"""Unit rules: two homes in one building (TEK17 §11-8, §13-6)."""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import TOLERANCE_M
from planner.model import OUTSIDE
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

SEPARATING_WALL_M = 0.2
"""Least thickness of a wall between two units (``walls.separating_m``)."""


def _unit_of(b) -> dict[str, str]:
    return {rid: u.household for u in b.units or [] for rid in u.rooms}


@rule("unit.door-between", ERROR, "TEK17 §11-8")
def door_between(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        if not b.units or len(b.units) < 2:
            continue
        unit = _unit_of(b)
        for k, door in enumerate(b.doors):
            a, c = door.rooms
            if OUTSIDE in (a, c) or a not in unit or c not in unit or unit[a] == unit[c]:
                continue
            ha, hc = sorted((unit[a], unit[c]))
            names = [ctx.plan.household(h).name if ctx.plan.household(h) else h for h in (ha, hc)]
            yield ctx.finding("unit.door-between", f"door:{k}", household=names[0], other=names[1],
                              building=b.id)


@rule("unit.separating-wall", ERROR, "TEK17 §11-8, §13-6")
def separating_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        if not b.units or len(b.units) < 2:
            continue
        thickness = b.separating_wall_m
        if thickness < SEPARATING_WALL_M - TOLERANCE_M:
            yield ctx.finding("unit.separating-wall", f"building:{b.id}", measured=thickness,
                              limit=SEPARATING_WALL_M, unit="m", building=b.id)
