"""The building in three dimensions, from the plan: walls, openings, slabs, rooms, roof and terrain.

One model for the elevations, the section, the glTF, the IFC and the 3D view:

- **walls** per storey with their real thickness: the exterior band (footprint less
  the footprint shrunk by ``walls.exterior_m``) as one mitred piece per footprint edge,
  interior walls centred on the shared boundaries of rooms (``walls.interior_m``; between
  two units ``walls.separating_m``);
- **openings** cut through them: doors ``height_m`` (default 2.1) high from the floor,
  windows at ``sill_m`` (default 0.8) with their glass size;
- **slabs**: the ground slab under the footprint, and each upper floor inside the exterior
  walls with the stairwell left open;
- **rooms**: each room's net polygon (PLAN_FORMAT.md) at its floor, with its ceiling height;
- the **roof** (gable, hip, mono, flat) over the footprint's minimum rotated rectangle,
  eaves at the wall top, with its overhang;
- the **terrain** surface of ``plot.terrain`` over the plot;

the building stands at ``floor_z``. Levels and derived heights come from
:mod:`planner.building.heights`. Plan coordinates are kept (x east, y north, z up, metres).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely import Polygon
from shapely.geometry.base import BaseGeometry

from planner.building.heights import Heights, derived_heights
from planner.building.mesh import (
    Frame,
    Mesh,
    WallSpec,
    convex_solid,
    draped,
    draped_solid,
    frames_to_plan,
    orient,
    parts,
    prism,
    prisms,
    wall_solids,
)
from planner.building.terrain import Terrain
from planner.geometry import BuildingGeometry
from planner.geometry.shapes import ring
from planner.model import OUTSIDE, Building, NeighbourBuilding, Plan, Room

SLAB_M = 0.25
"""Thickness of a floor slab (metres), below the finished floor."""
FLAT_ROOF_M = 0.3
"""Thickness of a flat roof, below the wall top."""
TERRAIN_MARGIN_M = 4.0
"""How far the terrain surface reaches beyond the plot boundary."""
NEIGHBOUR_GESIMS_M = 6.0
"""Eaves height of a neighbour building the map gives none for."""
WALL_MATCH_M = 0.02
"""Room boundaries closer than this run together and get a wall between them."""
SHORTEST_WALL_M = 0.05
ROOM_FLOOR_M = 0.02
"""Thickness of the sheet that shows a room's floor (above the finished floor)."""


@dataclass
class Opening:
    """A door or window cut through a wall: ``u0``–``u1`` along the wall, ``z0``–``z1`` absolute."""

    kind: str
    """``door``, ``opening`` (a doorless door) or ``window``."""
    index: int
    """Its index in the building's ``doors`` or ``windows``."""
    storey: int
    wall: int
    """Index of its wall in :attr:`BuildingModel.walls`."""
    u0: float
    u1: float
    z0: float
    z1: float
    rooms: tuple[str, ...]

    @property
    def width_m(self) -> float:
        return self.u1 - self.u0

    @property
    def height_m(self) -> float:
        return self.z1 - self.z0


