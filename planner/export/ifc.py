"""``model.ifc``: the buildings as IFC4 for the contractor's BIM tools, through IfcOpenShell.

The spatial structure is built with ``ifcopenshell.api``: IfcProject (metres, square
and cubic metres), IfcSite (the plot: its outline as the footprint, the finished
terrain as its body; gnr/bnr as land title; with ``origin`` an IfcMapConversion to
its projected CRS and the site's latitude and longitude), IfcBuilding and one
IfcBuildingStorey per storey at its floor level. In each storey: IfcWall (exterior,
interior, between units) voided by an IfcOpeningElement per door and window, filled
by IfcDoor / IfcWindow; IfcSlab (the floor); IfcSpace per room, its net area
(PLAN_FORMAT.md, the same number ``planner check`` uses) in Qto_SpaceBaseQuantities
as an IfcQuantityArea and its room type as ObjectType; IfcRoof on the top storey.
Walls, slabs, openings, doors, windows and spaces are extruded solids in the plan's
own coordinates (x east, y north, z up); the roof and the terrain are face sets.
"""

from __future__ import annotations

import hashlib
import uuid

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.context
import ifcopenshell.api.feature
import ifcopenshell.api.georeference
import ifcopenshell.api.project
import ifcopenshell.api.pset
import ifcopenshell.api.root
import ifcopenshell.api.spatial
import ifcopenshell.api.unit
import ifcopenshell.guid
import numpy as np
import shapely
from shapely import Polygon

from planner.building.geo import latitude_longitude, utm_zone
from planner.building.mesh import Mesh, orient, parts
from planner.building.model3d import BuildingModel, Opening, RoomSpace, SiteModel, Wall, site_model
from planner.export.style import clean, storey_label
from planner.model import Plan
from planner.rules.messages import type_name

Entity = ifcopenshell.entity_instance
_NS = uuid.UUID("6f1c3c8e-2b7e-4f0a-9a51-2d3c1b6e9f40")


class _Ifc:
    """One IFC file being written, with the shared placement, directions and contexts."""

    def __init__(self, plan: Plan) -> None:
        self.f = ifcopenshell.api.project.create_file(version="IFC4")
        f = self.f
        self.key = hashlib.sha256(clean(plan.project.name).encode()).hexdigest()[:16]
        self.project = self.entity("IfcProject", clean(plan.project.name, 200), "project")
        ifcopenshell.api.unit.assign_unit(f, length={"is_metric": True, "raw": "METERS"},
                                          area={"is_metric": True, "raw": "METERS"},
                                          volume={"is_metric": True, "raw": "METERS"})
        model = ifcopenshell.api.context.add_context(f, context_type="Model")
        self.body = ifcopenshell.api.context.add_context(f, context_type="Model", context_identifier="Body",
                                                         target_view="MODEL_VIEW", parent=model)
        self.footprint = ifcopenshell.api.context.add_context(
            f, context_type="Model", context_identifier="FootPrint", target_view="MODEL_VIEW", parent=model)
        self.origin = f.createIfcAxis2Placement3D(f.createIfcCartesianPoint((0.0, 0.0, 0.0)))
        self.up = f.createIfcDirection((0.0, 0.0, 1.0))
        self._pending: list[tuple[Entity, Entity | None]] = []

    def entity(self, ifc_class: str, name: str, key: str, **attrs: object) -> Entity:
        e = ifcopenshell.api.root.create_entity(self.f, ifc_class=ifc_class, name=name)
        e.GlobalId = ifcopenshell.guid.compress(uuid.uuid5(_NS, f"{self.key}/{key}").hex)
        for k, v in attrs.items():
            setattr(e, k, v)
        return e

    def place(self, e: Entity, parent: Entity | None = None) -> None:
        """Place ``e`` relative to ``parent`` (its container, or the element an opening voids), with no
        offset: every geometry is in plan coordinates. Placements are written by :meth:`finish`, after
        the relationships, so IfcOpenShell has none to recompute."""
        self._pending.append((e, parent))

    def finish(self) -> None:
        for e, parent in self._pending:       # parents come first: they were placed first
            e.ObjectPlacement = self.f.createIfcLocalPlacement(
                parent.ObjectPlacement if parent is not None else None, self.origin)

    def extrusion(self, poly: Polygon, z0: float, depth: float) -> Entity:
        """An IfcExtrudedAreaSolid of a plan polygon (holes kept) from level ``z0`` up ``depth``."""
        f = self.f
        poly = orient(poly)

        def curve(coords: np.ndarray) -> Entity:
            pts = f.createIfcCartesianPointList2D([(round(float(x), 6), round(float(y), 6))
                                                   for x, y in coords])
            index = [f.createIfcLineIndex(list(range(1, len(coords) + 1)) + [1])]
            return f.createIfcIndexedPolyCurve(pts, index, False)

        outer = curve(np.asarray(poly.exterior.coords)[:-1])
        holes = [curve(np.asarray(r.coords)[:-1]) for r in poly.interiors]
        if holes:
            profile = f.createIfcArbitraryProfileDefWithVoids("AREA", None, outer, holes)
        else:
            profile = f.createIfcArbitraryClosedProfileDef("AREA", None, outer)
        position = f.createIfcAxis2Placement3D(f.createIfcCartesianPoint((0.0, 0.0, round(z0, 6))))
        return f.createIfcExtrudedAreaSolid(profile, position, self.up, round(depth, 6))

    def body_of(self, e: Entity, items: list[Entity],
                kind: str = "SweptSolid") -> None:
        if not items:
            return
        rep = self.f.createIfcShapeRepresentation(self.body, "Body", kind, items)
        e.Representation = self.f.createIfcProductDefinitionShape(None, None, [rep])

    def face_set(self, mesh: Mesh) -> Entity:
        f = self.f
        pts = f.createIfcCartesianPointList3D([tuple(round(float(c), 6) for c in p) for p in mesh.vertices])
        faces = [f.createIfcIndexedPolygonalFace([int(i) + 1 for i in t]) for t in mesh.triangles]
        return f.createIfcPolygonalFaceSet(pts, None, faces, None)


