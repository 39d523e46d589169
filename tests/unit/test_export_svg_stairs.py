"""A stair's label never crosses its treads, on the sheets and in the DXF (issue 14, defect 4).

Each label line's box is computed from its text extent (font size, the mean character width,
anchor or alignment and rotation) and tested against every tread line, the walking line and
the break line as drawn: the SVG's stair strokes, the DXF's A-FLOR-STRS lines and polylines.
A narrow stair (0.9 m clear) has treads from wall to wall: its label stands beside it with a
leader.
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import ezdxf
import pytest
import shapely
from svg_text import NS, text_box

from planner import model
from planner.export import floor_svgs, plan_dxf
from planner.export.sheet import CHAR

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((ROOT / "layouts").glob("*.json")) + [DATA / "haugen-nanset.plan.json"]
TWO_STOREYS = ROOT / "layouts" / "enebolig-to-etasjer.json"
SEGMENT = re.compile(r"M([-\d.]+),([-\d.]+) L([-\d.]+),([-\d.]+)")


def narrow_stair_doc() -> dict:
    """The two-storey sample with its stair 1.0 m between wall centres (0.9 m clear), the kitchen and
    the storeroom beside it grown to fill."""
    doc = json.loads(TWO_STOREYS.read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    rooms = {r["id"]: r for r in doc["buildings"][0]["rooms"]}
    rooms["trapp1"]["polygon"] = [[9.8, 16.6], [10.8, 16.6], [10.8, 20.4], [9.8, 20.4]]
    rooms["trapp2"]["polygon"] = [[9.8, 17.8], [10.8, 17.8], [10.8, 20.4], [9.8, 20.4]]
    rooms["kjokken"]["polygon"] = [[9.4, 12.0], [13.2, 12.0], [13.2, 20.4], [10.8, 20.4], [10.8, 16.6],
                                   [9.4, 16.6]]
    rooms["bod2"]["polygon"] = [[10.8, 17.8], [13.2, 17.8], [13.2, 20.4], [10.8, 20.4]]
    return doc


@cache
def _plan(name: str) -> model.Plan:
    if name == "narrow-stair":
        return model.from_dict(narrow_stair_doc())
    return model.loads(next(p for p in SAMPLES if p.stem == name).read_text(encoding="utf-8"))


CASES = [p.stem for p in SAMPLES] + ["narrow-stair"]


def _stair_ids(plan: model.Plan) -> set[str]:
    return {r.id for b in plan.buildings for r in b.rooms if r.type == "stair"}


def _svg_stair_lines(root: ET.Element) -> list[shapely.LineString]:
    lines = []
    for g in root.iter(NS + "g"):
        if g.get("class") != "stairs":
            continue
        for el in g.iter():
            if el.tag == NS + "path" and el.get("stroke-width") == "0.18":  # the treads
                lines += [shapely.LineString([(float(a), float(b)), (float(c), float(d))])
                          for a, b, c, d in SEGMENT.findall(el.get("d", ""))]
            elif el.tag == NS + "polyline":  # the walking line and the break line
                pts = [tuple(map(float, q.split(","))) for q in el.get("points").split()]
                lines.append(shapely.LineString(pts))
    return lines


def _room_labels(root: ET.Element) -> list[ET.Element]:
    """Each room's label group (``g.room-labels > g[data-room]``)."""
    return [sub for g in root.iter(NS + "g") if g.get("class") == "room-labels" for sub in g]


def svg_crossings(svg: str, stair_ids: set[str]) -> list[tuple[str, str]]:
    """(room, text) of every stair label line whose box crosses a tread, walking or break line."""
    root = ET.fromstring(svg)
    lines = _svg_stair_lines(root)
    out = []
    for g in _room_labels(root):
        if g.get("data-room") in stair_ids:
            for t in g.iter(NS + "text"):
                box = text_box(t)
                if any(box.intersects(line) for line in lines):
                    out.append((g.get("data-room"), "".join(t.itertext())))
    return out


def _dxf_box(e) -> shapely.Polygon:
    """A TEXT's box from its alignment point (centre of the baseline) or insertion point (start)."""
    h = e.dxf.height
    w = len(e.dxf.text) * h * CHAR
    centred = e.dxf.get("halign", 0) in (1, 4)
    p = e.dxf.align_point if centred else e.dxf.insert
    x, y = p.x, p.y
    x0 = x - w / 2 if centred else x
    box = shapely.box(x0, y - 0.18 * h, x0 + w, y + 0.72 * h)
    return shapely.affinity.rotate(box, e.dxf.get("rotation", 0.0), origin=(x, y))