@dataclass
class Wall:
    """A straight wall of one storey, as a :class:`~planner.building.mesh.Frame` with its extent."""

    kind: str
    """``exterior``, ``interior`` or ``separating`` (between two units)."""
    storey: int
    frame: Frame
    thickness: float
    front: tuple[float, float]
    back: tuple[float, float]
    z0: float
    z1: float
    edge: int | None = None
    """Footprint edge of an exterior wall."""
    rooms: tuple[str, ...] = ()
    openings: list[Opening] = field(default_factory=list)
    siblings: list[Wall] | None = field(default=None, repr=False, compare=False)
    """The building's walls (this one among them), whose solids are made together with this one's."""

    @property
    def length_m(self) -> float:
        return max(self.front[1] - self.front[0], self.back[1] - self.back[0])

    @property
    def axis(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The wall's centre line in plan (start, end)."""
        f = self.frame
        v = np.array([self.thickness / 2] * 2)
        u = np.array([(self.front[0] + self.back[0]) / 2, (self.front[1] + self.back[1]) / 2])
        xy = f.to_world(u, v, np.zeros(2))[:, :2]
        return (float(xy[0, 0]), float(xy[0, 1])), (float(xy[1, 0]), float(xy[1, 1]))

    @property
    def polygon(self) -> Polygon:
        """The wall's outline in plan."""
        u = np.array([self.front[0], self.front[1], self.back[1], self.back[0]])
        v = np.array([0.0, 0.0, self.thickness, self.thickness])
        return orient(Polygon(self.frame.to_world(u, v, np.zeros(4))[:, :2]))

    @property
    def outward(self) -> tuple[float, float]:
        """Unit normal of the front face, pointing away from the wall (out of the house for an
        exterior wall)."""
        n = self.frame.n
        return (-n[0], -n[1])

    @cached_property
    def mesh(self) -> Mesh:
        """The wall as a closed solid with its openings cut; the first wall asked makes every sibling's
        too, in one batch (:func:`~planner.building.mesh.wall_solids`)."""
        group = [w for w in (self.siblings or [self]) if "mesh" not in w.__dict__]
        if not any(w is self for w in group):
            group.append(self)
        for w, m in zip(group, wall_solids([w.spec for w in group]), strict=True):
            w.__dict__["mesh"] = m
        return self.__dict__["mesh"]

    @property
    def spec(self) -> WallSpec:
        """The wall as :func:`~planner.building.mesh.wall_solid` takes it."""
        holes = [(o.u0, o.u1, o.z0, o.z1) for o in self.openings]
        return (self.frame, self.thickness, self.front, self.back, self.z0, self.z1, holes)

    def opening_polygon(self, o: Opening, margin_m: float = 0.02) -> Polygon:
        """An opening's box in plan, through the wall and a little beyond each face."""
        u = np.array([o.u0, o.u1, o.u1, o.u0])
        v = np.array([-margin_m, -margin_m, self.thickness + margin_m, self.thickness + margin_m])
        return orient(Polygon(self.frame.to_world(u, v, np.zeros(4))[:, :2]))


@dataclass
class RoomSpace:
    """A room in 3D: its net polygon from its floor up to its ceiling."""

    room: Room
    net: BaseGeometry
    floor_z: float
    ceiling_m: float
    net_area_m2: float

    @cached_property
    def floor_mesh(self) -> Mesh:
        """The room's floor, a thin sheet just above the finished floor (for colour and picking)."""
        return Mesh.join(prism(p, self.floor_z, self.floor_z + ROOM_FLOOR_M) for p in parts(self.net))

    @property
    def label_point(self) -> tuple[float, float]:
        p = shapely.maximum_inscribed_circle(self.net, 0.01) if not self.net.is_empty else None
        if p is None:
            return (0.0, 0.0)
        c = shapely.get_coordinates(p)[0]
        return (float(c[0]), float(c[1]))


@dataclass
class Storey:
    number: int
    floor_z: float
    height_m: float
    ceiling_m: float
    slab: BaseGeometry
    slab_z0: float
    rooms: list[RoomSpace] = field(default_factory=list)

    @cached_property
    def slab_mesh(self) -> Mesh:
        return Mesh.join(prism(p, self.slab_z0, self.floor_z) for p in parts(self.slab))

    @cached_property
    def floor_meshes(self) -> list[Mesh]:
        """Every room's :attr:`RoomSpace.floor_mesh`, made in one batch."""
        meshes = prisms([r.net for r in self.rooms], self.floor_z, self.floor_z + ROOM_FLOOR_M)
        for r, m in zip(self.rooms, meshes, strict=True):
            r.__dict__.setdefault("floor_mesh", m)
        return [r.floor_mesh for r in self.rooms]


@dataclass
class RoofModel:
    """The roof solid over the footprint's minimum rotated rectangle (or the footprint, flat)."""

    type: str
    pitch_deg: float
    overhang_m: float
    eaves_z: float
    """Level of the eaves at the wall's outer face (the wall top)."""
    ridge_z: float
    frame: Frame
    """``u`` along the ridge, ``v`` across it."""
    u_range: tuple[float, float]
    v_range: tuple[float, float]
    """The rectangle's extent (without the overhang) in the frame."""
    low_side: int = 0
    """For ``mono``: 0 when the low eave is at ``v_range[0]``, 1 at ``v_range[1]``."""
    outline: BaseGeometry = field(default_factory=Polygon)
    """The roof's outline in plan (with the overhang)."""
    mesh: Mesh = field(default_factory=Mesh.empty)

    @property
    def ridge_line(self) -> tuple[tuple[float, float, float], tuple[float, float, float]] | None:
        """The ridge's two ends (x, y, z), or ``None`` for a flat or mono roof."""
        if self.type not in ("gable", "hip"):
            return None
        (u0, u1), (v0, v1) = self.u_range, self.v_range
        half = 0.0 if self.type == "gable" else min((v1 - v0) / 2, (u1 - u0) / 2)
        o = self.overhang_m if self.type == "gable" else 0.0
        xy = self.frame.to_world(np.array([u0 - o + half, u1 + o - half]), np.full(2, (v0 + v1) / 2),
                                 np.full(2, self.ridge_z))
        return tuple(map(tuple, xy.tolist()))  # type: ignore[return-value]


@dataclass
class BuildingModel:
    """Everything 3D about one building."""

    building: Building
    heights: Heights
    geo: BuildingGeometry
    storeys: list[Storey]
    walls: list[Wall]
    openings: list[Opening]
    roof: RoofModel

    def storey(self, number: int) -> Storey | None:
        return next((s for s in self.storeys if s.number == number), None)

    def walls_of(self, storey: int) -> list[Wall]:
        return [w for w in self.walls if w.storey == storey]

    def wall_mesh(self, storey: int | None = None) -> Mesh:
        return Mesh.join(w.mesh for w in self.walls if storey is None or w.storey == storey)

    @property
    def top_z(self) -> float:
        return max(self.roof.ridge_z, self.heights.wall_top)


@dataclass
class NeighbourModel:
    building: NeighbourBuilding
    base_z: float
    top_z: float
    parts: list[Mesh]
    """Closed solids: the walls' block, and its gable roof when the map gives a ridge height."""

    @property
    def mesh(self) -> Mesh:
        return Mesh.join(self.parts)


@dataclass
class SiteModel:
    """The plot with its terrain, the plan's buildings and the neighbours' buildings."""

    plan: Plan
    terrain: Terrain
    terrain_mesh: Mesh
    buildings: list[BuildingModel]
    neighbours: list[NeighbourModel]

    def building(self, building_id: str) -> BuildingModel | None:
        return next((m for m in self.buildings if m.building.id == building_id), None)


# --------------------------------------------------------------------------- building


def building_model(plan: Plan, building: Building, terrain: Terrain | None = None,
                   geo: BuildingGeometry | None = None) -> BuildingModel:
    """The 3D model of one building of ``plan`` (``terrain`` and ``geo`` may be passed to reuse them)."""
    terrain = terrain if terrain is not None else Terrain.from_plot(plan.plot)
    heights = derived_heights(plan, building, terrain)
    geo = geo if geo is not None else BuildingGeometry.of(building)
    storeys = _storeys(building, geo, heights)
    walls: list[Wall] = []
    if geo.is_valid:
        fp = orient(geo.footprint)
        for s in storeys:
            walls += _exterior_walls(fp, building.exterior_wall_m, s)
            walls += _interior_walls(building, geo, s)
    for w in walls:
        w.siblings = walls
    openings = _openings(building, geo, storeys, walls)
    roof = _roof(building, geo, heights)
    return BuildingModel(building, heights, geo, storeys, walls, openings, roof)


def site_model(plan: Plan, geos: Sequence[BuildingGeometry] | None = None,
               terrain: Terrain | None = None) -> SiteModel:
    """The whole site: terrain, every building of the plan, and the neighbours' buildings.

    ``geos`` (one per building, in order) and ``terrain`` may be passed to reuse what the check
    already worked out (``Context.buildings``, ``Context.terrain``).
    """
    terrain = terrain if terrain is not None else Terrain.from_plot(plan.plot)
    if geos is None or len(geos) != len(plan.buildings):
        geos = [None] * len(plan.buildings)
    buildings = [building_model(plan, b, terrain, g if g is not None and g.building is b else None)
                 for b, g in zip(plan.buildings, geos, strict=True)]
    return SiteModel(plan, terrain, terrain_mesh(plan, terrain), buildings, _neighbours(plan, terrain))


def storey_numbers(building: Building) -> list[int]:
    """Every storey of a building: 1 to ``storeys`` and any other a room names (0 = basement)."""
    return sorted(set(range(1, max(building.storeys, 1) + 1)) | {r.storey for r in building.rooms})


def storey_levels(building: Building, floor_z: float) -> dict[int, float]:
    """Finished floor level of each storey: storey 1 at ``floor_z``, each above on the one below."""
    numbers = storey_numbers(building)
    out: dict[int, float] = {}
    z = floor_z
    for n in [k for k in numbers if k >= 1]:
        out[n] = z
        z += building.storey_height(n)
    z = floor_z
    for n in sorted((k for k in numbers if k < 1), reverse=True):
        z -= building.storey_height(n)
        out[n] = z
    return out


def _storeys(building: Building, geo: BuildingGeometry, heights: Heights) -> list[Storey]:
    levels = storey_levels(building, heights.floor_z)
    lowest = min(levels)
    out = []
    index = {r.id: i for i, r in enumerate(geo.rooms)}
    for n, z in sorted(levels.items()):
        slab = geo.footprint if n == lowest else geo.inner
        if geo.is_valid and n != lowest:
            slab = shapely.difference(slab, _stairwell(building, geo, n))
        s = Storey(n, z, building.storey_height(n), building.ceiling_height(n),
                   slab if geo.is_valid else Polygon(), z - SLAB_M)
        for r in geo.rooms:
            if r.storey == n:
                net = geo.nets[index[r.id]]
                s.rooms.append(RoomSpace(r, net, z, building.ceiling_height(n, r),
                                         float(geo.net_areas[index[r.id]])))
        out.append(s)
    return out


def _stairwell(building: Building, geo: BuildingGeometry, storey: int) -> BaseGeometry:
    """The hole in a storey's floor where a stair comes up from the storey below."""
    holes = []
    for i, j in [(geo.index[a], geo.index[b]) for a, b in geo.stair_links]:
        lower, upper = sorted((i, j), key=lambda k: geo.rooms[k].storey)
        if geo.rooms[upper].storey == storey:
            holes.append(shapely.intersection(geo.nets[lower], geo.nets[upper]))
    return shapely.union_all(holes) if holes else Polygon()


def _exterior_walls(fp: Polygon, t: float, s: Storey) -> list[Wall]:
    """One mitred piece of the exterior band per footprint edge."""
    pts = np.asarray(fp.exterior.coords)[:-1]
    n = len(pts)
    d = np.concatenate([pts[1:], pts[:1]]) - pts
    lengths = np.linalg.norm(d, axis=1)
    keep = lengths > 1e-6
    pts, d, lengths = pts[keep], d[keep], lengths[keep]
    n = len(pts)
    d = d / lengths[:, None]
    normal = np.column_stack([-d[:, 1], d[:, 0]])      # inward for a counter-clockwise outline
    inner = np.empty_like(pts)
    for i in range(n):
        a, b = i - 1, i
        inner[i] = _offset_corner(pts[i], d[a], normal[a], d[b], normal[b], t)
    walls = []
    for i in range(n):
        f = Frame((float(pts[i, 0]), float(pts[i, 1])), (float(d[i, 0]), float(d[i, 1])))
        q0, q1 = inner[i], inner[(i + 1) % n]
        back = (f.u_of(*q0), f.u_of(*q1))
        if back[1] - back[0] <= 1e-6:
            continue
        walls.append(Wall("exterior", s.number, f, t, (0.0, float(lengths[i])), back, s.floor_z,
                          s.floor_z + s.height_m, edge=i))
    return walls


def _offset_corner(p: np.ndarray, d0: np.ndarray, n0: np.ndarray, d1: np.ndarray, n1: np.ndarray,
                   t: float) -> np.ndarray:
    """Where the lines of two edges meet once each is moved ``t`` inward (a mitred corner)."""
    cross = d0[0] * d1[1] - d0[1] * d1[0]
    if abs(cross) < 1e-9:
        return p + n1 * t
    a, b = p + n0 * t, p + n1 * t
    s = ((b - a)[0] * d1[1] - (b - a)[1] * d1[0]) / cross
    return a + d0 * s


def _interior_walls(building: Building, geo: BuildingGeometry, s: Storey) -> list[Wall]:
    """Walls along the stretches where two rooms of the storey meet inside the exterior walls."""
    on = [i for i, r in enumerate(geo.rooms) if r.storey == s.number]
    if len(on) < 2:
        return []
    unit_of = {rid: k for k, u in enumerate(building.units or []) for rid in u.rooms}
    bounds = shapely.boundary(geo.polys[on])
    tree = shapely.STRtree(bounds)
    left, right = tree.query(bounds, predicate="dwithin", distance=WALL_MATCH_M)
    pairs = [(a, b) for a, b in zip(left.tolist(), right.tolist(), strict=True) if a < b]
    if not pairs:
        return []
    a_idx, b_idx = np.array(pairs).T
    # every pair's shared stretch in three vectorized calls, not three calls a pair
    near = shapely.buffer(bounds, WALL_MATCH_M, cap_style="flat")
    stretches = shapely.intersection(shapely.intersection(bounds[a_idx], near[b_idx]), geo.inner)
    walls = []
    runs = _straight_runs(stretches)
    for k, (a, b) in enumerate(pairs):
        ra, rb = geo.rooms[on[a]], geo.rooms[on[b]]
        separating = ra.id in unit_of and rb.id in unit_of and unit_of[ra.id] != unit_of[rb.id]
        t = building.separating_wall_m if separating else building.interior_wall_m
        if t <= 1e-6:
            continue
        for p, q in runs[k]:
            length = math.dist(p, q)
            d = ((q[0] - p[0]) / length, (q[1] - p[1]) / length)
            n = (-d[1], d[0])
            origin = (p[0] - d[0] * t / 2 - n[0] * t / 2, p[1] - d[1] * t / 2 - n[1] * t / 2)
            ext = (0.0, length + t)
            walls.append(Wall("separating" if separating else "interior", s.number, Frame(origin, d), t,
                              ext, ext, s.floor_z, s.floor_z + s.height_m, rooms=(ra.id, rb.id)))
    return walls


Segment = tuple[tuple[float, float], tuple[float, float]]


def _straight_runs(stretches: np.ndarray) -> list[list[Segment]]:
    """The straight stretches of each item of an array of linework, collinear pieces joined
    (each item's lines united and merged, then simplified), all items in a few array calls."""
    out: list[list[Segment]] = [[] for _ in range(len(stretches))]
    pieces, owner = shapely.get_parts(stretches, return_index=True)
    kind = shapely.get_type_id(pieces)
    lines = (kind == shapely.GeometryType.LINESTRING) | (kind == shapely.GeometryType.MULTILINESTRING)
    pieces, owner = pieces[lines], owner[lines]
    if not len(pieces):
        return out
    # each item's lines in one row (padded with None, which a union ignores), united row by row
    slot = np.arange(len(owner)) - np.searchsorted(owner, owner)
    rows = np.full((len(stretches), int(slot.max()) + 1), None, dtype=object)
    rows[owner, slot] = pieces
    merged = shapely.line_merge(shapely.union_all(rows, axis=1))
    lines_, item = shapely.get_parts(merged, return_index=True)
    keep = (shapely.get_type_id(lines_) == shapely.GeometryType.LINESTRING) & (
        shapely.length(lines_) >= SHORTEST_WALL_M)
    lines_, item = lines_[keep], item[keep]
    if not len(lines_):
        return out
    coords, line = shapely.get_coordinates(shapely.simplify(lines_, 0.005), return_index=True)
    same = line[1:] == line[:-1]                      # consecutive points of one line: a segment
    p, q, of = coords[:-1][same], coords[1:][same], item[line[:-1][same]]
    for (px, py), (qx, qy), k in zip(p.tolist(), q.tolist(), of.tolist(), strict=True):
        if math.dist((px, py), (qx, qy)) >= SHORTEST_WALL_M:
            out[k].append(((px, py), (qx, qy)))
    return out


def _openings(building: Building, geo: BuildingGeometry, storeys: list[Storey],
              walls: list[Wall]) -> list[Opening]:
    """Each door and window in the wall it is in: the nearest of the walls it can be in (a window or
    an entrance in an exterior wall of its storey, a door in the wall between its two rooms, else in
    an inner wall), all openings against all walls in one array of distances."""
    floor = {s.number: s.floor_z for s in storeys}
    storey_of = {r.id: r.storey for r in building.rooms}
    exterior: dict[int, list[int]] = {}
    inner: dict[int, list[int]] = {}
    between: dict[tuple[int, frozenset[str]], list[int]] = {}
    for i, w in enumerate(walls):
        (exterior if w.kind == "exterior" else inner).setdefault(w.storey, []).append(i)
        between.setdefault((w.storey, frozenset(w.rooms)), []).append(i)
    # (kind, index, storey, at, width, z0, z1, rooms, candidate walls)
    wanted: list[tuple[str, int, int, list[float], float, float, float, tuple[str, ...], list[int]]] = []
    for k, door in enumerate(building.doors):
        inside = [r for r in door.rooms if r != OUTSIDE and r in storey_of]
        if not inside:
            continue
        storey = storey_of[inside[0]]
        if door.is_entrance:
            candidates = exterior.get(storey, [])
        else:
            # the wall between the door's two rooms, else any inner wall of the storey
            candidates = between.get((storey, frozenset(door.rooms)), []) or inner.get(storey, [])
        kind = "opening" if door.extra.get("opening") is True else "door"
        z0 = floor[storey]
        wanted.append((kind, k, storey, door.at, door.width_m, z0, z0 + door.clear_height, tuple(door.rooms),
                       candidates))
    for k, win in enumerate(building.windows):
        storey = storey_of.get(win.room)
        if storey is None:
            continue
        z0 = floor[storey] + win.sill
        wanted.append(("window", k, storey, win.at, win.width_m, z0, z0 + win.height_m, (win.room,),
                       exterior.get(storey, [])))
    found = _nearest_walls(walls, [w[3] for w in wanted], [w[8] for w in wanted])
    return [_opening(walls, i, kind, k, storey, at, width, z0, z1, rooms)
            for (kind, k, storey, at, width, z0, z1, rooms, _), i in zip(wanted, found, strict=True)
            if i is not None]


def _opening(walls: list[Wall], i: int, kind: str, index: int, storey: int, at: list[float],
             width: float, z0: float, z1: float, rooms: tuple[str, ...]) -> Opening:
    w = walls[i]
    u = w.frame.u_of(at[0], at[1])
    o = Opening(kind, index, storey, i, u - width / 2, u + width / 2, z0, min(z1, w.z1 - 0.02), rooms)
    w.openings.append(o)
    return o


def _nearest_walls(walls: list[Wall], points: list[list[float]],
                   candidates: list[list[int]]) -> list[int | None]:
    """For each point, the wall among its ``candidates`` whose centre line passes nearest it (the first
    of equals), or ``None`` when none comes within 0.5 m of the point with its face."""
    if not points or not walls:
        return [None] * len(points)
    # each wall's centre line (Wall.axis) for all walls at once
    f = np.array([(w.thickness / 2, w.front[0] + w.back[0], w.front[1] + w.back[1]) for w in walls],
                 dtype=float)
    half = f[:, :1]
    ends = frames_to_plan([w.frame for w in walls], f[:, 1:3] / 2, half)            # (walls, 2 ends, x y)
    a, ab = ends[:, 0], ends[:, 1] - ends[:, 0]
    p = np.array([q[:2] for q in points], dtype=float)[:, None, :]                     # (points, 1, x y)
    t = np.clip(((p - a) * ab).sum(axis=2) / np.maximum((ab * ab).sum(axis=1), 1e-18), 0.0, 1.0)
    d = np.linalg.norm(a + ab * t[:, :, None] - p, axis=2)
    d = np.maximum(0.0, d - half[:, 0])                                                # (points, walls)
    allowed = np.zeros(d.shape, dtype=bool)
    for row, c in enumerate(candidates):
        allowed[row, c] = True
    d = np.where(allowed, d, np.inf)
    best = np.argmin(d, axis=1)
    near = d[np.arange(len(points)), best] < 0.5
    return [int(i) if ok else None for i, ok in zip(best.tolist(), near.tolist(), strict=True)]


# --------------------------------------------------------------------------- roof


def roof_kind(building: Building, heights: Heights) -> tuple[str, float]:
    """The roof's type and pitch: from ``roof``; without one, a gable as steep as the typed ridge
    height needs above the wall top, or flat when the ridge is not above it."""
    if building.roof is not None:
        return building.roof.type, building.roof.pitch
    rise = heights.ridge_z - heights.wall_top
    (_, _), (v0, v1) = _rect_ranges(heights)
    half = (v1 - v0) / 2
    if rise > 0.05 and half > 0:
        return "gable", math.degrees(math.atan(rise / half))
    return "flat", 0.0


def _rect_ranges(heights: Heights) -> tuple[tuple[float, float], tuple[float, float]]:
    f = Frame((0.0, 0.0), heights.ridge_dir)
    if heights.rect.is_empty:
        return (0.0, 0.0), (0.0, 0.0)
    c = shapely.get_coordinates(heights.rect)
    u = [f.u_of(x, y) for x, y in c]
    v = [f.v_of(x, y) for x, y in c]
    return (min(u), max(u)), (min(v), max(v))


def _roof(building: Building, geo: BuildingGeometry, heights: Heights) -> RoofModel:
    kind, pitch = roof_kind(building, heights)
    o = building.roof.overhang if building.roof is not None else 0.0
    frame = Frame((0.0, 0.0), heights.ridge_dir)
    (u0, u1), (v0, v1) = _rect_ranges(heights)
    top = heights.wall_top
    slope = math.tan(math.radians(pitch))
    low = _low_side(building, frame, v0, v1) if kind == "mono" else 0
    if kind == "flat" or not geo.is_valid:
        ridge = top
    elif kind == "mono":
        ridge = top + slope * (v1 - v0)
    else:
        ridge = top + slope * (v1 - v0) / 2
    model = RoofModel(kind, pitch, o, top, ridge, frame, (u0, u1), (v0, v1), low)
    if not geo.is_valid:
        return model
    if kind == "flat":
        outline = shapely.buffer(geo.footprint, o, join_style="mitre") if o > 0 else geo.footprint
        model.outline = outline
        model.mesh = Mesh.join(prism(p, top - FLAT_ROOF_M, top) for p in parts(outline))
        return model
    ze = top - slope * o
    U0, U1, V0, V1 = u0 - o, u1 + o, v0 - o, v1 + o
    vc = (v0 + v1) / 2
    if kind == "gable":
        uvz = [(U0, V0, ze), (U1, V0, ze), (U1, V1, ze), (U0, V1, ze), (U0, vc, ridge), (U1, vc, ridge)]
        faces = [[0, 3, 2, 1], [0, 1, 5, 4], [3, 4, 5, 2], [0, 4, 3], [1, 2, 5]]
    elif kind == "hip":
        half = min((v1 - v0) / 2, (u1 - u0) / 2)
        uc = (u0 + u1) / 2
        ra, rb = min(u0 + half, uc), max(u1 - half, uc)
        uvz = [(U0, V0, ze), (U1, V0, ze), (U1, V1, ze), (U0, V1, ze), (ra, vc, ridge), (rb, vc, ridge)]
        faces = [[0, 3, 2, 1], [0, 1, 5, 4], [3, 4, 5, 2], [0, 4, 3], [1, 2, 5]]
        if rb - ra < 1e-6:
            uvz = uvz[:5]
            faces = [[0, 3, 2, 1], [0, 1, 4], [1, 2, 4], [2, 3, 4], [3, 0, 4]]
    else:  # mono: low eave on one side, the high side cut level at the ridge
        vl, vh = (V0, V1) if low == 0 else (V1, V0)
        edge = v1 if low == 0 else v0
        uvz = [(U0, vl, ze), (U1, vl, ze), (U1, vh, ze), (U0, vh, ze), (U0, vh, ridge), (U1, vh, ridge),
               (U0, edge, ridge), (U1, edge, ridge)]
        faces = [[0, 3, 2, 1], [0, 1, 7, 6], [6, 7, 5, 4], [3, 4, 5, 2], [0, 6, 4, 3], [1, 2, 5, 7]]
        if o <= 1e-9:
            uvz = uvz[:6]
            faces = [[0, 3, 2, 1], [0, 1, 5, 4], [3, 4, 5, 2], [0, 4, 3], [1, 2, 5]]
    a = np.array(uvz, dtype=float)
    xyz = frame.to_world(a[:, 0], a[:, 1], a[:, 2])
    model.mesh = convex_solid(xyz, _outward(xyz, faces))
    model.outline = orient(Polygon(frame.to_world(np.array([U0, U1, U1, U0]), np.array([V0, V0, V1, V1]),
                                                  np.zeros(4))[:, :2]))
    if heights.rect.area - geo.footprint.area > 0.01:
        # an L-shaped or other outline: the same roof planes, cut off where the house is not
        slope_planes = _planes(kind, slope, top, ridge, (u0, u1), (v0, v1), low)
        clipped = _clipped(geo.footprint, o, frame, slope_planes, ze)
        if clipped is not None:
            model.mesh, model.outline = clipped
    return model


def _planes(kind: str, slope: float, top: float, ridge: float, u: tuple[float, float],
            v: tuple[float, float], low: int) -> list[tuple[float, float, float]]:
    """The roof's planes as ``z = p + q·u + r·v`` in the roof frame; the roof is their minimum."""
    vc = (v[0] + v[1]) / 2
    if kind == "mono":
        rising = (top - slope * v[0], 0.0, slope) if low == 0 else (top + slope * v[1], 0.0, -slope)
        return [rising, (ridge, 0.0, 0.0)]
    out = [(ridge - slope * vc, 0.0, slope), (ridge + slope * vc, 0.0, -slope)]
    if kind == "hip":
        half = min((v[1] - v[0]) / 2, (u[1] - u[0]) / 2)
        uc = (u[0] + u[1]) / 2
        ra, rb = min(u[0] + half, uc), max(u[1] - half, uc)
        out += [(ridge - slope * ra, slope, 0.0), (ridge + slope * rb, -slope, 0.0)]
    return out


def _clipped(footprint: BaseGeometry, overhang: float, frame: Frame, planes: list[tuple[float, float, float]],
             bottom: float) -> tuple[Mesh, BaseGeometry] | None:
    """The roof over the footprint (with its overhang) instead of its rectangle: each plane over the part
    of the outline where it is the lowest, closed down to the eaves level."""
    outline = shapely.buffer(footprint, overhang, join_style="mitre") if overhang > 0 else footprint
    d, n = np.array(frame.d), np.array(frame.n)

    def uv(c: np.ndarray) -> np.ndarray:
        return np.column_stack([c @ d, c @ n])

    def xy(c: np.ndarray) -> np.ndarray:
        return c[:, :1] * d + c[:, 1:2] * n

    local = shapely.transform(outline, uv)
    x0, y0, x1, y1 = local.bounds
    regions = []
    for k, (p, q, r) in enumerate(planes):
        cell = np.array([[x0 - 1, y0 - 1], [x1 + 1, y0 - 1], [x1 + 1, y1 + 1], [x0 - 1, y1 + 1]])
        for j, (pj, qj, rj) in enumerate(planes):
            if j != k:
                cell = _clip(cell, q - qj, r - rj, p - pj)
        if len(cell) >= 3:
            piece = shapely.intersection(local, Polygon(cell))
            regions.append(shapely.transform(piece, xy))

    def height(pts: np.ndarray) -> np.ndarray:
        c = uv(pts)
        return np.min([p + q * c[:, 0] + r * c[:, 1] for p, q, r in planes], axis=0)

    mesh = draped_solid(regions, height, bottom)
    return None if mesh is None else (mesh, orient(outline))


def _clip(poly: np.ndarray, a: float, b: float, c: float) -> np.ndarray:
    """A convex polygon cut to the half-plane ``a·x + b·y + c <= 0`` (Sutherland–Hodgman)."""
    out = []
    for i in range(len(poly)):
        p, q = poly[i], poly[(i + 1) % len(poly)]
        fp, fq = a * p[0] + b * p[1] + c, a * q[0] + b * q[1] + c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            out.append(p + (q - p) * (fp / (fp - fq)))
    return np.array(out).reshape(-1, 2)


def _low_side(building: Building, frame: Frame, v0: float, v1: float) -> int:
    """Which side of the rectangle the mono roof's low eave is on: the one nearer footprint edge
    ``ridge_along`` (or the longest edge)."""
    from planner.building.heights import ridge_edge

    pts = ring(building.footprint)
    k = ridge_edge(building)
    a, b = pts[k], pts[(k + 1) % len(pts)]
    v = frame.v_of((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return 0 if abs(v - v0) <= abs(v - v1) else 1


def _outward(points: np.ndarray, faces: list[list[int]]) -> list[list[int]]:
    """The face loops of a convex solid, each turned to run counter-clockwise seen from outside."""
    centre = points.mean(axis=0)
    out = []
    for f in faces:
        p = points[f]
        normal = np.zeros(3)
        for i in range(len(p)):            # Newell's method
            a, b = p[i], p[(i + 1) % len(p)]
            normal += np.array([(a[1] - b[1]) * (a[2] + b[2]), (a[2] - b[2]) * (a[0] + b[0]),
                                (a[0] - b[0]) * (a[1] + b[1])])
        out.append(list(f) if normal @ (p.mean(axis=0) - centre) >= 0 else list(reversed(f)))
    return out


# --------------------------------------------------------------------------- terrain and neighbours


def terrain_mesh(plan: Plan, terrain: Terrain | None = None, margin_m: float = TERRAIN_MARGIN_M) -> Mesh:
    """The finished ground over the plot and a margin around it, as a surface.

    Inside the spot heights' triangulation the surface follows it exactly (the region is
    cut along its triangles); outside, each vertex takes the terrain's height there.
    """
    terrain = terrain if terrain is not None else Terrain.from_plot(plan.plot)
    plot = shapely.Polygon(ring(plan.plot.boundary)) if len(plan.plot.boundary) >= 3 else Polygon()
    if plot.is_empty or not plot.is_valid:
        return Mesh.empty()
    region = shapely.buffer(plot, margin_m, join_style="mitre")
    pieces: list[BaseGeometry] = [region]
    if len(terrain.spots) >= 3:
        o = terrain.spots[:, :2].mean(axis=0)
        tris = shapely.get_parts(shapely.delaunay_triangles(shapely.multipoints(terrain.spots[:, :2] - o)))
        tris = shapely.transform(tris, lambda c: c + o)
        if len(tris):
            inside = shapely.intersection(tris, region)
            pieces = [*inside.tolist(), shapely.difference(region, shapely.union_all(tris))]
    # a grid of extra vertices keeps the nearest-height part outside the triangulation close
    out = []
    for piece in pieces:
        for p in parts(piece):
            out.append(draped(_densify(p), terrain.heights_at))
    return Mesh.join(out)


def _densify(p: Polygon, step_m: float = 2.0) -> Polygon:
    return orient(shapely.segmentize(p, step_m))


def _neighbours(plan: Plan, terrain: Terrain) -> list[NeighbourModel]:
    nb = plan.plot.neighbours
    out = []
    for b in (nb.buildings if nb is not None else []):
        pts = ring(b.footprint)
        if len(pts) < 3:
            continue
        poly = Polygon(pts)
        if not poly.is_valid or poly.area <= 0:
            continue
        base = terrain.mean_along(pts)
        gesims = NEIGHBOUR_GESIMS_M if b.gesims_m is None else float(b.gesims_m)
        top = base + max(gesims, 0.5)
        found = [prism(orient(poly), base - 0.3, top)]
        ridge = base + float(b.mone_m) if b.mone_m is not None else top
        if ridge > top + 0.05:
            found.append(_neighbour_roof(poly, top, ridge))
        out.append(NeighbourModel(b, base, max(top, ridge), found))
    return out


def _neighbour_roof(poly: Polygon, top: float, ridge: float) -> Mesh:
    """A gable over a neighbour's rectangle, along its longer side."""
    rect = shapely.minimum_rotated_rectangle(poly)
    c = shapely.get_coordinates(rect)[:4]
    s0, s1 = c[1] - c[0], c[2] - c[1]
    along = s0 if np.linalg.norm(s0) >= np.linalg.norm(s1) else s1
    d = along / np.linalg.norm(along)
    f = Frame((0.0, 0.0), (float(d[0]), float(d[1])))
    u = [f.u_of(x, y) for x, y in c]
    v = [f.v_of(x, y) for x, y in c]
    u0, u1, v0, v1 = min(u), max(u), min(v), max(v)
    vc = (v0 + v1) / 2
    a = np.array([(u0, v0, top), (u1, v0, top), (u1, v1, top), (u0, v1, top),
                  (u0, vc, ridge), (u1, vc, ridge)])
    xyz = f.to_world(a[:, 0], a[:, 1], a[:, 2])
    return convex_solid(xyz, _outward(xyz, [[0, 3, 2, 1], [0, 1, 5, 4], [3, 4, 5, 2], [0, 4, 3], [1, 2, 5]]))
