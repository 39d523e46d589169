"""SVG sheets: the site plan at 1:500 and the floor plans at 1:100 on A3, read back with an XML
parser and rendered with rsvg-convert."""

from __future__ import annotations

import copy
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import shapely
from factories import house, load, transform

from planner import model
from planner.export import Overlay, floor_svg, floor_svgs, site_svg
from planner.export.drawing import FloorDrawing, storeys_of
from planner.export.style import RED, area_text, length_text, mm_text
from planner.geometry import BuildingGeometry
from planner.rules import Context, check

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((ROOT / "layouts").glob("*.json")) + [DATA / "haugen-nanset.plan.json"]
SVG = "{http://www.w3.org/2000/svg}"
A3_AT_96_DPI = (1588, 1123)  # 420 × 297 mm at 96 dpi, rounded up


@cache
def _plan(path: Path) -> model.Plan:
    return model.loads(path.read_text(encoding="utf-8"))


@cache
def _site(path: Path) -> str:
    return site_svg(_plan(path), date="22.11.2025")


@cache
def _floors(path: Path) -> dict[str, str]:
    return floor_svgs(_plan(path), date="22.11.2025", turning=True)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _group(svg: str, name: str) -> ET.Element:
    root = ET.fromstring(svg)
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == name:
            return g
    raise AssertionError(f"no group {name}")


def _path_bounds(d: str) -> tuple[float, float, float, float]:
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def _render(svg: str) -> bytes:
    out = subprocess.run(["rsvg-convert", "--format=png"], input=svg.encode("utf-8"),
                         capture_output=True, check=True, timeout=60)
    return out.stdout


pytestmark = pytest.mark.skipif(shutil.which("rsvg-convert") is None,
                                reason="rsvg-convert is installed by `make test` (scripts/system-deps.sh)")


# --------------------------------------------------------------------------- site plan


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_plan_is_an_a3_landscape_sheet_in_millimetres(path: Path) -> None:
    root = ET.fromstring(_site(path))
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("420mm", "297mm", "0 0 420 297")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_plan_draws_the_plot_at_true_scale_as_large_as_a_standard_scale_allows(path: Path) -> None:
    plan = _plan(path)
    plot = _group(_site(path), "plot")[0]
    x0, y0, x1, y1 = _path_bounds(plot.get("d"))
    minx, miny, maxx, maxy = shapely.Polygon(plan.plot.boundary).bounds
    (scale,) = [int(m) for t in _texts(_site(path)) for m in re.findall(r"^Målestokk 1:(\d+) \(A3\)$", t)]
    assert scale in (200, 500, 1000)
    k = 1000 / scale  # paper mm per metre
    assert x1 - x0 == pytest.approx((maxx - minx) * k, abs=0.02)
    assert y1 - y0 == pytest.approx((maxy - miny) * k, abs=0.02)
    larger = {500: 200, 1000: 500}.get(scale)
    if larger:  # the next larger standard scale would not hold the plot in the drawing area
        assert (maxx - minx) * 1000 / larger > 270 - 24 or (maxy - miny) * 1000 / larger > 265 - 24


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_plan_writes_the_distances_the_plot_rules_measure(path: Path) -> None:
    plan = _plan(path)
    ctx = Context(plan)
    texts = _texts(_site(path))
    roads = set(plan.plot.road_edges)
    edges = ctx.plot_edges
    fps = [g.footprint for g in ctx.buildings]
    for fp in fps:
        d = shapely.distance(fp, edges)
        for kind in (True, False):
            chosen = [i for i in range(len(edges)) if (i in roads) == kind]
            if chosen:
                assert length_text(float(d[chosen].min())) in texts
    for i, a in enumerate(fps):
        for b in fps[i + 1:]:
            assert length_text(float(shapely.distance(a, b))) in texts


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_plan_title_block_has_the_project_and_the_plot_figures(path: Path) -> None:
    plan = _plan(path)
    s = check(plan).summary
    texts = _texts(_site(path))
    for word in ("SITUASJONSPLAN", "Tegnforklaring", "N", "Tomteareal", "BRA", "Dato", "22.11.2025",
                 plan.project.name, plan.project.municipality, f"{plan.project.gnr}/{plan.project.bnr}"):
        assert word in texts
    assert area_text(s["plot_area_m2"]) in texts
    assert area_text(s["bya_m2"]) in texts
    assert area_text(s["bra_m2"]) in texts
    assert f"{s['bya_percent']:.1f} %".replace(".", ",") in texts
    limit = plan.plot.regulation.max_bya_percent
    assert any(t.startswith("%-BYA") and f"maks {limit:.1f}".replace(".", ",") in t for t in texts)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_site_plan_renders_with_rsvg_convert(path: Path) -> None:
    png = _render(_site(path))
    assert _png_size(png) == A3_AT_96_DPI
    assert len(png) > 20_000  # more than a blank page


