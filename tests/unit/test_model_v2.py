"""The plan/1 keys for the building in three dimensions and the site around it (PLAN_FORMAT.md):
read, validated with the JSON path at fault, kept on a round trip; and the limits no input may pass."""

from __future__ import annotations

import json

import pytest
from factories import house

from planner import model
from planner.cli import main
from planner.errors import PlanFormatError


def full() -> dict:
    """The test house with every optional key of the 3D and site section set."""
    doc = house()
    plot = doc["plot"]
    plot["regulation"]["min_outdoor_m2"] = 100.0
    plot["terrain"] = [[0, 0, 10.0], [30, 0, 10.5], [30, 25, 12.0], [0, 25, 11.5]]
    plot["roads"] = [{"edge": 0, "kind": "municipal", "name": "Tanumveien",
                      "centreline": [[-5, -4], [35, -4]]}]
    plot["driveway"] = [[2, 0], [5, 0], [5, 4], [2, 4]]
    plot["parking"] = [[[2, 4], [5, 4], [5, 9], [2, 9]]]
    plot["outdoor"] = [{"polygon": [[20, 15], [29, 15], [29, 24], [20, 24]], "household": "haugen"}]
    plot["neighbours"] = {
        "plots": [{"gnr": 1049, "bnr": 56, "address": "Tanumveien 3",
                   "boundary": [[30, 0], [60, 0], [60, 25], [30, 25]]}],
        "buildings": [{"footprint": [[40, 5], [50, 5], [50, 14], [40, 14]], "kind": "dwelling",
                       "status": "existing", "gesims_m": 6.0}],
    }
    plot["neighbour_consent_edges"] = [1]
    b = doc["buildings"][0]
    b["kind"] = "dwelling"
    b["status"] = "new"
    b["floor_z"] = 11.2
    b["levels"] = [{"storey": 1, "height_m": 2.8, "ceiling_m": 2.5}]
    b["roof"] = {"type": "gable", "pitch_deg": 30, "ridge_along": 0, "overhang_m": 0.5}
    b["facade_fire_rated"] = False
    b["walls"]["separating_m"] = 0.25
    room = b["rooms"][0]
    room["ceiling_m"] = 2.3
    room["fixtures"] = [{"kind": "wardrobe", "polygon": [[8.1, 5.1], [8.7, 5.1], [8.7, 6.1], [8.1, 6.1]]}]
    b["doors"][0].update({"swing_into": b["doors"][0]["rooms"][1], "hinge": "left", "height_m": 2.1})
    b["windows"][0].update({"sill_m": 0.6, "opening_m": [0.6, 1.0]})
    return doc


def _error(doc) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as e:
        model.from_dict(doc)
    return e.value


def test_every_new_key_is_read_and_written_back_unchanged():
    doc = full()
    plan = model.from_dict(doc)
    assert json.loads(model.dumps(plan)) == doc
    b = plan.buildings[0]
    assert plan.plot.terrain[2] == [30, 25, 12.0]
    assert plan.plot.road(0).name == "Tanumveien" and plan.plot.road(1) is None
    assert plan.plot.neighbours.plots[0].gnr == 1049
    assert plan.plot.neighbours.buildings[0].status == "existing"
    assert plan.plot.regulation.min_outdoor_m2 == 100.0
    assert (b.roof.pitch, b.roof.overhang, b.storey_height(1), b.ceiling_height(1)) == (30, 0.5, 2.8, 2.5)
    assert b.ceiling_height(1, b.rooms[0]) == 2.3 and b.storey_height(2) == 2.7
    assert b.separating_wall_m == 0.25 and b.is_dwelling and b.state == "new"
    assert b.windows[0].sill == 0.6 and b.windows[0].clear_opening == (0.6, 1.0)


def test_absent_keys_take_the_defaults_of_the_format():
    plan = model.from_dict(house())
    b = plan.buildings[0]
    assert (b.building_kind, b.state, b.separating_wall_m) == ("dwelling", "new", 0.2)
    assert (b.storey_height(1), b.ceiling_height(1)) == (2.7, 2.4)
    w = b.windows[0]
    assert w.sill == 0.8 and w.clear_opening == (w.width_m, w.height_m)
    assert b.doors[0].clear_height == 2.1
    assert "terrain" not in model.to_dict(plan)["plot"]


def test_a_flat_roof_has_no_pitch_and_a_garage_needs_no_household():
    doc = house()
    doc["buildings"][0]["roof"] = {"type": "flat"}
    garage = {"id": "G", "kind": "garage", "belongs_to": "haugen",
              "footprint": [[1, 15], [6, 15], [6, 21], [1, 21]], "storeys": 1, "rooms": []}
    doc["buildings"].append(garage)
    plan = model.from_dict(doc)
    assert plan.buildings[0].roof.pitch == 0
    assert plan.buildings[1].household is None and not plan.buildings[1].is_dwelling
    assert "household" not in model.to_dict(plan)["buildings"][1]


