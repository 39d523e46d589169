"""Plot rules (situasjonsplan): position, distances, utilisation, heights and the site around."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import shapely

from planner.geometry import TOLERANCE_M, BuildingGeometry, explain, polygon, polygons
from planner.model import Building
from planner.rules.context import Context
from planner.rules.registry import ERROR, WARNING, Finding, rule

BUILDING_DISTANCE_M = 8.0
"""TEK17 §11-6(2): low buildings of different bruksenheter stand at least 8.0 m apart."""
LOW_BUILDING_M = 9.0
"""§11-6(2) is about buildings whose gesims and mone are at most 9.0 m."""
NEIGHBOUR_MIN_M = 4.0
"""pbl §29-4 second paragraph: at least 4.0 m, and at least half the building's height."""
SMALL_BUILDING_M = 1.0
"""SAK10 §4-1 / pbl §29-4 third paragraph b: a garage or annex ... may stand 1.0 m from the boundary."""
SMALL_BUILDING_M2 = 50.0
SMALL_GESIMS_M = 3.0
SMALL_MONE_M = 4.0
ROAD_CENTRELINE_M = {"municipal": 15.0, "county": 50.0, "national": 50.0}
"""veglova §29: distance from a road's centre line without a building line in the zoning plan."""
ASSUMED_ROAD_M = 4.0
"""Without a building line or a road's centre line: 4.0 m from the road edge, to be confirmed."""


def _too_short(measured: float, limit: float) -> bool:
    """A length below its minimum by more than the tolerance."""
    return measured < limit - TOLERANCE_M


def _too_high(measured: float, limit: float) -> bool:
    return measured > limit + TOLERANCE_M


def _new(ctx: Context) -> list[BuildingGeometry]:
    """The valid footprints of the new buildings: the ones the placement rules are about."""
    return [g for g in ctx.buildings if g.is_valid and g.building.state == "new"]


@rule("plot.outside", ERROR)
def outside_plot(ctx: Context) -> Iterator[Finding]:
    if ctx.plot_problem:
        return
    ours = [g for g in ctx.standing if g.is_valid]
    if not ours:
        return
    shapely.prepare(ctx.plot)
    inside = shapely.covers(ctx.plot, np.array([g.footprint for g in ours], dtype=object))
    for geo, covered in zip(ours, inside, strict=True):
        if covered:
            continue            # wholly on the plot: nothing outside to measure
        outside = float(shapely.difference(geo.footprint, ctx.plot).area)
        if outside > TOLERANCE_M:
            yield ctx.finding("plot.outside", f"building:{geo.building.id}", measured=outside,
                              limit=0.0, unit="m²", building=geo.building.id)


def typed_or_derived(ctx: Context, b: Building) -> tuple[float | None, float | None]:
    """(gesims, mone) as RULES.md checks them: derived when ``roof`` is given, else typed."""
    if b.roof is not None:
        h = ctx.heights[b.id]
        return h.gesims_m, h.mone_m
    return b.gesims_m, b.mone_m


def _small(ctx: Context, b: Building, geo: BuildingGeometry) -> bool:
    """A garage or annex of at most 50 m² BYA, gesims 3.0 m and mone 4.0 m (SAK10 §4-1)."""
    if b.building_kind not in ("garage", "annex"):
        return False
    h = ctx.heights[b.id]
    return (float(geo.footprint.area) <= SMALL_BUILDING_M2 + TOLERANCE_M
            and h.gesims_m <= SMALL_GESIMS_M + TOLERANCE_M and h.mone_m <= SMALL_MONE_M + TOLERANCE_M)


def neighbour_limit(ctx: Context, geo: BuildingGeometry) -> tuple[float, str]:
    """The distance a building keeps from neighbour boundaries, and which rule sets it."""
    b = geo.building
    reg = ctx.plan.plot.regulation
    if reg.neighbour_distance_m is not None:
        return float(reg.neighbour_distance_m), "zoning"
    if _small(ctx, b, geo):
        return SMALL_BUILDING_M, "small"
    gesims, _ = typed_or_derived(ctx, b)
    half = (gesims or 0.0) / 2
    return (half, "half") if half > NEIGHBOUR_MIN_M else (NEIGHBOUR_MIN_M, "pbl")


