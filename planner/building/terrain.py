"""The finished ground of a plot from its spot heights (PLAN_FORMAT.md ``plot.terrain``).

Between the spot heights the ground is linear over their Delaunay triangulation;
outside the triangulation's hull it takes the height of the nearest spot height;
without spot heights it is flat at z = 0. "The mean terrain along an outline" is
the length-weighted mean of the ground height along it, integrated exactly: the
outline is cut where it crosses a triangle edge or a border between two nearest
spot heights, and each piece is linear (inside the hull) or constant (outside).

>>> t = Terrain([[0, 0, 10.0], [20, 0, 12.0], [0, 20, 10.0], [20, 20, 12.0]])
>>> t.height_at(10, 5), t.height_at(25, 0), t.height_at(-3, 30)
(11.0, 12.0, 10.0)
>>> t.mean_along([[0, 0], [20, 0], [20, 20], [0, 20]])
11.0
>>> Terrain(None).height_at(5, 5), Terrain(None).mean_along([[0, 0], [4, 0], [4, 4]])
(0.0, 0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

_EPS = 1e-12
_FAR_M = 4e7
"""Half the side of the square the nearest-height regions are drawn in (beyond any plan coordinate)."""


class Terrain:
    """A ground surface from spot heights ``[[x, y, z], ...]`` (``None`` or empty: flat at 0)."""

    def __init__(self, spots: Sequence[Sequence[float]] | None) -> None:
        pts = np.asarray(spots if spots else np.zeros((0, 3)), dtype=float).reshape(-1, 3)
        # one height per plan position: a repeated (x, y) keeps its first height
        _, first = np.unique(pts[:, :2], axis=0, return_index=True)
        self.spots = pts[np.sort(first)]
        self._xy = self.spots[:, :2]
        self._z = self.spots[:, 2]
        self._tri = np.zeros((0, 3, 2))
        self._tri_z = np.zeros((0, 3))
        self._cuts = shapely.MultiLineString()
        if len(self.spots) >= 3:
            self._triangulate()
        if len(self.spots) >= 2:
            self._cuts = shapely.union_all([self._cuts, self._voronoi_edges()])
        self._tree = shapely.STRtree(shapely.polygons(self._tri)) if len(self._tri) else None

    @classmethod
    def from_plot(cls, plot: Any) -> Terrain:
        """The terrain of a plan's plot (its ``terrain`` spot heights, if any)."""
        return cls(getattr(plot, "terrain", None))

    @property
    def is_flat_default(self) -> bool:
        """True when there are no spot heights (the ground is z = 0)."""
        return len(self.spots) == 0

    # ---- construction

    def _triangulate(self) -> None:
        # Delaunay in a local frame: coordinates in UTM keep their precision that way
        o = self._xy.mean(axis=0)
        local = shapely.multipoints(self._xy - o)
        tris = shapely.get_parts(shapely.delaunay_triangles(local))
        if not len(tris):
            return     # all spot heights on one line: nearest height everywhere
        coords = shapely.get_coordinates(shapely.get_exterior_ring(tris)).reshape(len(tris), 4, 2)[:, :3]
        coords = coords + o
        # heights of the triangle corners, by the nearest spot height (they are the spots)
        d = np.linalg.norm(coords[:, :, None, :] - self._xy[None, None, :, :], axis=3)
        self._tri = coords
        self._tri_z = self._z[np.argmin(d, axis=2)]
        self._cuts = shapely.boundary(shapely.polygons(coords))
        self._cuts = shapely.union_all(self._cuts)

    def _voronoi_edges(self) -> Any:
        """Borders between the regions of nearest spot heights (outside the hull they cut pieces).

        The diagram reaches far beyond any plan coordinate (the reader bounds them), so an
        outline anywhere is cut where its nearest spot height changes.
        """
        o = self._xy.mean(axis=0)
        far = shapely.box(-_FAR_M, -_FAR_M, _FAR_M, _FAR_M)
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(self._xy - o), extend_to=far))
        if not len(cells):
            return shapely.MultiLineString()
        borders = shapely.union_all(shapely.boundary(cells))
        return shapely.transform(borders, lambda c: c + o)

    # ---- queries

    def heights_at(self, xy: np.ndarray) -> np.ndarray:
        """Ground heights at many points (an array of shape (n, 2))."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.zeros(len(xy))
        if not len(self.spots) or not len(xy):
            return out
        tri = self._triangle_of(xy)
        inside = tri >= 0
        if inside.any():
            out[inside] = _barycentric(xy[inside], self._tri[tri[inside]], self._tri_z[tri[inside]])
        rest = ~inside
        if rest.any():
            d = np.linalg.norm(xy[rest][:, None, :] - self._xy[None, :, :], axis=2)
            out[rest] = self._z[np.argmin(d, axis=1)]
        return out

    def height_at(self, x: float, y: float) -> float:
        """The ground height at one point."""
        return float(self.heights_at(np.array([[x, y]]))[0])

    def mean_along(self, coords: Sequence[Sequence[float]], closed: bool = True) -> float:
        """Length-weighted mean ground height along a polygon's outline (or an open line).

        ``coords`` are ``[x, y]`` vertices; a ring is closed unless ``closed`` is false.
        """
        pts = np.asarray(coords, dtype=float).reshape(-1, 2)
        if len(pts) and np.array_equal(pts[0], pts[-1]):
            pts = pts[:-1]
        if len(pts) == 0:
            return 0.0
        if len(self.spots) == 0:
            return 0.0
        if len(pts) == 1:
            return self.height_at(*pts[0])
        line = np.vstack([pts, pts[:1]]) if closed else pts
        pieces = self._pieces(line)
        if not len(pieces):
            return self.height_at(*pts[0])
        a, b = pieces[:, 0], pieces[:, 1]
        length = np.linalg.norm(b - a, axis=1)
        total = length.sum()
        if total <= _EPS:
            return self.height_at(*pts[0])
        mid = (a + b) / 2
        h = self.heights_at(mid)          # outside the hull: constant over the piece
        tri = self._triangle_of(mid)
        inside = tri >= 0                 # inside: linear over the piece, on the midpoint's triangle
        if inside.any():
            t = tri[inside]
            h[inside] = (_barycentric(a[inside], self._tri[t], self._tri_z[t])
                         + _barycentric(b[inside], self._tri[t], self._tri_z[t])) / 2
        return float((h * length).sum() / total)

    # ---- helpers

    def _triangle_of(self, xy: np.ndarray) -> np.ndarray:
        """Index of a triangle holding each point, -1 outside the hull."""
        out = np.full(len(xy), -1)
        if self._tree is not None and len(xy):
            pts, tri = self._tree.query(shapely.points(xy), predicate="intersects")
            pts, first = np.unique(pts, return_index=True)
            out[pts] = tri[first]
        return out

    def _pieces(self, line: np.ndarray) -> np.ndarray:
        """The line's segments cut at every crossing with a triangle edge or a nearest-height border."""
        out = []
        cuts = self._cuts
        for p, q in zip(line[:-1], line[1:], strict=True):
            seg = q - p
            length2 = float(seg @ seg)
            if length2 <= _EPS:
                continue
            ts = [0.0, 1.0]
            if not cuts.is_empty:
                hit = shapely.intersection(shapely.LineString([p, q]), cuts)
                for c in shapely.get_coordinates(hit):
                    ts.append(float((c - p) @ seg) / length2)
            ts = np.unique(np.clip(ts, 0.0, 1.0))
            for t0, t1 in zip(ts[:-1], ts[1:], strict=True):
                if t1 - t0 > _EPS:
                    out.append((p + t0 * seg, p + t1 * seg))
        return np.array(out, dtype=float).reshape(-1, 2, 2)


def _barycentric(p: np.ndarray, tri: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Linear interpolation of corner heights ``z`` at points ``p`` inside triangles ``tri``."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    v0, v1, v2 = b - a, c - a, p - a
    den = v0[:, 0] * v1[:, 1] - v1[:, 0] * v0[:, 1]
    den = np.where(np.abs(den) > _EPS, den, 1.0)
    u = (v2[:, 0] * v1[:, 1] - v1[:, 0] * v2[:, 1]) / den
    v = (v0[:, 0] * v2[:, 1] - v2[:, 0] * v0[:, 1]) / den
    return z[:, 0] + u * (z[:, 1] - z[:, 0]) + v * (z[:, 2] - z[:, 0])
