"""What a drawing shows, worked out once in plan metres and drawn by both the SVG and the DXF writer.

:class:`FloorDrawing` holds one storey of one building: the walls with their real
thickness and the openings cut out, door swings, window symbols, room labels that
fit their room at the drawing's scale, chains of dimensions along the outer walls
and the Ø 1.5 m turning circles. :class:`SiteDrawing` holds the plot: boundary,
road edges, buildable area, footprints, parking and the shortest distances the
plot rules measure, each with its limit.

Coordinates are plan coordinates in metres (x east, y north); a writer maps them
to paper or to DXF units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely
from shapely import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from planner.geometry import TOLERANCE_M, BuildingGeometry, edges, polygon
from planner.geometry.measurement import CIRCLE_TOLERANCE_M
from planner.geometry.predicates import segment_distances
from planner.model import OUTSIDE, Building, Door, Plan, Room, Window
from planner.rules import Context, Finding, Report
from planner.rules.plot import BUILDING_DISTANCE_M
from planner.rules.rooms import TURNING_DIAMETER_M

Pt = tuple[float, float]

CIRCULATION = frozenset({"entry", "hall", "stair"})
"""Room types a door does not swing into when the other side is a room."""
TURNING_TYPES = frozenset({"entry", "living", "kitchen", "bedroom", "bathroom"})
"""Room types whose turning space the rules check."""
TREAD_M = 0.25
"""Depth of a stair tread as drawn."""
CHAR_WIDTH = 0.6
"""Mean width of a DejaVu Sans character as a share of the text height."""


# --------------------------------------------------------------------------- small vector helpers


def _sub(a: Pt, b: Pt) -> Pt:
    return (a[0] - b[0], a[1] - b[1])


def _add(a: Pt, b: Pt, k: float = 1.0) -> Pt:
    return (a[0] + k * b[0], a[1] + k * b[1])


def _unit(a: Pt, b: Pt) -> tuple[Pt, float]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    return ((dx / length, dy / length) if length > 0 else (1.0, 0.0)), length


def _dot(a: Pt, b: Pt) -> float:
    return a[0] * b[0] + a[1] * b[1]


def _cross(a: Pt, b: Pt) -> float:
    return a[0] * b[1] - a[1] * b[0]


def _left(t: Pt) -> Pt:
    return (-t[1], t[0])


def rings(geom: BaseGeometry) -> list[list[Pt]]:
    """Every ring (exterior and holes) of a polygon or multipolygon, without the closing vertex.

    >>> from shapely import box
    >>> [len(r) for r in rings(box(0, 0, 2, 2).difference(box(0.5, 0.5, 1, 1)))]
    [4, 4]
    """
    out: list[list[Pt]] = []
    for poly in polygons(geom):
        out.append(list(poly.exterior.coords)[:-1])
        out.extend(list(hole.coords)[:-1] for hole in poly.interiors)
    return out


def polygons(geom: BaseGeometry | None) -> list[Polygon]:
    """The non-empty polygons of a geometry (a polygon, a multipolygon or a collection)."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    return [g for part in getattr(geom, "geoms", ()) for g in polygons(part)]


# --------------------------------------------------------------------------- parts of a drawing


@dataclass(frozen=True)
class Dim:
    """A linear dimension of ``p1``–``p2`` measured across the unit ``normal``.

    The dimension line runs through the points whose projection on ``normal`` is
    ``level_m``; extension lines run from ``p1`` and ``p2`` along ``normal`` to it.
    """

    p1: Pt
    p2: Pt
    normal: Pt
    level_m: float

    @property
    def direction(self) -> Pt:
        """Unit vector along the dimension line."""
        return (-self.normal[1], self.normal[0])

    @property
    def length_m(self) -> float:
        return abs(_dot(_sub(self.p2, self.p1), self.direction))

    @property
    def line(self) -> tuple[Pt, Pt]:
        """The two ends of the dimension line."""
        n, level = self.normal, self.level_m
        return _add(self.p1, n, level - _dot(self.p1, n)), _add(self.p2, n, level - _dot(self.p2, n))


@dataclass(frozen=True)
class DoorSymbol:
    """A door: the wall opening, and the leaf drawn open with its swing arc.

    The leaf runs from ``hinge`` to ``tip``; the arc, centred on ``hinge``, runs
    from ``tip`` to ``jamb`` counter-clockwise when ``ccw`` (in plan axes).
    """

    door: Door
    index: int
    opening: Polygon
    hinge: Pt
    tip: Pt
    jamb: Pt
    ccw: bool
    moved_m: float = 0.0
    """How far the opening was slid along its wall to fit between the walls at its ends."""

    @property
    def radius_m(self) -> float:
        return math.dist(self.hinge, self.tip)

    @property
    def has_leaf(self) -> bool:
        """False for a doorless opening (``"opening": true``, e.g. an open kitchen): a gap only."""
        return self.door.extra.get("opening") is not True

    @property
    def centre(self) -> Pt:
        return ((self.tip[0] + self.jamb[0]) / 2, (self.tip[1] + self.jamb[1]) / 2)

    def arc_points(self, n: int = 12) -> list[Pt]:
        """Points along the swing arc from ``tip`` to ``jamb``."""
        a0 = math.atan2(self.tip[1] - self.hinge[1], self.tip[0] - self.hinge[0])
        a1 = math.atan2(self.jamb[1] - self.hinge[1], self.jamb[0] - self.hinge[0])
        sweep = (a1 - a0) % (2 * math.pi) if self.ccw else -((a0 - a1) % (2 * math.pi))
        r = self.radius_m
        return [(self.hinge[0] + r * math.cos(a0 + sweep * k / n),
                 self.hinge[1] + r * math.sin(a0 + sweep * k / n)) for k in range(n + 1)]


@dataclass(frozen=True)
class WindowSymbol:
    """A window: the opening in the outer wall, its two wall faces and the glass line."""

    window: Window
    opening: Polygon
    outer: tuple[Pt, Pt]
    inner: tuple[Pt, Pt]
    glass: tuple[Pt, Pt]


@dataclass(frozen=True)
class RoomLabel:
    """Where a room's name and net area go, and how large the text may be to fit."""

    room: Room
    point: Pt
    net_m2: float
    height_m: float
    """Text height of the name in plan metres (the area line is 0.85 of it)."""
    vertical: bool
    size_m: tuple[float, float] | None
    """Clear width × depth of a rectangular room, else ``None``."""
    room_m: float = 0.0
    """Clear length of the room through the label point along the text (0: not measured)."""


@dataclass(frozen=True)
class TurningCircle:
    """A Ø 1.5 m circle where it fits in a room's net area, or the largest circle where it does not."""

    room: Room
    centre: Pt
    diameter_m: float
    fits: bool


@dataclass(frozen=True)
class StairSymbol:
    """A stair as drawn on one storey (NS 3941 / common practice).

    ``treads`` are the nosing lines at the stair's going; ``walk`` is the walking line from the
    foot to the head with an arrow at its end (``arrow``, a triangle); on the lower storey the
    flight is cut by ``break_line`` and the treads beyond it are left out. ``word`` is ``OPP``
    on the storey the stair leaves from, ``NED`` on the storey it arrives at.
    """

    room: Room
    treads: list[tuple[Pt, Pt]]
    walk: list[Pt]
    arrow: tuple[Pt, Pt, Pt]
    break_line: list[Pt]
    word: str
    risers: int
    rise_m: float
    going_m: float
    along: Pt

    @property
    def rise_text(self) -> str:
        """``15 × 180/250``: the number of risers, the rise and the going in millimetres."""
        return f"{self.risers} × {round(self.rise_m * 1000)}/{round(self.going_m * 1000)}"


