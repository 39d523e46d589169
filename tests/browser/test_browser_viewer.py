"""The 3D view in real Chromium (WebGL by SwiftShader): every sample loads, orbits by mouse, touch and
keyboard, shows the house without its roof with the rooms named, and the page stays axe-clean."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from browser_support import ARTIFACTS, CHROMIUM_ARGS, Visitor, shot
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = sorted((ROOT / "layouts").glob("*.json"))
VENDOR = ROOT / "static" / "vendor" / "three"
PASSWORD = "et-godt-passord-123"
GEOREFERENCED = "skjev-tomt"
"""The sample given map coordinates, a sloping terrain and two neighbour buildings in the test."""
GL_ARGS = [a for a in CHROMIUM_ARGS if a != "--disable-gpu"] + [
    "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"]


@pytest.fixture(scope="module")
def gl_browser(playwright):
    """Chromium with WebGL through SwiftShader (the shared fixture turns the GPU off)."""
    for name in ("three.module.js", "three.core.js", "OrbitControls.js"):
        if not (VENDOR / name).exists():
            pytest.fail(f"static/vendor/three/{name} is missing: run `make vendor` (make test does)")
    b = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=GL_ARGS)
    yield b
    b.close()


@pytest.fixture
def projects(server):
    """One project per sample plan in layouts/, all of one family member."""
    from planner import model
    from planner.web import services

    with server.app.app_context():
        user = services.register("familie@example.no", "Familie", PASSWORD)
        out = {}
        for path in LAYOUTS:
            plan = model.loads(path.read_bytes())
            if path.stem == GEOREFERENCED:
                doc = model.to_dict(plan)
                doc["origin"] = {"crs": "EPSG:25832", "e": 597000.0, "n": 6643000.0}
                doc["plot"]["terrain"] = [[0, 0, 10.0], [40, 0, 10.5], [0, 40, 13.0], [40, 40, 13.5]]
                doc["plot"]["neighbours"] = {"buildings": [
                    {"footprint": [[-14, 4], [-4, 4], [-4, 12], [-14, 12]], "gesims_m": 5.5, "mone_m": 8.0},
                    {"footprint": [[34, 10], [44, 10], [44, 18], [34, 18]], "gesims_m": 3.0}]}
                plan = model.from_dict(doc)
            project = services.create_project(user, plan.project.name, plan.project.municipality,
                                              plan.households[0].name)
            services.save_plan(project.id, plan, user, "eksempel", 1)
            out[path.stem] = project.id
        return out


def _login(page, base: str) -> None:
    page.goto(base + "/konto/logg-inn")
    page.locator("#email").fill("familie@example.no")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#password").press("Enter")


def _canvas(page) -> Image.Image:
    return Image.open(io.BytesIO(page.locator(".viewer3d-canvas").screenshot())).convert("RGB")


def _not_blank(img: Image.Image) -> None:
    """Many colours, and a good share of the pixels unlike the sky behind the model."""
    px = np.asarray(img.resize((160, 120)), dtype=int).reshape(-1, 3)
    colours = len(np.unique(px, axis=0))
    sky = np.array([0xdf, 0xe9, 0xf3])
    other = int((np.abs(px - sky).max(axis=1) > 12).sum())
    assert colours > 40, colours
    assert other > 0.15 * len(px), other


def _changed(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels that differ clearly between two pictures of the canvas."""
    diff = np.asarray(ImageChops.difference(a, b).convert("L"))
    return float((diff > 24).mean())


def _turned(page, before: str | None) -> None:
    """Wait until the view's azimuth differs from ``before``."""
    script = "document.querySelector('.viewer3d-canvas').dataset.azimuth !== " + json.dumps(before)
    page.wait_for_function(script)


def _ready(page) -> None:
    page.wait_for_selector(".viewer3d-canvas[data-state=ready]", timeout=30000)


