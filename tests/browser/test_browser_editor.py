"""The plan and plot editor in Debian's Chromium: mouse, touch and keyboard, undo, save, live checks."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "et-godt-passord-123"
DEMO = ROOT / "planner" / "web" / "data" / "demo.plan.json"


def _project(server, plan_doc: dict | None = None, role: str = "family") -> int:
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    with server.app.app_context():
        family = services.register("familie@example.no", "Familie", PASSWORD)
        plan = model.from_dict(plan_doc) if plan_doc else model.loads(DEMO.read_bytes())
        project = services.create_project(family, plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, family, "eksempel", 1)
        if role != "family":
            other = services.register(f"{role}@example.no", role.capitalize(), PASSWORD)
            db.session.add(Membership(project_id=project.id, user_id=other.id, role=role))
            db.session.commit()
        return project.id


def _login(v, email: str = "familie@example.no") -> None:
    v.go("/konto/logg-inn")
    v.page.locator("#email").fill(email)
    v.page.locator("#password").fill(PASSWORD)
    with v.page.expect_navigation():
        v.page.locator("#password").press("Enter")


def _open_editor(v, project_id: int) -> None:
    v.go(f"/prosjekt/{project_id}/plantegning")
    v.page.wait_for_selector("#editor[data-ready=true]", state="attached")


def _edits(page) -> int:
    return int(page.locator("#editor").get_attribute("data-edits") or 0)


def _until(page, js: str, timeout_s: float = 10.0) -> None:
    """Wait until ``js`` is true in the page (polled: the page's CSP forbids wait_for_function's eval)."""
    end = time.monotonic() + timeout_s
    while not page.evaluate(js):
        assert time.monotonic() < end, js
        time.sleep(0.02)


def _wait_edit(page, before: int, root: str = "editor") -> None:
    _until(page, f"Number(document.getElementById('{root}').dataset.edits || 0) > {before} "
                 f"&& !document.getElementById('{root}').editor.busy")


def _plan(page, root: str = "editor") -> dict:
    return page.evaluate(f"document.getElementById('{root}').editor.history.current.plan")


def _room(plan: dict, room_id: str) -> dict:
    return next(r for b in plan["buildings"] for r in b["rooms"] if r["id"] == room_id)


def _px_per_m(page, svg: str = "#ed-svg") -> float:
    return page.evaluate(f"document.querySelector('{svg}').getScreenCTM().a")


def _centre(page, selector: str, along: float = 0.5) -> tuple[float, float]:
    """A point ``along`` the element's box (0.5: its middle; doors often sit in a wall's middle)."""
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] * along, box["y"] + box["height"] * along


def _area_label(page, room_id: str) -> str:
    return page.locator(f'#ed-svg [data-key="room:{room_id}"] text').first.text_content()


def _drag(page, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    for i in range(1, steps + 1):
        t = i / steps
        page.mouse.move(start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
    page.mouse.up()


def test_dragging_a_wall_with_the_mouse_changes_areas_and_findings_and_undo_redo_bring_it_back(
        server, visitor):
    pid = _project(server)
    v = visitor("editor-mouse")
    _login(v)
    _open_editor(v, pid)
    page = v.page
    before_label = _area_label(page, "r-gang")
    assert page.locator('#ed-findings [data-rule="room.min-area"]').count() == 0
    # The wall between the hall and the bedrooms: drag it 2 m north, the bedrooms get shallow.
    wall = '#ed-svg [data-key="wall:r-sov2:0"]'
    x, y = _centre(page, wall, 0.25)
    scale = _px_per_m(page)
    n = _edits(page)
    _drag(page, (x, y), (x, y - 2.0 * scale))
    _wait_edit(page, n)
    plan = _plan(page)
    assert _room(plan, "r-sov2")["polygon"][0][1] == pytest.approx(17.0, abs=0.06)
    assert _room(plan, "r-gang")["polygon"][2][1] == pytest.approx(17.0, abs=0.06)
    assert _area_label(page, "r-gang") != before_label
    assert page.locator('#ed-findings [data-rule="room.min-area"][data-subject="room:r-sov2"]').count() == 1
    assert "room.min-area" in page.locator('#ed-svg [data-key="room:r-sov2"]').get_attribute("data-rules")
    assert page.locator("#editor").get_attribute("data-dirty") == "true"
    page.screenshot(path=str(ARTIFACTS / "editor-desktop-after-drag.png"), full_page=False)
    page.locator("[data-action=undo]").click()
    assert _room(_plan(page), "r-sov2")["polygon"][0][1] == 15
    assert page.locator('#ed-findings [data-rule="room.min-area"]').count() == 0
    assert _area_label(page, "r-gang") == before_label
    assert page.locator("#editor").get_attribute("data-dirty") == "false"
    page.keyboard.press("Control+Shift+Z")
    assert _room(_plan(page), "r-sov2")["polygon"][0][1] == pytest.approx(17.0, abs=0.06)
    assert page.locator('#ed-findings [data-rule="room.min-area"]').count() >= 1
    page.keyboard.press("Control+z")
    assert _room(_plan(page), "r-sov2")["polygon"][0][1] == 15


def test_a_drag_past_the_limit_stops_there_and_the_saved_plan_keeps_its_doors_on_their_walls(server, visitor):
    pid = _project(server)
    v = visitor("editor-limit")
    _login(v)
    _open_editor(v, pid)
    page = v.page
    # Soverom 1's east wall dragged 2.5 m west: its door to the hall (at x 10.5, 0.9 m) stops it.
    x, y = _centre(page, '#ed-svg [data-key="wall:r-sov1:1"]', 0.3)
    n = _edits(page)
    _drag(page, (x, y), (x - 2.5 * _px_per_m(page), y))
    _wait_edit(page, n)
    east = _room(_plan(page), "r-sov1")["polygon"][1][0]
    assert 10.85 <= east <= 11.0
    assert page.locator("#ed-alert").inner_text().strip() != ""
    with page.expect_response(lambda r: "/api/lagre" in r.url):
        page.locator("[data-action=save]").click()
    _until(page, "document.getElementById('editor').dataset.dirty === 'false'")
    from planner.web import services

    with server.app.app_context():
        saved = services.latest(pid)
        assert saved.number == 3
        assert [f for f in saved.report["findings"] if f["rule"] == "access.door-off-wall"] == []
        assert _room(json.loads(saved.body), "r-sov1")["polygon"][1][0] == pytest.approx(east)