RISE_M = 0.18
"""Rise of a step when the plan does not give the number of risers."""


# --------------------------------------------------------------------------- one storey


def storeys_of(building: Building) -> list[int]:
    """Storeys to draw: 1 to ``storeys``, and any other storey a room is drawn on."""
    return sorted(set(range(1, building.storeys + 1)) | {r.storey for r in building.rooms})


@dataclass
class FloorDrawing:
    """One storey of one building, ready to draw at ``scale`` (1:scale)."""

    geo: BuildingGeometry
    storey: int
    scale: int = 100
    positions: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, geo: BuildingGeometry, storey: int, scale: int = 100) -> FloorDrawing:
        positions = [i for i, r in enumerate(geo.rooms) if r.storey == storey]
        return cls(geo, storey, scale, positions)

    @property
    def building(self) -> Building:
        return self.geo.building

    @property
    def rooms(self) -> list[Room]:
        return [self.geo.rooms[i] for i in self.positions]

    @cached_property
    def room_ids(self) -> set[str]:
        return {r.id for r in self.rooms}

    @cached_property
    def footprint(self) -> BaseGeometry:
        """The footprint, oriented counter-clockwise (interior on the left of each edge)."""
        fp = self.geo.footprint
        return orient(fp, 1.0) if isinstance(fp, Polygon) and not fp.is_empty else fp

    @cached_property
    def invalid_rooms(self) -> list[Room]:
        """Rooms of this storey whose polygon is not a usable shape (drawn as a red outline)."""
        return [r for r, _ in self.geo.invalid_rooms if r.storey == self.storey]

    # ---- walls and openings

    @cached_property
    def doors(self) -> list[DoorSymbol]:
        out = []
        for k, door in enumerate(self.building.doors):
            inner = [r for r in door.rooms if r != OUTSIDE]
            if not inner or any(r not in self.geo.index for r in inner):
                continue
            if not any(r in self.room_ids for r in inner):
                continue
            sym = self._door(k, door)
            if sym is not None:
                out.append(sym)
        return out

    @cached_property
    def windows(self) -> list[WindowSymbol]:
        if not self.geo.is_valid:
            return []
        out = []
        for w in self.building.windows:
            if w.room in self.room_ids:
                sym = self._window(w)
                if sym is not None:
                    out.append(sym)
        return out

    @cached_property
    def walls(self) -> BaseGeometry:
        """Outer walls (footprint less the inner footprint) and inner walls, openings cut out."""
        if not self.geo.is_valid:
            return Polygon()
        fp, inner = self.footprint, self.geo.inner
        outer_band = shapely.difference(fp, inner)
        half = self.building.interior_wall_m / 2
        polys = self.geo.polys[self.positions]
        if len(polys) and half > 0:
            lines = shapely.union_all(shapely.boundary(polys))
            band = shapely.buffer(lines, half, cap_style="flat", join_style="mitre")
            walls = shapely.union(outer_band, shapely.intersection(band, inner))
        else:
            walls = outer_band
        if not self.separating_walls.is_empty:
            walls = shapely.union(walls, self.separating_walls)
        cuts = [d.opening for d in self.doors] + [w.opening for w in self.windows]
        if cuts:
            # the openings apart from each other (as they nearly always are) are cut in one go, as
            # they are; only openings that overlap are merged first
            apart = shapely.multipolygons(cuts)
            walls = shapely.difference(walls, apart if apart.is_valid else shapely.union_all(cuts))
        return shapely.make_valid(walls) if not walls.is_valid else walls

    @cached_property
    def _segments(self) -> dict[str | None, tuple[np.ndarray, np.ndarray]]:
        return {}

    def _ring_segments(self, room_id: str | None) -> tuple[np.ndarray, np.ndarray]:
        """The segments (starts, ends) of the footprint's outline (``None``) or of a room's outline
        turned counter-clockwise, worked out once for all the doors and windows on them."""
        cache = self._segments
        if room_id not in cache:
            poly = self.footprint if room_id is None else orient(self.geo.poly(room_id), 1.0)
            ring = poly.exterior
            a = np.asarray(list(ring.coords)[:-1], dtype=float)
            cache[room_id] = (a, np.roll(a, -1, axis=0))
        return cache[room_id]

    def _wall_segment(self, at: Pt, segments: tuple[np.ndarray, np.ndarray],
                      other: BaseGeometry | None) -> tuple[Pt, Pt]:
        """The segment (of ``segments``: starts, ends) the point sits on; at a corner, the one
        shared with ``other``."""
        a, b = segments
        d = segment_distances(np.asarray(at, dtype=float), a, b)
        near = np.flatnonzero(d <= d.min() + TOLERANCE_M)
        k = int(near[0])
        if len(near) > 1 and other is not None:
            band = shapely.buffer(shapely.boundary(other), TOLERANCE_M, cap_style="flat")
            lines = shapely.linestrings(np.stack([a[near], b[near]], axis=1))
            shared = shapely.length(shapely.intersection(lines, band))
            k = int(near[int(np.argmax(shared))])
        return (float(a[k, 0]), float(a[k, 1])), (float(b[k, 0]), float(b[k, 1]))

    def _door(self, k: int, door: Door) -> DoorSymbol | None:
        at = (float(door.at[0]), float(door.at[1]))
        w = float(door.width_m)
        ext = self.building.exterior_wall_m
        if door.is_entrance:
            if not self.geo.is_valid:
                return None
            room_id = door.rooms[1] if door.rooms[0] == OUTSIDE else door.rooms[0]
            a, b = self._wall_segment(at, self._ring_segments(None), self.geo.poly(room_id))
            t, length = _unit(a, b)
            n_in = _left(t)  # counter-clockwise footprint: inside is on the left
            lo, hi = -TOLERANCE_M, ext + TOLERANCE_M
            if door.swing_into == room_id:  # an entrance opens outward unless the plan says inward
                swing, face = n_in, ext
            else:
                swing, face = (-n_in[0], -n_in[1]), 0.0
            fit = (ext + w / 2, length - ext - w / 2)
        else:
            ra, rb = door.rooms
            a, b = self._wall_segment(at, self._ring_segments(ra), self.geo.poly(rb))
            t, length = _unit(a, b)
            n_in = _left(t)  # points into room a
            half = self.building.interior_wall_m / 2
            lo, hi = -half - TOLERANCE_M, half + TOLERANCE_M
            into_a = self._swings_into(door) == ra
            swing = n_in if into_a else (-n_in[0], -n_in[1])
            face = half
            fit = self._fit_range(a, b, t, length, w, _dot(_sub(at, a), t))
        s = min(max(_dot(_sub(at, a), t), 0.0), length)
        if fit[0] <= fit[1]:  # the leaf stays within its wall: never a notch in the wall beyond
            s = min(max(s, fit[0]), fit[1])
        c = _add(a, t, s)
        opening = _rect(c, t, n_in, w, lo, hi)
        if door.hinge in ("left", "right"):
            # seen from the doorway, facing the way the leaf opens
            right = (swing[1], -swing[0])
            side = (1.0 if _dot(right, t) > 0 else -1.0) * (1.0 if door.hinge == "right" else -1.0)
        else:
            side = -1.0 if s < length / 2 else 1.0  # hinge on the side nearer the wall's end
        hinge = _add(_add(c, t, side * w / 2), swing, face)
        jamb = _add(_add(c, t, -side * w / 2), swing, face)
        tip = _add(hinge, swing, w)
        ccw = _cross(_sub(tip, hinge), _sub(jamb, hinge)) > 0
        return DoorSymbol(door, k, opening, hinge, tip, jamb, ccw, moved_m=abs(s - _dot(_sub(at, a), t)))

    def _fit_range(self, a: Pt, b: Pt, t: Pt, length: float, w: float, s_at: float) -> tuple[float, float]:
        """Where the centre of an inner door ``w`` wide may sit along the wall ``a``–``b`` (metres from
        ``a``) so that its opening stays clear of the outer walls and of the walls at the ends."""
        if not self.geo.is_valid:
            return (w / 2, length - w / 2)
        half = self.building.interior_wall_m / 2
        inside = shapely.intersection(LineString([a, b]), self.geo.inner)
        pieces = []
        for g in getattr(inside, "geoms", [inside]):
            if g.geom_type == "LineString" and g.length > 0:
                s0, s1 = sorted(_dot(_sub((q[0], q[1]), a), t) for q in (g.coords[0], g.coords[-1]))
                pieces.append((s0, s1))
        if not pieces:
            return (w / 2, length - w / 2)
        s0, s1 = min(pieces, key=lambda p: 0.0 if p[0] <= s_at <= p[1] else min(abs(s_at - p[0]),
                                                                               abs(s_at - p[1])))
        m0 = half if s0 <= TOLERANCE_M else 0.0  # an end inside the house meets an inner wall
        m1 = half if s1 >= length - TOLERANCE_M else 0.0
        return (s0 + m0 + w / 2, s1 - m1 - w / 2)

    def _swings_into(self, door: Door) -> str:
        """The room a door swings into: ``swing_into`` when the plan gives it; else away from a stair
        (never over the treads), then away from the hall or entry, else the second room."""
        a, b = door.rooms
        if door.swing_into in (a, b):
            return door.swing_into
        ta, tb = self.geo.rooms[self.geo.index[a]].type, self.geo.rooms[self.geo.index[b]].type
        if ta == "stair" and tb != "stair":
            return b
        if tb == "stair" and ta != "stair":
            return a
        if ta in CIRCULATION and tb not in CIRCULATION:
            return b
        if tb in CIRCULATION and ta not in CIRCULATION:
            return a
        return b

    def _window(self, window: Window) -> WindowSymbol | None:
        at = (float(window.at[0]), float(window.at[1]))
        a, b = self._wall_segment(at, self._ring_segments(None), self.geo.poly(window.room))
        t, length = _unit(a, b)
        n_in = _left(t)
        s = min(max(_dot(_sub(at, a), t), 0.0), length)
        c = _add(a, t, s)
        w, ext = float(window.width_m), self.building.exterior_wall_m
        opening = _rect(c, t, n_in, w, -TOLERANCE_M, ext + TOLERANCE_M)
        p0, p1 = _add(c, t, -w / 2), _add(c, t, w / 2)
        return WindowSymbol(window, opening, (p0, p1), (_add(p0, n_in, ext), _add(p1, n_in, ext)),
                            (_add(p0, n_in, ext / 2), _add(p1, n_in, ext / 2)))

    # ---- rooms

    @cached_property
    def fills(self) -> list[tuple[Room, BaseGeometry]]:
        """Each room's floor inside the outer walls (drawn under the walls)."""
        if not self.positions:
            return []
        polys = self.geo.polys[self.positions]
        clipped = shapely.intersection(polys, self.geo.inner) if self.geo.is_valid else polys
        return list(zip(self.rooms, clipped, strict=True))

    @cached_property
    def labels(self) -> list[RoomLabel]:
        out: dict[int, RoomLabel] = {}
        rooms = []  # the rooms with a floor: their points, spans and sizes measured at once
        for i in self.positions:
            net = self.geo.nets[i]
            if net.is_empty or net.area <= 0:
                c = self.geo.polys[i].representative_point()
                out[i] = RoomLabel(self.geo.rooms[i], (c.x, c.y), float(self.geo.net_areas[i]),
                                   2.0 * self.scale / 1000, False, None)
            else:
                rooms.append(i)
        if rooms:
            nets = [self.geo.nets[i] for i in rooms]
            boxes = shapely.minimum_rotated_rectangle(np.array(nets, dtype=object))
            points = label_points(nets, boxes)
            spans = zip(_spans(nets, points, horizontal=True), _spans(nets, points, horizontal=False),
                        strict=True)
            for i, point, box, (across, down) in zip(rooms, points, boxes, spans, strict=True):
                out[i] = self._label(i, point, across, down, box)
        return [out[i] for i in self.positions]

    def _label(self, i: int, point: Pt, across: float, down: float, box: BaseGeometry) -> RoomLabel:
        room, net = self.geo.rooms[i], self.geo.nets[i]
        area = float(self.geo.net_areas[i])
        chars = max(len(room.name), 8)
        wanted = 3.0 * self.scale / 1000  # 3 mm on paper
        smallest = 2.0 * self.scale / 1000  # never below 2 mm on paper
        fit_h = 0.9 * across / (chars * CHAR_WIDTH)
        fit_v = 0.9 * down / (chars * CHAR_WIDTH)
        vertical = fit_h < smallest and fit_v > fit_h * 1.5
        height = max(min(wanted, fit_v if vertical else fit_h), smallest)
        return RoomLabel(room, point, area, height, vertical, _clear_size(net, box),
                         down if vertical else across)

    @cached_property
    def stair_symbols(self) -> list[StairSymbol]:
        """Each stair of this storey: treads at its going, the walking line with its arrow, OPP or
        NED, the break line on the lower storey and rise × going."""
        out = []
        lowest = {}
        for r in self.building.rooms:
            if r.type == "stair":
                lowest[r.id] = r.storey
        first = min(lowest.values(), default=self.storey)
        for i in self.positions:
            room = self.geo.rooms[i]
            if room.type != "stair":
                continue
            net = self.geo.nets[i]
            if net.is_empty or net.area <= 0:
                continue
            sym = _stair(room, net, self.building, first, self._lower_run(room))
            if sym is not None:
                out.append(sym)
        return out

    def _lower_run(self, room: Room) -> float | None:
        """Length of the run of the same stair on the storey it leaves from (one going on both plans)."""
        lower = room.stair.from_storey if room.stair is not None else None
        poly = self.geo.poly(room.id)
        for i, other in enumerate(self.geo.rooms):
            if other.type != "stair" or other.id == room.id or poly is None:
                continue
            if (lower is None or other.storey == lower) and other.storey < room.storey \
                    and self.geo.polys[i].intersects(poly):
                box = self.geo.nets[i].minimum_rotated_rectangle
                if isinstance(box, Polygon):
                    q = list(box.exterior.coords)
                    return max(math.dist(q[0], q[1]), math.dist(q[1], q[2]))
        return None

    @cached_property
    def stairs(self) -> list[tuple[Pt, Pt]]:
        """Treads of every stair of this storey (lines across its run, at its going)."""
        return [t for s in self.stair_symbols for t in s.treads]

    # ---- two homes in one building

    @cached_property
    def unit_of(self) -> dict[str, int]:
        """Room id to the index of its unit, for a building of several homes (``units``)."""
        return {r: k for k, u in enumerate(self.building.units or []) for r in u.rooms}

    @cached_property
    def separating(self) -> list[LineString]:
        """Centre lines of the walls between two homes (fire and sound separating, REI 60)."""
        if len(self.building.units or []) < 2 or not self.geo.is_valid:
            return []
        units = self.unit_of
        lines = []
        polys = {self.geo.rooms[i].id: self.geo.polys[i] for i in self.positions}
        ids = [r for r in polys if r in units]
        for j, ra in enumerate(ids):
            for rb in ids[j + 1:]:
                if units[ra] == units[rb]:
                    continue
                shared = shapely.intersection(polys[ra].boundary, polys[rb].boundary)
                for g in getattr(shared, "geoms", [shared]):
                    if g.geom_type == "LineString" and g.length > 0.05:
                        lines.append(g)
        if not lines:
            return []
        merged = shapely.line_merge(shapely.union_all(lines))
        merged = shapely.intersection(merged, self.geo.inner)
        return [g for g in getattr(merged, "geoms", [merged])
                if g.geom_type == "LineString" and g.length > 0.05]

    @cached_property
    def separating_walls(self) -> BaseGeometry:
        """The separating walls at their own thickness (``walls.separating_m``)."""
        if not self.separating:
            return Polygon()
        band = shapely.buffer(shapely.union_all(self.separating), self.building.separating_wall_m / 2,
                              cap_style="flat", join_style="mitre")
        return shapely.intersection(band, self.geo.inner)

    @cached_property
    def unit_areas(self) -> list[tuple[int, str, float, BaseGeometry]]:
        """Each home of a several-home building on this storey: (number, household id, BRA of the
        home on every storey, its floor on this storey), the separating wall split at its middle."""
        out = []
        if not self.building.units or not self.geo.is_valid:
            return out
        for k, u in enumerate(self.building.units):
            idx = [self.geo.index[r] for r in u.rooms if r in self.geo.index]
            if not idx:
                continue
            here = [i for i in idx if i in set(self.positions)]
            floor = shapely.intersection(shapely.union_all(self.geo.polys[here]), self.geo.inner) if here \
                else Polygon()
            bra = 0.0
            for st in sorted({self.geo.rooms[i].storey for i in idx}):
                part = shapely.union_all(self.geo.polys[[i for i in idx if self.geo.rooms[i].storey == st]])
                bra += float(shapely.intersection(part, self.geo.inner).area)
            out.append((k + 1, u.household, bra, floor))
        return out

    def separating_label_points(self, k: float) -> list[tuple[Pt, float]]:
        """Where the REI 60 note of the separating wall goes: under the building, below the homes'
        labels, at the wall's longest run (plan point of the text's baseline, rotation on paper);
        ``k`` is paper mm per plan metre. :meth:`separating_leader` is the line from the wall to it."""
        leader = self.separating_leader(k)
        return [(leader[1], 0.0)] if leader else []

    def separating_leader(self, k: float) -> tuple[Pt, Pt] | None:
        """From the foot of the separating wall's longest run down to its note (plan metres)."""
        if not self.separating:
            return None
        line = max(self.separating, key=lambda g: g.length)
        low = min(line.coords, key=lambda q: q[1])
        miny = self.footprint.bounds[1]
        return ((float(low[0]), float(low[1])), (float(low[0]), miny - 37.0 / k))

    def unit_label_points(self, k: float) -> list[tuple[Pt, list[tuple[str, float, bool]]]]:
        """Each home's label (number, household, BRA) below the building and its dimensions."""
        if not self.unit_areas:
            return []
        miny = self.footprint.bounds[1]
        out = []
        for number, household, bra, floor in self.unit_areas:
            if floor.is_empty:
                continue
            c = floor.centroid
            out.append(((c.x, miny - 28.0 / k), [
                (f"Boenhet {number}: {self.household_names.get(household, household)}", 2.8, True),
                (f"BRA boenhet {area_text_m2(bra)}", 2.5, False)]))
        return out

    household_names: dict = field(default_factory=dict)

    # ---- fixtures

    @cached_property
    def fixtures(self) -> list[tuple[Room, str, Polygon]]:
        """Every fixture of this storey's rooms (WC, basin, shower, bath, kitchen bench ...)."""
        out = []
        for room in self.rooms:
            for f in room.fixtures or []:
                try:
                    p = polygon(f.polygon)
                except (TypeError, ValueError):
                    continue
                if p.is_valid and p.area > 0:
                    out.append((room, f.kind, p))
        return out

    @cached_property
    def turning(self) -> list[TurningCircle]:
        """Ø 1.5 m circles where they fit in a room the rules check, else the largest circle."""
        todo = [i for i in self.positions if self.geo.rooms[i].type in TURNING_TYPES]
        if not todo:
            return []
        radius = TURNING_DIAMETER_M / 2
        out = []
        labels = {lb.room.id: _label_box(lb) for lb in self.labels}
        swings = shapely.buffer(shapely.union_all([Polygon([d.hinge, *d.arc_points(6)]) for d in self.doors]),
                                radius, quad_segs=4)
        nets = self.geo.nets[todo]
        furniture = {}
        for room, _, shape in self.fixtures:
            furniture.setdefault(room.id, []).append(shape)
        if furniture:  # the circle's floor is what the fixtures leave free (TEK17 §12-9)
            nets = np.array([shapely.difference(net, shapely.union_all(furniture[self.geo.rooms[i].id]))
                             if self.geo.rooms[i].id in furniture else net
                             for i, net in zip(todo, nets, strict=True)], dtype=object)
        # where a circle's centre may go: the net polygon moved in by the radius (empty: no room)
        frees = shapely.buffer(nets, -(radius - TOLERANCE_M / 2), join_style="mitre")
        for i, net, free in zip(todo, nets, frees, strict=True):
            room = self.geo.rooms[i]
            if net.is_empty:
                continue
            if not free.is_empty:
                clear = shapely.difference(free, swings)
                centre = _farthest(clear if not clear.is_empty else free, labels[room.id])
                out.append(TurningCircle(room, centre or _circle_centre(net), TURNING_DIAMETER_M, True))
                continue
            line = shapely.maximum_inscribed_circle(net, CIRCLE_TOLERANCE_M)
            diameter = 2 * float(line.length)
            centre = (float(line.coords[0][0]), float(line.coords[0][1]))
            fits = diameter >= TURNING_DIAMETER_M - TOLERANCE_M  # a fit the mitred offset missed
            out.append(TurningCircle(room, centre, TURNING_DIAMETER_M if fits else diameter, fits))
        return out

    # ---- dimensions

    @cached_property
    def dims(self) -> list[Dim]:
        """Outside the building on each side it faces: a chain to every corner and inner wall
        on that side (when there are any) and the overall length.

        Outer walls are grouped by the way they face; each group's dimensions sit
        beyond the whole building in that direction, so a recessed wall (the inner
        corner of an L) is measured on the same line as the rest of that side.
        Each measure is given once (ISO 129-1): a side whose chain repeats the opposite
        side's is left out, and so is an overall length already given on the opposite side.
        """
        if not self.geo.is_valid:
            return []
        ring_pts = list(self.footprint.exterior.coords)[:-1]
        verts = _vertices([self.geo.polys[i] for i in self.positions])
        outline = np.asarray(ring_pts)
        row1 = 1.4 * self.scale / 100
        row2 = 2.1 * self.scale / 100
        out: list[Dim] = []
        seen: set[tuple] = set()
        for normal, points in _sides(ring_pts, verts):
            t = (-normal[1], normal[0])
            along = sorted({round(_dot(p, t), 4): p for p in points}.items())
            if len(along) < 2 or along[-1][0] - along[0][0] < 0.2:
                continue
            axis = t if (t[0], t[1]) > (0.0, 0.0) else (-t[0], -t[1])
            at = sorted(round(_dot(p, axis), 3) for _, p in along)
            way = (round(axis[0], 3), round(axis[1], 3))
            chain, overall = (*way, tuple(at)), (*way, at[0], at[-1])
            if chain in seen:
                continue  # the opposite side has the same dimensions: once is enough
            seen.add(chain)
            edge = float((outline @ np.array(normal)).max())
            stops = [p for _, p in along]
            if len(stops) > 2:
                out.extend(Dim(p, q, normal, edge + row1) for p, q in zip(stops, stops[1:], strict=False))
            if overall not in seen:
                seen.add(overall)
                out.append(Dim(stops[0], stops[-1], normal, edge + (row2 if len(stops) > 2 else row1)))
        return out

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """Extent of everything drawn, dimensions included (plan metres)."""
        geoms = [self.geo.footprint] + [self.geo.polys[i] for i in self.positions]
        geoms += [polygon(r.polygon) for r in self.invalid_rooms]
        minx, miny, maxx, maxy = shapely.total_bounds(np.array(geoms, dtype=object))
        if not np.isfinite(minx):
            return (0.0, 0.0, 1.0, 1.0)
        pad = 2.6 * self.scale / 100 if self.geo.is_valid else 0.5
        below = 4.4 * self.scale / 100 if self.unit_areas else pad  # room for the homes' labels
        if self.separating:
            below = 4.6 * self.scale / 100  # and the separating wall's note under them
        return (float(minx) - pad, float(miny) - below, float(maxx) + pad, float(maxy) + pad)


