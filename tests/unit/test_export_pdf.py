"""The PDF sheet set: one A3 page per SVG sheet, at true scale."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import house, load
from pypdf import PdfReader

from planner.export import floor_svgs, sheets_pdf
from planner.export.elevation import _kote
from planner.export.pdf import merge_svgs

ROOT = Path(__file__).resolve().parents[2]
A3_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_has_the_site_plan_each_floor_plan_four_elevations_and_the_section_on_a3_pages() -> None:
    plan = load(house())
    pages = _pages(sheets_pdf(plan))
    assert len(pages) == 1 + len(floor_svgs(plan)) + 4 + 1
    for w, h in pages:
        assert (w, h) == (pytest.approx(A3_PT[0], abs=0.5), pytest.approx(A3_PT[1], abs=0.5))


@pytest.mark.parametrize("path", sorted((ROOT / "layouts").glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_gives_one_page_per_sheet(path: Path) -> None:
    from planner import model

    plan = model.loads(path.read_text(encoding="utf-8"))
    storeys = len(floor_svgs(plan))
    assert len(_pages(sheets_pdf(plan))) == 1 + storeys + 5 * len(plan.buildings)


def _page_text(pdf: Path, page: int, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is installed by `make test`")
def test_the_sheets_come_in_order_site_floors_elevations_section(tmp_path: Path) -> None:
    from planner import model

    plan = model.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    f = tmp_path / "sheets.pdf"
    f.write_bytes(sheets_pdf(plan))
    titles = ["SITUASJONSPLAN", "PLANTEGNING", "PLANTEGNING", "FASADE", "FASADE", "FASADE", "FASADE",
              "SNITT A-A"]
    pages = [_page_text(f, k + 1) for k in range(len(titles))]
    for k, (title, text) in enumerate(zip(titles, pages, strict=True)):
        assert title in text.splitlines(), (k + 1, title)
    assert len(_pages(f.read_bytes())) == len(titles)
    for text, word in zip(pages[3:7], ("sør", "øst", "nord", "vest"), strict=True):
        assert f"Bygning A, fasade mot {word}" in text
        assert "Målestokk 1:100 (A3)" in text
    assert "Bygning A, snitt gjennom trappen (Trapp)" in pages[7]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is installed by `make test`")
def test_an_elevation_page_is_at_true_scale(tmp_path: Path) -> None:
    """Two kote labels on the south facade lie as far apart on the page as their levels at 1:100."""
    from planner import model
    from planner.building.model3d import site_model

    plan = model.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    bm = site_model(plan).building("A")
    f = tmp_path / "sheets.pdf"
    f.write_bytes(sheets_pdf(plan))
    assert "Bygning A, fasade mot sør" in _page_text(f, 4)      # after the site plan and two floor plans
    words = _page_text(f, 4, "-bbox")

    def top_of(word: str) -> float:
        found = [float(m) for m in re.findall(r'yMin="([0-9.]+)"[^>]*>' + re.escape(word) + "<", words)]
        assert len(found) == 1, (word, found)
        return found[0]

    floor2, eaves = bm.storey(2).floor_z, bm.heights.eaves_z
    apart_pt = top_of(_kote(floor2)) - top_of(_kote(eaves))
    assert apart_pt == pytest.approx((eaves - floor2) * 1000 / 100 / 25.4 * 72, abs=0.3)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is installed by `make test`")
def test_pdfinfo_reads_an_a3_document_with_the_project_as_title(tmp_path: Path) -> None:
    f = tmp_path / "sheets.pdf"
    f.write_bytes(sheets_pdf(load(house())))
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           7" in info     # site, one floor plan, four elevations, the section
    assert "(A3)" in info
    assert "Familien Haugen - Nanset" in info


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is installed by `make test`")
def test_the_pdf_keeps_the_drawing_text_as_text(tmp_path: Path) -> None:
    f = tmp_path / "sheets.pdf"
    f.write_bytes(sheets_pdf(load(house())))
    text = subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("SITUASJONSPLAN", "PLANTEGNING", "Soverom 1", "23,4 m²", "9,00 m", "Tomteareal"):
        assert word in text


def test_merge_keeps_the_order_of_the_sheets() -> None:
    a = '<svg xmlns="http://www.w3.org/2000/svg" width="420mm" height="297mm" viewBox="0 0 420 297"/>'
    b = '<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm" viewBox="0 0 297 210"/>'
    pages = _pages(merge_svgs([a, b]))
    assert [round(w) for w, _ in pages] == [round(A3_PT[0]), round(297 / 25.4 * 72)]
