"""Derived heights of a building: floor, wall top, eaves and ridge (PLAN_FORMAT.md).

The one source of heights for the rules, the drawings, the 3D model and the IFC
export. With ``T`` = ``floor_z`` + the sum of the storeys' ``height_m`` (the wall
top) and ``G`` = the mean finished terrain along the footprint outline (TEK17
§6-2):

- eaves height ``gesims`` = ``T − G``;
- ridge height ``mone`` = ``T − G + tan(pitch) × s``, where ``s`` is half the side of
  the footprint's minimum rotated rectangle across the ridge (``gable``, ``hip``),
  the whole side (``mono``), and 0 for ``flat``.

``floor_z`` defaults to ``G``. The ridge (for ``mono`` the low eave) runs along the
rectangle's side nearest in direction to footprint edge ``roof.ridge_along``
(default: the longest edge). Without a ``roof`` the typed ``gesims_m`` / ``mone_m``
stand (``derived`` is false), else the walls' top with a flat roof.

>>> from planner.model import loads
>>> plan = loads('{"format": "plan/1", "project": {"name": "P", "municipality": "M"},'
...   ' "plot": {"boundary": [[0,0],[30,0],[30,30],[0,30]], "road_edges": [0],'
...   '          "terrain": [[0,0,10],[30,0,10],[0,30,11],[30,30,11]]},'
...   ' "households": [{"id": "h", "name": "H"}],'
...   ' "buildings": [{"id": "A", "household": "h", "footprint": [[5,5],[17,5],[17,13],[5,13]],'
...   '   "storeys": 1, "rooms": [], "roof": {"type": "gable", "pitch_deg": 45}}]}')
>>> h = derived_heights(plan, plan.buildings[0])
>>> round(h.mean_terrain, 3), round(h.floor_z, 3), round(h.wall_top, 3)
(10.3, 10.3, 13.0)
>>> round(h.gesims_m, 3), round(h.mone_m, 3), h.ridge_dir
(2.7, 6.7, (1.0, 0.0))
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import Polygon

from planner.building.terrain import Terrain
from planner.model import Building, Plan

DEFAULT_STOREY_M = 2.7
"""Floor-to-floor height of a storey without ``levels[].height_m`` (PLAN_FORMAT.md)."""


@dataclass(frozen=True)
class Heights:
    """A building's heights: absolute levels (``*_z``, the plan's datum) and heights above ``G``."""

    floor_z: float
    """Finished floor of storey 1."""
    wall_top: float
    """``T``: ``floor_z`` plus every storey's floor-to-floor height."""
    mean_terrain: float
    """``G``: the length-weighted mean finished terrain along the footprint outline."""
    gesims_m: float
    """Eaves height above ``G`` (derived with a ``roof``, else the typed value)."""
    mone_m: float
    """Ridge height above ``G`` (derived with a ``roof``, else the typed value)."""
    ridge_z: float
    """Absolute level of the ridge (``G + mone_m``)."""
    eaves_z: float
    """Absolute level of the eaves (``G + gesims_m``)."""
    rect: Polygon
    """The footprint's minimum rotated rectangle, which the roof spans."""
    ridge_dir: tuple[float, float]
    """Unit vector along the ridge (for ``mono``, along the low eave)."""
    span_m: float = 0.0
    """``s``: the horizontal run from eaves to ridge."""
    derived: bool = False
    """True when ``gesims_m`` / ``mone_m`` come from the ``roof`` (PLAN_FORMAT.md)."""


def storeys_height(building: Building) -> float:
    """Sum of the floor-to-floor heights of the building's storeys (levels, default 2.7 m).

    >>> from planner.model import Building, Level
    >>> storeys_height(Building("A", "h", [], 2, levels=[Level(1, 3.0)]))
    5.7
    """
    given = {lv.storey: float(lv.height_m) for lv in building.levels or []
             if lv.height_m is not None and 1 <= lv.storey <= building.storeys}
    return sum(given.values()) + DEFAULT_STOREY_M * (building.storeys - len(given))


