"""The DXF draft for the contractor: model space 1:1 in millimetres, paper space sheets at scale.

Layers (colour, linetype and lineweight are set on the layer; every entity is BYLAYER):

- ``C-PROP``: plot boundary (closed polyline);
- ``C-PROP-ROAD``: road edges of the plot;
- ``C-PROP-SETB``: buildable area inside the setbacks (dashed);
- ``C-PRKG``: parking spaces; ``C-ANNO-IDEN``: their "P";
- ``C-ANNO-DIMS``: shortest distances from each building to the plot edges and the other
  buildings (DIMENSION, style ``SITE500``, values in metres);
- ``A-WALL``: wall outlines with their real thickness, and their hatch;
- ``A-DOOR``: each door one polyline, its open leaf and its swing (an arc segment);
- ``A-GLAZ``: windows (wall faces, jambs, glass);
- ``A-FLOR-STRS``: stair treads;
- ``A-AREA``: one closed polyline per room on its centre-line polygon, with XDATA
  ``PLANNER``: room id, room type, net area (m²), name (not plotted);
- ``A-AREA-IDEN``: room labels: name, net area, clear size;
- ``A-ANNO-DIMS``: DIMENSION entities along the outer walls (style ``PLAN100``, millimetres);
- ``G-ANNO-TTLB``: frames, north arrows and title blocks in paper space;
- an overlay's own layer (``A-ANNO-SELF`` for the self-build plan) with its labels.

Storey 1 of every building sits at its true place on the plot; storey 2 and up
(and a basement) are drawn beside the plot, one plot width plus 10 m apart each,
with a heading. ``georef=True`` writes metres in the plan's ``origin`` system
instead of millimetres in the local system.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass

import ezdxf
from ezdxf.document import Drawing
from ezdxf.enums import TextEntityAlignment
from ezdxf.layouts import BaseLayout, Paperspace
from shapely.geometry.base import BaseGeometry

from planner.errors import PlannerError
from planner.export.drawing import Dim, DoorSymbol, FloorDrawing, Pt, SiteDrawing, polygons, rings, storeys_of
from planner.export.sheet import (
    AREA,
    COLUMN_X,
    FLOOR_SCALES,
    FRAME,
    PAPER_H,
    PAPER_W,
    SITE_SCALES,
    TITLE_TOP,
    choose_scale,
)
from planner.export.style import Overlay, area_text, clean, length_text, num, safe_name, storey_label
from planner.export.titles import SheetInfo, floor_figures, project_rows, site_figures
from planner.geometry import BuildingGeometry
from planner.model import Plan
from planner.rules import Context, Report

APPID = "PLANNER"
"""XDATA application name of the room polylines."""
STYLE = "PLANNER"
"""Text style: Arial, a font every CAD program has or maps."""
PLAN_DIMSTYLE = "PLAN100"
SITE_DIMSTYLE = "SITE500"

LAYERS: dict[str, tuple[int, str, int, bool]] = {
    # name: (ACI colour, linetype, lineweight in 1/100 mm, plotted)
    "C-PROP": (7, "Continuous", 50, True),
    "C-PROP-ROAD": (8, "Continuous", 100, True),
    "C-PROP-SETB": (1, "DASHED", 35, True),
    "C-PRKG": (8, "Continuous", 25, True),
    "C-ANNO-DIMS": (7, "Continuous", 18, True),
    "C-ANNO-IDEN": (7, "Continuous", 25, True),
    "A-WALL": (7, "Continuous", 50, True),
    "A-DOOR": (3, "Continuous", 25, True),
    "A-GLAZ": (5, "Continuous", 25, True),
    "A-FLOR-STRS": (7, "Continuous", 18, True),
    "A-AREA": (6, "Continuous", 13, False),
    "A-AREA-IDEN": (7, "Continuous", 25, True),
    "A-ANNO-DIMS": (7, "Continuous", 18, True),
    "G-ANNO-TTLB": (7, "Continuous", 35, True),
}
OVERLAY_LAYER = (6, "Continuous", 25, True)


@dataclass(frozen=True)
class Units:
    """Plan metres to DXF units: millimetres in the local system, or metres in the origin system."""

    per_m: float
    e: float = 0.0
    n: float = 0.0

    def p(self, pt: Pt, dx_m: float = 0.0) -> tuple[float, float]:
        return (self.e + (pt[0] + dx_m) * self.per_m, self.n + pt[1] * self.per_m)

    def pts(self, pts, dx_m: float = 0.0) -> list[tuple[float, float]]:
        return [self.p(q, dx_m) for q in pts]

    def paper(self, mm: float, scale: int) -> float:
        """A size of ``mm`` on paper at 1:``scale``, in model units."""
        return mm * scale / 1000 * self.per_m


def plan_dxf(plan: Plan, georef: bool = False, *,
             overlay: Overlay | Mapping[str, tuple[str, str]] | None = None,
             date: _dt.date | str | None = None, version: str | None = None,
             ctx: Context | None = None) -> bytes:
    """The plan as a DXF R2013 drawing (UTF-8 bytes): site and every storey in model space,
    a paper space layout "Situasjonsplan 1:500" and one "Plan 1:100" per storey.

    ``georef`` writes metres in the ``origin`` system (``$INSUNITS`` 6) instead of
    millimetres in the local system (``$INSUNITS`` 4); a plan without ``origin``
    cannot be georeferenced (:class:`PlannerError`). ``overlay`` writes per-room labels
    on the overlay's layer; ``ctx`` reuses a :class:`~planner.rules.Context` already built.
    """
    if georef and plan.origin is None:
        raise PlannerError("the plan has no origin: --georef needs \"origin\": {\"crs\", \"e\", \"n\"}")
    units = Units(1.0, plan.origin.e, plan.origin.n) if georef and plan.origin else Units(1000.0)
    ctx = ctx if ctx is not None else Context(plan)
    info = SheetInfo.of(plan, date, version)
    doc = _new_document(plan, units, georef)
    writer = _Writer(doc, units, Overlay.of(overlay))
    site = SiteDrawing(plan, ctx, _summary_report(ctx))
    site.scale = choose_scale(site.bounds, SITE_SCALES)
    writer.site(site)
    floors = writer.floors(plan, ctx)
    _site_layout(doc, writer, site, plan, info)
    for k, (floor, dx_m) in enumerate(floors):
        _floor_layout(doc, writer, floor, dx_m, plan, info, first=k == 0)
    out = io.StringIO()
    doc.write(out)
    return out.getvalue().encode("utf-8")


def _summary_report(ctx: Context) -> Report:
    """The DXF marks no findings; the site drawing only needs the plot's figures."""
    return Report(findings=[], summary=ctx.figures)


