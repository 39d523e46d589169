"""Room rules (plantegning): tiling, turning areas, widths, ceilings, windows and daylight."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.geometry import TOLERANCE_M, BuildingGeometry, explain, polygon
from planner.geometry.measurement import inscribed_diameters, rectangle_fits
from planner.model import PERMANENT_STAY, Door
from planner.rules.context import Context, Dwelling
from planner.rules.messages import type_name
from planner.rules.registry import ERROR, WARNING, Finding, rule

TURNING_DIAMETER_M = 1.5
"""A turning area: a circle of Ø 1.5 m ... (DiBK's guidance to TEK17 §12-7 and §12-9)."""
TURNING_RECT_M = (1.3, 1.8)
"""... or a rectangle of 1.3 × 1.8 m."""
WC_SIDE_M = 0.9
"""Free space beside the WC on one side, where fixtures are drawn (TEK17 §12-9(1), DiBK)."""
PASSAGE_WIDTH_M = 0.9
EXTERIOR_WALL_M = 1.0
UNCOVERED_M2 = 0.5
DAYLIGHT_FACTOR = 0.07 / 0.75
DAYLIGHT_SILL_M = 0.8
"""Glass lower than this above the floor does not count for daylight (RULES.md room.daylight)."""
CEILING_STAY_M = 2.4
CEILING_OTHER_M = 2.2
ESCAPE_SILL_M = 1.0
MIN_AREA_M2 = {"bedroom": 7.0, "living": 15.0, "kitchen": 6.0, "bathroom": 4.0}
TURNING_ROOMS = PERMANENT_STAY | {"entry"}


def _room_finding(ctx: Context, rule_id: str, geo: BuildingGeometry, i: int, **kw: object) -> Finding:
    room = geo.rooms[i]
    return ctx.finding(rule_id, f"room:{room.id}", room=ctx.room_name(room), **kw)


def _narrow(diameter: float, limit: float) -> bool:
    return diameter < limit - TOLERANCE_M


@dataclass
class Turning:
    """The turning area a room's free floor holds."""

    diameter: float
    """Largest free circle (m)."""
    fits: bool
    """A Ø 1.5 m circle or a 1.3 × 1.8 m rectangle fits (within the length tolerance)."""
    free: BaseGeometry


def fixtures_of(geo: BuildingGeometry, i: int) -> list[tuple[str, BaseGeometry]]:
    """(kind, polygon) of a room's fixtures that are usable shapes."""
    out = []
    for f in geo.rooms[i].fixtures or []:
        p = polygon(f.polygon)
        if explain(p) is None:
            out.append((f.kind, p))
    return out


def door_swing(geo: BuildingGeometry, door: Door, room_index: int) -> BaseGeometry | None:
    """The square a door's leaf sweeps on the side of the room it opens into (leaf width × width)."""
    poly = geo.polys[room_index]
    px, py = float(door.at[0]), float(door.at[1])
    ring = list(poly.exterior.coords)
    best, u = math.inf, None
    for (ax, ay), (bx, by) in zip(ring[:-1], ring[1:], strict=True):
        dx, dy = bx - ax, by - ay
        n2 = dx * dx + dy * dy
        if n2 <= 0:
            continue
        t = min(1.0, max(0.0, ((px - ax) * dx + (py - ay) * dy) / n2))
        d = math.hypot(px - ax - t * dx, py - ay - t * dy)
        if d < best:
            best, u = d, (dx / math.sqrt(n2), dy / math.sqrt(n2))
    if u is None:
        return None
    w = float(door.width_m)
    ux, uy = u
    for nx, ny in ((-uy, ux), (uy, -ux)):
        cx, cy = px - ux * w / 2, py - uy * w / 2
        probe = min(w / 2, 0.1)
        if poly.contains(shapely.Point(px + nx * probe, py + ny * probe)):
            return shapely.Polygon([(cx, cy), (cx + ux * w, cy + uy * w),
                                    (cx + ux * w + nx * w, cy + uy * w + ny * w), (cx + nx * w, cy + ny * w)])
    return None


class Turnings:
    """Turning areas of rooms, computed once per check."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._done: dict[tuple[int, int, bool], Turning] = {}

    def of(self, geo: BuildingGeometry, i: int, swings: bool = False) -> Turning:
        key = (id(geo), i, swings)
        if key not in self._done:
            self._done[key] = self._compute(geo, i, swings)
        return self._done[key]

    def _compute(self, geo: BuildingGeometry, i: int, swings: bool) -> Turning:
        free = geo.nets[i]
        blocked = [p for _, p in fixtures_of(geo, i)]
        if swings:
            rid = geo.rooms[i].id
            for door in geo.building.doors:
                if rid in door.rooms and door.opens_into == rid and not door.extra.get("opening"):
                    sq = door_swing(geo, door, i)
                    if sq is not None:
                        blocked.append(sq)
        if not blocked:
            diameter = geo.diameters([i])[0]
        else:
            net = free
            obstacle = blocked[0] if len(blocked) == 1 else shapely.union_all(blocked)
            free = shapely.difference(free, obstacle)
            r = (TURNING_DIAMETER_M - TOLERANCE_M) / 2
            if _corner_circle_fits(geo, i, net, obstacle, r) or not shapely.buffer(free, -r).is_empty:
                return Turning(TURNING_DIAMETER_M, True, free)     # the circle fits: no need to measure it
            diameter = float(inscribed_diameters(np.array([free], dtype=object))[0])
        fits = not _narrow(diameter, TURNING_DIAMETER_M) or rectangle_fits(
            free, TURNING_RECT_M[0] - TOLERANCE_M, TURNING_RECT_M[1] - TOLERANCE_M)
        return Turning(diameter, fits, free)


def _corner_circle_fits(geo: BuildingGeometry, i: int, net: BaseGeometry, obstacle: BaseGeometry,
                        r: float) -> bool:
    """A quick yes: a circle of radius ``r`` in a corner of a rectangular net polygon clears the
    ``obstacle`` (the blocked shapes together). No means only that no corner has room; the caller
    then erodes the free floor.

    The centres tried lie ``r`` (and a micrometre) from both walls of each corner, so such a
    circle lies inside the room; it is free when the centre is that far from every blocked shape.
    """
    rect, short = geo.net_rectangle(i)
    if not rect or short < 2 * r + 2e-6:
        return False
    (x0, y0), (x1, y1), _, (x3, y3) = shapely.get_coordinates(net)[:4].tolist()
    ax, ay, bx, by = x1 - x0, y1 - y0, x3 - x0, y3 - y0          # the two sides from corner 0
    la, lb = math.hypot(ax, ay), math.hypot(bx, by)
    far = r + 1e-6
    centres = [(x0 + ax * s / la + bx * t / lb, y0 + ay * s / la + by * t / lb)
               for s in (far, la - far) for t in (far, lb - far)]
    gaps = shapely.distance(shapely.points(centres), obstacle)
    return bool((gaps >= far).any())


def _turnings(ctx: Context) -> Turnings:
    t = ctx.__dict__.get("_turnings")
    if t is None:
        t = ctx.__dict__["_turnings"] = Turnings(ctx)
    return t


@rule("room.outside-footprint", ERROR)
def outside_footprint(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        if not geo.is_valid or not len(geo.polys):
            continue
        outside = geo.areas_outside
        for i in (outside > TOLERANCE_M).nonzero()[0]:
            yield _room_finding(ctx, "room.outside-footprint", geo, int(i), measured=outside[i],
                                limit=0.0, unit="m²", building=geo.building.id)


@rule("room.overlap", ERROR)
def overlap(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        for i, j, area in geo.overlaps():
            yield _room_finding(ctx, "room.overlap", geo, j, measured=area, limit=TOLERANCE_M,
                                unit="m²", other=ctx.room_name(geo.rooms[i]))


@rule("room.uncovered", WARNING)
def uncovered(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        for storey in range(1, geo.building.storeys + 1):
            area = geo.uncovered_m2(storey)
            if area > UNCOVERED_M2:
                yield ctx.finding("room.uncovered", f"building:{geo.building.id}", measured=area,
                                  limit=UNCOVERED_M2, unit="m²", building=geo.building.id,
                                  storey=storey)


def wc_side_free(geo: BuildingGeometry, i: int, free: BaseGeometry) -> float | None:
    """The widest free space beside a WC of the room, on either side (m); None without a WC."""
    fixtures = fixtures_of(geo, i)
    wcs = [p for kind, p in fixtures if kind == "wc"]
    if not wcs:
        return None
    wall = shapely.boundary(geo.polys[i])
    best = 0.0
    for wc in wcs:
        c = shapely.get_coordinates(shapely.minimum_rotated_rectangle(wc))[:4]
        sides = [(c[k], c[(k + 1) % 4]) for k in range(4)]
        # the back stands against a wall: the side whose middle is nearest the room's boundary
        mids = [shapely.Point((p + q) / 2) for p, q in sides]
        back = min(range(4), key=lambda k: shapely.distance(mids[k], wall))
        centre = c.mean(axis=0)
        for k in ((back + 1) % 4, (back + 3) % 4):
            p, q = sides[k]
            depth = float(np.hypot(*(q - p)))
            if depth <= 0:
                continue
            mid = (p + q) / 2
            out = mid - centre
            out = out / (np.hypot(*out) or 1.0)
            strip = shapely.Polygon([p, q, q + out * WC_SIDE_M, p + out * WC_SIDE_M])
            width = float(shapely.intersection(strip, free).area) / depth
            best = max(best, min(width, WC_SIDE_M))
    return best


@rule("room.bathroom-turning-space", ERROR, "TEK17 §12-9(1)")
def bathroom_turning_space(ctx: Context) -> Iterator[Finding]:
    turn = _turnings(ctx)
    for d in ctx.dwellings:
        baths = d.of_type("bathroom")
        if not baths:
            continue
        d.geo.diameters(baths)
        found = [(b, turn.of(d.geo, b)) for b in baths]
        turning = [(b, t) for b, t in found if t.fits]
        if not turning:
            b, t = max(found, key=lambda x: x[1].diameter)
            yield _room_finding(ctx, "room.bathroom-turning-space", d.geo, b, measured=t.diameter,
                                limit=TURNING_DIAMETER_M, unit="m")
            continue
        sides = [(b, wc_side_free(d.geo, b, t.free)) for b, t in turning]
        if any(w is None or w >= WC_SIDE_M - TOLERANCE_M for _, w in sides):
            continue
        b, w = max(sides, key=lambda x: x[1] or 0.0)
        yield _room_finding(ctx, "room.bathroom-turning-space", d.geo, b,
                            key="room.bathroom-turning-space/wc", measured=w, limit=WC_SIDE_M, unit="m")


def entrance_rooms(d: Dwelling, types: frozenset[str] | set[str]) -> list[int]:
    """Positions of the dwelling's rooms of these types on the entrance level (storey 1)."""
    return [i for i in d.positions if d.geo.rooms[i].storey == 1 and d.geo.rooms[i].type in types]


@rule("room.turning-space", ERROR, "TEK17 §12-7(4), §12-8(1)", accessible_only=True)
def turning_space(ctx: Context) -> Iterator[Finding]:
    turn = _turnings(ctx)
    for d in ctx.accessible():
        rooms = entrance_rooms(d, TURNING_ROOMS)
        d.geo.diameters(rooms)       # the largest circles of all at once
        for i in rooms:
            entry = d.geo.rooms[i].type == "entry"
            t = turn.of(d.geo, i, swings=entry)
            if not t.fits:
                yield _room_finding(ctx, "room.turning-space", d.geo, i,
                                    key="room.turning-space/entry" if entry else "",
                                    measured=t.diameter, limit=TURNING_DIAMETER_M, unit="m",
                                    household=d.household.name)


@rule("room.passage-width", ERROR, "TEK17 §12-6(5), §12-7(4)", accessible_only=True)
def passage_width(ctx: Context) -> Iterator[Finding]:
    for d in ctx.accessible():
        ways = entrance_rooms(d, {"entry", "hall"})
        for i, diam in zip(ways, d.geo.diameters(ways), strict=True):
            if _narrow(diam, PASSAGE_WIDTH_M):
                yield _room_finding(ctx, "room.passage-width", d.geo, i, measured=diam,
                                    limit=PASSAGE_WIDTH_M, unit="m")


@rule("room.ceiling-height", ERROR, "TEK17 §12-7(2)")
def ceiling_height(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        b = geo.building
        for i, r in enumerate(geo.rooms):
            if r.type == "stair":
                continue
            limit = CEILING_STAY_M if r.type in PERMANENT_STAY else CEILING_OTHER_M
            height = b.ceiling_height(r.storey, r)
            if height < limit - TOLERANCE_M:
                yield _room_finding(ctx, "room.ceiling-height", geo, i,
                                    key="room.ceiling-height/stay" if r.type in PERMANENT_STAY else "",
                                    measured=height, limit=limit, unit="m")


def _stay_rooms(geo: BuildingGeometry) -> list[int]:
    return [i for i, r in enumerate(geo.rooms) if r.type in PERMANENT_STAY]


@rule("room.no-exterior-wall", ERROR, "TEK17 §13-8")
def no_exterior_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        if not geo.is_valid:
            continue
        lengths = geo.exterior_lengths
        for i in _stay_rooms(geo):
            if lengths[i] < EXTERIOR_WALL_M - TOLERANCE_M:
                yield _room_finding(ctx, "room.no-exterior-wall", geo, i, measured=lengths[i],
                                    limit=EXTERIOR_WALL_M, unit="m")


def _windows_of(geo: BuildingGeometry) -> dict[str, list]:
    out: dict[str, list] = {}
    for w in geo.building.windows:
        out.setdefault(w.room, []).append(w)
    return out


@rule("room.window-missing", ERROR, "TEK17 §13-8")
def window_missing(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        windows = _windows_of(geo)
        for i in _stay_rooms(geo):
            if not windows.get(geo.rooms[i].id):
                yield _room_finding(ctx, "room.window-missing", geo, i)


@rule("room.window-off-wall", ERROR)
def window_off_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        if not geo.is_valid:
            continue
        on_wall = geo.windows_on_walls
        b = geo.building
        for k, w in enumerate(b.windows):
            if w.room in geo.index and not on_wall[k]:
                room = b.room(w.room)
                yield ctx.finding("room.window-off-wall", f"window:{k}", limit=0.05, unit="m",
                                  room=ctx.room_name(room) if room else (w.room, w.room))


def counted_glass(w) -> float:
    """Glass area counted for daylight: the part at least 0.8 m above the floor."""
    low = max(0.0, DAYLIGHT_SILL_M - w.sill)
    return float(w.width_m) * max(0.0, float(w.height_m) - low)


@rule("room.daylight", ERROR, "TEK17 §13-7")
def daylight(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        windows = _windows_of(geo)
        for i in _stay_rooms(geo):
            ws = windows.get(geo.rooms[i].id)
            if not ws:
                continue
            glass = sum(counted_glass(w) for w in ws)
            net = float(geo.net_areas[i])
            need = DAYLIGHT_FACTOR * net
            if glass < need - TOLERANCE_M:
                low = any(w.sill < DAYLIGHT_SILL_M for w in ws)
                yield _room_finding(ctx, "room.daylight", geo, i, key="room.daylight/low" if low else "",
                                    measured=glass, limit=need, unit="m²", net=net)


def is_escape_window(width_m: float, height_m: float, sill_m: float = 0.8) -> bool:
    """TEK17 §11-13: at least 0.5 m wide, 0.6 m high, width + height at least 1.5 m, sill at most 1.0 m."""
    return width_m >= 0.5 and height_m >= 0.6 and width_m + height_m >= 1.5 and sill_m <= ESCAPE_SILL_M


@rule("room.escape-window", WARNING, "TEK17 §11-13")
def escape_window(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        windows = _windows_of(geo)
        for i, r in enumerate(geo.rooms):
            if r.type == "bedroom" and not any(is_escape_window(*w.clear_opening, w.sill)
                                               for w in windows.get(r.id, ())):
                yield _room_finding(ctx, "room.escape-window", geo, i)


@rule("room.min-area", WARNING)
def min_area(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        for i, r in enumerate(geo.rooms):
            limit = MIN_AREA_M2.get(r.type)
            if limit is not None and geo.net_areas[i] < limit - TOLERANCE_M:
                yield _room_finding(ctx, "room.min-area", geo, i, measured=geo.net_areas[i],
                                    limit=limit, unit="m²", type=type_name(r.type))