def test_site_plan_marks_the_road_edges_and_the_dashed_buildable_area() -> None:
    svg = site_svg(load(house()))
    roads = _group(svg, "road-edges")
    assert len(roads.findall(f"{SVG}line")) == 1
    setback = _group(svg, "buildable-area")[0]
    assert setback.get("stroke-dasharray")
    x0, y0, x1, y1 = _path_bounds(setback.get("d"))
    assert "Målestokk 1:200 (A3)" in _texts(svg)  # a 30 × 28 m plot fits at 1:200
    assert (x1 - x0, y1 - y0) == (pytest.approx(22 * 5, abs=0.05), pytest.approx(19 * 5, abs=0.05))


def _too_close() -> dict:
    """The example house moved 5.5 m west, 2.5 m from the neighbour (4.0 m required)."""
    doc = house()
    moved = transform(doc, 0, dx=-5.5)
    moved["plot"] = doc["plot"]
    return moved


def test_a_failing_plot_rule_is_drawn_in_red_with_its_rule_id_in_the_legend() -> None:
    svg = site_svg(load(_too_close()))
    texts = _texts(svg)
    red = [("".join(t.itertext())) for t in ET.fromstring(svg).iter(f"{SVG}text") if t.get("fill") == RED]
    assert "2,50 m" in red
    assert any(t.startswith("plot.neighbour-distance (feil)") for t in texts)
    distances = [g for g in ET.fromstring(svg).iter(f"{SVG}g")
                 if g.get("data-rule") == "plot.neighbour-distance" and g.get("data-distance") == "2.50"]
    # the line, and beyond its ends the extension the arrowheads of a short distance sit on
    assert {el.get("stroke") for el in distances[0].iter(f"{SVG}line")} == {RED}


def test_a_passing_plan_has_no_red_on_the_site_plan() -> None:
    svg = site_svg(load(house()))
    assert RED not in svg


def test_a_bya_over_the_limit_is_red_in_the_table() -> None:
    doc = house()
    doc["plot"]["regulation"]["max_bya_percent"] = 15
    root = ET.fromstring(site_svg(load(doc)))
    red = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("fill") == RED]
    assert "21,0 %" in red
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    assert any(t.startswith("plot.bya (feil)") for t in texts)


# --------------------------------------------------------------------------- floor plans


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_there_is_one_floor_plan_per_storey_of_each_building(path: Path) -> None:
    plan = _plan(path)
    want = {f"floor-{b.id}-{s}.svg" for b in plan.buildings for s in storeys_of(b)}
    assert set(_floors(path)) == want
    assert len(want) >= sum(b.storeys for b in plan.buildings)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_room_is_labelled_with_its_name_and_net_area(path: Path) -> None:
    plan = _plan(path)
    for b in plan.buildings:
        geo = BuildingGeometry.of(b)
        for storey in storeys_of(b):
            texts = _texts(_floors(path)[f"floor-{b.id}-{storey}.svg"])
            for room in (r for r in geo.rooms if r.storey == storey):
                assert room.name in texts
                assert area_text(geo.net_area(room.id)) in texts
            assert area_text(geo.storey_bra_m2) in texts
            assert "PLANTEGNING" in texts and "Målestokk 1:100 (A3)" in texts


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_floor_plan_dimensions_give_the_outer_length_of_each_side(path: Path) -> None:
    plan = _plan(path)
    for b in plan.buildings:
        fp = shapely.Polygon(b.footprint)
        minx, miny, maxx, maxy = fp.bounds
        svg = _floors(path)[f"floor-{b.id}-1.svg"]
        values = [t.get("data-value") for t in ET.fromstring(svg).iter(f"{SVG}text") if t.get("data-value")]
        assert mm_text(maxx - minx) in values
        assert mm_text(maxy - miny) in values
        assert set(values) <= set(_texts(svg))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_an_overall_length_is_dimensioned_once(path: Path) -> None:
    """ISO 129-1, no measure twice: the overall length is not repeated on the opposite side."""
    for geo in Context(_plan(path)).buildings:
        if not geo.is_valid:
            continue
        for storey in storeys_of(geo.building):
            overall = []
            for d in FloorDrawing.of(geo, storey).dims:
                axis = d.direction if d.direction > (0.0, 0.0) else (-d.direction[0], -d.direction[1])
                along = shapely.get_coordinates(geo.footprint.exterior) @ np.array(axis)
                if d.length_m == pytest.approx(float(along.max() - along.min()), abs=1e-6):
                    overall.append((round(axis[0], 3) + 0.0, round(axis[1], 3) + 0.0))
            assert len(overall) == len(set(overall)) >= 1, (path.stem, geo.building.id, storey, overall)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_floor_plan_draws_walls_at_true_scale_1_to_100(path: Path) -> None:
    plan = _plan(path)
    b = plan.buildings[0]
    walls = _group(_floors(path)[f"floor-{b.id}-1.svg"], "walls")[0]
    x0, y0, x1, y1 = _path_bounds(walls.get("d"))
    minx, miny, maxx, maxy = shapely.Polygon(b.footprint).bounds
    assert x1 - x0 == pytest.approx((maxx - minx) * 10, abs=0.02)  # 1 m = 10 mm
    assert y1 - y0 == pytest.approx((maxy - miny) * 10, abs=0.02)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_floor_plans_render_with_rsvg_convert(path: Path) -> None:
    for svg in _floors(path).values():
        assert _png_size(_render(svg)) == A3_AT_96_DPI