def _stair(room: Room, net: BaseGeometry, building: Building, first_storey: int,
           run_m: float | None = None) -> StairSymbol | None:
    """The stair symbol of a stair room's net area (see :class:`StairSymbol`)."""
    box = net.minimum_rotated_rectangle
    if not isinstance(box, Polygon):
        return None
    pts = [(float(x), float(y)) for x, y in box.exterior.coords]
    (u, lu), (v, lv) = _unit(pts[0], pts[1]), _unit(pts[1], pts[2])
    # the run along the longer side; across from the start corner into the rectangle
    along, across, start = (u, v, pts[0]) if lu >= lv else (v, (-u[0], -u[1]), pts[1])
    length, width = max(lu, lv), min(lu, lv)
    if length < 0.5 or width < 0.3:
        return None
    st = room.stair
    lower = st.from_storey if st is not None else first_storey
    walk = [(float(x), float(y)) for x, y in st.walk] if st is not None and st.walk else None
    if walk and len(walk) >= 2 and _dot(_sub(walk[-1], walk[0]), along) < 0:
        start, along = _add(start, along, length), (-along[0], -along[1])
        across = (-across[0], -across[1])
        start = _add(start, across, -width)
    height = building.storey_height(lower)
    risers = st.risers if st is not None and st.risers else max(2, round(height / RISE_M))
    going = (run_m if run_m else length) / risers
    word = "OPP" if room.storey == lower else "NED"
    cut = risers // 2 + 1 if word == "OPP" else risers  # the flight is cut about halfway up
    treads = []
    for k in range(1, min(cut, risers)):
        p = _add(start, along, k * going)
        line = shapely.intersection(LineString([_add(p, across, -0.01), _add(p, across, width + 0.01)]), net)
        for g in getattr(line, "geoms", [line]):
            if g.geom_type == "LineString" and g.length > 0.05:
                treads.append(((g.coords[0][0], g.coords[0][1]), (g.coords[-1][0], g.coords[-1][1])))
    if walk is None or len(walk) < 2:
        mid = _add(start, across, width / 2)
        walk = [_add(mid, along, going / 2), _add(mid, along, length - going / 2)]
    if word == "OPP":  # the walking line stops at the break
        stop = (cut - 0.5) * going
        kept = [q for q in walk if _dot(_sub(q, start), along) < stop]
        end = _add(_add(start, along, stop), across, _dot(_sub(walk[-1], start), across))
        walk = (kept or walk[:1]) + [end]
    tip = walk[-1]
    t, _ = _unit(walk[-2], walk[-1])
    n = _left(t)
    back = _add(tip, t, -0.25)
    arrow = (tip, _add(back, n, 0.1), _add(back, n, -0.1))
    break_line: list[Pt] = []
    if word == "OPP":
        s0 = (cut - 0.5) * going
        a0 = _add(start, along, s0 - going * 0.6)
        a1 = _add(_add(start, along, s0 + going * 0.6), across, width)
        m = ((a0[0] + a1[0]) / 2, (a0[1] + a1[1]) / 2)
        zig = _unit(a0, a1)[0]
        zn = _left(zig)
        break_line = [_add(a0, across, -0.05), _add(_add(m, zig, -0.08), zn, 0.12),
                      _add(_add(m, zig, 0.08), zn, -0.12), _add(a1, across, 0.05)]
    return StairSymbol(room, treads, walk, arrow, break_line, word, risers, height / risers, going, along)


