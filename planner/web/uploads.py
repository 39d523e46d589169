"""Plot boundaries from the municipality's files: GeoJSON or DXF (closed polylines by layer).

Each reader returns candidates ``(label, coords)``; nothing here stores anything,
so a file that cannot be used changes nothing.
"""

from __future__ import annotations

import io
import math
from typing import Any

from planner.errors import PlannerError
from planner.web import limits, safejson
from planner.web.fields import clean_label


class UploadError(PlannerError):
    """The file cannot be used; the message says why in plain words (English key)."""


Candidate = tuple[str, list[list[float]]]


def _clean(coords: list[Any], max_vertices: int) -> list[list[float]]:
    """Finite ``[x, y]`` pairs without a repeated closing vertex, capped in number.

    >>> _clean([[0, 0], [1, 0], [1, 1], [0, 0]], 10)
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    """
    if not isinstance(coords, (list, tuple)):
        raise UploadError("an outline is not a list of corners")
    if len(coords) > max_vertices + 1:
        raise UploadError("too many corners")
    out: list[list[float]] = []
    for p in coords:
        if not isinstance(p, (list, tuple)) or len(p) < 2:
            raise UploadError("a corner is not a pair of numbers")
        x, y = p[0], p[1]
        if isinstance(x, bool) or isinstance(y, bool) or not isinstance(x, (int, float)) \
                or not isinstance(y, (int, float)) or not (math.isfinite(x) and math.isfinite(y)):
            raise UploadError("a corner is not a pair of numbers")
        if abs(x) > limits.MAX_COORDINATE or abs(y) > limits.MAX_COORDINATE:
            raise UploadError("a corner is too far away")
        out.append([round(float(x), 3), round(float(y), 3)])
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) > max_vertices:
        raise UploadError("too many corners")
    if len(out) < 3:
        raise UploadError("fewer than three corners")
    return out


def _geojson_polygons(doc: Any) -> list[tuple[str, list[Any]]]:
    """Outer rings of every Polygon/MultiPolygon in a GeoJSON document, with a label."""
    found: list[tuple[str, list[Any]]] = []

    def geometry(geom: Any, label: str) -> None:
        if not isinstance(geom, dict):
            return
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind == "Polygon" and isinstance(coords, list) and coords:
            found.append((label, coords[0]))
        elif kind == "MultiPolygon" and isinstance(coords, list):
            for i, poly in enumerate(coords):
                if isinstance(poly, list) and poly:
                    found.append((f"{label} {i + 1}", poly[0]))
        elif kind == "GeometryCollection" and isinstance(geom.get("geometries"), list):
            for i, sub in enumerate(geom["geometries"]):
                geometry(sub, f"{label} {i + 1}")

    if not isinstance(doc, dict):
        return found
    if doc.get("type") == "FeatureCollection":
        features = doc.get("features") or []
        if not isinstance(features, list):
            return found
        if len(features) > limits.MAX_FEATURES:
            raise UploadError("too many features")
        for i, feat in enumerate(features):
            if isinstance(feat, dict):
                props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
                name = props.get("name") or props.get("navn") or f"#{i + 1}"
                geometry(feat.get("geometry"), clean_label(str(name), 60) or f"#{i + 1}")
    elif doc.get("type") == "Feature":
        geometry(doc.get("geometry"), "#1")
    else:
        geometry(doc, "#1")
    return found


def read_geojson(data: bytes, max_vertices: int) -> list[Candidate]:
    """Plot candidates from GeoJSON bytes.

    >>> read_geojson(b'{"type": "Polygon", "coordinates": [[[0,0],[4,0],[4,3],[0,0]]]}', 100)
    [('#1', [[0.0, 0.0], [4.0, 0.0], [4.0, 3.0]])]
    """
    try:
        doc = safejson.loads(data)
    except safejson.UnsafeJSON as e:
        raise UploadError("not GeoJSON" if e.reason == "syntax" else f"json:{e.reason}") from None
    polys = _geojson_polygons(doc)
    if not polys:
        raise UploadError("no polygon")
    return _candidates((label, _clean(ring, max_vertices)) for label, ring in polys)