@rule("plot.neighbour-distance", ERROR, "pbl §29-4; SAK10 §4-1")
def neighbour_distance(ctx: Context) -> Iterator[Finding]:
    roads = set(ctx.plan.plot.road_edges)
    edges = [i for i in range(len(ctx.plot_edges)) if i not in roads]
    if ctx.plot_problem or not edges:
        return
    consent = set(ctx.plan.plot.neighbour_consent_edges or [])
    for geo in _new(ctx):
        b = geo.building
        limit, why = neighbour_limit(ctx, geo)
        dist = shapely.distance(geo.footprint, ctx.plot_edges[edges])
        short = [(float(dist[k]), e) for k, e in enumerate(edges) if _too_short(float(dist[k]), limit)]
        plain = [x for x in short if x[1] not in consent]
        agreed = [x for x in short if x[1] in consent]
        if plain:
            d, e = min(plain)
            yield ctx.finding("plot.neighbour-distance", f"building:{b.id}",
                              key=f"plot.neighbour-distance/{why}", measured=d, limit=limit, unit="m",
                              building=b.id, edge=e)
        if agreed:
            d, e = min(agreed)
            yield ctx.warning(ctx.finding("plot.neighbour-distance", f"building:{b.id}",
                                          key="plot.neighbour-distance/consent", measured=d, limit=limit,
                                          unit="m", building=b.id, edge=e))


def road_limit(ctx: Context, edge: int) -> tuple[float, str, object]:
    """(limit, basis, geometry measured to) for one road edge: building line, veglova §29 or assumed."""
    reg = ctx.plan.plot.regulation
    if reg.road_distance_m is not None:
        return float(reg.road_distance_m), "zoning", ctx.plot_edges[edge]
    road = ctx.plan.plot.road(edge)
    if road is not None and road.centreline and road.kind in ROAD_CENTRELINE_M and len(road.centreline) >= 2:
        line = shapely.LineString([(float(x), float(y)) for x, y in road.centreline])
        return ROAD_CENTRELINE_M[road.kind], road.kind, line
    return ASSUMED_ROAD_M, "assumed", ctx.plot_edges[edge]


@rule("plot.road-distance", ERROR, "reguleringsplan; veglova §29")
def road_distance(ctx: Context) -> Iterator[Finding]:
    roads = sorted(e for e in set(ctx.plan.plot.road_edges) if e < len(ctx.plot_edges))
    if ctx.plot_problem or not roads:
        return
    limits = [road_limit(ctx, e) for e in roads]
    for geo in _new(ctx):
        b = geo.building
        worst = None
        for e, (limit, basis, line) in zip(roads, limits, strict=True):
            d = float(shapely.distance(geo.footprint, line))
            if _too_short(d, limit) and (worst is None or d - limit < worst[0] - worst[1]):
                worst = (d, limit, basis, e)
        if worst is not None:
            d, limit, basis, e = worst
            road = ctx.plan.plot.road(e)
            name = road.name if road is not None and road.name else ""
            key = {"zoning": "plot.road-distance", "assumed": "plot.road-distance/assumed"}.get(
                basis, "plot.road-distance/centreline")
            yield ctx.finding("plot.road-distance", f"building:{b.id}", key=key, measured=d, limit=limit,
                              unit="m", building=b.id, edge=e,
                              road=name or (f"vegen ved kant {e}", f"the road at edge {e}"),
                              assumed=basis == "assumed")


@rule("plot.bya", ERROR, "TEK17 §5-2, §5-3, §5-7")
def bya(ctx: Context) -> Iterator[Finding]:
    reg = ctx.plan.plot.regulation
    if reg.max_bya_percent is None or ctx.plot_problem:
        return
    s = ctx.figures
    limit = float(reg.max_bya_percent)
    allowed = limit / 100 * s["plot_area_m2"]
    if s["bya_m2"] > allowed + TOLERANCE_M:          # compared as an area (RULES.md)
        yield ctx.finding("plot.bya", "plot", measured=s["bya_percent"], limit=limit, unit="%",
                          bya=s["bya_m2"], parking=ctx.parking_m2, over=s["bya_m2"] - allowed)