def fixture_symbol(kind: str, shape: Polygon) -> list[tuple[bool, list[Pt]]]:
    """The lines drawn inside a fixture's outline, as ``(closed, points)`` in plan metres: a WC's
    bowl and cistern, a basin's bowl, a shower's diagonals, a bath's tub, a washer's drum, a
    kitchen bench's sink, a bed's pillow, a wardrobe's rail.

    >>> from shapely import box
    >>> [closed for closed, _ in fixture_symbol("shower", box(0, 0, 0.9, 0.9))]
    [False, False]
    """
    box = shape.minimum_rotated_rectangle
    if not isinstance(box, Polygon):
        return []
    p = [(float(x), float(y)) for x, y in box.exterior.coords][:4]
    (u, lu), (v, lv) = _unit(p[0], p[1]), _unit(p[1], p[2])
    if lu < lv:
        (u, lu), (v, lv) = (v, lv), (u, lu)
    c = ((p[0][0] + p[2][0]) / 2, (p[0][1] + p[2][1]) / 2)

    def at(x: float, y: float) -> Pt:  # x along the long side, y across, from the centre
        return _add(_add(c, u, x), v, y)

    def ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> list[Pt]:
        return [at(cx + rx * math.cos(2 * math.pi * k / n), cy + ry * math.sin(2 * math.pi * k / n))
                for k in range(n)]

    def rect(x0: float, y0: float, x1: float, y1: float) -> list[Pt]:
        return [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)]

    L, W = lu / 2, lv / 2
    if kind == "wc":
        return [(True, rect(-L * 0.9, -W * 0.85, -L * 0.5, W * 0.85)),
                (True, ellipse(L * 0.2, 0.0, L * 0.62, W * 0.72))]
    if kind == "basin":
        return [(True, ellipse(0.0, 0.0, L * 0.7, W * 0.65))]
    if kind == "shower":
        return [(False, [p[0], p[2]]), (False, [p[1], p[3]])]
    if kind == "bath":
        return [(True, list(Polygon(rect(-L + 0.08, -W + 0.08, L - 0.08, W - 0.08)).buffer(
            -0.05).buffer(0.05, quad_segs=4).exterior.coords)[:-1])]
    if kind == "washer":
        r = min(L, W) * 0.7
        return [(True, ellipse(0.0, 0.0, r, r))]
    if kind == "kitchen_bench":
        sink = min(0.25, L * 0.3)
        return [(True, rect(-sink, -W * 0.7, sink, W * 0.7))]
    if kind == "bed":
        return [(True, rect(L - min(0.45, L * 0.4), -W * 0.8, L - 0.05, W * 0.8))]
    if kind == "wardrobe":
        return [(False, [at(-L * 0.9, 0.0), at(L * 0.9, 0.0)])]
    return []


