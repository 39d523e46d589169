"""SVG drawings: the site plan (situasjonsplan) at 1:500 and floor plans (plantegning) at 1:100, A3."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import shapely
import shapely.ops
from shapely import Polygon

from planner.export.drawing import Dim, FloorDrawing, SiteDrawing, fixture_symbol, label_point, storeys_of
from planner.export.labels import candidates, place_labels
from planner.export.sheet import (
    AREA,
    FLOOR_SCALES,
    INK,
    LegendEntry,
    Segments,
    Sheet,
    View,
    choose_scale,
    fit_site_scale,
    fmt,
    reading_angle,
    text_width,
)
from planner.export.style import (
    GREEN,
    ORANGE,
    RED,
    ROOM_FILL,
    Overlay,
    area_text,
    clean,
    colour,
    length_text,
    mm_text,
    num,
    safe_name,
    storey_label,
    type_label,
)
from planner.export.titles import SheetInfo, drawing_number, floor_figures, project_rows, site_figures
from planner.geometry import BuildingGeometry, polygon
from planner.model import ROOM_TYPES, Building, Plan
from planner.rules import Context, Finding, Report, check

WALL_FILL = "#3a3a3a"
MAX_LEGEND_FINDINGS = 12
CROP_MARGIN_MM = 4.0
"""Paper around the drawing in a cropped floor plan."""


@dataclass
class Findings:
    """Findings shown on one sheet, numbered in the order they are drawn."""

    items: list[tuple[int, Finding]] = field(default_factory=list)

    def number(self, f: Finding) -> int:
        for n, g in self.items:
            if g is f:
                return n
        n = len(self.items) + 1
        self.items.append((n, f))
        return n

    def list_too(self, findings: Iterable[Finding]) -> None:
        """Number findings that have no place on the drawing itself, so the legend lists them too."""
        for f in list(findings)[:MAX_LEGEND_FINDINGS]:
            self.number(f)

    def entries(self) -> list[LegendEntry]:
        """The legend's list of findings: a numbered marker in red (error) or orange (warning) each."""
        if not self.items:
            return []
        out = [LegendEntry("text", "Funn fra sjekken", heading=True, size=3.0)]
        # what matters most first, should the legend run out of room: a shape that cannot be used,
        # then the other errors, then the warnings (each keeps its number on the drawing)
        def rank(item: tuple[int, Finding]) -> tuple[bool, bool, int]:
            return (item[1].group != "geometry", item[1].severity != "error", item[0])

        ranked = sorted(self.items, key=rank)
        for n, f in ranked:
            word = "feil" if f.severity == "error" else "merknad"
            out.append(LegendEntry("marker", f"{f.rule} ({word}): {f.message}", colour=_colour_of(f),
                                   number=n, size=2.2))
        return out


def _colour_of(f: Finding) -> str:
    return RED if f.severity == "error" else ORANGE


# --------------------------------------------------------------------------- site plan


def site_svg(plan: Plan, report: Report | None = None, *, date: _dt.date | str | None = None,
             version: str | None = None, ctx: Context | None = None, status: str = "Arbeidstegning") -> str:
    """The situasjonsplan of ``plan`` as an A3 SVG at 1:500 (a smaller scale when the plot needs it).

    Failing plot rules are drawn in red where they fail and listed in the legend.
    """
    report = report if report is not None else check(plan)
    ctx = ctx if ctx is not None else Context(plan)
    site = SiteDrawing(plan, ctx, report)
    fit_site_scale(site)
    view = View.fit(site.turned_bounds, site.scale, turn=site.turn_deg)
    info = SheetInfo.of(plan, date, version, status)
    sheet = Sheet(f"Situasjonsplan – {plan.project.name}", _origin_text(plan))
    findings = Findings()
    _draw_site(sheet, view, site, findings)
    sheet.frame()
    sheet.north_arrow(turn=site.turn_deg)
    sheet.scale_bar(site.scale)
    findings.list_too(f for f in report.findings if f.group in ("plot", "geometry"))
    sheet.legend(_site_legend(site) + findings.entries())
    table = [(label, value, RED if failing else INK) for label, value, failing in site_figures(plan, report)]
    if site.outdoor:
        need = plan.plot.regulation.min_outdoor_m2
        short = need is not None and site.outdoor_m2 < need - 0.05
        limit = f" (krav {num(need, 0)} m²)" if need is not None else ""
        table.append((f"Uteoppholdsareal{limit}", area_text(site.outdoor_m2), RED if short else INK))
    rows = project_rows(plan, info, drawing=drawing_number("site"))
    source = map_source(plan)
    if source:
        rows.insert(3, ("Kartgrunnlag", source))
    sheet.title_block("Situasjonsplan", plan.project.name, rows, table, footer=_footer(info))
    return sheet.tostring()


def map_source(plan: Plan) -> str:
    """The map extract's source and date (``plot.neighbours.extra``), as the title block says it."""
    nb = plan.plot.neighbours
    if nb is None:
        return ""
    return " ".join(clean(str(nb.extra.get(k, "")), 60) for k in ("source", "date") if nb.extra.get(k))


def _footer(info: SheetInfo) -> str:
    return f"Tegnet med planner fra planfilen (plan/1), kontrollsum {info.digest}."


def _origin_text(plan: Plan) -> str:
    o = plan.origin
    if o is None:
        return "Lokale koordinater i meter (x øst, y nord)."
    return (f"Lokale koordinater i meter (x øst, y nord); origo er {clean(o.crs, 40)} "
            f"E {o.e:.3f} N {o.n:.3f}.")


