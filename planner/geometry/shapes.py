"""Constructive helpers: plan coordinates to Shapely geometries and back."""

from __future__ import annotations

import math
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


def buildable_area(plot: Plot, shape: BaseGeometry | None = None,
                   segs: np.ndarray | None = None) -> BaseGeometry:
    """The plot less a setback band along each edge, by its kind.

    Neighbour edges take ``neighbour_distance_m``, road edges ``road_distance_m``
    (RULES.md defaults). The band is the set of points nearer an edge than its
    distance, so the result holds exactly the points a footprint may cover.
    ``shape`` and ``segs``, when given, are the plot's polygon and :func:`edges`
    already built by the caller.
    """
    shape = polygon(plot.boundary) if shape is None else shape
    if not shape.is_valid or shape.area <= 0:
        return Polygon()
    segs = edges(plot.boundary) if segs is None else segs
    reg = plot.regulation
    road = set(plot.road_edges)
    dist = np.array([reg.road_distance if i in road else reg.neighbour_distance
                     for i in range(len(segs))])
    square = _square_ends(ring(plot.boundary))
    bands = np.empty(len(segs), dtype=object)
    if square.any():        # the same band inside the plot, in 5 vertices instead of 67
        bands[square] = shapely.buffer(segs[square], dist[square], cap_style="square")
    if (~square).any():
        bands[~square] = shapely.buffer(segs[~square], dist[~square], quad_segs=16)
    area = shape
    for band in bands:              # one difference at a time: no union needed
        area = shapely.difference(area, band)
    return area


def _square_ends(pts: list[tuple[float, float]]) -> np.ndarray:
    """Which edges of a polygon may take a square-ended band: the polygon is convex and neither
    end of the edge has an interior angle over 90°.

    There the whole polygon lies on the near side of the line square to the edge at
    each end, so the round end of a band around the edge falls outside the polygon and
    the band cuts the same area from it with a square end as with a round one (a square
    end, not a flat one, so that the corner itself is cut cleanly).
    """
    n = len(pts)
    out = np.zeros(n, dtype=bool)
    if n < 3:
        return out
    d = [(pts[(k + 1) % n][0] - pts[k][0], pts[(k + 1) % n][1] - pts[k][1]) for k in range(n)]
    size = [math.hypot(dx, dy) for dx, dy in d]
    turns, square = [], []
    for k in range(n):               # at vertex k + 1: edge k comes in, edge k + 1 goes out
        (ux, uy), (wx, wy) = d[k], d[(k + 1) % n]
        scale = size[k] * size[(k + 1) % n]
        turns.append(ux * wy - uy * wx)
        square.append(scale > 0 and ux * wx + uy * wy <= 1e-9 * scale)
    if not (all(t >= 0 for t in turns) or all(t <= 0 for t in turns)):
        return out                   # concave: another part of the plot may lie beyond an end
    for k in range(n):
        out[k] = square[k] and square[k - 1]     # the vertex after edge k, and the one before it
    return out


def union(geoms: Sequence[BaseGeometry]) -> BaseGeometry:
    """The union of many geometries in one call."""
    return shapely.union_all(np.asarray(geoms, dtype=object))