def reading_angle_plan(t: Pt) -> float:
    """The paper rotation (degrees clockwise, as SVG) of text along the plan direction ``t``,
    kept readable (vertical text reads from the bottom up)."""
    a = math.degrees(math.atan2(-t[1], t[0]))
    if a >= 90.0 - 1e-6:
        a -= 180.0
    elif a < -90.0 - 1e-6:
        a += 180.0
    return round(a, 2) + 0.0


def area_text_m2(m2: float) -> str:
    """``70,1 m²``."""
    return f"{m2:.1f}".replace(".", ",") + " m²"


def _sides(ring_pts: list[Pt], verts: np.ndarray) -> list[tuple[Pt, list[Pt]]]:
    """Outer walls grouped by the way they face (outward normal to 0.5°), south and west first.

    Each group has its walls' corners and every room corner that sits on them.
    """
    groups: dict[int, tuple[Pt, list[Pt]]] = {}
    n = len(ring_pts)
    for k in range(n):
        a, b = ring_pts[k], ring_pts[(k + 1) % n]
        t, length = _unit(a, b)
        if length < 0.05:
            continue
        normal = (t[1], -t[0])  # outward: right of a counter-clockwise ring
        key = round(math.degrees(math.atan2(normal[1], normal[0])) * 2) % 720
        nrm, pts = groups.setdefault(key, (normal, []))
        pts.extend(_add(a, t, s) for s in _stops_on(a, t, length, verts))
    return sorted(groups.values(), key=lambda g: round(g[0][0] + g[0][1], 6))


