"""Where a drafted house may stand: frames turned to the road, the buildable area, fitting.

A *frame* turns the building so that its front (mode ``front``) or its left end
(mode ``end``) faces a road edge of the plot. The buildable area is the plot less
the setbacks of RULES.md (with the neighbour distance at least half the eaves
height) and less 8 m around the plot's other buildings; a footprint rectangle of
length ``L`` and depth ``D`` fits where all of it lies inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from planner.geometry import buildable_area, edges, polygon
from planner.model import Plan, Plot
from planner.rules.plot import BUILDING_DISTANCE_M

SAFETY_M = 0.02
"""Kept clear of every setback line, so rounding never breaks a distance rule."""
SUN = np.array([-0.25, -1.0]) / math.hypot(0.25, 1.0)
"""The direction a living room should face: south, a little toward the evening sun."""
NORTH_BAND_M = 0.5


@dataclass(frozen=True)
class Frame:
    """A building frame: ``u`` axis at ``angle`` (radians from east), the road at ``mode``'s side."""

    angle: float
    mode: str
    road_edge: int

    @property
    def axes(self) -> tuple[np.ndarray, np.ndarray]:
        eu = np.array([math.cos(self.angle), math.sin(self.angle)])
        return eu, np.array([-eu[1], eu[0]])

    def world_normal(self, side: tuple[float, float], mirror: bool) -> np.ndarray:
        """World direction of a local outward normal (after mirroring ``u`` when asked)."""
        eu, ev = self.axes
        nu, nv = side
        return (-nu if mirror else nu) * eu + nv * ev


def _outward_normals(plot: Plot) -> list[np.ndarray]:
    """Unit normal of each plot edge, pointing out of the plot."""
    shape = polygon(plot.boundary)
    ccw = shape.exterior.is_ccw
    out = []
    for seg in edges(plot.boundary):
        (x0, y0), (x1, y1) = seg.coords
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        dx, dy = (x1 - x0) / length, (y1 - y0) / length
        out.append(np.array([dy, -dx]) if ccw else np.array([-dy, dx]))
    return out


def frames(plot: Plot) -> list[Frame]:
    """Frames with the front, or the left end, toward each road edge (the longest edge if none)."""
    normals = _outward_normals(plot)
    roads = list(plot.road_edges)
    if not roads:
        lengths = [float(s.length) for s in edges(plot.boundary)]
        roads = [int(np.argmax(lengths))]
    out: list[Frame] = []
    seen = set()
    for e in roads:
        nx, ny = normals[e]
        # front faces the road: -ev = n, so ev = -n and eu = (ev.y, -ev.x)
        front = math.atan2(nx, -ny)
        # left end faces the road: -eu = n
        end = math.atan2(-ny, -nx)
        for angle, mode in ((front, "front"), (end, "end")):
            key = (round(math.degrees(angle) % 360, 3), mode)
            if key not in seen:
                seen.add(key)
                out.append(Frame(angle, mode, e))
    return out


@dataclass
class Site:
    """The plot as the generator sees it: buildable area, allowance, other buildings."""

    plan: Plan
    household_id: str
    gesims_m: float

    @cached_property
    def plot_shape(self) -> Polygon:
        return polygon(self.plan.plot.boundary)

    @cached_property
    def others(self) -> list:
        return [b for b in self.plan.buildings if b.household != self.household_id]

    @cached_property
    def buildable(self) -> BaseGeometry:
        """Where the footprint may stand, kept ``SAFETY_M`` inside every limit."""
        reg = self.plan.plot.regulation
        neighbour = max(reg.neighbour_distance, self.gesims_m / 2)
        plot = replace(self.plan.plot, regulation=replace(reg, neighbour_distance_m=neighbour))
        area = buildable_area(plot)
        fps = [polygon(b.footprint) for b in self.others]
        fps = [f for f in fps if f.is_valid and f.area > 0]
        if fps:
            area = shapely.difference(area, shapely.union_all(
                shapely.buffer(np.array(fps, dtype=object), BUILDING_DISTANCE_M + SAFETY_M)))
        area = shapely.buffer(area, -SAFETY_M, join_style="mitre")
        return shapely.simplify(area, 0.005)

    @cached_property
    def allowance_m2(self) -> float:
        """Footprint area %-BYA leaves for this house (infinite with no limit)."""
        reg = self.plan.plot.regulation
        if reg.max_bya_percent is None:
            return math.inf
        taken = sum(polygon(b.footprint).area for b in self.others) + reg.parking_area_m2
        return float(reg.max_bya_percent) / 100 * self.plot_shape.area - taken

    @cached_property
    def _rotated(self) -> dict[float, BaseGeometry]:
        return {}

    def rotated(self, frame: Frame) -> BaseGeometry:
        """The buildable area in the frame's coordinates (``u`` along x)."""
        key = round(frame.angle, 9)
        if key not in self._rotated:
            geom = affinity.rotate(self.buildable, -frame.angle, origin=(0, 0), use_radians=True)
            shapely.prepare(geom)
            self._rotated[key] = geom
        return self._rotated[key]

    def fit(self, frame: Frame, length_m: float, depth_m: float) -> tuple[float, float] | None:
        """Lower-left corner, in frame coordinates, of an ``L`` × ``D`` footprint that fits.

        Among the places that fit, the northernmost is taken (the garden gets the
        sun), centred along the northern edge of the places that fit.
        """
        region = self.rotated(frame)
        if region.is_empty:
            return None
        x0, y0, x1, y1 = region.bounds
        if length_m > x1 - x0 or depth_m > y1 - y0:
            return None
        corners = ((0, 0), (length_m, 0), (0, depth_m), (length_m, depth_m))
        feasible = region
        for cx, cy in corners[1:]:
            feasible = shapely.intersection(feasible, affinity.translate(region, -cx, -cy))
            if feasible.is_empty:
                return None
        north = np.array([math.sin(frame.angle), math.cos(frame.angle)])
        for point in _north_points(feasible, north):
            if region.contains(box(point[0], point[1], point[0] + length_m, point[1] + depth_m)):
                return float(point[0]), float(point[1])
        return None


def _north_points(feasible: BaseGeometry, north: np.ndarray) -> list[np.ndarray]:
    """Candidate corners: the middle of the northern edge of ``feasible``, then its vertices."""
    pts = shapely.get_coordinates(shapely.boundary(feasible))
    if not len(pts):
        return []
    proj = pts @ north
    top = proj.max()
    near = pts[proj >= top - NORTH_BAND_M]
    order = np.argsort(-proj, kind="stable")
    return [near.mean(axis=0)] + [pts[i] for i in order[:8]]
