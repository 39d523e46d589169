"""Hypothesis over the upload and form endpoints (issue 11), on SQLite and on PostgreSQL: random
JSON, random GeoJSON and DXF mutations, random text with control characters. Never a 5xx, nothing
stored that breaks a page: every project page answers 200 afterwards."""

from __future__ import annotations

import io
import json
from pathlib import Path

import ezdxf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NASTY = ["1e999", "-1e999", "NaN", "nan", "inf", "", "-", "1" * 400, "\x00", "A" * 50, "0x10", "1e308",
         "-0", "  ", "é", "\u202e"]
JSON_ATOMS = (st.none() | st.booleans() | st.integers(min_value=-10**40, max_value=10**40)
              | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8)
              | st.sampled_from(["\x00", "\u202e", "a" * 300]))
JSON_VALUES = st.recursive(JSON_ATOMS, lambda c: st.lists(c, max_size=4)
                           | st.dictionaries(st.text(max_size=6), c, max_size=4), max_leaves=12)
TEXT = st.lists(st.characters(exclude_categories=("Cs",)) | st.sampled_from(
    ["\x00", "\x01", "\x1b", "\u202e", "\u2066", "\u200f", "\r\n", "<b>", "\"'", "%(x)s"]),
    max_size=20).map("".join)


def _login(app, team):
    client = app.test_client()
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"],
                                                "password": team.password}).status_code == 302
    return client


def _base(app, team) -> int:
    from planner.web import services

    with app.app_context():
        return services.latest(team.project_id).number


def _pages_still_work(client, team) -> None:
    p = f"/prosjekt/{team.project_id}"
    for url in (f"{p}/", f"{p}/husstand", f"{p}/rombehov", f"{p}/tomt", f"{p}/plantegning",
                f"{p}/plantegning/last-opp", f"{p}/versjoner", f"{p}/last-ned", f"{p}/api/sjekk",
                f"{p}/vurdering"):
        r = client.get(url)
        assert r.status_code == 200, url
        if url.endswith("sjekk"):
            json.loads(r.get_data(as_text=True), parse_constant=_refuse)


def _refuse(name):
    raise ValueError(f"{name} is not JSON")


def _put(doc, path, value):
    """``doc`` with the element at ``path`` (a list of choices) replaced by ``value``."""
    target = doc
    for step in path[:-1]:
        if isinstance(target, list) and target:
            target = target[step % len(target)]
        elif isinstance(target, dict) and target:
            target = target[sorted(target)[step % len(target)]]
        else:
            return doc
    if isinstance(target, list) and target:
        target[path[-1] % len(target)] = value
    elif isinstance(target, dict) and target:
        target[sorted(target)[path[-1] % len(target)]] = value
    return doc


def _dumps(doc) -> bytes:
    return json.dumps(doc, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


def test_random_plan_uploads_never_break_a_project(app, team):
    client = _login(app, team)
    base_doc = json.loads(SAMPLE.read_text())

    @FUZZ
    @given(path=st.lists(st.integers(0, 50), min_size=1, max_size=6), value=JSON_VALUES,
           raw=st.booleans(), junk=st.binary(max_size=60))
    def upload(path, value, raw, junk):
        doc = _put(json.loads(json.dumps(base_doc)), path, value)
        body = junk if raw else _dumps(doc)
        r = client.post(f"/prosjekt/{team.project_id}/plantegning/last-opp", data={
            "base_version": _base(app, team), "file": (io.BytesIO(body), "plan.json")},
            content_type="multipart/form-data")
        assert r.status_code in (302, 422), r.status_code

    upload()
    _pages_still_work(client, team)


def test_random_geojson_never_breaks_the_plot_page(app, team):
    client = _login(app, team)
    base_doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Tomt"}, "geometry": {
            "type": "Polygon", "coordinates": [[[0, 0], [30, 0], [30, 25], [0, 25], [0, 0]]]}},
        {"type": "Feature", "properties": {"navn": "Nabo"}, "geometry": {
            "type": "MultiPolygon", "coordinates": [[[[40, 0], [60, 0], [60, 20], [40, 0]]]]}}]}

    @FUZZ
    @given(path=st.lists(st.integers(0, 20), min_size=1, max_size=8), value=JSON_VALUES)
    def upload(path, value):
        body = _dumps(_put(json.loads(json.dumps(base_doc)), path, value))
        r = client.post(f"/prosjekt/{team.project_id}/tomt/last-opp", data={
            "upload-base_version": _base(app, team), "upload-file": (io.BytesIO(body), "tomt.geojson")},
            content_type="multipart/form-data")
        assert r.status_code in (200, 302, 422), r.status_code
        if r.status_code == 200:  # several outlines: choose the first
            import html
            import re

            found = re.search(r'name="candidates" type="hidden" value="([^"]*)"', r.get_data(as_text=True))
            c = client.post(f"/prosjekt/{team.project_id}/tomt/velg", data={
                "base_version": _base(app, team), "candidates": html.unescape(found.group(1)), "choice": 0})
            assert c.status_code in (302, 422), c.status_code

    upload()
    _pages_still_work(client, team)


