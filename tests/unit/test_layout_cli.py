"""``planner layout`` on the command line, and drafts read back through the exporters."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import ezdxf
import pytest
from factories import DATA, house

from planner import model
from planner.cli import main
from planner.layout import draft

EXAMPLE = str(DATA / "haugen-nanset.plan.json")
SVG = "{http://www.w3.org/2000/svg}"


def _tiny(tmp_path) -> str:
    doc = house()
    doc["plot"]["boundary"] = [[0, 0], [20, 0], [20, 20], [0, 20]]
    doc["plot"]["regulation"]["max_bya_percent"] = 25
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_layout_writes_a_plan_that_planner_check_passes(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert main(["layout", EXAMPLE, "--household", "haugen", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert main(["check", str(out)]) == 0
    plan = model.loads(out.read_bytes())
    assert plan.buildings[0].extra["layout"]["variant"] == 1


def test_layout_with_variants_writes_numbered_files_best_first(tmp_path, capsys):
    out = tmp_path / "utkast.json"
    assert main(["layout", EXAMPLE, "--household", "haugen", "-o", str(out), "--variants", "3"]) == 0
    files = [tmp_path / f"utkast-{k}.json" for k in (1, 2, 3)]
    assert all(f.exists() for f in files) and not out.exists()
    docs = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert [d["buildings"][0]["layout"]["variant"] for d in docs] == [1, 2, 3]
    assert len({json.dumps(d["buildings"][0]["rooms"]) for d in docs}) == 3
    for f in files:
        assert main(["check", str(f)]) == 0
    capsys.readouterr()


def test_layout_exits_1_with_the_plain_explanation_when_no_layout_fits(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert main(["layout", _tiny(tmp_path), "--household", "haugen", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "m² for lite" in err and "25 %-BYA" in err
    assert not out.exists()


def test_layout_explains_in_english_when_asked(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert main(["layout", _tiny(tmp_path), "--household", "haugen", "-o", str(out),
                 "--lang", "en"]) == 1
    assert "too little" in capsys.readouterr().err


@pytest.mark.parametrize("args, words", [
    (["missing.json", "--household", "haugen"], "cannot read"),
    ([EXAMPLE, "--household", "nobody"], "no household 'nobody' (households: haugen)"),
])
def test_layout_exits_2_with_one_line_for_bad_input(tmp_path, capsys, args, words):
    assert main(["layout", *args, "-o", str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err


def test_a_variant_count_out_of_range_exits_2_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["layout", EXAMPLE, "--household", "haugen", "-o", str(tmp_path / "x.json"),
              "--variants", "0"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "expected 1 to 8" in err


def test_an_unreadable_plan_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["layout", str(bad), "--household", "haugen", "-o", str(tmp_path / "o.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_drafts_render_through_the_svg_and_dxf_exporters():
    from planner.export import floor_svgs, plan_dxf, site_svg

    for plan in draft(model.loads((DATA / "haugen-nanset.plan.json").read_bytes()), "haugen", variants=2):
        site = ET.fromstring(site_svg(plan))
        assert site.tag == f"{SVG}svg"
        floors = floor_svgs(plan)
        assert list(floors) == ["floor-A-1.svg"]
        text = "".join(ET.fromstring(floors["floor-A-1.svg"]).itertext())
        for room in plan.buildings[0].rooms:
            assert room.name in text
        doc = ezdxf.read(io.StringIO(plan_dxf(plan).decode("utf-8")))
        assert doc.header["$INSUNITS"] == 4
        assert len(doc.modelspace()) > 0


def test_layout_names_each_variant_and_says_what_it_gives(tmp_path, capsys):
    out = tmp_path / "utkast.json"
    assert main(["layout", EXAMPLE, "--household", "haugen", "-o", str(out), "--variants", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["Kompakt", "Stor stue og kjøkken", "Større soverom"]
    first = tmp_path / "utkast-1.json"
    assert lines[0].startswith(f"{first}: Kompakt: Rommene i de størrelsene dere trenger")
    assert "mer gulv enn i forslag 1" in lines[1] and "mer gulv enn i forslag 1" in lines[2]
    assert main(["layout", EXAMPLE, "--household", "haugen", "-o", str(out), "--variants", "3",
                 "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["Compact", "Large living room and kitchen",
                                                       "Larger bedrooms"]
    assert "more floor than in suggestion 1" in lines[1]
