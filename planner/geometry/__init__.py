"""Pure Shapely helpers for plots and floor plans (no Flask, no database, no files)."""

from planner.geometry.access import access_graph, reachable
from planner.geometry.building import BuildingGeometry
from planner.geometry.measurement import (
    bya_m2,
    distances,
    inscribed_diameters,
    shared_length,
    shared_lengths,
)
from planner.geometry.predicates import explain, is_on_boundary, is_on_wall
from planner.geometry.shapes import (
    TOLERANCE_M,
    as_coords,
    buildable_area,
    edges,
    net_polygons,
    polygon,
    ring,
    shrink,
    union,
)

__all__ = [
    "TOLERANCE_M", "BuildingGeometry", "access_graph", "as_coords", "buildable_area", "bya_m2",
    "distances", "edges", "explain", "inscribed_diameters", "is_on_boundary", "is_on_wall",
    "net_polygons", "polygon", "reachable", "ring", "shared_length", "shared_lengths", "shrink",
    "union",
]
