"""Terrain and derived heights (planner.building.terrain / heights): the one source of heights."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from factories import house, load, transform

from planner.building import heights, terrain
from planner.building.heights import derived_heights, heights_of, roof_frame
from planner.building.terrain import Terrain

SLOPE = [[0, 0, 10.0], [30, 0, 10.0], [0, 28, 12.8], [30, 28, 12.8]]   # rises 0.1 m per m north


@pytest.mark.parametrize("module", [terrain, heights])
def test_docstring_examples_hold(module):
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE).failed == 0


def test_no_spot_heights_is_flat_at_zero():
    t = Terrain(None)
    assert t.is_flat_default
    assert t.height_at(123.0, -4.0) == 0.0
    assert t.mean_along([[0, 0], [5, 0], [5, 5]]) == 0.0


def test_inside_the_hull_the_ground_is_linear_over_the_triangles():
    t = Terrain([[0, 0, 0.0], [10, 0, 10.0], [0, 10, 20.0]])
    assert t.height_at(2, 3) == pytest.approx(2 + 2 * 3)
    assert t.height_at(5, 5) == pytest.approx(15.0)     # on the hull's edge


def test_outside_the_hull_the_nearest_spot_height():
    t = Terrain([[0, 0, 0.0], [10, 0, 10.0], [0, 10, 20.0]])
    assert t.height_at(-5, -1) == 0.0
    assert t.height_at(40, -3) == 10.0
    assert t.height_at(-1, 30) == 20.0


def test_one_or_two_spot_heights():
    assert Terrain([[3, 3, 7.5]]).height_at(100, -100) == 7.5
    two = Terrain([[0, 0, 0.0], [10, 0, 10.0]])
    assert two.height_at(4.9, 50) == 0.0 and two.height_at(5.1, -50) == 10.0
    assert two.mean_along([[-5, 0], [15, 0]], closed=False) == pytest.approx(5.0)


def _dense_mean(t: Terrain, ring: list[list[float]], n: int = 20000) -> float:
    pts = np.array(ring + ring[:1], dtype=float)
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    cum = np.concatenate([[0], np.cumsum(seg)])
    s = (np.arange(n) + 0.5) / n * cum[-1]
    k = np.searchsorted(cum, s, side="right") - 1
    f = (s - cum[k]) / seg[k]
    xy = pts[k] + f[:, None] * (pts[k + 1] - pts[k])
    return float(t.heights_at(xy).mean())


def test_mean_along_an_outline_is_the_length_weighted_mean():
    rng = np.random.default_rng(7)
    spots = np.column_stack([rng.uniform(0, 30, 12), rng.uniform(0, 28, 12), rng.uniform(5, 9, 12)])
    t = Terrain(spots.tolist())
    ring = [[-2, 3], [25, -1], [33, 20], [8, 31]]       # partly outside the hull
    assert t.mean_along(ring) == pytest.approx(_dense_mean(t, ring), abs=2e-3)


def test_the_terrain_in_utm_coordinates_keeps_its_precision():
    e, n = 567890.0, 6545678.0
    t = Terrain([[x + e, y + n, z] for x, y, z in SLOPE])
    local = Terrain(SLOPE)
    ring = [[8, 5], [22, 5], [22, 15], [8, 15]]
    assert t.mean_along([[x + e, y + n] for x, y in ring]) == pytest.approx(local.mean_along(ring), abs=1e-6)
    assert t.height_at(e + 11, n + 7) == pytest.approx(10.7, abs=1e-6)


def _roofed(roof: dict, **building) -> dict:
    doc = house()
    doc["plot"]["terrain"] = SLOPE
    doc["buildings"][0].update(roof=roof, **building)
    return doc


def test_gable_on_sloping_ground():
    # footprint 8..22 × 9..19 (14 × 10 m); G = 10 + 0.1 × mean y along the outline (y = 14)
    plan = load(_roofed({"type": "gable", "pitch_deg": 30}))
    h = derived_heights(plan, plan.buildings[0])
    assert h.mean_terrain == pytest.approx(11.4)
    assert h.floor_z == pytest.approx(11.4)
    assert h.wall_top == pytest.approx(14.1)
    assert h.gesims_m == pytest.approx(2.7)
    assert h.mone_m == pytest.approx(2.7 + math.tan(math.radians(30)) * 5.0)
    assert h.ridge_dir == (1.0, 0.0) and h.span_m == pytest.approx(5.0)
    assert h.ridge_z == pytest.approx(11.4 + h.mone_m) and h.derived


@pytest.mark.parametrize(("roof", "span"), [
    ({"type": "hip", "pitch_deg": 25}, 5.0),
    ({"type": "mono", "pitch_deg": 10}, 10.0),
    ({"type": "flat"}, 0.0),
    ({"type": "gable", "pitch_deg": 40, "ridge_along": 1}, 7.0),   # ridge across: half the 14 m side
])
def test_roof_types_and_the_ridge_edge(roof, span):
    plan = load(_roofed(roof))
    h = derived_heights(plan, plan.buildings[0])
    pitch = 0.0 if roof["type"] == "flat" else roof["pitch_deg"]
    assert h.span_m == pytest.approx(span)
    assert h.mone_m - h.gesims_m == pytest.approx(math.tan(math.radians(pitch)) * span)


def test_levels_and_a_typed_floor():
    plan = load(_roofed({"type": "flat"}, storeys=2, floor_z=11.5,
                        levels=[{"storey": 1, "height_m": 3.0}, {"storey": 2, "height_m": 2.8}]))
    h = derived_heights(plan, plan.buildings[0])
    assert h.floor_z == 11.5 and h.wall_top == pytest.approx(17.3)
    assert h.gesims_m == pytest.approx(17.3 - 11.4)


def test_without_a_roof_the_typed_heights_stand():
    doc = house()
    doc["buildings"][0].update(gesims_m=3.1, mone_m=5.6)
    plan = load(doc)
    h = heights_of(plan)["A"]
    assert (h.gesims_m, h.mone_m, h.derived) == (3.1, 5.6, False)


@pytest.mark.parametrize("angle", [10, 33.3, 90, 200])
def test_heights_do_not_depend_on_rotation_or_utm(angle):
    doc = _roofed({"type": "gable", "pitch_deg": 35})
    base = derived_heights(load(doc), load(doc).buildings[0])
    moved = transform(doc, angle, 567890.0, 6545678.0)
    a = math.radians(angle)
    moved["plot"]["terrain"] = [[math.cos(a) * x - math.sin(a) * y + 567890.0,
                                 math.sin(a) * x + math.cos(a) * y + 6545678.0, z] for x, y, z in SLOPE]
    plan = load(moved)
    h = derived_heights(plan, plan.buildings[0])
    assert (h.gesims_m, h.mone_m, h.mean_terrain) == pytest.approx(
        (base.gesims_m, base.mone_m, base.mean_terrain), abs=1e-6)
    want = (math.cos(a), math.sin(a))
    assert abs(h.ridge_dir[0] * want[0] + h.ridge_dir[1] * want[1]) == pytest.approx(1.0, abs=1e-9)


def test_an_unusable_footprint_gives_an_empty_rectangle():
    doc = house()
    doc["buildings"][0]["footprint"] = [[0, 0], [1, 1]]
    rect, ridge, across = roof_frame(load(doc).buildings[0])
    assert rect.is_empty and ridge == (1.0, 0.0) and across == 0.0