def ridge_edge(building: Building) -> int:
    """Index of the footprint edge the ridge runs along: ``roof.ridge_along``, else the longest.

    Of edges equally long (within 1 mm) the first counts, so a turned plan keeps its ridge.
    """
    pts = _ring(building.footprint)
    n = len(pts)
    if n < 2:
        return 0
    roof = building.roof
    if roof is not None and roof.ridge_along is not None:
        return int(roof.ridge_along) % n
    lengths = np.linalg.norm(np.roll(pts, -1, axis=0) - pts, axis=1)
    return int(np.flatnonzero(lengths >= lengths.max() - 0.001)[0])


def roof_frame(building: Building) -> tuple[Polygon, tuple[float, float], float]:
    """The minimum rotated rectangle, the unit vector along the ridge and the side across it."""
    pts = _ring(building.footprint)
    if len(pts) < 3:
        return Polygon(), (1.0, 0.0), 0.0
    o = pts.mean(axis=0)      # a local frame: georeferenced coordinates keep their precision
    fp = Polygon(pts - o)
    if not fp.is_valid or fp.area <= 0:
        return Polygon(), (1.0, 0.0), 0.0
    local = shapely.minimum_rotated_rectangle(fp)
    corners = shapely.get_coordinates(local)[:4]
    rect = Polygon(corners + o)
    sides = [corners[1] - corners[0], corners[2] - corners[1]]
    k = ridge_edge(building)
    edge = pts[(k + 1) % len(pts)] - pts[k]
    edge = edge / (np.linalg.norm(edge) or 1.0)
    lengths = [float(np.linalg.norm(s)) for s in sides]
    units = [s / (ln or 1.0) for s, ln in zip(sides, lengths, strict=True)]
    along = 0 if abs(float(units[0] @ edge)) >= abs(float(units[1] @ edge)) else 1
    u = units[along]
    if float(u @ edge) < 0:
        u = -u
    return rect, (_clean(u[0]), _clean(u[1])), lengths[1 - along]


def derived_heights(plan: Plan, building: Building, terrain: Terrain | None = None) -> Heights:
    """The heights of one building of ``plan`` (pass ``terrain`` to reuse one for many buildings)."""
    terrain = terrain if terrain is not None else Terrain.from_plot(plan.plot)
    ground = terrain.mean_along(_ring(building.footprint)) if len(building.footprint) else 0.0
    floor = ground if building.floor_z is None else float(building.floor_z)
    top = floor + storeys_height(building)
    rect, ridge_dir, across = roof_frame(building)
    roof = building.roof
    if roof is not None:
        s = {"gable": across / 2, "hip": across / 2, "mono": across}.get(roof.type, 0.0)
        rise = math.tan(math.radians(roof.pitch)) * s
        gesims = top - ground
        mone = gesims + rise
        return Heights(floor, top, ground, gesims, mone, ground + mone, ground + gesims, rect, ridge_dir,
                       span_m=s, derived=True)
    gesims = top - ground if building.gesims_m is None else float(building.gesims_m)
    mone = gesims if building.mone_m is None else float(building.mone_m)
    return Heights(floor, top, ground, gesims, mone, ground + mone, ground + gesims, rect, ridge_dir)


def heights_of(plan: Plan) -> dict[str, Heights]:
    """The heights of every building of the plan, by building id (one terrain for all)."""
    terrain = Terrain.from_plot(plan.plot)
    return {b.id: derived_heights(plan, b, terrain) for b in plan.buildings}


def _ring(coords: list) -> np.ndarray:
    pts = np.asarray(coords, dtype=float).reshape(-1, 2)
    if len(pts) > 1 and np.array_equal(pts[0], pts[-1]):
        pts = pts[:-1]
    return pts


def _clean(v: float) -> float:
    """A unit vector's component with rounding noise removed (``-0.0`` and ``1e-17`` become 0)."""
    r = round(float(v), 12)
    return 0.0 if r == 0 else r
