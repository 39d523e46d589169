"""The building's outline: drag a corner or an edge, the rooms along it follow."""

from __future__ import annotations

import math
from typing import Any

from planner import model
from planner.edits.base import (
    TOL_M,
    EditError,
    copy_building,
    find_building,
    index,
    limits_broken,
    number,
    outward,
    point,
    ring,
)
from planner.edits.rooms import _clamped_shift, _replace


def move_footprint_edge(plan: model.Plan, building_id: Any, edge: Any, offset_m: Any,
                        clamp: bool = False) -> EditError | None:
    """Move one edge of the outline outward by ``offset_m`` (inward when negative), with every
    room corner, door and window on that line on every storey; stopped at the limits with ``clamp``."""
    building = find_building(plan, building_id)
    k = index(edge, len(ring(building.footprint)), "no such edge")
    shift = number(offset_m, "offset_m", -100.0, 100.0)
    nx, ny, line = outward(building.footprint, k)
    storeys = {r.storey for r in building.rooms} | set(range(1, building.storeys + 1))
    moved, stopped = _clamped_shift(building, storeys, nx, ny, line, shift, clamp)
    _replace(plan, building, moved)
    return stopped


def move_footprint_corner(plan: model.Plan, building_id: Any, corner: Any, to: Any) -> None:
    """Move one corner of the outline to ``to``; room corners at the same place follow."""
    building = find_building(plan, building_id)
    pts = ring(building.footprint)
    k = index(corner, len(pts), "no such corner")
    target = point(to, "to")
    old = pts[k]
    if math.dist(old, target) < TOL_M / 10:
        return
    after = copy_building(building)

    def moved(p: list[float]) -> list[float]:
        return [round(target[0], 4), round(target[1], 4)] if math.dist(p, old) <= TOL_M else p

    after.footprint = [moved(p) for p in after.footprint]
    for r in after.rooms:
        r.polygon = [moved(p) for p in r.polygon]
    broken = limits_broken(building, after, {r.storey for r in building.rooms})
    if broken is not None:
        if broken.where is None:
            broken.where = target
        raise broken
    _replace(plan, building, after)
