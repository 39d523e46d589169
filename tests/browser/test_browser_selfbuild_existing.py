"""A home that already stands, in real Chromium: the family reads its flat from a DXF (made here with
ezdxf), chooses the layer, imports the rooms, and says who in the household can do what.

Every page is checked with axe-core and screenshotted into test-artifacts/ when it fails (every page with
PLANNER_SCREENSHOTS=1), at 1280 and at 390 px.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import browser_app, login, narrow, sample_team, serving

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from test_existing_home import flat_dxf  # noqa: E402


@pytest.fixture
def live_server(tmp_path) -> Iterator[str]:
    """The sample plan as project 1 of the family (Amina), with a contractor."""
    app = browser_app(tmp_path)
    sample_team(app, {"bygg@example.no": ("Ola Bygg", "contractor")})
    with serving(app) as url:
        yield url


def test_the_family_reads_the_flat_from_a_dxf_and_plans_the_work_by_age(visitor, tmp_path):
    dxf = tmp_path / "leilighet.dxf"
    dxf.write_bytes(flat_dxf())
    family = visitor("eksisterende-familie")
    login(family, "amina@example.no")
    p = family.page
    p.get_by_role("link", name="Egeninnsats", exact=True).click()
    p.get_by_role("link", name="En bolig som allerede står").click()
    family.check("last-opp")
    p.get_by_label("DXF-tegning av boligen").set_input_files(str(dxf))
    p.get_by_role("button", name="Les tegningen").click()
    p.wait_for_load_state("load")
    assert "Stue: 18,7 m²" in p.inner_text("body") and "Gang: 5,5 m²" in p.inner_text("body")
    family.check("velg-lag")
    narrow(family, "velg-lag")
    p.get_by_role("radio", name="ROM: 5 rom").check()
    p.get_by_role("button", name="Importer rommene").click()
    p.wait_for_load_state("load")
    assert "Boligen er lest fra tegningen: 5 rom." in p.content()
    options = p.get_by_label("Oppgave", exact=True).locator("option").all_inner_texts()
    assert any(o.startswith("Male vegger og tak i våtrom") for o in options)

    p.get_by_role("link", name="Hvem gjør arbeidet").click()
    p.wait_for_load_state("load")
    family.check("personer")
    p.locator("fieldset.person").nth(0).get_by_label("Alder").fill("41")
    p.locator("fieldset.person").nth(0).get_by_label("Timer i uka personen kan gi").fill("6")
    p.get_by_role("button", name="Lagre").click()
    p.wait_for_load_state("load")
    assert "Personene i husstanden er lagret." in p.content()
    who = p.get_by_label("Hvem gjør arbeidet?").locator("option").all_inner_texts()
    assert "Amina (41 år; 6,0 t i uka)" in who
    family.check("egeninnsats-eksisterende")
    narrow(family, "egeninnsats-eksisterende")
