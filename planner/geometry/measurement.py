"""Measurements: distances, areas, inscribed circles and shared wall lengths."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.geometry.predicates import line_segments
from planner.geometry.shapes import TOLERANCE_M

CIRCLE_TOLERANCE_M = 0.002
"""Precision of the largest inscribed circle's radius."""


def distances(geom: BaseGeometry, others: np.ndarray) -> np.ndarray:
    """Shortest distance from ``geom`` to each geometry of ``others`` (metres)."""
    return shapely.distance(geom, others)


def inscribed_diameters(polys: np.ndarray) -> np.ndarray:
    """Diameter of the largest circle inside each polygon; 0 for an empty one.

    >>> from shapely import box
    >>> from shapely import Polygon
    >>> ell = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)])
    >>> [round(float(d), 2) for d in inscribed_diameters(np.array([box(0, 0, 3, 1.4), ell]))]
    [1.4, 1.17]
    """
    polys = np.asarray(polys, dtype=object)
    out = np.zeros(len(polys))
    if not len(polys):
        return out
    area = shapely.area(polys)
    ok = ~shapely.is_empty(polys) & (area > 0)
    box, short = rectangle_sides(polys, area)
    box &= ok
    out[box] = short[box]      # a rectangle's largest circle is its short side: no iteration needed
    rest = ok & ~box
    if rest.any():
        todo = polys[rest]
        mixed = shapely.get_type_id(todo) == 7       # a collection: its polygons (GEOS takes no other)
        if mixed.any():
            todo = todo.copy()
            todo[mixed] = shapely.buffer(todo[mixed], 0)
        lines = shapely.maximum_inscribed_circle(todo, CIRCLE_TOLERANCE_M)
        out[rest] = 2 * shapely.length(lines)
    return out


def rectangles(polys: np.ndarray, area: np.ndarray | None = None) -> np.ndarray:
    """Which polygons are rectangles: four corners at right angles, no holes.

    >>> from shapely import Polygon, box
    >>> rectangles(np.array([box(0, 0, 2, 1), Polygon([(0, 0), (2, 0), (2, 1), (0, 2)])])).tolist()
    [True, False]
    """
    return rectangle_sides(polys, area)[0]


