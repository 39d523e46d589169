"""Pure Shapely helpers for plots and floor plans (no Flask, no database, no files)."""

from planner.geometry.access import access_graph, reachable
from planner.geometry.building import BuildingGeometry
from planner.geometry.measurement import (
    bya_m2,
    distances,
    inscribed_diameters,
    outline_lengths,
)
from planner.geometry.predicates import explain, is_on_boundary, is_on_wall
from planner.geometry.shapes import (
    TOLERANCE_M,
    buildable_area,
    edges,
    net_polygons,
    polygon,
    polygons,
    ring,
    shrink,
    union,
)

__all__ = [
    "TOLERANCE_M", "BuildingGeometry", "access_graph", "buildable_area", "bya_m2", "distances",
    "edges", "explain", "inscribed_diameters", "is_on_boundary", "is_on_wall", "net_polygons",
    "outline_lengths", "polygon", "polygons", "reachable", "ring", "shrink", "union",
]
