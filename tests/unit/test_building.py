"""The building in 3D (planner.building): walls, openings, slabs, roof, terrain and derived heights,
checked against hand computation and read back with trimesh."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
import trimesh

from planner import model
from planner.building.geo import latitude_longitude, utm_to_latlon, utm_zone
from planner.building.mesh import Frame, prism, wall_solid, wall_solids
from planner.building.model3d import building_model, site_model, storey_levels, terrain_mesh
from planner.building.terrain import Terrain
from planner.geometry import BuildingGeometry

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = sorted((ROOT / "layouts").glob("*.json"))
SLOPE = [[0, 0, 10.0], [18, 0, 10.0], [0, 28, 12.8], [18, 28, 12.8]]
"""A plot rising 0.1 m per metre toward the north."""


def two_storeys(roof: dict | None = None, terrain: list | None = SLOPE, **building: object) -> model.Plan:
    """The two-storey sample (an 8.4 m square house) on a sloping plot."""
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    if roof is not None:
        doc["buildings"][0]["roof"] = roof
    if terrain is not None:
        doc["plot"]["terrain"] = terrain
    doc["buildings"][0].update(building)
    return model.from_dict(doc)


def test_a_gable_at_30_degrees_over_an_8_4_m_house_of_two_2_7_m_storeys_on_a_slope() -> None:
    plan = two_storeys({"type": "gable", "pitch_deg": 30})
    bm = building_model(plan, plan.buildings[0])
    # footprint x 4.8-13.2, y 12-20.4; the ground is 10 + 0.1 y: 11.2 along the south wall, 12.04 along
    # the north wall, 11.62 on average along the east and west walls: G = 11.62 by hand
    assert bm.heights.mean_terrain == pytest.approx(11.62, abs=1e-9)
    assert bm.heights.floor_z == pytest.approx(11.62)
    assert [s.floor_z for s in bm.storeys] == pytest.approx([11.62, 14.32])
    assert bm.heights.wall_top == pytest.approx(11.62 + 2 * 2.7)
    assert bm.heights.gesims_m == pytest.approx(5.4)
    assert bm.heights.mone_m == pytest.approx(5.4 + math.tan(math.radians(30)) * 4.2)   # 7.8249
    assert bm.roof.ridge_z == pytest.approx(11.62 + 7.824871, abs=1e-6)
    lo, hi = bm.roof.mesh.bounds()
    assert hi[2] == pytest.approx(bm.roof.ridge_z)
    assert lo[2] == pytest.approx(bm.heights.wall_top)
    assert (lo[0], lo[1], hi[0], hi[1]) == pytest.approx((4.8, 12.0, 13.2, 20.4))


def test_the_building_stands_at_floor_z_when_the_plan_gives_it() -> None:
    plan = two_storeys({"type": "flat"}, floor_z=12.0, levels=[{"storey": 1, "height_m": 3.0}])
    bm = building_model(plan, plan.buildings[0])
    assert [s.floor_z for s in bm.storeys] == pytest.approx([12.0, 15.0])
    assert min(w.z0 for w in bm.walls) == pytest.approx(12.0)
    assert max(w.z1 for w in bm.walls) == pytest.approx(12.0 + 3.0 + 2.7)
    assert storey_levels(plan.buildings[0], 12.0) == {1: 12.0, 2: 15.0}


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_every_wall_of_every_sample_is_a_closed_solid_with_its_openings(path: Path) -> None:
    plan = model.loads(path.read_bytes())
    for b in plan.buildings:
        bm = building_model(plan, b)
        assert bm.walls
        for w in bm.walls:
            mesh = trimesh.Trimesh(w.mesh.vertices, w.mesh.triangles)
            assert mesh.is_watertight and mesh.is_winding_consistent, (w.kind, w.storey, w.edge)
            assert mesh.volume > 0
        assert len(bm.openings) == len(b.doors) + len(b.windows)
        fp = shapely.Polygon(b.footprint)
        assert sum(w.kind == "exterior" for w in bm.walls) == (len(fp.exterior.coords) - 1) * b.storeys


def test_the_exterior_walls_hold_the_band_less_the_openings_by_volume() -> None:
    plan = two_storeys({"type": "gable"})
    b = plan.buildings[0]
    bm = building_model(plan, b)
    geo = BuildingGeometry.of(b)
    band = geo.footprint.area - geo.inner.area
    outer = [w for w in bm.walls if w.kind == "exterior"]
    cut = sum(o.width_m * o.height_m * bm.walls[o.wall].thickness for o in bm.openings
              if bm.walls[o.wall].kind == "exterior")
    volume = sum(trimesh.Trimesh(w.mesh.vertices, w.mesh.triangles).volume for w in outer)
    assert volume == pytest.approx(band * 2 * 2.7 - cut, abs=1e-6)
    assert cut > 1.0


def test_a_window_sits_at_its_sill_and_a_door_reaches_its_height() -> None:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["buildings"][0]["windows"][0]["sill_m"] = 1.1
    doc["buildings"][0]["doors"][0]["height_m"] = 2.3
    plan = model.from_dict(doc)
    bm = building_model(plan, plan.buildings[0])
    win = next(o for o in bm.openings if o.kind == "window" and o.index == 0)
    door = next(o for o in bm.openings if o.kind != "window" and o.index == 0)
    floor = {s.number: s.floor_z for s in bm.storeys}
    w0 = plan.buildings[0].windows[0]
    assert win.z0 - floor[win.storey] == pytest.approx(1.1)
    assert win.height_m == pytest.approx(w0.height_m) and win.width_m == pytest.approx(w0.width_m)
    assert door.z0 == pytest.approx(floor[door.storey]) and door.height_m == pytest.approx(2.3)


def test_interior_walls_run_where_rooms_meet_and_a_wall_between_units_is_thicker() -> None:
    plan = model.loads((ROOT / "layouts" / "rekkehus-to-enheter.json").read_bytes())
    b = plan.buildings[0]
    bm = building_model(plan, b)
    inner = [w for w in bm.walls if w.kind == "interior"]
    between = [w for w in bm.walls if w.kind == "separating"]
    assert inner and between
    assert {w.thickness for w in inner} == {b.interior_wall_m}
    assert {w.thickness for w in between} == {b.separating_wall_m}
    units = {rid: k for k, u in enumerate(b.units) for rid in u.rooms}
    for w in between:
        assert units[w.rooms[0]] != units[w.rooms[1]]


def test_the_upper_floor_is_open_over_the_stair() -> None:
    plan = two_storeys({"type": "gable"})
    bm = building_model(plan, plan.buildings[0])
    geo = BuildingGeometry.of(plan.buildings[0])
    lower, upper = bm.storeys
    assert lower.slab.area == pytest.approx(geo.footprint.area)
    stair = [r for r in upper.rooms if r.room.type == "stair"][0]
    assert upper.slab.area == pytest.approx(geo.inner.area - stair.net_area_m2, abs=0.05)
    mesh = trimesh.Trimesh(upper.slab_mesh.vertices, upper.slab_mesh.triangles)
    assert mesh.is_watertight and mesh.volume == pytest.approx(upper.slab.area * 0.25)


@pytest.mark.parametrize(("kind", "rise"), [("gable", 4.2), ("hip", 4.2), ("mono", 8.4), ("flat", 0.0)])
def test_each_kind_of_roof_is_a_closed_solid_up_to_its_ridge(kind: str, rise: float) -> None:
    plan = two_storeys({"type": kind, "pitch_deg": 25, "overhang_m": 0.5})
    bm = building_model(plan, plan.buildings[0])
    mesh = trimesh.Trimesh(bm.roof.mesh.vertices, bm.roof.mesh.triangles)
    assert mesh.is_watertight and mesh.is_winding_consistent and mesh.volume > 0
    top = bm.heights.wall_top + math.tan(math.radians(25)) * rise
    assert bm.roof.ridge_z == pytest.approx(top)
    assert bm.roof.ridge_z == pytest.approx(bm.heights.ridge_z)
    assert mesh.bounds[1][2] == pytest.approx(top)
    assert (mesh.bounds[0][0], mesh.bounds[1][0]) == pytest.approx((4.3, 13.7))   # the overhang


def test_the_mono_roof_is_low_along_the_ridge_along_edge() -> None:
    plan = two_storeys({"type": "mono", "pitch_deg": 10, "ridge_along": 0})   # edge 0: the south wall
    bm = building_model(plan, plan.buildings[0])
    v = bm.roof.mesh.vertices
    south = v[np.isclose(v[:, 1], 12.0)]
    north = v[np.isclose(v[:, 1], 20.4)]
    assert south[:, 2].max() == pytest.approx(bm.heights.wall_top)
    assert north[:, 2].max() == pytest.approx(bm.roof.ridge_z)


def test_without_a_roof_the_typed_heights_give_a_gable_of_the_same_ridge() -> None:
    plan = model.loads((ROOT / "layouts" / "enebolig-tre-soverom.json").read_bytes())
    b = plan.buildings[0]
    bm = building_model(plan, b)
    assert bm.roof.type == "gable"
    assert bm.roof.ridge_z == pytest.approx(bm.heights.mean_terrain + b.mone_m)


def test_the_terrain_surface_follows_the_spot_heights_over_the_plot() -> None:
    spots = [[0, 0, 10], [18, 0, 11], [0, 28, 12.5], [18, 28, 13], [9, 14, 9]]
    plan = two_storeys({"type": "gable"}, terrain=spots)
    terrain = Terrain.from_plot(plan.plot)
    mesh = terrain_mesh(plan, terrain)
    assert np.allclose(mesh.vertices[:, 2], terrain.heights_at(mesh.vertices[:, :2]))
    covered = shapely.union_all(shapely.polygons(mesh.vertices[mesh.triangles][:, :, :2]))
    plot = shapely.Polygon(plan.plot.boundary)
    assert plot.difference(covered).area < 1e-6
    assert shapely.area(shapely.polygons(mesh.vertices[mesh.triangles][:, :, :2])).sum() == pytest.approx(
        covered.area)   # no triangle over another
    # inside the spot heights the surface is the triangulation itself: a point between vertices too
    tri = mesh.vertices[mesh.triangles[len(mesh.triangles) // 2]]
    centre = tri.mean(axis=0)
    assert terrain.height_at(centre[0], centre[1]) == pytest.approx(centre[2], abs=1e-6)


def test_a_plan_without_terrain_stands_on_flat_ground_at_zero() -> None:
    plan = model.loads((ROOT / "layouts" / "smal-tomt.json").read_bytes())
    site = site_model(plan)
    assert np.allclose(site.terrain_mesh.vertices[:, 2], 0.0)
    assert site.buildings[0].heights.floor_z == 0.0


def test_neighbour_buildings_stand_on_the_terrain_with_their_heights() -> None:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["plot"]["neighbours"] = {"buildings": [
        {"footprint": [[20, 2], [30, 2], [30, 10], [20, 10]], "gesims_m": 5.0, "mone_m": 8.0},
        {"footprint": [[-12, 2], [-4, 2], [-4, 9], [-12, 9]]}]}
    site = site_model(model.from_dict(doc))
    a, b = site.neighbours
    assert a.top_z == pytest.approx(8.0) and b.top_z == pytest.approx(6.0)
    for n in (a, b):
        for part in n.parts:
            assert trimesh.Trimesh(part.vertices, part.triangles).is_volume
    assert len(a.parts) == 2 and len(b.parts) == 1


def test_a_wall_with_a_door_at_its_end_stays_closed() -> None:
    f = Frame((0.0, 0.0), (1.0, 0.0))
    m = wall_solid(f, 0.3, (0.0, 4.0), (-0.3, 4.3), 0.0, 2.7, [(-1.0, 1.0, 0.0, 2.1)])
    t = trimesh.Trimesh(m.vertices, m.triangles)
    assert t.is_watertight
    assert t.volume == pytest.approx(0.3 * 4.3 * 2.7 - 0.3 * (1.0 - 0.005) * 2.1, abs=1e-3)
    box = prism(shapely.box(0, 0, 2, 1).difference(shapely.box(0.5, 0.25, 1, 0.75)), 0, 1)
    assert box.is_closed() and box.volume() == pytest.approx(1.75)


def test_walls_made_in_one_batch_are_the_walls_made_one_by_one() -> None:
    """The batch groups walls by their pattern of openings; each still gets its own openings cut."""
    f = Frame((1.0, 2.0), (0.6, 0.8))
    specs = [(f, 0.3, (0.0, 4.0), (-0.3, 4.3), 0.0, 2.7, []),
             (f, 0.2, (0.0, 5.0), (0.0, 5.0), 0.0, 2.5, [(1.0, 2.0, 0.8, 2.0)]),          # a window
             (f, 0.2, (0.0, 6.0), (0.0, 6.0), 0.0, 2.5, [(3.0, 4.2, 0.9, 2.1)]),          # same pattern
             (f, 0.1, (0.0, 3.0), (0.0, 3.0), 2.7, 5.2, [(0.5, 1.4, 2.7, 4.8), (2.0, 2.6, 3.5, 4.7)]),
             (f, 0.3, (0.0, 4.0), (-0.3, 4.3), 0.0, 2.7, [(-1.0, 1.0, 0.0, 2.1)])]       # a door at the end
    batch = wall_solids(specs)
    for spec, m in zip(specs, batch, strict=True):
        one = wall_solid(*spec)
        assert np.array_equal(m.vertices, one.vertices) and np.array_equal(m.triangles, one.triangles)
        assert trimesh.Trimesh(m.vertices, m.triangles).is_watertight
    assert batch[1].volume() == pytest.approx(5 * 2.5 * 0.2 - 1 * 1.2 * 0.2)
    assert batch[2].volume() == pytest.approx(6 * 2.5 * 0.2 - 1.2 * 1.2 * 0.2)
    assert batch[3].volume() == pytest.approx(0.1 * (3 * 2.5 - 0.9 * 2.1 - 0.6 * 1.2))


def test_the_model_on_the_checks_geometry_is_the_model_on_its_own() -> None:
    from planner.export.gltf import model_glb
    from planner.rules import Context

    plan = two_storeys({"type": "hip", "pitch_deg": 30})
    ctx = Context(plan)
    shared = site_model(plan, ctx.buildings, ctx.terrain)
    assert shared.buildings[0].geo is ctx.buildings[0]
    assert model_glb(plan, shared) == model_glb(plan)


@pytest.mark.skipif(shutil.which("gdaltransform") is None, reason="GDAL's gdaltransform reads EPSG codes")
@pytest.mark.parametrize(("crs", "e", "n"), [("EPSG:25832", 597000.0, 6643000.0),
                                              ("EPSG:25833", 262000.0, 6650000.0),
                                              ("EPSG:25832", 330000.0, 6990000.0)])
def test_latitude_from_utm_agrees_with_gdal(crs: str, e: float, n: float) -> None:
    out = subprocess.run(["gdaltransform", "-s_srs", crs, "-t_srs", "EPSG:4326", "-output_xy"],
                         input=f"{e} {n}\n", capture_output=True, text=True, check=True).stdout.split()
    lon, lat = float(out[0]), float(out[1])
    mine = utm_to_latlon(e, n, utm_zone(crs))
    assert mine[0] == pytest.approx(lat, abs=1e-7) and mine[1] == pytest.approx(lon, abs=1e-7)


def test_a_plan_without_a_utm_origin_takes_the_default_place() -> None:
    plan = two_storeys()
    assert latitude_longitude(plan).assumed and latitude_longitude(plan).latitude == 59.9
    plan.origin = model.Origin("EPSG:5972", 1.0, 2.0)
    assert latitude_longitude(plan).assumed
    plan.origin = model.Origin("EPSG:25832", 597000.0, 6643000.0)
    ll = latitude_longitude(plan)
    assert not ll.assumed and 59.9 < ll.latitude < 60.2


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the browser's pure modules")
def test_the_sun_of_the_3d_view_stands_where_the_almanac_says() -> None:
    script = """
    import { sunPosition, osloToUtc, osloOffsetHours } from "./static/js/viewer/sun.js";
    const noon = sunPosition(Date.UTC(2025, 5, 21, 12) - 10.75 / 15 * 3600000, 59.9, 10.75);
    const evening = sunPosition(osloToUtc("2025-06-21", 21), 59.9, 10.75);
    const winter = sunPosition(osloToUtc("2025-12-21", 12.5), 59.9, 10.75);
    console.log(JSON.stringify({noon, evening, winter, summer: osloOffsetHours(Date.UTC(2025, 6, 1)),
      january: osloOffsetHours(Date.UTC(2025, 0, 1)), switch: osloToUtc("2025-03-30", 3)}));
    """
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    r = json.loads(out.stdout)
    # at solar noon on midsummer the sun stands 90 - 59.9 + 23.44 = 53.54 degrees up, due south
    assert r["noon"]["elevation"] == pytest.approx(53.54, abs=0.05)
    assert r["noon"]["azimuth"] == pytest.approx(180, abs=1.0)
    assert 0 < r["evening"]["elevation"] < 10 and 290 < r["evening"]["azimuth"] < 320
    assert r["winter"]["elevation"] == pytest.approx(90 - 59.9 - 23.44, abs=0.3)
    assert (r["summer"], r["january"]) == (2, 1)
    assert r["switch"] == 1743296400000      # 03:00 summer time on 30 March 2025 is 01:00 UTC


@pytest.mark.parametrize("kind", ["gable", "hip", "mono"])
def test_an_l_shaped_house_gets_its_roof_planes_over_its_own_outline_only(kind: str) -> None:
    doc = json.loads((ROOT / "layouts" / "hjornetomt.json").read_text(encoding="utf-8"))
    doc["buildings"][0]["roof"] = {"type": kind, "pitch_deg": 30, "overhang_m": 0.4}
    plan = model.from_dict(doc)
    bm = building_model(plan, plan.buildings[0])
    mesh = trimesh.Trimesh(bm.roof.mesh.vertices, bm.roof.mesh.triangles)
    assert mesh.is_watertight and mesh.is_winding_consistent and mesh.volume > 0
    assert mesh.bounds[1][2] == pytest.approx(bm.heights.ridge_z)
    outline = shapely.Polygon(plan.buildings[0].footprint).buffer(0.4, join_style="mitre")
    assert bm.roof.outline.area == pytest.approx(outline.area)
    assert bm.roof.outline.area < bm.heights.rect.buffer(0.4, join_style="mitre").area - 10
    covered = shapely.union_all(shapely.polygons(mesh.vertices[mesh.faces][:, :, :2]))
    assert covered.symmetric_difference(outline).area < 1e-6
