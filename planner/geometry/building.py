"""Every derived shape of one building, computed once and shared by rules and drawings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely import Point, STRtree
from shapely.geometry.base import BaseGeometry

from planner.geometry.access import access_graph
from planner.geometry.measurement import inscribed_diameters, shared_lengths
from planner.geometry.predicates import explain, is_on_boundary, is_on_wall
from planner.geometry.shapes import TOLERANCE_M, net_polygons, polygon, shrink
from planner.model import OUTSIDE, Building, Door, Room


@dataclass
class BuildingGeometry:
    """Shapes of a building: footprint, inner footprint, room and net polygons.

    Rooms whose polygon is not simple are kept out of ``rooms`` and listed in
    ``invalid_rooms`` with the reason, so every other measure still works.
    """

    building: Building
    footprint: BaseGeometry
    footprint_problem: str | None
    inner: BaseGeometry
    rooms: list[Room]
    polys: np.ndarray
    invalid_rooms: list[tuple[Room, str]] = field(default_factory=list)

    @classmethod
    def of(cls, building: Building) -> BuildingGeometry:
        fp = polygon(building.footprint)
        problem = explain(fp)
        inner = shrink(fp, building.exterior_wall_m) if problem is None else fp
        rooms, polys, invalid = [], [], []
        for r in building.rooms:
            p = polygon(r.polygon)
            why = explain(p)
            if why is None:
                rooms.append(r)
                polys.append(p)
            else:
                invalid.append((r, why))
        arr = np.empty(len(polys), dtype=object)
        arr[:] = polys
        shapely.prepare(arr)
        return cls(building, fp, problem, inner, rooms, arr, invalid)

    # ---- indexes

    @cached_property
    def index(self) -> dict[str, int]:
        """Position of each valid room in ``rooms`` by id."""
        return {r.id: i for i, r in enumerate(self.rooms)}

    def poly(self, room_id: str) -> BaseGeometry | None:
        i = self.index.get(room_id)
        return None if i is None else self.polys[i]

    @cached_property
    def tree(self) -> STRtree:
        return STRtree(self.polys)

    # ---- areas

    @property
    def is_valid(self) -> bool:
        return self.footprint_problem is None

    @cached_property
    def storey_bra_m2(self) -> float:
        """BRA of one storey: the footprint shrunk by the exterior wall."""
        return float(self.inner.area) if self.is_valid else 0.0

    @cached_property
    def bra_m2(self) -> float:
        """BRA of the building: every full storey."""
        return self.storey_bra_m2 * self.building.storeys

    @cached_property
    def nets(self) -> np.ndarray:
        """Net polygon of each valid room (PLAN_FORMAT.md)."""
        inner = self.inner if self.is_valid else shapely.union_all(self.polys)
        return net_polygons(self.polys, inner, self.building.interior_wall_m)

    @cached_property
    def net_areas(self) -> np.ndarray:
        return shapely.area(self.nets)

    def net_area(self, room_id: str) -> float:
        i = self.index.get(room_id)
        return 0.0 if i is None else float(self.net_areas[i])

    # ---- measures used by several rules

    @cached_property
    def exterior_lengths(self) -> np.ndarray:
        """Length of each room's boundary along the footprint outline (metres)."""
        if not self.is_valid:
            return np.zeros(len(self.rooms))
        return shared_lengths(self.polys, self.footprint.exterior)

    @cached_property
    def _diameters(self) -> dict[int, float]:
        return {}

    def diameters(self, positions: list[int]) -> list[float]:
        """Largest inscribed circle of the net polygons at ``positions`` (metres)."""
        todo = [i for i in positions if i not in self._diameters]
        if todo:
            for i, d in zip(todo, inscribed_diameters(self.nets[todo]), strict=True):
                self._diameters[i] = float(d)
        return [self._diameters[i] for i in positions]

    def door_point(self, door: Door) -> BaseGeometry:
        return Point(door.at)

    def door_on_wall(self, door: Door) -> bool:
        """Whether the door's point lies on the wall between its two rooms."""
        pt = self.door_point(door)
        a, b = door.rooms
        if OUTSIDE in (a, b):
            inner_id = b if a == OUTSIDE else a
            room = self.poly(inner_id)
            if room is None or not self.is_valid:
                return False
            return is_on_wall(pt, room, self.footprint)
        pa, pb = self.poly(a), self.poly(b)
        if pa is None or pb is None:
            return False
        return is_on_wall(pt, pa, pb)

    def window_on_outline(self, at: list[float], room_id: str) -> bool:
        room = self.poly(room_id)
        pt = Point(at)
        return (room is not None and self.is_valid and is_on_boundary(pt, self.footprint.exterior)
                and is_on_boundary(pt, room))

    @cached_property
    def stair_links(self) -> list[tuple[str, str]]:
        """Stairs on adjacent storeys that overlap in plan: the access graph passes through them."""
        stairs = [i for i, r in enumerate(self.rooms) if r.type == "stair"]
        links = []
        for k, i in enumerate(stairs):
            for j in stairs[k + 1:]:
                ri, rj = self.rooms[i], self.rooms[j]
                if abs(ri.storey - rj.storey) == 1 and \
                        shapely.area(shapely.intersection(self.polys[i], self.polys[j])) > TOLERANCE_M:
                    links.append((ri.id, rj.id))
        return links

    def graph(self, room_ids: list[str] | None = None) -> dict[str, set[str]]:
        """The access graph of the building (or of a unit's rooms)."""
        ids = [r.id for r in self.rooms] if room_ids is None else room_ids
        links = [tuple(d.rooms) for d in self.building.doors] + self.stair_links
        return access_graph(ids, links)

    def overlaps(self) -> list[tuple[int, int, float]]:
        """Pairs of rooms on one storey that overlap by more than the tolerance, with the area."""
        if len(self.polys) < 2:
            return []
        left, right = self.tree.query(self.polys, predicate="intersects")
        keep = left < right
        left, right = left[keep], right[keep]
        same = np.array([self.rooms[i].storey == self.rooms[j].storey for i, j in zip(left, right)],
                        dtype=bool)
        left, right = left[same], right[same]
        if len(left) == 0:
            return []
        areas = shapely.area(shapely.intersection(self.polys[left], self.polys[right]))
        return [(int(i), int(j), float(a)) for i, j, a in zip(left, right, areas) if a > TOLERANCE_M]

    def uncovered_m2(self, storey: int) -> float:
        """Area of the footprint on a storey that no room covers."""
        on = [i for i, r in enumerate(self.rooms) if r.storey == storey]
        if not self.is_valid:
            return 0.0
        if not on:
            return float(self.footprint.area)
        return float(shapely.difference(self.footprint, shapely.union_all(self.polys[on])).area)
