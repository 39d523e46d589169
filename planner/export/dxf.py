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
import functools
import io
import math
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ezdxf
from ezdxf.document import CREATED_BY_EZDXF, Drawing, ezdxf_marker_string
from ezdxf.enums import MAP_TEXT_ENUM_TO_ALIGN_FLAGS, TextEntityAlignment
from ezdxf.layouts import BaseLayout, Paperspace
from ezdxf.lldxf.tagwriter import AbstractTagWriter, TagWriter
from ezdxf.math import Vec3
from ezdxf.render.arrows import ARROWS
from ezdxf.render.dim_base import format_text
from ezdxf.tools.juliandate import juliandate
from shapely.geometry.base import BaseGeometry

from planner.errors import PlannerError
from planner.export.drawing import (
    Dim,
    DoorSymbol,
    FloorDrawing,
    Pt,
    SiteDrawing,
    fixture_symbol,
    label_point,
    polygons,
    rings,
    storeys_of,
)
from planner.export.labels import place_labels
from planner.export.sheet import (
    AREA,
    COLUMN_X,
    FLOOR_SCALES,
    FRAME,
    PAPER_H,
    PAPER_W,
    SITE_SCALES,
    TITLE_TOP,
    Boxes,
    View,
    choose_scale,
    fit_site_scale,
)
from planner.export.style import Overlay, clean, length_text, num, safe_name, storey_label
from planner.export.titles import (
    SheetInfo,
    drawing_number,
    floor_figures,
    gnr_bnr,
    households_text,
    site_figures,
    title_values,
)
from planner.geometry import BuildingGeometry
from planner.model import Plan
from planner.rules import Context, Report, check

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
    "G-ANNO-FIND": (1, "Continuous", 35, True),
    "G-ANNO-VPRT": (8, "Continuous", 13, False),
    "C-BLDG": (7, "Continuous", 50, True),
    "C-BLDG-NEIG": (8, "Continuous", 35, True),
    "C-BLDG-NEIG-NEW": (7, "Continuous", 50, True),
    "C-BLDG-DEMO": (8, "DASHED", 35, True),
    "C-PROP-NEIG": (8, "Continuous", 25, True),
    "C-ROAD-CNTR": (8, "CENTER", 25, True),
    "C-ROAD-IDEN": (8, "Continuous", 25, True),
    "C-DRIV": (8, "Continuous", 25, True),
    "C-OUTD": (3, "Continuous", 18, True),
    "C-TOPO-SPOT": (7, "Continuous", 18, True),
    "A-WALL-FIRE": (1, "Continuous", 70, True),
    "A-FLOR-FIXT": (7, "Continuous", 18, True),
    "A-ANNO-NOTE": (7, "Continuous", 25, True),
}
SITE_ONLY = ("C-PROP", "C-PROP-ROAD", "C-PROP-SETB", "C-PRKG", "C-ANNO-DIMS", "C-ANNO-IDEN", "C-BLDG",
             "C-BLDG-NEIG", "C-BLDG-NEIG-NEW", "C-BLDG-DEMO", "C-PROP-NEIG", "C-ROAD-CNTR", "C-ROAD-IDEN",
             "C-DRIV", "C-OUTD", "C-TOPO-SPOT")
"""Layers of the site plan: frozen in the viewports of the floor plans."""
FLOOR_ONLY = ("A-WALL", "A-WALL-FIRE", "A-DOOR", "A-GLAZ", "A-FLOR-STRS", "A-FLOR-FIXT", "A-AREA",
              "A-AREA-IDEN", "A-ANNO-DIMS", "A-ANNO-NOTE")
"""Layers of the floor plans: frozen in the site plan's viewport (it shows the footprints)."""
DOOR_BLOCK = "PLANNER_DOOR"
"""A door of width 1 with its hinge at the origin, closed along +x, open along +y (scaled to its width)."""
WINDOW_BLOCK = "PLANNER_WINDOW"
"""A window 1 wide through a wall 1 thick, the outer face on the x axis centred on the origin."""
TITLE_BLOCK = "PLANNER_TITLE"
"""The sheet frame and the title block's fixed rows, their values as attributes."""
TITLE_TAGS = ("TITTEL", "UNDERTITTEL", "PROSJEKT", "KOMMUNE", "GNR_BNR", "TEGNING_NR", "REVISJON", "DATO",
              "STATUS", "MALESTOKK")
"""The title block's attributes, in the order of its rows."""
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

    @property
    def georef(self) -> bool:
        """Metres in the origin system (else millimetres in the local system)."""
        return self.per_m == 1.0

    def paper(self, mm: float, scale: int) -> float:
        """A size of ``mm`` on paper at 1:``scale``, in model units."""
        return mm * scale / 1000 * self.per_m


def plan_dxf(plan: Plan, georef: bool = False, *,
             overlay: Overlay | Mapping[str, tuple[str, str]] | None = None,
             date: _dt.date | str | None = None, version: str | None = None,
             ctx: Context | None = None, report: Report | None = None,
             status: str = "Arbeidstegning") -> bytes:
    """The plan as a DXF R2013 drawing (UTF-8 bytes): site and every storey in model space,
    a paper space layout "Situasjonsplan 1:500" and one "Plan 1:100" per storey.

    ``georef`` writes metres in the ``origin`` system (``$INSUNITS`` 6) instead of
    millimetres in the local system (``$INSUNITS`` 4); a plan without ``origin``
    cannot be georeferenced (:class:`PlannerError`). ``overlay`` writes per-room labels
    on the overlay's layer; ``ctx`` reuses a :class:`~planner.rules.Context` already built.
    """
    if georef and plan.origin is None:
        raise PlannerError("the plan has no origin: --georef needs \"origin\": {\"crs\", \"e\", \"n\"}")
    out = io.StringIO()
    _drawing(plan, georef, overlay, date, version, ctx, report, status).write(out)
    return out.getvalue().encode("utf-8")


