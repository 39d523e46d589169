"""The section (snitt): ``section-<building>.svg`` at 1:100 on A3, through the stair or the middle.

The cut runs across the ridge (so the roof's pitch shows), through the first stair of
the building, else through the middle of the roof's rectangle. It shows what the cut
passes through, from :mod:`planner.building.model3d`: the walls (black, with the
windows and doors it crosses left open), the floor slabs, the roof, the stair as its
steps, each room with its name and clear ceiling height, and the finished terrain
along the cut. Levels are written as kote: the mean terrain, each finished floor and
ceiling, the wall top (eaves) and the ridge, with gesims and møne above the mean terrain.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import shapely
from shapely import LineString, Polygon
from shapely.geometry.base import BaseGeometry

from planner.building.mesh import Frame, Mesh
from planner.building.model3d import BuildingModel, SiteModel, site_model
from planner.export.elevation import LABELS_M, _kote, _over, draw_levels, level_rows, reach_for
from planner.export.sheet import (
    COLUMN_X,
    FLOOR_SCALES,
    FRAME,
    INK,
    LegendEntry,
    Sheet,
    View,
    choose_scale,
    fmt,
)
from planner.export.style import clean, num, safe_name, storey_label
from planner.export.titles import SheetInfo, project_rows
from planner.model import Plan

CUT_FILL = "#3a3a3a"
SLAB_FILL = "#9a9a9a"
ROOF_FILL = "#b9a79c"
GROUND_FILL = "#f1eee6"
REACH_M = 1.2


def cut_position(bm: BuildingModel) -> tuple[Frame, float, str]:
    """Where the section cuts: the roof frame (``u`` along the ridge), the ``u`` of the cut and why."""
    f = bm.roof.frame
    for r in bm.building.rooms:
        if r.type == "stair":
            net = next((s.net for st in bm.storeys for s in st.rooms if s.room.id == r.id), None)
            if net is not None and not net.is_empty:
                c = net.representative_point()
                return f, f.u_of(c.x, c.y), f"gjennom trappen ({clean(r.name, 40)})"
    u0, u1 = bm.roof.u_range
    return f, (u0 + u1) / 2, "gjennom midten av bygningen"


class _Cut:
    """The cutting line in plan and the position ``s`` along it (paper x grows with ``s``)."""

    def __init__(self, frame: Frame, u: float, v0: float, v1: float) -> None:
        self.frame, self.u = frame, u
        self.v0, self.v1 = v0, v1
        pts = frame.to_world(np.array([u, u]), np.array([v0, v1]), np.zeros(2))[:, :2]
        self.line = LineString(pts)

    def s(self, x: float, y: float) -> float:
        return -self.frame.v_of(x, y)     # seen from the low-u end: v runs to the left

    def spans(self, poly: BaseGeometry) -> list[tuple[float, float]]:
        """The stretches (s0, s1) of the line inside ``poly``."""
        hit = shapely.intersection(self.line, poly)
        out = []
        for part in shapely.get_parts(hit):
            c = shapely.get_coordinates(part)
            if len(c) >= 2:
                ss = [self.s(x, y) for x, y in c]
                if max(ss) - min(ss) > 1e-4:
                    out.append((min(ss), max(ss)))
        return out


def _slice(mesh: Mesh, cut: _Cut) -> BaseGeometry:
    """The cross-section of a closed solid by the cutting plane, in (s, z)."""
    if mesh.is_empty:
        return Polygon()
    v = mesh.vertices
    u = np.array([cut.frame.u_of(x, y) for x, y in v[:, :2]]) - cut.u
    u = np.where(np.abs(u) < 1e-9, 1e-9, u)           # a vertex on the plane counts as just beyond it
    segments = []
    for tri in mesh.triangles:
        pts = []
        for a, b in ((tri[0], tri[1]), (tri[1], tri[2]), (tri[2], tri[0])):
            if u[a] * u[b] < 0:
                p = v[a] + (v[b] - v[a]) * (u[a] / (u[a] - u[b]))
                pts.append((cut.s(p[0], p[1]), float(p[2])))
        if len(pts) == 2 and pts[0] != pts[1]:
            segments.append(LineString(pts))
    if not segments:
        return Polygon()
    lines = shapely.get_parts(shapely.node(shapely.union_all(segments)))
    shapes = shapely.get_parts(shapely.polygonize(lines))
    return shapely.union_all(shapes) if len(shapes) else Polygon()


def section_svg(plan: Plan, building_id: str, *, site: SiteModel | None = None,
                date: _dt.date | str | None = None, version: str | None = None) -> str:
    """The section of one building as an A3 SVG at 1:100."""
    site = site if site is not None else site_model(plan)
    bm = site.building(building_id)
    if bm is None:
        raise KeyError(f"no building {building_id!r}")
    frame, u, why = cut_position(bm)
    v0, v1 = bm.roof.v_range
    reach = min(REACH_M, reach_for(v1 - v0))
    cut = _Cut(frame, u, v0 - reach, v1 + reach)
    h = bm.heights
    reg = plan.plot.regulation
    sheet = Sheet(f"Snitt A-A – bygning {bm.building.id} – {plan.project.name}",
                  f"Snitt {why}, målestokk 1:100. Høyder som kote.")
    ground = _ground(site, cut)
    low = float(ground[:, 1].min()) - 0.6
    top = max(bm.top_z, h.mean_terrain + (reg.max_mone_m or 0.0))
    s_lo, s_hi = float(ground[:, 0].min()), float(ground[:, 0].max())
    bounds = (s_lo - 0.3, low - 0.5, s_hi + LABELS_M + 0.5, top + 1.5)
    scale = choose_scale(bounds, FLOOR_SCALES)
    view = View.fit(bounds, scale)
    _draw_ground(sheet, view, ground, low)
    levels = _draw_building(sheet, view, bm, cut)
    draw_levels(sheet, view, level_rows(bm, reg.max_gesims_m, reg.max_mone_m, levels), s_hi + 0.3, s_lo)
    sheet.frame()
    sheet.scale_bar(scale)
    _key_plan(sheet, bm, cut)
    sheet.legend([LegendEntry("swatch", "Vegg i snitt", fill=CUT_FILL),
                  LegendEntry("swatch", "Dekke (etasjeskille, gulv på grunn)", fill=SLAB_FILL),
                  LegendEntry("swatch", "Tak i snitt", fill=ROOF_FILL),
                  LegendEntry("line", "Himling (takhøyde målt fra ferdig gulv)", fill="0.25", dash="1.5,0.8"),
                  LegendEntry("line", "Ferdig terreng langs snittet", fill="0.7"),
                  LegendEntry("text", f"Snittet går {why}, på tvers av mønet.", size=2.2),
                  LegendEntry("text", "Kote: høyde over planens nullnivå. Metre i parentes: høyde over "
                                      "gjennomsnittlig ferdig terreng.", size=2.2)], top=98.0)
    info = SheetInfo.of(plan, date, version)
    table = [("Gesims (over gj.sn. terreng)", f"{num(h.gesims_m, 2)} m", _over(h.gesims_m, reg.max_gesims_m)),
             ("Møne (over gj.sn. terreng)", f"{num(h.mone_m, 2)} m", _over(h.mone_m, reg.max_mone_m)),
             ("Gj.sn. ferdig terreng", f"kote {_kote(h.mean_terrain)}", INK)]
    for s in bm.storeys:
        table.append((f"Takhøyde {storey_label(s.number)}", f"{num(s.ceiling_m, 2)} m", INK))
    sheet.title_block("Snitt A-A", f"Bygning {bm.building.id}, snitt {why}",
                      project_rows(plan, info, bm.building), table)
    return sheet.tostring()


def section_svgs(plan: Plan, site: SiteModel | None = None, *, date: _dt.date | str | None = None,
                 version: str | None = None) -> dict[str, str]:
    """The section of every building, by file name ``section-<building>.svg``."""
    site = site if site is not None else site_model(plan)
    return {f"section-{safe_name(bm.building.id)}.svg":
            section_svg(plan, bm.building.id, site=site, date=date, version=version)
            for bm in site.buildings if bm.geo.is_valid}


def _ground(site: SiteModel, cut: _Cut) -> np.ndarray:
    n = max(int((cut.v1 - cut.v0) / 0.25), 2) + 1
    v = np.linspace(cut.v0, cut.v1, n)
    xy = cut.frame.to_world(np.full(n, cut.u), v, np.zeros(n))[:, :2]
    z = site.terrain.heights_at(xy)
    s = np.array([cut.s(x, y) for x, y in xy])
    order = np.argsort(s)
    return np.column_stack([s[order], z[order]])


def _draw_ground(sheet: Sheet, view: View, ground: np.ndarray, bottom: float) -> None:
    g = sheet.group("terrain")
    earth = [*ground.tolist(), [ground[-1, 0], bottom], [ground[0, 0], bottom]]
    g.add(sheet.dwg.path(view.ring_path(earth), fill=GROUND_FILL, stroke="none"))
    g.add(sheet.dwg.path(view.ring_path(ground.tolist(), closed=False), fill="none", stroke=INK,
                         stroke_width="0.7", class_="finished-terrain"))


def _draw_building(sheet: Sheet, view: View, bm: BuildingModel, cut: _Cut) -> list[tuple[str, float, str]]:
    """Walls, slabs, roof, rooms and stairs in the cut; returns the levels to write as kote."""
    dwg = sheet.dwg
    g = sheet.group("section")
    levels: list[tuple[str, float, str]] = []
    for s in bm.storeys:
        for a, b in cut.spans(s.slab):
            g.add(dwg.path(view.path(shapely.box(a, s.slab_z0, b, s.floor_z)), fill=SLAB_FILL, stroke=INK,
                           stroke_width="0.35", class_="slab"))
        levels.append((f"Ferdig gulv {storey_label(s.number)}", s.floor_z, "floor"))
    for w in bm.walls:
        for a, b in cut.spans(w.polygon):
            shape = shapely.box(a, w.z0, b, w.z1)
            for o in w.openings:
                if cut.spans(w.opening_polygon(o, 0.05)):
                    shape = shapely.difference(shape, shapely.box(a - 0.1, o.z0, b + 0.1, o.z1))
            if not shape.is_empty:
                g.add(dwg.path(view.path(shape), fill=CUT_FILL, stroke=INK, stroke_width="0.35",
                               fill_rule="evenodd", class_=f"wall-{w.kind}"))
    roof = _slice(bm.roof.mesh, cut) if bm.roof.type != "flat" else Polygon()
    if bm.roof.type == "flat":
        z0 = bm.heights.wall_top - 0.3
        roof = shapely.union_all([shapely.box(a, z0, b, bm.heights.wall_top)
                                  for a, b in cut.spans(bm.roof.outline)] or [Polygon()])
    if not roof.is_empty:
        g.add(dwg.path(view.path(roof), fill=ROOF_FILL, stroke=INK, stroke_width="0.5", class_="roof"))
    rooms = sheet.group("rooms")
    for s in bm.storeys:
        ceilings = set()
        for r in s.rooms:
            for a, b in cut.spans(r.net):
                zc = s.floor_z + r.ceiling_m
                ceilings.add(round(r.ceiling_m, 2))
                sheet.line(rooms, view.p((a, zc)), view.p((b, zc)), width=0.25, stroke_dasharray="1.5,0.8",
                           class_="ceiling")
                mid = (a + b) / 2
                if b - a >= 0.9:
                    at = view.p((mid, s.floor_z + min(1.4, r.ceiling_m / 2)))
                    sheet.text(rooms, at, clean(r.room.name, 30), size=2.5, anchor="middle", bold=True,
                               halo=True, class_="room-name")
                    wide = b - a >= 2.2
                    text = f"Takhøyde {num(r.ceiling_m, 2)} m" if wide else f"t.h. {num(r.ceiling_m, 2)}"
                    sheet.text(rooms, (at[0], at[1] + 3.4), text, size=2.2 if b - a >= 1.3 else 1.8,
                               anchor="middle", halo=True, class_="ceiling-height")
                if r.room.type == "stair":
                    _stair(sheet, rooms, view, bm, s.number, a, b)
        for c in sorted(ceilings):
            levels.append((f"Himling {storey_label(s.number)} ({num(c, 2)} m)", s.floor_z + c, "ceiling"))
    return levels


def _stair(sheet: Sheet, g: object, view: View, bm: BuildingModel, storey: int, a: float, b: float) -> None:
    """Steps from this storey's floor to the next one's, across the stair's width in the cut."""
    s = bm.storey(storey)
    up = bm.storey(storey + 1)
    if s is None or up is None:
        return
    room = next((r.room for r in s.rooms if r.room.type == "stair"), None)
    risers = room.stair.risers if room is not None and room.stair is not None and room.stair.risers else 0
    rise_total = up.floor_z - s.floor_z
    n = risers or max(int(round(rise_total / 0.18)), 2)
    go = (b - a) / n
    pts = [(a, s.floor_z)]
    for k in range(n):
        z = s.floor_z + rise_total * (k + 1) / n
        pts += [(a + go * k, z), (a + go * (k + 1), z)]
    sheet.line(g, view.p(pts[0]), view.p(pts[1]), width=0.35)
    path = "M" + " L".join(f"{fmt(x)},{fmt(y)}" for x, y in (view.p(p) for p in pts))
    g.add(sheet.dwg.path(path, fill="none", stroke=INK, stroke_width="0.35", class_="stair"))


