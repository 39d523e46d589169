"""Real Chromium (Debian's) driving the app on a live server; axe-core from node_modules."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from browser_support import ARTIFACTS, AXE, CHROMIUM_ARGS, ROOT, Visitor  # noqa: F401
from werkzeug.serving import make_server


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
def playwright():
    """One Playwright per test process: the sync API cannot run two at once in one thread, so every
    browser a test needs (the shared one, the WebGL one of the 3D view) is launched from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    b = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield b
    b.close()


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
