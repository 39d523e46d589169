"""Hypothesis: every rule gives the same findings for a plan, the plan turned by any angle, moved to
UTM coordinates (e=567890, n=6545678), rounded to the millimetre, and with either order of each
door's two room ids (RULES.md: matched within the tolerance, symmetric in its inputs)."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from factories import building, house, load, make_room, rect, room
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.model import OUTSIDE
from planner.rules import check

Doc = dict[str, Any]
UTM = (567890.0, 6545678.0)


def _faulty_house() -> Doc:
    """The example house with a finding of many rules, none near its limit."""
    doc = house()
    b = building(doc)
    b["doors"][0]["width_m"] = 0.8                                   # access.door-width
    b["doors"][2]["at"] = [16.4, 9.4]                                # access.door-fits-wall
    b["windows"][1].update(width_m=1.0, height_m=1.0)                # room.daylight
    b["windows"][2]["at"] = [13.1, 19.0]                             # room.window-off-wall
    room(doc, "r-bod")["polygon"] = rect(20, 15, 22, 18.2)           # room.uncovered
    b["rooms"].append(make_room("r-kontor", "office", rect(8, 10, 9, 10.5)))    # no exterior wall
    doc["plot"]["regulation"]["max_bya_percent"] = 20                # plot.bya
    doc["plot"]["boundary"] = [[0, 0], [30, 0], [25, 28], [0, 28]]   # neighbour distance on a slant
    b["levels"] = [{"storey": 1, "ceiling_m": 2.3}]                  # room.ceiling-height
    room(doc, "r-bad")["fixtures"] = [{"kind": "bath", "polygon": rect(17.7, 16.3, 19.9, 17.5)}]
    b["doors"][1]["swing_into"] = "r-entre"
    return doc


def _site_house() -> Doc:
    """The house on sloping ground with a roof, roads, neighbours, parking and a garage of another home."""
    doc = house()
    reg = doc["plot"]["regulation"]
    del reg["road_distance_m"], reg["neighbour_distance_m"]
    reg["max_mone_m"] = 8.0
    reg["min_outdoor_m2"] = 150.0
    doc["plot"]["terrain"] = [[0, 0, 10.0], [30, 0, 10.5], [0, 28, 11.4], [30, 28, 12.0], [15, 14, 11.0]]
    doc["plot"]["roads"] = [{"edge": 0, "kind": "municipal", "centreline": [[-10, -5], [40, -5]]}]
    doc["plot"]["parking"] = [rect(1, 1, 3.5, 6)]
    doc["plot"]["outdoor"] = [{"polygon": rect(0, 20, 8, 28), "household": "haugen"}]
    doc["plot"]["neighbours"] = {"plots": [], "buildings": [{"footprint": rect(-9, 10, -2, 16),
                                                             "gesims_m": 5}]}
    b = building(doc)
    b.update(storeys=2, roof={"type": "gable", "pitch_deg": 35, "ridge_along": 0})
    b.pop("gesims_m"), b.pop("mone_m")
    room(doc, "r-bod").update(type="stair", stair={"from": 1, "to": 2, "width_m": 0.75, "risers": 12,
                                                   "walk": [[21, 15.4], [21, 18.6]]})
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    doc["buildings"].append({"id": "G", "kind": "garage", "belongs_to": "lie",
                             "footprint": rect(23.5, 21, 27.5, 27), "storeys": 1, "rooms": [],
                             "gesims_m": 2.5, "mone_m": 3.5})
    return doc


BASES = {"faulty": _faulty_house, "site": _site_house}


def _turn(doc: Doc, angle_deg: float, dx: float, dy: float, mm: bool) -> Doc:
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)

    def pt(p: list[float]) -> list[float]:
        x, y = float(p[0]), float(p[1])
        q = [c * x - s * y + dx, s * x + c * y + dy]
        return [round(v, 3) for v in q] if mm else q

    def poly(coords: list) -> list:
        return [pt(p) for p in coords]

    out = copy.deepcopy(doc)
    plot = out["plot"]
    plot["boundary"] = poly(plot["boundary"])
    if "terrain" in plot:
        plot["terrain"] = [pt(p[:2]) + [p[2]] for p in plot["terrain"]]
    for r in plot.get("roads", []):
        if r.get("centreline"):
            r["centreline"] = poly(r["centreline"])
    if "parking" in plot:
        plot["parking"] = [poly(p) for p in plot["parking"]]
    for o in plot.get("outdoor", []):
        o["polygon"] = poly(o["polygon"])
    for nb in plot.get("neighbours", {}).get("buildings", []):
        nb["footprint"] = poly(nb["footprint"])
    for b in out["buildings"]:
        b["footprint"] = poly(b["footprint"])
        for r in b["rooms"]:
            r["polygon"] = poly(r["polygon"])
            for f in r.get("fixtures", []):
                f["polygon"] = poly(f["polygon"])
            if r.get("stair", {}).get("walk"):
                r["stair"]["walk"] = poly(r["stair"]["walk"])
        for d in b.get("doors", []):
            d["at"] = pt(d["at"])
        for w in b.get("windows", []):
            w["at"] = pt(w["at"])
    return out


def _swap_doors(doc: Doc, flips: list[bool]) -> Doc:
    """Each door's ids reversed where asked; its leaf keeps opening into the same room."""
    out = copy.deepcopy(doc)
    doors = [d for b in out["buildings"] for d in b.get("doors", [])]
    for d, flip in zip(doors, flips, strict=False):
        if flip:
            a, b = d["rooms"]
            if "swing_into" not in d:
                d["swing_into"] = a if b == OUTSIDE else b
            d["rooms"] = [b, a]
    return out


def _findings(doc: Doc) -> dict[tuple[str, str, str], tuple[float | None, float | None]]:
    report = check(load(doc))
    out = {}
    for f in report.findings:
        out[(f.rule, f.severity, f.subject, f.key)] = (f.measured, f.limit)
    return out, report


def _same(base: Doc, moved: Doc) -> None:
    want, rb = _findings(base)
    got, rm = _findings(moved)
    assert set(got) == set(want)
    for k, (m, lim) in want.items():
        gm, gl = got[k]
        for a, b in ((m, gm), (lim, gl)):
            if a is None:
                assert b is None
            else:
                assert b == pytest.approx(a, abs=0.05, rel=2e-3), k
    for k, v in rb.summary.items():
        assert rm.summary[k] == pytest.approx(v, abs=0.05, rel=1e-4), k


def test_the_bases_trigger_many_rules():
    for name, make in BASES.items():
        found, _ = _findings(make())
        assert len({k[0] for k in found}) >= 8, (name, sorted(found))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(sorted(BASES)), angle=st.floats(0, 360, allow_nan=False),
       utm=st.booleans(), mm=st.booleans(), flips=st.lists(st.booleans(), min_size=12, max_size=12))
# found by this test: GEOS's difference gave a room along the outline back whole (26.1 m² outside)
@example(base="faulty", angle=129.46875, utm=False, mm=False, flips=[False] * 12)
def test_every_rule_gives_the_same_findings_turned_moved_rounded_and_reordered(base, angle, utm, mm, flips):
    doc = BASES[base]()
    dx, dy = UTM if utm else (0.0, 0.0)
    moved = _swap_doors(_turn(doc, angle, dx, dy, mm), flips)
    _same(doc, moved)


@pytest.mark.parametrize("angle", [10.0, 45.0, 137.5])
def test_the_example_house_passes_turned_in_utm_and_rounded(angle):
    doc = _turn(house(), angle, *UTM, mm=True)
    report = check(load(doc))
    assert report.ok and report.findings == []
