"""The road beside a road edge (``set_road_edge`` with a kind, a name and a centre line) and a door's
clear height, on real Shapely geometry and the real check: what the edit stores, what the road-distance
rule then finds, each refusal with the field it names, and that old plans without roads still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from planner import edits, model, rules
from planner.edits import EditError

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "planner" / "web" / "data" / "demo.plan.json"


@pytest.fixture
def plan() -> model.Plan:
    """The demo plan without a building line, its south edge (edge 0, the road edge) 3 m from the house."""
    doc = json.loads(DEMO.read_text())
    doc["plot"]["boundary"] = [[0, 6], [30, 6], [30, 28], [0, 28]]
    doc["plot"]["regulation"].pop("road_distance_m")
    doc["plot"]["road_edges"] = []
    return model.from_dict(doc)


def _road_findings(p: model.Plan) -> list:
    return [f for f in rules.check(p).findings if f.rule == "plot.road-distance"]


def test_marking_an_edge_alone_keeps_the_assumed_four_metres(plan):
    done = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True})
    assert done.plan.plot.road_edges == [0] and done.plan.plot.roads is None
    [f] = _road_findings(done.plan)
    assert f.limit == 4.0 and f.measured == pytest.approx(3.0) and f.assumed


def test_a_municipal_road_ten_metres_out_gives_the_fifteen_metre_finding(plan):
    done = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                              "name": " Tanumveien ", "centre_m": 10})
    [road] = done.plan.plot.roads
    assert (road.edge, road.kind, road.name) == (0, "municipal", "Tanumveien")
    assert road.centreline == [[0.0, -4.0], [30.0, -4.0]]   # edge 0 (y = 6) moved 10 m out of the plot
    [f] = _road_findings(done.plan)
    assert f.limit == 15.0 and f.measured == pytest.approx(13.0) and not f.assumed
    assert "Tanumveien" in f.message_in("nb") and "midtlinjen" in f.message_in("nb")
    assert "15" in f.message_in("en") and "centre line" in f.message_in("en")
    doc = json.loads(model.dumps(done.plan))
    assert doc["plot"]["roads"] == [{"edge": 0, "kind": "municipal", "name": "Tanumveien",
                                     "centreline": [[0.0, -4.0], [30.0, -4.0]]}]
    assert model.from_dict(doc).plot.road(0).centreline == road.centreline


@pytest.mark.parametrize("kind, limit", [("county", 50.0), ("national", 50.0), ("private", 4.0)])
def test_the_kind_of_road_sets_the_limit(plan, kind, limit):
    done = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": kind,
                              "centre_m": 10})
    [f] = _road_findings(done.plan)
    assert f.limit == limit


def test_a_road_far_enough_away_has_no_finding_and_a_changed_kind_keeps_the_centre_line(plan):
    done = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                              "centre_m": 12.5})
    assert _road_findings(done.plan) == []   # 3 + 12,5 m from the centre line
    again = edits.apply(done.plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "county"})
    assert again.plan.plot.road(0).centreline == [[0.0, -6.5], [30.0, -6.5]]
    assert [f.limit for f in _road_findings(again.plan)] == [50.0]
    gone = edits.apply(again.plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "county",
                                    "centre_m": None})
    assert gone.plan.plot.road(0).centreline is None and gone.plan.plot.road(0).kind == "county"


def test_the_centre_line_runs_out_of_the_plot_on_a_slanted_edge():
    p = model.Plan(model.Project("P", "K"), model.Plot([[0, 0], [20, 0], [20, 20], [0, 10]], []), [], [])
    done = edits.apply(p, {"kind": "set_road_edge", "edge": 2, "road": True, "road_kind": "municipal",
                           "centre_m": 5})
    a, b = done.plan.plot.road(2).centreline
    # Edge 2 runs from (20, 20) to (0, 10); out of the plot is north-west, (-10, 20) / 22,36.
    assert a == pytest.approx([17.764, 24.472], abs=0.001) and b == pytest.approx([-2.236, 14.472], abs=0.001)
    between = Polygon([a, b, [0, 10], [20, 20]])
    assert not Polygon(p.plot.boundary).intersects(between.centroid)
    assert between.area == pytest.approx(22.36 * 5, abs=0.1)


def test_unmarking_removes_the_road_and_other_roads_stay(plan):
    one = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                             "name": "Tanumveien", "centre_m": 10})
    two = edits.apply(one.plan, {"kind": "set_road_edge", "edge": 1, "road": True, "road_kind": "private",
                                 "name": "Stikkvei"})
    assert [r.edge for r in two.plan.plot.roads] == [0, 1]
    off = edits.apply(two.plan, {"kind": "set_road_edge", "edge": 0, "road": False})
    assert off.plan.plot.road_edges == [1] and [r.name for r in off.plan.plot.roads] == ["Stikkvei"]
    both = edits.apply(off.plan, {"kind": "set_road_edge", "edge": 1, "road": False})
    assert both.plan.plot.roads is None and "roads" not in json.loads(model.dumps(both.plan))["plot"]


@pytest.mark.parametrize("edit, key, field", [
    ({"road_kind": "motorway"}, "choose the kind of road", "road_kind"),
    ({"road_kind": ""}, "choose the kind of road", "road_kind"),
    ({"road_kind": 3}, "choose the kind of road", "road_kind"),
    ({"name": "Tanumveien"}, "choose the kind of road", "road_kind"),
    ({"centre_m": 10}, "choose the kind of road", "road_kind"),
    ({"road_kind": "municipal", "name": "x" * 121}, "the road's name is too long", "name"),
    ({"road_kind": "municipal", "name": ["Tanumveien"]}, "the road's name is too long", "name"),
    ({"road_kind": "municipal", "centre_m": "10"}, "not a number", "centre_m"),
    ({"road_kind": "municipal", "centre_m": 0.1}, "number out of range", "centre_m"),
    ({"road_kind": "municipal", "centre_m": float("nan")}, "not a number", "centre_m"),
    ({"road": "yes"}, "a road edge is marked or not", "road"),
])
def test_a_bad_road_is_refused_naming_its_field_and_nothing_changes(plan, edit, key, field):
    before = model.dumps(plan)
    with pytest.raises(EditError) as e:
        edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, **edit})
    assert e.value.key == key and e.value.params["field"] == field
    assert model.dumps(plan) == before


def test_a_plan_with_roads_from_elsewhere_loads_and_its_surveyed_centre_line_is_kept(plan):
    doc = json.loads(model.dumps(plan))
    doc["plot"]["road_edges"] = [0]
    doc["plot"]["roads"] = [{"edge": 0, "kind": "county", "name": "Fv. 303",
                             "centreline": [[-5, -20], [10, -21], [40, -25]], "source": "kartverket"}]
    p = model.from_dict(doc)
    done = edits.apply(p, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "county",
                           "name": "Fv. 303 Larviksveien"})
    road = done.plan.plot.road(0)
    assert road.centreline == [[-5, -20], [10, -21], [40, -25]] and road.extra == {"source": "kartverket"}
    assert road.name == "Fv. 303 Larviksveien"


def test_a_door_gets_its_clear_height_and_a_low_one_is_found(plan):
    b = plan.buildings[0]
    k = 0
    done = edits.apply(plan, {"kind": "set_door", "building": b.id, "door": k, "height_m": 1.9})
    assert done.plan.buildings[0].doors[k].height_m == 1.9
    found = [f for f in rules.check(done.plan).findings
             if f.rule == "access.door-width" and f.subject == f"door:{k}"]
    assert found, "a 1,9 m door is lower than the 2,0 m of TEK17 §12-13"
    added = edits.apply(plan, {"kind": "add_door", "building": b.id, "rooms": ["r-stue", "r-kjokken"],
                               "height_m": 2.3})
    assert done.plan is not added.plan and added.plan.buildings[0].doors[added.made].height_m == 2.3
    for bad, key in ((1.7, "number out of range"), (3.5, "number out of range"), ("2,1", "not a number")):
        with pytest.raises(EditError) as e:
            edits.apply(plan, {"kind": "set_door", "building": b.id, "door": k, "height_m": bad})
        assert e.value.key == key and e.value.params["field"] == "height_m"
    assert edits.LIMITS["door_height_m"] == (1.8, 3.0)


def test_a_centre_line_drawn_from_its_edge_follows_a_moved_corner_and_a_surveyed_one_stays(plan):
    done = edits.apply(plan, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                              "centre_m": 10})
    moved = edits.apply(done.plan, {"kind": "move_plot_corner", "corner": 1, "to": [34, 6]})
    assert moved.plan.plot.road(0).centreline == [[0.0, -4.0], [34.0, -4.0]]
    tilted = edits.apply(moved.plan, {"kind": "move_plot_corner", "corner": 0, "to": [0, 2]})
    a, b = tilted.plan.plot.road(0).centreline
    assert edits.plot.centre_offset(tilted.plan.plot.boundary, 0, [a, b]) == pytest.approx(10, abs=0.002)
    assert b == pytest.approx([35.169, -3.931], abs=0.002)   # the tilted edge moved 10 m out, to the south
    doc = json.loads(model.dumps(plan))
    doc["plot"]["road_edges"] = [0]
    doc["plot"]["roads"] = [{"edge": 0, "kind": "county", "centreline": [[-5, -20], [40, -25]]}]
    surveyed = edits.apply(model.from_dict(doc), {"kind": "move_plot_corner", "corner": 1, "to": [34, 6]})
    assert surveyed.plan.plot.road(0).centreline == [[-5, -20], [40, -25]]