def _site_legend(site: SiteDrawing) -> list[LegendEntry]:
    reg = site.plan.plot.regulation
    out = [LegendEntry("line", "Tomtegrense", fill="0.5"),
           LegendEntry("line", "Vegkant (grense mot veg)", colour="#6b6b6b", fill="1.4"),
           LegendEntry("line", f"Byggegrense: {num(site.buildable_limit_m, 2)} m fra nabo, "
                               f"{num(reg.road_distance, 1)} m fra veg", dash="2.4,1.2", fill="0.35"),
           LegendEntry("swatch", "Bygning (fotavtrykk)", fill="#c4c4c4")]
    if site.neighbour_plots:
        out.append(LegendEntry("line", "Naboeiendom (gnr/bnr, adresse)", colour="#777777", fill="0.25"))
    states = {b.status or "existing" for b, _ in site.neighbour_buildings}
    if "existing" in states:
        out.append(LegendEntry("swatch", "Eksisterende bygning", fill="#d9d9d9", colour="#6b6b6b"))
    if "new" in states:
        out.append(LegendEntry("swatch", "Ny bygning (nabo)", fill="#ffffff", colour=INK))
    if "demolish" in states:
        out.append(LegendEntry("line", "Bygning som rives", colour="#6b6b6b", dash="1.6,0.9", fill="0.35"))
    if site.roads:
        out.append(LegendEntry("line", "Senterlinje veg", colour="#6b6b6b", dash="6,1.5,1,1.5", fill="0.25"))
    if site.outdoor:
        out.append(LegendEntry("swatch", "Uteoppholdsareal", fill="#dff0d0", colour="#3f7f2f"))
    if site.driveway is not None:
        out.append(LegendEntry("swatch", "Avkjørsel", fill="#eeeeee", colour="#555555"))
    if site.entrances:
        out.append(LegendEntry("text", "▲ Inngang"))
    if site.spot_heights or site.floor_levels:
        out.append(LegendEntry("text", "+12,30 terrenghøyde (kote), FG gulvhøyde 1. etasje"))
    if site.parking:
        how = " (plassert for illustrasjon)" if site.parking_placed else ""
        out.append(LegendEntry("swatch", f"Parkering, {len(site.parking)} plasser{how}",
                               fill="#ffffff", colour="#555555"))
    out.append(LegendEntry("arrowdim", "Korteste avstand fra bygning til grense, veg og bygning"))
    if any(site.failing(d) for d in site.distances):
        out.append(LegendEntry("arrowdim", "Avstand under kravet", colour=RED))
    return out


def _clip_box(view: View):
    """The drawing area in plan metres: what lies beyond it is cut off (the map goes on)."""
    x0, y0, x1, y1 = AREA
    return Polygon([view.plan(q) for q in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))])


def _draw_map(sheet: Sheet, view: View, site: SiteDrawing) -> None:
    """The municipality's map around the plot: neighbouring plots with gnr/bnr and address, their
    buildings (existing grey, new black, to be demolished dashed), roads with name and centre line."""
    dwg = sheet.dwg
    clip = _clip_box(view)
    g = sheet.group("neighbour-plots")
    for _, poly in site.neighbour_plots:
        part = poly.intersection(clip)
        if part.is_empty:
            continue
        g.add(dwg.path(view.path(part), fill="none", stroke="#777777", stroke_width="0.25"))
    gb = sheet.group("neighbour-buildings")
    for b, poly in site.neighbour_buildings:
        part = poly.intersection(clip)
        if part.is_empty:
            continue
        style = {"existing": {"fill": "#d9d9d9", "stroke": "#6b6b6b", "stroke_width": "0.35"},
                 "new": {"fill": "none", "stroke": INK, "stroke_width": "0.7"},
                 "demolish": {"fill": "none", "stroke": "#6b6b6b", "stroke_width": "0.35",
                              "stroke_dasharray": "1.6,0.9"}}[b.status or "existing"]
        gb.add(dwg.path(view.path(part), fill_rule="evenodd", data_status=b.status or "existing", **style))
    gr = sheet.group("roads")
    for _, line in site.roads:
        part = line.intersection(clip)
        if part.is_empty:
            continue
        for piece in getattr(part, "geoms", [part]):
            if piece.geom_type != "LineString":
                continue
            gr.add(dwg.polyline(view.pts(piece.coords), stroke="#6b6b6b", stroke_width="0.25", fill="none",
                                stroke_dasharray="6,1.5,1,1.5", class_="centreline"))
    for p, poly in site.neighbour_plots:  # the texts last, where they are free
        label = " ".join(x for x in (f"{p.gnr}/{p.bnr}" if p.gnr is not None else "", p.address or "") if x)
        part = poly.intersection(clip)
        if not label or part.is_empty:
            continue
        at = sheet.free(candidates(part, view, step_mm=3.0), label, 2.2, "middle",
                        avoid=[Polygon([view.p(q) for q in poly.exterior.coords])
                               for _, poly in site.neighbour_buildings])
        if at is not None:
            sheet.text(g, at, label, size=2.2, anchor="middle", colour="#555555", halo=True)


def _draw_site(sheet: Sheet, view: View, site: SiteDrawing, findings: Findings) -> None:
    dwg = sheet.dwg
    _draw_map(sheet, view, site)
    g = sheet.group("plot")
    ring = site.plot_ring
    if len(ring) >= 3:
        g.add(dwg.path(view.ring_path(ring), fill="#f6f9f1", stroke=INK, stroke_width="0.5",
                       stroke_linejoin="round"))
        _edge_lengths(sheet, view, site)
    roads = sheet.group("road-edges")
    for edge, (a, b) in zip(sorted(set(site.plan.plot.road_edges)), site.road_edges, strict=False):
        road = site.plan.plot.road(edge)
        _road_edge(sheet, roads, view, site, a, b, road.name if road else None)
    setb = sheet.group("buildable-area")
    if not site.buildable.is_empty:
        setb.add(dwg.path(view.path(site.buildable), fill="none", stroke=INK, stroke_width="0.35",
                          stroke_dasharray="2.4,1.2"))
    if site.outdoor:
        out = sheet.group("outdoor")
        for poly in site.outdoor:
            out.add(dwg.path(view.path(poly), fill="#dff0d0", fill_opacity="0.6", stroke="#3f7f2f",
                             stroke_width="0.25", stroke_dasharray="1,0.6"))
    if site.driveway is not None:
        sheet.group("driveway").add(dwg.path(view.path(site.driveway), fill="#eeeeee", stroke="#555555",
                                             stroke_width="0.25"))
    park = sheet.group("parking")
    for p in site.parking:
        park.add(dwg.path(view.path(p), fill="#ffffff", stroke="#555555", stroke_width="0.25"))
        c = view.p((p.centroid.x, p.centroid.y))
        sheet.text(park, (c[0], c[1] + 1.1), "P", size=3.0, anchor="middle", bold=True, colour="#555555")
    _site_buildings(sheet, view, site, findings)
    _entrances(sheet, view, site)
    _site_distances(sheet, view, site, findings)
    _road_names(sheet, view, site)
    _spot_heights(sheet, view, site)