def _dxf_text() -> str:
    doc = ezdxf.new()
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (20, 0), (20, 15), (0, 15)], close=True, dxfattribs={"layer": "TOMT"})
    msp.add_lwpolyline([(30, 0), (40, 0), (40, 10)], close=True, dxfattribs={"layer": "NABO"})
    s = io.StringIO()
    doc.write(s)
    return s.getvalue()


def test_random_dxf_mutations_never_break_the_plot_page(app, team):
    client = _login(app, team)
    lines = _dxf_text().split("\n")
    entities = next(i for i, line in enumerate(lines) if line.strip() == "ENTITIES")

    @FUZZ
    @given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(NASTY) | TEXT, st.booleans()),
                          min_size=1, max_size=4), near=st.booleans())
    def upload(edits, near):
        mutated = list(lines)
        for where, value, drop in edits:
            i = (entities + where % 200) if near else where % len(mutated)
            i = min(i, len(mutated) - 1)
            if drop:
                del mutated[i]
            else:
                mutated[i] = value
        body = "\n".join(mutated).encode("utf-8", "surrogatepass")
        r = client.post(f"/prosjekt/{team.project_id}/tomt/last-opp", data={
            "upload-base_version": _base(app, team), "upload-file": (io.BytesIO(body), "tomt.dxf")},
            content_type="multipart/form-data")
        assert r.status_code in (200, 302, 422), r.status_code

    upload()
    _pages_still_work(client, team)


def test_random_text_with_control_characters_in_every_form_never_gives_a_5xx(app, team):
    client = _login(app, team)

    @FUZZ
    @given(a=TEXT, b=TEXT, c=TEXT, number=st.sampled_from(NASTY) | TEXT)
    def forms(a, b, c, number):
        p = f"/prosjekt/{team.project_id}"
        posts = [
            ("/prosjekt/ny", {"name": a, "municipality": b, "household": c, "gnr": number}),
            (f"{p}/husstand", {"base_version": _base(app, team), "name": a, "members-0-role": "child",
                               "members-0-age": number, "members-0-name": b, "wishes": c,
                               "accessible": "no"}),
            (f"{p}/rombehov", {"base_version": _base(app, team), "needs-0-type": "bedroom",
                               "needs-0-count": number, "needs-0-min_area_m2": number, "needs-0-wish": a}),
            (f"{p}/tomt", {"base_version": _base(app, team), "corners": f"0 0\n{number} 0\n30 {number}\n{a}",
                           "max_bya_percent": number}),
            (f"{p}/vurdering/kommentar", {"body": a, "version": _base(app, team)}),
        ]
        for url, data in posts:
            r = client.post(url, data=data)
            assert r.status_code < 500, (url, r.status_code)
        fresh = app.test_client()
        for url, data in (("/konto/logg-inn", {"email": a + "@example.no", "password": b}),
                          ("/konto/registrer", {"name": a, "email": b + "@example.no",
                                                "password": "et-passord-1", "confirm": "et-passord-1"})):
            assert fresh.post(url, data=data).status_code < 500, url

    forms()
    _pages_still_work(client, team)
