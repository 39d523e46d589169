"""Co-planning as a conversation, in real Chromium: the planner asks for changes with a reason, the
family follows the bell to the room with the comment pinned, moves the wall, the comment shows
"Løst i versjon N", and the planner finds the new version in the queue and approves it.

Every page is checked with axe-core and screenshotted into test-artifacts/ when it fails (every page with
PLANNER_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest
from browser_support import SAMPLE, serious_violations, shot
from browser_support import TEAM_PASSWORD as PASSWORD


def _setup(app) -> int:
    """A family's project with the sample plan, submitted, and a municipal planner as member."""
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    plan = model.loads(SAMPLE.read_bytes())
    with app.test_request_context():
        family = services.register("amina@example.no", "Amina Haugen", PASSWORD)
        planner = services.register("kari@larvik.kommune.no", "Kari Nordmann", PASSWORD)
        project = services.create_project(family, "Familien Haugen – Nanset", "Larvik", "Familien Haugen")
        services.save_plan(project.id, plan, family, "Plan fra arkitekten", 1)
        db.session.add(Membership(project_id=project.id, user_id=planner.id, role="planner"))
        db.session.commit()
        from planner.web.review import conversation

        conversation.submit(project.id, services.latest(project.id), family)
        return project.id


def _login(v, email: str) -> None:
    p = v.page
    v.go("/konto/logg-inn")
    p.get_by_label("E-postadresse").fill(email)
    p.get_by_label("Passord", exact=True).fill(PASSWORD)
    p.get_by_role("button", name="Logg inn").click()


@pytest.mark.slow
def test_changes_asked_the_family_follows_the_bell_moves_the_wall_and_the_planner_approves(server, visitor):
    pid = _setup(server.app)

    # the planner comments on the living room and asks for changes, with a reason
    planner = visitor("conv-1-planlegger")
    q = planner.page
    _login(planner, "kari@larvik.kommune.no")
    q.get_by_role("link", name="Saker til vurdering").click()
    assert q.locator(f'[data-queue-project="{pid}"]').count() == 1
    planner.check("ko")
    q.get_by_role("link", name="Familien Haugen – Nanset").click()
    q.get_by_label("Gjelder").select_option("room:r-stue")
    q.get_by_label("Kommentar", exact=True).fill("Stua er for smal mot sør, @Amina. Kan den bli bredere?")
    q.get_by_role("button", name="Publiser kommentaren").click()
    q.get_by_label("Endringer ønsket").check()
    q.get_by_role("button", name="Lagre avgjørelsen").click()
    assert "Si hva som bør endres" in q.content()  # no reason: refused, the choice kept
    assert q.get_by_label("Endringer ønsket").is_checked()
    planner.check("uten-begrunnelse")
    q.get_by_label("Begrunnelse").fill("Stua må bli minst 5 m bred før vi kan godkjenne.")
    q.get_by_role("button", name="Lagre avgjørelsen").click()
    assert "endringer ønsket" in q.content() and "Stua må bli minst 5 m bred" in q.content()
    assert re.search(r"Versjon 2: endringer ønsket \d\d\.\d\d", q.content())
    planner.check("endringer-onsket")

    # the family sees the bell, opens the notification and lands on the room with the comment pinned
    family = visitor("conv-2-familie")
    p = family.page
    _login(family, "amina@example.no")
    bell = p.locator("[data-bell-count]")
    assert bell.is_visible() and int(bell.inner_text()) >= 2
    status = p.locator(f'[data-project="{pid}"] .project-status')
    assert "endringer ønsket" in status.inner_text()
    family.check("forside-bjelle")
    p.locator("[data-bell]").focus()
    p.keyboard.press("Enter")  # the bell by keyboard
    p.wait_for_url(re.compile(r"/varsler/$"))
    assert "Kari Nordmann nevnte deg i en kommentar om rommet Stue" in p.inner_text("body")
    assert "Kari Nordmann ba om endringer i versjon 2" in p.inner_text("body")
    family.check("varsler")
    p.get_by_role("link", name=re.compile("nevnte deg i en kommentar om rommet Stue")).click()
    p.wait_for_url(re.compile(r"/rom/r-stue#kommentar-\d+$"))
    pin = p.locator("figure.pinned-drawing img")
    assert pin.is_visible()
    assert p.evaluate("document.querySelector('figure.pinned-drawing img').naturalWidth") > 0
    svg = p.request.get(server.url + pin.get_attribute("src"))
    assert svg.status == 200 and '<g class="comment-pins"' in svg.text() and ">1</text>" in svg.text()
    assert p.locator("figure.preview:not(.pinned-drawing)").is_hidden()  # the pinned drawing takes its place
    comment = p.locator(".room-comments li.comment").first
    assert "Stua er for smal" in comment.inner_text() and comment.locator(".pin-number").inner_text() == "1"
    assert comment.locator("[data-comment-state]").get_attribute("data-comment-state") == "open"
    family.check("rom-med-nal")

    # the family moves the wall with the room page's form: a new version
    wall = p.get_by_label("Hvilken vegg skal flyttes?")
    options = wall.locator("option").all()
    wall.select_option(options[0].get_attribute("value"))
    p.get_by_label("Nytt mål på tvers av veggen (m)").fill("5,2")
    p.get_by_role("button", name="Flytt veggen").click()
    assert "Veggen er flyttet." in p.content() or "Flytt veggen" in p.content()
    p.goto(f"{server.url}/prosjekt/{pid}/rom/r-stue#kommentarer")
    state = p.locator(".room-comments [data-comment-state]").first
    assert state.get_attribute("data-comment-state") == "changed"
    assert "Løst i versjon 3" in state.inner_text()
    family.check("lost-i-versjon")

    # "Send inn" shows what is pending, then the family submits version 3
    p.get_by_role("link", name="Vurdering", exact=True).click()
    send = p.locator("section.send-in")
    assert "Siden versjon 2 sist ble sendt inn (endringer ønsket)" in send.inner_text()
    assert "Stua må bli minst 5 m bred" in send.inner_text()
    assert "Stue:" in send.inner_text()
    family.check("send-inn")
    p.get_by_role("button", name="Send inn versjon 3 til vurdering").click()
    assert "versjon 3 venter på vurdering" in p.locator(".status-line").inner_text()

    # the planner sees version 3 in the queue and approves it
    q.goto(f"{server.url}/saksbehandling")
    row = q.locator(f'[data-queue-project="{pid}"]')
    assert "Versjon 3" in row.inner_text() and "%" in row.inner_text()
    planner.check("ko-versjon-3")
    row.get_by_role("link").click()
    review3 = q.locator("li.review--submitted")
    review3.get_by_label("Godkjent").check()
    review3.get_by_role("button", name="Lagre avgjørelsen").click()
    assert re.search(r"Versjon 3 godkjent \d\d\.\d\d", q.locator(".status-line").inner_text())
    planner.check("godkjent")
    q.goto(f"{server.url}/saksbehandling")
    assert "Ingenting venter på vurderingen din." in q.content()

    # the family's project list says so; the bell has the approval
    family.go("/")
    assert "Versjon 3 godkjent" in p.locator(f'[data-project="{pid}"] .project-status').inner_text()
    family.go("/varsler/")
    assert "Kari Nordmann godkjente versjon 3" in p.inner_text("body")


