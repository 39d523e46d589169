"""A 390 × 844 phone in real Chromium: no page is wider than the screen, every control's visible
text can be read (no select cut to "vo": its whole text, or at least 150 px of a long one; nothing
sticks out past the screen except inside a table that scrolls sideways on its own), the header and
navigation stay short, and after adding or removing a row the keyboard focus is on the new row or
the next one (no inline script)."""

from __future__ import annotations

import re

import pytest
from browser_support import serious_violations, shot

PASSWORD = "et-godt-passord-123"
PHONE = {"width": 390, "height": 844}

FITS = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  const problems = [];
  const doc = document.documentElement;
  const scrolls = (e) => {
    for (let p = e.parentElement; p && p !== doc; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if ((x === 'auto' || x === 'scroll') && p.clientWidth <= window.innerWidth) return true;
    }
    return false;
  };
  if (doc.scrollWidth > window.innerWidth) problems.push('page ' + doc.scrollWidth + ' px wide');
  for (const s of document.querySelectorAll('select')) {
    if (!s.getClientRects().length) continue;
    const o = s.options[s.selectedIndex];
    if (!o) continue;
    const cs = getComputedStyle(s);
    canvas.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
    // the whole text, or at least 150 px of it (a long choice ends in "…"; the phone's picker shows it whole)
    if (room < Math.min(canvas.measureText(o.text).width, 150))
      problems.push('select ' + s.id + ': "' + o.text + '" in ' + room + ' px');
  }
  for (const e of document.querySelectorAll('label, button, legend, th, .button, input[type=text]')) {
    if (!e.getClientRects().length || e.closest('.visually-hidden')) continue;
    if (e.classList.contains('default-submit')) continue;
    if (scrolls(e)) continue;  // inside a table that scrolls sideways on its own: reachable, page not wider
    const r = e.getBoundingClientRect();
    const name = e.id || e.tagName;
    if (r.right > window.innerWidth + 1) problems.push(name + ' ends at ' + Math.round(r.right));
    const clips = getComputedStyle(e).overflow !== 'visible';
    if (e.tagName !== 'INPUT' && clips && e.scrollWidth > e.clientWidth + 1) problems.push(name + ' cut');
  }
  return problems;
}"""


@pytest.fixture
def family_project(server):
    from planner import model
    from planner.web import services
    from planner.web.command import FALLBACK

    with server.app.app_context():
        user = services.register("familie@example.no", "Amina Berg-Haugen", PASSWORD)
        plan = model.loads(FALLBACK.read_bytes())
        project = services.create_project(user, plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, user, "eksempel", 1)
        return {"project": project.id, "room": plan.buildings[0].rooms[0].id}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="nb-NO", viewport=PHONE, device_scale_factor=1, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = live_server  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def _login(page) -> None:
    page.goto(page.base + "/konto/logg-inn")
    page.fill("#email", "familie@example.no")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")


@pytest.mark.slow
def test_no_page_is_wider_than_a_phone_every_control_can_be_read_and_axe_finds_nothing(phone, family_project):
    _login(phone)
    p = f"/prosjekt/{family_project['project']}"
    pages = ["/", "/konto/", "/prosjekt/ny", f"{p}/", f"{p}/husstand", f"{p}/rombehov", f"{p}/tomt",
             f"{p}/plantegning", f"{p}/plantegning/last-opp", f"{p}/rom/{family_project['room']}",
             f"{p}/versjoner", f"{p}/vurdering", f"{p}/medlemmer", f"{p}/last-ned"]
    found = {}
    for i, path in enumerate(pages):
        phone.goto(phone.base + path)
        phone.wait_for_load_state("load")
        shot(phone, f"phone-{i:02d}")
        problems = phone.evaluate(FITS)
        problems += [f"axe {v['id']} ({v['impact']})" for v in serious_violations(phone)]
        if problems:
            found[path] = problems
    assert found == {}
    assert not [e for e in phone.errors if "Content Security Policy" in e]


def test_header_and_project_navigation_leave_the_screen_to_the_content(phone, family_project):
    _login(phone)
    phone.goto(phone.base + f"/prosjekt/{family_project['project']}/husstand")
    top = phone.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert top < 240, top


def _focused(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def test_after_adding_or_removing_a_person_the_focus_is_on_the_new_or_the_next_row(phone, family_project):
    _login(phone)
    phone.goto(phone.base + f"/prosjekt/{family_project['project']}/husstand")
    rows = phone.locator("select[id$='-role']").count()
    phone.focus("#add-member")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.locator("select[id$='-role']").count() == rows + 1
    assert _focused(phone) == f"members-{rows}-role"
    box = phone.evaluate(f"document.getElementById('members-{rows}-role').getBoundingClientRect().top")
    assert 0 <= box <= PHONE["height"]  # scrolled to where the person is
    phone.focus("button[value='remove:members-1']")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.locator("select[id$='-role']").count() == rows
    assert _focused(phone) == "members-1-role"
    last = rows - 1
    phone.focus(f"button[value='remove:members-{last}']")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert _focused(phone) == "add-member"
    assert not phone.locator("script:not([src])").count()


def test_after_adding_or_removing_a_room_row_the_focus_is_on_the_new_or_the_next_row(phone, family_project):
    _login(phone)
    phone.goto(phone.base + f"/prosjekt/{family_project['project']}/rombehov")
    rows = phone.locator("select[id$='-type']").count()
    with phone.expect_navigation():
        phone.tap("#add-need")
    assert _focused(phone) == f"needs-{rows}-type"
    phone.focus("button[value='remove:needs-0']")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert _focused(phone) == "needs-0-type"
    shot(phone, "phone-needs-after-remove")
    assert re.fullmatch(r"needs-\d+-type", _focused(phone))
