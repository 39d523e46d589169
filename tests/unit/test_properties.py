"""Property tests: random rectangular and L-shaped plans never crash the checker,
and a room's net area never exceeds its drawn area."""

from __future__ import annotations

import shapely
from factories import rect, transform
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import model
from planner.geometry import BuildingGeometry
from planner.model import ROOM_TYPES
from planner.rules import check

coord = st.floats(min_value=2.0, max_value=24.0, allow_nan=False, allow_infinity=False)


@st.composite
def rectangular_plans(draw):
    w = draw(st.floats(4.0, 20.0))
    h = draw(st.floats(4.0, 15.0))
    cuts = sorted(draw(st.lists(st.floats(0.05, 0.95), min_size=0, max_size=5)))
    xs = [0.0] + [c * w for c in cuts] + [w]
    x0, y0 = 5.0, 5.0
    rooms = []
    for i, (a, b) in enumerate(zip(xs[:-1], xs[1:], strict=True)):
        if b - a < 1e-6:
            continue
        rooms.append({"id": f"r{i}", "type": draw(st.sampled_from(ROOM_TYPES)), "name": f"Rom {i}",
                      "storey": 1, "polygon": rect(x0 + a, y0, x0 + b, y0 + h)})
    doors = []
    for i in range(len(rooms)):
        doors.append({"rooms": ["outside" if i == 0 else rooms[i - 1]["id"], rooms[i]["id"]],
                      "at": [x0 + xs[i], y0 + draw(st.floats(0.0, h))],
                      "width_m": draw(st.floats(0.5, 1.2))})
    windows = [{"room": r["id"], "at": [r["polygon"][0][0] + 0.1, y0],
                "width_m": draw(st.floats(0.3, 2.5)), "height_m": draw(st.floats(0.3, 2.0))}
               for r in rooms if draw(st.booleans())]
    return _plan(rect(x0, y0, x0 + w, y0 + h), rooms, doors, windows, draw)


@st.composite
def l_plans(draw):
    a = draw(st.floats(3.0, 12.0))
    b = draw(st.floats(3.0, 12.0))
    t = draw(st.floats(1.0, 2.9))
    fp = [[0, 0], [a, 0], [a, t], [t, t], [t, b], [0, b]]
    rooms = [
        {"id": "x", "type": draw(st.sampled_from(ROOM_TYPES)), "name": "X", "storey": 1,
         "polygon": rect(0, 0, a, t)},
        {"id": "y", "type": draw(st.sampled_from(ROOM_TYPES)), "name": "Y", "storey": 1,
         "polygon": rect(0, t, t, b)},
    ]
    doors = [{"rooms": ["outside", "x"], "at": [a / 2, 0], "width_m": 1.0},
             {"rooms": ["x", "y"], "at": [t / 2, t], "width_m": 0.9}]
    walls = {"exterior_m": draw(st.floats(0.0, 0.45)), "interior_m": draw(st.floats(0.0, 0.2))}
    doc = _plan(fp, rooms, doors, [], draw)
    doc["buildings"][0]["walls"] = walls
    return transform(doc, draw(st.floats(0, 360)), draw(st.floats(-1e5, 1e5)), 0.0)


def _plan(footprint, rooms, doors, windows, draw):
    return {
        "format": "plan/1",
        "project": {"name": "Test", "municipality": "Larvik"},
        "plot": {"boundary": rect(-10, -10, 40, 40), "road_edges": [0],
                 "regulation": {"max_bya_percent": draw(st.floats(5, 60))}},
        "households": [{"id": "h", "name": "H", "accessible": draw(st.booleans())}],
        "buildings": [{"id": "A", "household": "h", "footprint": footprint, "storeys": 1,
                       "rooms": rooms, "doors": doors, "windows": windows}],
    }


def _assert_sound(doc):
    plan = model.from_dict(doc)
    report = check(plan)
    assert isinstance(report.ok, bool)
    for f in report.findings:
        assert f.message and f.subject
    geo = BuildingGeometry.of(plan.buildings[0])
    drawn = shapely.area(geo.polys)
    assert (geo.net_areas <= drawn + 1e-9).all()
    assert report.summary["bra_m2"] <= shapely.area(geo.footprint) + 1e-9


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangular_plans())
def test_random_rectangular_plans_never_crash_the_checker(doc):
    _assert_sound(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(l_plans())
def test_random_l_shaped_plans_never_crash_the_checker(doc):
    _assert_sound(doc)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(coord, coord), min_size=0, max_size=12))
def test_any_polygon_as_a_room_gives_findings_not_exceptions(points):
    doc = {
        "format": "plan/1", "project": {"name": "T", "municipality": "M"},
        "plot": {"boundary": rect(0, 0, 30, 30), "road_edges": [0]},
        "households": [{"id": "h", "name": "H"}],
        "buildings": [{"id": "A", "household": "h", "footprint": rect(2, 2, 24, 24), "storeys": 1,
                       "rooms": [{"id": "r", "type": "living", "name": "R", "storey": 1,
                                  "polygon": [list(p) for p in points]}]}],
    }
    _assert_sound(doc)


def test_walls_thinner_than_a_micrometre_count_as_none():
    doc = _plan([[0, 0], [3, 0], [3, 1.2], [1.2, 1.2], [1.2, 3], [0, 3]],
                [{"id": "x", "type": "entry", "name": "X", "storey": 1, "polygon": rect(0, 0, 3, 1.2)},
                 {"id": "y", "type": "entry", "name": "Y", "storey": 1, "polygon": rect(0, 1.2, 1.2, 3)}],
                [], [], lambda strategy: 30.0 if "floats" in repr(strategy) else False)
    doc["buildings"][0]["walls"] = {"exterior_m": 5e-324, "interior_m": 5e-324}
    _assert_sound(doc)
