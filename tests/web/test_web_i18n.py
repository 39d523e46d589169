"""Norwegian Bokmål and English: complete catalogues, every page in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUES = ROOT / "planner" / "translations"
METHODS = [("planner/web/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}


def _used_messages() -> set[object]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=METHODS, keywords=KEYWORDS):
        if isinstance(message, tuple):
            found.add(tuple(m for m in message if m))
        else:
            found.add(message)
    return {m for m in found if m}


def _catalogue(lang: str):
    with (CATALOGUES / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_every_message_in_the_code_and_templates_has_a_bokmal_translation():
    nb = _catalogue("nb")
    translated = {(m.id if isinstance(m.id, str) else tuple(m.id)) for m in nb
                  if m.id and not m.fuzzy and (m.string if isinstance(m.string, str) else all(m.string))}
    missing = sorted(str(m) for m in _used_messages() - translated)
    assert missing == []


def test_bokmal_translations_keep_every_placeholder():
    for m in _catalogue("nb"):
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        wanted = set(re.findall(r"%\(\w+\)[sd]", ids[0]))
        for s in strings:
            assert set(re.findall(r"%\(\w+\)[sd]", s)) == wanted, m.id


def test_the_catalogues_are_compiled_into_the_instance_folder_when_the_app_starts(app):
    compiled = Path(app.instance_path) / "translations" / "nb" / "LC_MESSAGES" / "messages.mo"
    assert compiled.exists() and compiled.stat().st_size > 1000


PAGES = ["/", "/prosjekt/ny", "/prosjekt/{p}/", "/prosjekt/{p}/husstand", "/prosjekt/{p}/rombehov",
         "/prosjekt/{p}/tomt", "/prosjekt/{p}/plantegning", "/prosjekt/{p}/plantegning/last-opp",
         "/prosjekt/{p}/plantegning/forslag", "/prosjekt/{p}/versjoner", "/prosjekt/{p}/sammenlign?a=1&b=2",
         "/prosjekt/{p}/vurdering", "/prosjekt/{p}/medlemmer", "/prosjekt/{p}/last-ned",
         "/prosjekt/{p}/rom/{r}",
         "/konto/finnes-ikke"]
NB_ONLY = ("Logg ut", "Hopp til hovedinnholdet", "Sjekkene følger")
EN_ONLY = ("Log out", "Skip to main content", "The checks follow")
NB_PROJECT = ("Oversikt", "Husstand", "Versjoner")
EN_PROJECT = ("Overview", "Household", "Versions")


@pytest.mark.parametrize("lang, present, absent", [("nb", NB_ONLY, EN_ONLY), ("en", EN_ONLY, NB_ONLY)])
def test_every_page_renders_in_both_languages(app, client, auth, team, lang, present, absent):
    project_present, project_absent = (NB_PROJECT, EN_PROJECT) if lang == "nb" else (EN_PROJECT, NB_PROJECT)
    from planner.web import services

    with app.app_context():
        room = services.plan_of(services.latest(team.project_id)).buildings[0].rooms[0].id
    auth.login(team.emails["family"])
    client.post("/sprak", data={"lang": lang, "next": "/"})
    for page in PAGES:
        response = client.get(page.format(p=team.project_id, r=room))
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 404), page
        assert f'<html lang="{lang}">' in html, page
        for text in present:
            assert text in html, (page, text)
        for text in absent:
            assert text not in html, (page, text)
        if page.startswith("/prosjekt/{p}"):
            assert all(t in html for t in project_present) and not any(t in html for t in project_absent)


def test_the_browser_language_is_used_until_the_user_chooses(client):
    english = client.get("/", headers={"Accept-Language": "en-GB,en"}).get_data(as_text=True)
    assert '<html lang="en">' in english
    assert '<html lang="nb">' in client.get("/", headers={"Accept-Language": "nb-NO,nb;q=0.9"}
                                            ).get_data(as_text=True)
    assert '<html lang="nb">' in client.get("/").get_data(as_text=True)


def test_findings_are_shown_in_the_language_of_the_page(app, client, auth, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import User

    with app.app_context():
        plan = services.plan_of(services.latest(team.project_id))
        plan.buildings[0].windows = []
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        report = services.save_plan(team.project_id, plan, family, "uten vinduer", 2).report
    finding = next(f for f in report["findings"] if f["rule"] == "room.window-missing")
    auth.login(team.emails["family"])
    import html as html_lib

    nb_page = client.get(f"/prosjekt/{team.project_id}/plantegning").get_data(as_text=True)
    assert html_lib.escape(finding["messages"]["nb"]) in nb_page
    client.post("/sprak", data={"lang": "en", "next": "/"})
    en_page = client.get(f"/prosjekt/{team.project_id}/plantegning").get_data(as_text=True)
    assert html_lib.escape(finding["messages"]["en"]) in en_page
    assert html_lib.escape(finding["messages"]["nb"]) not in en_page
