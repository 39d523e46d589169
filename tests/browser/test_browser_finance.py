"""The family's own work as documented equity, in real Chromium: the family logs hours (with a photo),
the contractor confirms them, and the financing page shows the lower monthly cost.

Every page is checked with axe-core and screenshotted into test-artifacts/ at 1280 and 390 px wide.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
PASSWORD = "et-godt-passord-123"


@pytest.fixture
def live_server(tmp_path) -> Iterator[str]:
    """The sample plan as project 1 with one proposed task (paint the bedrooms, the adults), a family
    member (Amina), a contractor (Ola Bygg) and the municipality's planner (Kari Kommune)."""
    from planner import model
    from planner.web import create_app, services
    from planner.web.command import upgrade
    from planner.web.extensions import db
    from planner.web.models import Membership

    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite'}",
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    upgrade(app)
    plan = model.loads(SAMPLE.read_bytes())
    plan.households[0].members[0].name = "Amina"
    with app.app_context():
        family = services.register("amina@example.no", "Amina Haugen", PASSWORD)
        contractor = services.register("bygg@example.no", "Ola Bygg", PASSWORD)
        planner = services.register("kari@example.no", "Kari Kommune", PASSWORD)
        project = services.create_project(family, plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, family, "sample", 1)
        db.session.add(Membership(project_id=project.id, user_id=contractor.id, role="contractor"))
        db.session.add(Membership(project_id=project.id, user_id=planner.id, role="planner"))
        db.session.commit()
        assert project.id == 1
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()
    with app.app_context():
        db.engine.dispose()


def _login(v, email: str) -> None:
    v.go("/konto/logg-inn")
    v.page.get_by_label("E-postadresse").fill(email)
    v.page.get_by_label("Passord").fill(PASSWORD)
    v.page.get_by_role("button", name="Logg inn").click()
    v.page.wait_for_load_state("load")
    v.go("/prosjekt/1/")


def _monthly(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#monthly-cost").inner_text()))


def _narrow(v, label: str) -> None:
    """The same page at 390 px: checked with axe-core, screenshotted, and nothing wider than the screen."""
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.reload()
    v.check(f"{label}-390")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 390
    v.page.set_viewport_size({"width": 1280, "height": 900})
    v.page.reload()


def test_the_family_logs_hours_the_contractor_confirms_and_the_monthly_cost_follows(visitor, tmp_path):
    photo = tmp_path / "maling.png"
    Image.new("RGB", (1200, 900), (230, 220, 200)).save(photo)

    contractor = visitor("finans-1-entreprenor")
    _login(contractor, "bygg@example.no")
    c = contractor.page
    c.get_by_role("link", name="Egeninnsats", exact=True).click()
    task = c.locator("#oppgave-c1")
    task.get_by_label("Godta", exact=True).check()
    task.get_by_role("button", name="Lagre avgjørelsen").click()
    c.wait_for_load_state("load")
    assert "Oppgaven er godtatt." in c.content()

    family = visitor("finans-2-familie")
    _login(family, "amina@example.no")
    p = family.page
    p.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Finansiering").click()
    assert "Med disse tallene blir boutgiftene om lag" in p.locator("#monthly-sentence").inner_text()
    assert "Alle beløp er anslag." in p.content()
    before = _monthly(p)
    family.check("finansiering")
    _narrow(family, "finansiering")

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
    _narrow(family, "timeliste")
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
    _login(planner, "kari@example.no")
    p = planner.page
    p.get_by_role("navigation", name="Prosjekt").get_by_role("link", name="Finansiering").click()
    first = p.locator("#monthly-sentence").inner_text()
    p.get_by_label("Startlån: år uten avdrag").fill("8")
    p.get_by_role("button", name="Lagre tallene").click()
    p.wait_for_load_state("load")
    sentence = p.locator("#monthly-sentence").inner_text()
    assert sentence != first and "Etter de 8 årene uten avdrag på startlånet" in sentence
    planner.check("vilkar")
