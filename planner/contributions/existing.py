"""A home that already stands: its plan read from a DXF drawing of the home.

The rooms are closed polylines on one layer (the user picks it: :func:`layers` lists
the layers that have closed polylines), drawn along the inside of the walls, so a
polygon's area is the room's net area. A room's name is a TEXT or MTEXT inside it
(the smallest room that holds it, on any layer); a room without one is "Rom 1",
"Rom 2" ... A closed polyline that holds other rooms and no name of its own is the
outline of the home (the building's footprint). Arcs (bulges) are read as straight
lines. The drawing's units come from ``$INSUNITS`` (mm, cm or m); without them a
drawing wider than 1000 units is taken to be in millimetres.

:func:`existing_plan` makes a plan/1 document with the building's ``status``
``existing``, ready for the family to plan painting, flooring and other work.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from planner.errors import PlannerError

MAX_BYTES = 20 * 1024 * 1024
UNIT_SCALE = {4: 0.001, 5: 0.01, 6: 1.0, 14: 0.1}
"""``$INSUNITS`` → metres (mm, cm, m, dm)."""

ROOM_WORDS: tuple[tuple[str, str], ...] = (
    (r"stue|living", "living"), (r"kjøkken|kjokken|kitchen", "kitchen"),
    (r"soverom|sov\b|bedroom|sov\s*\d", "bedroom"), (r"vaskerom|vask|laundry", "laundry"),
    (r"\bbad\b|baderom|bathroom|dusj", "bathroom"), (r"\bwc\b|toalett|do\b", "wc"),
    (r"entr[eé]|vindfang|entry", "entry"), (r"gang|hall", "hall"), (r"bod|lager|storage|sport", "storage"),
    (r"kontor|office|arbeidsrom", "office"), (r"trapp|stair", "stair"), (r"teknisk|technical", "technical"),
)
"""Words of a room's name (Norwegian or English) and the room type they give; else ``other``."""


class DxfImportError(PlannerError):
    """The DXF cannot be read, or holds no rooms on the chosen layer."""


@dataclass(frozen=True)
class Layer:
    """A layer of the drawing with how many closed polylines and texts it holds."""

    name: str
    closed_polylines: int
    texts: int


@dataclass(frozen=True)
class ImportedRoom:
    """One room read from the drawing (metres)."""

    name: str
    type: str
    polygon: list[list[float]]
    area_m2: float
    named: bool


def room_type(name: str) -> str:
    """The room type a name suggests.

    >>> room_type("Soverom 2"), room_type("Bad"), room_type("Stue/kjøkken"), room_type("Loft")
    ('bedroom', 'bathroom', 'living', 'other')
    """
    low = name.lower()
    return next((t for pattern, t in ROOM_WORDS if re.search(pattern, low)), "other")


