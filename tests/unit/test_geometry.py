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


def _outline_by_overlay(polys: np.ndarray, footprint) -> np.ndarray:
    """The outline length as GEOS's overlay measures it (the definition the quick path follows)."""
    core = shapely.buffer(footprint, -0.01, join_style="mitre")
    return shapely.length(shapely.difference(shapely.boundary(polys), core))


@pytest.mark.parametrize("angle", [0.0, 17.0, 90.0, 233.5])
def test_outline_length_of_a_convex_footprint_matches_the_overlay(angle):
    """A convex footprint's outline is clipped in numpy; it must agree with GEOS's difference."""
    rooms = [box(0, 0, 3, 3), box(3, 0, 10, 3), box(2, 3, 5, 6), box(-1, 7, 2, 9),  # one pokes out
             box(0, 0, 10, 8).difference(box(4, 4, 6, 6)),                          # a room with a hole
             shapely.Polygon([(0, 8), (0.004, 8), (0.004, 4), (0, 4)]),               # a 4 mm sliver
             shapely.Polygon()]
    shapes = [box(0, 0, 10, 8), shapely.Polygon([(0, 0), (10, 0), (12, 4), (8, 8), (0, 8)])]
    for fp in shapes:
        fp = shapely.affinity.rotate(fp, angle, origin=(0, 0))
        polys = np.array([shapely.affinity.rotate(r, angle, origin=(0, 0)) for r in rooms], dtype=object)
        got = outline_lengths(polys, fp)
        assert got[0] == pytest.approx(6.02, abs=1e-9)   # two walls, and 1 cm of each wall meeting them
        assert got[2] == pytest.approx(0.0, abs=1e-9)       # an inner room
        assert got[6] == 0.0
        np.testing.assert_allclose(got, _outline_by_overlay(polys, fp), atol=1e-9)


def test_outline_length_of_a_concave_footprint_matches_the_overlay():
    ell = shapely.Polygon([(0, 0), (10, 0), (10, 5), (5, 5), (5, 10), (0, 10)])
    polys = np.array([box(5, 0, 10, 5), box(0, 5, 5, 10), box(2, 2, 4, 4)], dtype=object)
    got = outline_lengths(polys, ell)
    np.testing.assert_allclose(got, [15.02, 15.02, 0.0], atol=1e-9)   # the inner corner: 1 cm more
    np.testing.assert_allclose(got, _outline_by_overlay(polys, ell), atol=1e-9)


def test_rooms_sharing_a_wall_do_not_overlap_and_a_sliver_over_the_tolerance_does():
    """The envelope cut of the overlap test keeps every overlap above the tolerance."""
    doc = house()
    plan = load(doc)
    b = plan.buildings[0]
    g = BuildingGeometry.of(b)
    assert g.overlaps() == []
    first = b.rooms[0]
    x0, y0, x1, y1 = polygon(first.polygon).bounds
    # a room 0.2 × 0.1 m (0.02 m², above the 0.01 m² tolerance) over the first room's corner
    doc["buildings"][0]["rooms"].append({"id": "extra", "type": "storage", "name": "Ekstra", "storey": 1,
                                         "polygon": rect(x0, y0, x0 + 0.2, y0 + 0.1)})
    g = BuildingGeometry.of(load(doc).buildings[0])
    found = [(g.rooms[i].id, g.rooms[j].id, round(a, 4)) for i, j, a in g.overlaps()]
    assert found == [(first.id, "extra", 0.02)]


def test_a_collection_of_five_points_is_no_rectangle():
    """An overlay can leave a triangle and a touching point: five coordinates, but no rectangle."""
    from planner.geometry.measurement import rectangle_sides

    odd = shapely.GeometryCollection([shapely.Polygon([(0, 0), (1, 0), (0, 1)]), Point(5, 5)])
    rect, short = rectangle_sides(np.array([odd, box(0, 0, 2, 1)], dtype=object))
    assert rect.tolist() == [False, True] and short.tolist() == [0.0, 1.0]
    assert inscribed_diameters(np.array([odd], dtype=object))[0] > 0.5
