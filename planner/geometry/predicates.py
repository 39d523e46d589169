"""Predicates: validity of polygons and where doors and windows sit."""

from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

from planner.geometry.shapes import TOLERANCE_M

DOOR_TOLERANCE_M = 0.05
"""A door's point may lie this far from its wall (PLAN_FORMAT.md)."""


def explain(geom: BaseGeometry) -> str | None:
    """Why a polygon is not usable, or ``None`` when it is simple with positive area."""
    if geom.is_empty:
        return "fewer than three vertices"
    if not geom.is_valid:
        return shapely.is_valid_reason(geom)
    if geom.area <= 0:
        return "no area"
    return None


def is_on_boundary(point: BaseGeometry, geom: BaseGeometry,
                   tolerance_m: float = DOOR_TOLERANCE_M) -> bool:
    """Whether ``point`` lies on the boundary of ``geom`` within the tolerance."""
    return bool(shapely.distance(point, shapely.boundary(geom)) <= tolerance_m)


def is_on_wall(point: BaseGeometry, a: BaseGeometry, b: BaseGeometry,
               tolerance_m: float = DOOR_TOLERANCE_M) -> bool:
    """Whether ``point`` lies on the wall ``a`` and ``b`` share.

    The point must be on both boundaries, and on a stretch where they run
    together (not only at a corner where they meet).
    """
    if not (is_on_boundary(point, a, tolerance_m) and is_on_boundary(point, b, tolerance_m)):
        return False
    shared = shapely.intersection(shapely.boundary(a),
                                  shapely.buffer(shapely.boundary(b), TOLERANCE_M, cap_style="flat"))
    parts = shapely.get_parts(shared)
    lines = parts[shapely.get_type_id(parts) == 1]
    if not len(lines):
        return False
    merged = shapely.get_parts(shapely.line_merge(shapely.multilinestrings(lines)))
    walls = merged[shapely.length(merged) > 2 * tolerance_m]   # corner stubs are not walls
    return bool(len(walls) and shapely.distance(point, shapely.union_all(walls)) <= tolerance_m)
