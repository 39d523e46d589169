"""``planner export``: the files it writes and its one-line answers to bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import ezdxf
import pytest
from factories import house, load
from pypdf import PdfReader

from planner.cli import main
from planner.export import export_all

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "haugen-nanset.plan.json"


def test_export_writes_the_site_plan_the_floor_plans_the_dxf_and_the_pdf(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "tegninger"
    assert main(["export", str(EXAMPLE), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "elevation-A-e.svg", "elevation-A-n.svg", "elevation-A-s.svg", "elevation-A-w.svg", "floor-A-1.svg",
        "model.glb", "model.ifc", "plan.dxf", "section-A.svg", "sheets.pdf", "site.svg"]
    assert (out / "sheets.pdf").read_bytes()[:5] == b"%PDF-"
    assert ezdxf.read(io.StringIO((out / "plan.dxf").read_text(encoding="utf-8"))).header["$INSUNITS"] == 4
    assert "situasjonsplan" in (out / "site.svg").read_text(encoding="utf-8").lower()
    assert str(out / "plan.dxf") in capsys.readouterr().out


def test_only_limits_the_set(tmp_path: Path) -> None:
    assert main(["export", str(EXAMPLE), "--out", str(tmp_path), "--only", "site,dxf"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.dxf", "site.svg"]


def test_turning_adds_the_circles_to_the_floor_plans(tmp_path: Path) -> None:
    assert main(["export", str(EXAMPLE), "--out", str(tmp_path), "--only", "floor", "--turning"]) == 0
    assert "Snusirkel" in (tmp_path / "floor-A-1.svg").read_text(encoding="utf-8")


def test_findings_do_not_stop_the_export(tmp_path: Path) -> None:
    doc = house()
    doc["buildings"][0]["doors"][0]["width_m"] = 0.8
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["export", str(plan), "--out", str(tmp_path / "out"), "--only", "floor"]) == 0
    assert "access.door-width" in (tmp_path / "out" / "floor-A-1.svg").read_text(encoding="utf-8")


def _one_line_exit_2(args: list[str], capsys: pytest.CaptureFixture) -> str:
    with pytest.raises(SystemExit) as e:
        raise SystemExit(main(args))
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_an_unreadable_plan_exits_2_with_one_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "plan/1", "project": ', encoding="utf-8")
    assert "bad.json" in _one_line_exit_2(["export", str(bad), "--out", str(tmp_path / "o")], capsys)
    assert not (tmp_path / "o").exists()
    assert "cannot read" in _one_line_exit_2(["export", str(tmp_path / "missing.json"), "--out",
                                              str(tmp_path / "o")], capsys)


def test_a_bad_only_value_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    err = _one_line_exit_2(["export", str(EXAMPLE), "--out", str(tmp_path / "o"), "--only", "site,svg"],
                           capsys)
    assert "--only" in err and "svg" in err
    assert not (tmp_path / "o").exists()


def test_georef_without_an_origin_exits_2_with_one_line(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    err = _one_line_exit_2(["export", str(EXAMPLE), "--out", str(tmp_path), "--georef", "--only", "dxf"],
                           capsys)
    assert "origin" in err


def test_an_output_folder_that_cannot_be_made_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert "cannot write" in _one_line_exit_2(["export", str(EXAMPLE), "--out", str(blocker / "sub"),
                                               "--only", "site"], capsys)


def test_a_plot_without_buildings_gives_a_site_plan_a_dxf_and_a_one_page_pdf() -> None:
    doc = house()
    doc["buildings"] = []
    files = export_all(load(doc))
    assert sorted(files) == ["model.glb", "model.ifc", "plan.dxf", "sheets.pdf", "site.svg"]
    assert len(PdfReader(io.BytesIO(files["sheets.pdf"])).pages) == 1
    dxf = ezdxf.read(io.StringIO(files["plan.dxf"].decode("utf-8")))
    assert dxf.audit().errors == [] and dxf.audit().fixes == []


@pytest.mark.parametrize("where", ["plot", "footprint"])
def test_a_self_crossing_outline_does_not_stop_the_export(where: str) -> None:
    doc = house()
    if where == "plot":
        doc["plot"]["boundary"] = [[0, 0], [30, 28], [30, 0], [0, 28]]
    else:
        doc["buildings"][0]["footprint"] = [[8, 9], [22, 19], [22, 9], [8, 19]]
    files = export_all(load(doc))
    assert {"floor-A-1.svg", "plan.dxf", "sheets.pdf", "site.svg", "model.glb", "model.ifc"} <= set(files)
    assert "geometry.invalid" in files["site.svg" if where == "plot" else "floor-A-1.svg"].decode("utf-8")
    dxf = ezdxf.read(io.StringIO(files["plan.dxf"].decode("utf-8")))
    assert dxf.audit().errors == [] and dxf.audit().fixes == []