def model_ifc(plan: Plan, site: SiteModel | None = None) -> bytes:
    """The plan's buildings as an IFC4 file (bytes, STEP text in UTF-8)."""
    site = site if site is not None else site_model(plan)
    w = _Ifc(plan)
    f = w.f
    ifc_site = w.entity("IfcSite", "Tomt", "site", LongName=clean(plan.project.name, 200))
    p = plan.project
    if p.gnr is not None or p.bnr is not None:
        ifc_site.LandTitleNumber = f"{clean(p.municipality, 60)} gnr {p.gnr if p.gnr is not None else '-'} " \
                                   f"bnr {p.bnr if p.bnr is not None else '-'}"
    w.place(ifc_site)
    _site_shape(w, ifc_site, plan, site)
    ifcopenshell.api.aggregate.assign_object(f, relating_object=w.project, products=[ifc_site])
    _georeference(w, ifc_site, plan)
    buildings = []
    for bm in site.buildings:
        buildings.append(_building(w, bm, ifc_site))
    if buildings:
        ifcopenshell.api.aggregate.assign_object(f, relating_object=ifc_site, products=buildings)
    w.finish()
    return f.to_string().encode("utf-8")


def _site_shape(w: _Ifc, ifc_site: Entity, plan: Plan, site: SiteModel) -> None:
    f = w.f
    reps = []
    outline = orient(Polygon(plan.plot.boundary)).exterior
    pts = [(float(x), float(y)) for x, y in shapely.get_coordinates(outline)]
    if len(pts) >= 4:
        plist = f.createIfcCartesianPointList2D([(round(x, 6), round(y, 6)) for x, y in pts[:-1]])
        index = [f.createIfcLineIndex(list(range(1, len(pts))) + [1])]
        curve = f.createIfcIndexedPolyCurve(plist, index, False)
        reps.append(f.createIfcShapeRepresentation(w.footprint, "FootPrint", "Curve2D", [curve]))
    if not site.terrain_mesh.is_empty:
        ground = w.face_set(site.terrain_mesh)
        reps.append(f.createIfcShapeRepresentation(w.body, "Body", "Tessellation", [ground]))
    if reps:
        ifc_site.Representation = f.createIfcProductDefinitionShape(None, None, reps)


