"""RULES.md v2: every new or changed rule triggered (measured value and limit) and cleared,
the (A) trigger both ways, and the checker bugs of issue 10 as regression tests."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from factories import building, house, make_room, only, rect, room, run, studio, transform

from planner.rules import RULES

Doc = dict[str, Any]
PLANNER = str(Path(sys.executable).with_name("planner"))


def _one(report, rule_id: str, subject: str | None = None):
    found = [f for f in only(report, rule_id) if subject is None or f.subject == subject]
    assert len(found) == 1, f"{rule_id}: {report.findings}"
    return found[0]


def _not_accessible(doc: Doc) -> Doc:
    doc["households"][0]["accessible"] = False
    return doc


def _narrow_entry(doc: Doc) -> Doc:
    """The entry 1.4 m wide (1.0 m net): passable, too narrow to turn in."""
    room(doc, "r-entre")["polygon"] = rect(8, 9, 9.4, 13.5)
    room(doc, "r-stue")["polygon"] = rect(9.4, 9, 16.4, 13.5)
    b = building(doc)
    b["doors"][0]["at"] = [8.82, 9.0]
    b["doors"][1]["at"] = [9.4, 11.0]
    b["doors"][3]["at"] = [8.82, 13.5]
    return doc


def _bedrooms_upstairs(doc: Doc) -> Doc:
    b = building(doc)
    b["storeys"] = 2
    for rid in ("r-sov1", "r-sov2", "r-sov3"):
        room(doc, rid)["storey"] = 2
    return doc


# --------------------------------------------------------------------------- (A): when it applies


def test_one_storey_with_accessible_false_still_gets_the_accessible_rules():
    doc = _narrow_entry(_not_accessible(house()))
    report = run(doc)
    f = _one(report, "room.turning-space", "room:r-entre")
    assert (f.measured, f.limit) == (pytest.approx(1.0, abs=0.01), 1.5)
    assert "i dag" in f.message and "rullestol" in f.message        # why, in plain words
    reason = report.details["accessibility"]["A/haugen"]
    assert "gjelder" in reason and "§ 12-2" in reason and "selv om" in reason
    assert report.to_dict()["summary"]["accessibility"]["A/haugen"] == reason


def test_bedrooms_upstairs_and_accessible_false_skip_the_accessible_rules():
    doc = _bedrooms_upstairs(_narrow_entry(_not_accessible(house())))
    report = run(doc, lang="en")
    assert not only(report, "room.turning-space")
    assert not only(report, "room.passage-width")
    assert not only(report, "program.entrance-level")
    reason = report.details["accessibility"]["A/haugen"]
    assert reason.startswith("The accessible-home rules do not apply") and "entrance level" in reason


def test_bedrooms_upstairs_and_an_accessible_household_keep_the_rules():
    doc = _bedrooms_upstairs(_narrow_entry(house()))
    report = run(doc)
    assert only(report, "room.turning-space")
    assert only(report, "program.entrance-level")
    assert "trenger tilgjengelig bolig" in report.details["accessibility"]["A/haugen"]


def _terrain(doc: Doc, rise_per_m: float) -> Doc:
    doc["plot"]["terrain"] = [[0, 0, 0.0], [30, 0, 0.0], [0, 28, 28 * rise_per_m], [30, 28, 28 * rise_per_m]]
    return doc


def test_steep_terrain_to_the_entrance_is_the_one_exception():
    # floor at the mean ground along the outline (y = 14): 7.0 m above the road 9 m away
    doc = _narrow_entry(_terrain(house(), 0.5))
    report = run(doc, lang="en")
    assert not only(report, "room.turning-space")
    reason = report.details["accessibility"]["A/haugen"]
    assert "§ 8-5 second paragraph" in reason and "1:15" in reason


def test_gentle_terrain_keeps_the_accessible_rules():
    doc = _narrow_entry(_terrain(house(), 0.02))     # 0.28 m over 9 m: 3 %, below 1:15
    report = run(doc)
    assert only(report, "room.turning-space")


def test_the_example_house_reports_why_the_rules_apply():
    assert "alle hovedfunksjonene" in run(house()).details["accessibility"]["A/haugen"]


# --------------------------------------------------------------------------- turning areas


def _bathroom(doc: Doc, x1: float) -> Doc:
    room(doc, "r-bad")["polygon"] = rect(17.6, 15, x1, 19)
    room(doc, "r-bod")["polygon"] = rect(x1, 15, 22, 19)
    building(doc)["doors"][7]["at"] = [(17.6 + x1) / 2, 15.0]
    building(doc)["doors"][8]["at"] = [(x1 + 22) / 2 - 0.1, 15.0]
    return doc


def test_a_bathroom_holding_only_the_rectangle_passes():
    doc = _bathroom(house(), 19.15)       # 1.45 m net: no Ø 1.5 m circle, but 1.3 × 1.8 m fits
    assert not only(run(doc), "room.bathroom-turning-space")


def test_a_bathroom_holding_neither_fails():
    doc = _bathroom(house(), 18.9)        # 1.2 m net
    f = _one(run(doc), "room.bathroom-turning-space", "room:r-bad")
    assert (f.measured, f.limit) == (pytest.approx(1.2, abs=0.01), 1.5)


def test_fixtures_take_their_place_from_the_turning_area():
    doc = house()
    # a bath across the middle leaves 1.25 m and 1.2 m of the 2.3 × 3.65 m net floor
    room(doc, "r-bad")["fixtures"] = [{"kind": "bath", "polygon": rect(17.7, 16.3, 19.9, 17.5)}]
    f = _one(run(doc), "room.bathroom-turning-space", "room:r-bad")
    assert (f.measured, f.limit) == (pytest.approx(1.25, abs=0.01), 1.5)
    room(doc, "r-bad")["fixtures"] = [{"kind": "bath", "polygon": rect(17.7, 18.0, 19.9, 18.9)}]
    assert not only(run(doc), "room.bathroom-turning-space")


def test_the_wc_needs_free_space_on_one_side():
    doc = house()
    wc = {"kind": "wc", "polygon": rect(18.25, 17.95, 18.65, 18.65)}   # back to the north wall
    basin = {"kind": "basin", "polygon": rect(17.7, 18.05, 18.25, 18.65)}
    shower = {"kind": "shower", "polygon": rect(18.65, 17.75, 19.9, 18.65)}     # right beside the WC
    room(doc, "r-bad")["fixtures"] = [wc, basin, shower]
    f = _one(run(doc), "room.bathroom-turning-space", "room:r-bad")
    assert f.key == "room.bathroom-turning-space/wc"
    assert f.limit == 0.9 and f.measured < 0.9
    room(doc, "r-bad")["fixtures"] = [wc, basin]
    assert not only(run(doc), "room.bathroom-turning-space")


def _entry_with_swings(into_entry: bool) -> Doc:
    doc = house()
    room(doc, "r-entre")["polygon"] = rect(8, 9, 10.6, 11.6)       # 2.25 × 2.25 m net
    b = building(doc)
    b["doors"][1].update(at=[10.6, 11.0])
    if into_entry:
        b["doors"][1]["swing_into"] = "r-entre"
    return doc


def test_the_entry_turning_area_lies_outside_the_door_swings():
    f = _one(run(_entry_with_swings(True)), "room.turning-space", "room:r-entre")
    assert f.key == "room.turning-space/entry"
    assert (f.measured, f.limit) == (pytest.approx(1.35, abs=0.01), 1.5)
    assert not [f for f in only(run(_entry_with_swings(False)), "room.turning-space")
                if f.subject == "room:r-entre"]


def test_every_room_for_permanent_stay_on_the_entrance_level_needs_a_turning_area():
    doc = house()
    room(doc, "r-sov2")["polygon"] = rect(11.6, 15, 12.9, 19)        # 1.2 m net
    room(doc, "r-sov3")["polygon"] = rect(12.9, 15, 17.6, 19)
    building(doc)["doors"][5]["at"] = [12.25, 15.0]
    building(doc)["windows"][3]["at"] = [12.25, 19.0]
    f = _one(run(doc), "room.turning-space", "room:r-sov2")
    assert (f.measured, f.limit) == (pytest.approx(1.2, abs=0.01), 1.5)


# --------------------------------------------------------------------------- plot


def test_bya_is_compared_as_an_area_with_the_tolerance():
    doc = house()
    exact = (140.0 + 36.0) / 840.0 * 100     # footprint + two parking spaces, to the square metre
    doc["plot"]["regulation"]["max_bya_percent"] = exact
    assert not only(run(doc), "plot.bya")
    doc["plot"]["regulation"]["parking_space_m2"] = 18.02         # 0.04 m² over
    f = _one(run(doc), "plot.bya")
    assert f.limit == pytest.approx(exact)
    assert f.params["over"] == pytest.approx(0.04, abs=1e-6)


def test_bya_counts_parking_polygons_and_existing_buildings():
    doc = house()
    doc["plot"]["parking"] = [rect(1, 1, 3.5, 6), rect(4, 1, 6.5, 6)]       # 2 × 12.5 m²
    assert run(doc).summary["bya_m2"] == pytest.approx(140.0 + 25.0)     # not 2 × 18 m²
    doc["buildings"].append({"id": "G", "kind": "garage", "status": "existing", "belongs_to": "haugen",
                             "footprint": rect(1, 20, 5, 24), "storeys": 1, "rooms": []})
    report = run(doc)
    assert report.summary["bya_m2"] == pytest.approx(140.0 + 25.0 + 16.0)
    doc["plot"]["regulation"]["max_bya_percent"] = 20
    f = _one(run(doc), "plot.bya")
    assert (f.measured, f.limit) == (pytest.approx(181.0 / 840 * 100), 20)


def test_neighbour_distance_is_the_zoning_value_when_given():
    doc = house()
    doc["plot"]["regulation"]["neighbour_distance_m"] = 8.5
    f = _one(run(doc), "plot.neighbour-distance")
    assert (f.measured, f.limit, f.key) == (pytest.approx(8.0), 8.5, "plot.neighbour-distance/zoning")
    doc["plot"]["regulation"]["neighbour_distance_m"] = 2.0      # the zoning value stands, not 4 m
    doc["plot"]["boundary"] = rect(0, 0, 25, 28)
    assert not only(run(doc), "plot.neighbour-distance")


def _roofed(doc: Doc, pitch: float, storeys: int = 1) -> Doc:
    del doc["plot"]["regulation"]["neighbour_distance_m"]
    b = building(doc)
    b.update(storeys=storeys, roof={"type": "gable", "pitch_deg": pitch})
    b.pop("gesims_m")
    b.pop("mone_m")
    return doc


def test_neighbour_distance_is_half_the_derived_eaves_height():
    doc = _roofed(house(), 30, storeys=3)      # gesims 8.1 m: at least 4.05 m
    doc["plot"]["regulation"]["max_gesims_m"] = 9.0
    doc["plot"]["regulation"]["max_mone_m"] = 12.0
    doc["plot"]["boundary"] = rect(0, 0, 26.04, 28)      # 4.04 m from the east edge
    f = _one(run(doc), "plot.neighbour-distance")
    assert (f.measured, f.limit) == (pytest.approx(4.04), pytest.approx(4.05))
    doc["plot"]["boundary"] = rect(0, 0, 26.1, 28)
    assert not only(run(doc), "plot.neighbour-distance")


def _garage(doc: Doc, x0: float, **extra: Any) -> Doc:
    doc["buildings"].append({"id": "G", "kind": "garage", "belongs_to": "haugen",
                             "footprint": rect(x0, 20, x0 + 6, 26), "storeys": 1, "rooms": [],
                             "gesims_m": 2.6, "mone_m": 3.8, **extra})
    return doc


def test_a_small_garage_may_stand_one_metre_from_the_boundary():
    doc = house()
    del doc["plot"]["regulation"]["neighbour_distance_m"]
    _garage(doc, 23.2)                         # 0.8 m from the east edge
    f = _one(run(doc), "plot.neighbour-distance", "building:G")
    assert (f.measured, f.limit) == (pytest.approx(0.8), 1.0)
    doc["buildings"][1]["footprint"] = rect(23.0, 20, 29.0, 26)
    assert not [f for f in only(run(doc), "plot.neighbour-distance") if f.subject == "building:G"]
    doc["buildings"][1]["mone_m"] = 4.5         # too high for the exception: 4 m
    f = _one(run(doc), "plot.neighbour-distance", "building:G")
    assert f.limit == 4.0


def test_the_neighbours_consent_turns_the_error_into_a_warning():
    doc = house()
    doc["plot"]["boundary"] = rect(0, 0, 24, 28)            # 2.0 m from edge 1 (east)
    assert _one(run(doc), "plot.neighbour-distance").severity == "error"
    doc["plot"]["neighbour_consent_edges"] = [1]
    f = _one(run(doc), "plot.neighbour-distance")
    assert f.severity == "warning" and "samtykke" in f.message
    assert (f.measured, f.limit) == (pytest.approx(2.0), 4.0)
    assert run(doc).ok


def test_road_distance_from_the_centre_line_by_veglova():
    doc = house()
    del doc["plot"]["regulation"]["road_distance_m"]
    doc["plot"]["roads"] = [{"edge": 0, "kind": "municipal", "name": "Tanumveien",
                             "centreline": [[-10, -4], [40, -4]]}]
    f = _one(run(doc), "plot.road-distance")
    assert (f.measured, f.limit) == (pytest.approx(13.0), 15.0)
    assert not f.assumed and "veglova § 29" in f.message and "Tanumveien" in f.message
    doc["plot"]["roads"][0]["kind"] = "county"
    assert _one(run(doc), "plot.road-distance").limit == 50.0
    doc["plot"]["roads"][0]["centreline"] = [[-10, -8], [40, -8]]
    doc["plot"]["roads"][0]["kind"] = "municipal"
    assert not only(run(doc), "plot.road-distance")


def test_road_distance_without_a_building_line_is_an_assumed_four_metres():
    doc = house()
    del doc["plot"]["regulation"]["road_distance_m"]
    building(doc)["footprint"] = rect(8, 3, 22, 13)
    f = _one(run(doc), "plot.road-distance")
    assert (f.measured, f.limit, f.assumed) == (pytest.approx(3.0), 4.0, True)
    assert f.to_dict()["assumed"] is True and "bekrefte" in f.message
    doc["plot"]["regulation"]["road_distance_m"] = 4.0          # the building line: not assumed
    f = _one(run(doc), "plot.road-distance")
    assert not f.assumed and "assumed" not in f.to_dict()


def test_derived_heights_are_checked_and_reported():
    doc = _roofed(house(), 45, storeys=2)       # T − G = 5.4 m; mone = 5.4 + 5.0 (10 m deep, 45°)
    doc["plot"]["regulation"]["max_mone_m"] = 9.0
    report = run(doc)
    f = _one(report, "plot.height-mone")
    assert (f.measured, f.limit) == (pytest.approx(10.4), 9.0)
    assert f.key == "plot.height-mone/derived"
    assert report.to_dict()["summary"]["heights"] == {"A": {"gesims_m": 5.4, "mone_m": 10.4}}
    doc["plot"]["regulation"]["max_gesims_m"] = 5.0
    assert _one(run(doc), "plot.height-gesims").measured == pytest.approx(5.4)
    building(doc)["roof"]["pitch_deg"] = 30
    assert not only(run(doc), "plot.height-mone")


def test_a_house_and_its_own_garage_are_one_bruksenhet():
    doc = _garage(house(), 23.0)                 # 4 m from the house
    doc["plot"]["boundary"] = rect(0, 0, 34, 28)
    assert not only(run(doc), "plot.building-distance")
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    doc["buildings"][1]["belongs_to"] = "lie"
    f = _one(run(doc), "plot.building-distance")
    assert (f.measured, f.limit, f.severity) == (pytest.approx(2 ** 0.5), 8.0, "error")


def test_fire_rated_facades_make_the_building_distance_a_warning():
    doc = _garage(house(), 23.0, facade_fire_rated=True)
    doc["plot"]["boundary"] = rect(0, 0, 34, 28)
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    doc["buildings"][1]["belongs_to"] = "lie"
    building(doc)["facade_fire_rated"] = True
    f = _one(run(doc), "plot.building-distance")
    assert f.severity == "warning" and "brannskill" in f.message


def test_building_distance_to_a_building_on_the_neighbouring_plot():
    doc = house()
    doc["plot"]["neighbours"] = {"plots": [], "buildings": [
        {"footprint": rect(31, 10, 40, 18), "kind": "dwelling", "gesims_m": 6.0}]}
    assert not only(run(doc), "plot.building-distance")       # 9 m away
    doc["plot"]["neighbours"]["buildings"][0]["footprint"] = rect(27, 10, 40, 18)
    f = _one(run(doc), "plot.building-distance")
    assert (f.measured, f.limit, f.subject) == (pytest.approx(5.0), 8.0, "building:A")
    assert "nabotomten" in f.message
    doc["plot"]["neighbours"]["buildings"][0]["status"] = "demolish"
    assert not only(run(doc), "plot.building-distance")


def test_outdoor_area_per_dwelling():
    doc = house()
    doc["plot"]["regulation"]["min_outdoor_m2"] = 100.0
    doc["plot"]["outdoor"] = [{"polygon": rect(0, 20, 10, 28), "household": "haugen"}]     # 80 m²
    f = _one(run(doc), "plot.outdoor-area")
    assert (f.measured, f.limit, f.subject) == (pytest.approx(80.0), 100.0, "household:haugen")
    doc["plot"]["outdoor"].append({"polygon": rect(22, 20, 30, 28)})                     # shared 64 m²
    assert not only(run(doc), "plot.outdoor-area")


def test_parking_spaces_drawn():
    doc = house()
    doc["plot"]["parking"] = [rect(1, 1, 3.5, 6)]
    f = _one(run(doc), "plot.parking")
    assert (f.measured, f.limit, f.severity) == (1, 2, "warning")
    doc["plot"]["parking"].append(rect(4, 1, 6.5, 6))
    assert not only(run(doc), "plot.parking")


# --------------------------------------------------------------------------- rooms, doors, stairs


def test_ceiling_heights():
    doc = house()
    building(doc)["levels"] = [{"storey": 1, "ceiling_m": 2.3}]
    report = run(doc)
    assert {f.subject for f in only(report, "room.ceiling-height")} == {
        "room:r-stue", "room:r-kjokken", "room:r-sov1", "room:r-sov2", "room:r-sov3"}
    room(doc, "r-bod")["ceiling_m"] = 2.1
    f = _one(run(doc), "room.ceiling-height", "room:r-bod")
    assert (f.measured, f.limit) == (2.1, 2.2)
    building(doc)["levels"] = [{"storey": 1, "ceiling_m": 2.4}]
    room(doc, "r-bod")["ceiling_m"] = 2.2
    assert not only(run(doc), "room.ceiling-height")


def test_daylight_counts_only_glass_above_0_8_m():
    doc = house()
    w = building(doc)["windows"][1]            # kitchen: 1.6 × 1.3 m, needs 1.99 m²
    assert not only(run(doc), "room.daylight")
    w["sill_m"] = 0.3                           # 0.5 m of the glass below 0.8 m: 1.6 × 0.8 counts
    f = _one(run(doc), "room.daylight", "room:r-kjokken")
    assert (f.measured, f.limit) == (pytest.approx(1.28), pytest.approx(1.99, abs=0.01))
    assert "0,8 m" in f.message


def test_escape_window_by_clear_opening_and_sill():
    doc = house()
    w = building(doc)["windows"][2]            # r-sov1: 1.2 × 1.3 m glass
    w["opening_m"] = [0.45, 1.1]
    assert _one(run(doc), "room.escape-window", "room:r-sov1")
    w["opening_m"] = [0.6, 0.9]
    assert not only(run(doc), "room.escape-window")
    w["sill_m"] = 1.1
    assert _one(run(doc), "room.escape-window", "room:r-sov1")


def test_door_height():
    doc = house()
    building(doc)["doors"][2]["height_m"] = 1.9
    f = _one(run(doc), "access.door-width", "door:2")
    assert (f.measured, f.limit, f.key) == (1.9, 2.0, "access.door-width/height")
    building(doc)["doors"][2]["height_m"] = 2.0
    assert not only(run(doc), "access.door-width")


def test_a_door_must_fit_within_its_wall():
    doc = house()
    building(doc)["doors"][0]["at"] = [8.3, 9.0]        # the leaf reaches into the corner
    f = _one(run(doc), "access.door-fits-wall", "door:0")
    assert (f.measured, f.limit) == (1.0, pytest.approx(2.25))
    assert f.params["over"] == pytest.approx(0.5)
    building(doc)["doors"][0]["at"] = [8.82, 9.0]       # 0.02 m: within the tolerance
    assert not only(run(doc), "access.door-fits-wall")
    building(doc)["doors"][0]["at"] = [10.1, 9.0]       # past half the interior wall at the junction
    f = _one(run(doc), "access.door-fits-wall", "door:0")
    assert f.params["over"] == pytest.approx(0.05)


def _stair(doc: Doc, **stair: Any) -> Doc:
    b = building(doc)
    b["storeys"] = 2
    room(doc, "r-bod").update(type="stair", stair={"from": 1, "to": 2, "width_m": 0.9, "risers": 15,
                                                   "walk": [[21, 15.2], [21, 18.8]], **stair})
    return doc


def test_a_good_stair_passes():
    # rise 2.7 / 15 = 0.18 m, going 3.6 / 14 = 0.257 m, 2R + G = 0.617 m
    assert not only(run(_stair(house())), "stair.geometry")


@pytest.mark.parametrize(("stair", "key", "measured", "limit"), [
    ({"width_m": 0.7}, "stair.geometry/width", 0.7, 0.8),
    ({"risers": 12, "walk": [[21, 15.2], [21, 18.1]]}, "stair.geometry/rise", 0.225, 0.20),
    ({"walk": [[21, 16.0], [21, 18.8]]}, "stair.geometry/going", 2.8 / 14, 0.25),
    ({"risers": 14, "walk": [[21, 15.2], [21, 18.84]]}, "stair.geometry/step",
     2 * 2.7 / 14 + 3.64 / 13, 0.64),
])
def test_stair_numbers(stair, key, measured, limit):
    found = [f for f in only(run(_stair(house(), **stair)), "stair.geometry") if f.key == key]
    assert len(found) == 1
    assert (found[0].measured, found[0].limit) == (pytest.approx(measured, abs=0.001), limit)
    assert "TEK17 § 12-14" in found[0].message and "TEK17 § 12-14" in found[0].message_in("en")
    shown = f"{limit:.2f}".rstrip("0").replace(".", ",")
    assert shown in found[0].message       # the message names the number it checks against
    if key in ("stair.geometry/rise", "stair.geometry/step"):       # said plainly: not DiBK's figure
        assert "ikke bekreftet" in found[0].message and "not confirmed" in found[0].message_in("en")


def test_a_stair_of_0_8_m_is_wide_enough_and_0_78_m_is_not():
    assert only(run(_stair(house(), width_m=0.8)), "stair.geometry") == []
    narrow = only(run(_stair(house(), width_m=0.78)), "stair.geometry")
    assert [(f.key, f.measured, f.limit) for f in narrow] == [("stair.geometry/width", 0.78, 0.8)]


def test_a_going_of_0_24_m_is_too_short_and_0_25_m_is_enough():
    """TEK17 § 12-14 (1) d: 0.25 m in the walking line, within the 0.01 m length tolerance."""
    short = _stair(house(), walk=[[21, 15.2], [21, 15.2 + 0.235 * 14]])
    assert [f.key for f in only(run(short), "stair.geometry")] == ["stair.geometry/going"]
    enough = _stair(house(), walk=[[21, 15.2], [21, 15.2 + 0.25 * 14]])
    assert only(run(enough), "stair.geometry") == []


def _units(doc: Doc) -> Doc:
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    building(doc)["units"] = [
        {"household": "haugen", "rooms": ["r-entre", "r-stue", "r-kjokken", "r-gang", "r-sov1",
                                          "r-sov2", "r-sov3", "r-bad"]},
        {"household": "lie", "rooms": ["r-bod"]},
    ]
    return doc


def test_no_door_between_two_units():
    doc = _units(house())
    f = _one(run(doc), "unit.door-between", "door:8")
    assert "Familien Haugen" in f.message and "Familien Lie" in f.message
    building(doc)["doors"][8].update(rooms=["outside", "r-bod"], at=[21.0, 19.0])
    assert not only(run(doc), "unit.door-between")


def test_the_wall_between_units_is_thick_enough():
    doc = _units(house())
    building(doc)["walls"] = {"separating_m": 0.15}
    f = _one(run(doc), "unit.separating-wall", "building:A")
    assert (f.measured, f.limit) == (0.15, 0.2)
    building(doc)["walls"] = {"separating_m": 0.25}
    assert not only(run(doc), "unit.separating-wall")
    assert not only(run(house()), "unit.separating-wall")


def test_storage_counts_in_at_most_two_places():
    doc = studio()
    b = building(doc)
    b["rooms"] = [r for r in b["rooms"] if r["id"] != "store"]
    b["doors"] = [d for d in b["doors"] if "store" not in d["rooms"]]
    room(doc, "bed")["polygon"] = rect(10.3, 10.5, 13, 13)
    for k, (x0, x1) in enumerate(((8.5, 9.1), (9.1, 9.7), (9.7, 10.3))):     # 0.5 × 2.1 m net each
        b["rooms"].append(make_room(f"bod{k}", "storage", rect(x0, 10.5, x1, 13)))
        b["doors"].append({"rooms": ["liv", f"bod{k}"], "at": [(x0 + x1) / 2, 10.5], "width_m": 0.5})
    f = _one(run(doc), "program.storage")
    assert f.key == "program.storage/places" and f.limit == 2.5
    assert f.measured == pytest.approx(2 * 0.5 * 2.1)        # three rooms hold 3.15 m²; two count


def test_husbanken_area_is_retired():
    doc = house()
    building(doc)["storeys"] = 2
    assert "program.husbanken-area" not in RULES
    assert not only(run(doc), "program.husbanken-area")


# --------------------------------------------------------------------------- the bugs of issue 10


def test_bug1_bya_at_the_cap_passes_turned_by_ten_degrees():
    doc = house()
    doc["plot"]["regulation"]["max_bya_percent"] = (176.0 + 36.0) / 840.0 * 100
    for angle in (0, 10, 33, 90):
        assert not only(run(transform(doc, angle)), "plot.bya"), angle


@pytest.mark.parametrize("order", [["r-entre", "outside"], ["outside", "r-entre"]])
@pytest.mark.parametrize("corner", [[10.6, 9.002], [10.6, 8.998]])
def test_bug2_door_off_wall_does_not_depend_on_the_id_order(order, corner):
    doc = house()
    room(doc, "r-entre")["polygon"][1] = corner       # the entry's outer wall 2 mm off the outline
    building(doc)["doors"][0].update(rooms=order, at=[9.3, 9.0])
    assert not only(run(doc), "access.door-off-wall")


@pytest.mark.parametrize("order", [["r-entre", "outside"], ["outside", "r-entre"]])
def test_bug3_a_door_1_1_cm_from_the_outline_is_on_its_wall(order):
    doc = house()
    r = room(doc, "r-entre")
    r["polygon"] = [[8, 9.011], [10.6, 9.011], [10.6, 13.5], [8, 13.5]]
    building(doc)["doors"][0].update(rooms=order, at=[9.3, 9.011])
    assert not only(run(doc), "access.door-off-wall")
    building(doc)["doors"][0]["at"] = [9.3, 9.07]     # 7 cm off: off its wall, whatever the order
    (f,) = only(run(doc), "access.door-off-wall")
    assert f.limit == 0.05


def _spiky_bedroom() -> Doc:
    """r-sov2 without an outer wall; a 2 mm spike of its polygon runs through r-sov3 to the outline."""
    doc = house()
    room(doc, "r-sov2")["polygon"] = rect(11.6, 15, 14.6, 18)
    room(doc, "r-sov1")["polygon"] = [[8, 15], [11.6, 15], [11.6, 18], [14.6, 18], [14.6, 19], [8, 19]]
    room(doc, "r-sov2")["polygon"] = [[11.6, 15], [14.6, 15], [14.6, 18], [13.101, 18], [13.101, 19],
                                      [13.099, 19], [13.099, 18], [11.6, 18]]
    building(doc)["windows"][3]["at"] = [13.1, 19.0]     # r-sov2's window at the spike's tip
    return doc


def test_bug4_a_spike_to_the_outline_is_no_exterior_wall():
    report = run(_spiky_bedroom())
    f = _one(report, "room.no-exterior-wall", "room:r-sov2")
    assert f.measured == pytest.approx(0.0, abs=0.01) and f.limit == 1.0
    _one(report, "room.window-off-wall", "window:3")


def test_bug4_a_window_on_another_rooms_wall_is_off_its_wall():
    doc = house()
    building(doc)["windows"][2]["at"] = [13.1, 19.0]       # r-sov1's window on r-sov2's wall
    f = _one(run(doc), "room.window-off-wall", "window:2")
    assert f.limit == 0.05 and "«Soverom 1»" in f.message or "Soverom" in f.message
    assert not only(run(house()), "room.window-off-wall")


@pytest.mark.parametrize(("old", "new"), [
    ('"width_m": 1.0', '"width_m": 1' + "0" * 400),
    ('"width_m": 1.0', '"width_m": ' + "1" * 4301),
    ('"at": [9.3, 9.0]', '"at": [18446744073709551616, 9.0]'),
    ('"storeys": 1', '"storeys": 100000000000000000000'),
])
def test_bug5_huge_numbers_exit_2_with_one_line(tmp_path, old, new):
    text = json.dumps(house())
    assert old in text
    path = tmp_path / "plan.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = subprocess.run([PLANNER, "check", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_every_v2_rule_is_in_the_catalogue():
    for rule_id in ("plot.outdoor-area", "plot.parking", "room.ceiling-height", "room.window-off-wall",
                    "access.door-fits-wall", "stair.geometry", "unit.door-between", "unit.separating-wall"):
        assert rule_id in RULES


def test_the_report_json_keeps_summary_numbers_apart_from_the_details():
    report = run(_roofed(house(), 30))
    assert all(isinstance(v, float) for v in report.summary.values())
    out = report.to_dict()
    json.dumps(out)
    assert set(out["summary"]) >= {"plot_area_m2", "bya_m2", "heights", "accessibility"}
    copy.deepcopy(out)


def test_a_fire_rated_facade_toward_a_neighbours_building_is_a_warning():
    doc = house()
    doc["plot"]["neighbours"] = {"buildings": [{"footprint": rect(27, 10, 40, 18), "gesims_m": 6.0}]}
    building(doc)["facade_fire_rated"] = True
    f = _one(run(doc), "plot.building-distance")
    assert (f.severity, f.key) == ("warning", "plot.building-distance/neighbour-fire-rated")


def test_every_message_renders_in_both_languages():
    import string

    from planner.rules.messages import CATALOGUE, render

    for key, (nb, en) in CATALOGUE.items():
        names = {n for text in (nb, en) for _, n, _, _ in string.Formatter().parse(text) if n}
        params = {n: 1.5 for n in names if n != "Room"} | ({"room": "«Stue»"} if "Room" in names else {})
        out_nb, out_en = render(key, params, "nb"), render(key, params, "en")
        assert out_nb != out_en and "{" not in out_nb + out_en, key
        if "1.5" in out_en:
            assert "1,5" in out_nb, key


def test_planner_check_json_carries_heights_accessibility_and_assumed(tmp_path):
    doc = _roofed(house(), 30)
    del doc["plot"]["regulation"]["road_distance_m"]
    building(doc)["footprint"] = rect(8, 3, 22, 13)
    for r in building(doc)["rooms"]:
        r["polygon"] = [[x, y - 6] for x, y in r["polygon"]]
    for item in building(doc)["doors"] + building(doc)["windows"]:
        item["at"] = [item["at"][0], item["at"][1] - 6]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    r = subprocess.run([PLANNER, "check", str(path), "--format", "json", "--lang", "en"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout)
    assert out["summary"]["heights"]["A"]["gesims_m"] == 2.7
    assert out["summary"]["accessibility"]["A/haugen"].startswith("The accessible-home rules apply")
    (road,) = [f for f in out["findings"] if f["rule"] == "plot.road-distance"]
    assert road["assumed"] is True and (road["measured"], road["limit"]) == (3.0, 4.0)
    assert all("assumed" not in f for f in out["findings"] if f["rule"] != "plot.road-distance")


def test_bug4_a_sliver_along_the_outline_is_no_exterior_wall():
    # a 2 mm spike of r-sov2 up to the outline, then 3 m along it (once counted as 6 m of outer wall)
    doc = _spiky_bedroom()
    room(doc, "r-sov2")["polygon"] = [[11.6, 15], [14.6, 15], [14.6, 18], [13.101, 18], [13.101, 18.998],
                                      [16.1, 18.998], [16.1, 19], [13.099, 19], [13.099, 18], [11.6, 18]]
    building(doc)["windows"][3]["at"] = [15.0, 19.0]      # on the sliver, in r-sov3's wall
    report = run(doc)
    f = _one(report, "room.no-exterior-wall", "room:r-sov2")
    assert f.measured == pytest.approx(0.0, abs=0.01)
    _one(report, "room.window-off-wall", "window:3")
    assert not only(report, "room.overlap")


def test_planner_check_text_says_why_the_accessible_rules_apply(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_roofed(_not_accessible(house()), 30)), encoding="utf-8")
    r = subprocess.run([PLANNER, "check", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Bygning A: gesims 2,70 m, møne 5,59 m" in r.stdout
    assert "Reglene for tilgjengelig bolig gjelder" in r.stdout and "selv om" in r.stdout


@pytest.mark.parametrize("angle", [0.0, 33.0])
def test_the_quick_corner_test_of_a_turning_circle_never_says_yes_where_the_floor_has_no_room(angle):
    """The corner test is only a short cut: whenever it finds room for the circle, so does the
    erosion of the free floor it stands in for (and it does find room in an open corner)."""
    import shapely
    from factories import load
    from shapely import affinity, box

    from planner.rules import rooms as room_rules
    from planner.rules.context import Context

    ctx = Context(load(house()))
    geo = ctx.buildings[0]
    i = geo.index["r-entre"]
    r = (room_rules.TURNING_DIAMETER_M - 0.01) / 2
    said_yes = 0
    for w, h, swing in [(1.6, 2.5, (0.0, 0.0)), (2.5, 3.0, (0.7, 0.9)), (1.5, 1.5, (0.5, 0.5)),
                        (2.0, 2.0, (0.45, 0.45)), (3.0, 1.8, (1.0, 0.0)), (1.9, 4.0, (0.2, 1.6))]:
        net = affinity.rotate(box(0, 0, w, h), angle, origin=(0, 0))
        blocked = [affinity.rotate(box(swing[0], swing[1], swing[0] + 0.9, swing[1] + 0.9), angle,
                                   origin=(0, 0))]
        geo.nets[i] = net
        geo.__dict__.pop("net_rectangles", None)
        quick = room_rules._corner_circle_fits(geo, i, net, blocked[0], r)
        eroded = not shapely.buffer(shapely.difference(net, blocked[0]), -r).is_empty
        assert not quick or eroded, (w, h, swing)
        said_yes += quick
    assert said_yes >= 2


def test_the_report_gives_each_dwellings_accessibility_reason_in_both_languages():
    from factories import load

    from planner.rules import check

    doc = _units(house())
    doc["households"][0]["accessible"] = False
    details = check(load(doc)).details_in_languages()
    homes = details["accessibility"]
    assert sorted(homes) == ["A/haugen", "A/lie"]
    haugen, lie = homes["A/haugen"], homes["A/lie"]
    assert (haugen["building"], haugen["household"], haugen["applies"]) == ("A", "Familien Haugen", True)
    assert haugen["message"] == haugen["messages"]["nb"] and "TEK17 § 12-2" in haugen["messages"]["nb"]
    assert haugen["messages"]["en"].startswith("The accessible-home rules apply")
    assert lie["household"] == "Familien Lie" and "Familien Lie" in lie["messages"]["en"]
    assert "heights" not in details             # typed heights, no roof: nothing derived to show
    building(doc).update(roof={"type": "gable", "pitch_deg": 30, "ridge_along": 0})
    heights = check(load(doc)).details_in_languages()["heights"]["A"]
    assert 2.0 < heights["gesims_m"] < heights["mone_m"]