# --------------------------------------------------------------------------- document set-up


def _new_document(plan: Plan, units: Units, georef: bool) -> Drawing:
    doc = ezdxf.new("R2013", units=6 if georef else 4)
    doc.header["$MEASUREMENT"] = 1
    doc.header["$LUNITS"] = 2
    doc.header["$LUPREC"] = 2 if georef else 0
    doc.header["$LTSCALE"] = 1.0
    doc.header["$PSLTSCALE"] = 0
    doc.appids.add(APPID)
    doc.styles.add(STYLE, font="arial.ttf")
    dash = units.paper(1.0, 500)
    doc.linetypes.add("DASHED", [3.6 * dash, 2.4 * dash, -1.2 * dash], description="Dashed __ __ __")
    for name, (col, lt, lw, plot) in LAYERS.items():
        doc.layers.add(name, color=col, linetype=lt, lineweight=lw, plot=plot)
    _dimstyles(doc, units, georef)
    _header_dims(doc, units, georef)
    p = plan.project
    props = {"Prosjekt": p.name, "Kommune": p.municipality,
             "Gnr/Bnr": f"{p.gnr if p.gnr is not None else '-'}/{p.bnr if p.bnr is not None else '-'}",
             "Enheter": "meter i origosystemet" if georef else "millimeter, lokale koordinater"}
    if plan.origin is not None:
        props.update({"CRS": plan.origin.crs, "Origo E": f"{plan.origin.e:.3f}",
                      "Origo N": f"{plan.origin.n:.3f}"})
    for key, value in props.items():
        doc.header.custom_vars.append(key, clean(value, 200))
    return doc


def _plan_dim_values(units: Units, georef: bool) -> dict[str, float | int | str]:
    """Dimension variables for 1:100: 2.5 mm text, 1.5 mm ticks, all in model units."""
    s = units.paper(1.0, 100)
    return {
        "dimtxt": 2.5 * s, "dimasz": 2.5 * s, "dimtsz": 1.5 * s, "dimexe": 1.5 * s,
        "dimexo": 1.0 * s, "dimgap": 0.8 * s, "dimdli": 6.0 * s, "dimscale": 1.0, "dimlfac": 1.0,
        "dimdec": 2 if georef else 0, "dimtad": 1, "dimtih": 0, "dimtoh": 0, "dimdsep": ord(","),
        "dimzin": 8, "dimlunit": 2,
    }


