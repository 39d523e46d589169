"""plan/1 load and dump: lossless round trips and errors that name the JSON path."""

from __future__ import annotations

import io
import json
import re
import string
from pathlib import Path

import pytest
from factories import DATA, house, make_room, rect

from planner import model
from planner.errors import FORMAT_PROBLEMS, PlanFormatError


def test_the_example_round_trips_to_the_same_document():
    text = (DATA / "haugen-nanset.plan.json").read_text(encoding="utf-8")
    assert json.loads(model.dumps(model.loads(text))) == json.loads(text)


def test_unknown_keys_are_kept_at_every_level():
    doc = house()
    doc["x-top"] = {"a": [1, 2]}
    doc["plot"]["x-survey"] = "2026-05"
    doc["plot"]["regulation"]["x-plan-id"] = "R-123"
    doc["households"][0]["x-case"] = 42
    doc["households"][0]["members"][0]["x-skill"] = "maler"
    doc["buildings"][0]["rooms"][0]["x-floor"] = "parkett"
    doc["buildings"][0]["doors"][0]["x-lock"] = True
    doc["buildings"][0]["windows"][0]["x-u"] = 0.8
    doc["buildings"][0]["walls"]["x-layers"] = 3
    back = json.loads(model.dumps(model.from_dict(doc)))
    assert back == doc


def test_absent_optional_keys_stay_absent_and_take_their_defaults():
    doc = house()
    del doc["plot"]["regulation"]
    del doc["buildings"][0]["walls"]
    del doc["households"][0]["accessible"]
    plan = model.from_dict(doc)
    assert plan.plot.regulation.road_distance == 4.0
    assert plan.plot.regulation.neighbour_distance == 4.0
    assert plan.plot.regulation.max_bya_percent is None
    assert plan.buildings[0].exterior_wall_m == 0.3
    assert plan.households[0].is_accessible is True
    assert json.loads(model.dumps(plan)) == doc


def test_load_and_dump_work_on_open_files():
    plan = model.load(io.BytesIO(json.dumps(house()).encode()))
    out = io.StringIO()
    model.dump(plan, out)
    assert json.loads(out.getvalue())["project"]["name"] == "Familien Haugen - Nanset"


def _error(doc) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as e:
        model.from_dict(doc)
    return e.value


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.update(format="plan/2"), "format"),
    (lambda d: d.pop("plot"), "plot"),
    (lambda d: d["plot"].pop("boundary"), "plot.boundary"),
    (lambda d: d["buildings"][0]["rooms"][3]["polygon"].__setitem__(1, ["a", 2]),
     "buildings[0].rooms[3].polygon[1]"),
    (lambda d: d["buildings"][0]["rooms"][3]["polygon"].__setitem__(1, [1, 2, 3]),
     "buildings[0].rooms[3].polygon[1]"),
    (lambda d: d["buildings"][0]["rooms"][0].update(type="garage"), "buildings[0].rooms[0].type"),
    (lambda d: d["buildings"][0]["doors"][2].update(width_m="wide"), "buildings[0].doors[2].width_m"),
    (lambda d: d["buildings"][0]["doors"][2].update(width_m=True), "buildings[0].doors[2].width_m"),
    (lambda d: d["buildings"][0]["doors"][2]["rooms"].__setitem__(1, "r-nowhere"),
     "buildings[0].doors[2].rooms[1]"),
    (lambda d: d["buildings"][0]["windows"][0].update(room="r-nowhere"), "buildings[0].windows[0].room"),
    (lambda d: d["buildings"][0].update(household="nobody"), "buildings[0].household"),
    (lambda d: d["buildings"][0]["rooms"][1].update(id="r-entre"), "buildings[0].rooms[1].id"),
    (lambda d: d["buildings"][0]["rooms"].append(make_room("outside", "other", rect(0, 0, 1, 1))),
     "buildings[0].rooms[9].id"),
    (lambda d: d["plot"].update(road_edges=[7]), "plot.road_edges[0]"),
    (lambda d: d["plot"]["regulation"].update(max_bya_percent=-5), "plot.regulation.max_bya_percent"),
    (lambda d: d["households"][0].update(accessible="yes"), "households[0].accessible"),
    (lambda d: d["households"][0]["contributions"][0].update(status="maybe"),
     "households[0].contributions[0].status"),
    (lambda d: d["buildings"][0].update(storeys=0), "buildings[0].storeys"),
    (lambda d: d.update(units="ft"), "units"),
])
def test_a_bad_document_names_the_json_path_at_fault(change, path):
    doc = house()
    change(doc)
    e = _error(doc)
    assert e.path == path
    # the same problem in Bokmål for the web app: the same path, other words
    assert e.message_in("nb").startswith(f"{path}: ") and e.message_in("nb") != e.message_in("en")
    assert e.message_in("en") == str(e)


def test_every_format_problem_the_reader_raises_is_in_the_catalogue_in_both_languages():
    source = (Path(model.__file__)).read_text(encoding="utf-8")
    raised = set(re.findall(r'PlanFormatError\([^,]+, "([a-z0-9-]+)"', source))
    assert len(raised) >= 25 and raised <= set(FORMAT_PROBLEMS)
    for key, (nb, en) in FORMAT_PROBLEMS.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(en) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(nb) if name}, key
        assert nb != en, key


def test_nan_and_infinity_are_refused():
    text = json.dumps(house()).replace('"width_m": 1.0', '"width_m": NaN', 1)
    with pytest.raises(PlanFormatError, match="NaN"):
        model.loads(text)
    text = json.dumps(house()).replace("[30, 0]", "[1e999, 0]", 1)
    with pytest.raises(PlanFormatError, match=r"plot\.boundary\[1\]: .*finite"):
        model.loads(text)


def test_text_that_is_not_json_says_where():
    with pytest.raises(PlanFormatError, match="not JSON: .* line 1 column"):
        model.loads('{"format": "plan/1",')


def test_a_huge_polygon_is_refused_before_any_geometry_is_built():
    doc = house()
    doc["plot"]["boundary"] = [[i * 0.001, (i % 2) * 0.001] for i in range(100_000)]
    e = _error(doc)
    assert e.path == "plot.boundary"
    assert "100000 vertices" in str(e)
