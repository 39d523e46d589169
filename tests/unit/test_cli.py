"""The planner command: exit status and one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from factories import DATA, house

from planner.cli import main

EXAMPLE = str(DATA / "haugen-nanset.plan.json")


def _write(tmp_path, text: str, name: str = "plan.json") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_check_prints_the_json_of_plan_format_and_exits_0(capsys):
    assert main(["check", EXAMPLE, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True
    assert out["summary"]["bya_percent"] == pytest.approx(20.95)
    assert out["summary"]["bra_m2"] == pytest.approx(125.96)
    assert out["findings"] == []


def test_check_exits_1_with_a_readable_table_when_a_rule_fails(tmp_path, capsys):
    doc = house()
    doc["buildings"][0]["doors"][0]["width_m"] = 0.8
    assert main(["check", _write(tmp_path, json.dumps(doc))]) == 1
    out = capsys.readouterr().out
    assert "access.door-width" in out and "door:0" in out and "0,86 m" in out
    assert "1 feil" in out


def test_check_speaks_english_on_request(tmp_path, capsys):
    doc = house()
    doc["buildings"][0]["doors"][0]["width_m"] = 0.8
    main(["check", _write(tmp_path, json.dumps(doc)), "--format", "json", "--lang", "en"])
    (f,) = json.loads(capsys.readouterr().out)["findings"]
    assert f["message"].startswith("The entrance door")


BAD = {
    "not-json": ("this is not json", "not JSON"),
    "wrong-format": (json.dumps({**house(), "format": "plan/9"}), "format:"),
    "missing-plot": (json.dumps({k: v for k, v in house().items() if k != "plot"}), "plot: missing"),
    "coordinate-text": (json.dumps(house()).replace("[30, 0]", '["30", 0]', 1), "plot.boundary[1]"),
    "nan": (json.dumps(house()).replace("[30, 0]", "[NaN, 0]", 1), "NaN"),
    "infinity": (json.dumps(house()).replace("[30, 0]", "[Infinity, 0]", 1), "Infinity"),
    "huge-polygon": (json.dumps({**house(), "plot": {"boundary": [[i, i % 7] for i in range(100_000)],
                                                     "road_edges": [0]}}), "100000 vertices"),
    "empty": ("", "not JSON"),
    "a-list": ("[1, 2]", "expected an object"),
    "binary": ("\udcff", "not"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_exits_2_with_one_line_naming_the_place(case, tmp_path, capsys):
    text, words = BAD[case]
    path = tmp_path / "plan.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert words in err and str(path) in err


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_installed_command_gives_no_traceback_for_bad_usage():
    r = subprocess.run([sys.executable, "-m", "planner", "check", "--format", "xml", EXAMPLE],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1


def test_demo_checks_every_sample_project(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out.count("OK ") >= 6
    assert "FEIL" not in out


def test_check_loads_neither_the_drawing_libraries_nor_the_web_app():
    code = ("import sys; from planner.cli import main; "
            "rc = main(['check', sys.argv[1], '--format', 'json']); "
            "print(sorted(m for m in ('ezdxf', 'flask', 'sqlalchemy') if m in sys.modules), rc)")
    r = subprocess.run([sys.executable, "-c", code, EXAMPLE], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[] 0"


def test_every_subcommand_is_offered_when_none_is_named(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ("check", "demo", "export", "layout", "contributions", "serve", "web"):
        assert name in out
