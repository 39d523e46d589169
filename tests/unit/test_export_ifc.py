"""model.ifc read back with IfcOpenShell: valid IFC4, the spatial structure, counts per storey,
space areas equal to the checker's net areas, storey elevations and the georeference."""

from __future__ import annotations

import gc
import json
import warnings
from pathlib import Path

import ifcopenshell
import ifcopenshell.geom
import ifcopenshell.util.element
import ifcopenshell.validate
import numpy as np
import pytest

from planner import model
from planner.building.model3d import building_model
from planner.export.ifc import model_ifc
from planner.geometry import BuildingGeometry

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = sorted((ROOT / "layouts").glob("*.json"))


def two_storeys(origin: bool = True) -> model.Plan:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["buildings"][0]["roof"] = {"type": "gable", "pitch_deg": 30, "overhang_m": 0.5}
    doc["plot"]["terrain"] = [[0, 0, 10.0], [18, 0, 10.0], [0, 28, 12.8], [18, 28, 12.8]]
    if origin:
        doc["origin"] = {"crs": "EPSG:25832", "e": 597000.0, "n": 6643000.0}
    return model.from_dict(doc)


def _open(plan: model.Plan) -> ifcopenshell.file:
    return ifcopenshell.file.from_string(model_ifc(plan).decode("utf-8"))


def _contained(storey) -> list:  # noqa: ANN001
    return [e for rel in storey.ContainsElements for e in rel.RelatedElements]


def _problems(f: ifcopenshell.file, express_rules: bool) -> list:
    logger = ifcopenshell.validate.json_logger()
    with warnings.catch_warnings():
        # IfcOpenShell's rule checker leaves its rule file open: collect it here, not in a later test
        warnings.simplefilter("ignore", ResourceWarning)
        ifcopenshell.validate.validate(f, logger, express_rules=express_rules)
        gc.collect()
    return logger.statements


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_every_sample_is_valid_ifc4(path: Path) -> None:
    f = _open(model.loads(path.read_bytes()))
    assert f.schema == "IFC4"
    assert _problems(f, express_rules=False) == []
    assert len(f.by_type("IfcProject")) == 1 and len(f.by_type("IfcSite")) == 1


def test_a_georeferenced_house_with_roof_and_terrain_passes_every_express_rule() -> None:
    """The full check (where rules and functions of the schema), about ten seconds a file."""
    assert _problems(_open(two_storeys()), express_rules=True) == []


def test_the_spatial_structure_and_what_each_storey_holds() -> None:
    plan = two_storeys()
    b = plan.buildings[0]
    bm = building_model(plan, b)
    f = _open(plan)
    (project,) = f.by_type("IfcProject")
    units = {u.UnitType: (u.Prefix, u.Name) for u in project.UnitsInContext.Units if u.is_a("IfcSIUnit")}
    assert units["LENGTHUNIT"] == (None, "METRE") and units["AREAUNIT"] == (None, "SQUARE_METRE")
    (site,) = f.by_type("IfcSite")
    (building,) = f.by_type("IfcBuilding")
    assert ifcopenshell.util.element.get_aggregate(site) == project
    assert ifcopenshell.util.element.get_aggregate(building) == site
    storeys = sorted(f.by_type("IfcBuildingStorey"), key=lambda s: s.Elevation)
    assert [round(s.Elevation, 3) for s in storeys] == [11.62, 14.32]
    for s, n in zip(storeys, (1, 2), strict=True):
        held = _contained(s)
        walls = [e for e in held if e.is_a("IfcWall")]
        assert len(walls) == len(bm.walls_of(n))
        rooms = {r.id for r in b.rooms if r.storey == n}
        doors = [d for d in b.doors if set(d.rooms) & rooms and d.extra.get("opening") is not True]
        windows = [w for w in b.windows if w.room in rooms]
        assert len([e for e in held if e.is_a("IfcDoor")]) == len(doors)
        assert len([e for e in held if e.is_a("IfcWindow")]) == len(windows)
        spaces = [e for rel in s.IsDecomposedBy for e in rel.RelatedObjects if e.is_a("IfcSpace")]
        assert sorted(sp.Name for sp in spaces) == sorted(rooms)
        assert len([e for e in held if e.is_a("IfcSlab")]) == 1
    assert len([e for e in _contained(storeys[1]) if e.is_a("IfcRoof")]) == 1
    # every door and window fills an opening that voids a wall
    for e in f.by_type("IfcDoor") + f.by_type("IfcWindow"):
        (fill,) = e.FillsVoids
        (void,) = fill.RelatingOpeningElement.VoidsElements
        assert void.RelatingBuildingElement.is_a("IfcWall")
    assert len(f.by_type("IfcOpeningElement")) == len(b.doors) + len(b.windows)
    walls = f.by_type("IfcWall")
    external = [w for w in walls if ifcopenshell.util.element.get_psets(w)["Pset_WallCommon"]["IsExternal"]]
    assert len(external) == 8