def _entrances(sheet: Sheet, view: View, site: SiteDrawing) -> None:
    """A filled triangle at each entrance door, pointing in."""
    g = sheet.group("entrances")
    for b, at in site.entrances:
        p = view.p(at)
        fp = next((f for x, f in site.footprints if x is b), None)
        if fp is None:
            continue
        c = fp.centroid
        t = (c.x - at[0], c.y - at[1])
        n = math.hypot(*t) or 1.0
        d = view.direction((t[0] / n, t[1] / n))  # paper direction into the building
        tip = (p[0] + d[0] * 0.4, p[1] + d[1] * 0.4)
        back = (p[0] - d[0] * 2.6, p[1] - d[1] * 2.6)
        g.add(sheet.dwg.polygon([(fmt(tip[0]), fmt(tip[1])),
                                 (fmt(back[0] - d[1] * 1.3), fmt(back[1] + d[0] * 1.3)),
                                 (fmt(back[0] + d[1] * 1.3), fmt(back[1] - d[0] * 1.3))], fill=INK,
                                class_="entrance", data_building=clean(b.id, 80)))


def _road_names(sheet: Sheet, view: View, site: SiteDrawing) -> None:
    g = sheet.group("road-names")
    clip = _clip_box(view)
    named_at_edge = set(site.plan.plot.road_edges)
    for r, line in site.roads:
        part = line.intersection(clip)
        if not r.name or r.edge in named_at_edge or part.is_empty or part.length <= 0:
            continue  # a road beside a road edge is named at the edge
        piece = max(getattr(part, "geoms", [part]), key=lambda x: x.length)
        cands = []
        for f in (0.5, 0.3, 0.7, 0.15, 0.85):
            a = piece.interpolate(max(f - 0.02, 0), normalized=True)
            b = piece.interpolate(min(f + 0.02, 1), normalized=True)
            pa, pb = view.p((a.x, a.y)), view.p((b.x, b.y))
            ang = reading_angle(pb[0] - pa[0], pb[1] - pa[1])
            up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
            mid = ((pa[0] + pb[0]) / 2 + up[0] * 1.2, (pa[1] + pb[1]) / 2 + up[1] * 1.2)
            cands.append((mid, ang))
        for mid, ang in cands:
            if sheet.free([mid], r.name, 3.0, "middle", True, ang) is not None:
                sheet.text(g, mid, r.name, size=3.0, anchor="middle", rotate=ang, colour="#555555", bold=True,
                           halo=True, class_="road-name")
                break


def _spot_heights(sheet: Sheet, view: View, site: SiteDrawing) -> None:
    """Spot heights of the terrain as ``+ 12,30`` and each floor level as ``FG 1. etg. kote 12,80``."""
    g = sheet.group("spot-heights")
    clip = _clip_box(view)
    for x, y, z in site.spot_heights:
        if not clip.contains(shapely.Point(x, y)):
            continue
        p = view.p((x, y))
        sheet.line(g, (p[0] - 0.8, p[1]), (p[0] + 0.8, p[1]), width=0.18)
        sheet.line(g, (p[0], p[1] - 0.8), (p[0], p[1] + 0.8), width=0.18)
        text = f"+{num(z, 2)}"
        at = sheet.free([(p[0] + 1.2, p[1] - 0.6), (p[0] + 1.2, p[1] + 2.6), (p[0] - 1.2, p[1] - 0.6)], text,
                        2.0) or (p[0] + 1.2, p[1] - 0.6)
        sheet.text(g, at, text, size=2.0, colour="#333333", class_="spot-height")
    for b, fp in site.footprints:
        z = site.floor_levels.get(b.id)
        if z is None:
            continue
        c = view.p(label_point(fp))
        text = f"FG 1. etg. kote {num(z, 2)}"
        cands = [(c[0], c[1] + dy) for dy in (6.5, 9.0, 11.5, -7.5, -10.0)]
        at = sheet.free(cands, text, 2.0, "middle") or cands[0]
        sheet.text(g, at, text, size=2.0, anchor="middle", halo=True, class_="floor-level")