def _dimstyles(doc: Drawing, units: Units, georef: bool) -> None:
    plan = doc.dimstyles.new(PLAN_DIMSTYLE)
    for key, value in _plan_dim_values(units, georef).items():
        plan.dxf.set(key, value)
    plan.dxf.dimtxsty = STYLE
    site = doc.dimstyles.new(SITE_DIMSTYLE)
    s = units.paper(1.0, 500)
    for key, value in {"dimtxt": 2.2 * s, "dimasz": 2.0 * s, "dimexe": 0.0, "dimexo": 0.0,
                       "dimgap": 0.8 * s, "dimscale": 1.0, "dimlfac": 1.0 / units.per_m, "dimdec": 2,
                       "dimtad": 1, "dimtih": 0, "dimtoh": 0, "dimdsep": ord(","), "dimzin": 0,
                       "dimlunit": 2, "dimpost": "<> m"}.items():
        site.dxf.set(key, value)
    site.dxf.dimtxsty = STYLE


def _header_dims(doc: Drawing, units: Units, georef: bool) -> None:
    """The same 1:100 values in the header, for readers that draw dimensions from it alone."""
    doc.header["$DIMSTYLE"] = PLAN_DIMSTYLE
    doc.header["$DIMTXSTY"] = STYLE
    for key, value in _plan_dim_values(units, georef).items():
        doc.header["$" + key.upper()] = value


# --------------------------------------------------------------------------- model space


