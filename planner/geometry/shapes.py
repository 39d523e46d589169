"""Constructive helpers: plan coordinates to Shapely geometries and back."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely import Polygon
from shapely.geometry.base import BaseGeometry

from planner.model import Coords, Plot

TOLERANCE_M = 0.01
"""Lengths closer than this are equal (RULES.md); areas likewise in m²."""


def ring(coords: Coords) -> list[tuple[float, float]]:
    """Vertices of a plan polygon without a repeated closing vertex.

    >>> ring([[0, 0], [1, 0], [1, 1], [0, 0]])
    [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    """
    pts = [(float(x), float(y)) for x, y in coords]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def polygon(coords: Coords) -> Polygon:
    """A Shapely polygon from plan coordinates (may be invalid: check with ``explain``).

    Fewer than three vertices give an empty polygon.
    """
    pts = ring(coords)
    if len(pts) < 3:
        return Polygon()
    return Polygon(pts)


def polygons(many: Sequence[Coords]) -> np.ndarray:
    """Polygons for many plan polygons at once (an empty polygon where fewer than 3 vertices)."""
    out = np.empty(len(many), dtype=object)
    rings = [ring(c) for c in many]
    ok = [i for i, r in enumerate(rings) if len(r) >= 3]
    if ok:
        flat = np.array([p for i in ok for p in rings[i]], dtype=float)
        index = np.repeat(np.arange(len(ok)), [len(rings[i]) for i in ok])
        out[ok] = shapely.polygons(shapely.linearrings(flat, indices=index))
    for i in set(range(len(many))) - set(ok):
        out[i] = Polygon()
    return out


def edges(coords: Coords) -> np.ndarray:
    """The polygon's edges as an array of LineStrings; edge i runs from vertex i to i+1."""
    pts = np.array(ring(coords), dtype=float).reshape(-1, 2)
    return shapely.linestrings(np.stack([pts, np.roll(pts, -1, axis=0)], axis=1))


def shrink(geom: BaseGeometry, distance_m: float) -> BaseGeometry:
    """Move every edge inward by ``distance_m`` with mitred corners.

    >>> round(shrink(polygon([[0, 0], [10, 0], [10, 5], [0, 5]]), 0.3).area, 2)
    41.36
    """
    if distance_m <= _NEGLIGIBLE_M:
        return geom
    return shapely.buffer(geom, -distance_m, join_style="mitre")


_NEGLIGIBLE_M = 1e-9
"""Shorter than this is no wall at all (a micrometre is far below any drawing's precision)."""


def net_polygons(rooms: np.ndarray, inner: BaseGeometry, interior_m: float) -> np.ndarray:
    """Net polygons of rooms: (room ∩ inner footprint) shrunk by half the interior wall.

    ``inner`` is the footprint shrunk by the exterior wall (PLAN_FORMAT.md).
    """
    clipped = shapely.intersection(rooms, inner)
    if interior_m <= _NEGLIGIBLE_M:
        return clipped
    return shapely.buffer(clipped, -interior_m / 2, join_style="mitre")


def buildable_area(plot: Plot) -> BaseGeometry:
    """The plot less a setback band along each edge, by its kind.

    Neighbour edges take ``neighbour_distance_m``, road edges ``road_distance_m``
    (RULES.md defaults). The band is the set of points nearer an edge than its
    distance, so the result holds exactly the points a footprint may cover.
    """
    shape = polygon(plot.boundary)
    if not shape.is_valid or shape.area <= 0:
        return Polygon()
    segs = edges(plot.boundary)
    reg = plot.regulation
    road = set(plot.road_edges)
    dist = np.array([reg.road_distance if i in road else reg.neighbour_distance
                     for i in range(len(segs))])
    area = shape
    for band in shapely.buffer(segs, dist, quad_segs=16):  # one difference at a time: no union needed
        area = shapely.difference(area, band)
    return area


def union(geoms: Sequence[BaseGeometry]) -> BaseGeometry:
    """The union of many geometries in one call."""
    return shapely.union_all(np.asarray(geoms, dtype=object))
