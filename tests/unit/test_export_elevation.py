"""Elevations and the section: parsed as XML, rendered by rsvg-convert, heights written as text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planner import model
from planner.export.elevation import SIDES, elevation_svg, elevation_svgs
from planner.export.section import section_svg, section_svgs

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = sorted((ROOT / "layouts").glob("*.json"))
SVG = "{http://www.w3.org/2000/svg}"
ARTIFACTS = ROOT / "test-artifacts"


def two_storeys(**regulation: object) -> model.Plan:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["buildings"][0]["roof"] = {"type": "gable", "pitch_deg": 30, "overhang_m": 0.5}
    doc["plot"]["terrain"] = [[0, 0, 10.0], [18, 0, 10.0], [0, 28, 12.8], [18, 28, 12.8]]
    doc["plot"]["regulation"].update(regulation)
    return model.from_dict(doc)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _classes(svg: str, name: str) -> list[ET.Element]:
    return [e for e in ET.fromstring(svg).iter() if name in (e.get("class") or "").split()]


def _render(svg: str, name: str) -> None:
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert renders the SVG")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(svg, encoding="utf-8")
    out = subprocess.run(["rsvg-convert", "-w", "1400", str(path), "-o", str(path.with_suffix(".png"))],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert path.with_suffix(".png").stat().st_size > 20_000


def test_the_south_facade_gives_floor_eaves_and_ridge_as_kote_and_height_above_the_terrain() -> None:
    svg = elevation_svg(two_storeys(), "A", "s")
    texts = " | ".join(_texts(svg))
    legend = " ".join(_texts(svg))
    # G = 11.62 (the mean terrain along the outline), T = G + 2 × 2.7, ridge = T + tan 30° × 4.2
    assert "Gj.sn. ferdig terreng +11,62" in texts
    assert "Ferdig gulv 1. etasje +11,62" in texts and "Ferdig gulv 2. etasje +14,32" in texts
    assert "Gesims +17,02 (5,40 m)" in texts
    assert "Møne +19,44 (7,82 m)" in texts
    assert "Maks gesims 8,0 m +19,62" in texts and "Maks møne 9,0 m +20,62" in texts
    assert "FASADE" in texts and "Bygning A, fasade mot sør" in texts and "Målestokk 1:100 (A3)" in texts
    assert "eksisterende terreng er ikke oppgitt" in legend
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("420mm", "297mm")
    assert len(_classes(svg, "max-height")) == 2 and len(_classes(svg, "finished-terrain")) == 1
    assert len(_classes(svg, "window")) == 5          # the south windows of both storeys
    _render(svg, "elevation-A-s.svg")


def test_each_facade_shows_the_openings_of_its_side_and_the_gable_end_shows_the_roof_triangle() -> None:
    plan = two_storeys()
    svgs = elevation_svgs(plan)
    assert sorted(svgs) == [f"elevation-A-{s}.svg" for s in sorted(SIDES)]
    b = plan.buildings[0]
    fp = b.footprint
    ys = [p[1] for p in fp]
    xs = [p[0] for p in fp]
    wanted = {"s": sum(1 for w in b.windows if abs(w.at[1] - min(ys)) < 0.05),
              "n": sum(1 for w in b.windows if abs(w.at[1] - max(ys)) < 0.05),
              "w": sum(1 for w in b.windows if abs(w.at[0] - min(xs)) < 0.05),
              "e": sum(1 for w in b.windows if abs(w.at[0] - max(xs)) < 0.05)}
    for side, count in wanted.items():
        assert len(_classes(svgs[f"elevation-A-{side}.svg"], "window")) == count, side
    # the ridge runs east-west: seen from the east or west the roof is a gable triangle, from the
    # south a slope
    assert _classes(svgs["elevation-A-e.svg"], "gable") and not _classes(svgs["elevation-A-s.svg"], "gable")
    assert _classes(svgs["elevation-A-s.svg"], "roof")
    assert len(_classes(svgs["elevation-A-n.svg"], "door")) == 1         # the entrance is on the north side
    for name, svg in svgs.items():
        _render(svg, name)


def test_without_zoning_heights_there_is_no_dashed_limit_and_a_height_above_the_limit_is_red() -> None:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["plot"]["regulation"].pop("max_gesims_m")
    doc["plot"]["regulation"].pop("max_mone_m")
    doc["buildings"][0]["roof"] = {"type": "flat"}
    svg = elevation_svg(model.from_dict(doc), "A", "w")
    assert _classes(svg, "max-height") == []
    assert _classes(svg, "level-ridge") == [] and _classes(svg, "level-eaves")   # a flat roof: no ridge
    low = two_storeys(max_gesims_m=5.0)
    red = [e for e in _classes(elevation_svg(low, "A", "s"), "level-eaves") if e.get("fill") == "#c0141c"]
    assert red


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_every_sample_gets_four_elevations_and_a_section_that_render(path: Path) -> None:
    plan = model.loads(path.read_bytes())
    svgs = {**elevation_svgs(plan), **section_svgs(plan)}
    assert len(svgs) == 5 * len(plan.buildings)
    for name, svg in svgs.items():
        ET.fromstring(svg)
        assert any("Gesims" in t for t in _texts(svg)), name
        assert "Målestokk 1:100 (A3)" in _texts(svg), name
    _render(next(iter(svgs.values())), f"elevation-{path.stem}.svg")


def test_the_section_cuts_through_the_stair_with_floors_ceilings_and_roof_in_kote() -> None:
    plan = two_storeys()
    svg = section_svg(plan, "A")
    texts = " | ".join(_texts(svg))
    assert "Bygning A, snitt gjennom trappen (Trapp)" in texts
    assert "Ferdig gulv 1. etasje +11,62" in texts and "Ferdig gulv 2. etasje +14,32" in texts
    assert "Himling 1. etasje (2,40 m) +14,02" in texts and "Himling 2. etasje (2,40 m) +16,72" in texts
    assert "Gesims +17,02 (5,40 m)" in texts and "Møne +19,44 (7,82 m)" in texts
    assert re.search(r"Takhøyde 2,40 m", texts)
    assert len(_classes(svg, "stair")) == 1 and _classes(svg, "roof")
    assert len(_classes(svg, "slab")) == 3        # the ground slab; the upper floor each side of the stair
    assert _classes(svg, "wall-exterior") and _classes(svg, "wall-interior")
    names = [e.text for e in _classes(svg, "room-name")]
    assert "Trapp" in names and "Soverom 2" in names
    _render(svg, "section-A.svg")


def test_the_section_goes_through_the_middle_without_a_stair_and_escapes_user_text() -> None:
    plan = model.loads((ROOT / "layouts" / "enebolig-tre-soverom.json").read_bytes())
    for room in plan.buildings[0].rooms:
        room.name = "<b>Stue</b> & kjøkken"
    plan.project.name = "Familien <Berg>"
    svg = section_svg(plan, "A")
    assert "Bygning A, snitt gjennom midten av bygningen" in _texts(svg)
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    svg = elevation_svg(plan, "A", "n")
    assert "Familien <Berg>" in _texts(svg) and "<Berg>" not in svg


def _level_labels(svg: str) -> list[str]:
    return ["".join(e.itertext()) for e in ET.fromstring(svg).iter(f"{SVG}text")
            if (e.get("class") or "").startswith("level-")]


def test_the_elevation_and_the_section_write_the_same_level_rows_low_to_high() -> None:
    plan = two_storeys(max_gesims_m=8.0, max_mone_m=9.0)
    facade = _level_labels(elevation_svg(plan, "A", "s"))
    section = _level_labels(section_svg(plan, "A"))
    assert facade == ["Gj.sn. ferdig terreng +11,62", "Ferdig gulv 1. etasje +11,62",
                      "Ferdig gulv 2. etasje +14,32", "Gesims +17,02 (5,40 m)", "Møne +19,44 (7,82 m)",
                      "Maks gesims 8,0 m +19,62", "Maks møne 9,0 m +20,62"]
    # the section has the same rows and its ceilings among them, in order of height
    assert [t for t in section if not t.startswith("Himling")] == facade
    assert section.index("Himling 1. etasje (2,40 m) +14,02") == 2
