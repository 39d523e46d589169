"""The self-build work on the drawings, the chart and the work plan, read back with real readers."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ezdxf
import pytest
from factories import DATA
from pypdf import PdfReader

from planner import cli, model
from planner.contributions import estimate, rooms_by_worker
from planner.contributions.chart import chart_svg
from planner.contributions.drawings import LAYER, PALETTE, SEVERAL, overlay
from planner.contributions.workplan import workplan_html, workplan_pdf, workplan_svgs
from planner.export import floor_svgs, plan_dxf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = DATA / "haugen-nanset.plan.json"
PLANS = [*sorted((ROOT / "layouts").glob("*.json")), EXAMPLE]
SVG = "{http://www.w3.org/2000/svg}"


def _doc(path: Path = EXAMPLE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _mixed() -> model.Plan:
    """The example with three people's work: the adults paint, Amina lays floors, everyone clears."""
    d = _doc()
    d["households"][0]["contributions"] += [
        {"id": "c2", "task": "lay_flooring", "rooms": ["r-stue", "r-sov1"], "who": "Amina <b>&",
         "phase": "finishing", "status": "accepted",
         "condition": "Dere legger parkett <script>alert(1)</script> etter at gulvvarmen er testet."},
        {"id": "c3", "task": "clear_plot", "who": "everyone", "phase": "before_build", "status": "declined",
         "condition": "Tomta ryddes med maskin."},
        {"id": "c4", "task": "electrical_work", "who": "adults", "phase": "shell", "status": "proposed"},
    ]
    return model.from_dict(d)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _fills(svg: str) -> dict[str, str]:
    root = ET.fromstring(svg)
    return {p.get("data-room"): p.get("fill") for p in root.iter(f"{SVG}path") if p.get("data-room")}


def _dxf(plan: model.Plan, **kw: Any) -> ezdxf.document.Drawing:
    return ezdxf.read(io.StringIO(plan_dxf(plan, overlay=overlay(plan, **kw), date="22.11.2026").decode()))


# --------------------------------------------------------------------------- overlay


def test_the_example_overlay_colours_the_three_bedrooms_the_adults_paint():
    ov = overlay(model.loads(EXAMPLE.read_text()))
    assert ov.layer == LAYER == "A-ANNO-SELF"
    assert set(ov.rooms) == {"r-sov1", "r-sov2", "r-sov3"}
    assert {colour for _, colour in ov.rooms.values()} == {PALETTE[0]}
    assert ov.rooms["r-sov1"][0] == "Male vegger · 7,3 t"
    assert ov.legend == (("De voksne", PALETTE[0]),)
    assert "anslag" in ov.title


def test_each_person_has_a_colour_and_a_room_shared_by_two_is_grey():
    ov = overlay(_mixed())
    assert ov.rooms["r-sov2"][1] == PALETTE[0]  # the adults only
    assert ov.rooms["r-stue"][1] == PALETTE[1]  # Amina only
    assert ov.rooms["r-sov1"][1] == SEVERAL  # the adults paint, Amina lays the floor
    assert ov.rooms["r-sov1"][0].startswith("Male vegger · 7,3 t; Legge gulv")
    assert dict(ov.legend) == {"De voksne": PALETTE[0], "Amina <b>&": PALETTE[1], "Flere": SEVERAL}


def test_declined_and_not_allowed_work_is_not_drawn():
    ov = overlay(_mixed())
    # the plot clearing is declined (and has no room); electrical work is not the family's
    assert not any("Rydde" in label or "Elektrisk" in label for label, _ in ov.rooms.values())
    assert set(ov.rooms) == {"r-sov1", "r-sov2", "r-sov3", "r-stue"}


def test_the_overlay_speaks_english_with_a_decimal_point():
    ov = overlay(_mixed(), lang="en")
    assert ov.rooms["r-sov2"][0] == "Paint walls · 6.9 h"
    assert ("The adults", PALETTE[0]) in ov.legend
    assert "estimates" in ov.title


def test_the_floor_svg_fills_the_rooms_in_the_persons_colour_and_shows_labels_and_legend(tmp_path):
    plan = _mixed()
    ov = overlay(plan)
    svg = next(iter(floor_svgs(plan, overlay=ov, date="22.11.2026").values()))
    fills = _fills(svg)
    assert fills["r-stue"] == PALETTE[1] and fills["r-sov2"] == PALETTE[0] and fills["r-sov1"] == SEVERAL
    assert fills["r-bad"] != PALETTE[0]  # no work in the bathroom: its room-type colour
    texts = _texts(svg)
    assert ov.title in texts
    assert {"De voksne", "Amina <b>&", "Flere"} <= set(texts)  # escaped by the writer, read back as text
    assert any(t.startswith("Legge gulv (parkett eller laminat) · ") and t.endswith(" t") for t in texts)
    if shutil.which("rsvg-convert"):
        (tmp_path / "f.svg").write_text(svg)
        subprocess.run(["rsvg-convert", str(tmp_path / "f.svg"), "-o", str(tmp_path / "f.png")], check=True)
        assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"