def test_the_notification_list_and_an_invitation_at_390px_by_touch(server, browser):
    """The bell's list, marking read by a tap, and the invitation with its copy button on a phone."""
    pid = _setup(server.app)
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    p = context.new_page()
    errors: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.goto(server.url + "/konto/logg-inn")
    p.get_by_label("E-postadresse").fill("kari@larvik.kommune.no")
    p.get_by_label("Passord", exact=True).fill(PASSWORD)
    p.get_by_role("button", name="Logg inn").tap()
    p.wait_for_url(lambda url: "logg-inn" not in url)
    p.goto(server.url + "/varsler/")
    assert p.locator("li.notification--unread").count() == 1
    p.get_by_role("button", name=re.compile("^Merk som lest")).tap()
    p.wait_for_selector("li.notification--unread", state="detached")
    assert p.locator("[data-bell-count]").is_hidden()
    width = p.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert [v["id"] for v in serious_violations(p)] == []
    shot(p, "conv-390-varsler")
    # the family invites by e-mail; the link is shown once with a working copy button
    p.goto(server.url + "/")
    with p.expect_navigation():
        p.get_by_role("button", name="Logg ut").tap()
    p.goto(server.url + "/konto/logg-inn")
    p.get_by_label("E-postadresse").fill("amina@example.no")
    p.get_by_label("Passord", exact=True).fill(PASSWORD)
    p.get_by_role("button", name="Logg inn").tap()
    p.wait_for_url(lambda url: "logg-inn" not in url)
    p.goto(f"{server.url}/prosjekt/{pid}/medlemmer")
    p.get_by_label("Navnet deres").fill("Ola Bygg")
    p.get_by_label("E-postadressen deres").fill("ola@bygg.no")
    p.get_by_label(re.compile("^Entreprenør")).check()
    p.get_by_role("button", name="Send invitasjonen").tap()
    link = p.get_by_label("Invitasjonslenke til Ola Bygg").input_value()
    assert "/invitasjon/" in link
    p.get_by_role("button", name="Kopier lenken").tap()
    assert p.evaluate("navigator.clipboard.readText()") == link
    assert p.locator("[data-copy-status]").inner_text() == "Kopiert"
    pending = p.locator("[data-state='open']").first
    assert "Ola Bygg" in pending.inner_text() and "ola@bygg.no" in pending.inner_text()
    assert "Amina Haugen" in pending.inner_text()
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    shot(p, "conv-390-invitasjon")
    # a logged-out invitee is told who invited them to what before logging in
    guest = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    g = guest.new_page()
    g.goto(link)
    text = g.locator("main").inner_text()
    assert "Amina Haugen inviterer Ola Bygg til prosjektet Familien Haugen – Nanset som entreprenør" in text
    assert g.get_by_role("link", name="Logg inn").count() >= 1
    shot(g, "conv-390-invitert")
    assert [e for e in errors if "Content Security Policy" in e] == []
    guest.close()
    context.close()