def test_walls_have_their_real_thickness() -> None:
    plan = load(house())
    floor = FloorDrawing.of(BuildingGeometry.of(plan.buildings[0]), 1)
    # exterior 0.3 m all round a 14 × 10 m footprint, interior 0.1 m along the inner walls
    outer = 14 * 10 - 13.4 * 9.4
    assert floor.walls.area > outer
    fp = shapely.Polygon(plan.buildings[0].footprint)
    band = shapely.difference(fp, shapely.buffer(fp, -0.3, join_style="mitre"))
    openings = sum(d.door.width_m for d in floor.doors if d.door.is_entrance) * 0.3 + \
        sum(w.window.width_m for w in floor.windows) * 0.3
    assert shapely.intersection(floor.walls, band).area == pytest.approx(band.area - openings, abs=0.05)


def test_doors_have_a_swing_arc_and_windows_a_symbol() -> None:
    svg = floor_svg(load(house()), "A", 1)
    doors = _group(svg, "doors")
    arcs = [p for p in doors.iter(f"{SVG}path") if " A" in p.get("d")]
    assert len(arcs) == len(house()["buildings"][0]["doors"])
    windows = _group(svg, "windows")
    openings = [p for p in windows.findall(f"{SVG}path") if p.get("fill") == "#ffffff"]
    assert len(openings) == len(house()["buildings"][0]["windows"])
    strokes = " ".join(p.get("d") for p in windows.findall(f"{SVG}path") if p.get("fill") == "none")
    assert strokes.count("M") == 5 * len(openings)  # two wall faces, the glass and two jambs each


def test_turning_circles_sit_inside_the_rooms_where_they_fit() -> None:
    plan = load(house())
    geo = BuildingGeometry.of(plan.buildings[0])
    floor = FloorDrawing.of(geo, 1)
    circles = floor.turning
    assert {c.room.type for c in circles} == {"entry", "living", "kitchen", "bedroom", "bathroom"}
    for c in circles:
        net = geo.nets[geo.index[c.room.id]]
        assert c.fits
        assert shapely.buffer(shapely.Point(c.centre), 0.75).within(shapely.buffer(net, 0.01))


def test_a_room_too_small_for_a_turning_circle_shows_its_largest_circle_in_red() -> None:
    doc = house()
    # a bathroom 1.3 m deep: its net polygon holds a circle of 1.2 m at most (nor a 1.3 × 1.8 m area)
    for r in doc["buildings"][0]["rooms"]:
        if r["id"] == "r-bad":
            r["polygon"] = [[17.6, 15], [20, 15], [20, 16.3], [17.6, 16.3]]
        if r["id"] == "r-bod":
            r["polygon"] = [[20, 15], [22, 15], [22, 19], [17.6, 19], [17.6, 16.3], [20, 16.3]]
    svg = floor_svg(load(doc), "A", 1, turning=True)
    circles = {c.get("data-room"): c for c in ET.fromstring(svg).iter(f"{SVG}circle") if c.get("data-room")}
    assert circles["r-bad"].get("stroke") == RED
    assert float(circles["r-bad"].get("data-diameter")) < 1.5
    assert circles["r-stue"].get("data-diameter") == "1.50"
    assert "room.bathroom-turning-space (feil)" in " ".join(_texts(svg))


def test_turning_circles_are_drawn_only_when_asked() -> None:
    plan = load(house())
    assert ET.fromstring(floor_svg(plan, "A", 1)).find(f".//{SVG}circle[@data-room]") is None
    with_circles = ET.fromstring(floor_svg(plan, "A", 1, turning=True))
    assert with_circles.find(f".//{SVG}circle[@data-room]") is not None


