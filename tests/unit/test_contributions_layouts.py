"""Quantities on every sample layout against figures worked out by hand.

The hand method is plain arithmetic, independent of Shapely: a rectangular room
(axis-aligned) loses half the interior wall on every side, and the exterior wall
too on each side that lies on the footprint's outline; a corner that only touches
an inner corner of an L-shaped footprint loses the square of the exterior wall
there (its perimeter stays). Rooms of other shapes, or with a side only partly on
the outline, are left to the example-house tests.
Areas of plots and footprints come from the shoelace formula.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from factories import DATA

from planner import model
from planner.contributions import WALL_HEIGHT_M, take_off
from planner.rules import check

ROOT = Path(__file__).resolve().parents[2]
PLANS = [*sorted((ROOT / "layouts").glob("*.json")), DATA / "haugen-nanset.plan.json"]
Doc = dict[str, Any]


def _box(coords: list[list[float]]) -> tuple[float, float, float, float] | None:
    pts = {(float(x), float(y)) for x, y in coords}
    xs, ys = sorted({x for x, _ in pts}), sorted({y for _, y in pts})
    if len(pts) != 4 or len(xs) != 2 or len(ys) != 2:
        return None
    return xs[0], ys[0], xs[1], ys[1]


def _walls(b: Doc) -> tuple[float, float]:
    w = b.get("walls") or {}
    return w.get("exterior_m", 0.3), w.get("interior_m", 0.1)


def _on_outline(p: tuple[float, float], q: tuple[float, float], outline: list[list[float]]) -> float:
    """How much of the axis-aligned segment p-q lies on the polygon's outline (0 to 1)."""
    n, along, tol = len(outline), 0.0, 1e-6
    length = abs(q[0] - p[0]) + abs(q[1] - p[1])
    for i in range(n):
        (ax, ay), (bx, by) = outline[i], outline[(i + 1) % n]
        if p[1] == q[1] and abs(ay - p[1]) < tol and abs(by - p[1]) < tol:  # both horizontal
            lo, hi = max(min(ax, bx), min(p[0], q[0])), min(max(ax, bx), max(p[0], q[0]))
        elif p[0] == q[0] and abs(ax - p[0]) < tol and abs(bx - p[0]) < tol:  # both vertical
            lo, hi = max(min(ay, by), min(p[1], q[1])), min(max(ay, by), max(p[1], q[1]))
        else:
            continue
        along += max(0.0, hi - lo)
    return along / length


def _net(room: Doc, b: Doc) -> tuple[float, float, float] | None:
    """(area, perimeter, notch) of the net room by hand, or None when the hand method does not apply."""
    r = _box(room["polygon"])
    if r is None:
        return None
    x0, y0, x1, y1 = r
    ext, inner = _walls(b)
    outline = [[float(x), float(y)] for x, y in b["footprint"]]
    if outline[0] == outline[-1]:
        outline.pop()
    sides = (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)))
    on = [_on_outline(*side, outline) for side in sides]
    if any(1e-6 < o < 1 - 1e-6 for o in on):
        return None
    bottom, right, top, left = (inner / 2 + (ext if o > 0.5 else 0.0) for o in on)
    w, d = x1 - x0 - left - right, y1 - y0 - bottom - top
    corners = {(x0, y0): (0, 3), (x1, y0): (0, 1), (x1, y1): (1, 2), (x0, y1): (2, 3)}
    notches = sum(1 for c, (i, j) in corners.items()
                  if list(c) in outline and on[i] == 0 and on[j] == 0)
    return w * d - notches * ext * ext, 2 * (w + d), notches


def _area(coords: list[list[float]]) -> float:
    """Shoelace formula."""
    pts = coords[:-1] if coords[0] == coords[-1] else coords
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))) / 2


def _home(doc: Doc, hh: str) -> list[tuple[Doc, Doc]]:
    out = []
    for b in doc["buildings"]:
        units = b.get("units")
        ids = ({rid for u in units if u["household"] == hh for rid in u["rooms"]} if units else
               {r["id"] for r in b["rooms"]} if b["household"] == hh else set())
        out += [(b, r) for r in b["rooms"] if r["id"] in ids]
    return out