@pytest.mark.parametrize("where, value, path, words", [
    (("plot", "terrain"), [[0, 0]], "plot.terrain[0]", "[x, y, z]"),
    (("plot", "roads"), [{"edge": 9, "kind": "municipal"}], "plot.roads[0].edge", "edge number"),
    (("plot", "roads"), [{"edge": 0, "kind": "motorway"}], "plot.roads[0].kind", "not one of"),
    (("plot", "parking"), [[[0, 0], [1]]], "plot.parking[0][1]", "[x, y]"),
    (("plot", "outdoor"), [{"polygon": [[0, 0], [1, 0], [1, 1]], "household": "nobody"}],
     "plot.outdoor[0].household", "no household"),
    (("plot", "neighbour_consent_edges"), [7], "plot.neighbour_consent_edges[0]", "edge number"),
    (("buildings", 0, "roof"), {"type": "dome"}, "buildings[0].roof.type", "not one of"),
    (("buildings", 0, "roof"), {"type": "gable", "ridge_along": 4}, "buildings[0].roof.ridge_along", "edge"),
    (("buildings", 0, "levels"), [{"storey": 1}, {"storey": 1}], "buildings[0].levels[1].storey", "twice"),
    (("buildings", 0, "kind"), "castle", "buildings[0].kind", "not one of"),
    (("buildings", 0, "belongs_to"), "nobody", "buildings[0].belongs_to", "no household"),
    (("buildings", 0, "doors", 0, "hinge"), "up", "buildings[0].doors[0].hinge", "not one of"),
    (("buildings", 0, "doors", 0, "swing_into"), "outside", "buildings[0].doors[0].swing_into", "door's two"),
    (("buildings", 0, "windows", 0, "opening_m"), [0.5], "buildings[0].windows[0].opening_m", "[x, y]"),
    (("buildings", 0, "rooms", 0, "fixtures"), [{"kind": "piano", "polygon": []}],
     "buildings[0].rooms[0].fixtures[0].kind", "not one of"),
    (("buildings", 0, "rooms", 0, "stair"), {"from": 1, "to": 2}, "buildings[0].rooms[0].stair",
     "type stair"),
])
def test_a_bad_new_key_names_its_json_path(where, value, path, words):
    doc = house()
    target = doc
    for k in where[:-1]:
        target = target[k]
    target[where[-1]] = value
    e = _error(doc)
    assert e.path == path
    assert words in str(e)


@pytest.mark.parametrize("mutate, path", [
    (lambda d: d.__setitem__("x-note", float("inf")), "x-note"),
    (lambda d: d["plot"]["boundary"][1].__setitem__(0, 1e300), "plot.boundary[1]"),
    (lambda d: d["buildings"][0]["doors"][0].__setitem__("at", [2 ** 64, 0]), "buildings[0].doors[0].at"),
    (lambda d: d["buildings"][0].__setitem__("storeys", 10 ** 20), "buildings[0].storeys"),
    (lambda d: d["buildings"][0].__setitem__("storeys", 10 ** 400), "buildings[0].storeys"),
    (lambda d: d["buildings"][0]["doors"][0].__setitem__("width_m", 10 ** 400),
     "buildings[0].doors[0].width_m"),
    (lambda d: d["project"].__setitem__("name", "Berg\x00"), "project.name"),
    (lambda d: d["households"][0].__setitem__("wishes", "lys \ud800 stue"), "households[0].wishes"),
    (lambda d: d.__setitem__("x-keep", ["a\x00"]), "x-keep[0]"),
])
def test_what_no_plan_may_hold_is_refused_with_its_path(mutate, path):
    doc = house()
    mutate(doc)
    assert _error(doc).path == path


def test_nesting_deeper_than_any_plan_is_refused_both_parsed_and_as_text():
    doc = house()
    deep: list = []
    node = deep
    for _ in range(100):
        node.append([])
        node = node[0]
    doc["x-deep"] = deep
    assert "nested too deeply" in str(_error(doc))
    text = '{"format": "plan/1", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"
    with pytest.raises(PlanFormatError, match="nested too deeply"):
        model.loads(text)


def test_an_integer_of_thousands_of_digits_is_refused_in_one_line():
    text = json.dumps(house()).replace('"storeys": 1', '"storeys": ' + "9" * 5000, 1)
    with pytest.raises(PlanFormatError, match="5000 digits"):
        model.loads(text)


def test_the_dump_is_compact_on_request_and_never_writes_infinity():
    plan = model.from_dict(full())
    compact = model.dumps(plan, indent=None)
    assert "\n" not in compact and '": ' not in compact
    assert json.loads(compact) == json.loads(model.dumps(plan))
    plan.extra["x"] = float("nan")
    with pytest.raises(ValueError):
        model.dumps(plan)


@pytest.mark.parametrize("text", [
    '{"format": "plan/1", "x": 1e999}',
    '{"format": "plan/1", "x": ' + "1" * 401 + "}",
    '{"format": "plan/1", "x": "\\ud800"}',
    '{"format": "plan/1", "x": "\\u0000"}',
])
def test_the_cli_exits_2_with_one_line_for_numbers_and_text_no_plan_holds(text, tmp_path, capsys):
    f = tmp_path / "p.json"
    f.write_text(text, encoding="utf-8")
    assert main(["check", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("planner: ") and "Traceback" not in err
