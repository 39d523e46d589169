"""Every page, in Bokmål and English, for each role: axe-core finds no serious or critical violation."""

from __future__ import annotations

import pytest

ROLES = ("family", "planner", "contractor", "mentor")
PASSWORD = "et-godt-passord-123"


@pytest.fixture
def seeded(server):
    """A project from the sample plan with a finding, a review and a comment; one user per role."""
    from planner import model
    from planner.web import services
    from planner.web.command import FALLBACK
    from planner.web.extensions import db
    from planner.web.models import Membership

    with server.app.app_context():
        users = {role: services.register(f"{role}@example.no", role.capitalize(), PASSWORD) for role in ROLES}
        plan = model.loads(FALLBACK.read_bytes())
        project = services.create_project(users["family"], plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, users["family"], "eksempel", 1)
        plan.buildings[0].windows = plan.buildings[0].windows[1:]
        v = services.save_plan(project.id, plan, users["family"], "ett vindu mindre", 2)
        for role in ROLES[1:]:
            db.session.add(Membership(project_id=project.id, user_id=users[role].id, role=role))
        db.session.commit()
        services.submit(project.id, v, users["family"])
        finding = v.report["findings"][0]
        services.comment(project.id, v, users["planner"], "Se på dette <b>vinduet</b>.",
                         finding=f"{finding['rule']}|{finding['subject']}")
        services.comment(project.id, v, users["mentor"], "Fint rom.", room_id=plan.buildings[0].rooms[0].id)
        _, token = services.invite(project.id, "mentor", users["family"], 14)
        return {"project": project.id, "room": plan.buildings[0].rooms[0].id, "token": token}


MARK_CONTROLS = """() => {
  const all = Array.from(document.querySelectorAll(
      'form input:not([type=hidden]), form select, form textarea, form button'))
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0)
    // a control in a closed disclosure (a reply box under "Svar") is reached once it is opened
    .filter(e => { const d = e.closest('details'); return !d || d.open || e.closest('summary'); });
  all.forEach((e, i) => { e.dataset.kb = (e.type === 'radio') ? 'radio:' + e.name : 'c' + i; });
  return Array.from(new Set(all.map(e => e.dataset.kb)));
}"""


def _every_control_reachable_by_tab(page) -> None:
    """Tab from the top of the page reaches every form control (each radio group once)."""
    wanted = set(page.evaluate(MARK_CONTROLS))
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    reached = set()
    for _ in range(len(wanted) * 3 + 60):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement && document.activeElement.dataset.kb")
        if key:
            reached.add(key)
        if reached >= wanted:
            return
    assert wanted - reached == set()


def _login(v, role):
    v.go("/konto/logg-inn")
    v.page.locator("#email").fill(f"{role}@example.no")
    v.page.locator("#password").fill(PASSWORD)
    with v.page.expect_navigation():
        v.page.locator("#password").press("Enter")


FAMILY_PAGES = ["/", "/prosjekt/ny", "/prosjekt/{p}/", "/prosjekt/{p}/husstand", "/prosjekt/{p}/rombehov",
                "/prosjekt/{p}/tomt", "/prosjekt/{p}/plantegning", "/prosjekt/{p}/plantegning/last-opp",
                "/prosjekt/{p}/plantegning/forslag", "/prosjekt/{p}/rom/{r}", "/prosjekt/{p}/versjoner",
                "/prosjekt/{p}/sammenlign?a=1&b=3", "/prosjekt/{p}/vurdering", "/prosjekt/{p}/medlemmer",
                "/prosjekt/{p}/last-ned", "/finnes-ikke"]
OTHER_PAGES = ["/prosjekt/{p}/", "/prosjekt/{p}/plantegning", "/prosjekt/{p}/vurdering",
               "/prosjekt/{p}/medlemmer", "/prosjekt/{p}/last-ned", "/prosjekt/{p}/husstand"]


LOCALES = ["nb-NO", "en-GB"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("role", [pytest.param("family", marks=pytest.mark.slow), *ROLES[1:]])
def test_every_page_passes_axe_for_every_role_in_both_languages(visitor, seeded, locale, role):
    """One role's pages in one language (a case each, so parallel processes share the walk)."""
    lang = locale[:2]
    v = visitor(f"5-sider-{lang}-{role}", locale)
    _login(v, role)
    pages = FAMILY_PAGES if role == "family" else OTHER_PAGES
    if role == "planner":
        pages = [*pages, "/prosjekt/{p}/tomt"]
    for path in pages:
        v.go(path.format(p=seeded["project"], r=seeded["room"]))
        v.check(path.split("/")[-1].split("?")[0] or "oversikt")
        assert v.page.locator("html").get_attribute("lang") == lang
        if role == "family" and lang == "nb":
            _every_control_reachable_by_tab(v.page)
        assert v.page.locator("h1").count() == 1


@pytest.mark.parametrize("locale", LOCALES)
def test_the_pages_before_login_and_of_an_invited_person_pass_axe(visitor, seeded, locale):
    lang = locale[:2]
    anonymous = visitor(f"5-sider-{lang}-utlogget", locale)
    for path in ("/", "/konto/logg-inn", "/konto/registrer"):
        anonymous.go(path)
        anonymous.check(path.strip("/").replace("/", "-") or "start")
        assert anonymous.page.locator("html").get_attribute("lang") == lang
    stranger = visitor(f"5-sider-{lang}-invitert", locale)
    stranger.go("/konto/registrer")
    stranger.page.locator("#name").fill("Ny mentor")
    stranger.page.locator("#email").fill(f"ny-{lang}@example.no")
    stranger.page.locator("#password").fill(PASSWORD)
    stranger.page.locator("#confirm").fill(PASSWORD)
    with stranger.page.expect_navigation():
        stranger.page.locator("#confirm").press("Enter")
    stranger.go(f"/invitasjon/{seeded['token']}")
    stranger.check("invitasjon")
    stranger.go(f"/prosjekt/{seeded['project']}/")
    stranger.check("fremmed")


def test_comment_text_is_shown_as_text_not_markup(visitor, seeded):
    v = visitor("6-kommentar")
    _login(v, "contractor")
    v.go(f"/prosjekt/{seeded['project']}/vurdering")
    assert v.page.locator(".comment-body b").count() == 0
    assert "<b>vinduet</b>" in v.page.locator(".comment-body").first.inner_text()