def _key_plan(sheet: Sheet, bm: BuildingModel, cut: _Cut) -> None:
    """The footprint with the cutting line A–A, north up."""
    fp = bm.geo.footprint
    if fp.is_empty:
        return
    g = sheet.group("key-plan")
    x0, y0, x1, y1 = fp.bounds
    k = 22.0 / max(x1 - x0, y1 - y0, 1.0)
    cx, cy = (COLUMN_X + FRAME[2]) / 2, 68.0
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2

    def p(x: float, y: float) -> tuple[float, float]:
        return (cx + (x - mx) * k, cy - (y - my) * k)

    ring = [p(x, y) for x, y in shapely.get_coordinates(fp.exterior)]
    g.add(sheet.dwg.polygon([(fmt(a), fmt(b)) for a, b in ring], fill="#c4c4c4", stroke=INK,
                            stroke_width="0.35"))
    c = shapely.get_coordinates(shapely.intersection(cut.line, shapely.buffer(fp, 2.0)))
    if len(c) >= 2:
        a, b = p(*c[0]), p(*c[-1])
        sheet.line(g, a, b, width=0.5, colour=INK, stroke_dasharray="4,1,1,1")
        sheet.text(g, (a[0], a[1] - 1.5), "A", size=3.0, bold=True, anchor="middle")
        sheet.text(g, (b[0], b[1] - 1.5), "A", size=3.0, bold=True, anchor="middle")
    sheet.text(g, (COLUMN_X + 4.0, 46.0), "Nøkkelplan: snittlinjen A–A (nord opp)", size=2.3, bold=True)