def rectangle_sides(polys: np.ndarray, area: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Which polygons are rectangles, and the short side of each rectangle (0 for the others)."""
    polys = np.asarray(polys, dtype=object)
    out = np.zeros(len(polys), dtype=bool)
    short = np.zeros(len(polys))
    if not len(polys):
        return out, short
    area = shapely.area(polys) if area is None else area
    four = ((shapely.get_num_coordinates(polys) == 5) & (shapely.get_num_interior_rings(polys) == 0)
            & (shapely.get_type_id(polys) == 3))         # a polygon, not a collection of five points
    idx = np.flatnonzero(four)
    if not len(idx):
        return out, short
    c = shapely.get_coordinates(polys[idx]).reshape(-1, 5, 2)
    ax, ay = c[:, 1, 0] - c[:, 0, 0], c[:, 1, 1] - c[:, 0, 1]
    bx, by = c[:, 2, 0] - c[:, 1, 0], c[:, 2, 1] - c[:, 1, 1]
    dx, dy = c[:, 3, 0] - c[:, 2, 0], c[:, 3, 1] - c[:, 2, 1]
    la, lb, a = np.hypot(ax, ay), np.hypot(bx, by), area[idx]
    ok = ((np.abs(ax * bx + ay * by) <= 1e-9 * np.maximum(la * lb, 1e-12))       # a right angle,
          & (np.abs(ax * dy - ay * dx) <= 1e-9 * np.maximum(la * la, 1e-12))     # opposite sides parallel,
          & (np.abs(la * lb - a) <= 1e-9 * np.maximum(a, 1e-12)))                # and the area of both
    out[idx[ok]] = True
    short[idx[ok]] = np.minimum(la, lb)[ok]
    return out, short


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
    lines = shapely.boundary(polys)
    if len(lines):
        halves = _half_planes(core)
        if halves is not None:          # a convex core: each segment clipped in one numpy pass
            return _lengths_outside(lines, *halves)
    return shapely.length(shapely.difference(lines, core))


def _half_planes(core: BaseGeometry) -> tuple[np.ndarray, np.ndarray] | None:
    """A convex polygon as the half-planes whose intersection it is: a point and an inward
    normal per edge; None for any other shape (concave, with holes, several parts, empty)."""
    if shapely.get_type_id(core) != 3 or core.is_empty or shapely.get_num_interior_rings(core):
        return None
    ring = shapely.get_coordinates(core).tolist()
    pts, dirs = [], []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:], strict=True):
        if x1 != x0 or y1 != y0:
            pts.append((x0, y0))
            dirs.append((x1 - x0, y1 - y0))
    if len(dirs) < 3:
        return None
    left = right = False
    for (ax, ay), (bx, by) in zip(dirs, dirs[1:] + dirs[:1], strict=True):
        turn = ax * by - ay * bx
        eps = 1e-12 * math.hypot(ax, ay) * math.hypot(bx, by)
        left, right = left or turn > eps, right or turn < -eps
    if left == right:           # turns both ways (concave), or never (degenerate)
        return None
    side = 1.0 if left else -1.0      # counter-clockwise: the inside lies left of each edge
    return np.array(pts), np.array([(-side * dy, side * dx) for dx, dy in dirs])


def _lengths_outside(lines: np.ndarray, points: np.ndarray, normals: np.ndarray) -> np.ndarray:
    """Length of each line outside a convex polygon given by its half-planes (Cyrus–Beck clipping)."""
    p0, p1, who = line_segments(lines)
    seg = p1 - p0
    length = np.hypot(seg[:, 0], seg[:, 1])
    num = p0 @ normals.T - (points * normals).sum(axis=1)     # >= 0: the start is on the inner side
    den = seg @ normals.T
    with np.errstate(divide="ignore", invalid="ignore"):
        t = -num / den
    enter = np.where(den > 0, t, 0.0).max(axis=1, initial=0.0)
    leave = np.where(den < 0, t, 1.0).min(axis=1, initial=1.0)
    apart = ((den == 0) & (num < 0)).any(axis=1)      # parallel to an edge, on its outer side
    inside = np.where(apart, 0.0, np.clip(leave - enter, 0.0, None)) * length
    return np.bincount(who, weights=length - inside, minlength=len(lines))


def bya_m2(footprints: np.ndarray, parking_m2: float) -> float:
    """Bebygd areal: footprints plus parking counted in BYA (TEK17 §5-2)."""
    return float(shapely.area(footprints).sum()) + parking_m2


def opened(polys: np.ndarray, width_m: float) -> np.ndarray:
    """Each polygon without its parts narrower than ``width_m`` (a morphological opening).

    Slivers and spikes thinner than the width vanish; a rectangle at least that wide
    comes back unchanged (mitred corners).

    >>> from shapely import Polygon, box
    >>> spiky = Polygon([(0, 0), (3, 0), (3, 3), (1.501, 3), (1.501, 6), (1.499, 6), (1.499, 3), (0, 3)])
    >>> [round(float(a), 3) for a in shapely.area(opened(np.array([spiky, box(0, 0, 1, 1)]), 0.3))]
    [9.0, 1.0]
    """
    r = width_m / 2
    if r <= 0:
        return polys
    return shapely.buffer(shapely.buffer(polys, -r, join_style="mitre"), r, join_style="mitre")


def rectangle_fits(poly: BaseGeometry, width_m: float, length_m: float) -> bool:
    """Whether a ``width_m`` × ``length_m`` rectangle fits inside ``poly``.

    Tried along each direction of the polygon's edges (rooms are drawn along their
    walls), both ways round. Exact for each direction: the rectangle's centre may lie
    where the polygon less the sweep of the rectangle along every edge leaves room.

    >>> from shapely import box
    >>> rectangle_fits(box(0, 0, 1.3, 1.8), 1.29, 1.79), rectangle_fits(box(0, 0, 1.4, 1.7), 1.3, 1.8)
    (True, False)
    """
    if poly.is_empty or poly.area <= 0:
        return False
    for ux, uy in _directions(poly):
        for w, h in ((width_m, length_m), (length_m, width_m)):
            if not _eroded(poly, ux, uy, w / 2, h / 2).is_empty:
                return True
    return False


def _directions(poly: BaseGeometry) -> list[tuple[float, float]]:
    """Distinct edge directions of a polygon, modulo a quarter turn."""
    out: list[float] = []
    for part in shapely.get_parts(poly):
        ring = np.asarray(part.exterior.coords)
        d = np.diff(ring, axis=0)
        lengths = np.hypot(d[:, 0], d[:, 1])
        for (dx, dy), n in zip(d, lengths, strict=True):
            if n > TOLERANCE_M:
                a = math.atan2(dy, dx) % (math.pi / 2)
                if not any(abs(a - b) < 1e-6 or abs(abs(a - b) - math.pi / 2) < 1e-6 for b in out):
                    out.append(a)
    return [(math.cos(a), math.sin(a)) for a in out] or [(1.0, 0.0)]


def _eroded(poly: BaseGeometry, ux: float, uy: float, a: float, b: float) -> BaseGeometry:
    """Centres of the rectangles ±a along (ux, uy) and ±b across it that lie inside ``poly``."""
    corners = np.array([[ux * sa * a - uy * sb * b, uy * sa * a + ux * sb * b]
                        for sa, sb in ((1, 1), (1, -1), (-1, 1), (-1, -1))])
    segs = []
    for part in shapely.get_parts(poly):
        for ring in [part.exterior, *part.interiors]:
            c = np.asarray(ring.coords)
            for p, q in zip(c[:-1], c[1:], strict=True):
                segs.append(np.vstack([p + corners, q + corners]))
    sweeps = shapely.convex_hull(shapely.multipoints(np.array(segs)))
    return shapely.difference(poly, shapely.union_all(sweeps))
