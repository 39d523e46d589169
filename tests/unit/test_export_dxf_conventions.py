"""The DXF as a contractor's CAD program and a case officer read it (issue 14, defects 1, 2, 3, 4, 7, 8, 9).

Read back with ezdxf: viewports freeze what does not belong on their sheet, dimension blocks
read from below or from the right, doors, windows and the title block are blocks with
attributes, the extents are set, findings are on their own layer.
"""

from __future__ import annotations

import io
import math
from functools import cache
from pathlib import Path

import ezdxf
import pytest
from ezdxf.document import Drawing
from factories import house, load, rect

from planner import model
from planner.export import plan_dxf
from planner.export.dxf import DOOR_BLOCK, FLOOR_ONLY, SITE_ONLY, TITLE_BLOCK, TITLE_TAGS, WINDOW_BLOCK

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((ROOT / "layouts").glob("*.json")) + [DATA / "haugen-nanset.plan.json"]


@cache
def _plan(path: Path) -> model.Plan:
    return model.loads(path.read_text(encoding="utf-8"))


@cache
def _doc(path: Path) -> Drawing:
    return ezdxf.read(io.StringIO(plan_dxf(_plan(path), date="01.12.2026").decode("utf-8")))


def _read(data: bytes) -> Drawing:
    return ezdxf.read(io.StringIO(data.decode("utf-8")))


def _viewports(doc: Drawing, prefix: str) -> list:
    out = []
    for layout in doc.layouts:
        if layout.name.startswith(prefix):
            out += [v for v in layout.query("VIEWPORT") if v.dxf.status != 1]
    return out


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_plan_viewport_freezes_the_site_layers_and_the_site_one_the_floor_layers(path: Path) -> None:
    doc = _doc(path)
    plans = _viewports(doc, "Plan 1-")
    assert plans
    for vp in plans:
        assert {"C-PROP", "C-PROP-SETB", "C-PRKG", "C-BLDG"} <= set(vp.frozen_layers)
        assert vp.dxf.layer == "G-ANNO-VPRT"
    (site,) = _viewports(doc, "Situasjonsplan")
    assert set(FLOOR_ONLY) <= set(site.frozen_layers)
    assert not set(SITE_ONLY) & set(site.frozen_layers)
    assert doc.layers.get("G-ANNO-VPRT").dxf.plot == 0
    # the site shows each building's footprint, not storey 1's walls
    assert len(doc.modelspace().query('LWPOLYLINE[layer=="C-BLDG"]')) >= len(_plan(path).buildings)


def test_a_plan_viewport_shows_its_own_building_and_not_the_one_beside_it() -> None:
    import shapely

    path = ROOT / "layouts" / "to-familier-en-tomt.json"
    plan, doc = _plan(path), _doc(path)
    other = shapely.Polygon([(x * 1000, y * 1000) for x, y in plan.buildings[1].footprint])
    (vp,) = _viewports(doc, "Plan 1-100")[:1]  # building A's plan, storey 1
    c = vp.dxf.view_center_point
    k = vp.dxf.view_height / vp.dxf.height
    window = shapely.box(c.x - vp.dxf.width * k / 2, c.y - vp.dxf.view_height / 2,
                         c.x + vp.dxf.width * k / 2, c.y + vp.dxf.view_height / 2)
    assert not window.intersects(other)
    assert window.contains(shapely.Polygon([(x * 1000, y * 1000) for x, y in plan.buildings[0].footprint]))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_no_dimension_block_text_reads_upside_down_or_from_the_left(path: Path) -> None:
    doc = _doc(path)
    for dim in doc.modelspace().query("DIMENSION"):
        for e in doc.blocks.get(dim.dxf.geometry):
            if e.dxftype() in ("MTEXT", "TEXT"):
                rot = (e.dxf.get("rotation", 0.0) or 0.0) % 360.0
                assert rot <= 90.0 + 1e-6 or rot > 270.0 + 1e-6, (dim.dxf.layer, rot)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_doors_and_windows_are_blocks_with_their_width_and_swing(path: Path) -> None:
    plan = _plan(path)
    doc = _doc(path)
    msp = doc.modelspace()
    doors = msp.query(f'INSERT[name=="{DOOR_BLOCK}"]')
    leaves = sum(1 for b in plan.buildings for d in b.doors if d.extra.get("opening") is not True)
    assert len(doors) == leaves
    widths = sorted(round(d.width_m * 1000) for b in plan.buildings for d in b.doors
                    if d.extra.get("opening") is not True)
    assert sorted(int(d.get_attrib_text("WIDTH")) for d in doors) == widths
    for d in doors:
        assert d.dxf.layer == "A-DOOR"
        assert d.get_attrib_text("HINGE") in ("left", "right") and d.get_attrib_text("SWING")
        assert abs(d.dxf.xscale) == pytest.approx(int(d.get_attrib_text("WIDTH")), abs=0.5)
    windows = msp.query(f'INSERT[name=="{WINDOW_BLOCK}"]')
    assert len(windows) == sum(len(b.windows) for b in plan.buildings)
    assert all(w.dxf.layer == "A-GLAZ" and int(w.get_attrib_text("SILL")) > 0 for w in windows)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sheet_has_the_title_block_as_a_block_with_its_attributes(path: Path) -> None:
    plan = _plan(path)
    doc = _doc(path)
    layouts = [lay for lay in doc.layouts if lay.name != "Model"]
    numbers = set()
    for layout in layouts:
        (ref,) = layout.query(f'INSERT[name=="{TITLE_BLOCK}"]')
        values = {tag: ref.get_attrib_text(tag) for tag in TITLE_TAGS}
        assert values["PROSJEKT"] == plan.project.name
        assert values["GNR_BNR"] == f"{plan.project.gnr}/{plan.project.bnr}"
        assert values["STATUS"] == "Arbeidstegning" and values["DATO"] == "01.12.2026"
        assert values["MALESTOKK"] in layout.name.replace("-", ":")
        assert "(" not in values["REVISJON"]  # a version, not a fingerprint
        numbers.add(values["TEGNING_NR"])
    assert len(numbers) == len(layouts)