class _Writer:
    def __init__(self, doc: Drawing, units: Units, overlay: Overlay | None) -> None:
        self.doc = doc
        self.msp = doc.modelspace()
        self.u = units
        self.overlay = overlay
        self.model_bounds: dict[str, tuple[float, float, float, float]] = {}
        if overlay and overlay.rooms:
            col, lt, lw, plot = OVERLAY_LAYER
            if overlay.layer not in doc.layers:
                doc.layers.add(overlay.layer, color=col, linetype=lt, lineweight=lw, plot=plot)

    # ---- primitives

    def poly(self, pts, layer: str, closed: bool = True, dx_m: float = 0.0, space: BaseLayout | None = None):
        return (space or self.msp).add_lwpolyline(self.u.pts(pts, dx_m), close=closed,
                                                  dxfattribs={"layer": layer})

    def line(self, a: Pt, b: Pt, layer: str, dx_m: float = 0.0) -> None:
        self.msp.add_line(self.u.p(a, dx_m), self.u.p(b, dx_m), dxfattribs={"layer": layer})

    def text(self, text: str, at: Pt, height: float, layer: str, dx_m: float = 0.0,
             rotation: float = 0.0, align: TextEntityAlignment = TextEntityAlignment.MIDDLE_CENTER) -> None:
        attrs = {"layer": layer, "style": STYLE, "height": height}
        if rotation:
            attrs["rotation"] = rotation
        self.msp.add_text(clean(text, 120), dxfattribs=attrs).set_placement(self.u.p(at, dx_m), align=align)

    def hatch(self, geom: BaseGeometry, layer: str, dx_m: float = 0.0) -> None:
        """One HATCH over every polygon of ``geom``: each outline an external path, each hole a path."""
        parts = polygons(geom)
        if not parts:
            return
        h = self.msp.add_hatch(color=256, dxfattribs={"layer": layer})
        # lines 0.6 mm apart at 1:100, colour BYLAYER (the pattern's own default is 7)
        h.set_pattern_fill("ANSI31", color=256, scale=self.u.paper(0.6, 100) / 3.175)
        for poly in parts:
            h.paths.add_polyline_path(self.u.pts(list(poly.exterior.coords)[:-1], dx_m), is_closed=True,
                                      flags=ezdxf.const.BOUNDARY_PATH_EXTERNAL)
            for hole in poly.interiors:
                h.paths.add_polyline_path(self.u.pts(list(hole.coords)[:-1], dx_m), is_closed=True)

    def dim(self, d: Dim, dx_m: float = 0.0) -> None:
        """A rotated linear DIMENSION on A-ANNO-DIMS, rendered so its block exists; its value is the
        measurement formatted by the dimension style (millimetres, or metres when georeferenced)."""
        base = self.u.p(d.line[0], dx_m)
        angle = math.degrees(math.atan2(d.direction[1], d.direction[0]))
        dim = self.msp.add_linear_dim(base=base, p1=self.u.p(d.p1, dx_m), p2=self.u.p(d.p2, dx_m),
                                      angle=angle, text="<>",
                                      dimstyle=PLAN_DIMSTYLE, dxfattribs={"layer": "A-ANNO-DIMS"})
        dim.render()

    def distance(self, a: Pt, b: Pt, distance_m: float) -> None:
        """An aligned DIMENSION on C-ANNO-DIMS along a shortest distance, its value written out in
        metres (readers that format dimensions from the header alone would write millimetres)."""
        dim = self.msp.add_aligned_dim(p1=self.u.p(a), p2=self.u.p(b), distance=0.0,
                                       text=length_text(distance_m), dimstyle=SITE_DIMSTYLE,
                                       dxfattribs={"layer": "C-ANNO-DIMS"})
        dim.render()

    # ---- the plot

    def site(self, site: SiteDrawing) -> None:
        u, scale = self.u, site.scale
        if len(site.plot_ring) >= 3:
            self.poly(site.plot_ring, "C-PROP")
        for a, b in site.road_edges:
            self.line(a, b, "C-PROP-ROAD")
        for ring in rings(site.buildable):
            self.poly(ring, "C-PROP-SETB")
        for p in site.parking:
            self.poly(list(p.exterior.coords)[:-1], "C-PRKG")
            self.text("P", (p.centroid.x, p.centroid.y), u.paper(3.0, scale), "C-ANNO-IDEN")
        for d in site.distances:
            if d.distance_m < 0.05:
                continue
            self.distance(d.a, d.b, d.distance_m)

    # ---- storeys

    def floors(self, plan: Plan, ctx: Context) -> list[tuple[FloorDrawing, float]]:
        """Draw every storey of every building; storey 1 in place, the others beside the plot."""
        geos = list(ctx.buildings)
        storeys = sorted({s for g in geos for s in storeys_of(g.building)}, key=lambda s: (s != 1, s))
        minx, _, maxx, maxy = _plan_extent(plan, geos)
        step = (maxx - minx) + 10.0
        out = []
        for j, storey in enumerate(storeys):
            dx_m = j * step
            for geo in geos:
                if storey not in storeys_of(geo.building):
                    continue
                floor = FloorDrawing.of(geo, storey)
                floor.scale = choose_scale(floor.bounds, FLOOR_SCALES)
                self.floor(floor, dx_m)
                out.append((floor, dx_m))
            if j > 0:
                self.text(storey_label(storey).upper(), ((minx + maxx) / 2, maxy + 3.0),
                          self.u.paper(5.0, 100), "A-AREA-IDEN", dx_m)
        return out

    def floor(self, floor: FloorDrawing, dx_m: float) -> None:
        u, scale = self.u, floor.scale
        for ring in rings(floor.walls):
            self.poly(ring, "A-WALL", dx_m=dx_m)
        self.hatch(floor.walls, "A-WALL", dx_m)
        for d in floor.doors:
            if not d.has_leaf:
                continue
            # one polyline per door: the open leaf from the hinge, then its swing back to the jamb
            hinge, tip, jamb = u.p(d.hinge, dx_m), u.p(d.tip, dx_m), u.p(d.jamb, dx_m)
            self.msp.add_lwpolyline([(*hinge, 0.0), (*tip, swing_bulge(d)), (*jamb, 0.0)], format="xyb",
                                    dxfattribs={"layer": "A-DOOR"})
        for w in floor.windows:
            self.poly([w.outer[0], w.outer[1], w.inner[1], w.inner[0]], "A-GLAZ", dx_m=dx_m)
            self.line(w.glass[0], w.glass[1], "A-GLAZ", dx_m)
        for a, b in floor.stairs:
            self.line(a, b, "A-FLOR-STRS", dx_m)
        nets = {lb.room.id: lb for lb in floor.labels}
        for i in floor.positions:
            room = floor.geo.rooms[i]
            pl = self.poly([tuple(map(float, q)) for q in floor.geo.polys[i].exterior.coords[:-1]], "A-AREA",
                           dx_m=dx_m)
            pl.set_xdata(APPID, [(1000, clean(room.id, 100)), (1000, room.type),
                                 (1040, round(float(floor.geo.net_areas[i]), 3)),
                                 (1000, clean(room.name, 100))])
            self._label(nets[room.id], dx_m, scale)
        for d in floor.dims:
            self.dim(d, dx_m)
        minx, miny, maxx, maxy = floor.bounds
        key = f"{floor.building.id}/{floor.storey}"
        self.model_bounds[key] = (minx + dx_m, miny, maxx + dx_m, maxy)

    def _label(self, lb, dx_m: float, scale: int) -> None:
        h = lb.height_m * self.u.per_m
        rot = 90.0 if lb.vertical else 0.0
        lines = [(lb.room.name, h), (area_text(lb.net_m2), h * 0.85)]
        if lb.size_m and lb.height_m * 1000 / scale >= 2.2:
            lines.append((f"{num(lb.size_m[0], 2)} x {num(lb.size_m[1], 2)}", h * 0.7))
        own = len(lines)
        ov = self.overlay.rooms.get(lb.room.id) if self.overlay else None
        if ov is not None:  # one line per ";"-separated part ("task · hours")
            lines += [(part.strip(), h * 0.8) for part in ov[0].split(";") if part.strip()]
        total = sum(s * 1.5 for _, s in lines) / self.u.per_m  # plan metres
        off = total / 2
        for k, (text, s) in enumerate(lines):
            off -= s * 0.75 / self.u.per_m
            at = (lb.point[0] - off, lb.point[1]) if rot else (lb.point[0], lb.point[1] + off)
            layer = self.overlay.layer if self.overlay is not None and k >= own else "A-AREA-IDEN"
            self.text(text, at, s, layer, dx_m, rotation=rot)
            off -= s * 0.75 / self.u.per_m