def _drawing(plan: Plan, georef: bool, overlay: Overlay | Mapping[str, tuple[str, str]] | None,
             date: _dt.date | str | None, version: str | None, ctx: Context | None, report: Report | None,
             status: str) -> Drawing:
    """The drawing :func:`plan_dxf` writes."""
    units = Units(1.0, plan.origin.e, plan.origin.n) if georef and plan.origin else Units(1000.0)
    ctx = ctx if ctx is not None else Context(plan)
    # the check runs over the drawing's own context: the geometry it works out is drawn, not redone
    report = report if report is not None else check(plan, ctx=ctx)
    info = SheetInfo.of(plan, date, version, status)
    doc = _new_document(plan, units)
    writer = _Writer(doc, units, Overlay.of(overlay))
    site = SiteDrawing(plan, ctx, report)
    fit_site_scale(site)
    writer.site(site)
    floors = writer.floors(plan, ctx)
    writer.findings(report, site, floors)
    _site_layout(doc, writer, site, plan, info)
    for k, (floor, dx_m) in enumerate(floors):
        _floor_layout(doc, writer, floor, dx_m, plan, info, first=k == 0)
    writer.extents()
    return doc


# --------------------------------------------------------------------------- document set-up


def _new_document(plan: Plan, units: Units) -> Drawing:
    """A new drawing from the template for its units (:func:`_template`), with its own creation
    time and GUIDs, and the plan's project, municipality, units and origin as custom properties."""
    template = _template(units.georef)
    doc = pickle.loads(template.pickled)
    _reuse_written(doc, template.written)
    doc.header["$TDCREATE"] = juliandate(_dt.datetime.now())
    doc.reset_fingerprint_guid()
    doc.reset_version_guid()
    doc.ezdxf_metadata()[CREATED_BY_EZDXF] = ezdxf_marker_string()
    p = plan.project
    props = {"Prosjekt": p.name, "Kommune": p.municipality, "Gnr/Bnr": gnr_bnr(plan),
             "Enheter": "meter i origosystemet" if units.georef else "millimeter, lokale koordinater"}
    if plan.origin is not None:
        props.update({"CRS": plan.origin.crs, "Origo E": f"{plan.origin.e:.3f}",
                      "Origo N": f"{plan.origin.n:.3f}"})
    for key, value in props.items():
        doc.header.custom_vars.append(key, clean(value, 200))
    return doc


@dataclass(frozen=True)
class _Template:
    pickled: bytes
    """The template document, pickled."""
    written: dict[str, str]
    """The DXF text of its unchanged entities by handle (:func:`_written_once`)."""
    title_attdefs: list[tuple[str, Vec3, dict]]
    """The title block's attribute definitions (:func:`_title_attdefs`)."""


@functools.cache
def _template(georef: bool) -> _Template:
    """The part of every drawing that depends on its units alone, built once per process and
    copied for each drawing (a pickled copy loads in about a third of the time it takes to build):
    the header variables, the text style, the linetypes, the layers, the dimension styles and the
    door, window and title blocks, and the first paper space layout's page set-up; with the DXF
    text of those of its entities that no drawing changes (:func:`_written_once`)."""
    units = Units(1.0 if georef else 1000.0)
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
    doc.linetypes.add("CENTER", [10.0 * dash, 6.0 * dash, -1.5 * dash, 1.0 * dash, -1.5 * dash],
                      description="Center ____ _ ____ _")
    for name, (col, lt, lw, plot) in LAYERS.items():
        doc.layers.add(name, color=col, linetype=lt, lineweight=lw, plot=plot)
    _dimstyles(doc, units, georef)
    _header_dims(doc, units, georef)
    _blocks(doc)
    _page_setup(doc.layouts.get("Layout1"))
    pickled = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    return _Template(pickled, _written_once(pickle.loads(pickled)), _title_attdefs(doc))


UNCHANGED_TYPES = frozenset({"LTYPE", "LAYER", "STYLE", "APPID", "DIMSTYLE", "MATERIAL", "MLINESTYLE",
                             "MLEADERSTYLE"})
"""Entities of the template that a drawing never changes: its table entries (a drawing may add a
layer, never alters one) and its styles and materials. The blocks a drawing only inserts
(:data:`UNCHANGED_BLOCKS`) are unchanged too, with everything in them."""
UNCHANGED_BLOCKS = (DOOR_BLOCK, WINDOW_BLOCK, TITLE_BLOCK)


def _written_once(doc: Drawing) -> dict[str, str]:
    """The DXF text of each of the template's unchanged entities, by handle: ezdxf writes an entity
    field by field through its attribute definitions (about 50 µs for a LINE, 200 µs for a
    DIMSTYLE), and the same hundred entities of every drawing would be written anew each time."""
    entities = [e for e in doc.entitydb.values() if e.dxftype() in UNCHANGED_TYPES]
    for name in UNCHANGED_BLOCKS:
        record = doc.blocks.get(name).block_record
        entities += [record.block, *record.entity_space, record.endblk]
    doc.write(io.StringIO())  # as a drawing's own write sets them: owner handles, handles from names
    out = {}
    for e in entities:
        text = io.StringIO()
        e.export_dxf(TagWriter(text, write_handles=True, dxfversion=doc.dxfversion))
        out[e.dxf.handle] = text.getvalue()
    return out


def _reuse_written(doc: Drawing, written: dict[str, str]) -> None:
    """Let each unchanged entity of a drawing copied from the template write its text as written
    once (:func:`_written_once`) instead of field by field: the drawing's own ``write`` then gives
    the same file, faster."""
    db = doc.entitydb
    for handle, text in written.items():
        db[handle].export_dxf = functools.partial(_write_text, text)


def _write_text(text: str, tagwriter: AbstractTagWriter) -> None:
    tagwriter.write_str(text)


def _plan_dim_values(units: Units, georef: bool) -> dict[str, float | int | str]:
    """Dimension variables for 1:100: 2.5 mm text, 1.5 mm ticks, all in model units."""
    s = units.paper(1.0, 100)
    return {
        "dimtxt": 2.5 * s, "dimasz": 2.5 * s, "dimtsz": 1.5 * s, "dimexe": 1.5 * s,
        "dimexo": 1.0 * s, "dimgap": 0.8 * s, "dimdli": 6.0 * s, "dimscale": 1.0, "dimlfac": 1.0,
        "dimdec": 2 if georef else 0, "dimtad": 1, "dimtih": 0, "dimtoh": 0, "dimdsep": ord(","),
        "dimzin": 8, "dimlunit": 2,
    }


