"""The municipality's map extract (kartutsnitt) for a plot: neighbouring plots, buildings and roads.

Reads what a municipality exports for a building application and brings it into the plan's
local system through ``origin`` (local = map coordinates − origin E/N):

- **DXF** (an FKB-like export): closed outlines on plot layers (``EIENDOM``, ``TEIG``,
  ``GRENSE`` ...), on building layers (``BYGNING``, ``BYGG`` ...; ``RIVES``/``REVET`` in the
  layer name: to be demolished, ``NY``/``PLANLAGT``: new), road centre lines on road layers
  (``VEG``, ``SENTERLINJE`` ...). Gnr/bnr as TEXT/MTEXT ``12/345`` inside a plot or as the
  attributes ``GNR``/``BNR`` (``ADRESSE``) of a block inserted inside it; an address as other
  text inside the plot; a road's name as text on a road layer, given to the nearest centre line.
- **GeoJSON**: features with ``objtype``/``type``/``kind`` (``Teig``/``plot``,
  ``Bygning``/``building``, ``VegSenterlinje``/``Veglenke``/``road``) and the properties
  ``gnr``, ``bnr``, ``adresse``/``address``, ``navn``/``name``, ``status``, ``bygningstype``.
- **GML** (GML 2 or 3, read with the standard library's ``xml.etree``): each feature's element
  name says what it is (as in GeoJSON), its child elements the properties, its ``posList`` or
  ``coordinates`` the geometry.

SOSI is not read: the one SOSI package found on PyPI (``sosilogikk``) was not taken into the
tool; a municipality can export its FKB extract as DXF, GeoJSON or GML instead.

The core does no I/O: :func:`read` takes bytes, :func:`apply` returns a new plan.
"""

from __future__ import annotations

import copy
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import shapely
from shapely import LineString, Point, Polygon

from planner.errors import PlannerError
from planner.model import NeighbourBuilding, NeighbourPlot, Neighbours, Origin, Plan, Road

__all__ = ["FORMATS", "MapExtract", "MapExtractError", "MapPlot", "MapRoad", "apply", "read"]

FORMATS = ("dxf", "geojson", "gml")
MAX_FEATURES = 5000
"""Most outlines and lines one extract may hold."""
MAX_BYTES = 20_000_000
_GNR_BNR = re.compile(r"^\s*(?:gnr\.?\s*)?(\d{1,5})\s*/\s*(?:bnr\.?\s*)?(\d{1,5})\s*$", re.IGNORECASE)
_PLOT_WORDS = ("EIENDOM", "TEIG", "GRENSE", "PLOT", "PARCEL", "MATRIKKEL")
_BUILDING_WORDS = ("BYGNING", "BYGG", "BUILDING", "HUS")
_ROAD_WORDS = ("SENTERLINJE", "VEG", "VEI", "ROAD", "GATE", "CENTRE", "CENTER")
_DEMOLISH_WORDS = ("RIVES", "REVET", "RIVING", "DEMOL")
_NEW_WORDS = ("PLANLAGT", "PROSJEKT", "_NY", "-NY", " NY", "NEW")
_ADDRESS_WORDS = ("ADRESSE", "ADDRESS")


class MapExtractError(PlannerError):
    """The file cannot be read as a map extract (the message says why, for the person who uploaded it)."""


@dataclass
class MapPlot:
    boundary: list[list[float]]
    gnr: int | None = None
    bnr: int | None = None
    address: str | None = None


@dataclass
class MapBuilding:
    footprint: list[list[float]]
    kind: str | None = None
    status: str = "existing"


@dataclass
class MapRoad:
    centreline: list[list[float]]
    name: str | None = None


@dataclass
class MapExtract:
    """What one map extract holds, in the plan's local metres."""

    plots: list[MapPlot] = field(default_factory=list)
    buildings: list[MapBuilding] = field(default_factory=list)
    roads: list[MapRoad] = field(default_factory=list)
    source: str = ""
    date: str = ""


