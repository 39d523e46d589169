"""Triangle meshes as numpy arrays: polygons triangulated, extruded, and walls with openings.

A :class:`Mesh` holds ``vertices`` (n × 3, metres, plan x east, y north, z up) and
``triangles`` (m × 3 vertex indices, counter-clockwise seen from outside). The solids
made here (:func:`prism`, :func:`wall_solid`, :func:`convex_solid`) are closed and
manifold: every edge belongs to exactly two triangles, so readers such as trimesh
see them as watertight volumes.

>>> from shapely import box
>>> m = prism(box(0, 0, 4, 3), 0.0, 2.5)
>>> len(m.vertices), len(m.triangles), round(m.volume(), 6)
(8, 12, 30.0)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import Polygon
from shapely.geometry.base import BaseGeometry

_KEY = 1e-7
"""Vertices closer than this (metres) are one vertex when faces are joined."""


@dataclass
class Mesh:
    """Vertices (n × 3 float) and triangles (m × 3 int) of one surface or solid."""

    vertices: np.ndarray
    triangles: np.ndarray

    @classmethod
    def empty(cls) -> Mesh:
        return cls(np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64))

    @classmethod
    def join(cls, meshes: Iterable[Mesh]) -> Mesh:
        """Several meshes as one (their vertices are kept apart)."""
        parts = [m for m in meshes if len(m.triangles)]
        if not parts:
            return cls.empty()
        offsets = np.cumsum([0] + [len(m.vertices) for m in parts[:-1]])
        return cls(np.vstack([m.vertices for m in parts]),
                   np.vstack([m.triangles + o for m, o in zip(parts, offsets, strict=True)]))

    @property
    def is_empty(self) -> bool:
        return len(self.triangles) == 0

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Lowest and highest corner (x, y, z)."""
        return self.vertices.min(axis=0), self.vertices.max(axis=0)

    def volume(self) -> float:
        """Signed volume (positive for a closed solid with outward faces)."""
        v = self.vertices[self.triangles]
        return float(np.einsum("ij,ij->i", v[:, 0], np.cross(v[:, 1], v[:, 2])).sum() / 6.0)

    def area(self) -> float:
        v = self.vertices[self.triangles]
        return float(np.linalg.norm(np.cross(v[:, 1] - v[:, 0], v[:, 2] - v[:, 0]), axis=1).sum() / 2)

    def is_closed(self) -> bool:
        """Every edge is shared by exactly two triangles, once in each direction."""
        if self.is_empty:
            return False
        t = self.triangles
        edges = np.concatenate([t[:, [0, 1]], t[:, [1, 2]], t[:, [2, 0]]])
        directed = {tuple(e) for e in edges.tolist()}
        if len(directed) != len(edges):
            return False
        return all((b, a) in directed for a, b in directed)

    def normals(self) -> np.ndarray:
        """Unit normal of each triangle."""
        v = self.vertices[self.triangles]
        n = np.cross(v[:, 1] - v[:, 0], v[:, 2] - v[:, 0])
        length = np.linalg.norm(n, axis=1, keepdims=True)
        return n / np.where(length > 0, length, 1.0)


# --------------------------------------------------------------------------- 2D


def orient(poly: Polygon) -> Polygon:
    """The polygon with its exterior counter-clockwise and its holes clockwise."""
    return shapely.orient_polygons(poly, exterior_cw=False)