@rule("plot.height-gesims", ERROR, "pbl §29-4; TEK17 §6-2")
def height_gesims(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.max_gesims
    for geo in _new(ctx):
        b = geo.building
        gesims, _ = typed_or_derived(ctx, b)
        if gesims is not None and _too_high(gesims, limit):
            yield ctx.finding("plot.height-gesims", f"building:{b.id}",
                              key="plot.height-gesims/derived" if b.roof else "", measured=gesims,
                              limit=limit, unit="m", building=b.id)


@rule("plot.height-mone", ERROR, "pbl §29-4; TEK17 §6-2")
def height_mone(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.max_mone
    for geo in _new(ctx):
        b = geo.building
        _, mone = typed_or_derived(ctx, b)
        if mone is not None and _too_high(mone, limit):
            yield ctx.finding("plot.height-mone", f"building:{b.id}",
                              key="plot.height-mone/derived" if b.roof else "", measured=mone,
                              limit=limit, unit="m", building=b.id)


def _bruksenhet(b: Building) -> str | None:
    """The household whose bruksenhet a building belongs to (a garage or annex: ``belongs_to``)."""
    if b.is_dwelling:
        return b.household
    return b.belongs_to or b.household


def _low(gesims: float | None, mone: float | None) -> bool:
    return all(v is None or v <= LOW_BUILDING_M + TOLERANCE_M for v in (gesims, mone))


@rule("plot.building-distance", ERROR, "TEK17 §11-6(2)")
def building_distance(ctx: Context) -> Iterator[Finding]:
    """Low buildings of different bruksenheter, on the plot and across its boundary, 8.0 m apart."""
    ours = [g for g in ctx.standing if g.is_valid]
    if not ours:
        return
    low = [_low(*typed_or_derived(ctx, g.building)) for g in ours]
    fps = np.array([g.footprint for g in ours], dtype=object)
    tree = shapely.STRtree(fps)
    left, right = tree.query(fps, predicate="dwithin", distance=BUILDING_DISTANCE_M)
    for i, j in zip(left, right, strict=True):
        if i >= j:
            continue
        a, b = ours[i].building, ours[j].building
        if "new" not in (a.state, b.state) or not (low[i] and low[j]):
            continue
        unit_a, unit_b = _bruksenhet(a), _bruksenhet(b)
        if unit_a is not None and unit_a == unit_b:
            continue        # one bruksenhet: a house and its own garage or annex
        d = float(shapely.distance(fps[i], fps[j]))
        if _too_short(d, BUILDING_DISTANCE_M):
            rated = bool(a.facade_fire_rated) and bool(b.facade_fire_rated)
            f = ctx.finding("plot.building-distance", f"building:{b.id}",
                            key="plot.building-distance/fire-rated" if rated else "", measured=d,
                            limit=BUILDING_DISTANCE_M, unit="m", building=a.id, other=b.id)
            yield ctx.warning(f) if rated else f
    yield from _neighbour_buildings(ctx, [g for g, lo in zip(ours, low, strict=True)
                                          if lo and g.building.state == "new"])


def _neighbour_buildings(ctx: Context, ours: list[BuildingGeometry]) -> Iterator[Finding]:
    nb = ctx.plan.plot.neighbours
    if nb is None or not nb.buildings or not ours:
        return
    theirs = [(k, n) for k, n in enumerate(nb.buildings) if n.status != "demolish"
              and _low(n.gesims_m, n.mone_m)]
    if not theirs:
        return
    shapes = polygons([n.footprint for _, n in theirs])
    for geo in ours:
        b = geo.building
        d = shapely.distance(geo.footprint, shapes)
        for (k, n), shape, dist in zip(theirs, shapes, d, strict=True):
            if explain(shape) is not None or not _too_short(float(dist), BUILDING_DISTANCE_M):
                continue
            label = n.extra.get("name") if isinstance(n.extra.get("name"), str) else None
            other = label or (f"nabobygning {k + 1}", f"neighbouring building {k + 1}")
            rated = bool(b.facade_fire_rated)
            f = ctx.finding("plot.building-distance", f"building:{b.id}",
                            key="plot.building-distance/neighbour-fire-rated" if rated
                            else "plot.building-distance/neighbour",
                            measured=float(dist), limit=BUILDING_DISTANCE_M, unit="m", building=b.id,
                            other=other)
            yield ctx.warning(f) if rated else f


@rule("plot.outdoor-area", ERROR, "reguleringsplan (pbl §11-9, §12-7)")
def outdoor_area(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.min_outdoor_m2
    if limit is None:
        return
    areas = ctx.plan.plot.outdoor or []
    shapes = [polygon(a.polygon) for a in areas]
    seen: set[str] = set()
    for d in ctx.dwellings:
        hh = d.household
        if hh.id in seen:
            continue
        seen.add(hh.id)
        total = sum(float(s.area) for a, s in zip(areas, shapes, strict=True)
                    if explain(s) is None and a.household in (None, hh.id))
        if total < float(limit) - TOLERANCE_M:
            yield ctx.finding("plot.outdoor-area", f"household:{hh.id}", measured=total, limit=float(limit),
                              unit="m²", household=hh.name)


@rule("plot.parking", WARNING, "reguleringsplan")
def parking(ctx: Context) -> Iterator[Finding]:
    plot = ctx.plan.plot
    wanted = plot.regulation.parking_spaces
    if plot.parking is None or not wanted:
        return
    have = len(ctx.parking_polys)
    if have < wanted:
        yield ctx.finding("plot.parking", "plot", measured=have, limit=wanted, unit="plasser")