def dxf_crossings(data: bytes) -> list[str]:
    """Room label texts (A-AREA-IDEN: every room's name, area and rise × going) whose box crosses a
    line of a stair."""
    doc = ezdxf.read(io.StringIO(data.decode("utf-8")))
    msp = doc.modelspace()
    lines = [shapely.LineString([(e.dxf.start.x, e.dxf.start.y), (e.dxf.end.x, e.dxf.end.y)])
             for e in msp.query('LINE[layer=="A-FLOR-STRS"]')]
    lines += [shapely.LineString(list(e.get_points("xy")))
              for e in msp.query('LWPOLYLINE[layer=="A-FLOR-STRS"]') if not e.closed]
    tree = shapely.STRtree(lines)
    out = []
    for e in msp.query('TEXT[layer=="A-AREA-IDEN"]'):
        if len(tree.query(_dxf_box(e), predicate="intersects")):
            out.append(e.dxf.text)
    return out


@pytest.mark.parametrize("name", CASES)
def test_no_stair_label_crosses_its_treads_on_the_floor_plans(name: str) -> None:
    plan = _plan(name)
    stairs = _stair_ids(plan)
    for sheet, svg in floor_svgs(plan, date="01.12.2026").items():
        assert svg_crossings(svg, stairs) == [], sheet


@pytest.mark.parametrize("name", CASES)
def test_no_stair_label_crosses_its_treads_in_the_dxf(name: str) -> None:
    assert dxf_crossings(plan_dxf(_plan(name), date="01.12.2026")) == []


def test_a_narrow_stair_is_labelled_beside_it_with_a_leader_to_it() -> None:
    """Below, the part of the flight past the break line is free: the label stands there, along the
    stair; above, the treads run from wall to wall: the label stands in the hall with a leader."""
    plan = _plan("narrow-stair")
    b = plan.buildings[0]
    stair = {r.id: r for r in b.rooms}
    x0, _, x1, _ = shapely.Polygon(stair["trapp2"].polygon).bounds
    assert math.isclose(x1 - x0 - b.interior_wall_m, 0.9)  # 0.9 m clear
    sheets = floor_svgs(plan, date="01.12.2026")
    for sheet, rid, beside in (("floor-A-1.svg", "trapp1", False), ("floor-A-2.svg", "trapp2", True)):
        root = ET.fromstring(sheets[sheet])
        (label,) = [g for g in _room_labels(root) if g.get("data-room") == rid]
        texts = ["".join(t.itertext()) for t in label.iter(NS + "text")]
        assert texts[0] == "Trapp" and "×" in texts[-1]  # name, area and rise × going
        assert svg_crossings(sheets[sheet], {rid}) == []
        leaders = [el for el in label.iter(NS + "line") if el.get("class") == "leader"]
        assert len(leaders) == (1 if beside else 0), sheet
        if beside:
            (leader,), (dot,) = leaders, list(label.iter(NS + "circle"))
            end = shapely.Point(float(leader.get("x2")), float(leader.get("y2")))
            assert end.distance(shapely.Point(float(dot.get("cx")), float(dot.get("cy")))) < 1e-6
            boxes = shapely.union_all([text_box(t) for t in label.iter(NS + "text")])
            assert shapely.Point(float(leader.get("x1")), float(leader.get("y1"))).distance(boxes) < 0.01
            # the dot is on the stair: inside its strokes' hull
            hull = shapely.MultiLineString([list(ln.coords) for ln in _svg_stair_lines(root)]).convex_hull
            assert hull.buffer(0.5).contains(end)
    doc = ezdxf.read(io.StringIO(plan_dxf(plan, date="01.12.2026").decode("utf-8")))
    (dot,) = doc.modelspace().query('CIRCLE[layer=="A-AREA-IDEN"]')  # the leader's dot upstairs
    leaders = [e for e in doc.modelspace().query('LINE[layer=="A-AREA-IDEN"]')
               if math.dist((e.dxf.end.x, e.dxf.end.y), (dot.dxf.center.x, dot.dxf.center.y)) < 1e-6]
    assert len(leaders) == 1