def parts(geom: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons of a (multi)polygon or collection, oriented."""
    out = []
    for g in shapely.get_parts(geom):
        if isinstance(g, Polygon) and not g.is_empty and g.area > 1e-9:
            out.append(orient(g))
    return out


def triangulate(poly: Polygon) -> tuple[np.ndarray, np.ndarray]:
    """A constrained Delaunay triangulation of ``poly`` on its own vertices.

    Returns ``(points, triangles)``: the polygon's distinct vertices (n × 2) and
    counter-clockwise triangles indexing them. Holes stay open.
    """
    rings = [np.asarray(poly.exterior.coords)[:-1]] + [np.asarray(r.coords)[:-1] for r in poly.interiors]
    pts = np.vstack(rings)
    index = _Index(pts)
    # the triangles' rings (4 points each, closed) straight from the collection, without its parts
    corners = shapely.get_coordinates(shapely.constrained_delaunay_triangles(poly)).reshape(-1, 4, 2)[:, :3]
    if not len(corners):
        return index.points(), np.zeros((0, 3), dtype=np.int64)
    exact, get = index.exact, index.get        # a triangle's corners are the polygon's own vertices
    flat = map(tuple, corners.reshape(-1, 2).tolist())
    out = np.array([exact[c] if c in exact else get(c) for c in flat], dtype=np.int64).reshape(-1, 3)
    pts = index.points()
    return pts, _ccw(pts, out)


def _ccw(pts: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """Triangles turned counter-clockwise, slivers of no area dropped."""
    a, b, c = pts[tris[:, 0]], pts[tris[:, 1]], pts[tris[:, 2]]
    cross = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0])
    keep = np.abs(cross) > 1e-14
    out = tris[keep].copy()
    flip = cross[keep] < 0
    out[flip] = out[flip][:, [0, 2, 1]]
    return out


class _Index:
    """Distinct 2D points by position (exact first, then within ``_KEY``)."""

    def __init__(self, pts: np.ndarray) -> None:
        self._pts: list[tuple[float, float]] = []
        self.exact: dict[tuple[float, float], int] = {}
        """Each point seen, by its exact coordinates."""
        self._at: dict[tuple[int, int], int] = {}
        for p in pts.tolist():
            self.get(p)

    def get(self, p: Sequence[float]) -> int:
        x, y = float(p[0]), float(p[1])
        i = self.exact.get((x, y))
        if i is not None:
            return i
        key = (round(x / _KEY), round(y / _KEY))
        i = self._at.get(key)
        if i is None:
            i = self._at[key] = len(self._pts)
            self._pts.append((x, y))
        self.exact[(x, y)] = i
        return i

    def points(self) -> np.ndarray:
        return np.array(self._pts, dtype=float).reshape(-1, 2)


def surface(poly: Polygon, z: float, up: bool = True) -> Mesh:
    """A flat surface over ``poly`` at level ``z``; ``up`` faces +z, else -z."""
    pts, tris = triangulate(orient(poly))
    verts = np.column_stack([pts, np.full(len(pts), float(z))])
    return Mesh(verts, tris if up else tris[:, [0, 2, 1]])


def draped(poly: Polygon, height: Callable[[np.ndarray], np.ndarray]) -> Mesh:
    """A surface over ``poly`` with each vertex at ``height(points)``."""
    pts, tris = triangulate(orient(poly))
    return Mesh(np.column_stack([pts, height(pts)]), tris)


# --------------------------------------------------------------------------- solids


def _next(a: np.ndarray) -> np.ndarray:
    """Each item's successor around a ring (``np.roll(a, -1, axis=0)``, without its overhead)."""
    return np.concatenate([a[1:], a[:1]])


def _convex(pts: np.ndarray) -> np.ndarray:
    """Whether each ring of corners (``…, n, 2``, without the closing point) turns left or runs
    straight at every corner: convex and counter-clockwise."""
    d = np.concatenate([pts[..., 1:, :], pts[..., :1, :]], axis=-2) - pts
    e = np.concatenate([d[..., 1:, :], d[..., :1, :]], axis=-2)
    return ((d[..., 0] * e[..., 1] - d[..., 1] * e[..., 0]) > -1e-12).all(axis=-1)


def _convex_ring(poly: Polygon) -> np.ndarray | None:
    """The vertices of a polygon without holes that is convex (counter-clockwise), else ``None``."""
    if poly.interiors:
        return None
    pts = np.asarray(poly.exterior.coords)[:-1]
    if len(pts) < 3:
        return None
    return pts if _convex(pts) else None


def prism(poly: Polygon, z0: float, z1: float) -> Mesh:
    """``poly`` extruded from ``z0`` to ``z1``: a closed solid (holes go through)."""
    poly = orient(poly)
    convex = _convex_ring(poly)
    if convex is not None:       # most rooms and slabs: a fan is a triangulation
        n = len(convex)
        verts = np.vstack([np.column_stack([convex, np.full(n, z0)]),
                           np.column_stack([convex, np.full(n, z1)])])
        return Mesh(verts, _prism_faces(n))
    pts, tris = triangulate(poly)
    n = len(pts)
    verts = np.vstack([np.column_stack([pts, np.full(n, z0)]), np.column_stack([pts, np.full(n, z1)])])
    faces = [tris[:, [0, 2, 1]], tris + n]
    index = _Index(pts)
    for ring in [poly.exterior, *poly.interiors]:
        ids = [index.get(c) for c in np.asarray(ring.coords)[:-1]]
        a = np.array(ids)
        b = _next(a)
        faces.append(np.column_stack([a, b, b + n]))
        faces.append(np.column_stack([a, b + n, a + n]))
    return Mesh(verts, np.vstack(faces).astype(np.int64))


def prisms(geoms: Sequence[BaseGeometry], z0: float, z1: float) -> list[Mesh]:
    """Each (multi)polygon's :func:`parts` extruded from ``z0`` to ``z1`` and joined, as
    ``Mesh.join(prism(p, z0, z1) for p in parts(g))`` makes it, for many at once: the convex parts
    without holes (most rooms) grouped by their number of corners and placed in a few array
    operations; the others one by one.

    >>> from shapely import box
    >>> [round(m.volume(), 6) for m in prisms([box(0, 0, 4, 3), box(5, 0, 6, 1)], 0.0, 2.0)]
    [24.0, 2.0]
    """
    out: list[list[Mesh | None]] = [[] for _ in range(len(geoms))]
    if not len(geoms):
        return []
    pieces, owner = shapely.get_parts(np.asarray(geoms, dtype=object), return_index=True)
    if len(pieces):
        keep = ((shapely.get_type_id(pieces) == shapely.GeometryType.POLYGON) & ~shapely.is_empty(pieces)
                & (shapely.area(pieces) > 1e-9))
        pieces = shapely.orient_polygons(pieces[keep], exterior_cw=False)
        owner = owner[keep]
    slots = []
    for k in owner.tolist():
        slots.append(len(out[k]))
        out[k].append(None)
    if len(pieces):
        coords, ring_of = shapely.get_coordinates(shapely.get_exterior_ring(pieces), return_index=True)
        count = np.bincount(ring_of, minlength=len(pieces)) - 1             # without the closing point
        plain = shapely.get_num_interior_rings(pieces) == 0
        starts = np.concatenate([[0], np.cumsum(count + 1)[:-1]])
        for n in np.unique(count[plain & (count >= 3)]).tolist():
            group = np.nonzero(plain & (count == n))[0]
            pts = coords[starts[group][:, None] + np.arange(n)]                # (polygons, n, 2)
            convex = _convex(pts)
            group, pts = group[convex], pts[convex]
            if not len(group):
                continue
            faces = _prism_faces(n)
            faces.flags.writeable = False        # shared by the group's meshes
            z = np.repeat(np.array([float(z0), float(z1)]), n)                     # bottom ring, top ring
            verts = np.concatenate([np.concatenate([pts, pts], axis=1),
                                    np.broadcast_to(z[None, :, None], (len(group), 2 * n, 1))], axis=2)
            for row, i in enumerate(group.tolist()):
                out[owner[i]][slots[i]] = Mesh(verts[row], faces)
        for i, piece in enumerate(pieces.tolist()):
            if out[owner[i]][slots[i]] is None:
                out[owner[i]][slots[i]] = prism(piece, z0, z1)
    return [ms[0] if len(ms) == 1 else Mesh.join(ms) for ms in out]  # type: ignore[arg-type,misc]


def _prism_faces(n: int) -> np.ndarray:
    """The triangles of a convex ``n``-gon extruded (:func:`prism`'s: bottom, top, then the sides), its
    bottom ring vertices ``0 … n-1`` and its top ring ``n … 2n-1``."""
    fan = np.column_stack([np.zeros(n - 2, dtype=np.int64), np.arange(1, n - 1), np.arange(2, n)])
    a = np.arange(n)
    b = _next(a)
    return np.vstack([fan[:, [0, 2, 1]], fan + n, np.column_stack([a, b, b + n]),
                      np.column_stack([a, b + n, a + n])]).astype(np.int64)


_QUAD_FACES = _prism_faces(4)


def quad_prisms(corners: np.ndarray, z0: np.ndarray, z1: np.ndarray) -> Mesh:
    """Many convex quadrilaterals (k × 4 × 2 corners, counter-clockwise) each extruded from its
    ``z0`` to its ``z1``, as one mesh of k closed boxes (what :func:`prism` makes of each, joined).

    >>> m = quad_prisms(np.array([[[0, 0], [1, 0], [1, 1], [0, 1]]] * 2, dtype=float),
    ...                 np.array([0.0, 2.0]), np.array([1.0, 2.5]))
    >>> m.is_closed(), round(m.volume(), 6)
    (True, 1.5)
    """
    corners = np.asarray(corners, dtype=float).reshape(-1, 4, 2)
    k = len(corners)
    if not k:
        return Mesh.empty()
    xy = np.concatenate([corners, corners], axis=1)                               # (k, 8, 2)
    z = np.repeat(np.column_stack([z0, z1]).astype(float), 4, axis=1)             # (k, 8)
    verts = np.concatenate([xy, z[:, :, None]], axis=2).reshape(-1, 3)
    tris = (_QUAD_FACES[None, :, :] + 8 * np.arange(k)[:, None, None]).reshape(-1, 3)
    return Mesh(verts, tris)


def convex_solid(points: np.ndarray, faces: Sequence[Sequence[int]]) -> Mesh:
    """A closed solid from its corner ``points`` and planar convex ``faces`` (vertex loops,
    counter-clockwise seen from outside), fanned into triangles."""
    tris = [(f[0], f[i], f[i + 1]) for f in faces for i in range(1, len(f) - 1)]
    return Mesh(np.asarray(points, dtype=float), np.array(tris, dtype=np.int64))


@dataclass(frozen=True)
class Frame:
    """A wall's own axes: ``u`` along its face, ``v`` across it (into the wall), z up.

    ``origin`` is the wall's start on its front face; ``d`` the unit direction along it and
    ``n`` = ``d`` turned a quarter left, so (``d``, ``n``, z) is right-handed.
    """

    origin: tuple[float, float]
    d: tuple[float, float]

    @property
    def n(self) -> tuple[float, float]:
        return (-self.d[1], self.d[0])

    def to_world(self, u: np.ndarray, v: np.ndarray, z: np.ndarray) -> np.ndarray:
        ox, oy = self.origin
        dx, dy = self.d
        nx, ny = self.n
        return np.column_stack([ox + u * dx + v * nx, oy + u * dy + v * ny, z])

    def u_of(self, x: float, y: float) -> float:
        return (x - self.origin[0]) * self.d[0] + (y - self.origin[1]) * self.d[1]

    def v_of(self, x: float, y: float) -> float:
        return (x - self.origin[0]) * self.n[0] + (y - self.origin[1]) * self.n[1]


def frames_to_plan(frames: Sequence[Frame], u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """:meth:`Frame.to_world` in plan for many frames at once: row ``i`` of ``u`` and ``v`` (each
    broadcast to one row a frame) in ``frames[i]``; (frames, points, 2).

    >>> frames_to_plan([Frame((1.0, 0.0), (0.0, 1.0))], np.array([[2.0]]), np.array([[0.5]])).tolist()
    [[[0.5, 2.0]]]
    """
    f = np.array([(*fr.origin, *fr.d) for fr in frames], dtype=float)
    ox, oy, dx, dy = (f[:, i:i + 1] for i in range(4))
    return np.stack([ox + u * dx + v * -dy, oy + u * dy + v * dx], axis=-1)        # n = (-dy, dx)


WallSpec = tuple[Frame, float, tuple[float, float], tuple[float, float], float, float,
                 Sequence[tuple[float, float, float, float]]]
"""What :func:`wall_solids` takes for one wall: the arguments of :func:`wall_solid`."""


def wall_solid(frame: Frame, thickness: float, front: tuple[float, float], back: tuple[float, float],
               z0: float, z1: float, holes: Sequence[tuple[float, float, float, float]] = ()) -> Mesh:
    """A straight wall with openings, as one closed solid.

    The wall runs along ``frame`` from ``front`` = (u start, u end) on its front face
    (v = 0) to ``back`` = (u start, u end) on its back face (v = ``thickness``), so a
    mitred corner makes its ends slant; ``holes`` are openings (u0, u1, z0, z1) straight
    through it. Openings are kept clear of the ends and 2 cm under the top; one reaching
    the floor (a door) cuts the bottom edge.

    The face is cut into a grid at every opening's edges; the cells that are wall make
    the front and (with the ends moved to the back face's) the back, and each cell edge
    between wall and opening or outside makes a face across the wall's thickness.

    >>> m = wall_solid(Frame((0.0, 0.0), (1.0, 0.0)), 0.2, (0.0, 4.0), (0.0, 4.0), 0.0, 2.5,
    ...                [(1.0, 2.0, 0.8, 2.0)])
    >>> m.is_closed(), round(m.volume(), 6)        # 4 × 2.5 × 0.2 less the window's 1 × 1.2 × 0.2
    (True, 1.76)
    """
    return wall_solids([(frame, thickness, front, back, z0, z1, holes)])[0]


def wall_solids(walls: Sequence[WallSpec]) -> list[Mesh]:
    """Many walls' solids (as :func:`wall_solid` makes each) in one batch.

    Walls whose openings cut their face into the same pattern of cells (every plain wall, every
    wall with one window, …) share one list of triangles, worked out once; their vertices are
    placed for the whole group in a few array operations.
    """
    groups: dict[tuple[int, int, tuple[bool, ...]], list[int]] = {}
    grids = []
    for k, (_, _, front, back, z0, z1, holes) in enumerate(walls):
        us, zs, solid = _wall_grid(front, back, z0, z1, holes)
        grids.append((us, zs))
        groups.setdefault((len(us), len(zs), solid), []).append(k)
    out: list[Mesh | None] = [None] * len(walls)
    for (nu, nz, solid), members in groups.items():
        iu, jz, back_side, tris = _wall_template(nu, nz, solid)
        spec = [walls[k] for k in members]
        us = np.array([grids[k][0] for k in members], dtype=float)            # (walls, nu)
        zs = np.array([grids[k][1] for k in members], dtype=float)            # (walls, nz)
        ub = us.copy()
        ub[:, 0] = [s[3][0] for s in spec]
        ub[:, -1] = [s[3][1] for s in spec]
        t = np.array([s[1] for s in spec], dtype=float)[:, None]
        u = np.where(back_side, ub[:, iu], us[:, iu])
        xy = frames_to_plan([s[0] for s in spec], u, back_side * t)
        verts = np.concatenate([xy, zs[:, jz][..., None]], axis=-1)
        for row, k in enumerate(members):
            out[k] = Mesh(verts[row], tris)
    return out  # type: ignore[return-value]


def _wall_grid(front: tuple[float, float], back: tuple[float, float], z0: float, z1: float,
               holes: Iterable[tuple[float, float, float, float]]
               ) -> tuple[list[float], list[float], tuple[bool, ...]]:
    """A wall face's grid: the distinct u and z of its ends and openings, and which cells are wall
    (row by row along u). Plain Python: the lists are a handful of numbers long."""
    lo = max(front[0], back[0]) + 0.005
    hi = min(front[1], back[1]) - 0.005
    cut = []
    for a, c, b, d in holes:
        a, c, b, d = max(a, lo), min(c, hi), max(b, z0), min(d, z1 - 0.02)
        if c - a > 0.01 and d - b > 0.01:
            cut.append((float(a), float(c), float(b), float(d)))
    us = sorted({float(front[0]), float(front[1]), *(h[0] for h in cut), *(h[1] for h in cut)})
    zs = sorted({float(z0), float(z1), *(h[2] for h in cut), *(h[3] for h in cut)})
    rows = len(zs) - 1
    solid = [True] * ((len(us) - 1) * rows)
    for a, c, b, d in cut:          # its edges are grid lines: the cells between them are open
        i0, i1, j0, j1 = us.index(a), us.index(c), zs.index(b), zs.index(d)
        for i in range(i0, i1):
            solid[i * rows + j0:i * rows + j1] = [False] * (j1 - j0)
    return us, zs, tuple(solid)


@functools.lru_cache(maxsize=256)
def _wall_template(nu: int, nz: int, solid_cells: tuple[bool, ...]
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The triangles of a wall whose face grid is ``nu`` × ``nz`` with these cells solid, and for
    each vertex used its grid column, row and face (``True``: the back)."""
    solid = np.array(solid_cells, dtype=bool).reshape(nu - 1, nz - 1)
    i, j = np.nonzero(solid)
    corner = [i * nz + j, (i + 1) * nz + j, (i + 1) * nz + j + 1, i * nz + j + 1]   # counter-clockwise
    tris = np.vstack([np.column_stack([corner[0], corner[1], corner[2]]),
                      np.column_stack([corner[0], corner[2], corner[3]])])
    pad = np.zeros((nu + 1, nz + 1), dtype=bool)
    pad[1:-1, 1:-1] = solid
    edges = []
    # each cell edge with no wall beyond it, in the cell's counter-clockwise order
    for (di, dj), (k0, k1) in (((0, -1), (0, 1)), ((1, 0), (1, 2)), ((0, 1), (2, 3)), ((-1, 0), (3, 0))):
        open_side = ~pad[i + 1 + di, j + 1 + dj]
        edges.append(np.column_stack([corner[k0][open_side], corner[k1][open_side]]))
    edges = np.vstack(edges)
    n = nu * nz
    sides = np.vstack([np.column_stack([edges[:, 0], edges[:, 0] + n, edges[:, 1] + n]),
                       np.column_stack([edges[:, 0], edges[:, 1] + n, edges[:, 1]])])
    faces = np.vstack([tris, tris[:, [0, 2, 1]] + n, sides])
    used, faces = np.unique(faces, return_inverse=True)         # once per pattern, not once per wall
    out = (used % n // nz, used % nz, (used >= n)[None, :], faces.reshape(-1, 3).astype(np.int64))
    for a in out:
        a.flags.writeable = False
    return out


def draped_solid(regions: Iterable[Polygon], top: Callable[[np.ndarray], np.ndarray],
                 z0: float) -> Mesh | None:
    """A closed solid between the level ``z0`` and a surface ``top`` (a function of plan points) over
    polygons that tile one outline (each a planar piece of the surface, e.g. the faces of a roof).

    ``None`` when the pieces do not join into one closed outline (a vertex of one piece in the middle
    of another's edge, or several separate outlines).
    """
    index = _Index(np.zeros((0, 2)))
    tris = []
    for region in regions:
        for poly in parts(region):
            pts, t = triangulate(poly)
            if len(t):
                ids = np.array([index.get(p) for p in pts.tolist()])
                tris.append(ids[t])
    if not tris:
        return None
    top_t = np.vstack(tris)
    xy = index.points()
    n = len(xy)
    edges = np.concatenate([top_t[:, [0, 1]], top_t[:, [1, 2]], top_t[:, [2, 0]]]).tolist()
    forward = {(a, b) for a, b in edges}
    after: dict[int, int] = {}
    for a, b in forward:
        if (b, a) not in forward:
            if a in after:
                return None
            after[a] = b
    loops, seen = [], set()
    for start in after:
        if start in seen:
            continue
        loop, cur = [start], after[start]
        seen.add(start)
        while cur != start:
            if cur in seen or cur not in after:
                return None
            loop.append(cur)
            seen.add(cur)
            cur = after[cur]
        loops.append(loop)

    def signed(loop: list[int]) -> float:
        p = xy[loop]
        q = _next(p)
        return float((p[:, 0] * q[:, 1] - q[:, 0] * p[:, 1]).sum() / 2)

    outer = [lp for lp in loops if signed(lp) > 0]
    if len(outer) != 1:
        return None
    holes = [xy[lp] for lp in loops if signed(lp) < 0]
    bp, bt = triangulate(Polygon(xy[outer[0]], holes))
    z = top(xy)
    # a vertex where the surface comes down to z0 (an eave) is one vertex of the top and the bottom
    low = np.where(z - z0 <= 1e-9, np.arange(n), np.arange(n) + n)
    bottom = low[np.array([index.get(p) for p in bp.tolist()])[bt][:, [0, 2, 1]]]
    if len(index.points()) != n:
        return None
    sides = []
    for a, b in ((a, b) for lp in loops for a, b in zip(lp, lp[1:] + lp[:1], strict=True)):
        sides += [(low[a], low[b], b), (low[a], b, a)]
    faces = np.vstack([top_t, bottom, np.array(sides)]).astype(np.int64)
    faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])]
    verts = np.vstack([np.column_stack([xy, z]), np.column_stack([xy, np.full(n, float(z0))])])
    mesh = Mesh(verts, faces)
    return mesh if mesh.is_closed() else None