def test_each_space_has_the_checkers_net_area_and_its_room_type() -> None:
    plan = two_storeys()
    geo = BuildingGeometry.of(plan.buildings[0])
    f = _open(plan)
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    by_id = {r.id: r for r in plan.buildings[0].rooms}
    for space in f.by_type("IfcSpace"):
        qto = ifcopenshell.util.element.get_psets(space, qtos_only=True)["Qto_SpaceBaseQuantities"]
        assert qto["NetFloorArea"] == pytest.approx(geo.net_area(space.Name), abs=0.01)
        quantity = next(q for rel in space.IsDefinedBy if rel.is_a("IfcRelDefinesByProperties")
                        for q in getattr(rel.RelatingPropertyDefinition, "Quantities", []) or []
                        if q.Name == "NetFloorArea")
        assert quantity.is_a("IfcQuantityArea")
        assert space.ObjectType == by_id[space.Name].type and space.LongName == by_id[space.Name].name
        # the solid IfcOpenShell builds from the space's geometry has the same floor area
        shape = ifcopenshell.geom.create_shape(settings, space)
        v = np.array(shape.geometry.verts).reshape(-1, 3)
        faces = np.array(shape.geometry.faces).reshape(-1, 3)
        tri = v[faces]
        volume = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6
        height = v[:, 2].max() - v[:, 2].min()
        assert abs(volume) / height == pytest.approx(geo.net_area(space.Name), abs=0.01)
        assert height == pytest.approx(qto["Height"])


def test_the_walls_have_their_openings_cut_in_ifcopenshells_own_geometry() -> None:
    plan = two_storeys()
    f = _open(plan)
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    with_hole = [w for w in f.by_type("IfcWall") if w.HasOpenings]
    plain = [w for w in f.by_type("IfcWall") if not w.HasOpenings]
    assert with_hole and plain
    bare = ifcopenshell.geom.create_shape(settings, plain[0]).geometry
    cut = ifcopenshell.geom.create_shape(settings, with_hole[0]).geometry
    assert len(cut.faces) > len(bare.faces)


def test_the_site_is_georeferenced_by_the_plans_origin() -> None:
    f = _open(two_storeys())
    (conversion,) = f.by_type("IfcMapConversion")
    assert (conversion.Eastings, conversion.Northings, conversion.Scale) == (597000.0, 6643000.0, 1.0)
    assert conversion.TargetCRS.Name == "EPSG:25832"
    (site,) = f.by_type("IfcSite")
    assert tuple(site.RefLatitude)[:2] == (59, 54)
    assert site.LandTitleNumber == "Time gnr 2 bnr 1310"
    assert {r.RepresentationIdentifier for r in site.Representation.Representations} == {"FootPrint", "Body"}
    assert f.by_type("IfcMapConversion") and not _open(two_storeys(origin=False)).by_type("IfcMapConversion")


def test_user_text_arrives_as_text() -> None:
    plan = two_storeys()
    plan.project.name = "Familien Ås' hus; 'x'); DROP"
    plan.buildings[0].rooms[0].name = "Stue \\ og 'kjøkken'"
    f = _open(plan)
    assert f.by_type("IfcProject")[0].Name == plan.project.name
    assert any(s.LongName == plan.buildings[0].rooms[0].name for s in f.by_type("IfcSpace"))
