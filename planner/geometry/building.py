"""Every derived shape of one building, computed once and shared by rules and drawings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from planner.geometry.access import access_graph
from planner.geometry.measurement import inscribed_diameters, opened, outline_lengths, rectangle_sides
from planner.geometry.predicates import DOOR_TOLERANCE_M, Stretch, explain, wall_stretches
from planner.geometry.shapes import TOLERANCE_M, net_polygons, polygon, polygons, shrink
from planner.model import OUTSIDE, PERMANENT_STAY, Building, Room

_SLACK_M2 = 1e-9
"""Rounding slack when an envelope's overlap is compared with the area tolerance."""


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
        polys = polygons([r.polygon for r in building.rooms])
        area = shapely.area(polys)
        rect, short = rectangle_sides(polys, area)
        good = area > 0
        other = good & ~rect             # four right angles make a valid ring: no test needed
        good[other] = shapely.is_valid(polys[other])
        rooms = [r for r, ok in zip(building.rooms, good, strict=True) if ok]
        invalid = [(r, explain(p)) for r, p, ok in zip(building.rooms, polys, good, strict=True) if not ok]
        arr = polys[good]
        shapely.prepare(arr)
        geo = cls(building, fp, problem, inner, rooms, arr, invalid)
        geo.__dict__["rectangular"] = (rect[good], short[good])
        return geo

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
    def walls_opened(self) -> np.ndarray:
        """Each room without slivers and spikes narrower than the exterior wall (RULES.md).

        What is left is where a wall, a door or a window can be: a 2 mm spike of a
        room's polygon that reaches the outline is no exterior wall. Opened only for
        the rooms whose outer wall a rule measures (rooms for permanent stay and rooms
        with windows); the others keep their drawn polygon.
        """
        out = self.polys.copy()
        windowed = {w.room for w in self.building.windows}
        todo = [i for i, r in enumerate(self.rooms) if r.type in PERMANENT_STAY or r.id in windowed]
        if todo:
            width = max(self.building.exterior_wall_m, 2 * TOLERANCE_M)
            at = np.array(todo)
            rect, short = self.rectangular
            box = rect[at]
            # a rectangle has no spike: it stays whole, or goes whole when narrower than the wall
            for i in at[box & (short[at] < width)]:
                out[i] = shapely.Polygon()
            if (~box).any():
                out[at[~box]] = opened(self.polys[at[~box]], width)
        return out

    @cached_property
    def exterior_lengths(self) -> np.ndarray:
        """Length of each room's boundary along the footprint outline (metres).

        Measured on the room without its slivers narrower than the exterior wall
        (:attr:`walls_opened`), so a spike does not count.
        """
        if not self.is_valid:
            return np.zeros(len(self.rooms))
        return outline_lengths(self.walls_opened, self.footprint)

    @cached_property
    def windows_on_walls(self) -> np.ndarray:
        """For each window: does its point lie on the outline, on its own room's exterior wall?

        Both within 0.05 m (PLAN_FORMAT.md): on the footprint outline, and on the
        boundary of its room without slivers (a window at the tip of a spike is not
        on its room's wall).
        """
        windows = self.building.windows
        out = np.zeros(len(windows), dtype=bool)
        if not self.is_valid or not windows:
            return out
        known = [k for k, w in enumerate(windows) if w.room in self.index]
        if not known:
            return out
        pts = shapely.points([windows[k].at for k in known])
        walls = shapely.boundary(self.walls_opened[[self.index[windows[k].room] for k in known]])
        on = (shapely.distance(pts, shapely.boundary(self.footprint)) <= DOOR_TOLERANCE_M) & \
            (shapely.distance(pts, walls) <= DOOR_TOLERANCE_M)
        out[known] = on
        return out

    @cached_property
    def _diameters(self) -> dict[int, float]:
        """Diameters found so far; every rectangular net polygon's at once (its short side)."""
        nets = self.nets
        out: dict[int, float] = {}
        if len(nets):
            box, short = self.net_rectangles
            for i in np.flatnonzero(box):
                out[int(i)] = float(short[i])
        return out

    @cached_property
    def net_rectangles(self) -> tuple[np.ndarray, np.ndarray]:
        """Which net polygons are rectangles, and each rectangle's short side."""
        return rectangle_sides(self.nets)

    def net_rectangle(self, i: int) -> tuple[bool, float]:
        """Whether the net polygon at position ``i`` is a rectangle, and its short side."""
        box, short = self.net_rectangles
        return bool(box[i]), float(short[i])

    def diameters(self, positions: list[int]) -> list[float]:
        """Largest inscribed circle of the net polygons at ``positions`` (metres)."""
        todo = [i for i in positions if i not in self._diameters]
        if todo:
            for i, d in zip(todo, inscribed_diameters(self.nets[todo]), strict=True):
                self._diameters[i] = float(d)
        return [self._diameters[i] for i in positions]

    @cached_property
    def rectangular(self) -> tuple[np.ndarray, np.ndarray]:
        """Which room polygons are rectangles, and each rectangle's short side."""
        return rectangle_sides(self.polys)

    @cached_property
    def door_stretches(self) -> list[Stretch | None]:
        """For each door: the straight stretch of wall between its rooms it stands on, or None.

        The outline stands in for ``outside``. A door naming a room that is not a
        valid shape is not on a wall. The test is symmetric in the door's two rooms.
        """
        doors = self.building.doors
        out: list[Stretch | None] = [None] * len(doors)
        outline = shapely.boundary(self.footprint) if self.is_valid else None
        sides_a, sides_b, todo = [], [], []
        for k, door in enumerate(doors):
            a, b = (self._side(rid, outline) for rid in door.rooms)
            if a is not None and b is not None:
                sides_a.append(a)
                sides_b.append(b)
                todo.append(k)
        if todo:
            points = shapely.points([doors[k].at for k in todo])
            found = wall_stretches(points, np.array(sides_a, dtype=object), np.array(sides_b, dtype=object))
            for k, s in zip(todo, found, strict=True):
                out[k] = s
        return out

    @cached_property
    def doors_on_walls(self) -> np.ndarray:
        """For each door of the building: does its point lie on the wall between its rooms?"""
        return np.array([s is not None for s in self.door_stretches], dtype=bool)

    @cached_property
    def boundaries(self) -> np.ndarray:
        """The boundary of each valid room (its walls, to centre lines)."""
        return shapely.boundary(self.polys)

    def _side(self, room_id: str, outline: BaseGeometry | None) -> BaseGeometry | None:
        if room_id == OUTSIDE:
            return outline
        i = self.index.get(room_id)
        return None if i is None else self.boundaries[i]


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
        """The access graph of the building (or of a unit's rooms); a door off its wall joins nothing."""
        ids = [r.id for r in self.rooms] if room_ids is None else room_ids
        on_wall = self.doors_on_walls
        links = [tuple(d.rooms) for k, d in enumerate(self.building.doors) if on_wall[k]] + self.stair_links
        return access_graph(ids, links)

    @cached_property
    def _overlaps(self) -> list[tuple[int, int, float]]:
        return self._find_overlaps()

    def overlaps(self) -> list[tuple[int, int, float]]:
        """Pairs of rooms on one storey that overlap by more than the tolerance, with the area."""
        return self._overlaps

    def _find_overlaps(self) -> list[tuple[int, int, float]]:
        if len(self.polys) < 2:
            return []
        left, right = self.tree.query(self.polys)      # envelopes meet: a cheap first cut
        keep = left < right
        left, right = left[keep], right[keep]
        storeys = np.array([r.storey for r in self.rooms])
        box = shapely.bounds(self.polys)
        w = np.minimum(box[left, 2], box[right, 2]) - np.maximum(box[left, 0], box[right, 0])
        h = np.minimum(box[left, 3], box[right, 3]) - np.maximum(box[left, 1], box[right, 1])
        # two rooms overlap by no more than their envelopes do: rooms that only share a wall
        # (envelopes meeting in a line) never reach the exact tests below
        wide = (w > 0) & (h > 0) & (w * h > TOLERANCE_M - _SLACK_M2)
        same = wide & (storeys[left] == storeys[right])
        left, right = left[same], right[same]
        inside = shapely.relate_pattern(self.polys[left], self.polys[right], "2********")
        left, right = left[inside], right[inside]     # interiors meet: only those can overlap
        if len(left) == 0:
            return []
        areas = shapely.area(shapely.intersection(self.polys[left], self.polys[right]))
        return [(int(i), int(j), float(a))
                for i, j, a in zip(left, right, areas, strict=True) if a > TOLERANCE_M]

    @cached_property
    def areas_inside(self) -> np.ndarray:
        """Area of each room inside the footprint."""
        return shapely.area(self.polys) - self.areas_outside

    @cached_property
    def areas_outside(self) -> np.ndarray:
        """Area of each room outside the footprint.

        A room within the length tolerance of the outline is inside (RULES.md): only a
        room that the footprint grown by the tolerance does not cover is measured. That
        also keeps GEOS's overlay away from rooms whose walls run along the outline with
        rounding noise, where a difference can come back as the whole room.
        """
        out = np.zeros(len(self.polys))
        if not self.is_valid or not len(self.polys):
            return out
        shapely.prepare(self.footprint)
        maybe = ~shapely.covers(self.footprint, self.polys)   # a cheap test first
        if maybe.any():
            grown = shapely.buffer(self.footprint, TOLERANCE_M, join_style="mitre")
            shapely.prepare(grown)
            maybe[maybe] = ~shapely.covers(grown, self.polys[maybe])
        if maybe.any():
            out[maybe] = shapely.area(shapely.difference(self.polys[maybe], self.footprint))
        return out

    def uncovered_m2(self, storey: int) -> float:
        """Area of the footprint on a storey that no room covers.

        Estimated from the room areas and their pairwise overlaps; only when the
        estimate comes near the limit is the union of the rooms built.
        """
        if not self.is_valid:
            return 0.0
        on = [i for i, r in enumerate(self.rooms) if r.storey == storey]
        if not on:
            return float(self.footprint.area)
        overlap = sum(a for i, j, a in self.overlaps() if self.rooms[i].storey == storey)
        estimate = float(self.footprint.area - self.areas_inside[on].sum() + overlap)
        if estimate < 0.25:
            return max(estimate, 0.0)
        return float(shapely.difference(self.footprint, shapely.union_all(self.polys[on])).area)