def _renamed(doc: dict, old: str, new: str) -> dict:
    """The plan with room ``old`` called ``new`` everywhere it is named."""
    b = doc["buildings"][0]
    for r in b["rooms"]:
        r["id"] = new if r["id"] == old else r["id"]
    for d in b["doors"]:
        d["rooms"] = [new if r == old else r for r in d["rooms"]]
    for w in b["windows"]:
        w["room"] = new if w["room"] == old else w["room"]
    return doc


def test_a_room_named_script_shows_as_text_and_never_as_markup() -> None:
    doc = _renamed(house(), "r-stue", 'stue"><script>x</script>')
    doc["buildings"][0]["rooms"][1]["name"] = "<script>alert(1)</script>"
    doc["project"]["name"] = "Familien <b>Berg</b> & co"
    plan = load(doc)
    for svg in (site_svg(plan), floor_svg(plan, "A", 1, turning=True)):
        assert "<script" not in svg
        root = ET.fromstring(svg)
        assert not [el for el in root.iter() if el.tag.endswith("script")]
        texts = _texts(svg)
        assert "Familien <b>Berg</b> & co" in texts
    assert "<script>alert(1)</script>" in _texts(floor_svg(plan, "A", 1))


def test_control_characters_in_names_still_give_well_formed_xml() -> None:
    doc = house()
    doc["buildings"][0]["rooms"][0]["name"] = "Entré\u0001\u0008\nny linje"
    doc["project"]["municipality"] = "Lar\u000bvik"
    plan = load(doc)
    assert "Entré ny linje" in _texts(floor_svg(plan, "A", 1))
    assert "Larvik" in _texts(site_svg(plan))


def test_an_overlay_colours_rooms_and_lists_its_labels_in_the_legend() -> None:
    overlay = Overlay({"r-stue": ("Familien maler", "#ff8800"), "r-kjokken": ("Snekker", "red;}x")},
                      title="Egeninnsats")
    svg = floor_svg(load(house()), "A", 1, overlay=overlay)
    fills = {p.get("data-room"): p.get("fill") for p in _group(svg, "rooms")}
    assert fills["r-stue"] == "#ff8800"
    assert fills["r-kjokken"] == "#999999"  # not a colour: never written raw into the SVG
    assert "red;}x" not in svg
    texts = _texts(svg)
    assert "Egeninnsats" in texts and "Familien maler" in texts and texts.count("Snekker") == 2


def test_a_plain_mapping_works_as_an_overlay() -> None:
    svg = floor_svg(load(house()), "A", 1, overlay={"r-bad": ("Rørlegger", "#00aa00")})
    assert "Rørlegger" in _texts(svg)


def test_a_two_storey_building_gives_a_plan_of_each_storey_with_its_own_rooms() -> None:
    doc = house()
    b = doc["buildings"][0]
    b["storeys"] = 2
    upper = copy.deepcopy(b["rooms"][4])
    upper.update(id="loft", name="Loftstue", storey=2, polygon=b["footprint"])
    b["rooms"].append(upper)
    svgs = floor_svgs(load(doc))
    assert set(svgs) == {"floor-A-1.svg", "floor-A-2.svg"}
    assert "Loftstue" in _texts(svgs["floor-A-2.svg"])
    assert "Loftstue" not in _texts(svgs["floor-A-1.svg"])
    assert "Soverom 1" not in _texts(svgs["floor-A-2.svg"])


def test_floor_file_names_are_safe_and_unique() -> None:
    doc = house()
    b2 = copy.deepcopy(doc["buildings"][0])
    doc["buildings"][0]["id"] = "../A"
    b2["id"] = ".._A"
    for r in b2["rooms"]:
        r["id"] += "-2"
    for d in b2["doors"]:
        d["rooms"] = [r if r == "outside" else r + "-2" for r in d["rooms"]]
    for w in b2["windows"]:
        w["room"] += "-2"
    doc["buildings"].append(b2)
    names = set(floor_svgs(load(doc)))
    assert names == {"floor-_A-1.svg", "floor-_A-1-2.svg"}


