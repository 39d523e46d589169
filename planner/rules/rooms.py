"""Room rules (plantegning): tiling, turning spaces, widths, windows and daylight."""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import TOLERANCE_M, BuildingGeometry
from planner.model import PERMANENT_STAY
from planner.rules.context import Context, Dwelling
from planner.rules.messages import type_name
from planner.rules.registry import ERROR, WARNING, Finding, rule

TURNING_DIAMETER_M = 1.5
PASSAGE_WIDTH_M = 0.9
EXTERIOR_WALL_M = 1.0
UNCOVERED_M2 = 0.5
DAYLIGHT_FACTOR = 0.07 / 0.75
MIN_AREA_M2 = {"bedroom": 7.0, "living": 15.0, "kitchen": 6.0, "bathroom": 4.0}


def _room_finding(ctx: Context, rule_id: str, geo: BuildingGeometry, i: int, **kw: object) -> Finding:
    room = geo.rooms[i]
    return ctx.finding(rule_id, f"room:{room.id}", room=ctx.room_name(room), **kw)


def _narrow(diameter: float, limit: float) -> bool:
    return diameter < limit - TOLERANCE_M


@rule("room.outside-footprint", ERROR)
def outside_footprint(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        if not geo.is_valid or not len(geo.polys):
            continue
        outside = geo.areas_outside
        for i in (outside > TOLERANCE_M).nonzero()[0]:
            yield _room_finding(ctx, "room.outside-footprint", geo, int(i), measured=outside[i],
                                limit=0.0, unit="m²", building=geo.building.id)


@rule("room.overlap", ERROR)
def overlap(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        for i, j, area in geo.overlaps():
            yield _room_finding(ctx, "room.overlap", geo, j, measured=area, limit=TOLERANCE_M,
                                unit="m²", other=ctx.room_name(geo.rooms[i]))


@rule("room.uncovered", WARNING)
def uncovered(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        for storey in range(1, geo.building.storeys + 1):
            area = geo.uncovered_m2(storey)
            if area > UNCOVERED_M2:
                yield ctx.finding("room.uncovered", f"building:{geo.building.id}", measured=area,
                                  limit=UNCOVERED_M2, unit="m²", building=geo.building.id,
                                  storey=storey)


@rule("room.bathroom-turning-space", ERROR, "TEK17 §12-9")
def bathroom_turning_space(ctx: Context) -> Iterator[Finding]:
    for d in ctx.dwellings:
        baths = d.of_type("bathroom")
        if not baths:
            continue
        diam = d.geo.diameters(baths)
        best = max(range(len(baths)), key=lambda k: diam[k])
        if _narrow(diam[best], TURNING_DIAMETER_M):
            yield _room_finding(ctx, "room.bathroom-turning-space", d.geo, baths[best],
                                measured=diam[best], limit=TURNING_DIAMETER_M, unit="m")


@rule("room.turning-space", ERROR, "TEK17 §12-7(4), §12-8", accessible_only=True)
def turning_space(ctx: Context) -> Iterator[Finding]:
    for d in _accessible(ctx):
        each = [i for i in d.positions if d.geo.rooms[i].type in ("entry", "living", "kitchen")]
        for i, diam in zip(each, d.geo.diameters(each), strict=True):
            if _narrow(diam, TURNING_DIAMETER_M):
                yield _room_finding(ctx, "room.turning-space", d.geo, i, measured=diam,
                                    limit=TURNING_DIAMETER_M, unit="m")
        beds = d.of_type("bedroom")
        if beds:
            diam = d.geo.diameters(beds)
            best = max(range(len(beds)), key=lambda k: diam[k])
            if _narrow(diam[best], TURNING_DIAMETER_M):
                yield _room_finding(ctx, "room.turning-space", d.geo, beds[best],
                                    key="room.turning-space/bedroom", measured=diam[best],
                                    limit=TURNING_DIAMETER_M, unit="m")


def _accessible(ctx: Context) -> list[Dwelling]:
    return [d for d in ctx.dwellings if d.household.is_accessible]


@rule("room.passage-width", ERROR, "TEK17 §12-7(4), §12-8")
def passage_width(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        ways = [i for i, r in enumerate(geo.rooms) if r.type in ("entry", "hall")]
        for i, diam in zip(ways, geo.diameters(ways), strict=True):
            if _narrow(diam, PASSAGE_WIDTH_M):
                yield _room_finding(ctx, "room.passage-width", geo, i, measured=diam,
                                    limit=PASSAGE_WIDTH_M, unit="m")


def _stay_rooms(geo: BuildingGeometry) -> list[int]:
    return [i for i, r in enumerate(geo.rooms) if r.type in PERMANENT_STAY]


@rule("room.no-exterior-wall", ERROR, "TEK17 §13-8")
def no_exterior_wall(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
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
    for geo in ctx.buildings:
        windows = _windows_of(geo)
        for i in _stay_rooms(geo):
            if not windows.get(geo.rooms[i].id):
                yield _room_finding(ctx, "room.window-missing", geo, i)


@rule("room.daylight", ERROR, "TEK17 §13-7")
def daylight(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        windows = _windows_of(geo)
        for i in _stay_rooms(geo):
            ws = windows.get(geo.rooms[i].id)
            if not ws:
                continue
            glass = sum(w.glass_m2 for w in ws)
            net = float(geo.net_areas[i])
            need = DAYLIGHT_FACTOR * net
            if glass < need - TOLERANCE_M:
                yield _room_finding(ctx, "room.daylight", geo, i, measured=glass, limit=need,
                                    unit="m²", net=net)


def is_escape_window(width_m: float, height_m: float) -> bool:
    """TEK17 §11-13: at least 0.5 m wide, 0.6 m high, width + height at least 1.5 m."""
    return width_m >= 0.5 and height_m >= 0.6 and width_m + height_m >= 1.5


@rule("room.escape-window", WARNING, "TEK17 §11-13")
def escape_window(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        windows = _windows_of(geo)
        for i, r in enumerate(geo.rooms):
            if r.type == "bedroom" and not any(is_escape_window(w.width_m, w.height_m)
                                               for w in windows.get(r.id, ())):
                yield _room_finding(ctx, "room.escape-window", geo, i)


@rule("room.min-area", WARNING)
def min_area(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.buildings:
        for i, r in enumerate(geo.rooms):
            limit = MIN_AREA_M2.get(r.type)
            if limit is not None and geo.net_areas[i] < limit - TOLERANCE_M:
                yield _room_finding(ctx, "room.min-area", geo, i, measured=geo.net_areas[i],
                                    limit=limit, unit="m²", type=type_name(r.type))
