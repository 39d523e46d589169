"""Geometry helpers on named sample shapes."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from factories import house, load, rect
from shapely import Point, box
from shapely.testing import assert_geometries_equal

from planner.geometry import (
    BuildingGeometry,
    buildable_area,
    explain,
    inscribed_diameters,
    is_on_wall,
    net_polygons,
    outline_lengths,
    polygon,
    reachable,
    shrink,
)


def test_buildable_area_is_the_plot_less_each_edges_setback():
    plan = load(house())
    area = buildable_area(plan.plot)
    # road 5 m to the south, neighbours 4 m elsewhere: 22 × 19 m
    assert_geometries_equal(shapely.normalize(area), shapely.normalize(box(4, 5, 26, 24)), tolerance=1e-6)


def test_buildable_area_of_a_slanted_edge_keeps_the_distance():
    doc = house()
    doc["plot"]["boundary"] = [[0, 0], [30, 0], [20, 28], [0, 28]]
    plan = load(doc)
    area = buildable_area(plan.plot)
    slant = shapely.LineString([(30, 0), (20, 28)])
    assert shapely.distance(area, slant) == pytest.approx(4.0, abs=0.01)


def test_net_polygon_follows_plan_format():
    fp = box(0, 0, 10, 8)
    inner = shrink(fp, 0.3)
    (net,) = net_polygons(np.array([box(0, 0, 4, 8)]), inner, 0.1)
    assert_geometries_equal(shapely.normalize(net), shapely.normalize(box(0.35, 0.35, 3.95, 7.65)),
                            tolerance=1e-9)


def test_inscribed_diameter_of_an_l_finds_the_circle_at_its_inner_corner():
    ell = polygon([[0, 0], [6, 0], [6, 1.2], [2, 1.2], [2, 5], [0, 5]])
    # touching both outer edges and the inner corner (2, 1.2): r² - 6.4r + 5.44 = 0
    assert inscribed_diameters(np.array([ell]))[0] == pytest.approx(2.0175, abs=0.005)


def test_outline_length_counts_only_the_outline():
    lengths = outline_lengths(np.array([box(0, 0, 3, 3), box(3, 3, 5, 5)]), box(0, 0, 10, 10))
    assert lengths[0] == pytest.approx(6.0, abs=0.03)
    assert lengths[1] == pytest.approx(0.0, abs=0.03)


def test_a_door_at_a_corner_is_not_on_the_shared_wall():
    a, b = box(0, 0, 3, 3), box(3, 0, 6, 3)
    assert is_on_wall(Point(3, 1.5), a, b)
    assert is_on_wall(Point(3.04, 1.5), a, b)
    assert not is_on_wall(Point(3.2, 1.5), a, b)
    c = box(3, 3, 6, 6)   # meets a only at its corner
    assert not is_on_wall(Point(3, 3), a, c)


def test_explain_names_the_fault():
    assert explain(polygon([[0, 0], [1, 1]])) == "fewer than three vertices"
    assert "Self-intersection" in explain(polygon([[0, 0], [2, 2], [2, 0], [0, 2]]))
    assert explain(polygon(rect(0, 0, 1, 1))) is None


def test_the_access_graph_of_the_example_reaches_every_room():
    geo = BuildingGeometry.of(load(house()).buildings[0])
    assert reachable(geo.graph()) == {"outside", *geo.index}
    assert geo.bra_m2 == pytest.approx(125.96)