def test_a_cropped_floor_plan_shows_the_drawing_alone_at_true_scale() -> None:
    plan = load(house())
    sheet, cropped = floor_svg(plan, "A", 1), floor_svg(plan, "A", 1, crop=True)
    root = ET.fromstring(cropped)
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    assert root.get("width") == f"{w:g}mm" and root.get("height") == f"{h:g}mm"  # still 1:100
    assert 0 < w < 280 and 0 < h < 277 and x > 20 and y > 10  # inside the sheet's drawing area
    # the building with its dimensions is inside the view, 14 m = 140 mm wide at 1:100
    x0, _, x1, _ = _path_bounds(_group(cropped, "walls")[0].get("d"))
    assert x <= x0 and x1 <= x + w and x1 - x0 == pytest.approx(140.0, abs=0.05)
    # a north arrow beside the drawing, inside the view; the legend and title block are out of it
    arrows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "north-arrow"]
    cx = float(next(arrows[-1].iter(f"{SVG}circle")).get("cx"))
    assert len(arrows) == 2 and x < cx < x + w
    assert "Stue" in _texts(cropped) and _texts(cropped) == _texts(sheet) + ["N", "nord"]
    png_w, png_h = _png_size(_render(cropped))
    assert png_w / png_h == pytest.approx(w / h, rel=0.02)


def test_a_rotated_plan_draws_the_same_rooms_and_dimensions() -> None:
    straight = floor_svg(load(house()), "A", 1)
    turned = floor_svg(load(transform(house(), 30, 100, 50)), "A", 1)

    def values(svg: str) -> list[str]:
        texts = ET.fromstring(svg).iter(f"{SVG}text")
        return sorted(t.get("data-value") for t in texts if t.get("data-value"))

    assert sorted(t for t in _texts(turned) if "m²" in t) == sorted(t for t in _texts(straight) if "m²" in t)
    assert values(turned) == values(straight)


def test_a_plan_with_an_invalid_room_is_still_drawn() -> None:
    doc = house()
    doc["buildings"][0]["rooms"][1]["polygon"] = [[10.6, 9], [16.4, 13.5], [16.4, 9], [10.6, 13.5]]
    plan = load(doc)
    svg = floor_svg(plan, "A", 1)
    assert "geometry.invalid (feil)" in " ".join(_texts(svg))
    bad = _group(svg, "invalid-rooms")
    assert bad.find(f"{SVG}path").get("stroke") == RED
    assert site_svg(plan)


def test_an_unknown_building_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        floor_svg(load(house()), "Z", 1)


def test_room_labels_shrink_to_fit_a_narrow_room() -> None:
    plan = load(house())
    floor = FloorDrawing.of(BuildingGeometry.of(plan.buildings[0]), 1)
    heights = {lb.room.id: lb.height_m for lb in floor.labels}
    assert heights["r-stue"] == pytest.approx(0.3)  # 3 mm at 1:100
    assert np.all(np.array(list(heights.values())) >= 0.18)
    assert heights["r-bod"] < heights["r-stue"]


def test_an_overlay_legend_lists_only_the_colours_used_on_that_floor() -> None:
    overlay = Overlay({"r-stue": ("Maling · 12 t", "#ff8800")}, title="Egeninnsats",
                      legend=(("Voksne", "#ff8800"), ("Barn", "#00aa00")))
    texts = _texts(floor_svg(load(house()), "A", 1, overlay=overlay))
    assert "Voksne" in texts and "Barn" not in texts
    assert "Maling · 12 t" in texts


def test_a_building_beyond_the_plot_boundary_is_hatched_red_where_it_is_outside() -> None:
    doc = house()
    moved = transform(doc, 0, dx=-10)  # 2 m of the house beyond the west boundary
    moved["plot"] = doc["plot"]
    svg = site_svg(load(moved))
    red = [p for p in _group(svg, "buildings").iter(f"{SVG}path") if p.get("fill") == RED]
    assert len(red) == 1
    x0, _, x1, _ = _path_bounds(red[0].get("d"))
    assert x1 - x0 == pytest.approx(2 * 5, abs=0.02)  # 2 m at 1:200
    assert "plot.outside (feil)" in " ".join(_texts(svg))


def test_a_doorless_opening_is_drawn_as_a_gap_without_a_leaf():
    import json
    from pathlib import Path
    from xml.etree import ElementTree

    from planner import model
    from planner.export import floor_svg

    doc = json.loads((Path(__file__).parent / "data" / "haugen-nanset.plan.json").read_text())
    plain = floor_svg(model.from_dict(doc), "A", 1)
    doc["buildings"][0]["doors"][2]["opening"] = True     # stue - kjøkken
    gap = floor_svg(model.from_dict(doc), "A", 1)

    def arcs(svg: str) -> int:
        root = ElementTree.fromstring(svg)
        return sum(1 for el in root.iter() if el.tag.endswith("path") and " A" in el.get("d", ""))

    assert arcs(gap) == arcs(plain) - 1
