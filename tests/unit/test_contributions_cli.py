"""``planner contributions PLAN.json``: text, JSON and CSV; exit 2 with one line for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from factories import DATA, house
from test_contributions import contribution, with_contributions

from planner.cli import main
from planner.contributions.command import CSV_COLUMNS

EXAMPLE = str(DATA / "haugen-nanset.plan.json")


def _write(tmp_path, doc) -> str:
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    return str(p)


def test_text_shows_the_take_off_how_it_was_measured_and_the_plain_sentence(capsys):
    assert main(["contributions", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "Male vegger" in out and "84,7 m² vegg" in out and "21,2 (anslag)" in out
    assert "Veggflate i Soverom 1, Soverom 2 og Soverom 3" in out
    assert "Arbeidet dere gjør tilsvarer om lag 8\u00a0500 kr" in out
    assert "Alle timer og beløp er anslag" in out


def test_text_in_english(capsys):
    assert main(["contributions", EXAMPLE, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Paint walls" in out and "The work you do is worth about NOK 8,500" in out


def test_json_holds_every_household_with_its_items_and_totals(capsys):
    assert main(["contributions", EXAMPLE, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["estimate"] is True
    [haugen] = doc["households"]
    assert haugen["household"] == "haugen"
    assert haugen["items"][0]["quantity"] == pytest.approx(84.69)
    assert haugen["by_status"]["proposed"]["hours_estimate"] == pytest.approx(21.17)


def test_the_csv_opens_with_the_right_columns(capsys):
    assert main(["contributions", EXAMPLE, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert CSV_COLUMNS[:4] == ("household", "contribution", "task", "task_name")
    [r] = rows
    assert (r["household"], r["contribution"], r["task"], r["task_name"]) == \
        ("haugen", "c1", "paint_walls", "Male vegger")
    assert (r["rooms"], r["unit"], r["hours_from"]) == ("r-sov1 r-sov2 r-sov3", "m2_wall", "estimate")
    assert float(r["quantity"]) == pytest.approx(84.69)
    assert float(r["hours_estimate"]) == pytest.approx(21.17)
    assert int(r["value_nok_estimate"]) == 8469


def test_the_contractors_figures_change_the_output(capsys):
    assert main(["contributions", EXAMPLE, "--format", "json", "--hour-value", "500",
                 "--hours-per-unit", "paint_walls=0.5"]) == 0
    [h] = json.loads(capsys.readouterr().out)["households"]
    assert h["hours_estimate"] == pytest.approx(84.69 * 0.5, abs=0.01)
    assert h["value_nok_estimate"] == round(84.69 * 0.5 * 500)


def test_a_contribution_that_breaks_a_rule_is_listed_and_exits_1(tmp_path, capsys):
    doc = with_contributions(contribution("electrical_work", id="c1", phase="shell"),
                             contribution("paint_walls", ["r-sov1"], id="c2"))
    assert main(["contributions", _write(tmp_path, doc), "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["contribution"], r["counted"], r["problem"]) for r in rows] == \
        [("c1", "False", "contribution.not-allowed"), ("c2", "True", "")]


@pytest.mark.parametrize("args", [
    ["--hours-per-unit", "paint_walls"],
    ["--hours-per-unit", "paint_walls=fast"],
    ["--hours-per-unit", "paint_wall=0.3"],
    ["--hour-value", "0"],
    ["--cost-per-m2", "nan"],
    ["--household", "nobody"],
])
def test_bad_input_exits_2_with_one_line(args, capsys):
    assert main(["contributions", EXAMPLE, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("planner: ")


def test_a_file_that_is_not_a_plan_exits_2_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "planner", "contributions", str(bad)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr and "not JSON" in r.stderr


def test_an_unknown_format_is_refused_by_the_parser_with_exit_2():
    r = subprocess.run([sys.executable, "-m", "planner", "contributions", EXAMPLE, "--format", "xml"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_a_household_without_contributions_is_shown_plainly(tmp_path, capsys):
    assert main(["contributions", _write(tmp_path, with_contributions(doc=house()))]) == 0
    assert "Ingen egeninnsats er satt opp." in capsys.readouterr().out


def test_work_nobody_is_named_for_is_the_households(tmp_path, capsys):
    doc = with_contributions(contribution("clear_plot", id="c1", phase="before_build"))
    assert main(["contributions", _write(tmp_path, doc)]) == 0
    out = capsys.readouterr().out
    assert "Timer etter hvem: husstanden 35,0" in out
    assert main(["contributions", _write(tmp_path, doc), "--lang", "en"]) == 0
    assert "Hours by who: the household 35.0" in capsys.readouterr().out