def _read(data: bytes) -> Any:
    import ezdxf
    from ezdxf import recover

    if len(data) > MAX_BYTES:
        raise DxfImportError(f"the DXF is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        doc, _auditor = recover.read(io.BytesIO(data))
    except (ezdxf.DXFError, ValueError, UnicodeDecodeError, EOFError) as e:
        raise DxfImportError(f"not a DXF drawing that can be read ({type(e).__name__})") from None
    return doc


def _scale(doc: Any, extent: float) -> float:
    units = doc.header.get("$INSUNITS", 0)
    if units in UNIT_SCALE:
        return UNIT_SCALE[units]
    return 0.001 if extent > 1000 else 1.0


def _closed(e: Any) -> list[tuple[float, float]] | None:
    kind = e.dxftype()
    if kind == "LWPOLYLINE":
        pts = [(float(x), float(y)) for x, y, *_ in e.get_points("xy")]
        closed = bool(e.closed)
    elif kind == "POLYLINE" and not e.is_3d_polyline and not e.is_poly_face_mesh and not e.is_polygon_mesh:
        pts = [(float(v.dxf.location.x), float(v.dxf.location.y)) for v in e.vertices]
        closed = bool(e.is_closed)
    else:
        return None
    if len(pts) >= 2 and pts[0] == pts[-1]:
        pts, closed = pts[:-1], True
    return pts if closed and len(pts) >= 3 else None


def _texts(msp: Any) -> list[tuple[str, str, float, float]]:
    out = []
    for e in msp.query("TEXT MTEXT"):
        if e.dxftype() == "MTEXT":
            text, at = e.plain_text(), e.dxf.insert
        else:
            text, at = e.plain_text() if hasattr(e, "plain_text") else e.dxf.text, e.dxf.insert
            if e.dxf.hasattr("align_point") and (e.dxf.get("halign", 0) or e.dxf.get("valign", 0)):
                at = e.dxf.align_point
        text = " ".join(str(text).split())
        if text:
            out.append((e.dxf.layer, text[:120], float(at.x), float(at.y)))
    return out


def layers(data: bytes) -> list[Layer]:
    """The layers with closed polylines, most first (what the user picks from)."""
    doc = _read(data)
    msp = doc.modelspace()
    counts: dict[str, list[int]] = {}
    for e in msp.query("LWPOLYLINE POLYLINE"):
        if _closed(e):
            counts.setdefault(e.dxf.layer, [0, 0])[0] += 1
    for layer, *_ in _texts(msp):
        if layer in counts:
            counts[layer][1] += 1
    found = [Layer(n, c[0], c[1]) for n, c in counts.items()]
    return sorted(found, key=lambda x: (-x.closed_polylines, x.name))


def read_rooms(data: bytes, layer: str) -> tuple[list[ImportedRoom], list[list[float]] | None]:
    """The rooms on ``layer`` and the home's outline (``None`` when the drawing has none)."""
    from shapely import Point, Polygon, make_valid
    from shapely.geometry.polygon import orient

    doc = _read(data)
    msp = doc.modelspace()
    rings = [pts for e in msp.query("LWPOLYLINE POLYLINE") if e.dxf.layer == layer and (pts := _closed(e))]
    if not rings:
        raise DxfImportError(f"layer '{layer}' has no closed polylines (rooms)")
    if len(rings) > 500:
        raise DxfImportError(f"layer '{layer}' has {len(rings)} closed polylines; at most 500 rooms are read")
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    s = _scale(doc, max(max(xs) - min(xs), max(ys) - min(ys)))
    polys = []
    for r in rings:
        p = Polygon([(x * s, y * s) for x, y in r])
        if not p.is_valid:
            p = make_valid(p)
            if p.geom_type != "Polygon":
                raise DxfImportError(f"a room on layer '{layer}' crosses itself and cannot be read")
        if p.area > 0.05:
            polys.append(orient(p, 1.0))
    texts = _texts(msp)
    names: dict[int, str] = {}
    for _layer, text, x, y in texts:
        pt = Point(x * s, y * s)
        holding = [i for i, p in enumerate(polys) if p.contains(pt)]
        if holding:
            i = min(holding, key=lambda j: polys[j].area)
            names.setdefault(i, text)
    outline = None
    rooms_idx = list(range(len(polys)))
    for i, p in enumerate(polys):
        inner = [j for j in range(len(polys)) if j != i and p.buffer(0.01).contains(polys[j])]
        if inner and i not in names:
            outline = i
            rooms_idx = [j for j in rooms_idx if j != i]
            break
    rooms, n = [], 0
    for i in rooms_idx:
        p = polys[i]
        coords = [[round(x, 4), round(y, 4)] for x, y in list(p.exterior.coords)[:-1]]
        named = i in names
        if not named:
            n += 1
        name = names.get(i) or f"Rom {n}"
        rooms.append(ImportedRoom(name, room_type(name), coords, float(p.area), named))
    out = None
    if outline is not None:
        out = [[round(x, 4), round(y, 4)] for x, y in list(polys[outline].exterior.coords)[:-1]]
    return rooms, out


def existing_plan(rooms: list[ImportedRoom], outline: list[list[float]] | None, *, project: str,
                  municipality: str, household: str = "Husstanden", household_id: str = "h1",
                  members: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A plan/1 document (a dict) of the home: one building, ``status: existing``, its rooms.

    Without an outline the footprint is the rooms' outline grown by 0.1 m (an outer wall);
    the plot is the footprint grown by 2 m, without a regulation of its own.
    """
    from shapely import Polygon, union_all

    if not rooms:
        raise DxfImportError("no rooms to import")
    polys = [Polygon(r.polygon) for r in rooms]
    if outline is None:
        foot = union_all([p.buffer(0.1, join_style="mitre") for p in polys]).convex_hull
    else:
        foot = Polygon(outline).union(union_all(polys)).buffer(0.0)
        if foot.geom_type != "Polygon":
            foot = foot.convex_hull
    foot = foot.simplify(0.001)
    plot = foot.buffer(2.0, join_style="mitre").minimum_rotated_rectangle

    def ring(p: Any) -> list[list[float]]:
        p = p if p.exterior.is_ccw else p.reverse()
        return [[round(x, 3), round(y, 3)] for x, y in list(p.exterior.coords)[:-1]]

    used: set[str] = set()
    out_rooms = []
    for i, r in enumerate(rooms, 1):
        rid = re.sub(r"[^a-z0-9]+", "-", r.name.lower().replace("ø", "o").replace("æ", "ae")
                     .replace("å", "a")).strip("-") or f"rom-{i}"
        rid = f"r-{rid}"
        while rid in used:
            rid += f"-{i}"
        used.add(rid)
        out_rooms.append({"id": rid, "type": r.type, "name": r.name, "storey": 1, "polygon": r.polygon})
    return {
        "format": "plan/1", "units": "m",
        "project": {"name": project, "municipality": municipality},
        "plot": {"boundary": ring(plot), "road_edges": [0]},
        "households": [{"id": household_id, "name": household, "members": members or [{"role": "adult"}]}],
        "buildings": [{"id": "b1", "household": household_id, "status": "existing", "storeys": 1,
                       "footprint": ring(foot), "rooms": out_rooms}],
    }