def dimstyle_name(kind: str, scale: int) -> str:
    """One dimension style per drawing and scale: ``PLAN100``, ``PLAN200``, ``SITE500``, ``SITE1000``.

    >>> dimstyle_name("site", 1000)
    'SITE1000'
    """
    return f"{'PLAN' if kind == 'plan' else 'SITE'}{scale}"


def _dimstyles(doc: Drawing, units: Units, georef: bool) -> None:
    for scale in FLOOR_SCALES:
        _plan_dimstyle(doc, units, georef, scale)
    for scale in SITE_SCALES:
        _site_dimstyle(doc, units, scale)


def _plan_dimstyle(doc: Drawing, units: Units, georef: bool, scale: int) -> None:
    plan = doc.dimstyles.new(dimstyle_name("plan", scale))
    k = scale / 100
    for key, value in _plan_dim_values(units, georef).items():
        plan.dxf.set(key, value * k if key in _PAPER_SIZES else value)
    plan.dxf.dimtxsty = STYLE


_PAPER_SIZES = frozenset({"dimtxt", "dimasz", "dimtsz", "dimexe", "dimexo", "dimgap", "dimdli"})


def _site_dimstyle(doc: Drawing, units: Units, scale: int) -> None:
    site = doc.dimstyles.new(dimstyle_name("site", scale))
    s = units.paper(1.0, scale)
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


def _blocks(doc: Drawing) -> None:
    """The door, window and title blocks with their attribute definitions."""
    door = doc.blocks.new(DOOR_BLOCK, base_point=(0, 0))
    # the blocks' entities sit on the door and window layers themselves (not on layer 0), so that a
    # viewport that freezes A-DOOR or A-GLAZ hides them in every reader
    door.add_lwpolyline([(0.0, 0.0, 0.0), (0.0, 1.0, -math.tan(math.pi / 8)), (1.0, 0.0, 0.0)], format="xyb",
                        dxfattribs={"layer": "A-DOOR"})
    for k, tag in enumerate(("WIDTH", "HEIGHT", "SWING", "HINGE", "ROOMS")):
        door.add_attdef(tag, (0.1, -0.2 - 0.15 * k), dxfattribs={"height": 0.1, "flags": 1, "layer": "A-DOOR",
                                                                   "style": STYLE})
    win = doc.blocks.new(WINDOW_BLOCK, base_point=(0, 0))
    win.add_lwpolyline([(-0.5, 0.0), (0.5, 0.0), (0.5, 1.0), (-0.5, 1.0)], close=True,
                       dxfattribs={"layer": "A-GLAZ"})
    win.add_line((-0.5, 0.5), (0.5, 0.5), dxfattribs={"layer": "A-GLAZ"})
    for k, tag in enumerate(("WIDTH", "HEIGHT", "SILL", "ROOM")):
        win.add_attdef(tag, (-0.5, -0.3 - 0.2 * k), dxfattribs={"height": 0.15, "flags": 1, "layer": "A-GLAZ",
                                                                  "style": STYLE})
    _title_definition(doc)


def _readable(angle: float) -> float:
    """A dimension line's angle turned by half a turn where its text would read upside down or
    from the left: the result is in (-90°, 90°].

    >>> _readable(180.0), _readable(-90.0), _readable(90.0), _readable(200.0)
    (0.0, 90.0, 90.0, 20.0)
    """
    a = angle % 180.0
    if a > 90.0 + 1e-9:
        a -= 180.0
    return round(a, 9) + 0.0


# --------------------------------------------------------------------------- model space


