"""Plot rules (situasjonsplan): position, distances, utilisation and heights."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import shapely

from planner.geometry import TOLERANCE_M
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

BUILDING_DISTANCE_M = 8.0


def _too_short(measured: float, limit: float) -> bool:
    """A length below its minimum by more than the tolerance."""
    return measured < limit - TOLERANCE_M


def _too_high(measured: float, limit: float) -> bool:
    return measured > limit + TOLERANCE_M


@rule("plot.outside", ERROR)
def outside_plot(ctx: Context) -> Iterator[Finding]:
    if ctx.plot_problem:
        return
    for geo in ctx.buildings:
        if not geo.is_valid:
            continue
        outside = float(shapely.difference(geo.footprint, ctx.plot).area)
        if outside > TOLERANCE_M:
            yield ctx.finding("plot.outside", f"building:{geo.building.id}", measured=outside,
                              limit=0.0, unit="m²", building=geo.building.id)


def _edge_distances(ctx: Context, road: bool) -> Iterator[tuple[object, int, float]]:
    """(building geometry, nearest edge, distance) to the road or neighbour edges."""
    roads = set(ctx.plan.plot.road_edges)
    chosen = [i for i in range(len(ctx.plot_edges)) if (i in roads) == road]
    if ctx.plot_problem or not chosen:
        return
    segs = ctx.plot_edges[chosen]
    for geo in ctx.buildings:
        if geo.is_valid:
            d = shapely.distance(geo.footprint, segs)
            k = int(np.argmin(d))
            yield geo, chosen[k], float(d[k])


@rule("plot.neighbour-distance", ERROR, "pbl §29-4")
def neighbour_distance(ctx: Context) -> Iterator[Finding]:
    reg = ctx.plan.plot.regulation
    for geo, edge, dist in _edge_distances(ctx, road=False):
        limit = max(reg.neighbour_distance, (geo.building.gesims_m or 0.0) / 2)
        if _too_short(dist, limit):
            yield ctx.finding("plot.neighbour-distance", f"building:{geo.building.id}",
                              measured=dist, limit=limit, unit="m", building=geo.building.id,
                              edge=edge)


@rule("plot.road-distance", ERROR, "reguleringsplan; veglova §29")
def road_distance(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.road_distance
    for geo, edge, dist in _edge_distances(ctx, road=True):
        if _too_short(dist, limit):
            yield ctx.finding("plot.road-distance", f"building:{geo.building.id}", measured=dist,
                              limit=limit, unit="m", building=geo.building.id, edge=edge)


@rule("plot.bya", ERROR, "TEK17 §5-2, §5-3, §5-7")
def bya(ctx: Context) -> Iterator[Finding]:
    reg = ctx.plan.plot.regulation
    if reg.max_bya_percent is None or ctx.plot_problem:
        return
    s = ctx.figures
    limit = float(reg.max_bya_percent)
    if s["bya_percent"] > limit:
        over = s["bya_m2"] - limit / 100 * s["plot_area_m2"]
        yield ctx.finding("plot.bya", "plot", measured=s["bya_percent"], limit=limit, unit="%",
                          bya=s["bya_m2"], parking=reg.parking_area_m2, over=over)


@rule("plot.height-gesims", ERROR, "pbl §29-4")
def height_gesims(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.max_gesims
    for b in ctx.plan.buildings:
        if b.gesims_m is not None and _too_high(b.gesims_m, limit):
            yield ctx.finding("plot.height-gesims", f"building:{b.id}", measured=b.gesims_m,
                              limit=limit, unit="m", building=b.id)


@rule("plot.height-mone", ERROR, "pbl §29-4")
def height_mone(ctx: Context) -> Iterator[Finding]:
    limit = ctx.plan.plot.regulation.max_mone
    for b in ctx.plan.buildings:
        if b.mone_m is not None and _too_high(b.mone_m, limit):
            yield ctx.finding("plot.height-mone", f"building:{b.id}", measured=b.mone_m,
                              limit=limit, unit="m", building=b.id)


@rule("plot.building-distance", ERROR, "TEK17 §11-6")
def building_distance(ctx: Context) -> Iterator[Finding]:
    geos = [g for g in ctx.buildings if g.is_valid]
    if len(geos) < 2:
        return
    fps = np.array([g.footprint for g in geos], dtype=object)
    tree = shapely.STRtree(fps)
    left, right = tree.query(fps, predicate="dwithin", distance=BUILDING_DISTANCE_M)
    for i, j in zip(left, right, strict=True):
        if i < j:
            d = float(shapely.distance(fps[i], fps[j]))
            if _too_short(d, BUILDING_DISTANCE_M):
                a, b = geos[i].building.id, geos[j].building.id
                yield ctx.finding("plot.building-distance", f"building:{b}", measured=d,
                                  limit=BUILDING_DISTANCE_M, unit="m", building=a, other=b)
