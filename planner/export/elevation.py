"""Elevations (fasader): ``elevation-<building>-<n|s|e|w>.svg``, each facade at 1:100 on A3.

Drawn from :mod:`planner.building.model3d`, the same model as the 3D view and the IFC:
the walls facing the viewer with their windows and doors, the roof, the finished
terrain along the facade (the plan has one terrain, the finished ground, and the sheet
says so), and the heights a case officer checks: each storey's floor, the eaves and the
ridge as kote (the plan's datum), and gesims and møne in metres above the mean finished
terrain along the outline (TEK17 § 6-2), with the zoning plan's maximum heights as
dashed lines where the plan gives them. Faces are painted far to near, so nearer parts
hide what is behind them.

A facade is named by the side it faces: ``s`` is the south facade, seen from the south.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import Polygon

from planner.building.model3d import BuildingModel, SiteModel, site_model
from planner.building.terrain import Terrain
from planner.export.sheet import AREA, FLOOR_SCALES, INK, LegendEntry, Sheet, View, choose_scale, fmt
from planner.export.style import RED, clean, num, safe_name, storey_label
from planner.export.titles import SheetInfo, project_rows
from planner.model import Plan

SIDES: dict[str, tuple[str, tuple[float, float]]] = {
    "s": ("sør", (0.0, -1.0)),
    "e": ("øst", (1.0, 0.0)),
    "n": ("nord", (0.0, 1.0)),
    "w": ("vest", (-1.0, 0.0)),
}
"""Each facade: its Norwegian name and the unit vector from the house toward the viewer."""
TERRAIN_REACH_M = 1.2
"""How far the terrain line runs beyond the building on each side."""
LABELS_M = 5.2
"""Room to the right of the drawing for the kote labels (metres at the drawing's scale)."""
WALL_FILL = "#ffffff"
ROOF_FILL = "#e3d9d3"
GLASS_FILL = "#dbe9f4"
DOOR_FILL = "#eadfce"
GROUND_FILL = "#f1eee6"
PLINTH_FILL = "#d9d9d9"
MAX_COLOUR = "#7a1fa2"
"""Colour of the zoning plan's maximum heights."""


@dataclass(frozen=True)
class ViewAxes:
    """Plan to elevation: ``h`` across the paper (left to right as the viewer sees it), depth away."""

    toward: tuple[float, float]

    @property
    def right(self) -> tuple[float, float]:
        return (-self.toward[1], self.toward[0])

    def h(self, xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        return xy[:, 0] * self.right[0] + xy[:, 1] * self.right[1]

    def depth(self, xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        return -(xy[:, 0] * self.toward[0] + xy[:, 1] * self.toward[1])

    def plan_points(self, h: np.ndarray, depth: float) -> np.ndarray:
        """The plan points (x, y) at each of ``h`` across the paper and ``depth`` away."""
        r, t = self.right, self.toward
        return np.column_stack([h * r[0] - depth * t[0], h * r[1] - depth * t[1]])


@dataclass
class Face:
    """One polygon of the elevation in (h, z) metres, painted in order of ``depth``."""

    shape: Polygon
    depth: float
    kind: str
    """``wall``, ``gable``, ``roof``, ``window``, ``door``."""


def facade_faces(bm: BuildingModel, axes: ViewAxes, plinth_bottom: float | None = None) -> list[Face]:
    """The building's faces seen from ``axes.toward``, far ones first; the plinth reaches down to
    ``plinth_bottom`` (default 0.3 m below the slab)."""
    out: list[Face] = []
    t = np.array(axes.toward)
    by_edge: dict[int, list[Polygon]] = {}
    depth_of: dict[int, float] = {}
    for w in bm.walls:
        if w.kind != "exterior" or float(np.dot(w.outward, t)) <= 1e-6:
            continue
        ends = w.frame.to_world(np.array(w.front), np.zeros(2), np.zeros(2))[:, :2]
        hs = axes.h(ends)
        if abs(hs[1] - hs[0]) < 1e-6:
            continue
        face = shapely.box(min(hs), w.z0, max(hs), w.z1)
        by_edge.setdefault(w.edge or 0, []).append(face)
        depth_of[w.edge or 0] = float(axes.depth(ends).mean())
        for o in w.openings:
            pts = w.frame.to_world(np.array([o.u0, o.u1]), np.zeros(2), np.zeros(2))[:, :2]
            oh = axes.h(pts)
            out.append(Face(shapely.box(min(oh), o.z0, max(oh), o.z1), depth_of[w.edge or 0] - 0.001,
                            "window" if o.kind == "window" else "door"))
    lowest = min((w.storey for w in bm.walls), default=1)
    for edge, faces in by_edge.items():
        out.append(Face(shapely.union_all(faces), depth_of[edge], "wall"))
        x0, _, x1, _ = shapely.union_all(faces).bounds
        floor = min(w.z0 for w in bm.walls if w.storey == lowest)
        bottom = min(floor - 0.55, plinth_bottom) if plinth_bottom is not None else floor - 0.55
        # the plinth (grunnmur) below the floor, down into the ground, which covers what is below it
        out.append(Face(shapely.box(x0, bottom, x1, floor), depth_of[edge], "plinth"))
    roof = bm.roof.mesh
    if not roof.is_empty:
        normals = roof.normals()
        planes: dict[tuple[float, ...], list[int]] = {}
        for i, n in enumerate(normals):
            if n[0] * t[0] + n[1] * t[1] > 1e-6 or (n[2] > 1e-6 and bm.roof.type == "flat"):
                planes.setdefault(tuple(np.round(n, 4).tolist()), []).append(i)
        for key, tris in planes.items():
            pts = roof.vertices[roof.triangles[tris]]
            polys = [Polygon(np.column_stack([axes.h(p[:, :2]), p[:, 2]])) for p in pts]
            shape = shapely.union_all([p for p in polys if p.area > 1e-9])
            depth = float(axes.depth(pts.reshape(-1, 3)[:, :2]).mean())
            kind = "gable" if abs(key[2]) < 1e-6 else "roof"
            out.append(Face(shape, depth - (0.5 if kind == "roof" else 0.0), kind))
    out.sort(key=lambda f: -f.depth)
    # doors and windows stay right after (in front of) their own wall
    return out


def reach_for(width_m: float) -> float:
    """How far the terrain runs beyond a drawing ``width_m`` wide: ``TERRAIN_REACH_M``, less for a
    long house, so that it and its kote labels still fit the sheet at 1:100."""
    room = (AREA[2] - AREA[0]) / 10.0 - width_m - LABELS_M - 0.4     # metres at 1:100
    return float(min(TERRAIN_REACH_M, max(0.2, room / 2)))


def terrain_profile(terrain: Terrain, axes: ViewAxes, bm: BuildingModel,
                    reach_m: float = TERRAIN_REACH_M) -> np.ndarray:
    """The finished ground along the facade: (h, z) points every 0.25 m, ``reach_m`` beyond each end.

    Where the building stands, the ground is taken at the outline's point nearest the viewer;
    beyond it, along the line of the facade nearest the viewer.
    """
    fp = bm.geo.footprint
    c = shapely.get_coordinates(fp)
    hs, ds = axes.h(c), axes.depth(c)
    h0, h1 = float(hs.min()) - reach_m, float(hs.max()) + reach_m
    samples = np.linspace(h0, h1, max(int((h1 - h0) / 0.25), 2) + 1)
    front = float(ds.min())
    far = float(ds.max()) + 1.0
    # every sample's line of sight across the outline at once; where it crosses, the nearest crossing
    xy = axes.plan_points(samples, front)
    sights = shapely.linestrings(np.stack([axes.plan_points(samples, front - 1.0),
                                           axes.plan_points(samples, far)], axis=1))
    hits, sample = shapely.get_coordinates(shapely.intersection(sights, shapely.boundary(fp)),
                                           return_index=True)
    if len(hits):
        order = np.lexsort((axes.depth(hits), sample))
        first = np.unique(sample[order], return_index=True)[1]
        nearest = order[first]
        xy[sample[nearest]] = hits[nearest]
    return np.column_stack([samples, terrain.heights_at(xy)])


def elevation_svg(plan: Plan, building_id: str, side: str, *, site: SiteModel | None = None,
                  date: _dt.date | str | None = None, version: str | None = None) -> str:
    """The facade of building ``building_id`` facing ``side`` (``n``, ``s``, ``e`` or ``w``) as an A3 SVG."""
    if side not in SIDES:
        raise KeyError(f"no side {side!r}")
    site = site if site is not None else site_model(plan)
    bm = site.building(building_id)
    if bm is None:
        raise KeyError(f"no building {building_id!r}")
    word, toward = SIDES[side]
    axes = ViewAxes(toward)
    width = float(np.ptp(axes.h(shapely.get_coordinates(bm.geo.footprint)))) if bm.geo.is_valid else 0.0
    ground = (terrain_profile(site.terrain, axes, bm, reach_for(width)) if bm.geo.is_valid
              else np.zeros((0, 2)))
    low = float(ground[:, 1].min()) - 0.3 if len(ground) else bm.heights.floor_z - 0.55
    faces = facade_faces(bm, axes, low)
    h = bm.heights
    reg = plan.plot.regulation
    levels = level_rows(bm, reg.max_gesims_m, reg.max_mone_m)
    x0, x1 = (float(ground[:, 0].min()), float(ground[:, 0].max())) if len(ground) else (0.0, 10.0)
    zs = [z for _, z, _, _ in levels] + [low - 0.2]
    bounds = (x0 - 0.3, min(zs) - 1.0, x1 + LABELS_M, max(zs) + 1.5)     # the kote labels on the right
    scale = choose_scale(bounds, FLOOR_SCALES)
    view = View.fit(bounds, scale)
    title = f"Fasade mot {word} – bygning {bm.building.id}"
    sheet = Sheet(f"{title} – {plan.project.name}", _description(bm, word))
    _draw_faces(sheet, view, faces)
    _draw_ground(sheet, view, ground, low - 0.2)
    draw_levels(sheet, view, levels, x1 + 0.3, x0)
    sheet.frame()
    sheet.scale_bar(scale)
    _key_plan(sheet, bm, axes)
    sheet.legend(_legend(site, levels), top=98.0)
    info = SheetInfo.of(plan, date, version)
    table = [("Gesims (over gj.sn. terreng)", f"{num(h.gesims_m, 2)} m", _over(h.gesims_m, reg.max_gesims_m)),
             ("Møne (over gj.sn. terreng)", f"{num(h.mone_m, 2)} m", _over(h.mone_m, reg.max_mone_m)),
             ("Gj.sn. ferdig terreng", f"kote {_kote(h.mean_terrain)}", INK),
             ("Ferdig gulv 1. etasje", f"kote {_kote(h.floor_z)}", INK)]
    sheet.title_block("Fasade", f"Bygning {bm.building.id}, fasade mot {word}",
                      project_rows(plan, info, bm.building), table)
    return sheet.tostring()


def elevation_svgs(plan: Plan, site: SiteModel | None = None, *, date: _dt.date | str | None = None,
                   version: str | None = None) -> dict[str, str]:
    """Every facade of every building, by file name ``elevation-<building>-<side>.svg``."""
    site = site if site is not None else site_model(plan)
    out = {}
    for bm in site.buildings:
        if not bm.geo.is_valid:
            continue
        for side in SIDES:
            name = f"elevation-{safe_name(bm.building.id)}-{side}.svg"
            out[name] = elevation_svg(plan, bm.building.id, side, site=site, date=date, version=version)
    return out


def _over(value: float, limit: float | None) -> str:
    return RED if limit is not None and value > limit + 0.005 else INK


def _kote(z: float) -> str:
    """A level as Norwegian drawings write it: ``+10,81`` (``-0,35`` below the datum)."""
    return ("+" if z >= 0 else "−") + num(abs(z), 2)


def _description(bm: BuildingModel, word: str) -> str:
    h = bm.heights
    return (f"Fasade mot {word} av bygning {clean(bm.building.id, 40)}, målestokk 1:100. Gesims "
            f"{num(h.gesims_m, 2)} m og møne {num(h.mone_m, 2)} m over gjennomsnittlig ferdig terreng "
            f"(kote {_kote(h.mean_terrain)}).")


Level = tuple[str, float, str, str]
"""A row beside an elevation or a section: (label, kote, style, colour)."""


def level_rows(bm: BuildingModel, max_gesims: float | None, max_mone: float | None,
               inner: Iterable[tuple[str, float, str]] | None = None) -> list[Level]:
    """The levels written beside a facade or a section, low to high: the mean finished terrain, the
    ``inner`` levels (label without its kote, kote, style; by default each storey's finished floor;
    the section adds its ceilings), the eaves and the ridge as kote and in metres above the mean
    terrain (red above the zoning plan's limit), and the zoning plan's maximum heights."""
    h = bm.heights
    if inner is None:
        inner = [(f"Ferdig gulv {storey_label(s.number)}", s.floor_z, "floor") for s in bm.storeys]
    out = [(f"Gj.sn. ferdig terreng {_kote(h.mean_terrain)}", h.mean_terrain, "mean", INK)]
    out += [(f"{label} {_kote(z)}", z, style, INK) for label, z, style in inner]
    out.append((f"Gesims {_kote(h.eaves_z)} ({num(h.gesims_m, 2)} m)", h.eaves_z, "eaves",
                _over(h.gesims_m, max_gesims)))
    if bm.roof.ridge_z > h.wall_top + 0.01:
        out.append((f"Møne {_kote(bm.roof.ridge_z)} ({num(h.mone_m, 2)} m)", bm.roof.ridge_z, "ridge",
                    _over(h.mone_m, max_mone)))
    if max_gesims is not None:
        out.append((f"Maks gesims {num(max_gesims, 1)} m {_kote(h.mean_terrain + max_gesims)}",
                    h.mean_terrain + max_gesims, "max", MAX_COLOUR))
    if max_mone is not None and (max_gesims is None or abs(max_mone - max_gesims) > 0.005):
        out.append((f"Maks møne {num(max_mone, 1)} m {_kote(h.mean_terrain + max_mone)}",
                    h.mean_terrain + max_mone, "max", MAX_COLOUR))
    out.sort(key=lambda r: r[1])
    return out


def _draw_faces(sheet: Sheet, view: View, faces: Iterable[Face]) -> None:
    g = sheet.group("facade")
    for f in faces:
        if f.shape.is_empty:
            continue
        d = view.path(f.shape)
        if f.kind in ("wall", "gable"):
            g.add(sheet.dwg.path(d, fill=WALL_FILL, stroke=INK, stroke_width="0.5", stroke_linejoin="round",
                                 fill_rule="evenodd", class_=f.kind))
        elif f.kind == "plinth":
            g.add(sheet.dwg.path(d, fill=PLINTH_FILL, stroke=INK, stroke_width="0.35", class_="plinth"))
        elif f.kind == "roof":
            g.add(sheet.dwg.path(d, fill=ROOF_FILL, stroke=INK, stroke_width="0.5", stroke_linejoin="round",
                                 class_="roof"))
        elif f.kind == "window":
            g.add(sheet.dwg.path(d, fill="#ffffff", stroke=INK, stroke_width="0.35", class_="window"))
            inner = shapely.buffer(f.shape, -0.05, join_style="mitre")
            if not inner.is_empty:
                g.add(sheet.dwg.path(view.path(inner), fill=GLASS_FILL, stroke=INK, stroke_width="0.18"))
        else:
            g.add(sheet.dwg.path(d, fill=DOOR_FILL, stroke=INK, stroke_width="0.35", class_="door"))
            x0, z0, x1, z1 = f.shape.bounds
            handle = view.p((x1 - 0.12, z0 + 1.0))
            g.add(sheet.dwg.circle((fmt(handle[0]), fmt(handle[1])), 0.35, fill=INK))


def _draw_ground(sheet: Sheet, view: View, ground: np.ndarray, bottom: float) -> None:
    """The finished ground: the earth below the line painted over the foundations, then the line."""
    if not len(ground):
        return
    g = sheet.group("terrain")
    earth = [*ground.tolist(), [ground[-1, 0], bottom], [ground[0, 0], bottom]]
    g.add(sheet.dwg.path(view.ring_path(earth), fill=GROUND_FILL, stroke="none"))
    g.add(sheet.dwg.path(view.ring_path(ground.tolist(), closed=False), fill="none", stroke=INK,
                         stroke_width="0.7", class_="finished-terrain"))


def draw_levels(sheet: Sheet, view: View, levels: list[Level], right: float, left: float) -> None:
    """Kote markers at the right of the drawing (an elevation's or a section's), a line across for
    the mean terrain and the limits; labels of near levels kept apart."""
    g = sheet.group("levels")
    x = view.p((right, 0))[0]
    used: list[float] = []
    for label, z, style, colour in levels:
        y = view.p((right, z))[1]
        a, b = view.p((left, z)), view.p((right, z))
        if style == "max":
            sheet.line(g, a, (b[0] + 2.0, b[1]), width=0.35, colour=colour, stroke_dasharray="3,1.5",
                       class_="max-height")
        elif style == "mean":
            sheet.line(g, a, (b[0] + 2.0, b[1]), width=0.25, colour=colour, stroke_dasharray="6,1.2,1,1.2",
                       class_="mean-terrain")
        else:
            sheet.line(g, (x - 1.0, y), (x + 2.0, y), width=0.25, colour=colour)
        # a kote marker: a small triangle standing on the level
        g.add(sheet.dwg.polygon([(x + 2.0, y), (x + 3.6, y - 1.6), (x + 0.4, y - 1.6)], fill="none",
                                stroke=colour, stroke_width="0.25"))
        ty = y - 0.6
        while any(abs(ty - u) < 2.9 for u in used):   # keep labels of near levels apart
            ty -= 3.0
        used.append(ty)
        sheet.text(g, (x + 4.6, ty), label, size=2.4, colour=colour, halo=True, class_=f"level-{style}")


def _key_plan(sheet: Sheet, bm: BuildingModel, axes: ViewAxes) -> None:
    """A small plan of the footprint in the column, with an arrow showing where the viewer stands."""
    from planner.export.sheet import COLUMN_X, FRAME

    fp = bm.geo.footprint
    if fp.is_empty:
        return
    g = sheet.group("key-plan")
    x0, y0, x1, y1 = fp.bounds
    size = max(x1 - x0, y1 - y0, 1.0)
    k = 22.0 / size
    cx, cy = (COLUMN_X + FRAME[2]) / 2, 68.0
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2

    def p(x: float, y: float) -> tuple[float, float]:
        return (cx + (x - mx) * k, cy - (y - my) * k)

    ring = [p(x, y) for x, y in shapely.get_coordinates(fp.exterior)]
    g.add(sheet.dwg.polygon([(fmt(a), fmt(b)) for a, b in ring], fill="#c4c4c4", stroke=INK,
                            stroke_width="0.35"))
    tx, ty = axes.toward
    tip = (cx + tx * 14.0, cy - ty * 14.0)
    tail = (cx + tx * 21.0, cy - ty * 21.0)
    sheet.line(g, tail, tip, width=0.5)
    nx, ny = -ty, -tx
    head = [tip, (tip[0] + tx * 2.5 + nx * 1.3, tip[1] - ty * 2.5 + ny * 1.3),
            (tip[0] + tx * 2.5 - nx * 1.3, tip[1] - ty * 2.5 - ny * 1.3)]
    g.add(sheet.dwg.polygon([(fmt(a), fmt(b)) for a, b in head], fill=INK))
    sheet.text(g, (COLUMN_X + 4.0, 46.0), "Nøkkelplan: pilen viser hvor fasaden er sett fra (nord opp)",
               size=2.3, bold=True)


def _legend(site: SiteModel, levels: list[Level]) -> list[LegendEntry]:
    out = [LegendEntry("swatch", "Yttervegg", fill=WALL_FILL),
           LegendEntry("swatch", "Tak", fill=ROOF_FILL),
           LegendEntry("swatch", "Vindu (glass)", fill=GLASS_FILL),
           LegendEntry("swatch", "Dør", fill=DOOR_FILL),
           LegendEntry("swatch", "Grunnmur", fill=PLINTH_FILL),
           LegendEntry("line", "Ferdig terreng langs fasaden", fill="0.7"),
           LegendEntry("line", "Gjennomsnittlig ferdig terreng rundt bygningen (TEK17 § 6-2)",
                       dash="6,1.2,1,1.2", fill="0.25")]
    if any(style == "max" for _, _, style, _ in levels):
        out.append(LegendEntry("line", "Største tillatte høyde etter reguleringsplanen", colour=MAX_COLOUR,
                               dash="3,1.5", fill="0.35"))
    if site.terrain.is_flat_default:
        out.append(LegendEntry("text", "Planfilen oppgir ikke terrenghøyder: terrenget er tegnet flatt "
                                       "på kote +0,00.", size=2.2))
    out.append(LegendEntry("text", "Planfilen har bare ferdig terreng (plot.terrain); eksisterende "
                                   "terreng er ikke oppgitt og er derfor ikke tegnet.", size=2.2))
    out.append(LegendEntry("text", "Kote: høyde over planens nullnivå (NN2000 når tomten er stedfestet). "
                                   "Metre i parentes: høyde over gjennomsnittlig ferdig terreng.", size=2.2))
    return out
