"""Real Chromium (Debian's) driving the app on a live server; axe-core from node_modules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from browser_support import ARTIFACTS, AXE, CHROMIUM_ARGS, ROOT, Visitor, browser_app, serving  # noqa: F401


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
    app = browser_app(tmp_path)
    with serving(app) as url:
        yield Server(url, app)


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
