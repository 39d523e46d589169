"""What every rule reads: the plan and its geometry, computed once per check."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.geometry import BuildingGeometry, buildable_area, bya_m2, edges, explain, polygon
from planner.model import Household, Plan, Room
from planner.rules.messages import render, room_label
from planner.rules.registry import RULES, Finding


@dataclass
class Dwelling:
    """One home: a household's building, or its unit in a shared building."""

    household: Household
    geo: BuildingGeometry
    positions: list[int]
    """Positions of the dwelling's valid rooms in ``geo.rooms``."""
    unit: bool = False

    @property
    def rooms(self) -> list[Room]:
        return [self.geo.rooms[i] for i in self.positions]

    def of_type(self, room_type: str) -> list[int]:
        return [i for i in self.positions if self.geo.rooms[i].type == room_type]

    @property
    def subject(self) -> str:
        return f"household:{self.household.id}"

    @cached_property
    def bra_m2(self) -> float:
        if not self.unit:
            return self.geo.bra_m2
        if not self.positions:
            return 0.0
        return float(shapely.area(shapely.intersection(self.geo.polys[self.positions],
                                                       self.geo.inner)).sum())


class Context:
    """The plan with its geometry; rules call :meth:`finding` to report."""

    def __init__(self, plan: Plan, lang: str = "nb") -> None:
        self.plan = plan
        self.lang = lang
        self.buildings = [BuildingGeometry.of(b) for b in plan.buildings]

    @cached_property
    def plot(self) -> BaseGeometry:
        return polygon(self.plan.plot.boundary)

    @cached_property
    def plot_problem(self) -> str | None:
        return explain(self.plot)

    @cached_property
    def plot_edges(self) -> np.ndarray:
        return edges(self.plan.plot.boundary)

    @cached_property
    def buildable(self) -> BaseGeometry:
        return buildable_area(self.plan.plot)

    @cached_property
    def dwellings(self) -> list[Dwelling]:
        out = []
        for geo in self.buildings:
            b = geo.building
            if b.units:
                for u in b.units:
                    hh = self.plan.household(u.household)
                    pos = [geo.index[r] for r in u.rooms if r in geo.index]
                    if hh is not None:
                        out.append(Dwelling(hh, geo, pos, unit=True))
            else:
                hh = self.plan.household(b.household)
                if hh is not None:
                    out.append(Dwelling(hh, geo, list(range(len(geo.rooms)))))
        return out

    def room_name(self, room: Room) -> tuple[str, str]:
        return room_label(room.name)


    @cached_property
    def figures(self) -> dict[str, float]:
        """The summary of PLAN_FORMAT.md, computed once."""
        reg = self.plan.plot.regulation
        plot_ok = self.plot_problem is None
        plot_area = float(self.plot.area) if plot_ok else 0.0
        footprints = np.array([g.footprint for g in self.buildings if g.is_valid], dtype=object)
        bya = bya_m2(footprints, reg.parking_area_m2)
        return {
            "plot_area_m2": plot_area,
            "buildable_area_m2": float(self.buildable.area) if plot_ok else 0.0,
            "bya_m2": bya,
            "bya_percent": bya / plot_area * 100 if plot_area > 0 else 0.0,
            "bra_m2": sum(g.bra_m2 for g in self.buildings),
        }

    def finding(self, rule_id: str, subject: str, *, key: str = "", measured: float | None = None,
                limit: float | None = None, unit: str | None = None, **params: Any) -> Finding:
        """A finding of a registered rule, its message rendered in the context's language."""
        rule = RULES[rule_id]
        if measured is not None:
            params["measured"] = float(measured)
        if limit is not None:
            params["limit"] = float(limit)
        key = key or rule_id
        return Finding(rule=rule_id, severity=rule.severity, subject=subject,
                       message=render(key, params, self.lang), measured=measured, limit=limit,
                       unit=unit, key=key, params=params)