@pytest.mark.parametrize("sample", [p.stem for p in LAYOUTS])
def test_the_3d_view_loads_orbits_and_shows_the_rooms_without_the_roof(gl_browser, server, projects,
                                                                       sample: str) -> None:
    visitor = Visitor(gl_browser, server.url, f"viewer-{sample}")
    page = visitor.page
    try:
        _login(page, server.url)
        visitor.go(f"/prosjekt/{projects[sample]}/")
        _ready(page)
        page.locator(".viewer3d").scroll_into_view_if_needed()
        # a midsummer evening: the sun low in the west-north-west, long shadows to the east
        page.locator("[data-opt=date]").fill("2026-06-21")
        page.locator("[data-opt=date]").dispatch_event("change")
        page.locator("[data-opt=time]").fill("19")
        assert float(page.locator(".viewer3d-canvas").get_attribute("data-sun-elevation")) > 5
        first = _canvas(page)
        _not_blank(first)
        first.save(ARTIFACTS / f"viewer-{sample}.png")
        # orbit with the mouse: drag across the canvas
        box = page.locator(".viewer3d-canvas").bounding_box()
        before = page.locator(".viewer3d-canvas").get_attribute("data-azimuth")
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.5, steps=8)
        page.mouse.up()
        _turned(page, before)
        turned = _canvas(page)
        assert _changed(first, turned) > 0.02
        # without the roof, the rooms of the top floor are named over the model
        page.get_by_label("Vis uten tak, med romnavnene").check()
        assert page.locator(".viewer3d-canvas").get_attribute("data-roof") == "hidden"
        labels = page.locator(".viewer3d-label:not([hidden])")
        assert labels.count() >= 3
        open_top = _canvas(page)
        assert _changed(turned, open_top) > 0.005
        shot(page, f"viewer-{sample}-uten-tak", full_page=False)
        place = page.locator("[data-out=place]").text_content()
        if sample == GEOREFERENCED:
            assert "fra planens kartkoordinater" in place and "59,91" in place
        else:
            assert "Oslo" in place
        visitor.check(f"viewer-{sample}")
    finally:
        visitor.close()


def test_touch_keyboard_buttons_one_floor_and_the_sun(gl_browser, server, projects) -> None:
    context = gl_browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844}, has_touch=True,
                                     is_mobile=True, device_scale_factor=1)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    try:
        _login(page, server.url)
        page.goto(f"{server.url}/prosjekt/{projects['enebolig-to-etasjer']}/plantegning")
        _ready(page)
        canvas = page.locator(".viewer3d-canvas")
        canvas.scroll_into_view_if_needed()
        # usable at 390 px: nothing of the view sticks out sideways
        assert page.evaluate("document.querySelector('.viewer3d').scrollWidth <= "
                             "document.documentElement.clientWidth")
        # a finger drag turns the model (touch events, through OrbitControls' pointer events)
        box = canvas.bounding_box()
        cdp = context.new_cdp_session(page)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = canvas.get_attribute("data-azimuth")
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for k in range(1, 9):
            cdp.send("Input.dispatchTouchEvent",
                     {"type": "touchMove", "touchPoints": [{"x": x - 12 * k, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        _turned(page, before)
        # keyboard on the canvas: an arrow key turns it
        canvas.focus()
        before = canvas.get_attribute("data-azimuth")
        page.keyboard.press("ArrowLeft")
        assert canvas.get_attribute("data-azimuth") != before
        # the buttons do the same
        before = canvas.get_attribute("data-azimuth")
        page.get_by_role("button", name="Snu mot høyre").click()
        assert canvas.get_attribute("data-azimuth") != before
        # one floor at a time: the upper floor alone, without roof, with its rooms named
        page.locator(".viewer3d [data-opt=storey]").select_option("2")
        assert canvas.get_attribute("data-roof") == "hidden"
        assert canvas.get_attribute("data-storey") == "2"
        names = page.locator(".viewer3d-label").all_text_contents()
        assert any("Soverom" in n for n in names)
        # the sun for a summer evening in Norway stands in the west, low; at 02:00 in December it is night
        page.locator("[data-opt=date]").fill("2026-06-21")
        page.locator("[data-opt=date]").dispatch_event("change")
        page.locator("[data-opt=time]").fill("20")
        text = page.locator("[data-out=sun]").text_content()
        assert "vest" in text or "nordvest" in text
        assert 0 < float(canvas.get_attribute("data-sun-elevation")) < 20
        assert "59,9" in page.locator("[data-out=place]").text_content()
        page.locator("[data-opt=date]").fill("2026-12-21")
        page.locator("[data-opt=date]").dispatch_event("change")
        page.locator("[data-opt=time]").fill("2")
        assert "under horisonten" in page.locator("[data-out=sun]").text_content()
        shot(page, "viewer-390px", full_page=False)
        assert [c for c in console if "Content Security Policy" in c] == []
    finally:
        context.close()
