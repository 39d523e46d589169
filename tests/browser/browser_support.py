"""What the browser tests share: where axe-core and the screenshots are, how Chromium is started,
and :class:`Visitor`. A module of its own (not ``conftest``), so a test file can import it by a name
no other folder's conftest shadows."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
