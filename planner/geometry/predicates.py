"""Predicates: validity of polygons and where doors and windows sit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
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


def are_on_walls(points: np.ndarray, walls_a: np.ndarray, walls_b: np.ndarray,
                 tolerance_m: float = DOOR_TOLERANCE_M) -> np.ndarray:
    """Vectorized door test: is each point on a stretch where its two boundaries run together?

    ``walls_a`` and ``walls_b`` are boundaries (lines), one pair per point. The
    point must lie within ``tolerance_m`` of a segment of each, and those two
    segments must run together: parallel, within ``tolerance_m`` of each other over
    more than a corner's touch, with the point beside that shared stretch. The
    test is symmetric: ``walls_a`` and ``walls_b`` swapped give the same answer.

    >>> from shapely import box, points
    >>> a, b, c = box(0, 0, 3, 3).boundary, box(3, 0, 6, 3).boundary, box(3, 3, 6, 6).boundary
    >>> are_on_walls(points([(3, 1.5), (3, 3), (3.2, 1.5)]), np.array([a, a, a]),
    ...              np.array([b, c, b])).tolist()
    [True, False, False]
    """
    return np.array([s is not None for s in wall_stretches(points, walls_a, walls_b, tolerance_m)],
                    dtype=bool)


def wall_stretches(points: np.ndarray, walls_a: np.ndarray, walls_b: np.ndarray,
                   tolerance_m: float = DOOR_TOLERANCE_M) -> list[Stretch | None]:
    """For each point: the straight stretch where its two boundaries run together, or None.

    See :func:`are_on_walls`; of several stretches beside the point, the one nearest it.
    """
    pts = shapely.get_coordinates(points)
    out: list[Stretch | None] = [None] * len(pts)
    if not len(pts):
        return out
    sa, ea, ka = line_segments(walls_a)
    sb, eb, kb = line_segments(walls_b)
    near = segment_distances(pts[np.concatenate([ka, kb])], np.concatenate([sa, sb]),
                             np.concatenate([ea, eb])) <= tolerance_m      # both sides in one pass
    near_a, near_b = np.flatnonzero(near[:len(ka)]), np.flatnonzero(near[len(ka):])
    b_of: dict[int, list[int]] = {}
    for j in near_b.tolist():
        b_of.setdefault(int(kb[j]), []).append(j)
    at = pts.tolist()               # plain floats: quicker than numpy scalars one by one
    for i in near_a.tolist():
        k = int(ka[i])
        if k not in b_of:
            continue
        a0, a1 = sa[i].tolist(), ea[i].tolist()
        for j in b_of[k]:
            b0, b1 = sb[j].tolist(), eb[j].tolist()
            s = (_run_together(a0, a1, b0, b1, at[k], tolerance_m)
                 or _run_together(b0, b1, a0, a1, at[k], tolerance_m))
            if s is not None and (out[k] is None or s.off < out[k].off):
                out[k] = s
    return out


def line_segments(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start points, end points and owner index of every segment of each line."""
    if (shapely.get_type_id(lines) == 1).all():      # plain linestrings: no parts to split
        coords, owner = shapely.get_coordinates(lines, return_index=True)
        same = owner[:-1] == owner[1:]
        return coords[:-1][same], coords[1:][same], owner[:-1][same]
    parts, owner = shapely.get_parts(lines, return_index=True)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    same = part[:-1] == part[1:]
    return coords[:-1][same], coords[1:][same], owner[part[:-1][same]]


def segment_distances(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance from each point to its segment a-b (arrays of shape (n, 2); ``p`` may be one point).

    >>> segment_distances(np.array([1.0, 1.0]), np.array([[0.0, 0.0], [3.0, 0.0]]),
    ...                   np.array([[2.0, 0.0], [3.0, 2.0]])).tolist()
    [1.0, 2.0]
    """
    ab = b - a
    length2 = np.einsum("ij,ij->i", ab, ab)
    t = np.einsum("ij,ij->i", p - a, ab) / np.where(length2 > 0, length2, 1.0)
    closest = a + np.clip(t, 0.0, 1.0)[:, None] * ab
    return np.hypot(*(p - closest).T)


PARALLEL_SIN = 0.02
"""Two wall segments are parallel when the sine of their angle is at most this (about 1.1°)."""


@dataclass(frozen=True)
class Stretch:
    """A straight stretch of wall two boundaries share, and a point's place along it."""

    start: tuple[float, float]
    end: tuple[float, float]
    at: float
    """The point's distance from ``start`` along the stretch (may lie a tolerance outside it)."""
    off: float
    """How far the point lies beside the stretch's line."""

    @property
    def length(self) -> float:
        return math.hypot(self.end[0] - self.start[0], self.end[1] - self.start[1])


def _run_together(a0: Sequence[float], a1: Sequence[float], b0: Sequence[float], b1: Sequence[float],
                  p: Sequence[float], tolerance_m: float) -> Stretch | None:
    """Whether segment b runs along segment a over more than a touch, beside point p.

    In a's frame: b must be parallel to a, and the stretch of a where b lies within
    ``tolerance_m`` of it (measured only where the two overlap, never on a line
    extended past a segment's end) must be longer than twice the length tolerance,
    with p beside it.
    """
    ax, ay = float(a0[0]), float(a0[1])
    ux, uy = float(a1[0]) - ax, float(a1[1]) - ay
    length = math.hypot(ux, uy)
    if length <= 0:
        return None
    ux, uy = ux / length, uy / length
    b0x, b0y = float(b0[0]) - ax, float(b0[1]) - ay
    b1x, b1y = float(b1[0]) - ax, float(b1[1]) - ay
    t0, t1 = b0x * ux + b0y * uy, b1x * ux + b1y * uy          # along a
    d0, d1 = b0y * ux - b0x * uy, b1y * ux - b1x * uy          # across a
    run = abs(t1 - t0)
    if run <= 0 or abs(d1 - d0) > PARALLEL_SIN * math.hypot(t1 - t0, d1 - d0):
        return None      # not parallel
    if t1 < t0:
        t0, t1, d0, d1 = t1, t0, d1, d0
    lo, hi = max(0.0, t0), min(length, t1)
    if hi <= lo:
        return None
    slope = (d1 - d0) / run      # b's offset from a, at a's parameter t: d0 + slope (t - t0)
    # where b is within the tolerance of a: |d0 + slope (t - t0)| <= tolerance_m
    if abs(slope) > 1e-15:
        ta, tb = sorted(((-tolerance_m - d0) / slope + t0, (tolerance_m - d0) / slope + t0))
        lo, hi = max(lo, ta), min(hi, tb)
    elif abs(d0) > tolerance_m:
        return None
    tp = (float(p[0]) - ax) * ux + (float(p[1]) - ay) * uy
    if not (hi - lo > 2 * TOLERANCE_M and lo - tolerance_m <= tp <= hi + tolerance_m):
        return None
    off = abs((float(p[1]) - ay) * ux - (float(p[0]) - ax) * uy)
    return Stretch((ax + ux * lo, ay + uy * lo), (ax + ux * hi, ay + uy * hi), tp - lo, off)


def is_on_wall(point: BaseGeometry, a: BaseGeometry, b: BaseGeometry,
               tolerance_m: float = DOOR_TOLERANCE_M) -> bool:
    """Whether ``point`` lies on the wall ``a`` and ``b`` share.

    The point must be on both boundaries, and on a stretch where they run
    together (not only at a corner where they meet).
    """
    return bool(are_on_walls(np.array([point], dtype=object), np.array([shapely.boundary(a)], dtype=object),
                             np.array([shapely.boundary(b)], dtype=object), tolerance_m)[0])
