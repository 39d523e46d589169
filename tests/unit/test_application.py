"""The building application package: files that exist and open (pypdf, pdfinfo A3), the neighbour
notice listing the map extract's neighbours, the SAK10 §6-8 application where it applies and a
plain "does not apply" where it does not, every document a draft to be signed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from factories import house, load
from pypdf import PdfReader
from test_mapextract import _extract_dxf
from test_mapextract import _plan as _georef_house

from planner import model
from planner.application import DRAFT, package, package_zip, self_build
from planner.cli import main
from planner.mapextract import apply, read

ROOT = Path(__file__).resolve().parents[2]
A3 = (841.89, 1190.55)


def _with_neighbours() -> model.Plan:
    plan = _georef_house()
    return apply(plan, read(_extract_dxf(), "kart.dxf", plan.origin, source="FKB", date="30.11.2026"))


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return package(_with_neighbours(), date="01.12.2026", version="4")


def test_the_package_has_the_drawings_and_the_documents(files: dict[str, bytes]) -> None:
    names = set(files)
    assert {"01-situasjonsplan.pdf", "02-plan-A-1.pdf", "05-sjekkliste.pdf", "06-nabovarsel.pdf",
            "07-selvbygger-sak10-6-8.pdf", "05-sjekkliste.md", "06-nabovarsel.md"} <= names
    assert any(n.startswith("03-fasade-") for n in names) and any(n.startswith("04-snitt-") for n in names)


def test_the_drawings_are_a3_pages_and_the_documents_a4(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if not name.endswith(".pdf"):
            continue
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 1
        box = reader.pages[0].mediabox
        size = tuple(sorted((round(float(box.width), 2), round(float(box.height), 2))))
        if name[:2] in ("01", "02", "03", "04"):
            assert size == A3, name
            assert "Søknadstegning" in reader.pages[0].extract_text(), name
        else:
            assert size == (595.28, 841.89), name


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo is installed by make test")
def test_pdfinfo_reads_the_site_plan_as_a3(files: dict[str, bytes], tmp_path: Path) -> None:
    (tmp_path / "s.pdf").write_bytes(files["01-situasjonsplan.pdf"])
    out = subprocess.run(["pdfinfo", str(tmp_path / "s.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+1190\.55 x 841\.89 pts \(A3\)", out.stdout)


def test_every_document_says_it_is_a_draft_to_be_signed(files: dict[str, bytes]) -> None:
    for name in ("05-sjekkliste", "06-nabovarsel", "07-selvbygger-sak10-6-8"):
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files[f"{name}.pdf"])).pages)
        assert "UTKAST" in text and "signeres av søker" in text, name
        assert DRAFT in files[f"{name}.md"].decode()


def test_the_neighbour_notice_lists_the_neighbours_of_the_map_extract(files: dict[str, bytes]) -> None:
    text = files["06-nabovarsel.md"].decode()
    listed = re.findall(r"Gnr/bnr (\d+/\d+):\*\* ([^–]+) –", text)
    assert sorted((g, a.strip()) for g, a in listed) == [("12/346", "Bakkevegen 5"),
                                                         ("12/347", "Bakkevegen 7")]
    assert "§ 21-3" in text
    assert "Bygning A: ny bolig" in text


def test_the_checklist_names_each_finding_with_its_rule_and_source_and_lists_what_passed() -> None:
    doc = house()
    doc["buildings"][0]["doors"][1]["width_m"] = 0.7
    text = package(load(doc))["05-sjekkliste.md"].decode()
    assert re.search(r"- \[ \] FEIL – .+\(regel access.door-width; kilde: TEK17 §12-13\(2\)", text)
    assert "Sjekket og i orden" in text
    assert "Bebygd areal (%-BYA) mot reguleringsplanen: i orden (regel plot.bya; kilde: TEK17 §5-2" in text


def test_section_6_8_applies_to_a_detached_house_the_family_builds_itself() -> None:
    plan = model.loads((ROOT / "layouts" / "enebolig-tre-soverom.json").read_text(encoding="utf-8"))
    (sb,) = self_build(plan)
    assert sb.applies and sb.tiltaksklasse == 1
    text = package(plan)["07-selvbygger-sak10-6-8.md"].decode()
    assert "Male vegger" in text and "Våtrom: Bad" in text and "Lufttetthet" in text


def test_section_6_8_does_not_apply_to_a_semi_detached_house_and_says_so() -> None:
    plan = model.loads((ROOT / "layouts" / "rekkehus-to-enheter.json").read_text(encoding="utf-8"))
    (sb,) = self_build(plan)
    assert not sb.applies and "rekkehus" in sb.reason
    assert "SAK10 § 6-8 gjelder ikke her" in package(plan)["07-selvbygger-sak10-6-8.md"].decode()


def test_section_6_8_does_not_apply_outside_tiltaksklasse_1() -> None:
    doc = house()
    doc["buildings"][0]["tiltaksklasse"] = 2  # kept in the building's extra
    (sb,) = self_build(load(doc))
    assert not sb.applies and "tiltaksklasse 2" in sb.reason


def test_the_zip_holds_the_same_files_in_one_folder(files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(package_zip(files))) as z:
        assert sorted(z.namelist()) == sorted(f"byggesoknad/{n}" for n in files)
        assert z.read("byggesoknad/06-nabovarsel.md") == files["06-nabovarsel.md"]


def test_the_command_writes_a_folder_and_a_zip(tmp_path: Path, capsys) -> None:
    plan = ROOT / "layouts" / "enebolig-tre-soverom.json"
    assert main(["application", str(plan), "--out", str(tmp_path), "--version", "2"]) == 0
    assert (tmp_path / "byggesoknad.zip").exists()
    assert (tmp_path / "byggesoknad" / "01-situasjonsplan.pdf").exists()
    assert "byggesoknad.zip" in capsys.readouterr().out


def test_the_command_refuses_a_missing_file_with_one_line(tmp_path: Path, capsys) -> None:
    assert main(["application", str(tmp_path / "nope.json"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err
