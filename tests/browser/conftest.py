"""Real Chromium (Debian's) driving the app on a live server; axe-core from node_modules."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Server:
    url: str
    app: object


@pytest.fixture
def live_server(server) -> str:
    return server.url


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    """The app with CSRF on, on SQLite, served from a thread on a free port."""
    from planner.web import create_app
    from planner.web.command import upgrade

    app = create_app({"SECRET_KEY": "browser-test", "DATABASE_URL": f"sqlite:///{tmp_path / 'b.sqlite'}",
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    upgrade(app)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(f"http://127.0.0.1:{httpd.server_port}", app)
    httpd.shutdown()
    thread.join(timeout=5)
    httpd.server_close()
    from planner.web.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


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
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.evaluate(AXE.read_text())
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5]}
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        self.page.screenshot(path=str(ARTIFACTS / f"{self.name}-{len(self.checked):02d}-{label}.png"),
                             full_page=True)
        self.checked.append(self.page.url)
        assert bad == [], json.dumps(bad, indent=1, ensure_ascii=False)
        csp = [c for c in self.console if "Content Security Policy" in c]
        assert csp == []
        return bad

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor(browser, live_server):
    made: list[Visitor] = []

    def make(name: str, locale: str = "nb-NO") -> Visitor:
        v = Visitor(browser, live_server, name, locale)
        made.append(v)
        return v

    yield make
    for v in made:
        v.close()
