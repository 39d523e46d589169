"""The contribution rules of RULES.md: each triggered with its message, and cleared."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from factories import house, only, run
from test_contributions import contribution, with_contributions

from planner.rules import RULES

Doc = dict[str, Any]


def test_the_example_house_with_its_painting_is_finding_free():
    report = run(house())
    assert report.findings == []
    assert house()["households"][0]["contributions"][0]["task"] == "paint_walls"


def test_the_three_contribution_rules_are_registered_as_errors():
    for rule_id in ("contribution.unknown-task", "contribution.unknown-room", "contribution.not-allowed"):
        assert RULES[rule_id].severity == "error"


def test_a_task_not_in_the_catalogue_is_an_error_naming_it():
    report = run(with_contributions(contribution("paint_wals", id="c7")))
    [f] = only(report, "contribution.unknown-task")
    assert f.subject == "household:haugen" and f.severity == "error"
    assert "«paint_wals»" in f.message and "c7" in f.message
    assert "“paint_wals” is not in the task list" in f.message_in("en")
    assert not report.ok


def test_a_room_that_is_not_in_the_home_is_an_error_naming_it():
    report = run(with_contributions(contribution("paint_walls", ["r-sov1", "r-loft"])))
    [f] = only(report, "contribution.unknown-room")
    assert f.subject == "household:haugen"
    assert "r-loft" in f.message and "r-sov1" not in f.message
    assert "not in the home: r-loft" in f.message_in("en")


@pytest.mark.parametrize(("task", "who_nb", "who_en"), [
    ("wet_room_membrane", "Membran i våtrom skal gjøres av et våtromssertifisert foretak",
     "certified for wet rooms"),
    ("electrical_work", "Elektrisk arbeid skal gjøres av en registrert elektroinstallatør",
     "registered electrical contractor"),
    ("load_bearing_structure", "Bærende konstruksjoner skal gjøres av entreprenøren",
     "built by the contractor"),
    ("plumbing", "autorisert rørlegger", "authorised plumber"),
    ("insulation", "entreprenøren", "moisture requirements"),
])
def test_a_task_a_family_may_not_do_is_refused_with_who_must_do_it(task, who_nb, who_en):
    report = run(with_contributions(contribution(task, phase="shell")))
    [f] = only(report, "contribution.not-allowed")
    assert f.subject == "household:haugen"
    assert "kan ikke gjøres som egeninnsats" in f.message and who_nb in f.message
    assert "cannot be done as self-build work" in f.message_in("en") and who_en in f.message_in("en")


def test_dry_room_work_named_in_a_wet_room_is_refused():
    report = run(with_contributions(contribution("paint_walls", ["r-sov1", "r-bad"])))
    [f] = only(report, "contribution.not-allowed")
    assert "i våtrom (Bad)" in f.message and "våtromssertifisert" in f.message
    assert "in a wet room (Bad)" in f.message_in("en")


def test_final_cleaning_of_the_bathroom_is_fine():
    assert run(with_contributions(contribution("final_cleaning", ["r-bad"]))).findings == []


def test_a_task_the_contractor_has_declined_is_not_reported_again():
    report = run(with_contributions(contribution("electrical_work", status="declined")))
    assert only(report, "contribution.not-allowed") == []


def test_a_room_of_another_households_unit_is_not_in_the_home():
    doc = house()
    b = doc["buildings"][0]
    doc["households"].append({"id": "berg", "name": "Familien Berg"})
    b["units"] = [{"household": "haugen", "rooms": [r["id"] for r in b["rooms"] if r["id"] != "r-sov3"]},
                  {"household": "berg", "rooms": ["r-sov3"]}]
    [f] = only(run(doc), "contribution.unknown-room")
    assert f.subject == "household:haugen" and "r-sov3" in f.message


@pytest.mark.parametrize("first", ["planner.contributions", "planner.rules", "planner.rules.contribution",
                                   "planner.contributions.estimate", "planner.contributions.command"])
def test_the_rules_and_the_contributions_import_in_either_order(first):
    code = f"import {first}; import planner.rules as r; print(len([k for k in r.RULES if 'contrib' in k]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"