def _rect(c: Pt, t: Pt, n: Pt, width: float, lo: float, hi: float) -> Polygon:
    """A rectangle ``width`` long along ``t`` centred on ``c``, from ``lo`` to ``hi`` along ``n``."""
    p0, p1 = _add(c, t, -width / 2), _add(c, t, width / 2)
    return Polygon([_add(p0, n, lo), _add(p1, n, lo), _add(p1, n, hi), _add(p0, n, hi)])


def _vertices(polys: Iterable[BaseGeometry]) -> np.ndarray:
    pts = [np.asarray(p.exterior.coords) for p in polys if not p.is_empty]
    return np.concatenate(pts) if pts else np.empty((0, 2))


def _stops_on(a: Pt, t: Pt, length: float, verts: np.ndarray) -> list[float]:
    """Distances along the edge from ``a`` where a room corner sits on it, ends included."""
    stops = [0.0, length]
    if len(verts):
        rel = verts - np.array(a)
        along = rel @ np.array(t)
        off = np.abs(rel @ np.array(_left(t)))
        on = (off <= TOLERANCE_M) & (along > TOLERANCE_M * 10) & (along < length - TOLERANCE_M * 10)
        stops.extend(float(s) for s in along[on])
    stops.sort()
    out = [stops[0]]
    for s in stops[1:]:
        if s - out[-1] > TOLERANCE_M * 10:
            out.append(s)
    if out[-1] != length:
        out[-1] = length
    return out


def _circle_centre(poly: BaseGeometry) -> Pt:
    line = shapely.maximum_inscribed_circle(poly, 0.005)
    x, y = line.coords[0]
    return (float(x), float(y))


def label_point(net: BaseGeometry) -> Pt:
    """The centroid when it sits well inside the room (always, in a rectangle), else the centre
    of the largest circle in the room."""
    return label_points([net])[0]


def label_points(nets: Sequence[BaseGeometry], boxes: np.ndarray | None = None) -> list[Pt]:
    """:func:`label_point` of each room's floor, each measure taken for all of them in one call
    (``boxes``: their minimum rotated rectangles, when already worked out)."""
    arr = np.array(nets, dtype=object)
    centres = shapely.centroid(arr)
    if boxes is None:
        boxes = shapely.minimum_rotated_rectangle(arr)
    inside = shapely.contains(arr, centres)
    clear = shapely.distance(centres, shapely.boundary(arr))
    out = []
    for net, c, box, ok, d in zip(nets, centres, boxes, inside, clear, strict=True):
        pts = list(box.exterior.coords) if isinstance(box, Polygon) else []
        if len(pts) == 5 and ok and d >= 0.4 * min(math.dist(pts[0], pts[1]), math.dist(pts[1], pts[2])):
            out.append((float(c.x), float(c.y)))
        else:
            out.append(_circle_centre(net))
    return out


def _span(net: BaseGeometry, p: Pt, horizontal: bool) -> float:
    """Length of the straight line through ``p`` inside ``net``, across or up."""
    minx, miny, maxx, maxy = net.bounds
    line = (LineString([(minx - 1, p[1]), (maxx + 1, p[1])]) if horizontal
            else LineString([(p[0], miny - 1), (p[0], maxy + 1)]))
    inside = shapely.intersection(line, net)
    parts = getattr(inside, "geoms", [inside])
    pt = Point(p)
    for part in parts:
        if part.distance(pt) < 1e-6:
            return float(part.length)
    return float(max((g.length for g in parts), default=0.0))


def _spans(nets: list[BaseGeometry], points: list[Pt], horizontal: bool) -> list[float]:
    """:func:`_span` of each net through its point, the lines cut by every net in one call."""
    b = shapely.bounds(np.array(nets, dtype=object))
    p = np.asarray(points, dtype=float)
    if horizontal:  # from left of the net to right of it, through the point
        a, z = np.column_stack([b[:, 0] - 1, p[:, 1]]), np.column_stack([b[:, 2] + 1, p[:, 1]])
    else:
        a, z = np.column_stack([p[:, 0], b[:, 1] - 1]), np.column_stack([p[:, 0], b[:, 3] + 1])
    ends = np.stack([a, z], axis=1)
    cut = shapely.intersection(shapely.linestrings(ends), np.array(nets, dtype=object))
    return [float(g.length) if g.geom_type == "LineString" else _span(net, q, horizontal)
            for g, net, q in zip(cut, nets, points, strict=True)]


def _clear_size(net: BaseGeometry, box: BaseGeometry) -> tuple[float, float] | None:
    """Clear width × depth of a room that is (nearly) a rectangle (``box``: its minimum rotated
    rectangle)."""
    if not isinstance(net, Polygon) or net.interiors:
        return None
    if box.area <= 0 or net.area / box.area < 0.98:
        return None
    pts = list(box.exterior.coords)
    w, h = math.dist(pts[0], pts[1]), math.dist(pts[1], pts[2])
    (u, _), (v, _) = _unit(pts[0], pts[1]), _unit(pts[1], pts[2])
    return (w, h) if abs(u[0]) >= abs(v[0]) else (h, w)


def _farthest(region: BaseGeometry, label: BaseGeometry) -> Pt | None:
    """The vertex of ``region`` farthest from ``label`` (a corner clear of the room's text)."""
    pts = [q for r in rings(region) for q in r]
    if not pts:
        return None
    d = shapely.distance(label, shapely.points(pts))
    return pts[int(np.argmax(d))]


