"""Measurements: distances, areas, inscribed circles and shared wall lengths."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.geometry.shapes import TOLERANCE_M

CIRCLE_TOLERANCE_M = 0.002
"""Precision of the largest inscribed circle's radius."""


def distances(geom: BaseGeometry, others: np.ndarray) -> np.ndarray:
    """Shortest distance from ``geom`` to each geometry of ``others`` (metres)."""
    return shapely.distance(geom, others)


def inscribed_diameters(polys: np.ndarray) -> np.ndarray:
    """Diameter of the largest circle inside each polygon; 0 for an empty one.

    >>> from shapely import box
    >>> [round(float(d), 2) for d in inscribed_diameters(np.array([box(0, 0, 3, 1.4)]))]
    [1.4]
    """
    polys = np.asarray(polys, dtype=object)
    out = np.zeros(len(polys))
    ok = ~shapely.is_empty(polys) & (shapely.area(polys) > 0)
    if ok.any():
        lines = shapely.maximum_inscribed_circle(polys[ok], CIRCLE_TOLERANCE_M)
        out[ok] = 2 * shapely.length(lines)
    return out


def outline_lengths(polys: np.ndarray, footprint: BaseGeometry) -> np.ndarray:
    """Length of each room's boundary on the outline of the footprint that holds it.

    The part of the boundary outside the footprint shrunk by the tolerance, so a wall
    matches the outline within the tolerance, never by exact equality.

    >>> from shapely import box
    >>> [round(float(x), 1) for x in outline_lengths(np.array([box(0, 0, 3, 3), box(3, 3, 5, 5)]),
    ...                                                box(0, 0, 10, 10))]
    [6.0, 0.0]
    """
    core = shapely.buffer(footprint, -TOLERANCE_M, join_style="mitre")
    return shapely.length(shapely.difference(shapely.boundary(polys), core))


def bya_m2(footprints: np.ndarray, parking_m2: float) -> float:
    """Bebygd areal: footprints plus parking counted in BYA (TEK17 §5-2)."""
    return float(shapely.area(footprints).sum()) + parking_m2