def _edge_lengths(sheet: Sheet, view: View, site: SiteDrawing) -> None:
    g = sheet.group("plot-edge-lengths")
    pts, n = site.plot_ring, len(site.plot_ring)
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        length = math.dist(a, b)
        if length * view.k < 8:
            continue
        pa, pb = view.p(a), view.p(b)
        t = ((pb[0] - pa[0]) / (length * view.k), (pb[1] - pa[1]) / (length * view.k))
        mid = ((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2)
        out = _outward_paper(site, view, a, b)
        at = (mid[0] + out[0] * 3.2, mid[1] + out[1] * 3.2)
        ang = reading_angle(*t)
        # baseline nudged so the text's middle sits on ``at``
        up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
        at = (at[0] - up[0] * 0.8, at[1] - up[1] * 0.8)
        sheet.text(g, at, f"{num(length, 2)}", size=2.2, anchor="middle", rotate=ang, colour="#555555")


def _outward_paper(site: SiteDrawing, view: View, a, b) -> tuple[float, float]:
    """Unit normal on paper that points out of the plot at the edge ``a``–``b``."""
    from planner.export.drawing import _inward

    n = _inward(site.plot, a, b)
    return view.direction((-n[0], -n[1]))


def _road_edge(sheet: Sheet, g, view: View, site: SiteDrawing, a, b, name: str | None = None) -> None:
    """A road edge of the plot, a thick grey line, with the road's name beyond it (else "VEG")."""
    pa, pb = view.p(a), view.p(b)
    sheet.line(g, pa, pb, width=1.4, colour="#6b6b6b", stroke_linecap="round")
    out = _outward_paper(site, view, a, b)
    mid = ((pa[0] + pb[0]) / 2 + out[0] * 8.5, (pa[1] + pb[1]) / 2 + out[1] * 8.5)
    ang = reading_angle(pb[0] - pa[0], pb[1] - pa[1])
    up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
    sheet.text(g, (mid[0] - up[0] * 1.2, mid[1] - up[1] * 1.2), (name or "veg").upper(), size=3.5,
               anchor="middle", rotate=ang, colour="#6b6b6b", bold=True, letter_spacing="1.5",
               class_="road-name" if name else "road-word")


def _site_buildings(sheet: Sheet, view: View, site: SiteDrawing, findings: Findings) -> None:
    dwg = sheet.dwg
    g = sheet.group("buildings")
    report = site.report
    bya_fail = next((f for f in report.errors if f.rule == "plot.bya"), None)
    for b, fp in site.footprints:
        stroke = RED if bya_fail else INK
        g.add(dwg.path(view.path(fp), fill="#c4c4c4", stroke=stroke, stroke_width="0.5",
                       fill_rule="evenodd", data_building=clean(b.id, 80)))
        at = view.p(label_point(fp))
        heights = _heights(b)
        bad = [f for f in report.errors
               if f.rule.startswith("plot.height") and f.subject == f"building:{b.id}"]
        y = at[1] - 0.6 - 1.4 * len(heights)
        sheet.text(g, (at[0], y), f"{b.id}", size=3.5, anchor="middle", bold=True, halo=True)
        sheet.text(g, (at[0], y + 3.5), f"BYA {area_text(fp.area)}", size=2.2, anchor="middle", halo=True)
        for k, line in enumerate(heights):
            sheet.text(g, (at[0], y + 6.3 + 2.7 * k), line, size=2.0, anchor="middle",
                       colour=RED if bad else INK, halo=True)
        for k, f in enumerate(bad):  # beside the last height line, clear of the BYA marker
            sheet.marker(g, (at[0] + 0.6 + 4.6 * (k + 1) + text_width(heights[0], 2.0) / 2,
                             y + 5.6 + 2.7 * (len(heights) - 1)), findings.number(f))
        if bya_fail:
            sheet.marker(g, (at[0] + 3.0 + text_width(f"BYA {area_text(fp.area)}", 2.2) / 2, y + 2.7),
                         findings.number(bya_fail))
    for f in report.by_rule("plot.outside"):
        over = site.outside.get(f.subject.partition(":")[2])
        if over is not None:
            g.add(dwg.path(view.path(over), fill=RED, fill_opacity="0.45", stroke=RED, stroke_width="0.5",
                           fill_rule="evenodd"))
            pt = over.representative_point()
            sheet.marker(g, view.p((pt.x, pt.y)), findings.number(f))


def _heights(b: Building) -> list[str]:
    parts = []
    if b.gesims_m is not None:
        parts.append(f"gesims {num(b.gesims_m, 1)} m")
    if b.mone_m is not None:
        parts.append(f"møne {num(b.mone_m, 1)} m")
    return parts


def _site_distances(sheet: Sheet, view: View, site: SiteDrawing, findings: Findings) -> None:
    g = sheet.group("distances")
    for d in site.distances + site.neighbour_distances:
        bad = site.failing(d)
        col = RED if bad else INK
        pa, pb = view.p(d.a), view.p(d.b)
        length = math.dist(pa, pb)
        text = length_text(d.distance_m)
        attrs = {"data_rule": d.rule, "data_distance": f"{d.distance_m:.2f}"}
        sub = g.add(sheet.dwg.g(**attrs))
        if length < 0.5:
            sheet.text(sub, (pa[0] + 1.5, pa[1] - 1.5), text, size=2.2, colour=col)
        else:
            t = ((pb[0] - pa[0]) / length, (pb[1] - pa[1]) / length)
            sheet.line(sub, pa, pb, width=0.18, colour=col)
            short = length <= 5.0  # too short for the arrows inside: they point in from outside
            if short:
                sheet.line(sub, (pa[0] - t[0] * 3.0, pa[1] - t[1] * 3.0),
                           (pb[0] + t[0] * 3.0, pb[1] + t[1] * 3.0), width=0.18, colour=col)
            for tip, way in ((pa, 1.0), (pb, -1.0)):
                way = -way if short else way
                base = (tip[0] + t[0] * 2.0 * way, tip[1] + t[1] * 2.0 * way)
                nx, ny = -t[1] * 0.6, t[0] * 0.6
                sub.add(sheet.dwg.polygon([(fmt(tip[0]), fmt(tip[1])),
                                           (fmt(base[0] + nx), fmt(base[1] + ny)),
                                           (fmt(base[0] - nx), fmt(base[1] - ny))], fill=col,
                                          class_="arrowhead"))
            ang = reading_angle(*t)
            up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
            # on the line's middle where that is free, else along it, beside it or beyond its far end
            spots = [0.5, 0.35, 0.65, 0.2, 0.8]
            cands = [(pa[0] + (pb[0] - pa[0]) * f + up[0] * 0.8, pa[1] + (pb[1] - pa[1]) * f + up[1] * 0.8)
                     for f in spots]
            cands += [(c[0] + up[0] * side, c[1] + up[1] * side) for side in (2.6, -3.4) for c in cands]
            w = text_width(text, 2.2) / 2 + 1.5
            cands += [(pb[0] + t[0] * w + up[0] * 0.8, pb[1] + t[1] * w + up[1] * 0.8)]
            mid = sheet.free(cands, text, 2.2, "middle", bool(bad), ang) or cands[0]
            sheet.text(sub, mid, text, size=2.2, anchor="middle", rotate=ang, colour=col,
                       bold=bool(bad), halo=True)
        if bad:  # the marker sits just beyond the value, on its side of the line
            t = ((pb[0] - pa[0]) / length, (pb[1] - pa[1]) / length) if length >= 0.5 else (1.0, 0.0)
            ang = reading_angle(*t)
            up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
            mid = ((pa[0] + pb[0]) / 2 + up[0] * 5.0, (pa[1] + pb[1]) / 2 + up[1] * 5.0)
            sheet.marker(sub, mid, findings.number(bad))


# --------------------------------------------------------------------------- floor plan


def floor_svg(plan: Plan, building_id: str, storey: int, report: Report | None = None,
              turning: bool = False, *, overlay: Overlay | Mapping[str, tuple[str, str]] | None = None,
              date: _dt.date | str | None = None, version: str | None = None,
              geo: BuildingGeometry | None = None, crop: bool = False,
              status: str = "Arbeidstegning") -> str:
    """The plantegning of one storey of one building as an A3 SVG at 1:100.

    ``turning`` draws the Ø 1.5 m turning circles where they fit (and the largest
    circle, in red, where they do not); ``overlay`` adds a layer of per-room
    annotations (see :class:`~planner.export.style.Overlay`). ``crop`` shows the
    drawing alone, the building with its dimensions, without legend and title block:
    for pages where the whole sheet would be too small to read.
    """
    building = plan.building(building_id)
    if building is None:
        raise KeyError(f"no building {building_id!r}")
    report = report if report is not None else check(plan)
    geo = geo if geo is not None else BuildingGeometry.of(building)
    floor = FloorDrawing.of(geo, storey)
    floor.household_names = {h.id: h.name for h in plan.households}
    floor.scale = choose_scale(floor.bounds, FLOOR_SCALES)
    view = View.fit(floor.bounds, floor.scale)
    info = SheetInfo.of(plan, date, version, status)
    ov = Overlay.of(overlay)
    title = f"Plantegning – bygning {building.id}, {storey_label(storey)}"
    sheet = Sheet(f"{title} – {plan.project.name}", _origin_text(plan))
    findings = Findings()
    _draw_floor(sheet, view, floor, report, findings, turning, ov)
    sheet.frame()
    sheet.north_arrow()
    sheet.scale_bar(floor.scale)
    findings.list_too(_about_the_building(floor, report))
    sheet.legend(_floor_legend(floor, turning, ov) + findings.entries())
    table = [(label, value, INK) for label, value in floor_figures(geo, storey)]
    sheet.title_block("Plantegning", f"Bygning {building.id}, {storey_label(storey)}",
                      project_rows(plan, info, building,
                                   drawing=drawing_number("floor", plan, building, storey)), table,
                      footer=_footer(info))
    if crop:
        _crop_to_drawing(sheet, view, floor.bounds)
    return sheet.tostring()


def _crop_to_drawing(sheet: Sheet, view: View, bounds: tuple[float, float, float, float]) -> None:
    """Crop the sheet to the drawing, with a north arrow beside it where the drawing area has room."""
    (x0, y0), (x1, y1) = view.p((bounds[0], bounds[3])), view.p((bounds[2], bounds[1]))
    x0, y0, x1, y1 = x0 - CROP_MARGIN_MM, y0 - CROP_MARGIN_MM, x1 + CROP_MARGIN_MM, y1 + CROP_MARGIN_MM
    arrow_w = 26.0  # the north arrow's circle, letters and a little air
    if x1 + arrow_w <= AREA[2]:
        sheet.north_arrow((x1 + arrow_w / 2, y0 + 19.0))
        x1 += arrow_w
    elif x0 - arrow_w >= AREA[0]:
        sheet.north_arrow((x0 - arrow_w / 2, y0 + 19.0))
        x0 -= arrow_w
    sheet.crop((x0, y0, x1, max(y1, y0 + 38.0)))


def floor_svgs(plan: Plan, report: Report | None = None, turning: bool = False, *,
               overlay: Overlay | Mapping[str, tuple[str, str]] | None = None,
               date: _dt.date | str | None = None, version: str | None = None,
               ctx: Context | None = None, status: str = "Arbeidstegning") -> dict[str, str]:
    """Every storey of every building: ``{"floor-<building>-<storey>.svg": svg}``."""
    report = report if report is not None else check(plan)
    geos = ctx.buildings if ctx is not None else [BuildingGeometry.of(b) for b in plan.buildings]
    out: dict[str, str] = {}
    for b, geo in zip(plan.buildings, geos, strict=True):
        for storey in storeys_of(b):
            name = unique_name(f"floor-{safe_name(b.id)}-{storey}.svg", out)
            out[name] = floor_svg(plan, b.id, storey, report, turning, overlay=overlay, date=date,
                                  version=version, geo=geo, status=status)
    return out


def unique_name(name: str, taken: Mapping[str, object]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3`` … before the suffix when it is taken.

    >>> unique_name("floor-A-1.svg", {"floor-A-1.svg": ""})
    'floor-A-1-2.svg'
    """
    if name not in taken:
        return name
    stem, dot, suffix = name.rpartition(".")
    k = 2
    while f"{stem}-{k}{dot}{suffix}" in taken:
        k += 1
    return f"{stem}-{k}{dot}{suffix}"


def _floor_legend(floor: FloorDrawing, turning: bool, overlay: Overlay | None) -> list[LegendEntry]:
    types = [t for t in ROOM_TYPES if any(r.type == t for r in floor.rooms)]
    out = [LegendEntry("swatch", "Vegg (yttervegg og innervegg)", fill=WALL_FILL),
           LegendEntry("door", "Dør med slagretning"),
           LegendEntry("window", "Vindu"),
           LegendEntry("dim", "Mål i millimeter")]
    if turning:
        out.append(LegendEntry("circle", "Snusirkel Ø 1,5 m (rullestol) der den får plass", colour=GREEN))
        out.append(LegendEntry("circle", "Største sirkel der Ø 1,5 m ikke får plass", colour=RED,
                               dash="1,0.6"))
    out.append(LegendEntry("text", "Romtyper (nettoareal i m²)", heading=True, size=2.8))
    out.extend(LegendEntry("swatch", type_label(t), fill=ROOM_FILL[t], colour="#777777") for t in types)
    if overlay and overlay.rooms:
        out.append(LegendEntry("text", overlay.title, heading=True, size=2.8))
        seen: dict[tuple[str, str], None] = {}
        for rid, (label, col) in overlay.rooms.items():
            if rid in floor.room_ids:
                seen.setdefault((clean(label, 80), colour(col)), None)
        if overlay.legend:
            used = {col for _, col in seen}
            seen = {(clean(label, 80), colour(col)): None for label, col in overlay.legend
                    if colour(col) in used}
        out.extend(LegendEntry("swatch", label, fill=col, colour="#777777") for label, col in seen)
    return out


def _about_the_building(floor: FloorDrawing, report: Report) -> Iterator[Finding]:
    """Findings about this building (this storey) or its households: they have no place on the plan."""
    b = floor.building
    households = {b.household} | {u.household for u in b.units or []}
    for f in report.findings:
        if f.group in ("plot", "contribution"):
            continue
        kind, _, ref = f.subject.partition(":")
        if kind == "building" and ref == b.id and f.params.get("storey", floor.storey) == floor.storey:
            yield f
        elif kind == "household" and ref in households and floor.storey == min(storeys_of(b)):
            yield f


def _room_findings(floor: FloorDrawing, report: Report) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    ids = floor.room_ids | {r.id for r in floor.invalid_rooms}
    for f in report.findings:
        kind, _, ref = f.subject.partition(":")
        if kind == "room" and ref in ids:
            out.setdefault(ref, []).append(f)
    return out


def _door_findings(floor: FloorDrawing, report: Report) -> dict[int, list[Finding]]:
    """Door findings of this building: ``door:K`` names the door's index, the message its rooms."""
    from planner.rules.messages import room_label

    b = floor.building
    out: dict[int, list[Finding]] = {}
    for f in report.findings:
        kind, _, ref = f.subject.partition(":")
        if kind != "door" or not ref.isdigit() or int(ref) >= len(b.doors):
            continue
        door = b.doors[int(ref)]
        names = {room_label(r.name) for r in b.rooms if r.id in door.rooms}
        if f.params.get("room") in names:
            out.setdefault(int(ref), []).append(f)
    return out


def _draw_floor(sheet: Sheet, view: View, floor: FloorDrawing, report: Report, findings: Findings,
                turning: bool, overlay: Overlay | None) -> None:
    dwg = sheet.dwg
    ov = overlay.rooms if overlay else {}
    fills = sheet.group("rooms")
    for room, shape in floor.fills:
        fill = colour(ov[room.id][1]) if room.id in ov else ROOM_FILL.get(room.type, "#f1f1f1")
        fills.add(dwg.path(view.path(shape), fill=fill, stroke="none", fill_rule="evenodd",
                           data_room=clean(room.id, 80), data_type=room.type))
    _stairs(sheet, view, floor)
    _fixtures(sheet, view, floor)
    if turning or floor.fixtures:
        _turning(sheet, view, floor, only_bathrooms=not turning)
    walls = sheet.group("walls")
    if not floor.walls.is_empty:
        walls.add(dwg.path(view.path(floor.walls), fill=WALL_FILL, stroke=INK, stroke_width="0.35",
                           fill_rule="evenodd", stroke_linejoin="miter"))
    elif not floor.geo.is_valid:
        walls.add(dwg.path(view.ring_path(floor.building.footprint), fill="none", stroke=RED,
                           stroke_width="0.5", stroke_dasharray="2,1"))
    _separating(sheet, view, floor)
    _openings(sheet, view, floor)
    bad = sheet.group("invalid-rooms")
    for room in floor.invalid_rooms:
        bad.add(dwg.path(view.ring_path(room.polygon), fill="none", stroke=RED, stroke_width="0.35",
                         stroke_dasharray="1.5,1"))
    _labels(sheet, view, floor, ov)
    _unit_labels(sheet, view, floor)
    dims = sheet.group("dimensions")
    strokes = Segments()
    for d in floor.dims:
        _dim(sheet, dims, strokes, view, d)
    strokes.flush(sheet, dims)
    _floor_markers(sheet, view, floor, report, findings)


def _stairs(sheet: Sheet, view: View, floor: FloorDrawing) -> None:
    """Treads, the walking line with its arrow, the break line, OPP/NED and rise × going."""
    if not floor.stair_symbols:
        return
    g = sheet.group("stairs")
    treads = Segments()
    for st in floor.stair_symbols:
        for a, b in st.treads:
            treads.add(view.p(a), view.p(b), 0.18)
    treads.flush(sheet, g)
    for st in floor.stair_symbols:
        sub = g.add(sheet.dwg.g(class_="stair", data_room=clean(st.room.id, 80), data_word=st.word))
        sub.add(sheet.dwg.polyline([(fmt(x), fmt(y)) for x, y in (view.p(q) for q in st.walk)],
                                   stroke=INK, stroke_width="0.18", fill="none", class_="walking-line"))
        sub.add(sheet.dwg.polygon([(fmt(x), fmt(y)) for x, y in (view.p(q) for q in st.arrow)], fill=INK,
                                  class_="walking-arrow"))
        if st.break_line:
            sub.add(sheet.dwg.polyline([(fmt(x), fmt(y)) for x, y in (view.p(q) for q in st.break_line)],
                                       stroke=INK, stroke_width="0.25", fill="none", class_="break-line"))
        foot = view.p(st.walk[0])
        ang = reading_angle(st.along[0], -st.along[1])
        for text, at in _stair_texts(st, view)[:1]:  # rise × going is a line of the room's label
            sheet.text(sub, at, text, size=2.2, anchor="middle", rotate=ang, halo=True)
        sub.add(sheet.dwg.circle((fmt(foot[0]), fmt(foot[1])), "0.5", fill="none", stroke=INK,
                                 stroke_width="0.18"))


def _stair_texts(st, view: View) -> list[tuple[str, tuple[float, float]]]:
    """OPP/NED beside the walking line's start and rise × going beside its middle, clear of the line."""
    a, b = view.p(st.walk[0]), view.p(st.walk[-1])
    t = (b[0] - a[0], b[1] - a[1])
    n = math.hypot(*t) or 1.0
    t = (t[0] / n, t[1] / n)
    side = (-t[1], t[0])
    if side[1] < 0:
        side = (-side[0], -side[1])
    first = (a[0] + t[0] * 3.5 + side[0] * 2.6, a[1] + t[1] * 3.5 + side[1] * 2.6 + 0.8)
    mid = ((a[0] + b[0]) / 2 - side[0] * 2.6, (a[1] + b[1]) / 2 - side[1] * 2.6 + 0.8)
    return [(st.word, first), (st.rise_text, mid)]


FIXTURE_NAMES = {"wc": "WC", "basin": "servant", "shower": "dusj", "bath": "badekar", "washer": "vaskemaskin",
                 "kitchen_bench": "benk", "bed": "seng", "wardrobe": "garderobe"}
"""What each fixture is called on the drawings."""


def _fixtures(sheet: Sheet, view: View, floor: FloorDrawing) -> None:
    """Each fixture as its outline with a symbol: the WC bowl, the basin, the shower's cross, the
    bath's tub, the washer's drum, the bench's sink, the bed's pillow, the wardrobe's rail."""
    if not floor.fixtures:
        return
    g = sheet.group("fixtures")
    for room, kind, shape in floor.fixtures:
        sub = g.add(sheet.dwg.g(data_kind=kind, data_room=clean(room.id, 80)))
        sub.add(sheet.dwg.path(view.path(shape), fill="#ffffff", stroke=INK, stroke_width="0.25"))
        for part in fixture_symbol(kind, shape):
            sub.add(sheet.dwg.path(view.ring_path(part[1], closed=part[0]), fill="none", stroke=INK,
                                   stroke_width="0.18"))


def _turning(sheet: Sheet, view: View, floor: FloorDrawing, only_bathrooms: bool = False) -> None:
    g = sheet.group("turning-circles" if not only_bathrooms else "bathroom-turning")
    for c in floor.turning:
        if only_bathrooms and c.room.type != "bathroom":
            continue
        at = view.p(c.centre)
        r = c.diameter_m / 2 * view.k
        col = GREEN if c.fits else RED
        attrs = {} if c.fits else {"stroke_dasharray": "1,0.6"}
        g.add(sheet.dwg.circle((fmt(at[0]), fmt(at[1])), fmt(r), fill=col, fill_opacity="0.08",
                               stroke=col, stroke_width="0.3", data_room=clean(c.room.id, 80),
                               data_diameter=f"{c.diameter_m:.2f}", **attrs))
        if not c.fits:  # a green circle is Ø 1,5 m (the legend says so); a red one says how large it is
            sheet.text(g, (at[0], at[1] + 0.7), f"Ø {num(c.diameter_m, 2)}", size=2.0, anchor="middle",
                       colour=col, halo=True)


SEPARATING_TEXT = "REI 60 brann- og lydskillende vegg"
"""What the wall between two homes is marked with (TEK17 §11-8, §13-6)."""


def _separating(sheet: Sheet, view: View, floor: FloorDrawing) -> None:
    """The wall between two homes: darker, at its own thickness, marked REI 60 along its longest run."""
    if floor.separating_walls.is_empty:
        return
    g = sheet.group("separating-walls")
    g.add(sheet.dwg.path(view.path(floor.separating_walls), fill="#000000", stroke=INK, stroke_width="0.35",
                         fill_rule="evenodd", data_thickness=f"{floor.building.separating_wall_m:.3f}"))
    leader = floor.separating_leader(view.k)
    if leader:  # a leader from the wall's foot, past the dimensions, to the note under the homes' labels
        a, b = view.p(leader[0]), view.p(leader[1])
        start = a[1] + 25.0  # below the dimension chains: the leader does not cross their values
        sheet.line(g, (a[0], start), (b[0], b[1] - 3.0), width=0.18, stroke_dasharray="0.8,0.6")
        g.add(sheet.dwg.polygon([(fmt(a[0]), fmt(start - 1.6)), (fmt(a[0] - 0.6), fmt(start)),
                                 (fmt(a[0] + 0.6), fmt(start))], fill=INK))
    for at, ang in floor.separating_label_points(view.k):
        sheet.text(g, view.p(at), SEPARATING_TEXT, size=2.5, anchor="middle", rotate=ang, bold=True,
                   class_="separating-label")


def _unit_labels(sheet: Sheet, view: View, floor: FloorDrawing) -> None:
    """Each home's number, household and BRA under the drawing, below its part of the building."""
    g = sheet.group("unit-labels")
    for at, lines in floor.unit_label_points(view.k):
        p = view.p(at)
        for k, (text, size, bold) in enumerate(lines):
            sheet.text(g, (p[0], p[1] + k * 3.6), text, size=size, anchor="middle", bold=bold)


def _openings(sheet: Sheet, view: View, floor: FloorDrawing) -> None:
    dwg = sheet.dwg
    g = sheet.group("doors")
    for d in floor.doors:
        if not d.has_leaf:
            continue
        hinge, tip = view.p(d.hinge), view.p(d.tip)
        sheet.line(g, hinge, tip, width=0.35)
        r = fmt(d.radius_m * view.k)
        end = view.p(d.jamb)
        # plan y points north, paper y south: a counter-clockwise arc in the plan is clockwise on paper
        sweep = "1" if not d.ccw else "0"
        g.add(dwg.path(f"M{fmt(tip[0])},{fmt(tip[1])} A{r},{r} 0 0 {sweep} {fmt(end[0])},{fmt(end[1])}",
                       stroke=INK, stroke_width="0.18", fill="none"))
    w = sheet.group("windows")
    strokes = Segments()
    for s in floor.windows:
        w.add(dwg.path(view.path(s.opening), fill="#ffffff", stroke="none"))
        for a, b in (s.outer, s.inner, s.glass):
            strokes.add(view.p(a), view.p(b), 0.25)
        for a, b in ((s.outer[0], s.inner[0]), (s.outer[1], s.inner[1])):
            strokes.add(view.p(a), view.p(b), 0.35)
    strokes.flush(sheet, w)


def _labels(sheet: Sheet, view: View, floor: FloorDrawing, overlay: Mapping[str, tuple[str, str]]) -> None:
    """Each room's label where it is free (see :func:`place_labels`), a stair's with its leader when
    it stands beside the stair."""
    g = sheet.group("room-labels")
    for lb, rot, chosen, leader in place_labels(sheet, view, floor, overlay):
        sub = g.add(sheet.dwg.g(data_room=clean(lb.room.id, 80)))
        if leader is not None:
            (x0, y0), (x1, y1) = leader
            sheet.line(sub, (x0, y0), (x1, y1), width=0.18, class_="leader")
            sub.add(sheet.dwg.circle((fmt(x1), fmt(y1)), "0.45", fill=INK))
        for text, s, bold, pos in chosen:
            sheet.text(sub, pos, text, size=s, anchor="middle", bold=bold, rotate=rot)


def _dim(sheet: Sheet, g, strokes: Segments, view: View, d: Dim) -> None:
    """A linear dimension with oblique ticks, its value in millimetres above the line."""
    a, b = view.p(d.p1), view.p(d.p2)
    la, lb = d.line
    pa, pb = view.p(la), view.p(lb)
    length = math.dist(pa, pb)
    if length < 0.5:
        return
    t = ((pb[0] - pa[0]) / length, (pb[1] - pa[1]) / length)
    n = (-t[1], t[0])
    if (pa[0] - a[0]) * n[0] + (pa[1] - a[1]) * n[1] < 0:
        n = (t[1], -t[0])  # from the measured points out to the dimension line
    for p, q in ((a, pa), (b, pb)):
        if math.dist(p, q) > 1.0:
            strokes.add((p[0] + n[0] * 1.0, p[1] + n[1] * 1.0), (q[0] + n[0] * 1.2, q[1] + n[1] * 1.2), 0.13)
    strokes.add((pa[0] - t[0] * 1.0, pa[1] - t[1] * 1.0), (pb[0] + t[0] * 1.0, pb[1] + t[1] * 1.0), 0.18)
    tick = ((t[0] + n[0]) * 0.9, (t[1] + n[1]) * 0.9)
    for p in (pa, pb):
        strokes.add((p[0] - tick[0], p[1] - tick[1]), (p[0] + tick[0], p[1] + tick[1]), 0.35)
    text = mm_text(d.length_m)
    size = 2.2 if text_width(text, 2.2) < length - 1.0 else 1.6
    ang = reading_angle(*t)
    up = (math.sin(math.radians(ang)), -math.cos(math.radians(ang)))
    mid = ((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2)
    if text_width(text, size) > length - 0.5:
        mid = (mid[0] + up[0] * 2.2, mid[1] + up[1] * 2.2)  # no room: lift the value clear of its neighbours
    sheet.text(g, (mid[0] + up[0] * 0.7, mid[1] + up[1] * 0.7), text, size=size, anchor="middle",
               rotate=ang, data_value=text)


def _floor_markers(sheet: Sheet, view: View, floor: FloorDrawing, report: Report,
                   findings: Findings) -> None:
    g = sheet.group("findings")
    by_room = _room_findings(floor, report)
    labels = {lb.room.id: lb for lb in floor.labels}
    for room, shape in floor.fills:
        fs = by_room.get(room.id)
        if not fs:
            continue
        col = RED if any(f.severity == "error" for f in fs) else ORANGE
        g.add(sheet.dwg.path(view.path(shape), fill="none", stroke=col, stroke_width="0.6",
                             stroke_dasharray="2,0.8", fill_rule="evenodd"))
        lb = labels[room.id]
        at = view.p(lb.point)
        w = text_width(room.name, lb.height_m * view.k) / 2
        for k, f in enumerate(fs):
            n = findings.number(f)
            # beside the room's name where that is free, else around it (a marker never covers a label)
            base = (at[0] + w + 3.0 + 4.6 * k, at[1] - lb.height_m * view.k)
            cands = [base] + [(at[0] + dx, at[1] + dy) for dy in (-6.0, 6.0, -9.0, 9.0)
                              for dx in (0.0, 4.6 * (k + 1), -4.6 * (k + 1))]
            spot = sheet.free([(x, y + 0.95) for x, y in cands], "00", 2.6, "middle", True)
            sheet.marker(g, (spot[0], spot[1] - 0.95) if spot else base, n, colour=_colour_of(f))
    for room in floor.invalid_rooms:
        for k, f in enumerate(by_room.get(room.id, [])):
            p = polygon(room.polygon).representative_point()
            at = view.p((p.x, p.y)) if not p.is_empty else view.p(room.polygon[0])
            sheet.marker(g, (at[0] + 4.6 * k, at[1]), findings.number(f), colour=_colour_of(f))
    by_door = _door_findings(floor, report)
    for d in floor.doors:
        for k, f in enumerate(by_door.get(d.index, [])):
            c = view.p(d.centre)
            sheet.marker(g, (c[0] + 4.6 * k, c[1]), findings.number(f), colour=_colour_of(f))