def test_the_dxf_has_layer_a_anno_self_with_a_text_for_each_task_in_each_room_with_work():
    plan = _mixed()
    doc = _dxf(plan)
    layer = doc.layers.get(LAYER)
    assert layer.dxf.linetype == "Continuous" and layer.dxf.lineweight > 0
    texts = doc.modelspace().query(f'TEXT[layer=="{LAYER}"]')
    parts = [p for label, _ in overlay(plan).rooms.values() for p in label.split("; ")]
    assert len(parts) > len(overlay(plan).rooms)  # a room with two tasks: one line each
    assert sorted(t.dxf.text for t in texts) == sorted(parts)
    assert all(t.dxf.color == 256 for t in texts)  # BYLAYER
    auditor = doc.audit()
    assert not auditor.has_errors and not auditor.has_fixes


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_sample_gets_a_label_in_each_room_the_family_paints(path):
    d = _doc(path)
    for other in d["households"]:
        other["contributions"] = []
    d["households"][0]["contributions"] = [{"id": "t1", "task": "paint_ceilings", "who": "Sam",
                                            "phase": "finishing", "status": "proposed"}]
    plan = model.from_dict(d)
    work = {r for r in rooms_by_worker(plan) if r != "outside"}
    assert work, "painting ceilings takes every dry room of the home"
    doc = _dxf(plan)
    labelled = [t.dxf.text for t in doc.modelspace().query(f'TEXT[layer=="{LAYER}"]')]
    assert len(labelled) == len(work)
    assert all(re.fullmatch(r"Male tak · \d+,\d t", t) for t in labelled)
    assert not doc.audit().has_errors
    svgs = floor_svgs(plan, overlay=overlay(plan))
    filled = {rid for svg in svgs.values() for rid, fill in _fills(svg).items() if fill == PALETTE[0]}
    assert filled == work


def test_planner_export_self_build_writes_the_labels(tmp_path, capsys):
    args = ["export", str(EXAMPLE), "--out", str(tmp_path), "--only", "dxf,floor", "--self-build"]
    assert cli.main(args) == 0
    doc = ezdxf.readfile(tmp_path / "plan.dxf")
    assert len(doc.modelspace().query(f'TEXT[layer=="{LAYER}"]')) == 3
    assert "Male vegger · 6,9 t" in _texts((tmp_path / "floor-A-1.svg").read_text())


def test_planner_export_without_the_flag_has_no_self_build_layer(tmp_path, capsys):
    assert cli.main(["export", str(EXAMPLE), "--out", str(tmp_path), "--only", "dxf"]) == 0
    assert LAYER not in ezdxf.readfile(tmp_path / "plan.dxf").layers


# --------------------------------------------------------------------------- chart


def test_the_chart_has_a_title_a_desc_and_every_figure_as_text_with_a_decimal_comma():
    svg = chart_svg(estimate(_mixed()))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text == "Egeninnsats: timer (estimat)"
    desc = root.find(f"{SVG}desc").text
    assert "de voksne: 21,2 t" in desc and "Amina <b>&: 17,4 t" in desc
    texts = _texts(svg)
    assert {"21,2 t", "17,4 t", "38,6 t"} <= set(texts)
    assert "Amina <b>&" in texts  # a name is text, never markup
    assert all("estimat" in t for t in texts if t.startswith("Timer etter"))


def test_the_chart_in_english_uses_a_decimal_point_and_says_estimate():
    svg = chart_svg(estimate(_mixed()), lang="en")
    assert {"21.2 h", "Hours by phase (estimate)"} <= set(_texts(svg))


def test_a_chart_without_counted_work_says_so():
    d = _doc()
    d["households"][0]["contributions"] = []
    assert "Ingen timer er regnet med ennå." in _texts(chart_svg(estimate(model.from_dict(d))))


def test_the_chart_renders_with_rsvg_convert(tmp_path):
    if not shutil.which("rsvg-convert"):
        pytest.skip("rsvg-convert is installed by scripts/system-deps.sh")
    (tmp_path / "c.svg").write_text(chart_svg(estimate(_mixed())))
    subprocess.run(["rsvg-convert", str(tmp_path / "c.svg"), "-o", str(tmp_path / "c.png")], check=True)
    assert (tmp_path / "c.png").stat().st_size > 1000


# --------------------------------------------------------------------------- work plan


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def test_the_html_work_plan_lists_the_tasks_in_phase_order_with_conditions_and_totals():
    html = workplan_html(_mixed(), estimate(_mixed()), version="3", date="22.11.2026")
    p = _Html()
    p.feed(html)
    assert "script" not in p.tags and "<script>" in html.replace("&lt;script&gt;", "<script>")
    text = "\n".join(p.text)
    headings = [t for t in p.text if t in ("Før bygging", "Råbygg", "Innredning og overflater", "Utomhus")]
    assert headings == ["Før bygging", "Råbygg", "Innredning og overflater"]
    assert "Dere legger parkett <script>alert(1)</script> etter at gulvvarmen er testet." in p.text
    assert "Tomta ryddes med maskin." in p.text
    must = "Elektrisk arbeid skal gjøres av en registrert elektroinstallatør"
    assert any(t.startswith(must) for t in p.text)
    assert "Alle timer og beløp er anslag" in text
    assert "Sum (estimat): 38,6 t, 15\xa0447 kr" in p.text
    assert "@media print" in html and "size: A4" in html


def test_the_pdf_work_plan_is_a4_and_holds_the_tasks_and_the_estimate_note():
    plan = _mixed()
    reader = PdfReader(io.BytesIO(workplan_pdf(plan, estimate(plan), version="3")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Male vegger", "Legge gulv", "Rydde tomta", "Tomta ryddes med", "anslag"):
        assert words in text


def test_a_long_work_plan_breaks_onto_more_a4_pages_each_with_its_page_number():
    d = _doc()
    d["households"][0]["contributions"] = [
        {"id": f"c{i}", "task": "paint_walls", "rooms": ["r-sov1"], "who": "adults", "phase": "finishing",
         "status": "proposed", "condition": "Grunning først. " * 8} for i in range(40)]
    plan = model.from_dict(d)
    pages = workplan_svgs(plan, estimate(plan))
    assert len(pages) >= 3
    assert [t for t in _texts(pages[-1]) if t.startswith("Side ")] == [f"Side {len(pages)}/{len(pages)} · "
                                                                      "Alle tall er anslag."]