class _Writer:
    def __init__(self, doc: Drawing, units: Units, overlay: Overlay | None) -> None:
        self.doc = doc
        self.msp = doc.modelspace()
        self.u = units
        self.overlay = overlay
        self.dim_values = _plan_dim_values(units, georef=units.georef)
        self.title_attdefs = _template(units.georef).title_attdefs
        self.model_bounds: dict[str, tuple[float, float, float, float]] = {}
        self.household_names: dict[str, str] = {}
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
        self.msp.add_text(clean(text, 120), dxfattribs=_placed(attrs, self.u.p(at, dx_m), align))

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

    def dim(self, d: Dim, dx_m: float = 0.0, scale: int = 100) -> None:
        """A rotated linear DIMENSION on A-ANNO-DIMS with its block drawn here, as ezdxf's renderer
        draws it for the style (extension lines, dimension line, oblique ticks, the value above the
        line), at a fraction of its cost; the value is the measurement formatted by
        the dimension style (millimetres, or metres when georeferenced)."""
        u, v = self.u, self.dim_values
        k = scale / 100
        a = _readable(math.degrees(math.atan2(d.direction[1], d.direction[0])))
        t = (math.cos(math.radians(a)), math.sin(math.radians(a)))
        up = (-t[1], t[0])
        base, p1, p2 = u.p(d.line[0], dx_m), u.p(d.p1, dx_m), u.p(d.p2, dx_m)
        q1, q2 = (_foot(p, base, t) for p in (p1, p2))
        blk = self.doc.blocks.new_anonymous_block(type_char="D")
        exo, exe, tick = v["dimexo"] * k, v["dimexe"] * k, v["dimtsz"] * k
        for p, q in ((p1, q1), (p2, q2)):
            n = math.dist(p, q)
            if n > 1e-9:
                e = ((q[0] - p[0]) / n, (q[1] - p[1]) / n)
                blk.add_line(_add_pt(p, e, exo), _add_pt(q, e, exe), dxfattribs={"layer": "0"})
        slant = ((t[0] - t[1]) * tick, (t[1] + t[0]) * tick)  # the oblique tick: 45° to the line
        for q in (q1, q2):
            blk.add_line(_add_pt(q, slant, -1.0), _add_pt(q, slant, 1.0), dxfattribs={"layer": "A-ANNO-DIMS"})
        blk.add_line(q1, q2, dxfattribs={"layer": "0"})
        measured = abs((p2[0] - p1[0]) * t[0] + (p2[1] - p1[1]) * t[1])
        h = v["dimtxt"] * k
        mid = _add_pt(((q1[0] + q2[0]) / 2, (q1[1] + q2[1]) / 2), up, v["dimgap"] * k + h / 2)
        text = format_text(measured, dimdec=int(v["dimdec"]), dimzin=int(v["dimzin"]), dimdsep=",")
        self._dimension(blk, "A-ANNO-DIMS", text, mid, h, a, (q1, p1, p2),
                        dimstyle=dimstyle_name("plan", scale), text="<>", actual_measurement=measured)

    def distance(self, a: Pt, b: Pt, distance_m: float, scale: int = 500) -> None:
        """An aligned DIMENSION on C-ANNO-DIMS along a shortest distance, its value written out in
        metres (readers that format dimensions from the header alone would write millimetres);
        measured from the end that keeps its text readable. Its block is drawn here as ezdxf's
        renderer draws it for the style: closed arrowheads, inside the line or, on a distance too
        short for them, outside it pointing in (a short distance keeps its arrowheads), the value
        above the line."""
        angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        if angle > 90.0 + 1e-9 or angle <= -90.0 + 1e-9:
            a, b = b, a
            angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        p1, p2 = self.u.p(a), self.u.p(b)
        length = math.dist(p1, p2)
        t = ((p2[0] - p1[0]) / length, (p2[1] - p1[1]) / length)
        up = (-t[1], t[0])
        s = self.u.paper(1.0, scale)
        size, gap, h = 2.0 * s, 0.8 * s, 2.2 * s
        layer = {"layer": "C-ANNO-DIMS"}
        blk = self.doc.blocks.new_anonymous_block(type_char="D")
        outside = 2 * size + gap > length
        if outside:  # the arrowheads outside, pointing in, each with a stroke beyond it
            blk.add_arrow_blockref(ARROWS.closed_filled, p1, size, angle, dxfattribs=layer)
            blk.add_arrow_blockref(ARROWS.closed_filled, p2, size, angle + 180.0, dxfattribs=layer)
            blk.add_line(_add_pt(p1, t, -size), _add_pt(p1, t, -2 * size), dxfattribs={"layer": "0"})
            blk.add_line(_add_pt(p2, t, size), _add_pt(p2, t, 2 * size), dxfattribs={"layer": "0"})
            blk.add_line(p1, p2, dxfattribs={"layer": "0"})
        else:
            blk.add_arrow_blockref(ARROWS.closed_filled, p1, size, angle + 180.0, dxfattribs=layer)
            blk.add_arrow_blockref(ARROWS.closed_filled, p2, size, angle, dxfattribs=layer)
            blk.add_line(_add_pt(p1, t, size), _add_pt(p2, t, -size), dxfattribs={"layer": "0"})
        mid = _add_pt(((p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2), up, gap + h / 2)
        text = length_text(distance_m)
        self._dimension(blk, "C-ANNO-DIMS", text, mid, h, angle, (p1, p1, p2),
                        dimstyle=dimstyle_name("site", scale), text=text, actual_measurement=length)

    def _dimension(self, blk: Any, layer: str, value: str, mid: Pt, h: float, angle: float,
                   defpoints: tuple[Pt, Pt, Pt], **dim: Any) -> None:
        """The end of a dimension drawn by hand: its value as MTEXT above the line in its block, and
        the DIMENSION entity pointing at the block with its definition points (``dim``: its style,
        text and measurement). The block has no POINT entities on the definition points, as
        ezdxf's renderer and AutoCAD add: the DIMENSION holds them, and a CAD program that redraws
        the dimension makes its block anew."""
        attrs = {"insert": mid, "char_height": h, "attachment_point": 5, "style": STYLE, "layer": layer}
        if angle:
            attrs["rotation"] = angle % 360.0
        blk.add_mtext(value, dxfattribs=attrs)
        self.msp.new_entity("DIMENSION", dxfattribs={
            "layer": layer, "dimtype": 32, "geometry": blk.name, "defpoint": defpoints[0],
            "defpoint2": defpoints[1], "defpoint3": defpoints[2], "text_midpoint": mid, "angle": angle,
            "attachment_point": 5, **dim})

    # ---- the plot

    def site(self, site: SiteDrawing) -> None:
        u, scale = self.u, site.scale
        self.household_names = {h.id: h.name for h in site.plan.households}
        self.model_bounds["site"] = site.bounds
        for _, fp in site.footprints:
            for ring in rings(fp):
                self.poly(ring, "C-BLDG")
        if len(site.plot_ring) >= 3:
            self.poly(site.plot_ring, "C-PROP")
        for a, b in site.road_edges:
            self.line(a, b, "C-PROP-ROAD")
        for ring in rings(site.buildable):
            self.poly(ring, "C-PROP-SETB")
        for p in site.parking:
            self.poly(list(p.exterior.coords)[:-1], "C-PRKG")
            self.text("P", (p.centroid.x, p.centroid.y), u.paper(3.0, scale), "C-ANNO-IDEN",
                      rotation=-site.turn_deg)
        for d in site.distances + site.neighbour_distances:
            if d.distance_m < 0.05:
                continue
            self.distance(d.a, d.b, d.distance_m, scale)
        self.map(site)

    def map(self, site: SiteDrawing) -> None:
        """The map extract around the plot, the driveway, outdoor areas and spot heights."""
        u, scale = self.u, site.scale
        level = -site.turn_deg  # texts level on the sheet, whose view is twisted to square the plot
        tilt = math.radians(level)
        right, down = (math.cos(tilt), math.sin(tilt)), (math.sin(tilt), -math.cos(tilt))  # the sheet's axes
        for p, poly in site.neighbour_plots:
            self.poly(list(poly.exterior.coords)[:-1], "C-PROP-NEIG")
            gnr = f"{p.gnr}/{p.bnr}" if p.gnr is not None else ""
            label = " ".join(x for x in (gnr, p.address or "") if x)
            if label:
                c = label_point(poly)
                self.text(label, c, u.paper(2.2, scale), "C-PROP-NEIG", rotation=level)
        layer = {"existing": "C-BLDG-NEIG", "new": "C-BLDG-NEIG-NEW", "demolish": "C-BLDG-DEMO"}
        for b, poly in site.neighbour_buildings:
            self.poly(list(poly.exterior.coords)[:-1], layer.get(b.status or "existing", "C-BLDG-NEIG"))
        for r, line in site.roads:
            self.poly(list(line.coords), "C-ROAD-CNTR", closed=False)
            if r.name:
                mid = line.interpolate(0.5, normalized=True)
                a, b = line.interpolate(0.45, normalized=True), line.interpolate(0.55, normalized=True)
                rot = _readable(math.degrees(math.atan2(b.y - a.y, b.x - a.x)) - level) + level
                self.text(r.name, (mid.x, mid.y), u.paper(3.0, scale), "C-ROAD-IDEN", rotation=rot)
        if site.driveway is not None:
            self.poly(list(site.driveway.exterior.coords)[:-1], "C-DRIV")
        for poly in site.outdoor:
            self.poly(list(poly.exterior.coords)[:-1], "C-OUTD")
        for x, y, z in site.spot_heights:
            self.msp.add_point(u.p((x, y)), dxfattribs={"layer": "C-TOPO-SPOT"})
            self.text(f"+{num(z, 2)}", _add_pt((x, y), right, 0.6 * scale / 500), u.paper(2.0, scale),
                      "C-TOPO-SPOT", rotation=level, align=TextEntityAlignment.MIDDLE_LEFT)
        for bid, z in site.floor_levels.items():
            fp = next(f for b, f in site.footprints if b.id == bid)
            c = label_point(fp)
            self.text(f"FG 1. etg. kote {num(z, 2)}", _add_pt(c, down, 3.0 * scale / 500),
                      u.paper(2.0, scale), "C-TOPO-SPOT", rotation=level)
        for _, at in site.entrances:
            self.text("INNGANG", at, u.paper(2.0, scale), "C-ANNO-IDEN", rotation=level)

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
        floor.household_names = self.household_names
        for ring in rings(floor.walls):
            self.poly(ring, "A-WALL", dx_m=dx_m)
        self.hatch(floor.walls, "A-WALL", dx_m)
        for d in floor.doors:
            if d.has_leaf:
                self.door(d, floor, dx_m)
        for w in floor.windows:
            self.window(w, floor, dx_m)
        self.stairs(floor, dx_m)
        for _, kind, shape in floor.fixtures:
            self.poly(list(shape.exterior.coords)[:-1], "A-FLOR-FIXT", dx_m=dx_m)
            for closed, pts in fixture_symbol(kind, shape):
                self.poly(pts, "A-FLOR-FIXT", closed=closed, dx_m=dx_m)
        for ring in rings(floor.separating_walls):
            self.poly(ring, "A-WALL-FIRE", dx_m=dx_m)
        k = 1000.0 / scale
        leader = floor.separating_leader(k)
        if leader:
            top = (leader[0][0], leader[0][1] - 25.0 / k)  # below the dimension chains
            self.line(top, (leader[1][0], leader[1][1] + 3.0 / k), "A-ANNO-NOTE", dx_m)
        for at, ang in floor.separating_label_points(k):
            self.text(SEPARATING_TEXT, at, u.paper(2.5, scale), "A-ANNO-NOTE", dx_m, rotation=-ang)
        for at, lines in floor.unit_label_points(k):
            for j, (text, size, _) in enumerate(lines):
                self.text(text, (at[0], at[1] - j * 3.6 / k), u.paper(size, scale), "A-ANNO-NOTE", dx_m)
        placed = self._placed_labels(floor)
        for i in floor.positions:
            room = floor.geo.rooms[i]
            pl = self.poly([tuple(map(float, q)) for q in floor.geo.polys[i].exterior.coords[:-1]], "A-AREA",
                           dx_m=dx_m)
            pl.set_xdata(APPID, [(1000, clean(room.id, 100)), (1000, room.type),
                                 (1040, round(float(floor.geo.net_areas[i]), 3)),
                                 (1000, clean(room.name, 100))])
            self._label(placed[room.id], dx_m, scale)
        for d in floor.dims:
            self.dim(d, dx_m, scale)
        minx, miny, maxx, maxy = floor.bounds
        key = f"{floor.building.id}/{floor.storey}"
        self.model_bounds[key] = (minx + dx_m, miny, maxx + dx_m, maxy)

    def door(self, d: DoorSymbol, floor: FloorDrawing, dx_m: float) -> None:
        """A door as an INSERT of the door block at its hinge, scaled to its width, with the attributes
        WIDTH and HEIGHT (mm), SWING (the room it opens into), HINGE (left/right) and ROOMS."""
        w = d.radius_m
        e1 = ((d.jamb[0] - d.hinge[0]) / w, (d.jamb[1] - d.hinge[1]) / w)
        e2 = ((d.tip[0] - d.hinge[0]) / w, (d.tip[1] - d.hinge[1]) / w)
        mirrored = e1[0] * e2[1] - e1[1] * e2[0] < 0
        rot = math.degrees(math.atan2(-e1[1], -e1[0]) if mirrored else math.atan2(e1[1], e1[0]))
        size = w * self.u.per_m
        ref = self.msp.add_blockref(DOOR_BLOCK, self.u.p(d.hinge, dx_m), dxfattribs={
            "layer": "A-DOOR", "xscale": -size if mirrored else size, "yscale": size, "rotation": rot})
        right = (e2[1], -e2[0])
        hinge = "right" if -e1[0] * right[0] - e1[1] * right[1] > 0 else "left"
        if d.door.is_entrance:
            into = d.door.swing_into or "outside"
        else:
            into = floor._swings_into(d.door)
        values = {"WIDTH": f"{round(d.door.width_m * 1000)}",
                  "HEIGHT": f"{round(d.door.clear_height * 1000)}", "SWING": clean(into, 60),
                  "HINGE": hinge, "ROOMS": clean(" / ".join(d.door.rooms), 120)}
        self._attribs(ref, values, "A-DOOR")

    def window(self, w, floor: FloorDrawing, dx_m: float) -> None:
        """A window as an INSERT of the window block on the outer face, scaled to its width and the
        wall, with WIDTH, HEIGHT, SILL (mm) and ROOM."""
        (a, b), ext = w.outer, floor.building.exterior_wall_m
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        rot = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
        ref = self.msp.add_blockref(WINDOW_BLOCK, self.u.p(mid, dx_m), dxfattribs={
            "layer": "A-GLAZ", "xscale": w.window.width_m * self.u.per_m, "yscale": ext * self.u.per_m,
            "rotation": rot})
        values = {"WIDTH": f"{round(w.window.width_m * 1000)}",
                  "HEIGHT": f"{round(w.window.height_m * 1000)}",
                  "SILL": f"{round(w.window.sill * 1000)}", "ROOM": clean(w.window.room, 60)}
        self._attribs(ref, values, "A-GLAZ")

    def _attribs(self, ref, values: dict[str, str], layer: str) -> None:
        """The insert's attributes, invisible, at its insertion point (what a CAD program lists)."""
        at = ref.dxf.insert
        h = self.u.paper(1.0, 100)
        for tag, text in values.items():
            ref.add_attrib(tag, text, (at.x, at.y), dxfattribs={"layer": layer, "height": h, "flags": 1,
                                                                 "style": STYLE})

    def stairs(self, floor: FloorDrawing, dx_m: float) -> None:
        """Treads, walking line and arrow, break line and OPP/NED of each stair on A-FLOR-STRS."""
        for st in floor.stair_symbols:
            for a, b in st.treads:
                self.line(a, b, "A-FLOR-STRS", dx_m)
            self.poly(st.walk, "A-FLOR-STRS", closed=False, dx_m=dx_m)
            self.poly(list(st.arrow), "A-FLOR-STRS", dx_m=dx_m)
            h = self.msp.add_hatch(color=256, dxfattribs={"layer": "A-FLOR-STRS"})
            h.paths.add_polyline_path(self.u.pts(list(st.arrow), dx_m), is_closed=True)
            if st.break_line:
                self.poly(st.break_line, "A-FLOR-STRS", closed=False, dx_m=dx_m)
            t = st.along
            at = _add_pt(st.walk[0], t, 0.35 * floor.scale / 100)
            rot = _readable(math.degrees(math.atan2(t[1], t[0])))
            self.text(st.word, (at[0] - t[1] * 0.25, at[1] + t[0] * 0.25), self.u.paper(2.2, floor.scale),
                      "A-FLOR-STRS", dx_m, rotation=rot)

    def findings(self, report: Report, site: SiteDrawing, floors: list[tuple[FloorDrawing, float]]) -> None:
        """A numbered marker and the rule id for each finding on G-ANNO-FIND, where the SVG marks it:
        at the room's label, the door, the building or the plot."""
        at_room: dict[str, tuple[Pt, float, int]] = {}
        at_door: dict[tuple[str, int], tuple[Pt, float, int]] = {}
        for floor, dx_m in floors:
            for lb in floor.labels:
                at_room.setdefault(lb.room.id, (lb.point, dx_m, floor.scale))
            for d in floor.doors:
                at_door.setdefault((floor.building.id, d.index), (d.centre, dx_m, floor.scale))
        at_building = {b.id: (label_point(fp), 0.0, site.scale) for b, fp in site.footprints}
        plot = site.plot if site.ctx.plot_problem is None else None
        n = 0
        for f in report.findings:
            kind, _, ref = f.subject.partition(":")
            where = None
            if kind == "room":
                where = at_room.get(ref)
            elif kind == "door" and ref.isdigit():
                bid = f.params.get("building")
                where = next((v for (b, k), v in at_door.items() if k == int(ref) and bid in (None, b)),
                             None)
            elif kind == "building":
                where = at_building.get(ref)
            if where is None and plot is not None and f.group in ("plot", "geometry"):
                c = plot.representative_point()
                where = ((c.x, c.y), 0.0, site.scale)
            if where is None:
                continue
            n += 1
            (x, y), dx_m, scale = where
            r = self.u.paper(2.1, scale)
            off = self.u.paper(4.6, scale) / self.u.per_m
            centre = (x + off, y + off)
            self.msp.add_circle(self.u.p(centre, dx_m), r, dxfattribs={"layer": "G-ANNO-FIND"})
            self.text(str(n), centre, self.u.paper(2.6, scale), "G-ANNO-FIND", dx_m)
            self.text(f"{f.rule} ({'feil' if f.severity == 'error' else 'merknad'})",
                      (centre[0] + 2.6 * scale / 1000, centre[1]), self.u.paper(2.2, scale), "G-ANNO-FIND",
                      dx_m, align=TextEntityAlignment.MIDDLE_LEFT)

    def extents(self) -> None:
        """``$EXTMIN``/``$EXTMAX`` from everything drawn in model space."""
        boxes = list(self.model_bounds.values())
        if not boxes:
            return
        (x0, y0), (x1, y1) = self.u.p((min(b[0] for b in boxes), min(b[1] for b in boxes))), \
            self.u.p((max(b[2] for b in boxes), max(b[3] for b in boxes)))
        self.doc.header["$EXTMIN"] = (x0, y0, 0.0)
        self.doc.header["$EXTMAX"] = (x1, y1, 0.0)
        layout = self.msp.dxf_layout  # ezdxf writes the header's extents from the model space layout
        layout.dxf.extmin = (x0, y0, 0.0)
        layout.dxf.extmax = (x1, y1, 0.0)

    def _placed_labels(self, floor: FloorDrawing) -> dict[str, tuple[Any, float, list, tuple[Pt, Pt] | None]]:
        """Each room's label lines where the SVG sheet places them (clear of each other, the door
        swings and the stairs), as plan points: room id -> (label, rotation, lines, leader or
        ``None``)."""
        view = View.fit(floor.bounds, floor.scale)
        taken = Boxes()
        for st in floor.stair_symbols:  # the DXF writes OPP/NED beside the walking line's foot
            t = st.along
            at = view.p(_add_pt(st.walk[0], t, 0.35 * floor.scale / 100))
            taken.add(at, st.word, 2.2, "middle", rotate=-_readable(math.degrees(math.atan2(t[1], t[0]))))
        out = {}
        for lb, rot, block, leader in place_labels(taken, view, floor, {}):
            out[lb.room.id] = (lb, -rot, [(text, size, view.plan(pos)) for text, size, _, pos in block],
                               None if leader is None else (view.plan(leader[0]), view.plan(leader[1])))
        return out

    def _label(self, placed: tuple, dx_m: float, scale: int) -> None:
        """A room's label (name, net area, clear size or rise × going) where it was placed (one of
        :meth:`_placed_labels`), then the overlay's lines under it on the overlay's layer."""
        lb, rot, lines, leader = placed
        if leader is not None:  # a stair's label beside the stair: a leader to it, with a dot on the stair
            self.line(leader[0], leader[1], "A-AREA-IDEN", dx_m)
            self.msp.add_circle(self.u.p(leader[1], dx_m), self.u.paper(0.45, scale),
                                dxfattribs={"layer": "A-AREA-IDEN"})
        last = lb.point
        step = 0.0
        for text, size, at in lines:
            self.text(text, at, self.u.paper(size, scale), "A-AREA-IDEN", dx_m, rotation=rot,
                      align=TextEntityAlignment.CENTER)
            last, step = at, size * 1.25 * scale / 1000
        ov = self.overlay.rooms.get(lb.room.id) if self.overlay else None
        if ov is None:
            return
        h = lb.height_m * 0.8
        for part in (p.strip() for p in ov[0].split(";")):  # one line per "task · hours"
            if not part:
                continue
            step = max(step, h * 1.25)
            last = (last[0] + step, last[1]) if rot else (last[0], last[1] - step)
            self.text(part, last, h * self.u.per_m, self.overlay.layer, dx_m, rotation=rot,
                      align=TextEntityAlignment.CENTER)


SEPARATING_TEXT = "REI 60 brann- og lydskillende vegg"
"""The note on the wall between two homes."""


def _placed(attrs: dict[str, Any], at: Pt, align: TextEntityAlignment = TextEntityAlignment.LEFT
            ) -> dict[str, Any]:
    """A TEXT's attributes with the placement ``Text.set_placement(at, align=align)`` sets, given
    when the text is made (about a third cheaper than setting them afterwards)."""
    halign, valign = MAP_TEXT_ENUM_TO_ALIGN_FLAGS[align]
    return {**attrs, "halign": halign, "valign": valign, "insert": at, "align_point": at}


def _add_pt(a: Pt, t: Pt, k: float) -> Pt:
    return (a[0] + t[0] * k, a[1] + t[1] * k)


def _foot(p: Pt, base: Pt, t: Pt) -> Pt:
    """The foot of ``p`` on the line through ``base`` along the unit vector ``t``."""
    s = (p[0] - base[0]) * t[0] + (p[1] - base[1]) * t[1]
    return (base[0] + t[0] * s, base[1] + t[1] * s)


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
    """A paper space layout on A3: the template's first one (set up already), or a new one."""
    if first_of_doc:
        doc.layouts.rename("Layout1", name)
        return doc.layouts.get(name)
    layout = doc.layouts.new(name)
    _page_setup(layout)
    return layout


def _page_setup(layout: Paperspace) -> None:
    layout.page_setup(size=(PAPER_W, PAPER_H), margins=(0, 0, 0, 0), units="mm")


def _viewport(layout: Paperspace, u: Units, bounds: tuple[float, float, float, float], scale: int,
              frozen: list[str], turn: float = 0.0, full: bool = False) -> None:
    """A viewport showing ``bounds`` (plan metres) at exactly 1:``scale``, centred in the drawing area:
    as large as the drawing and no larger (another building or storey beside it stays out), or with
    ``full`` the whole drawing area,
    on the non-plotting layer G-ANNO-VPRT, with ``frozen`` layers frozen in it."""
    x0, y0, x1, y1 = AREA
    w = x1 - x0 if full else min((bounds[2] - bounds[0]) * 1000 / scale, x1 - x0)
    h = y1 - y0 if full else min((bounds[3] - bounds[1]) * 1000 / scale, y1 - y0)
    centre = ((x0 + x1) / 2, PAPER_H - (y0 + y1) / 2)
    mx, my = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    if turn:  # ``bounds`` are in the turned frame: their centre back in plan coordinates
        a = math.radians(-turn)
        mx, my = mx * math.cos(a) - my * math.sin(a), mx * math.sin(a) + my * math.cos(a)
    mid = u.p((mx, my))
    if turn:  # the view centre is in display coordinates: turned by the twist about the target (the origin)
        a = math.radians(turn)
        mid = (mid[0] * math.cos(a) - mid[1] * math.sin(a), mid[0] * math.sin(a) + mid[1] * math.cos(a))
    vp = layout.add_viewport(center=centre, size=(w, h), view_center_point=mid,
                             view_height=h * scale / 1000 * u.per_m,
                             dxfattribs={"layer": "G-ANNO-VPRT"})
    vp.frozen_layers = frozen
    if turn:
        vp.dxf.view_twist_angle = turn


def _site_layout(doc: Drawing, writer: _Writer, site: SiteDrawing, plan: Plan, info: SheetInfo) -> None:
    layout = _layout(doc, layout_name("Situasjonsplan", site.scale), True)
    frozen = list(FLOOR_ONLY) + ([writer.overlay.layer] if writer.overlay and writer.overlay.rooms else [])
    # the whole drawing area: the map around the plot shows (the floor layers are frozen)
    _viewport(layout, writer.u, site.turned_bounds, site.scale, frozen, site.turn_deg, full=True)
    values = title_values(plan, info, "SITUASJONSPLAN", plan.project.name, drawing_number("site"), site.scale)
    table = [(label, value) for label, value, _ in site_figures(plan, site.report)]
    _title_block(layout, writer.title_attdefs, values, [], table, site.scale, turn=site.turn_deg)


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
    _viewport(layout, writer.u, (minx + dx_m, miny, maxx + dx_m, maxy), floor.scale, list(SITE_ONLY))
    values = title_values(plan, info, "PLANTEGNING", f"Bygning {b.id}, {storey_label(floor.storey)}",
                          drawing_number("floor", plan, b, floor.storey), floor.scale)
    label, names = households_text(plan, b)
    rows = [(label, names)] if names else []
    _title_block(layout, writer.title_attdefs, values, rows, floor_figures(floor.geo, floor.storey),
                 floor.scale)


TITLE_ROWS = (("Prosjekt", "PROSJEKT"), ("Kommune", "KOMMUNE"), ("Gnr/Bnr", "GNR_BNR"),
              ("Tegning nr.", "TEGNING_NR"), ("Revisjon", "REVISJON"), ("Dato", "DATO"), ("Status", "STATUS"),
              ("Målestokk", "MALESTOKK"))
"""The title block's fixed rows: label and the attribute that holds the value."""
ROW_H = 5.6


def _y(v: float) -> float:
    """Sheet millimetres from the top (as the SVG sheets measure) to paper space y (up)."""
    return PAPER_H - v


def _title_definition(doc: Drawing) -> None:
    """The title block: the frame, the column line, the fixed rows with their labels, and an
    attribute for each value (:data:`TITLE_TAGS`), in paper millimetres."""
    blk = doc.blocks.new(TITLE_BLOCK, base_point=(0, 0))
    attrs = {"layer": "0"}
    x0, y0, x1, y1 = FRAME
    blk.add_lwpolyline([(x0, _y(y0)), (x1, _y(y0)), (x1, _y(y1)), (x0, _y(y1))], close=True, dxfattribs=attrs)
    blk.add_line((COLUMN_X, _y(y0)), (COLUMN_X, _y(y1)), dxfattribs=attrs)
    cx = COLUMN_X

    def attdef(tag: str, at: tuple[float, float], h: float) -> None:
        blk.add_attdef(tag, (at[0], _y(at[1])), dxfattribs={**attrs, "height": h, "style": STYLE})

    blk.add_line((cx, _y(TITLE_TOP)), (x1, _y(TITLE_TOP)), dxfattribs=attrs)
    attdef("TITTEL", (cx + 4, TITLE_TOP + 8.0), 5.0)
    attdef("UNDERTITTEL", (cx + 4, TITLE_TOP + 14.0), 3.2)
    top = TITLE_TOP + 22.5
    for label, tag in TITLE_ROWS:
        blk.add_line((cx, _y(top)), (x1, _y(top)), dxfattribs=attrs)
        blk.add_text(label, dxfattribs=_placed({**attrs, "height": 2.4, "style": STYLE},
                                               (cx + 2.5, _y(top + 3.9))))
        attdef(tag, (cx + 28.0, top + 4.0), 2.8)
        top += ROW_H
    blk.add_line((cx, _y(top)), (x1, _y(top)), dxfattribs=attrs)


def _title_attdefs(doc: Drawing) -> list[tuple[str, Vec3, dict]]:
    """The title block's attribute definitions: tag, insertion point and the other attributes an
    ATTRIB takes over from its ATTDEF."""
    out = []
    for attdef in doc.blocks.get(TITLE_BLOCK).attdefs():
        dxfattribs = attdef.dxfattribs(drop={"prompt", "handle"})
        at = dxfattribs.pop("insert")
        dxfattribs["align_point"] = at  # as the transformation writes it
        out.append((dxfattribs.pop("tag"), at, dxfattribs))
    return out


def _title_block(layout: Paperspace, attdefs: list[tuple[str, Vec3, dict]], values: dict[str, str],
                 rows: list[tuple[str, str]],
                 table: list[tuple[str, str]], scale: int, turn: float = 0.0) -> None:
    """The title block INSERT with its attributes, then the sheet's own rows and figures, the north
    arrow and the scale note, in paper millimetres (y up)."""
    attrs = {"layer": "G-ANNO-TTLB"}
    ref = layout.add_blockref(TITLE_BLOCK, (0, 0), dxfattribs=attrs)
    # an ATTRIB for each ATTDEF with its attributes, as add_auto_attribs fills them in, less its
    # transformation by the insert's matrix: the block is inserted at the origin, unscaled and unturned
    for tag, at, dxfattribs in attdefs:
        ref.add_attrib(tag, clean(values.get(tag, ""), 90), at, dxfattribs)

    def text(s: str, at: tuple[float, float], h: float,
             align: TextEntityAlignment = TextEntityAlignment.LEFT) -> None:
        placed = _placed({**attrs, "style": STYLE, "height": h}, (at[0], _y(at[1])), align)
        layout.add_text(clean(s, 90), dxfattribs=placed)

    # north arrow: the plan's y axis points north, turned with a turned view
    nx, ny = 330.0, 34.0
    a = math.radians(turn)

    def turned(dx: float, dy: float) -> tuple[float, float]:  # sheet mm from the arrow's centre, y down
        return (nx + dx * math.cos(a) + dy * math.sin(a), _y(ny - dx * math.sin(a) + dy * math.cos(a)))

    layout.add_circle((nx, _y(ny)), 9.0, dxfattribs=attrs)
    layout.add_lwpolyline([turned(0, -11), turned(4, 6), turned(0, 3), turned(-4, 6)], close=True,
                          dxfattribs=attrs)
    n_at = turned(0, -14)
    layout.add_text("N", dxfattribs=_placed({**attrs, "style": STYLE, "height": 5.0, "rotation": turn}, n_at,
                                            TextEntityAlignment.BOTTOM_CENTER))
    text(f"Målestokk 1:{scale} (A3)", (350.0, 30.0), 3.0)
    x0, x1 = COLUMN_X, FRAME[2]
    top = TITLE_TOP + 22.5 + ROW_H * len(TITLE_ROWS)
    rules = []
    for label, value in rows:
        text(label, (x0 + 2.5, top + 3.9), 2.4)
        text(value, (x0 + 28.0, top + 4.0), 2.8)
        top += ROW_H
        rules.append(top)
    for label, value in table:
        text(label, (x0 + 2.5, top + 4.3), 2.8)
        text(value, (x1 - 2.5, top + 4.3), 2.8, TextEntityAlignment.RIGHT)
        top += ROW_H
        rules.append(top)
    if rules:  # one polyline zigzags through the rules: its steps lie on the column line and the frame
        zigzag = [pt for k, v in enumerate(rules)
                  for pt in ((x0, _y(v)), (x1, _y(v)))[::1 if k % 2 == 0 else -1]]
        layout.add_lwpolyline(zigzag, dxfattribs=attrs)