def _label_box(lb: RoomLabel) -> BaseGeometry:
    """The area a room label's text covers, roughly (plan metres)."""
    half_w = max(len(lb.room.name), 8) * CHAR_WIDTH * lb.height_m / 2
    half_h = 1.9 * lb.height_m
    if lb.vertical:
        half_w, half_h = half_h, half_w
    x, y = lb.point
    return shapely.box(x - half_w, y - half_h, x + half_w, y + half_h)


# --------------------------------------------------------------------------- the plot


@dataclass(frozen=True)
class Distance:
    """The shortest distance from a building to a plot edge or another building."""

    kind: str
    """``neighbour``, ``road`` or ``building``."""
    building: str
    target: str
    """The edge number, or the other building's id."""
    a: Pt
    b: Pt
    distance_m: float
    limit_m: float

    @property
    def rule(self) -> str:
        return {"neighbour": "plot.neighbour-distance", "road": "plot.road-distance",
                "building": "plot.building-distance",
                "neighbour-building": "plot.building-distance"}[self.kind]

    @property
    def too_short(self) -> bool:
        return self.distance_m < self.limit_m - TOLERANCE_M


@dataclass
class SiteDrawing:
    """The plot with its buildings, ready to draw at ``scale`` (1:scale)."""

    plan: Plan
    ctx: Context
    report: Report
    scale: int = 500

    @cached_property
    def plot(self) -> BaseGeometry:
        return self.ctx.plot

    @cached_property
    def plot_ring(self) -> list[Pt]:
        return [(float(x), float(y)) for x, y in _ring(self.plan.plot.boundary)]

    @cached_property
    def road_edges(self) -> list[tuple[Pt, Pt]]:
        pts, n = self.plot_ring, len(self.plot_ring)
        return [(pts[i], pts[(i + 1) % n]) for i in sorted(set(self.plan.plot.road_edges)) if n > 1]


    @cached_property
    def footprints(self) -> list[tuple[Building, BaseGeometry]]:
        return [(g.building, g.footprint) for g in self.ctx.buildings if g.is_valid]

    @cached_property
    def outside(self) -> dict[str, BaseGeometry]:
        """By building id, the part of its footprint beyond the plot boundary (where
        ``plot.outside`` fails)."""
        if self.ctx.plot_problem is not None:
            return {}
        out = {b.id: shapely.difference(fp, self.plot) for b, fp in self.footprints}
        return {k: g for k, g in out.items() if g.area > TOLERANCE_M}

    @cached_property
    def distances(self) -> list[Distance]:
        reg = self.plan.plot.regulation
        out: list[Distance] = []
        if self.ctx.plot_problem is None and self.footprints:
            segs = edges(self.plan.plot.boundary)
            roads = set(self.plan.plot.road_edges)
            for b, fp in self.footprints:
                others = [g for c, g in self.footprints if c is not b]
                dist = shapely.distance(fp, segs)
                for k, (seg, d) in enumerate(zip(segs, dist, strict=True)):
                    road = k in roads
                    limit = reg.road_distance if road else max(reg.neighbour_distance,
                                                               (b.gesims_m or 0.0) / 2)
                    p, q = _facing(fp, seg, float(d))
                    if others and bool(shapely.intersects(LineString([p, q]), others).any()):
                        continue  # another building stands in between: its own distance says more
                    out.append(Distance("road" if road else "neighbour", b.id, str(k), p, q, float(d),
                                        limit))
        fps = self.footprints
        for i, (a, fa) in enumerate(fps):
            for j, (b, fb) in enumerate(fps[i + 1:], start=i + 1):
                d = float(shapely.distance(fa, fb))
                p, q = _facing(fa, fb, d)
                between = [g for k, (_, g) in enumerate(fps) if k not in (i, j)]
                if between and bool(shapely.intersects(LineString([p, q]), between).any()):
                    continue  # a building in between: the distances to it are drawn instead
                out.append(Distance("building", a.id, b.id, p, q, d, BUILDING_DISTANCE_M))
        return out

    def failing(self, d: Distance) -> Finding | None:
        """The finding that makes this distance fail, if any."""
        if not d.too_short:
            return None
        for f in self.report.by_rule(d.rule):
            subjects = {f.subject, f"building:{f.params.get('building')}"}
            if d.kind == "building":
                if {f"building:{d.building}", f"building:{d.target}"} <= subjects:
                    return f
            elif f"building:{d.building}" in subjects and d.distance_m < (f.limit or 0) - TOLERANCE_M:
                return f
        return None

    # ---- the map around the plot (plot.neighbours, plot.roads) and the plot's own areas

    @cached_property
    def neighbour_plots(self) -> list[tuple[object, Polygon]]:
        """The neighbouring plots from the map extract, with their outlines."""
        nb = self.plan.plot.neighbours
        return [(p, poly) for p in (nb.plots if nb else []) for poly in [_safe_polygon(p.boundary)] if poly]

    @cached_property
    def neighbour_buildings(self) -> list[tuple[object, Polygon]]:
        """The buildings on the map (on the neighbouring plots, and the plot's own existing ones)."""
        nb = self.plan.plot.neighbours
        return [(b, poly) for b in (nb.buildings if nb else [])
                for poly in [_safe_polygon(b.footprint)] if poly]

    @cached_property
    def neighbour_distances(self) -> list[Distance]:
        """From each building of the plan to each building on the map within 20 m: the shortest distance,
        against the 8 m of pbl § 29-4 between buildings."""
        out = []
        for b, fp in self.footprints:
            for k, (nb, poly) in enumerate(self.neighbour_buildings):
                if nb.status == "demolish" or poly.intersects(fp):
                    continue
                d = float(shapely.distance(fp, poly))
                if d > 20.0:
                    continue
                p, q = _facing(fp, poly, d)
                out.append(Distance("neighbour-building", b.id, f"map:{k}", p, q, d, BUILDING_DISTANCE_M))
        return out

    @cached_property
    def roads(self) -> list[tuple[object, LineString]]:
        """The roads with a centre line (``plot.roads``)."""
        out = []
        for r in self.plan.plot.roads or []:
            if r.centreline and len(r.centreline) >= 2:
                out.append((r, LineString([(float(x), float(y)) for x, y, *_ in r.centreline])))
        return out

    @cached_property
    def driveway(self) -> Polygon | None:
        return _safe_polygon(self.plan.plot.driveway) if self.plan.plot.driveway else None

    @cached_property
    def outdoor(self) -> list[Polygon]:
        """The usable outdoor areas (uteoppholdsareal) as given."""
        return [poly for o in self.plan.plot.outdoor or [] for poly in [_safe_polygon(o.polygon)] if poly]

    @cached_property
    def outdoor_m2(self) -> float:
        return float(shapely.union_all(self.outdoor).area) if self.outdoor else 0.0

    @cached_property
    def spot_heights(self) -> list[tuple[float, float, float]]:
        return [(float(p[0]), float(p[1]), float(p[2])) for p in self.plan.plot.terrain or [] if len(p) >= 3]

    @cached_property
    def floor_levels(self) -> dict[str, float]:
        """Each building's finished floor of storey 1 as a kote (``floor_z``, or derived from the terrain)."""
        out = {}
        for b, _ in self.footprints:
            if b.floor_z is not None:
                out[b.id] = float(b.floor_z)
            elif self.plan.plot.terrain:
                from planner.building.heights import derived_heights

                out[b.id] = derived_heights(self.plan, b).floor_z
        return out

    @cached_property
    def entrances(self) -> list[tuple[Building, Pt]]:
        """Where each building's entrance doors are."""
        return [(b, (float(d.at[0]), float(d.at[1]))) for b, _ in self.footprints for d in b.doors
                if d.is_entrance]

    @cached_property
    def buildable(self) -> BaseGeometry:
        """The buildable area at the limit the distance rule really applies: the neighbour distance,
        or half the tallest building's gesims where that is more (pbl § 29-4)."""
        if self.ctx.plot_problem is not None:
            return Polygon()
        reg = self.plan.plot.regulation
        half = self.buildable_limit_m
        if abs(half - reg.neighbour_distance) <= TOLERANCE_M:
            return self.ctx.buildable
        segs = edges(self.plan.plot.boundary)
        roads = set(self.plan.plot.road_edges)
        area = self.plot
        for band in shapely.buffer(segs, [reg.road_distance if i in roads else half
                                          for i in range(len(segs))], quad_segs=16):
            area = shapely.difference(area, band)
        return area

    @cached_property
    def buildable_limit_m(self) -> float:
        """The distance to the neighbour edges the rule applies (RULES.md, plot.neighbour-distance): the
        zoning plan's ``neighbour_distance_m`` when it gives one, else 4 m or half the highest gesims
        of the plot's dwellings (derived from the roof where one is given), whichever is more."""
        reg = self.plan.plot.regulation
        if reg.neighbour_distance_m is not None:
            return float(reg.neighbour_distance_m)
        heights = self.ctx.heights  # as the check derives them
        gesims = [heights[b.id].gesims_m for b, _ in self.footprints if b.id in heights and b.is_dwelling]
        return max([reg.neighbour_distance] + [g / 2 for g in gesims])

    @cached_property
    def parking(self) -> list[Polygon]:
        """Parking spaces: drawn from ``plot.parking`` polygons when given, else placed by the road."""
        given = self.plan.plot.parking
        if given is None:
            given = self.plan.plot.extra.get("parking")
        if isinstance(given, list):
            out = []
            for coords in given:
                try:
                    p = polygon(coords)
                except (TypeError, ValueError):
                    continue
                if p.is_valid and p.area > 0:
                    out.append(p)
            return out
        return self._placed_parking()

    @cached_property
    def parking_placed(self) -> bool:
        """Whether the parking spaces are only placed to illustrate (no positions in the plan)."""
        return self.plan.plot.parking is None and not isinstance(self.plan.plot.extra.get("parking"), list)

    def _placed_parking(self) -> list[Polygon]:
        """Spaces side by side along the road edges, 0.5 m in from the edge, clear of the buildings."""
        reg = self.plan.plot.regulation
        count = min(reg.parking_spaces or 0, 50)
        if not count or self.ctx.plot_problem is not None:
            return []
        size = reg.parking_area_m2 / count
        depth = 6.0 if size >= 15 else 5.0
        width = size / depth
        taken = shapely.union_all([fp.buffer(1.0) for _, fp in self.footprints])
        placed: list[Polygon] = []
        for a, b in self.road_edges:
            t, length = _unit(a, b)
            n = np.array(_inward(self.plot, a, b))
            starts = np.arange(0.5, length - 0.5 - width + 1e-9, 0.5)
            if not len(starts):
                continue
            p0 = np.array(a) + np.outer(starts, t)
            p1 = p0 + np.array(t) * width
            near, far = 0.5 * n, (0.5 + depth) * n
            corners = np.stack([p0 + near, p1 + near, p1 + far, p0 + far], axis=1)
            spaces = shapely.polygons(corners)
            ok = shapely.contains(self.plot, spaces) & ~shapely.intersects(spaces, taken)
            end = -math.inf
            for s, space, fits in zip(starts, spaces, ok, strict=True):
                if len(placed) == count:
                    return placed
                if fits and s >= end - 1e-9 and not any(space.intersects(q) for q in placed):
                    placed.append(space)
                    end = s + width
        return placed

    @cached_property
    def turn_deg(self) -> float:
        """How far to turn the plan counter-clockwise (degrees) so that the plot squares to the sheet:
        the longer side of the plot's minimum rotated rectangle made level (within ±45°); 0 for a plot
        that is square to north within 1°, as most are."""
        if len(self.plot_ring) < 3 or self.ctx.plot_problem is not None:
            return 0.0
        box = self.plot.minimum_rotated_rectangle
        if not isinstance(box, Polygon):
            return 0.0
        q = list(box.exterior.coords)
        (u, lu), (v, lv) = _unit(q[0], q[1]), _unit(q[1], q[2])
        t = u if lu >= lv else v
        a = math.degrees(math.atan2(t[1], t[0]))
        a = (a + 45.0) % 90.0 - 45.0
        return 0.0 if abs(a) < 1.0 else round(-a, 4)

    @cached_property
    def turned_bounds(self) -> tuple[float, float, float, float]:
        """:attr:`bounds` of the plan turned by :attr:`turn_deg` about the origin (the sheet's frame)."""
        if not self.turn_deg:
            return self.bounds
        import shapely.affinity

        geoms = [fp for _, fp in self.footprints]
        if self.plot_ring:
            geoms.append(shapely.MultiPoint(self.plot_ring))
        turned = [shapely.affinity.rotate(g, self.turn_deg, origin=(0, 0)) for g in geoms]
        minx, miny, maxx, maxy = shapely.total_bounds(np.array(turned, dtype=object))
        pad = 6.0 * self.scale / 500
        return (float(minx) - pad, float(miny) - pad, float(maxx) + pad, float(maxy) + pad)

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        geoms = [fp for _, fp in self.footprints]
        if self.plot_ring:
            geoms.append(shapely.MultiPoint(self.plot_ring))
        if not geoms:
            return (0.0, 0.0, 10.0, 10.0)
        minx, miny, maxx, maxy = shapely.total_bounds(np.array(geoms, dtype=object))
        pad = 6.0 * self.scale / 500
        return (float(minx) - pad, float(miny) - pad, float(maxx) + pad, float(maxy) + pad)


