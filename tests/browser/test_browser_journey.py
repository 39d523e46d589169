"""The whole journey in real Chromium: a family, a municipal planner and a contractor co-plan a home.

Every page visited is checked with axe-core (no serious or critical violations) and
screenshotted into test-artifacts/ when it fails (every page with
PLANNER_SCREENSHOTS=1).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
PASSWORD = "et-godt-passord-123"


def _register(v, name: str, email: str) -> None:
    p = v.page
    p.get_by_label("Navnet ditt").fill(name)
    p.get_by_label("E-postadresse").fill(email)
    p.get_by_label("Passord", exact=True).fill(PASSWORD)
    p.get_by_label("Gjenta passordet").fill(PASSWORD)
    v.check("registrer")
    p.get_by_role("button", name="Opprett konto").click()


def _plan_without_bedroom_windows(tmp_path: Path) -> tuple[Path, str]:
    doc = json.loads(SAMPLE.read_text())
    building = doc["buildings"][0]
    bedroom = next(r for r in building["rooms"] if r["type"] == "bedroom")
    building["windows"] = [w for w in building["windows"] if w["room"] != bedroom["id"]]
    path = tmp_path / "vaar-plan.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    return path, bedroom["name"]


@pytest.mark.slow
def test_family_planner_and_contractor_co_plan_a_home(visitor, tmp_path):
    family = visitor("1-familie")
    p = family.page
    family.go("/")
    family.check("forside")
    p.get_by_role("link", name="Opprett en konto").first.click()
    _register(family, "Amina Haugen", "amina@example.no")
    p.get_by_role("link", name="Start et nytt prosjekt").click()
    p.get_by_label("Navn på prosjektet").fill("Familien Haugen – Nanset")
    p.get_by_label("Kommune").fill("Larvik")
    p.get_by_label("Navn på husstanden").fill("Familien Haugen")
    family.check("nytt-prosjekt")
    p.get_by_role("button", name="Start prosjektet").click()

    # household: three people, what matters, what they are good at
    p.get_by_role("button", name="Legg til en person").click()
    p.get_by_role("button", name="Legg til en person").click()
    p.get_by_label("Person 2: voksen eller barn").select_option("adult")
    p.get_by_label("Person 3: voksen eller barn").select_option("child")
    p.get_by_label("Person 3: alder").fill("7")
    p.get_by_label("Hva er viktigst for dere i det nye hjemmet?").fill("Lys stue mot sør.")
    p.get_by_label("Hva er dere gode på").fill("Vi lager mat til mange og liker hagearbeid.")
    family.check("husstand")
    p.get_by_role("button", name="Lagre husstanden").click()
    assert "Husstanden er lagret." in p.content()

    # room needs from the suggestion
    p.get_by_role("link", name="Rombehov", exact=True).click()
    p.get_by_role("button", name="Foreslå rom ut fra husstanden").click()
    assert p.locator("select[name$='-type']").count() == 7  # main bedroom and child room apart (issue 11)
    family.check("rombehov")
    p.get_by_role("button", name="Lagre rombehovet").click()
    assert "Rombehovet er lagret." in p.content()

    # plot: typed corners, a road edge, regulation
    p.get_by_role("link", name="Tomt", exact=True).click()
    p.get_by_label("Hjørnene på tomten").fill("0 0\n30 0\n30 28\n0 28")
    p.get_by_role("button", name="Lagre tomten").click()
    p.wait_for_load_state("load")  # the preview's edges answer clicks once the page's script has run
    p.locator(".plot-preview .edge-hit[data-edge='0']").click()  # road edge picked on the preview
    assert p.get_by_label(re.compile("^Kant 0:")).is_checked()
    p.get_by_label("Høyeste utnyttelse, %-BYA").fill("30")
    p.get_by_role("button", name="Lagre tomten").click()
    assert "Tomten er lagret." in p.content()
    family.check("tomt")

    # a typing error keeps the input and is linked from the summary
    p.get_by_label("Hjørnene på tomten").fill("0 0\n30 null\n30 28")
    p.get_by_role("button", name="Lagre tomten").click()
    p.get_by_role("alert").get_by_role("link").first.wait_for()  # the page after the click (issue 11)
    assert p.get_by_role("alert").get_by_role("link").count() >= 1
    assert "30 null" in p.get_by_label("Hjørnene på tomten").input_value()
    family.check("tomt-feil")

    # the floor plan: suggestions when the layout tool is there, then an uploaded plan
    p.get_by_role("link", name="Plantegning", exact=True).click()
    family.check("plantegning-tom")
    if p.get_by_role("link", name="Få forslag til plantegning").count():
        p.get_by_role("link", name="Få forslag til plantegning").click()
        family.check("forslag")
        assert p.get_by_role("button", name=re.compile("^Velg forslag")).count() >= 1
        p.get_by_role("link", name="Plantegning", exact=True).click()
    plan_file, bedroom = _plan_without_bedroom_windows(tmp_path)
    p.get_by_role("link", name="Last opp en planfil").click()
    p.get_by_label("Planfil (plan/1 JSON)").set_input_files(str(plan_file))
    p.get_by_label("Hva endret du?").fill("Plan fra arkitekten")
    family.check("last-opp")
    p.get_by_role("button", name="Last opp og sjekk").click()
    assert "room.window-missing" in p.content()
    family.check("funn")

    # invite a municipal planner and a contractor
    links = {}
    for role_label, key in (("Saksbehandler i kommunen", "planner"), ("Entreprenør", "contractor")):
        p.get_by_role("link", name="Medlemmer", exact=True).click()
        p.get_by_label("Navnet deres").fill(f"Ny {key}")
        p.get_by_label("E-postadressen deres").fill(f"{key}@example.no")
        p.get_by_label(re.compile("^" + role_label)).check()
        p.get_by_role("button", name="Send invitasjonen").click()
        links[key] = p.get_by_label("Invitasjonslenke").input_value()
        family.check(f"invitasjon-{key}")
    p.get_by_role("link", name="Vurdering", exact=True).click()
    p.get_by_role("button", name=re.compile("^Send inn versjon")).click()
    family.check("sendt-inn")

    # the planner joins, comments on the finding and asks for changes
    planner = visitor("2-planlegger")
    q = planner.page
    q.goto(links["planner"])
    q.get_by_role("link", name="Opprett en konto").click()
    _register(planner, "Kari Nordmann", "kari@larvik.kommune.no")
    planner.check("invitasjon")
    q.get_by_role("button", name="Bli med i prosjektet").click()
    planner.check("oversikt")
    q.get_by_role("link", name="Vurdering", exact=True).click()
    option = q.locator("#anchor option", has_text="Funn:").first
    q.get_by_label("Gjelder").select_option(option.get_attribute("value"))
    q.get_by_label("Kommentar").fill(f"{bedroom} trenger et vindu før vi kan godkjenne.")
    q.get_by_role("button", name="Publiser kommentaren").click()
    q.get_by_label("Endringer ønsket").check()
    q.get_by_label("Begrunnelse").fill("Soverommet må ha et vindu.")
    planner.check("vurdering")
    q.get_by_role("button", name="Lagre avgjørelsen").click()
    assert "endringer ønsket" in q.content()

    # the family reads the thread and adds the window: a new version without the finding
    p.get_by_role("link", name="Vurdering", exact=True).click()
    assert "trenger et vindu" in p.content() and "endringer ønsket" in p.content()
    family.check("tilbakemelding")
    p.get_by_role("link", name="Plantegning", exact=True).click()
    p.get_by_role("link", name=bedroom, exact=True).click()
    p.get_by_label("Bredde på glasset (m)").fill("1,2")
    p.get_by_label("Høyde på glasset (m)").fill("1,3")
    family.check("rom")
    p.get_by_role("button", name="Legg til vinduet").click()
    assert "Vinduet er lagt til." in p.content()
    p.get_by_role("link", name="Versjoner", exact=True).click()
    family.check("versjoner")
    p.get_by_role("button", name="Sammenlign").click()
    assert "Funn som forsvant" in p.content() and "room.window-missing" in p.content()
    family.check("sammenlign")

    # the contractor joins and downloads
    contractor = visitor("3-entreprenor")
    r = contractor.page
    r.goto(links["contractor"])
    r.get_by_role("link", name="Opprett en konto").click()
    _register(contractor, "Ola Bygg", "ola@bygg.no")
    r.get_by_role("button", name="Bli med i prosjektet").click()
    r.get_by_role("link", name="Nedlastinger", exact=True).click()
    contractor.check("nedlastinger")
    with r.expect_download() as info:
        r.get_by_role("link", name=re.compile("JSON")).click()
    saved = tmp_path / "lastet-ned.plan.json"
    info.value.save_as(saved)
    from planner import model

    downloaded = model.loads(saved.read_bytes())
    assert any(w.room for w in downloaded.buildings[0].windows)
    if r.get_by_role("link", name=re.compile("DXF")).count():
        with r.expect_download() as info:
            r.get_by_role("link", name=re.compile("DXF")).click()
        dxf = tmp_path / "plan.dxf"
        info.value.save_as(dxf)
        import ezdxf

        assert len(ezdxf.readfile(dxf).modelspace()) > 10
    r.get_by_role("link", name="Oversikt", exact=True).click()
    contractor.check("oversikt")
    assert r.get_by_role("link", name="Husstand", exact=True).count() == 0


def test_every_form_of_the_family_works_by_keyboard_alone(visitor):
    v = visitor("4-tastatur")
    p = v.page
    v.go("/konto/registrer")

    def tab_to(selector: str, limit: int = 80) -> None:
        target = p.locator(selector).first.element_handle()
        for _ in range(limit):
            p.keyboard.press("Tab")
            if p.evaluate("(el) => document.activeElement === el", target):
                return
        pytest.fail(f"{selector} cannot be reached with Tab")

    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.className") == "skip-link"
    p.keyboard.press("Enter")
    for selector, text in (("#name", "Tastatur Bruker"), ("#email", "tast@example.no"),
                           ("#password", PASSWORD), ("#confirm", PASSWORD)):
        tab_to(selector)
        p.keyboard.type(text)
    p.keyboard.press("Enter")
    p.wait_for_url(lambda url: urlsplit(url).path == "/")
    tab_to("a[href='/prosjekt/ny']")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile("/prosjekt/ny"))
    for selector, text in (("#name", "Tastaturprosjektet"), ("#municipality", "Bergen"),
                           ("#household", "Familien Tast")):
        tab_to(selector)
        p.keyboard.type(text)
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile("/husstand"))
    assert p.locator("h1").inner_text() == "Husstanden", p.content()[:3000]
    tab_to("button[value='add:members']")
    with p.expect_navigation():
        p.keyboard.press("Enter")
    tab_to("#members-1-role")
    p.keyboard.press("ArrowDown")  # adult -> child
    tab_to("#members-1-age")
    p.keyboard.type("5")
    tab_to("#accessible-0")  # a radio group is one Tab stop; arrows choose within it
    p.keyboard.press("ArrowDown")
    assert p.locator("#accessible-1").is_checked()
    tab_to("button.button:not(.button--secondary):not(.button--small)")
    assert "Lagre husstanden" in p.evaluate("document.activeElement.textContent")
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert "Husstanden er lagret." in p.content()
    tab_to("a[href$='/tomt']")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile("/tomt"))
    tab_to("#corners")
    p.keyboard.type("0 0\n20 0\n20 30\n0 30")
    tab_to("#max_bya_percent")
    p.keyboard.type("25")
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert "Tomten er lagret." in p.content()
    v.check("tastatur-tomt")
    tab_to("#corners")
    style = p.evaluate("[getComputedStyle(document.activeElement).outlineStyle, "
                       "getComputedStyle(document.activeElement).outlineWidth]")
    assert style[0] != "none" and style[1] != "0px"  # the focus is visible


def test_two_tabs_saving_the_same_version_shows_someone_saved_in_between_and_keeps_the_input(visitor):
    v = visitor("7-samtidig")
    p = v.page
    v.go("/konto/registrer")
    _register(v, "Samtidig Familie", "samtidig@example.no")
    p.get_by_role("link", name="Start et nytt prosjekt").click()
    p.get_by_label("Navn på prosjektet").fill("To faner")
    p.get_by_label("Kommune").fill("Tønsberg")
    p.get_by_label("Navn på husstanden").fill("Familien Fane")
    p.get_by_role("button", name="Start prosjektet").click()
    other = v.context.new_page()
    other.goto(p.url)
    p.get_by_label("Hva er viktigst for dere i det nye hjemmet?").fill("Skrevet i første fane")
    p.get_by_role("button", name="Lagre husstanden").click()
    assert "Husstanden er lagret." in p.content()
    other.get_by_label("Hva er viktigst for dere i det nye hjemmet?").fill("Skrevet i andre fane")
    other.get_by_role("button", name="Lagre husstanden").click()
    assert other.get_by_role("heading", name="Noen lagret i mellomtiden").is_visible()
    kept = other.get_by_label("Hva er viktigst for dere i det nye hjemmet?").input_value()
    assert kept == "Skrevet i andre fane"
    v.page = other
    v.check("noen-lagret-i-mellomtiden")
    other.get_by_role("button", name="Lagre husstanden").click()
    assert "Husstanden er lagret." in other.content()