def _by_hand(unit: str, b: Doc, room: Doc) -> float | None:
    net = _net(room, b)
    if net is None:
        return None
    area, perimeter, _ = net
    doors = sum(x["width_m"] for x in b.get("doors", []) if room["id"] in x["rooms"])
    glass = sum(x["width_m"] * x["height_m"] for x in b.get("windows", []) if x["room"] == room["id"])
    return {"m2_floor": area, "m_skirting": perimeter - doors,
            "m2_wall": perimeter * WALL_HEIGHT_M - doors * 2.1 - glass}[unit]


def _cases() -> list[Any]:
    out = []
    for path in PLANS:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out += [pytest.param(doc, h["id"], id=f"{path.stem}-{h['id']}") for h in doc["households"]]
    return out


CASES = _cases()


def _take_off(doc: Doc, hh: str, *cons: Doc):
    doc = json.loads(json.dumps(doc))
    for h in doc["households"]:
        h["contributions"] = list(cons) if h["id"] == hh else []
    return take_off(model.from_dict(doc), household=hh)


@pytest.mark.parametrize(("doc", "hh"), CASES)
@pytest.mark.parametrize(("task", "unit"), [("lay_flooring", "m2_floor"), ("paint_walls", "m2_wall"),
                                            ("mount_skirting", "m_skirting")])
def test_per_room_quantities_match_the_hand_figures(doc, hh, task, unit):
    home = _home(doc, hh)
    ids = [r["id"] for _, r in home]
    [line] = _take_off(doc, hh, {"id": "x", "task": task, "rooms": ids, "phase": "finishing",
                                 "status": "proposed"})
    hand = {r["id"]: _by_hand(unit, b, r) for b, r in home}
    hand = {k: v for k, v in hand.items() if v is not None}
    if not hand:
        pytest.skip("no room the hand method takes")
    for rid, value in hand.items():
        assert line.quantity.per_room[rid] == pytest.approx(max(value, 0.0), abs=1e-6), rid
    assert line.quantity.value == pytest.approx(sum(line.quantity.per_room.values()))


@pytest.mark.parametrize(("doc", "hh"), CASES)
def test_open_plot_is_the_plot_less_every_footprint_by_hand(doc, hh):
    hand = _area(doc["plot"]["boundary"]) - sum(_area(b["footprint"]) for b in doc["buildings"])
    [line] = _take_off(doc, hh, {"id": "x", "task": "clear_plot", "phase": "before_build",
                                 "status": "proposed"})
    assert line.quantity.value == pytest.approx(hand)


@pytest.mark.parametrize(("doc", "hh"), CASES)
def test_pieces_are_the_kitchens_bedrooms_and_interior_doors_of_the_home(doc, hh):
    home = _home(doc, hh)
    ids = {r["id"] for _, r in home}
    types = [r["type"] for _, r in home]
    doors = {(b["id"], i) for b, _ in home for i, d in enumerate(b.get("doors", []))
             if "outside" not in d["rooms"] and ids & set(d["rooms"])}
    cons = [{"id": t, "task": t, "phase": "finishing", "status": "proposed"}
            for t in ("assemble_kitchen", "assemble_wardrobes", "mount_interior_doors", "build_terrace")]
    got = {ln.contribution.id: ln.quantity.value for ln in _take_off(doc, hh, *cons)}
    assert got == {"assemble_kitchen": types.count("kitchen"), "assemble_wardrobes": types.count("bedroom"),
                   "mount_interior_doors": len(doors), "build_terrace": 1}


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_the_sample_contributions_break_no_contribution_rule(path):
    plan = model.loads(path.read_text(encoding="utf-8"))
    assert [f.rule for f in check(plan).findings if f.group == "contribution"] == []
    assert all(line.quantity is not None for line in take_off(plan))