def _candidates(found: Any) -> list[Candidate]:
    """The outlines found, each bounded in size, at most :data:`limits.MAX_CANDIDATES` of them."""
    out: list[Candidate] = []
    for label, coords in found:
        out.append((label, coords))
        if len(out) > limits.MAX_CANDIDATES:
            raise UploadError("too many polylines")
    return out


def read_candidates(text: str, max_vertices: int) -> list[Candidate]:
    """The candidates a choice form carries back (a hidden field, so checked like an upload).

    >>> read_candidates('[["a", [[0, 0], [4, 0], [4, 3]]]]', 10)
    [('a', [[0.0, 0.0], [4.0, 0.0], [4.0, 3.0]])]
    """
    try:
        doc = safejson.loads(text, max_depth=4)
    except safejson.UnsafeJSON:
        raise UploadError("not candidates") from None
    if not isinstance(doc, list) or not doc or len(doc) > limits.MAX_CANDIDATES:
        raise UploadError("not candidates")
    out: list[Candidate] = []
    for c in doc:
        if not isinstance(c, list) or len(c) != 2 or not isinstance(c[0], str):
            raise UploadError("not candidates")
        out.append((clean_label(c[0], 60), _clean(c[1], max_vertices)))
    return out


def read_dxf(data: bytes, max_vertices: int) -> list[Candidate]:
    """Closed polylines of a DXF file, one candidate per polyline, labelled by layer."""
    import ezdxf
    from ezdxf.lldxf.const import DXFError

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        doc = ezdxf.read(io.StringIO(text))
        entities = list(doc.modelspace().query("LWPOLYLINE POLYLINE"))
    except (DXFError, ValueError, EOFError, UnicodeError, IndexError, KeyError, OverflowError, TypeError,
            AttributeError, RecursionError):  # what ezdxf raises on a broken file (1e999 as an integer, ...)
        raise UploadError("not DXF") from None
    if len(entities) > limits.MAX_FEATURES:
        raise UploadError("too many polylines")
    found: list[Candidate] = []
    for entity in entities:
        try:
            if not entity.closed and not _closes(entity):
                continue
            if entity.dxftype() == "LWPOLYLINE":
                pts = [[p[0], p[1]] for p in entity.get_points("xy")]
            else:
                pts = [[v.dxf.location.x, v.dxf.location.y] for v in entity.vertices]
            layer = clean_label(str(entity.dxf.layer), 60) or "0"
        except (DXFError, ValueError, IndexError, KeyError, OverflowError, TypeError, AttributeError):
            raise UploadError("not DXF") from None
        found.append((layer, _clean(pts, max_vertices)))
        if len(found) > limits.MAX_CANDIDATES:
            raise UploadError("too many polylines")
    if not found:
        raise UploadError("no closed polyline")
    return found


def _closes(entity: Any) -> bool:
    """Whether an open polyline's last vertex is its first (drawn closed by hand)."""
    try:
        pts = (list(entity.get_points("xy")) if entity.dxftype() == "LWPOLYLINE"
               else [(v.dxf.location.x, v.dxf.location.y) for v in entity.vertices])
    except Exception:  # noqa: BLE001 - an unreadable polyline is not a candidate
        return False
    return len(pts) > 3 and math.dist(pts[0][:2], pts[-1][:2]) < 1e-6


def read_plot_file(filename: str, data: bytes, max_vertices: int) -> list[Candidate]:
    """Candidates from an uploaded file, by its name's ending."""
    name = filename.lower()
    if name.endswith(".dxf"):
        return read_dxf(data, max_vertices)
    if name.endswith((".geojson", ".json")):
        return read_geojson(data, max_vertices)
    raise UploadError("unknown kind")


def to_local(coords: list[list[float]]) -> tuple[list[list[float]], tuple[float, float]]:
    """Shift georeferenced coordinates so the south-west corner is (0, 0); returns the shift.

    >>> to_local([[567890.5, 6545678.0], [567900.5, 6545678.0], [567900.5, 6545688.0]])
    ([[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]], (567890.5, 6545678.0))
    """
    x0 = min(p[0] for p in coords)
    y0 = min(p[1] for p in coords)
    if abs(x0) < 10_000 and abs(y0) < 10_000:
        return coords, (0.0, 0.0)
    return [[round(p[0] - x0, 3), round(p[1] - y0, 3)] for p in coords], (x0, y0)
