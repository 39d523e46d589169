"""The family's own work as documented equity, in real Chromium: the family logs hours (with a photo),
the contractor confirms them, and the financing page shows the lower monthly cost.

Every page is checked with axe-core and screenshotted into test-artifacts/ when it fails (every page with
PLANNER_SCREENSHOTS=1) at 1280 and 390 px wide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import browser_app, login, narrow, sample_team, serving
from PIL import Image


@pytest.fixture
def live_server(tmp_path) -> Iterator[str]:
    """The sample plan as project 1 with one proposed task (paint the bedrooms, the adults), a family
    member (Amina), a contractor (Ola Bygg) and the municipality's planner (Kari Kommune)."""
    app = browser_app(tmp_path)
    sample_team(app, {"bygg@example.no": ("Ola Bygg", "contractor"),
                      "kari@example.no": ("Kari Kommune", "planner")})
    with serving(app) as url:
        yield url


def _monthly(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#monthly-cost").inner_text()))


@pytest.mark.slow
def test_the_family_logs_hours_the_contractor_confirms_and_the_monthly_cost_follows(visitor, tmp_path):
    photo = tmp_path / "maling.png"
    Image.new("RGB", (1200, 900), (230, 220, 200)).save(photo)

    contractor = visitor("finans-1-entreprenor")
    login(contractor, "bygg@example.no")
    c = contractor.page
    c.get_by_role("link", name="Egeninnsats", exact=True).click()
    task = c.locator("#oppgave-c1")
    task.get_by_label("Godta", exact=True).check()
    task.get_by_role("button", name="Lagre avgjørelsen").click()
    c.wait_for_load_state("load")
    assert "Oppgaven er godtatt." in c.content()

    family = visitor("finans-2-familie")
    login(family, "amina@example.no")
    p = family.page
    p.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Finansiering").click()
    assert "Med disse tallene blir boutgiftene om lag" in p.locator("#monthly-sentence").inner_text()
    assert "Alle beløp er anslag." in p.content()
    before = _monthly(p)
    family.check("finansiering")
    narrow(family, "finansiering")

    # the family logs 30 hours on two days, the first with a photo and sent by keyboard
    p.get_by_role("link", name="Egeninnsats", exact=True).click()
    p.get_by_role("link", name="Timeliste").first.click()
    p.wait_for_load_state("load")
    form = p.locator("form[action*='/c1/timer']")
    form.get_by_label("Hvem arbeidet").select_option("Amina")
    form.get_by_label("Dag", exact=True).fill("2026-11-20")
    form.get_by_label("Timer", exact=True).fill("14")
    form.get_by_label("Merknad (valgfritt)").fill("Sparklet og malt to strøk.")
    form.get_by_label("Bilde (valgfritt)").set_input_files(str(photo))
    form.get_by_role("button", name="Før timene").focus()
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert "Timene er ført." in p.content(), p.locator("main").inner_text()[:1500]
    assert p.locator("img.ledger-photo").count() == 1
    form = p.locator("form[action*='/c1/timer']")
    form.get_by_label("Hvem arbeidet").select_option("Voksen 2")
    form.get_by_label("Dag", exact=True).fill("2026-11-21")
    form.get_by_label("Timer", exact=True).fill("16")
    form.get_by_role("button", name="Før timene").click()
    p.wait_for_load_state("load")
    assert "Timene er ført." in p.content() and "ført 30,0 t" in p.content()
    family.check("timeliste")
    narrow(family, "timeliste")
    checksum = p.locator("#ledger-checksum").inner_text()

    # the contractor confirms them as agreed
    c.get_by_role("link", name="Egeninnsats", exact=True).click()
    c.get_by_role("link", name="Timeliste").first.click()
    c.wait_for_load_state("load")
    confirm = c.locator("form[action*='/c1/bekreft']")
    confirm.get_by_label("Ja, som avtalt").check()
    confirm.get_by_label(re.compile("^Merknader om kvaliteten")).fill("Jevne flater, rene kanter.")
    confirm.get_by_role("button", name="Bekreft timene").click()
    c.wait_for_load_state("load")
    assert "Timene er bekreftet." in c.content()
    assert c.locator("#ledger-checksum").inner_text() != checksum  # the confirmation is in the ledger
    contractor.check("bekreftet")

    # the financing page counts the confirmed hours: 30 h instead of the estimate of 21,2 h
    p.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Finansiering").click()
    p.wait_for_load_state("load")
    after = _monthly(p)
    assert after < before
    row = p.locator("#selfbuild tbody tr").first.inner_text()
    assert "Male vegger" in row and "30,0" in row and "bekreftet av Ola Bygg" in row
    assert p.locator("#selfbuild-value").inner_text().replace("\xa0", " ") == "−12 000"
    family.check("finansiering-etter")
    with p.expect_download() as dl:
        p.goto(p.url.split("/finansiering")[0] + "/egeninnsats/timeliste")
        p.get_by_role("link", name="Erklæring (PDF)").click()
    assert dl.value.suggested_filename.endswith(".pdf")


def test_the_municipality_sets_the_start_loan_terms_and_the_sentence_changes(visitor):
    planner = visitor("finans-3-kommunen")
    login(planner, "kari@example.no")
    p = planner.page
    p.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Finansiering").click()
    first = p.locator("#monthly-sentence").inner_text()
    p.get_by_label("Startlån: år uten avdrag").fill("8")
    p.get_by_role("button", name="Lagre tallene").click()
    p.wait_for_load_state("load")
    sentence = p.locator("#monthly-sentence").inner_text()
    assert sentence != first and "Etter de 8 årene uten avdrag på startlånet" in sentence
    planner.check("vilkar")