def _georeference(w: _Ifc, ifc_site: Entity, plan: Plan) -> None:
    o = plan.origin
    if o is None:
        return
    crs = clean(o.crs, 40)
    ifcopenshell.api.georeference.add_georeferencing(w.f, ifc_class="IfcMapConversion", name=crs)
    ifcopenshell.api.georeference.edit_georeferencing(
        w.f, coordinate_operation={"Eastings": float(o.e), "Northings": float(o.n), "OrthogonalHeight": 0.0,
                                   "XAxisAbscissa": 1.0, "XAxisOrdinate": 0.0, "Scale": 1.0},
        projected_crs={"Name": crs, "Description": "ETRS89 / UTM" if utm_zone(crs) else None})
    ll = latitude_longitude(plan)
    if not ll.assumed:
        ifc_site.RefLatitude = _compound(ll.latitude)
        ifc_site.RefLongitude = _compound(ll.longitude)


def _compound(deg: float) -> tuple[int, int, int, int]:
    """Degrees as IFC's compound plane angle (degrees, minutes, seconds, millionths)."""
    sign = -1 if deg < 0 else 1
    micro = round(abs(deg) * 3600 * 1_000_000)
    d, rest = divmod(micro, 3600 * 1_000_000)
    m, rest = divmod(rest, 60 * 1_000_000)
    s, mu = divmod(rest, 1_000_000)
    return (sign * d, sign * m, sign * s, sign * mu)


def _building(w: _Ifc, bm: BuildingModel, ifc_site: Entity) -> Entity:
    f = w.f
    b, h = bm.building, bm.heights
    bid = clean(b.id, 80)
    ifc_b = w.entity("IfcBuilding", f"Bygning {bid}", f"b/{bid}", ElevationOfRefHeight=round(h.floor_z, 4))
    w.place(ifc_b, ifc_site)
    storeys = []
    top = bm.storeys[-1].number if bm.storeys else None
    for s in bm.storeys:
        st = w.entity("IfcBuildingStorey", storey_label(s.number), f"b/{bid}/s{s.number}",
                      Elevation=round(s.floor_z, 4), LongName=f"Bygning {bid}, {storey_label(s.number)}")
        w.place(st, ifc_b)
        storeys.append(st)
        contained = []
        walls = {}
        for i, wall in enumerate(bm.walls):
            if wall.storey == s.number:
                walls[i] = _wall(w, bm, i, wall, st)
                contained.append(walls[i])
        for o in bm.openings:
            if o.storey != s.number or o.wall not in walls:
                continue
            contained += _opening(w, bm, o, walls[o.wall], st)
        slab = w.entity("IfcSlab", f"Dekke {storey_label(s.number)}", f"b/{bid}/s{s.number}/slab",
                        PredefinedType="FLOOR" if s.number != bm.storeys[0].number else "BASESLAB")
        w.place(slab, st)
        w.body_of(slab, [w.extrusion(p, s.slab_z0, s.floor_z - s.slab_z0) for p in parts(s.slab)])
        contained.append(slab)
        if s.number == top and not bm.roof.mesh.is_empty:
            roof = w.entity("IfcRoof", f"Tak ({bm.roof.type})", f"b/{bid}/roof",
                            PredefinedType={"gable": "GABLE_ROOF", "hip": "HIP_ROOF", "mono": "SHED_ROOF",
                                            "flat": "FLAT_ROOF"}[bm.roof.type])
            w.place(roof, st)
            w.body_of(roof, [w.face_set(bm.roof.mesh)], "Tessellation")
            contained.append(roof)
        ifcopenshell.api.spatial.assign_container(f, relating_structure=st, products=contained)
        spaces = [_space(w, bid, r, st) for r in s.rooms]
        if spaces:
            ifcopenshell.api.aggregate.assign_object(f, relating_object=st, products=spaces)
    if storeys:
        ifcopenshell.api.aggregate.assign_object(f, relating_object=ifc_b, products=storeys)
    return ifc_b