def test_the_application_status_and_the_version_number_are_written() -> None:
    doc = _read(plan_dxf(load(house()), version="3", status="Søknadstegning"))
    ref = doc.layouts.get("Situasjonsplan 1-200").query(f'INSERT[name=="{TITLE_BLOCK}"]')[0]
    assert (ref.get_attrib_text("STATUS"), ref.get_attrib_text("REVISJON")) == ("Søknadstegning", "versjon 3")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_extents_cover_the_plot_and_every_storey(path: Path) -> None:
    plan = _plan(path)
    doc = _doc(path)
    x0, y0, _ = doc.header["$EXTMIN"]
    x1, y1, _ = doc.header["$EXTMAX"]
    assert x1 > x0 and y1 > y0
    for x, y in plan.plot.boundary:
        assert x0 <= x * 1000 <= x1 and y0 <= y * 1000 <= y1
    for pl in doc.modelspace().query('LWPOLYLINE[layer=="A-AREA"]'):
        for x, y in pl.get_points("xy"):
            assert x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1


def test_there_is_one_dimension_style_per_scale() -> None:
    doc = _doc(SAMPLES[0])
    names = {d.dxf.name for d in doc.dimstyles}
    assert {"PLAN100", "PLAN200", "SITE200", "SITE500", "SITE1000"} <= names
    plan100, plan200 = doc.dimstyles.get("PLAN100"), doc.dimstyles.get("PLAN200")
    assert plan200.dxf.dimtxt == pytest.approx(2 * plan100.dxf.dimtxt)


def test_clear_sizes_keep_the_multiplication_sign() -> None:
    texts = [t.dxf.text for t in _read(plan_dxf(load(house()))).modelspace().query("TEXT")]
    assert any("×" in t for t in texts) and not any(" x " in t for t in texts)


def test_findings_are_on_their_own_layer_with_their_rule_ids() -> None:
    doc = house()
    doc["buildings"][0]["doors"][1]["width_m"] = 0.7  # too narrow a door
    from planner.rules import check

    plan = load(doc)
    report = check(plan)
    assert report.findings
    dxf = _read(plan_dxf(plan, report=report))
    texts = [t.dxf.text for t in dxf.modelspace().query('TEXT[layer=="G-ANNO-FIND"]')]
    assert dxf.modelspace().query('CIRCLE[layer=="G-ANNO-FIND"]')
    for f in report.findings:
        assert any(t.startswith(f.rule) for t in texts), f.rule


def test_a_separating_wall_between_two_homes_is_drawn_at_its_own_thickness_and_marked_rei_60() -> None:
    path = ROOT / "layouts" / "rekkehus-to-enheter.json"
    plan = _plan(path)
    doc = _doc(path)
    walls = doc.modelspace().query('LWPOLYLINE[layer=="A-WALL-FIRE"]')
    assert len(walls) == 1
    import shapely

    wall = shapely.Polygon(list(walls[0].get_points("xy")))
    thickness = wall.area / max(wall.length / 2 - plan.buildings[0].separating_wall_m * 1000, 1)
    assert thickness == pytest.approx(plan.buildings[0].separating_wall_m * 1000, rel=0.05)
    notes = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="A-ANNO-NOTE"]')]
    assert any("REI 60" in t for t in notes)
    assert sum(t.startswith("Boenhet") for t in notes) == 2 and sum("BRA boenhet" in t for t in notes) == 2


def test_a_stair_has_its_walking_line_its_arrow_and_opp_and_ned() -> None:
    path = ROOT / "layouts" / "enebolig-to-etasjer.json"
    doc = _doc(path)
    texts = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="A-FLOR-STRS"]')]
    assert sorted(texts) == ["NED", "OPP"]
    assert doc.modelspace().query('HATCH[layer=="A-FLOR-STRS"]')
    labels = [t.dxf.text for t in doc.modelspace().query('TEXT[layer=="A-AREA-IDEN"]')]
    assert sum(1 for t in labels if "×" in t and "/" in t) == 2  # risers × rise/going on both storeys


