"""Self-build work in real Chromium: a family proposes three tasks, the contractor accepts two and
declines one with a comment, and the family sees the totals change.

Every page is checked with axe-core and screenshotted into test-artifacts/ when it fails (every page with
PLANNER_SCREENSHOTS=1) (see conftest.Visitor).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import browser_app, login, sample_team, serving


@pytest.fixture
def live_server(tmp_path) -> Iterator[str]:
    """The app with CSRF on, on SQLite: the sample plan (no self-build tasks yet) as project 1, with
    a family member and a contractor."""
    app = browser_app(tmp_path)
    sample_team(app, {"bygg@example.no": ("Ola Bygg", "contractor")}, contributions=False)
    with serving(app) as url:
        yield url


def _total(page) -> str:
    return page.locator("#total-hours").inner_text()


def _propose(v, task: str, rooms: list[str], who: str, hours: str = "") -> None:
    fold = v.page.locator("details.propose")
    if fold.get_attribute("open") is None:  # folded once there are tasks: open it like a person would
        fold.locator("summary").click()
    p = v.page.locator("form[action*='/foresla']")
    select = p.get_by_label("Oppgave", exact=True)
    select.select_option(select.locator("option", has_text=task).first.get_attribute("value"))
    for room in rooms:
        p.locator("#rooms").get_by_label(room, exact=True).check()
    p.get_by_label("Hvem gjør arbeidet?").select_option(label=who)
    if hours:
        p.get_by_label("Deres eget anslag over timer (valgfritt)").fill(hours)
    p.get_by_role("button", name="Legg til oppgaven").click()
    v.page.wait_for_load_state("load")
    assert "Oppgaven er lagt til i egeninnsatsen deres." in v.page.content()


@pytest.mark.slow
def test_a_family_proposes_three_tasks_and_the_contractor_accepts_two_and_declines_one(visitor):
    family = visitor("selvbygg-1-familie")
    login(family, "amina@example.no")
    p = family.page
    p.get_by_role("link", name="Egeninnsats", exact=True).click()
    assert _total(p) == "0,0 t"
    family.check("tom-side")

    # a task the family may not do is not offered, and the page says who must do it
    options = p.get_by_label("Oppgave", exact=True).locator("option").all_inner_texts()
    assert not any(o.startswith("Elektrisk arbeid") for o in options)
    assert "Elektrisk arbeid skal gjøres av en registrert elektroinstallatør" in p.content()

    _propose(family, "Male vegger", ["Soverom 1", "Soverom 2", "Soverom 3"], "De voksne")
    after_one = _total(p)
    _propose(family, "Legge gulv", ["Stue"], "Amina")
    _propose(family, "Rydde tomta", [], "De voksne", hours="20")  # the children are below its minimum age
    three = _total(p)
    assert three not in ("0,0 t", after_one)
    assert p.locator("li.task").count() == 3
    assert p.locator("li.task .badge").all_inner_texts() == ["foreslått"] * 3
    family.check("tre-forslag")

    contractor = visitor("selvbygg-2-entreprenor")
    login(contractor, "bygg@example.no")
    c = contractor.page
    c.get_by_role("link", name="Egeninnsats", exact=True).click()
    assert c.get_by_role("button", name="Legg til oppgaven").count() == 0  # the contractor does not propose
    contractor.check("entreprenor-ser")
    _decide(contractor, "c1", "Godta", "Husk grunning på nye plater.")
    _decide(contractor, "c2", "Avslå", "Parketten legges av oss, fordi gulvvarmen må testes først.")
    _decide(contractor, "c3", "Godta", "")
    assert c.locator("#oppgave-c2 .badge").inner_text() == "avslått"
    contractor.check("entreprenor-avgjort")

    # the contractor's own hour value for the project: every estimate uses it, still called an estimate
    c.get_by_role("link", name="Sett prosjektets tall").click()
    contractor.check("entreprenor-tall")
    c.get_by_label("Verdien av én time av familiens arbeid (kr)").fill("450")
    c.get_by_role("button", name="Lagre tallene").click()
    c.wait_for_load_state("load")
    assert "Timeverdi: 450 kr" in c.content() and "Satt av entreprenøren <bdi>Ola Bygg</bdi>." in c.content()

    p.reload()
    after = _total(p)
    assert after != three
    assert float(after.split()[0].replace(",", ".")) < float(three.split()[0].replace(",", "."))
    declined = p.locator("#oppgave-c2")
    assert "Parketten legges av oss, fordi gulvvarmen må testes først." in declined.inner_text()
    assert "Ola Bygg" in declined.locator(".history").inner_text()
    status_rows = p.locator("#totals-status tbody tr").all_inner_texts()
    assert any(r.startswith("avslått") and not r.startswith("avslått\t0,0") for r in status_rows)
    family.check("familien-ser-summene")

    # the family marks the plot clearing done; the work plan downloads as a PDF
    p.locator("#oppgave-c3").get_by_role("button", name=re.compile("^Merk som utført")).click()
    p.wait_for_load_state("load")
    assert p.locator("#oppgave-c3 .badge").inner_text() == "utført"
    with p.expect_download() as dl:
        p.get_by_role("link", name="Arbeidsplan (PDF, A4)").click()
    assert dl.value.suggested_filename.endswith(".pdf")
    family.check("utfort")


def _decide(v, cid: str, choice: str, comment: str) -> None:
    task = v.page.locator(f"#oppgave-{cid}")
    task.get_by_label(choice, exact=True).check()
    if comment:
        task.get_by_label(re.compile("^Vilkår eller kommentar")).fill(comment)
    task.get_by_role("button", name="Lagre avgjørelsen").click()
    v.page.wait_for_load_state("load")
    assert ("Oppgaven er godtatt." if choice == "Godta" else "Oppgaven er avslått.") in v.page.content()
