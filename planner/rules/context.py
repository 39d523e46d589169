"""What every rule reads: the plan and its geometry, computed once per check."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.building.heights import Heights, derived_heights
from planner.building.terrain import Terrain
from planner.geometry import BuildingGeometry, buildable_area, bya_m2, edges, explain, polygon, polygons
from planner.model import Building, Household, Plan, Room
from planner.rules.messages import render, room_label
from planner.rules.registry import RULES, Finding

MAIN_FUNCTIONS = ("living", "kitchen", "bedroom", "bathroom")
"""Hovedfunksjoner (TEK17 §1-3 / §12-2): a bathroom with a toilet counts for the toilet too."""

FOOTPATH_SLOPE = 1 / 15
"""TEK17 §8-5(1)b: a footpath to a dwelling no steeper than 1:15 ..."""
FOOTPATH_SHORT_SLOPE = 1 / 12
"""... except stretches of up to 5.0 m, which may be 1:12."""
FOOTPATH_SHORT_M = 5.0


def is_checked_home(b: Building) -> bool:
    """Whether the room, access, unit and program rules apply: a dwelling that stays.

    A dwelling to be demolished is not checked, nor an existing one with no rooms drawn.
    """
    return b.is_dwelling and b.state != "demolish" and (b.state == "new" or bool(b.rooms))


@dataclass
class Accessibility:
    """Whether the accessible-dwelling rules (A) apply to a dwelling, and why (TEK17 §12-2(3))."""

    applies: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def reason(self, lang: str) -> str:
        return render(self.key, self.params, lang)


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

    @property
    def key(self) -> str:
        """``A/berg``: the building and the household (PLAN_FORMAT.md ``summary.accessibility``)."""
        return f"{self.geo.building.id}/{self.household.id}"

    @cached_property
    def entrance_level(self) -> set[str]:
        """Room types on storey 1."""
        return {r.type for r in self.rooms if r.storey == 1}

    @cached_property
    def all_main_on_entrance(self) -> bool:
        return all(t in self.entrance_level for t in MAIN_FUNCTIONS)

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
    def homes(self) -> list[BuildingGeometry]:
        """The buildings the room, access, unit and program rules check (:func:`is_checked_home`)."""
        return [g for g in self.buildings if is_checked_home(g.building)]

    @cached_property
    def standing(self) -> list[BuildingGeometry]:
        """Buildings that stand when the project is done (new and existing; not those demolished)."""
        return [g for g in self.buildings if g.building.state != "demolish"]

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
        return buildable_area(self.plan.plot, self.plot, self.plot_edges)

    @cached_property
    def terrain(self) -> Terrain:
        return Terrain.from_plot(self.plan.plot)

    @cached_property
    def heights(self) -> dict[str, Heights]:
        """Derived heights by building id (planner.building.heights)."""
        return {b.id: derived_heights(self.plan, b, self.terrain) for b in self.plan.buildings}

    @cached_property
    def parking_polys(self) -> np.ndarray:
        """The ``plot.parking`` polygons that are usable shapes."""
        given = self.plan.plot.parking or []
        polys = polygons(given) if given else np.empty(0, dtype=object)
        ok = [p for p in polys if explain(p) is None]
        return np.array(ok, dtype=object)

    @cached_property
    def parking_m2(self) -> float:
        """Parking counted in BYA: the parking polygons when given, else spaces × size of a space."""
        if self.plan.plot.parking is not None:
            return float(shapely.area(self.parking_polys).sum()) if len(self.parking_polys) else 0.0
        return self.plan.plot.regulation.parking_area_m2

    @cached_property
    def dwellings(self) -> list[Dwelling]:
        out = []
        for geo in self.homes:
            b = geo.building
            if b.units:
                for u in b.units:
                    hh = self.plan.household(u.household)
                    pos = [geo.index[r] for r in u.rooms if r in geo.index]
                    if hh is not None:
                        out.append(Dwelling(hh, geo, pos, unit=True))
            else:
                hh = self.plan.household(b.household) if b.household else None
                if hh is not None:
                    out.append(Dwelling(hh, geo, list(range(len(geo.rooms)))))
        return out

    @cached_property
    def accessibility(self) -> dict[str, Accessibility]:
        """For each dwelling (by :attr:`Dwelling.key`): do the (A) rules apply, and why."""
        return {d.key: self._accessibility(d) for d in self.dwellings}

    def accessible(self) -> list[Dwelling]:
        """The dwellings the (A) rules apply to."""
        return [d for d in self.dwellings if self.accessibility[d.key].applies]

    def _accessibility(self, d: Dwelling) -> Accessibility:
        name = d.household.name
        steep = self.footpath_slope(d)
        if steep is not None:
            slope, allowed = steep
            if slope > allowed + 1e-9:
                return Accessibility(False, "accessibility/steep", {
                    "household": name, "measured": slope * 100, "limit": allowed * 100})
        said = d.household.accessible       # True, False, or None: not said (default: needs it)
        if d.all_main_on_entrance:
            key = {False: "accessibility/entrance-level", True: "accessibility/entrance-level-asked",
                   None: "accessibility/entrance-level-default"}[said]
            return Accessibility(True, key, {"household": name})
        if d.household.is_accessible:
            key = "accessibility/asked" if said else "accessibility/asked-default"
            return Accessibility(True, key, {"household": name})
        return Accessibility(False, "accessibility/not-required", {"household": name})

    def footpath_slope(self, d: Dwelling) -> tuple[float, float] | None:
        """Slope of the straight way from the road or parking to the entrance, and the steepest allowed.

        Only where ``plot.terrain`` is given. The way runs from the nearest point of a
        road edge (or of a parking polygon, when given) to the entrance door, which
        lies at the finished floor; TEK17 §8-5(1)b allows 1:15, and 1:12 over stretches
        of up to 5.0 m, so a way of length L may rise 5/12 + (L − 5)/15 m (L/12 when
        shorter). Steeper means the terrain is too steep for that paragraph (§8-5(2)).
        """
        if self.plan.plot.terrain is None or self.plot_problem:
            return None
        b = d.geo.building
        doors = [door for door in b.doors if door.is_entrance
                 and any(r in {d.geo.rooms[i].id for i in d.positions} for r in door.rooms)]
        if not doors:
            return None
        starts: list[BaseGeometry] = list(self.parking_polys)
        roads = sorted(set(self.plan.plot.road_edges))
        starts += [self.plot_edges[i] for i in roads if i < len(self.plot_edges)]
        if not starts:
            return None
        h = self.heights[b.id]
        best: tuple[float, float] | None = None
        for door in doors:
            p = shapely.Point(door.at)
            near = [shapely.shortest_line(p, s) for s in starts]
            line = min(near, key=lambda ln: ln.length)
            start = shapely.get_coordinates(line)[1]
            run = float(line.length)
            if run <= 0:
                continue
            rise = abs(h.floor_z - self.terrain.height_at(float(start[0]), float(start[1])))
            allowed = (run * FOOTPATH_SHORT_SLOPE if run <= FOOTPATH_SHORT_M else
                       FOOTPATH_SHORT_M * FOOTPATH_SHORT_SLOPE + (run - FOOTPATH_SHORT_M) * FOOTPATH_SLOPE)
            found = (rise / run, allowed / run)
            if best is None or found[0] - found[1] < best[0] - best[1]:
                best = found    # the entrance that is easiest to reach counts
        return best

    def room_name(self, room: Room) -> tuple[str, str]:
        return room_label(room.name)

    @cached_property
    def figures(self) -> dict[str, float]:
        """The summary of PLAN_FORMAT.md, computed once."""
        plot_ok = self.plot_problem is None
        plot_area = float(self.plot.area) if plot_ok else 0.0
        footprints = np.array([g.footprint for g in self.standing if g.is_valid], dtype=object)
        bya = bya_m2(footprints, self.parking_m2)
        return {
            "plot_area_m2": plot_area,
            "buildable_area_m2": float(self.buildable.area) if plot_ok else 0.0,
            "bya_m2": bya,
            "bya_percent": bya / plot_area * 100 if plot_area > 0 else 0.0,
            "bra_m2": sum(g.bra_m2 for g in self.standing),
        }

    @cached_property
    def details(self) -> dict[str, Any]:
        """The optional summary keys: derived ``heights`` and ``accessibility`` per dwelling."""
        out: dict[str, Any] = {}
        heights = {b.id: {"gesims_m": round(self.heights[b.id].gesims_m, 2),
                          "mone_m": round(self.heights[b.id].mone_m, 2)}
                   for b in self.plan.buildings if b.roof is not None}
        if heights:
            out["heights"] = heights
        if self.dwellings:
            out["accessibility"] = {k: a.reason(self.lang) for k, a in self.accessibility.items()}
        return out

    def finding(self, rule_id: str, subject: str, *, key: str = "", measured: float | None = None,
                limit: float | None = None, unit: str | None = None, assumed: bool = False,
                **params: Any) -> Finding:
        """A finding of a registered rule, its message rendered in the context's language."""
        rule = RULES[rule_id]
        for name, value in (("measured", measured), ("limit", limit)):
            if value is not None:      # a count stays a whole number in the message
                whole = isinstance(value, int) and not isinstance(value, bool)
                params[name] = value if whole else float(value)
        key = key or rule_id
        return Finding(rule=rule_id, severity=rule.severity, subject=subject,
                       message=render(key, params, self.lang), measured=measured, limit=limit,
                       unit=unit, key=key, params=params, assumed=assumed)

    def warning(self, finding: Finding) -> Finding:
        """The same finding as a warning (a rule whose finding is softened by a documented fact)."""
        finding.severity = "warning"
        return finding
