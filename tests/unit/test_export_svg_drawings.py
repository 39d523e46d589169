"""The drawing defects of issue 14 on the SVG sheets: stairs, two homes in one building, doors that
would notch the outer wall, fixtures with the bathroom's turning area, short red distances and the
buildable area at the rule's real limit."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shapely
from factories import house, load, rect
from shapely import Polygon

from planner import model
from planner.export import floor_svg, site_svg
from planner.export.drawing import FloorDrawing, SiteDrawing
from planner.geometry import BuildingGeometry
from planner.rules import Context, check

ROOT = Path(__file__).resolve().parents[2]
NS = "{http://www.w3.org/2000/svg}"


def _sample(name: str) -> model.Plan:
    return model.loads((ROOT / "layouts" / f"{name}.json").read_text(encoding="utf-8"))


def _groups(svg: str, cls: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(NS + "g") if (g.get("class") or "").split() == [cls]]


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(NS + "text")]


def test_a_stair_has_walking_line_arrow_break_line_opp_ned_and_rise_times_going() -> None:
    plan = _sample("enebolig-to-etasjer")
    lower, upper = floor_svg(plan, "A", 1), floor_svg(plan, "A", 2)
    (st1,) = _groups(lower, "stair")
    (st2,) = _groups(upper, "stair")
    assert (st1.get("data-word"), st2.get("data-word")) == ("OPP", "NED")
    classes = {e.get("class") for e in st1.iter()}
    assert {"walking-line", "walking-arrow", "break-line"} <= classes
    assert "break-line" not in {e.get("class") for e in st2.iter()}  # the whole flight is seen from above
    rise = [t for t in _texts(lower) if re.fullmatch(r"\d+ × \d+/\d+", t)]
    assert rise == [t for t in _texts(upper) if re.fullmatch(r"\d+ × \d+/\d+", t)] and len(rise) == 1


def test_no_door_swings_over_the_treads() -> None:
    plan = _sample("enebolig-to-etasjer")
    b = plan.buildings[0]
    geo = BuildingGeometry.of(b)
    for storey in (1, 2):
        floor = FloorDrawing.of(geo, storey)
        stairs = [geo.nets[i] for i in floor.positions if geo.rooms[i].type == "stair"]
        assert stairs
        for d in floor.doors:
            swing = Polygon([d.hinge, *d.arc_points(12)])
            assert all(swing.intersection(s).area < 1e-3 for s in stairs), d.door.rooms


def test_the_wall_between_two_homes_is_a_separating_wall_with_both_homes_labelled() -> None:
    plan = _sample("rekkehus-to-enheter")
    b = plan.buildings[0]
    svg = floor_svg(plan, "A", 1)
    (g,) = _groups(svg, "separating-walls")
    assert g.find(NS + "path").get("data-thickness") == f"{b.separating_wall_m:.3f}"
    floor = FloorDrawing.of(BuildingGeometry.of(b), 1)
    wall = floor.separating_walls
    length = sum(line.length for line in floor.separating)
    assert abs(wall.area / length - b.separating_wall_m) < 0.01
    texts = _texts(svg)
    assert any("REI 60" in t for t in texts)
    assert "Boenhet 1: Familien Dahl" in texts and "Boenhet 2: Familien Hussein" in texts
    assert texts.count("BRA boenhet 70,1 m²") == 2
    assert "Familien Dahl / Familien Hussein" in texts  # both households in the title block


def test_a_door_near_the_outer_corner_is_drawn_without_a_notch_and_the_check_names_it() -> None:
    doc = house()
    doc["buildings"][0]["doors"][3]["at"] = [8.5, 13.5]  # the entry-hall door against the west wall
    plan = load(doc)
    geo = BuildingGeometry.of(plan.buildings[0])
    floor = FloorDrawing.of(geo, 1)
    band = shapely.difference(geo.footprint, geo.inner)
    openings = [d.opening for d in floor.doors if d.door.is_entrance] + [w.opening for w in floor.windows]
    notch = shapely.difference(shapely.difference(band, shapely.union_all(openings)), floor.walls).area
    assert notch < 1e-6
    (door,) = [d for d in floor.doors if d.index == 3]
    assert door.moved_m > 0.1 and door.opening.bounds[0] >= 8.3 - 1e-6
    assert [f.subject for f in check(plan).by_rule("access.door-fits-wall")] == ["door:3"]


def test_fixtures_are_drawn_and_the_bathroom_turning_area_stays_clear_of_them() -> None:
    doc = house()
    bath = next(r for r in doc["buildings"][0]["rooms"] if r["id"] == "r-bad")
    bath["fixtures"] = [{"kind": "wc", "polygon": rect(17.75, 18.1, 18.15, 18.8)},
                        {"kind": "basin", "polygon": rect(18.3, 18.35, 18.9, 18.8)},
                        {"kind": "shower", "polygon": rect(19.0, 17.85, 19.9, 18.8)}]
    plan = load(doc)
    svg = floor_svg(plan, "A", 1)
    (g,) = _groups(svg, "fixtures")
    assert sorted(sub.get("data-kind") for sub in g.findall(NS + "g")) == ["basin", "shower", "wc"]
    (turn,) = _groups(svg, "bathroom-turning")
    (circle,) = turn.findall(NS + "circle")
    assert circle.get("data-room") == "r-bad"
    floor = FloorDrawing.of(BuildingGeometry.of(plan.buildings[0]), 1)
    (c,) = [c for c in floor.turning if c.room.id == "r-bad"]
    disc = shapely.Point(c.centre).buffer(c.diameter_m / 2 - 0.005)
    assert all(disc.intersection(shape).area < 1e-4 for _, _, shape in floor.fixtures)


def test_a_short_red_distance_keeps_its_arrowheads() -> None:
    doc = house()
    b = doc["buildings"][0]
    dx = -7.2  # 0.8 m from the west boundary: too close, and under 5 mm on paper at 1:200
    b["footprint"] = [[x + dx, y] for x, y in b["footprint"]]
    for r in b["rooms"]:
        r["polygon"] = [[x + dx, y] for x, y in r["polygon"]]
    for d in b["doors"] + b["windows"]:
        d["at"] = [d["at"][0] + dx, d["at"][1]]
    svg = site_svg(load(doc))
    short = [g for g in ET.fromstring(svg).iter(NS + "g") if g.get("data-distance") == "0.80"]
    assert short
    heads = [p for p in short[0].iter(NS + "polygon") if p.get("class") == "arrowhead"]
    assert len(heads) == 2 and all(p.get("fill") == "#c0141c" for p in heads)


def test_the_buildable_area_follows_half_the_gesims_where_that_is_more() -> None:
    doc = house()
    del doc["plot"]["regulation"]["neighbour_distance_m"]
    doc["plot"]["regulation"]["max_gesims_m"] = 10.0
    doc["buildings"][0]["gesims_m"] = 9.5
    doc["buildings"][0]["mone_m"] = 9.8
    doc["plot"]["regulation"]["max_mone_m"] = 11.0
    plan = load(doc)
    site = SiteDrawing(plan, Context(plan), check(plan))
    assert site.buildable_limit_m == 4.75
    minx, _, maxx, maxy = site.buildable.bounds
    assert (round(minx, 3), round(maxx, 3), round(maxy, 3)) == (4.75, 30 - 4.75, 28 - 4.75)
    assert any("Byggegrense: 4,75 m fra nabo" in t for t in _texts(site_svg(plan)))


def test_a_rotated_plot_is_squared_to_the_sheet_and_the_north_arrow_turns() -> None:
    from factories import transform

    plan = load(transform(house(), 30.0, dx=100.0, dy=50.0))
    svg = site_svg(plan)
    (arrow,) = _groups(svg, "north-arrow")
    assert float(arrow.get("data-turn")) == -30.0
    assert arrow.get("transform").startswith("rotate(30 ")  # on paper the arrow leans 30° clockwise
    (plot,) = _groups(svg, "plot")
    d = plot.find(NS + "path").get("d")
    pts = [tuple(map(float, q.split(","))) for q in re.findall(r"[-\d.]+,[-\d.]+", d)]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        assert abs(x1 - x0) < 0.02 or abs(y1 - y0) < 0.02  # every edge level or plumb on the sheet
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    assert (round(max(xs) - min(xs), 1), round(max(ys) - min(ys), 1)) == (150.0, 140.0)  # 30 × 28 m at 1:200
    import io

    import ezdxf

    from planner.export import plan_dxf

    doc = ezdxf.read(io.StringIO(plan_dxf(plan).decode()))
    (vp,) = [v for v in doc.layouts.get("Situasjonsplan 1-200").query("VIEWPORT") if v.dxf.status != 1]
    assert vp.dxf.view_twist_angle == pytest.approx(-30.0)


def test_the_site_plan_draws_driveway_parking_outdoor_areas_spot_heights_and_the_floor_level() -> None:
    doc = house()
    plot = doc["plot"]
    plot["terrain"] = [[0, 0, 10.0], [30, 0, 10.4], [30, 28, 11.2], [0, 28, 10.8]]
    plot["driveway"] = rect(2, 0, 6, 5)
    plot["parking"] = [rect(2, 5, 4.5, 10), rect(4.5, 5, 7, 10)]
    plot["outdoor"] = [{"polygon": rect(8, 20, 22, 27), "household": "haugen"}]
    plot["regulation"]["min_outdoor_m2"] = 150
    doc["buildings"][0]["floor_z"] = 11.05
    svg = site_svg(load(doc))
    assert len(_groups(svg, "driveway")) == 1 and len(_groups(svg, "outdoor")) == 1
    (park,) = _groups(svg, "parking")
    assert len(park.findall(NS + "path")) == 2
    texts = _texts(svg)
    assert not any("illustrasjon" in t for t in texts)  # the spaces are the plan's own
    assert {"+10,00", "+10,40", "+11,20", "+10,80"} <= set(texts)
    assert "FG 1. etg. kote 11,05" in texts
    assert "Uteoppholdsareal (krav 150 m²)" in texts and "98,0 m²" in texts
    red = [t for t in ET.fromstring(svg).iter(NS + "text") if "".join(t.itertext()) == "98,0 m²"]
    assert red[0].get("fill") == "#c0141c"  # under the zoning plan's minimum
    assert _groups(svg, "entrances")[0].findall(NS + "polygon")