# --------------------------------------------------------------------------- reading


def read(data: bytes, filename: str, origin: Origin | None, *, source: str = "",
         date: str = "") -> MapExtract:
    """The extract in ``data`` (its kind from ``filename``'s suffix), in local metres."""
    if len(data) > MAX_BYTES:
        raise MapExtractError("the map file is too large")
    kind = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = {"json": "geojson"}.get(kind, kind)
    if kind not in FORMATS:
        raise MapExtractError(f"the map file must be DXF, GeoJSON or GML (.{kind[:10]} is none of these)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise MapExtractError("the map file is not text (DXF, GeoJSON and GML are text files)") from None
    if "\x00" in text:
        raise MapExtractError("the map file holds NUL characters: it is not a DXF, GeoJSON or GML file")
    out = {"dxf": _read_dxf, "geojson": _read_geojson, "gml": _read_gml}[kind](text)
    out.source, out.date = source[:120], date[:40]
    _to_local(out, origin)
    if not (out.plots or out.buildings or out.roads):
        raise MapExtractError("the map file has no plots, buildings or roads that could be read")
    return out


def _to_local(extract: MapExtract, origin: Origin | None) -> None:
    pts = [p for g in _all_coords(extract) for p in g]
    if not pts:
        return
    big = max(max(abs(x), abs(y)) for x, y in pts) > 100_000
    if big and origin is None:
        raise MapExtractError("the map is in map coordinates (UTM); give the plan an origin "
                              "(crs, e, n) first")
    if origin is None:
        return
    de, dn = (origin.e, origin.n) if big else (0.0, 0.0)
    for coords in _all_coords(extract):
        for p in coords:
            p[0], p[1] = round(p[0] - de, 3), round(p[1] - dn, 3)


def _all_coords(extract: MapExtract) -> list[list[list[float]]]:
    return ([p.boundary for p in extract.plots] + [b.footprint for b in extract.buildings]
            + [r.centreline for r in extract.roads])


def _has(name: str, words: tuple[str, ...]) -> bool:
    up = name.upper()
    return any(w in up for w in words)


def _status(name: str) -> str:
    if _has(name, _DEMOLISH_WORDS):
        return "demolish"
    if _has(" " + name, _NEW_WORDS):
        return "new"
    return "existing"


def _building_kind(name: str) -> str | None:
    up = name.upper()
    if "GARASJE" in up or "GARAGE" in up or "CARPORT" in up:
        return "garage"
    if "UTHUS" in up or "ANNEKS" in up or "BOD" in up:
        return "annex"
    if "BOLIG" in up or "DWELLING" in up or "ENEBOLIG" in up:
        return "dwelling"
    return None


def _ring(coords) -> list[list[float]] | None:
    pts = [[float(c[0]), float(c[1])] for c in coords]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    if len(pts) < 3 or not all(math.isfinite(v) for p in pts for v in p):
        return None
    poly = Polygon(pts)
    return pts if poly.is_valid and poly.area > 0 else None


def _line(coords) -> list[list[float]] | None:
    pts = [[float(c[0]), float(c[1])] for c in coords]
    if len(pts) < 2 or not all(math.isfinite(v) for p in pts for v in p):
        return None
    return pts


def _read_dxf(text: str) -> MapExtract:
    import io

    import ezdxf

    try:
        doc = ezdxf.read(io.StringIO(text))
    except (ezdxf.DXFError, ValueError, TypeError, IndexError, KeyError):
        raise MapExtractError("the DXF file cannot be read") from None
    msp = doc.modelspace()
    scale = 0.001 if doc.header.get("$INSUNITS", 6) == 4 else 1.0
    out = MapExtract()
    texts: list[tuple[str, str, tuple[float, float]]] = []
    attribs: list[tuple[dict[str, str], tuple[float, float]]] = []
    count = 0
    for e in msp:
        count += 1
        if count > MAX_FEATURES * 4:
            raise MapExtractError(f"the DXF file has more than {MAX_FEATURES * 4} entities")
        layer = e.dxf.get("layer", "0")
        t = e.dxftype()
        if t in ("LWPOLYLINE", "POLYLINE", "LINE"):
            if t == "LINE":
                pts, closed = [e.dxf.start, e.dxf.end], False
            elif t == "LWPOLYLINE":
                pts, closed = [(p[0], p[1]) for p in e.get_points("xy")], e.closed
            else:
                pts, closed = [(v.dxf.location.x, v.dxf.location.y) for v in e.vertices], e.is_closed
            pts = [(p[0] * scale, p[1] * scale) for p in pts]
            if closed or (len(pts) > 3 and pts[0] == pts[-1]):
                ring = _ring(pts)
                if ring is None:
                    continue
                if _has(layer, _BUILDING_WORDS):
                    out.buildings.append(MapBuilding(ring, _building_kind(layer), _status(layer)))
                elif _has(layer, _PLOT_WORDS):
                    out.plots.append(MapPlot(ring))
            elif _has(layer, _ROAD_WORDS):
                line = _line(pts)
                if line:
                    out.roads.append(MapRoad(line))
        elif t in ("TEXT", "MTEXT"):
            value = e.plain_text() if t == "MTEXT" else e.dxf.text
            at = e.dxf.insert
            texts.append((layer, " ".join(str(value).split())[:120], (at.x * scale, at.y * scale)))
        elif t == "INSERT":
            values = {a.dxf.tag.upper(): " ".join(a.dxf.text.split())[:120] for a in e.attribs}
            if values:
                attribs.append((values, (e.dxf.insert.x * scale, e.dxf.insert.y * scale)))
    _attach_texts(out, texts, attribs)
    return out


def _attach_texts(out: MapExtract, texts, attribs) -> None:
    """Gnr/bnr and addresses to the plot they sit in; road names to the nearest centre line."""
    polys = [Polygon(p.boundary) for p in out.plots]
    order = sorted(range(len(polys)), key=lambda i: polys[i].area)  # the smallest plot holding the text

    def plot_at(at) -> MapPlot | None:
        pt = Point(at)
        for i in order:
            if polys[i].covers(pt):
                return out.plots[i]
        return None

    for values, at in attribs:
        plot = plot_at(at)
        if plot is None:
            continue
        if values.get("GNR", "").isdigit():
            plot.gnr = int(values["GNR"])
        if values.get("BNR", "").isdigit():
            plot.bnr = int(values["BNR"])
        address = values.get("ADRESSE") or values.get("ADDRESS")
        if address:
            plot.address = address
    lines = [LineString(r.centreline) for r in out.roads]
    for layer, value, at in texts:
        if not value:
            continue
        m = _GNR_BNR.match(value)
        if _has(layer, _ROAD_WORDS) and not m and lines:
            d = shapely.distance(Point(at), lines)
            k = int(d.argmin())
            if out.roads[k].name is None and d[k] < 30:
                out.roads[k].name = value
            continue
        plot = plot_at(at)
        if plot is None:
            continue
        if m:
            plot.gnr, plot.bnr = int(m.group(1)), int(m.group(2))
        elif plot.address is None and (_has(layer, _ADDRESS_WORDS) or re.search(r"\d", value)):
            plot.address = value


def _kind_of(name: str) -> str | None:
    """``plot``, ``building`` or ``road`` from a feature's type name (FKB or plain English)."""
    n = name.lower()
    if n in ("plot", "teig", "eiendom", "eiendomsgrense", "parcel") or "teig" in n:
        return "plot"
    if n in ("building", "bygning", "bygg") or "bygning" in n:
        return "building"
    if n in ("road", "veg", "vei", "veglenke", "vegsenterlinje") or "senterlinje" in n or "veglenke" in n:
        return "road"
    return None


def _int(v) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


def _text(v) -> str | None:
    if v is None:
        return None
    s = " ".join(str(v).split())[:120]
    return s or None


def _add_feature(out: MapExtract, kind: str | None, props: dict, rings: list, lines: list) -> None:
    low = {str(k).lower(): v for k, v in props.items()}
    if kind is None:
        name = low.get("objtype") or low.get("type") or low.get("kind") or low.get("layer") or ""
        kind = _kind_of(str(name))
    if kind == "plot":
        for r in rings:
            gnr, bnr = _int(low.get("gnr")), _int(low.get("bnr"))
            mnr = _text(low.get("matrikkelnummer"))
            if (gnr is None or bnr is None) and mnr and _GNR_BNR.match(mnr):
                m = _GNR_BNR.match(mnr)
                gnr, bnr = int(m.group(1)), int(m.group(2))
            out.plots.append(MapPlot(r, gnr, bnr, _text(low.get("adresse") or low.get("address"))))
    elif kind == "building":
        status = str(low.get("status") or "existing").lower()
        status = {"eksisterende": "existing", "ny": "new", "planlagt": "new", "rives": "demolish",
                  "revet": "demolish"}.get(status, status)
        status = status if status in ("existing", "new", "demolish") else "existing"
        kind_text = str(low.get("bygningstype") or low.get("building_kind") or low.get("kind") or "")
        for r in rings:
            out.buildings.append(MapBuilding(r, _building_kind(kind_text) or (
                kind_text if kind_text in ("dwelling", "garage", "annex") else None), status))
    elif kind == "road":
        name = _text(low.get("navn") or low.get("name") or low.get("gatenavn") or low.get("adressenavn"))
        for line in lines:
            out.roads.append(MapRoad(line, name))


def _geojson_geometry(g) -> tuple[list, list]:
    if not isinstance(g, dict):
        return [], []
    t, c = g.get("type"), g.get("coordinates")
    try:
        if t == "Polygon":
            r = _ring(c[0])
            return ([r] if r else []), []
        if t == "MultiPolygon":
            return [r for r in (_ring(p[0]) for p in c) if r], []
        if t == "LineString":
            line = _line(c)
            return [], ([line] if line else [])
        if t == "MultiLineString":
            return [], [x for x in (_line(p) for p in c) if x]
    except (TypeError, IndexError, ValueError):
        raise MapExtractError("a GeoJSON geometry has coordinates that are not numbers") from None
    return [], []


def _read_geojson(text: str) -> MapExtract:
    try:
        doc = json.loads(text, parse_constant=lambda name: float("nan"))
    except (ValueError, RecursionError):
        raise MapExtractError("the GeoJSON file is not valid JSON") from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        raise MapExtractError("the GeoJSON file has no feature collection")
    if len(features) > MAX_FEATURES:
        raise MapExtractError(f"the GeoJSON file has more than {MAX_FEATURES} features")
    out = MapExtract()
    for f in features:
        if not isinstance(f, dict):
            continue
        props = f.get("properties") if isinstance(f.get("properties"), dict) else {}
        rings, lines = _geojson_geometry(f.get("geometry"))
        _add_feature(out, None, props, rings, lines)
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _positions(el: ET.Element) -> list[list[list[float]]]:
    """Every coordinate list (posList, coordinates or pos run) under ``el``."""
    out = []
    for sub in el.iter():
        name = _local(sub.tag)
        if name == "posList" and sub.text:
            dim = int(sub.get("srsDimension") or sub.get("dimension") or 2)
            nums = [float(v) for v in sub.text.split()]
            out.append([nums[i:i + 2] for i in range(0, len(nums) - dim + 1, dim)])
        elif name == "coordinates" and sub.text:
            out.append([[float(v) for v in p.split(",")[:2]] for p in sub.text.split()])
    return out


def _read_gml(text: str) -> MapExtract:
    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise MapExtractError("the GML file declares entities; they are not accepted")
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise MapExtractError("the GML file is not well-formed XML") from None
    out = MapExtract()
    members = [m for m in root.iter() if _local(m.tag) in ("featureMember", "member", "featureMembers")]
    features = [f for m in members for f in list(m)] or list(root)
    if len(features) > MAX_FEATURES:
        raise MapExtractError(f"the GML file has more than {MAX_FEATURES} features")
    for f in features:
        kind = _kind_of(_local(f.tag))
        props = {}
        for child in f:
            if len(child) == 0 and child.text and child.text.strip():
                props[_local(child.tag)] = child.text.strip()
        try:
            coords = _positions(f)
        except ValueError:
            raise MapExtractError("a GML geometry has coordinates that are not numbers") from None
        polygonal = any(_local(s.tag) in ("Polygon", "Surface", "PolygonPatch", "LinearRing")
                        for s in f.iter())
        rings = [r for r in (_ring(c) for c in coords) if r] if polygonal else []
        lines = [x for x in (_line(c) for c in coords) if x] if not polygonal else []
        if kind is None:
            kind = _kind_of(str(props.get("objtype") or props.get("type") or props.get("kind") or ""))
        _add_feature(out, kind, props, rings[:1] if kind == "plot" else rings, lines)
    return out


# --------------------------------------------------------------------------- into the plan


def apply(plan: Plan, extract: MapExtract) -> Plan:
    """A copy of ``plan`` with ``plot.neighbours`` and ``plot.roads`` from the extract.

    The plan's own plot (the extract's plot that covers most of it) is not a neighbour; its gnr/bnr
    fill the project's when those are empty. Each road edge of the plot gets the road whose centre
    line runs nearest along it, with its name and centre line; the map's source and date are kept
    with the neighbours (``extra``: ``source``, ``date``).
    """
    out = copy.deepcopy(plan)
    own = Polygon(plan.plot.boundary)
    plots, buildings = [], []
    for p in extract.plots:
        poly = Polygon(p.boundary)
        share = poly.intersection(own).area / own.area if own.is_valid and own.area > 0 else 0.0
        if share > 0.5:
            if out.project.gnr is None and p.gnr is not None:
                out.project.gnr, out.project.bnr = p.gnr, p.bnr
            continue
        plots.append(NeighbourPlot(boundary=p.boundary, gnr=p.gnr, bnr=p.bnr, address=p.address))
    for b in extract.buildings:
        fp = Polygon(b.footprint)
        if own.is_valid and fp.representative_point().within(own) and b.status != "demolish" \
                and any(Polygon(x.footprint).intersects(fp) for x in plan.buildings):
            continue  # the plan's own building, drawn from the plan
        buildings.append(NeighbourBuilding(footprint=b.footprint, kind=b.kind, status=b.status))
    extra = {k: v for k, v in (("source", extract.source), ("date", extract.date)) if v}
    out.plot.neighbours = Neighbours(plots=plots, buildings=buildings, extra=extra)
    roads = []
    ring = plan.plot.boundary
    lines = [LineString(r.centreline) for r in extract.roads]
    for edge in sorted(set(plan.plot.road_edges)):
        if not lines or edge >= len(ring):
            continue
        seg = LineString([ring[edge], ring[(edge + 1) % len(ring)]])
        mid = seg.interpolate(0.5, normalized=True)
        k = int(shapely.distance(mid, lines).argmin())
        old = plan.plot.road(edge)
        roads.append(Road(edge=edge, kind=old.kind if old else "municipal", name=extract.roads[k].name,
                          centreline=extract.roads[k].centreline))
    if roads:
        kept = [r for r in plan.plot.roads or [] if r.edge not in {x.edge for x in roads}]
        out.plot.roads = sorted(kept + roads, key=lambda r: r.edge)
    return out
