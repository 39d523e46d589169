"""What the browser tests share: where axe-core and the screenshots are, how Chromium is started,
and :class:`Visitor`. A module of its own (not ``conftest``), so a test file can import it by a name
no other folder's conftest shadows."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# a full-page screenshot costs about as much as the axe-core run: taken of every checked page only
# when PLANNER_SCREENSHOTS=1, and always of a page that fails its check
SCREENSHOTS = os.environ.get("PLANNER_SCREENSHOTS") == "1"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shot(page, name: str, full_page: bool = True, always: bool = False) -> None:
    """A screenshot into test-artifacts/ (see ``SCREENSHOTS``)."""
    if SCREENSHOTS or always:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def serious_violations(page) -> list[dict]:
    """axe-core run on the page as it is (loaded into it first when missing): its serious and critical
    violations, each with its rule, impact, help text and up to five of its nodes."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


class Visitor:
    """One person's browser: checks every page with axe-core, takes screenshots, notes CSP errors."""

    def __init__(self, browser, base: str, name: str, locale: str = "nb-NO") -> None:
        self.context = browser.new_context(locale=locale, accept_downloads=True,
                                           viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base, self.name = base, name
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.checked: list[str] = []
        ARTIFACTS.mkdir(exist_ok=True)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def check(self, label: str) -> list[dict]:
        """Run axe-core on the page, screenshot it; returns serious and critical violations."""
        self.page.wait_for_load_state("load")
        bad = serious_violations(self.page)
        csp = [c for c in self.console if "Content Security Policy" in c]
        if SCREENSHOTS or bad or csp:
            shot(self.page, f"{self.name}-{len(self.checked):02d}-{label}")
        self.checked.append(self.page.url)
        assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)
        assert csp == []
        return bad

    def close(self) -> None:
        self.context.close()


SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
TEAM_PASSWORD = "et-godt-passord-123"


def browser_app(tmp_path: Path):
    """The app as a person meets it (CSRF on), on its own SQLite database with the migrated schema."""
    from app_support import TEST_PASSWORD_HASH, migrated_sqlite

    from planner.web import create_app

    return create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": migrated_sqlite(tmp_path / "b.sqlite"),
                       "INSTANCE_PATH": str(tmp_path / "instance"),
                       "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH})


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve ``app`` from a thread on a free port; yields its base URL and stops it afterwards."""
    from planner.web.extensions import db

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)
        httpd.server_close()
        with app.app_context():
            db.engine.dispose()


def sample_team(app, others: dict[str, tuple[str, str]], contributions: bool = True) -> None:
    """The sample plan as project 1 of a family member, Amina Haugen (amina@example.no), with
    ``others`` as members: e-mail -> (name, role). Everyone's password is ``TEAM_PASSWORD``."""
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    plan = model.loads(SAMPLE.read_bytes())
    if not contributions:
        plan.households[0].contributions = []
    plan.households[0].members[0].name = "Amina"
    with app.app_context():
        family = services.register("amina@example.no", "Amina Haugen", TEAM_PASSWORD)
        project = services.create_project(family, plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, family, "sample", 1)
        for email, (name, role) in others.items():
            user = services.register(email, name, TEAM_PASSWORD)
            db.session.add(Membership(project_id=project.id, user_id=user.id, role=role))
        db.session.commit()
        assert project.id == 1


def login(v: Visitor, email: str, password: str = TEAM_PASSWORD, then: str = "/prosjekt/1/") -> None:
    """Log in through the page, as a person does, and open ``then``."""
    v.go("/konto/logg-inn")
    v.page.get_by_label("E-postadresse").fill(email)
    v.page.get_by_label("Passord").fill(password)
    v.page.get_by_role("button", name="Logg inn").click()
    v.page.wait_for_load_state("load")
    v.go(then)


def narrow(v: Visitor, label: str) -> None:
    """The same page at 390 px: checked with axe-core, screenshotted, and nothing wider than the screen."""
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.reload()
    v.check(f"{label}-390")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 390
    v.page.set_viewport_size({"width": 1280, "height": 900})
    v.page.reload()