def swing_bulge(door: DoorSymbol) -> float:
    """The bulge of a door's swing from the leaf's tip to the jamb: tan(sweep / 4), positive when
    the swing turns counter-clockwise about the hinge.

    >>> from types import SimpleNamespace as D
    >>> round(swing_bulge(D(hinge=(0, 0), tip=(0, 0.9), jamb=(0.9, 0), ccw=False)), 4)
    -0.4142
    """
    a0 = math.atan2(door.tip[1] - door.hinge[1], door.tip[0] - door.hinge[0])
    a1 = math.atan2(door.jamb[1] - door.hinge[1], door.jamb[0] - door.hinge[0])
    sweep = (a1 - a0) % (2 * math.pi) if door.ccw else (a0 - a1) % (2 * math.pi)
    return math.tan(sweep / 4) * (1.0 if door.ccw else -1.0)


def _plan_extent(plan: Plan, geos: list[BuildingGeometry]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for x, y in plan.plot.boundary:
        xs.append(float(x))
        ys.append(float(y))
    for g in geos:
        if not g.footprint.is_empty:
            b = g.footprint.bounds
            xs += [b[0], b[2]]
            ys += [b[1], b[3]]
    if not xs:
        return (0.0, 0.0, 10.0, 10.0)
    return (min(xs), min(ys), max(xs), max(ys))


# --------------------------------------------------------------------------- paper space


def layout_name(title: str, scale: int) -> str:
    """A paper space layout's name: ``Plan 1-100``.

    The colon of "1:100" is not allowed in a layout name (AutoCAD and ezdxf refuse
    it, as in a Windows file name), so the scale is written with a hyphen.

    >>> layout_name("Situasjonsplan", 500)
    'Situasjonsplan 1-500'
    """
    return f"{title} 1-{scale}"


def _layout(doc: Drawing, name: str, first_of_doc: bool) -> Paperspace:
    if first_of_doc:
        doc.layouts.rename("Layout1", name)
        layout = doc.layouts.get(name)
    else:
        layout = doc.layouts.new(name)
    layout.page_setup(size=(PAPER_W, PAPER_H), margins=(0, 0, 0, 0), units="mm")
    return layout


def _viewport(layout: Paperspace, u: Units, bounds: tuple[float, float, float, float], scale: int,
              frozen: list[str]) -> None:
    """A viewport over the drawing area showing ``bounds`` (plan metres) at exactly 1:``scale``."""
    x0, y0, x1, y1 = AREA
    w, h = x1 - x0, y1 - y0
    centre = (x0 + w / 2, PAPER_H - (y0 + h / 2))
    mid = u.p(((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2))
    vp = layout.add_viewport(center=centre, size=(w, h), view_center_point=mid,
                             view_height=h * scale / 1000 * u.per_m,
                             dxfattribs={"layer": "G-ANNO-TTLB"})
    vp.frozen_layers = frozen


def _site_layout(doc: Drawing, writer: _Writer, site: SiteDrawing, plan: Plan, info: SheetInfo) -> None:
    layout = _layout(doc, layout_name("Situasjonsplan", site.scale), True)
    _viewport(layout, writer.u, site.bounds, site.scale, ["A-AREA-IDEN", "A-ANNO-DIMS", "A-AREA"])
    table = [(label, value) for label, value, _ in site_figures(plan, site.report)]
    _title_block(layout, "SITUASJONSPLAN", plan.project.name, project_rows(plan, info), table, site.scale)


def _floor_layout(doc: Drawing, writer: _Writer, floor: FloorDrawing, dx_m: float, plan: Plan,
                  info: SheetInfo, first: bool) -> None:
    b = floor.building
    name = layout_name("Plan", floor.scale)
    if not first:
        name = f"{name} {safe_name(b.id)[:40]} {floor.storey}"
    while name in doc.layouts:
        name += "+"
    layout = _layout(doc, name, False)
    minx, miny, maxx, maxy = floor.bounds
    _viewport(layout, writer.u, (minx + dx_m, miny, maxx + dx_m, maxy), floor.scale,
              ["C-ANNO-DIMS", "C-ANNO-IDEN", "A-AREA"])
    _title_block(layout, "PLANTEGNING", f"Bygning {b.id}, {storey_label(floor.storey)}",
                 project_rows(plan, info, b), floor_figures(floor.geo, floor.storey), floor.scale)


def _title_block(layout: Paperspace, heading: str, subtitle: str, rows: list[tuple[str, str]],
                 table: list[tuple[str, str]], scale: int) -> None:
    """Frame, north arrow, scale note and title block in paper millimetres (y up)."""
    attrs = {"layer": "G-ANNO-TTLB"}

    def y(v: float) -> float:  # sheet mm from the top, as the SVG sheets measure
        return PAPER_H - v

    def text(s: str, at: tuple[float, float], h: float,
             align: TextEntityAlignment = TextEntityAlignment.LEFT) -> None:
        layout.add_text(clean(s, 90), dxfattribs={**attrs, "style": STYLE, "height": h}).set_placement(
            (at[0], y(at[1])), align=align)

    x0, y0, x1, y1 = FRAME
    layout.add_lwpolyline([(x0, y(y0)), (x1, y(y0)), (x1, y(y1)), (x0, y(y1))], close=True, dxfattribs=attrs)
    layout.add_line((COLUMN_X, y(y0)), (COLUMN_X, y(y1)), dxfattribs=attrs)
    # north arrow: the plan's y axis points north
    nx, ny = 330.0, 34.0
    layout.add_circle((nx, y(ny)), 9.0, dxfattribs=attrs)
    layout.add_lwpolyline([(nx, y(ny - 11)), (nx + 4, y(ny + 6)), (nx, y(ny + 3)), (nx - 4, y(ny + 6))],
                          close=True, dxfattribs=attrs)
    text("N", (nx, ny - 14), 5.0, TextEntityAlignment.BOTTOM_CENTER)
    text(f"Målestokk 1:{scale} (A3)", (350.0, 30.0), 3.0)
    x0 = COLUMN_X
    text(heading, (x0 + 4, TITLE_TOP + 8.0), 5.0)
    text(subtitle, (x0 + 4, TITLE_TOP + 14.0), 3.2)
    rules = [TITLE_TOP]  # the title block's horizontal rules, sheet mm from the top
    top = TITLE_TOP + 22.5
    for label, value in rows:
        rules.append(top)
        text(label, (x0 + 2.5, top + 3.9), 2.4)
        text(value, (x0 + 28.0, top + 4.0), 2.8)
        top += 5.6
    for label, value in table:
        rules.append(top)
        text(label, (x0 + 2.5, top + 4.3), 2.8)
        text(value, (x1 - 2.5, top + 4.3), 2.8, TextEntityAlignment.RIGHT)
        top += 5.6
    rules.append(top)
    # one polyline zigzags through the rules: its steps lie on the column line and the frame
    zigzag = [pt for k, v in enumerate(rules) for pt in ((x0, y(v)), (x1, y(v)))[::1 if k % 2 == 0 else -1]]
    layout.add_lwpolyline(zigzag, dxfattribs=attrs)
