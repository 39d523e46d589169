"""Every rule of RULES.md: a plan that triggers it (measured value and limit asserted)
and the passing plan that clears it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from factories import building, house, make_room, only, rect, room, run, studio

from planner.rules import RULES

Doc = dict[str, Any]


def _set(path: Callable[[Doc], dict], **values: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        path(doc).update(values)
    return change


def _reg(**values: Any) -> Callable[[Doc], None]:
    return _set(lambda d: d["plot"]["regulation"], **values)


def _bld(**values: Any) -> Callable[[Doc], None]:
    return _set(lambda d: building(d), **values)


def _door(index: int, **values: Any) -> Callable[[Doc], None]:
    return _set(lambda d: building(d)["doors"][index], **values)


def _second_building(doc: Doc) -> None:
    doc["plot"]["boundary"] = rect(0, 0, 60, 28)
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    doc["buildings"].append({
        "id": "B", "household": "lie", "footprint": rect(27, 9, 35, 15), "storeys": 1,
        "rooms": [make_room("b1", "storage", rect(27, 9, 35, 15))],
        "doors": [{"rooms": ["outside", "b1"], "at": [30, 9], "width_m": 1.0}],
    })


def _bedroom_smaller(doc: Doc) -> None:
    room(doc, "r-sov3")["polygon"] = rect(14.6, 15, 16.6, 19)
    room(doc, "r-bad")["polygon"] = rect(16.6, 15, 20, 19)


def _narrow_entry(doc: Doc) -> None:
    # 1.0 m net: wide enough to pass (0.9 m), too narrow to turn
    room(doc, "r-entre")["polygon"] = rect(8, 9, 9.4, 13.5)
    room(doc, "r-stue")["polygon"] = rect(9.4, 9, 16.4, 13.5)
    building(doc)["doors"][0]["at"] = [8.82, 9.0]
    building(doc)["doors"][1]["at"] = [9.4, 11.0]
    building(doc)["doors"][3]["at"] = [8.82, 13.5]


def _narrow_hall(doc: Doc) -> None:
    room(doc, "r-gang")["polygon"] = rect(8, 13.5, 22, 14.4)
    for rid, (x0, x1) in {"r-sov1": (8, 11.6), "r-sov2": (11.6, 14.6), "r-sov3": (14.6, 17.6),
                          "r-bad": (17.6, 20), "r-bod": (20, 22)}.items():
        room(doc, rid)["polygon"] = rect(x0, 14.4, x1, 19)
    for d in building(doc)["doors"][4:]:
        d["at"][1] = 14.4


def _small_bathroom(doc: Doc) -> None:
    # 1.2 m net: neither a Ø 1.5 m circle nor a 1.3 × 1.8 m rectangle
    room(doc, "r-bad")["polygon"] = rect(17.6, 15, 18.9, 19)
    room(doc, "r-bod")["polygon"] = rect(18.9, 15, 22, 19)
    building(doc)["doors"][7]["at"] = [18.25, 15.0]


def _small_storage(doc: Doc) -> None:
    room(doc, "r-bad")["polygon"] = rect(17.6, 15, 20.5, 19)
    room(doc, "r-bod")["polygon"] = rect(20.5, 15, 22, 19)


def _remove_storage(doc: Doc) -> None:
    b = building(doc)
    b["rooms"] = [r for r in b["rooms"] if r["id"] != "r-bod"]
    b["doors"] = [d for d in b["doors"] if "r-bod" not in d["rooms"]]


def _office_inside(doc: Doc) -> None:
    building(doc)["rooms"].append(make_room("r-kontor", "office", rect(8, 10, 9, 10.5)))


def _window(room_id: str, **values: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for w in building(doc)["windows"]:
            if w["room"] == room_id:
                w.update(values)
    return change


def _no_window(room_id: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        b = building(doc)
        b["windows"] = [w for w in b["windows"] if w["room"] != room_id]
    return change


def _bowtie_room(doc: Doc) -> None:
    room(doc, "r-bod")["polygon"] = [[20, 15], [22, 19], [22, 15], [20, 19]]


def _outdoor(doc: Doc) -> None:
    doc["plot"]["regulation"]["min_outdoor_m2"] = 100.0
    doc["plot"]["outdoor"] = [{"polygon": rect(0, 20, 10, 25), "household": "haugen"}]


def _one_parking_space(doc: Doc) -> None:
    doc["plot"]["parking"] = [rect(1, 1, 3.5, 6)]


def _stair(doc: Doc) -> None:
    building(doc)["storeys"] = 2
    room(doc, "r-bod").update(type="stair", stair={"from": 1, "to": 2, "width_m": 0.7, "risers": 15,
                                                   "walk": [[21, 15.2], [21, 18.8]]})


def _two_units(doc: Doc) -> None:
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    building(doc)["units"] = [
        {"household": "haugen", "rooms": ["r-entre", "r-stue", "r-kjokken", "r-gang", "r-sov1",
                                          "r-sov2", "r-sov3", "r-bad"]},
        {"household": "lie", "rooms": ["r-bod"]},
    ]


def _retype(room_id: str, room_type: str) -> Callable[[Doc], None]:
    return lambda doc: room(doc, room_id).update(type=room_type)


# rule, change, subject, measured, limit
CASES = [
    ("geometry.invalid", _bowtie_room, "room:r-bod", None, None),
    ("plot.outside", _set(lambda d: d["plot"], boundary=rect(0, 0, 20, 28)), "building:A", 20.0, 0.0),
    ("plot.neighbour-distance", _set(lambda d: d["plot"], boundary=rect(0, 0, 24, 28)),
     "building:A", 2.0, 4.0),
    ("plot.road-distance", _reg(road_distance_m=10.0), "building:A", 9.0, 10.0),
    ("plot.bya", _reg(max_bya_percent=20), "plot", 20.952, 20.0),
    ("plot.height-gesims", _bld(gesims_m=8.5), "building:A", 8.5, 8.0),
    ("plot.height-mone", _bld(mone_m=9.5), "building:A", 9.5, 9.0),
    ("plot.building-distance", _second_building, "building:B", 5.0, 8.0),
    ("room.outside-footprint", _set(lambda d: room(d, "r-bod"), polygon=rect(20, 15, 23, 19)),
     "room:r-bod", 4.0, 0.0),
    ("room.overlap", _set(lambda d: room(d, "r-bod"), polygon=rect(19, 15, 22, 19)),
     "room:r-bod", 4.0, 0.01),
    ("room.uncovered", _remove_storage, "building:A", 8.0, 0.5),
    ("room.bathroom-turning-space", _small_bathroom, "room:r-bad", 1.2, 1.5),
    ("room.turning-space", _narrow_entry, "room:r-entre", 1.0, 1.5),
    ("room.passage-width", _narrow_hall, "room:r-gang", 0.8, 0.9),
    ("room.no-exterior-wall", _office_inside, "room:r-kontor", 0.5, 1.0),
    ("room.window-missing", _no_window("r-sov3"), "room:r-sov3", None, None),
    ("room.daylight", _window("r-kjokken", width_m=1.0, height_m=1.0), "room:r-kjokken", 1.0, 1.98987),
    ("room.escape-window", _window("r-sov1", width_m=1.4, height_m=0.5), "room:r-sov1", None, None),
    ("room.min-area", _bedroom_smaller, "room:r-sov3", 6.84, 7.0),
    ("access.no-entrance", lambda d: building(d)["doors"].pop(0), "building:A", None, None),
    ("access.door-off-wall", _door(1, at=[12.0, 11.0]), "door:1", None, 0.05),
    ("access.door-width", _door(0, width_m=0.8), "door:0", 0.8, 0.86),
    ("access.unreachable", lambda d: building(d)["doors"].pop(8), "room:r-bod", None, None),
    ("program.bathroom", _retype("r-bad", "wc"), "household:haugen", None, None),
    ("program.entrance-level", _set(lambda d: room(d, "r-bad"), storey=2), "household:haugen",
     None, None),
    ("program.storage", _small_storage, "household:haugen", 3.96, 5.0),
    ("program.room-needs", _bedroom_smaller, "household:haugen", 2, 3),
    ("plot.outdoor-area", _outdoor, "household:haugen", 50.0, 100.0),
    ("plot.parking", _one_parking_space, "plot", 1, 2),
    ("room.ceiling-height", _bld(levels=[{"storey": 1, "ceiling_m": 2.3}]), "room:r-stue", 2.3, 2.4),
    ("room.window-off-wall", lambda d: building(d)["windows"][0].update(at=[19.2, 9.0]), "window:0",
     None, 0.05),
    ("access.door-fits-wall", _door(0, at=[8.3, 9.0]), "door:0", 1.0, 2.25),
    ("stair.geometry", _stair, "room:r-bod", 0.7, 0.8),
    ("unit.door-between", _two_units, "door:8", None, None),
    ("unit.separating-wall", lambda d: (_two_units(d), building(d).update(walls={"separating_m": 0.15})),
     "building:A", 0.15, 0.2),
]


def test_every_rule_of_the_catalogue_has_a_triggering_case():
    core = {r for r in RULES if not r.startswith("contribution.")}
    assert core <= {c[0] for c in CASES}


def test_the_example_house_clears_every_rule():
    report = run(house())
    assert report.ok
    assert report.findings == []


@pytest.mark.parametrize(("rule_id", "change", "subject", "measured", "limit"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule_is_triggered_with_its_measured_value_and_limit(rule_id, change, subject, measured, limit):
    doc = house()
    change(doc)
    found = [f for f in only(run(doc), rule_id) if f.subject == subject]
    assert found, f"{rule_id} not found on {subject}: {run(doc).findings}"
    f = found[0]
    assert f.severity == RULES[rule_id].severity
    if measured is not None:
        assert f.measured == pytest.approx(measured, abs=0.03)
    if limit is not None:
        assert f.limit == pytest.approx(limit, abs=0.0005)
    assert f.message and "{" not in f.message
    assert f.message_in("en") != f.message


def test_a_self_intersecting_room_leaves_the_other_rules_running():
    doc = house()
    _bowtie_room(doc)
    building(doc)["doors"][0]["width_m"] = 0.8
    report = run(doc)
    assert [f.subject for f in only(report, "geometry.invalid")] == ["room:r-bod"]
    assert "Self-intersection" in only(report, "geometry.invalid")[0].message
    assert [f.subject for f in only(report, "access.door-width")] == ["door:0"]
    assert report.summary["bra_m2"] == pytest.approx(125.96)


def test_an_invalid_plot_is_reported_and_the_rooms_still_checked():
    doc = house()
    doc["plot"]["boundary"] = [[0, 0], [30, 28], [30, 0], [0, 28]]
    _no_window("r-sov3")(doc)
    report = run(doc)
    assert [f.subject for f in only(report, "geometry.invalid")] == ["plot"]
    assert only(report, "room.window-missing")


def test_neighbour_distance_grows_with_half_the_eaves_height():
    doc = house()
    del doc["plot"]["regulation"]["neighbour_distance_m"]    # no zoning value: max(4 m, gesims / 2)
    doc["plot"]["boundary"] = rect(0, 0, 26.5, 28)
    assert not only(run(doc), "plot.neighbour-distance")
    building(doc)["gesims_m"] = 10.0
    doc["plot"]["regulation"]["max_gesims_m"] = 12.0
    (f,) = only(run(doc), "plot.neighbour-distance")
    assert (f.measured, f.limit) == (pytest.approx(4.5), pytest.approx(5.0))


def test_bya_counts_parking_and_is_never_rounded_down():
    doc = house()
    # 176 m² of 840 m² is 20.952 %: a cap of 20.95 % is exceeded
    doc["plot"]["regulation"]["max_bya_percent"] = 20.95
    (f,) = only(run(doc), "plot.bya")
    assert f.measured == pytest.approx(20.952, abs=0.001)
    doc["plot"]["regulation"]["parking_spaces"] = 0
    assert not only(run(doc), "plot.bya")


def test_road_distance_defaults_to_four_metres():
    doc = house()
    del doc["plot"]["regulation"]["road_distance_m"]
    building(doc)["footprint"] = rect(8, 3, 22, 13)
    (f,) = only(run(doc), "plot.road-distance")
    assert (f.measured, f.limit) == (pytest.approx(3.0), pytest.approx(4.0))


def test_an_inaccessible_household_skips_the_accessibility_rules():
    doc = house()
    _narrow_entry(doc)
    room(doc, "r-bad")["storey"] = 2
    doc["households"][0]["accessible"] = False
    report = run(doc)
    assert not only(report, "room.turning-space")
    assert not only(report, "program.entrance-level")


def test_every_bedroom_on_the_entrance_level_needs_a_turning_area():
    doc = studio()
    room(doc, "bed")["polygon"] = rect(10, 11.6, 13, 13)       # 2.6 × 1.0 m net
    room(doc, "liv")["polygon"] = [[6, 6], [13, 6], [13, 11.6], [10, 11.6], [10, 10.5], [6, 10.5]]
    (f,) = only(run(doc), "room.turning-space")
    assert f.subject == "room:bed"
    assert f.measured == pytest.approx(1.0, abs=0.01)
    assert "rullestol" in f.message and "i dag" in f.message


def test_a_small_home_needs_half_the_storage():
    doc = studio()
    report = run(doc)
    assert report.summary["bra_m2"] == pytest.approx(40.96)
    assert not only(report, "program.storage")
    room(doc, "store")["polygon"] = rect(8.5, 10.5, 9.5, 13)
    room(doc, "bed")["polygon"] = rect(9.5, 10.5, 13, 13)
    (f,) = only(run(doc), "program.storage")
    assert (f.measured, f.limit) == (pytest.approx(0.9 * 2.1), pytest.approx(2.5))


def test_a_room_reached_only_through_a_stair_is_reachable():
    doc = house()
    b = building(doc)
    b["storeys"] = 2
    b["rooms"].append(make_room("t1", "stair", rect(20, 15, 22, 17)))
    room(doc, "r-bod")["polygon"] = rect(20, 17, 22, 19)
    b["rooms"].append(make_room("t2", "stair", rect(20, 15, 22, 17), storey=2))
    b["rooms"].append(make_room("loft", "other", rect(8, 9, 20, 19), storey=2))
    b["doors"][8].update(rooms=["t1", "r-bod"], at=[21.0, 17.0])
    b["doors"].append({"rooms": ["t1", "r-gang"], "at": [21.0, 15.0], "width_m": 0.9})
    b["doors"].append({"rooms": ["t2", "loft"], "at": [20.0, 16.0], "width_m": 0.9})
    report = run(doc)
    assert not only(report, "access.unreachable")
    b["doors"].pop()
    assert [f.subject for f in only(run(doc), "access.unreachable")] == ["room:loft"]


def test_units_are_checked_as_dwellings_of_their_own():
    doc = house()
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    building(doc)["units"] = [
        {"household": "haugen", "rooms": ["r-entre", "r-stue", "r-kjokken", "r-gang", "r-sov1",
                                          "r-sov2", "r-sov3", "r-bad"]},
        {"household": "lie", "rooms": ["r-bod"]},
    ]
    report = run(doc)
    subjects = {(f.rule, f.subject) for f in report.findings}
    assert ("program.bathroom", "household:lie") in subjects
    assert ("access.no-entrance", "household:lie") in subjects
    assert ("program.storage", "household:haugen") in subjects
    assert ("program.bathroom", "household:haugen") not in subjects


def test_messages_use_a_decimal_comma_in_bokmal_and_a_point_in_english():
    doc = house()
    _door(0, width_m=0.8)(doc)
    (nb,) = only(run(doc), "access.door-width")
    (en,) = only(run(doc, lang="en"), "access.door-width")
    assert "0,8 m" in nb.message and "0,86 m" in nb.message and "TEK17 § 12-13" in nb.message
    assert "0.8 m" in en.message and "0.86 m" in en.message
    assert en.message == nb.message_in("en")


def test_min_area_says_it_is_practice_not_law():
    doc = house()
    _bedroom_smaller(doc)
    (f,) = only(run(doc), "room.min-area")
    assert "ikke et krav i forskriften" in f.message