def _wall(w: _Ifc, bm: BuildingModel, i: int, wall: Wall,
          storey: Entity) -> Entity:
    bid = clean(bm.building.id, 80)
    word = {"exterior": "Yttervegg", "interior": "Innervegg", "separating": "Skillevegg mellom boenheter"}
    e = w.entity("IfcWall", f"{word[wall.kind]} {i + 1}", f"b/{bid}/w{i}",
                 PredefinedType="SOLIDWALL" if wall.kind != "interior" else "PARTITIONING")
    w.place(e, storey)
    w.body_of(e, [w.extrusion(wall.polygon, wall.z0, wall.z1 - wall.z0)])
    pset = ifcopenshell.api.pset.add_pset(w.f, product=e, name="Pset_WallCommon")
    ifcopenshell.api.pset.edit_pset(w.f, pset=pset, properties={
        "IsExternal": wall.kind == "exterior", "LoadBearing": wall.kind != "interior"})
    return e


def _opening(w: _Ifc, bm: BuildingModel, o: Opening, wall_entity: Entity,
             storey: Entity) -> list[Entity]:
    bid = clean(bm.building.id, 80)
    wall = bm.walls[o.wall]
    key = f"b/{bid}/{o.kind}{o.index}"
    what = "vindu" if o.kind == "window" else "dør"
    hole = w.entity("IfcOpeningElement", f"Åpning for {what} {o.index + 1}", key + "/void",
                    PredefinedType="OPENING")
    w.place(hole, wall_entity)
    w.body_of(hole, [w.extrusion(wall.opening_polygon(o), o.z0, o.height_m)])
    ifcopenshell.api.feature.add_feature(w.f, feature=hole, element=wall_entity)
    if o.kind == "opening":
        return []
    mid = wall.thickness / 2
    leaf = 0.05 if o.kind == "door" else 0.08
    u = np.array([o.u0, o.u1, o.u1, o.u0])
    v = np.array([mid - leaf / 2] * 2 + [mid + leaf / 2] * 2)
    box = Polygon(wall.frame.to_world(u, v, np.zeros(4))[:, :2])
    if o.kind == "door":
        fill = w.entity("IfcDoor", f"Dør {o.index + 1}", key, PredefinedType="DOOR",
                        OverallWidth=round(o.width_m, 4), OverallHeight=round(o.height_m, 4))
    else:
        fill = w.entity("IfcWindow", f"Vindu {o.index + 1}", key, PredefinedType="WINDOW",
                        OverallWidth=round(o.width_m, 4), OverallHeight=round(o.height_m, 4))
    w.place(fill, storey)
    w.body_of(fill, [w.extrusion(box, o.z0, o.height_m)])
    ifcopenshell.api.feature.add_filling(w.f, opening=hole, element=fill)
    return [fill]


def _space(w: _Ifc, bid: str, r: RoomSpace, storey: Entity) -> Entity:
    room = r.room
    e = w.entity("IfcSpace", clean(room.id, 80), f"b/{bid}/r/{clean(room.id, 80)}",
                 LongName=clean(room.name, 200), ObjectType=room.type, PredefinedType="INTERNAL",
                 Description=type_name(room.type)[0])
    w.place(e, storey)
    w.body_of(e, [w.extrusion(p, r.floor_z, r.ceiling_m) for p in parts(r.net)])
    qto = ifcopenshell.api.pset.add_qto(w.f, product=e, name="Qto_SpaceBaseQuantities")
    ifcopenshell.api.pset.edit_qto(w.f, qto=qto, properties={
        "NetFloorArea": round(r.net_area_m2, 4), "Height": round(r.ceiling_m, 4),
        "NetVolume": round(r.net_area_m2 * r.ceiling_m, 4)})
    pset = ifcopenshell.api.pset.add_pset(w.f, product=e, name="Pset_SpaceCommon")
    ifcopenshell.api.pset.edit_pset(w.f, pset=pset, properties={"Reference": room.type, "IsExternal": False})
    return e