def _safe_polygon(coords) -> Polygon | None:
    try:
        p = polygon(coords)
    except (TypeError, ValueError):
        return None
    return p if p.is_valid and p.area > 0 else None


def _facing(a: BaseGeometry, b: BaseGeometry, d: float) -> tuple[Pt, Pt]:
    """Ends of a shortest line from ``a`` to ``b``: from the middle of the stretch of ``a``'s
    outline that faces ``b`` at the shortest distance (a wall parallel to the boundary is
    dimensioned at its middle, not at a corner)."""
    near = shapely.intersection(a.boundary, shapely.buffer(b, d + 1e-6))
    pieces = [g for g in getattr(near, "geoms", [near]) if g.geom_type == "LineString" and g.length > 0.1]
    if pieces:
        mid = max(pieces, key=lambda g: g.length).interpolate(0.5, normalized=True)
        line = shapely.shortest_line(mid, b)
        if line.length <= d + 1e-4:
            p, q = line.coords[0], line.coords[-1]
            return (p[0], p[1]), (q[0], q[1])
    line = shapely.shortest_line(a, b)
    p, q = line.coords[0], line.coords[-1]
    return (p[0], p[1]), (q[0], q[1])


def _ring(coords: list[list[float]]) -> list[list[float]]:
    return coords[:-1] if len(coords) > 1 and coords[0] == coords[-1] else coords


def _inward(poly: BaseGeometry, a: Pt, b: Pt) -> Pt:
    """The normal of the edge from ``a`` to ``b`` that points into ``poly``."""
    t, _ = _unit(a, b)
    n = _left(t)
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return n if poly.contains(Point(_add(mid, n, 0.05))) else (-n[0], -n[1])
