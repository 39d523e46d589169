"""The PDF sheet set: one A3 page per SVG sheet, at true scale."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import house, load
from pypdf import PdfReader

from planner.export import floor_svgs, sheets_pdf
from planner.export.pdf import merge_svgs

ROOT = Path(__file__).resolve().parents[2]
A3_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_has_the_site_plan_and_each_floor_plan_on_an_a3_page() -> None:
    plan = load(house())
    pages = _pages(sheets_pdf(plan))
    assert len(pages) == 1 + len(floor_svgs(plan))
    for w, h in pages:
        assert (w, h) == (pytest.approx(A3_PT[0], abs=0.5), pytest.approx(A3_PT[1], abs=0.5))


@pytest.mark.parametrize("path", sorted((ROOT / "layouts").glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_gives_one_page_per_sheet(path: Path) -> None:
    from planner import model

    plan = model.loads(path.read_text(encoding="utf-8"))
    storeys = len(floor_svgs(plan))
    assert len(_pages(sheets_pdf(plan))) == 1 + storeys


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is installed by `make test`")
def test_pdfinfo_reads_an_a3_document_with_the_project_as_title(tmp_path: Path) -> None:
    f = tmp_path / "sheets.pdf"
    f.write_bytes(sheets_pdf(load(house())))
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           2" in info
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
