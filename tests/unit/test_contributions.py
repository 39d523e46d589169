"""Self-build contributions: the catalogue, quantities measured from the drawing and estimates.

Hand-computed figures are for the example house (haugen-nanset): footprint 14 × 10 m,
exterior walls 0.3 m, interior walls 0.1 m, so a room's net polygon is its drawn
rectangle cut to the inner footprint [8.3, 21.7] × [9.3, 18.7] and shrunk by 0.05 m.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from factories import house, load, rect, room

from planner.contributions import (
    ANYONE,
    COST_PER_M2_BRA_NOK,
    HOUR_VALUE_NOK,
    ContributionError,
    catalogue,
    estimate,
    quantities,
    rooms_by_worker,
    take_off,
)
from planner.contributions.catalogue import parse
from planner.errors import PlannerError

Doc = dict[str, Any]
BEDROOMS = ["r-sov1", "r-sov2", "r-sov3"]


def contribution(task: str, rooms: list[str] | None = None, **extra: Any) -> Doc:
    c: Doc = {"id": extra.pop("id", "c9"), "task": task, "phase": extra.pop("phase", "finishing"),
              "status": extra.pop("status", "proposed")}
    if rooms is not None:
        c["rooms"] = rooms
    c.update(extra)
    return c


def with_contributions(*cons: Doc, doc: Doc | None = None) -> Doc:
    doc = house() if doc is None else doc
    doc["households"][0]["contributions"] = list(cons)
    return doc


def measure(task: str, rooms: list[str] | None = None, doc: Doc | None = None):
    plan = load(with_contributions(contribution(task, rooms), doc=doc))
    return quantities(plan, plan.households[0].contributions[0])


# ---------------------------------------------------------------- the catalogue


def test_the_catalogue_holds_the_tasks_a_norwegian_contractor_recognises():
    tasks = catalogue()
    assert len(tasks) >= 15
    assert {"clear_plot", "paint_walls", "paint_ceilings", "lay_flooring", "mount_skirting",
            "assemble_kitchen", "assemble_wardrobes", "garden", "final_cleaning", "lay_turf",
            "build_terrace", "mount_interior_doors", "tile_walls_dry", "wet_room_membrane",
            "electrical_work", "load_bearing_structure", "plumbing", "insulation"} <= set(tasks)


def test_every_task_has_both_names_a_unit_a_phase_and_hours_per_unit():
    for key, t in catalogue().items():
        assert t.key == key and t.name_nb and t.name_en
        assert t.unit in ("m2_floor", "m2_wall", "m_skirting", "m2_plot", "piece")
        assert t.phase in ("before_build", "shell", "finishing", "outdoor")
        assert t.hours_per_unit > 0 if t.allowed else t.hours_per_unit == 0
        assert (t.who_must is None) == t.allowed


def test_the_planning_figures_of_the_brief_are_the_ones_shipped():
    t = catalogue()
    assert [t[k].hours_per_unit for k in ("paint_walls", "lay_flooring", "mount_skirting",
                                           "assemble_kitchen", "assemble_wardrobes", "clear_plot",
                                           "garden", "final_cleaning")] == [0.25, 0.5, 0.2, 16, 4, 0.05,
                                                                             0.1, 0.3]


@pytest.mark.parametrize(("key", "who"), [
    ("wet_room_membrane", "Membran i våtrom skal gjøres av et våtromssertifisert foretak"),
    ("electrical_work", "Elektrisk arbeid skal gjøres av en registrert elektroinstallatør"),
    ("load_bearing_structure", "Bærende konstruksjoner skal gjøres av entreprenøren"),
    ("plumbing", "autorisert rørlegger"),
])
def test_work_a_family_may_not_do_is_listed_as_not_allowed_with_who_must_do_it(key, who):
    task = catalogue()[key]
    assert task.allowed is False
    assert who in task.who_must[0]
    assert task.who_must[1]


def test_a_terrace_needs_the_contractors_approval():
    assert catalogue()["build_terrace"].needs_approval is True
    assert catalogue()["paint_walls"].needs_approval is False


def test_the_data_file_says_its_hours_are_planning_estimates():
    doc = json.loads(resources.files("planner.contributions").joinpath("tasks.json").read_text("utf-8"))
    assert "ESTIMATES" in " ".join(doc["comment"])
    assert len(doc["tasks"]) == len(catalogue())


def test_a_contractors_hours_per_unit_apply_to_that_call_only():
    adjusted = catalogue({"paint_walls": {"hours_per_unit": 0.4}})
    assert adjusted["paint_walls"].hours_per_unit == 0.4
    assert catalogue()["paint_walls"].hours_per_unit == 0.25


@pytest.mark.parametrize("overrides", [
    {"paint_wall": {"hours_per_unit": 0.4}},
    {"paint_walls": {"hours_per_unit": -1}},
    {"paint_walls": {"hours_per_unit": "fast"}},
    {"paint_walls": {"unit": "piece"}},
])
def test_an_adjustment_the_catalogue_cannot_take_is_a_planner_error(overrides):
    with pytest.raises(PlannerError):
        catalogue(overrides)


def test_a_catalogue_document_with_an_unknown_unit_names_the_task_at_fault():
    doc = {"format": "tasks/1", "tasks": [{
        "key": "x", "name_nb": "X", "name_en": "X", "unit": "m3", "hours_per_unit": 1,
        "phase": "shell", "needs_approval": False, "allowed": True, "applies_to": ["hall"]}]}
    with pytest.raises(ContributionError, match=r"tasks\[0\] \(x\): unit m3"):
        parse(doc)


# ---------------------------------------------------------------- quantities, by hand


def test_floor_area_is_the_net_area_of_the_rooms():
    q = measure("lay_flooring", BEDROOMS)
    # 3.2 × 3.6 + 2.9 × 3.6 + 2.9 × 3.6
    assert q.per_room == pytest.approx({"r-sov1": 11.52, "r-sov2": 10.44, "r-sov3": 10.44})
    assert q.value == pytest.approx(32.4)
    assert q.unit == "m2_floor"


def test_wall_area_is_the_net_perimeter_times_the_ceiling_height_less_doors_and_windows():
    q = measure("paint_walls", BEDROOMS)
    # sov1: 2 × (3.2 + 3.6) × 2.4 - door 0.9 × 2.1 - window 1.2 × 1.3 = 32.64 - 1.89 - 1.56
    assert q.per_room == pytest.approx({"r-sov1": 29.19, "r-sov2": 27.75, "r-sov3": 27.75})
    assert q.value == pytest.approx(84.69)
    assert "× 2,4 m" in q.how[0] and "net floor area" in q.how[1]


def test_a_door_counts_in_both_rooms_it_joins():
    q = measure("paint_walls", ["r-gang", "r-entre"])
    # gang: 2 × (13.3 + 1.4) × 2.4 - 6 doors × 0.9 × 2.1 = 70.56 - 11.34
    # entre: 2 × (2.2 + 4.1) × 2.4 - (1.0 + 0.9 + 0.9) × 2.1 = 30.24 - 5.88
    assert q.per_room == pytest.approx({"r-gang": 59.22, "r-entre": 24.36})


def test_skirting_is_the_net_perimeter_less_the_door_widths():
    q = measure("mount_skirting", BEDROOMS)
    assert q.per_room == pytest.approx({"r-sov1": 12.7, "r-sov2": 12.1, "r-sov3": 12.1})
    assert q.value == pytest.approx(36.9)


def test_open_plot_is_the_plot_less_the_footprints():
    q = measure("clear_plot")
    assert q.value == pytest.approx(30 * 28 - 14 * 10)
    assert q.rooms == () and q.per_room == {}
    assert "840,0 m²" in q.how[0] and "140.0 m²" in q.how[1]


@pytest.mark.parametrize(("task", "expected"), [
    ("assemble_kitchen", 1), ("assemble_wardrobes", 3), ("mount_interior_doors", 8),
    ("build_terrace", 1), ("plumbing", 1),
])
def test_pieces_count_kitchens_bedrooms_interior_doors_and_homes(task, expected):
    assert measure(task).value == expected


def test_named_rooms_count_one_piece_each_whatever_their_type():
    assert measure("assemble_wardrobes", ["r-sov1", "r-entre"]).value == 2


def test_interior_doors_of_named_rooms_are_counted_once():
    q = measure("mount_interior_doors", ["r-gang", "r-sov1"])
    assert q.value == 6  # the hall's six doors; the one into sov1 counts half in each room
    assert q.per_room == pytest.approx({"r-gang": 5.5, "r-sov1": 0.5})


def test_without_rooms_a_task_takes_every_room_it_applies_to_and_says_which():
    q = measure("paint_walls")
    assert set(q.rooms) == {"r-entre", "r-stue", "r-kjokken", "r-gang", "r-sov1", "r-sov2", "r-sov3",
                            "r-bod"}
    # 24.36 + 39.90 + 40.67 + 59.22 + 29.19 + 27.75 + 27.75 + 23.07
    assert q.value == pytest.approx(271.91)
    assert "alle rom unntatt bad og vaskerom" in q.how[0]
    assert "every room except bathroom and laundry" in q.how[1]


def test_final_cleaning_without_rooms_takes_the_whole_home():
    q = measure("final_cleaning")
    assert q.value == pytest.approx(118.77)
    assert len(q.rooms) == 9


def test_a_named_room_that_is_not_in_the_home_is_skipped_and_said():
    q = measure("lay_flooring", ["r-sov1", "r-nowhere"])
    assert q.value == pytest.approx(11.52)
    assert q.skipped == ("r-nowhere",)
    assert "r-nowhere" in q.how[0]


def test_rooms_named_for_a_plot_task_do_not_change_the_quantity():
    q = measure("garden", ["r-stue"])
    assert q.value == pytest.approx(700.0)
    assert "endrer ikke mengden" in q.how[0]


def test_quantities_of_an_unknown_task_are_a_planner_error():
    with pytest.raises(PlannerError, match="paint_wals"):
        measure("paint_wals")


def test_take_off_lists_every_contribution_of_every_household():
    lines = take_off(load(with_contributions(contribution("paint_walls", BEDROOMS, id="c1"),
                                             contribution("paint_wals", id="c2"))))
    assert [(ln.contribution.id, ln.task is not None) for ln in lines] == [("c1", True), ("c2", False)]
    assert lines[0].quantity.value == pytest.approx(84.69)
    assert lines[1].quantity is None


# ---------------------------------------------------------------- estimates


def test_the_example_is_estimated_at_hours_per_unit_times_quantity_and_the_hour_value():
    e = estimate(load(house()))
    assert e.hours == pytest.approx(84.69 * 0.25)
    assert e.value_nok == pytest.approx(84.69 * 0.25 * HOUR_VALUE_NOK)
    assert e.bra_m2 == pytest.approx(125.96)
    assert e.building_cost_nok == pytest.approx(125.96 * COST_PER_M2_BRA_NOK)
    assert e.own_capital_nok == pytest.approx(0.15 * 125.96 * COST_PER_M2_BRA_NOK)
    assert e.share_of_own_capital == pytest.approx(8469 / 755_760, rel=1e-4)


def test_the_plain_sentence_says_what_the_work_is_worth_and_that_it_is_an_estimate():
    e = estimate(load(house()))
    nb, en = e.sentence("nb"), e.sentence("en")
    assert nb.startswith("Arbeidet dere gjør tilsvarer om lag 8\u00a0500 kr")
    assert "1,1\u00a0% av egenkapitalen på 15 %" in nb and "anslag" in nb
    assert en.startswith("The work you do is worth about NOK 8,500")
    assert "1.1 % of the 15 % own capital" in en and "estimates" in en


def test_the_contractor_sets_the_hour_value_and_the_cost_per_square_metre():
    e = estimate(load(house()), hour_value_nok=500, cost_per_m2_bra_nok=30_000)
    assert e.value_nok == pytest.approx(84.69 * 0.25 * 500)
    assert e.share_of_building_cost == pytest.approx(84.69 * 0.25 * 500 / (125.96 * 30_000))


def test_a_contractors_hours_per_unit_change_the_estimate():
    e = estimate(load(house()), overrides={"paint_walls": {"hours_per_unit": 0.5}})
    assert e.hours == pytest.approx(84.69 * 0.5)


@pytest.mark.parametrize("kwargs", [{"hour_value_nok": 0}, {"cost_per_m2_bra_nok": -1},
                                    {"hour_value_nok": float("nan")}, {"household": "nobody"}])
def test_figures_that_cannot_be_used_are_a_planner_error(kwargs):
    with pytest.raises(PlannerError):
        estimate(load(house()), **kwargs)


def test_the_familys_own_hours_are_used_and_shown_as_their_own_figure():
    e = estimate(load(with_contributions(contribution("paint_walls", BEDROOMS, hours=30))))
    item = e.items[0]
    assert item.own_figure is True
    assert item.hours == 30 and item.estimated_hours == pytest.approx(21.1725)
    assert item.value_nok == 30 * HOUR_VALUE_NOK
    d = item.to_dict()
    assert (d["hours_from"], d["hours_estimate"], d["quantity_hours_estimate"]) == ("family", 30, 21.17)


def test_an_estimate_changes_when_a_room_is_resized():
    doc = with_contributions(contribution("paint_walls", ["r-sov1"]))
    before = estimate(load(doc)).hours
    room(doc, "r-sov1")["polygon"] = rect(8, 15, 12.1, 19)
    room(doc, "r-sov2")["polygon"] = rect(12.1, 15, 14.6, 19)
    after = estimate(load(doc)).hours
    # net 3.7 × 3.6 m: 2 × 7.3 × 2.4 - 1.89 - 1.56 = 31.59 m² against 29.19 m²
    assert before == pytest.approx(29.19 * 0.25)
    assert after == pytest.approx(31.59 * 0.25)


def _mixed() -> Doc:
    return with_contributions(
        contribution("paint_walls", BEDROOMS, id="c1", who="adults"),
        contribution("clear_plot", id="c2", who="Kari", phase="before_build", status="accepted"),
        contribution("assemble_kitchen", id="c3", status="declined"),
        contribution("electrical_work", id="c4", who="adults", phase="shell"),
        contribution("final_cleaning", ["r-stue"], id="c5", status="done"),
    )


def test_totals_by_phase_and_by_who_leave_out_declined_and_not_allowed_work():
    e = estimate(load(_mixed()))
    paint, clear, clean = 84.69 * 0.25, 700 * 0.05, 23.37 * 0.3
    assert e.by_phase["finishing"].hours == pytest.approx(paint + clean)
    assert e.by_phase["before_build"].hours == pytest.approx(clear)
    assert e.by_phase["shell"].hours == 0
    assert set(e.by_who) == {"adults", "Kari", ANYONE}
    assert e.by_who["adults"].hours == pytest.approx(paint)
    assert e.hours == pytest.approx(paint + clear + clean)


def test_totals_by_status_keep_the_declined_work_in_view():
    e = estimate(load(_mixed()))
    assert e.by_status["declined"].hours == 16
    assert e.by_status["accepted"].hours == pytest.approx(35)
    assert e.by_status["proposed"].hours == pytest.approx(84.69 * 0.25)
    assert e.by_status["done"].hours == pytest.approx(23.37 * 0.3)
    assert e.by_status["declined"].value_nok == 16 * HOUR_VALUE_NOK


def test_a_task_a_family_may_not_do_is_listed_but_never_counted():
    item = estimate(load(_mixed())).items[3]
    assert item.problem == "contribution.not-allowed"
    assert item.counted is False and item.hours == 0 and item.value_nok == 0


def test_an_estimate_with_no_counted_work_says_so_plainly():
    e = estimate(load(with_contributions()))
    assert e.hours == 0 and e.share_of_own_capital == 0
    assert e.sentence("nb") == "Dere har ikke satt opp egeninnsats som kan regnes med ennå."


def test_the_estimate_as_json_labels_every_figure_an_estimate():
    d = estimate(load(house())).to_dict()
    assert d["estimate"] is True
    assert d["hours_estimate"] == pytest.approx(21.17)
    assert d["by_phase"]["finishing"] == {"hours_estimate": 21.17, "value_nok_estimate": 8469}
    assert d["items"][0]["quantity"] == pytest.approx(84.69)
    assert set(d["items"][0]["how"]) == {"nb", "en"}
    json.dumps(d)


def test_rooms_by_worker_splits_the_hours_over_the_rooms_by_their_share():
    work = rooms_by_worker(load(_mixed()))
    task, who, hours = work["r-sov1"][0]
    assert (task.key, who, hours) == ("paint_walls", "adults", pytest.approx(29.19 * 0.25))
    assert [w.task.key for w in work["outside"]] == ["clear_plot"]
    assert [w.task.key for w in work["r-stue"]] == ["final_cleaning"]
    assert "r-kjokken" not in work  # the declined kitchen is nobody's work
    total = sum(w.hours for ws in work.values() for w in ws)
    assert total == pytest.approx(estimate(load(_mixed())).hours)


# ---------------------------------------------------------------- two households, one plot


def _two_households() -> Doc:
    doc = house()
    doc["households"].append({"id": "berg", "name": "Familien Berg", "contributions": [
        contribution("paint_walls", ["r-sov3"], id="b1")]})
    b = doc["buildings"][0]
    b["units"] = [{"household": "haugen", "rooms": [r["id"] for r in b["rooms"] if r["id"] != "r-sov3"]},
                  {"household": "berg", "rooms": ["r-sov3"]}]
    return doc


def test_each_household_is_estimated_against_its_own_home():
    plan = load(_two_households())
    haugen, berg = estimate(plan, household="haugen"), estimate(plan, household="berg")
    assert [i.contribution.id for i in berg.items] == ["b1"]
    assert berg.hours == pytest.approx(27.75 * 0.25)
    assert haugen.items[0].problem == "contribution.unknown-room"  # r-sov3 is the Bergs' room
    assert haugen.items[0].line.quantity.value == pytest.approx(29.19 + 27.75)
    assert haugen.bra_m2 + berg.bra_m2 == pytest.approx(125.96)


def test_a_shared_plot_is_counted_whole_and_says_it_is_shared():
    doc = _two_households()
    doc["households"][1]["contributions"] = [contribution("garden", id="b2", phase="outdoor")]
    plan = load(doc)
    q = quantities(plan, plan.households[1].contributions[0])
    assert q.value == pytest.approx(700.0)
    assert "deles av flere husstander" in q.how[0]