def test_fixtures_are_drawn_on_their_layer() -> None:
    doc = house()
    bath = next(r for r in doc["buildings"][0]["rooms"] if r["type"] == "bathroom")
    xs = [p[0] for p in bath["polygon"]]
    ys = [p[1] for p in bath["polygon"]]
    x0, y0 = min(xs) + 0.2, min(ys) + 0.2
    bath["fixtures"] = [{"kind": "wc", "polygon": rect(x0, y0, x0 + 0.4, y0 + 0.7)},
                        {"kind": "shower", "polygon": rect(max(xs) - 1.1, max(ys) - 1.1, max(xs) - 0.2,
                                                           max(ys) - 0.2)}]
    dxf = _read(plan_dxf(load(doc)))
    # each outline, the WC's cistern and bowl, the shower's two diagonals
    assert len(dxf.modelspace().query('LWPOLYLINE[layer=="A-FLOR-FIXT"]')) == 2 + 2 + 2
    assert math.isfinite(dxf.header["$EXTMAX"][0])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_room_labels_in_the_dxf_do_not_overlap(path: Path) -> None:
    import shapely
    import shapely.affinity

    from planner.export.sheet import CHAR

    boxes = []
    for t in _doc(path).modelspace().query('TEXT[layer=="A-AREA-IDEN"]'):
        h, text = t.dxf.height, t.dxf.text
        x, y = t.dxf.align_point.x, t.dxf.align_point.y
        w = len(text) * h * CHAR
        box = shapely.box(x - w / 2, y - 0.18 * h, x + w / 2, y + 0.72 * h)
        boxes.append((text, shapely.affinity.rotate(box, t.dxf.get("rotation", 0.0), origin=(x, y))))
    clashes = [(a, b) for i, (a, ga) in enumerate(boxes) for b, gb in boxes[i + 1:]
               if ga.intersection(gb).area > 5.0]  # model mm²: a sliver of 0.0005 mm² on paper at 1:100
    assert clashes == []


def test_a_rotated_plot_is_squared_and_centred_in_the_site_viewport() -> None:
    """The viewport's twist turns the plot square to the sheet, and its view centre (display
    coordinates, turned by the twist) puts the plot in the middle of the drawing area: read back
    through ezdxf's own model-to-paper transformation of the viewport."""
    from factories import transform

    from planner.export.sheet import AREA, PAPER_H

    plan = load(transform(house(), 30.0, dx=100.0, dy=50.0))
    doc = _read(plan_dxf(plan))
    (vp,) = [v for v in doc.layouts.get("Situasjonsplan 1-200").query("VIEWPORT") if v.dxf.status != 1]
    assert vp.dxf.view_twist_angle == pytest.approx(-30.0)
    m = vp.get_transformation_matrix()
    paper = [m.transform((x * 1000, y * 1000, 0)) for x, y in plan.plot.boundary]
    for a, b in zip(paper, paper[1:] + paper[:1], strict=True):
        assert abs(a.x - b.x) < 0.01 or abs(a.y - b.y) < 0.01  # every edge level or plumb on the sheet
    xs, ys = [p.x for p in paper], [p.y for p in paper]
    assert (round(max(xs) - min(xs), 1), round(max(ys) - min(ys), 1)) == (150.0, 140.0)  # 30 × 28 m at 1:200
    x0, y0, x1, y1 = AREA
    assert (min(xs) + max(xs)) / 2 == pytest.approx((x0 + x1) / 2, abs=6.0)
    assert (min(ys) + max(ys)) / 2 == pytest.approx(PAPER_H - (y0 + y1) / 2, abs=6.0)
    assert x0 <= min(xs) and max(xs) <= x1 and PAPER_H - y1 <= min(ys) and max(ys) <= PAPER_H - y0
    # the plot's texts read level on the sheet: their rotation undoes the twist
    texts = doc.modelspace().query('TEXT[layer=="C-ANNO-IDEN"]')
    assert texts
    for t in texts:
        assert (t.dxf.get("rotation", 0.0) + vp.dxf.view_twist_angle) % 360.0 == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_plan_dimension_value_stands_above_its_line_as_it_reads(path: Path) -> None:
    """ISO 129-1 and the SVG sheets: the value above the dimension line, read from below or from the
    right; so a chain's values all stand on the same side of it."""
    doc = _doc(path)
    dims = doc.modelspace().query('DIMENSION[layer=="A-ANNO-DIMS"]')
    assert dims
    for dim in dims:
        a = math.radians(dim.dxf.angle)
        up = (-math.sin(a), math.cos(a))
        base = dim.dxf.defpoint
        (text,) = [e for e in doc.blocks.get(dim.dxf.geometry) if e.dxftype() == "MTEXT"]
        at = text.dxf.insert
        assert (at.x - base.x) * up[0] + (at.y - base.y) * up[1] > 0.0, (dim.dxf.angle, text.text)
        assert dim.dxf.text_midpoint.isclose(at)
