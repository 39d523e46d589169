"""The same plan turned or moved gives the same findings and areas."""

from __future__ import annotations

import pytest
from factories import building, house, load, room, transform

from planner.geometry import BuildingGeometry
from planner.rules import check


def _faulty() -> dict:
    doc = house()
    building(doc)["doors"][0]["width_m"] = 0.8          # access.door-width
    building(doc)["doors"][1]["at"] = [12.0, 11.0]      # access.door-off-wall
    building(doc)["windows"][1].update(width_m=1.0, height_m=1.0)   # room.daylight
    room(doc, "r-bod")["polygon"] = [[20, 15], [22, 15], [22, 18.5], [20, 18.5]]  # room.uncovered
    doc["plot"]["regulation"]["max_bya_percent"] = 20   # plot.bya
    doc["plot"]["boundary"] = [[0, 0], [30, 0], [25, 28], [0, 28]]  # neighbour distance on a slant
    return doc


def _key(report):
    return sorted((f.rule, f.subject, round(f.measured or 0, 2), round(f.limit or 0, 2))
                  for f in report.findings)


@pytest.mark.parametrize(("angle", "dx", "dy"), [
    (90, 0, 0), (17.3, 0, 0), (233, 12.5, -7), (0, 567890.0, 6545678.0), (41, 567890.0, 6545678.0),
])
def test_a_turned_or_georeferenced_plan_gives_the_same_findings(angle, dx, dy):
    doc = _faulty()
    base = check(load(doc))
    moved = check(load(transform(doc, angle, dx, dy)))
    assert _key(moved) == _key(base)
    for k, v in base.summary.items():
        assert moved.summary[k] == pytest.approx(v, abs=0.01)


@pytest.mark.parametrize("angle", [0, 30, 145, 271.5])
def test_net_areas_do_not_depend_on_orientation(angle):
    base = BuildingGeometry.of(load(house()).buildings[0])
    turned = BuildingGeometry.of(load(transform(house(), angle, 1000, -400)).buildings[0])
    assert turned.net_areas == pytest.approx(base.net_areas, abs=0.01)
    assert turned.exterior_lengths == pytest.approx(base.exterior_lengths, abs=0.01)
