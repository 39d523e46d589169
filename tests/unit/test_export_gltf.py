"""model.glb read back with pygltflib and trimesh: nodes, extras, metres, y up, bounds and closed walls."""

from __future__ import annotations

import io
import json
import math
import struct
from pathlib import Path

import numpy as np
import pygltflib
import pytest
import trimesh

from planner import model
from planner.export.gltf import model_glb
from planner.geometry import BuildingGeometry

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = sorted((ROOT / "layouts").glob("*.json"))


def two_storeys(**roof: object) -> model.Plan:
    doc = json.loads((ROOT / "layouts" / "enebolig-to-etasjer.json").read_text(encoding="utf-8"))
    doc["buildings"][0]["roof"] = {"type": "gable", "pitch_deg": 30, **roof}
    doc["plot"]["terrain"] = [[0, 0, 10.0], [18, 0, 10.0], [0, 28, 12.8], [18, 28, 12.8]]
    doc["plot"]["neighbours"] = {"buildings": [{"footprint": [[20, 2], [30, 2], [30, 10], [20, 10]],
                                                "gesims_m": 5.0}]}
    return model.from_dict(doc)


def _nodes(gltf: pygltflib.GLTF2, kind: str) -> list[pygltflib.Node]:
    return [n for n in gltf.nodes if (n.extras or {}).get("kind") == kind]


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_one_node_per_building_storey_room_and_roof_with_names_and_room_ids(path: Path) -> None:
    plan = model.loads(path.read_bytes())
    data = model_glb(plan)
    assert data[:4] == b"glTF" and struct.unpack("<I", data[8:12])[0] == len(data)
    gltf = pygltflib.GLTF2.load_from_bytes(data)
    assert gltf.asset.version == "2.0"
    buildings = _nodes(gltf, "building")
    assert sorted(n.extras["id"] for n in buildings) == sorted(b.id for b in plan.buildings)
    storeys = _nodes(gltf, "storey")
    assert len(storeys) == sum(len({r.storey for r in b.rooms} | set(range(1, b.storeys + 1)))
                               for b in plan.buildings)
    assert len(_nodes(gltf, "roof")) == len(plan.buildings)
    rooms = _nodes(gltf, "room")
    assert sorted(n.extras["room_id"] for n in rooms) == sorted(r.id for _, r in plan.all_rooms())
    by_id = {r.id: r for _, r in plan.all_rooms()}
    for n in rooms:
        room = by_id[n.extras["room_id"]]
        assert n.name == room.name and n.extras["type"] == room.type
        assert n.mesh is not None
    for b in buildings:          # the building's storeys and roof hang under it, the rooms under their storey
        kinds = [gltf.nodes[c].extras["kind"] for c in b.children]
        assert kinds.count("roof") == 1 and kinds.count("storey") >= 1
    assert len(gltf.meshes) == len([n for n in gltf.nodes if n.mesh is not None])


def test_the_bounds_are_the_footprint_and_the_ridge_in_metres_with_y_up() -> None:
    plan = two_storeys()
    b = plan.buildings[0]
    scene = trimesh.load(io.BytesIO(model_glb(plan)), file_type="glb", force="scene")
    walls, roofs = [], []
    for name in scene.graph.nodes_geometry:
        transform, geometry = scene.graph[name]
        mesh = scene.geometry[geometry].copy().apply_transform(transform)
        if name.endswith("tak"):
            roofs.append(mesh)
        elif "etasje" in name:              # the storeys: slab, walls, glass and doors
            walls.append(mesh)
    # glTF (X, Y, Z) = plan (x, z, -y)
    lo, hi = trimesh.util.concatenate(walls).bounds
    fp = np.array(b.footprint)
    assert (lo[0], hi[0]) == pytest.approx((fp[:, 0].min(), fp[:, 0].max()), abs=0.01)
    assert (-hi[2], -lo[2]) == pytest.approx((fp[:, 1].min(), fp[:, 1].max()), abs=0.01)
    ridge = trimesh.util.concatenate(roofs).bounds[1][1]
    g = 11.62                                      # mean terrain along the outline, by hand
    assert ridge == pytest.approx(g + 5.4 + math.tan(math.radians(30)) * 4.2, abs=0.01)
    assert lo[1] == pytest.approx(g - 0.25, abs=0.01)     # the ground slab under the floor


def test_every_wall_is_a_watertight_primitive_of_its_storey() -> None:
    plan = two_storeys(overhang_m=0.4)
    gltf = pygltflib.GLTF2.load_from_bytes(model_glb(plan))
    scene = trimesh.load(io.BytesIO(model_glb(plan)), file_type="glb", force="scene")
    storey_meshes = {gltf.meshes[n.mesh].name for n in _nodes(gltf, "storey")}
    walls = 0
    for name, geom in scene.geometry.items():
        if not any(name.startswith(m) for m in storey_meshes):
            continue
        assert geom.is_watertight, name
        walls += 1
    mesh = next(m for m in gltf.meshes if m.name.endswith("1. etasje"))
    materials = [gltf.materials[p.material].name for p in mesh.primitives]
    assert materials.count("wall") == 4 and materials.count("interior") >= 4
    assert {"slab", "glass", "door"} <= set(materials)
    assert walls >= len(mesh.primitives)
    roof = next(m for m in scene.geometry.values() if m.bounds[1][1] > 18)
    assert roof.is_watertight and roof.is_winding_consistent


def test_the_site_is_placed_by_its_centre_and_says_where_on_earth_it_is() -> None:
    plan = two_storeys()
    plan.origin = model.Origin("EPSG:25832", 597000.0, 6643000.0)
    gltf = pygltflib.GLTF2.load_from_bytes(model_glb(plan))
    root = gltf.nodes[gltf.scenes[0].nodes[0]]
    assert root.translation == [9.0, 0.0, -14.0]
    assert root.extras["crs"] == "EPSG:25832" and not root.extras["latitude_assumed"]
    assert root.extras["latitude"] == pytest.approx(59.92, abs=0.01)
    assert len(_nodes(gltf, "neighbour")) == 1 and len(_nodes(gltf, "terrain")) == 1
    room = _nodes(gltf, "room")[0]
    label = np.array(room.extras["label"]) + np.array(root.translation)
    assert 4.8 <= label[0] <= 13.2 and 12 <= -label[2] <= 20.4


def test_room_names_are_kept_as_text_and_ids_as_given() -> None:
    plan = two_storeys()
    room = plan.buildings[0].rooms[0]
    room.name = 'Stue <script>"x"</script> & co'
    gltf = pygltflib.GLTF2.load_from_bytes(model_glb(plan))
    node = next(n for n in _nodes(gltf, "room") if n.extras["room_id"] == room.id)
    assert node.extras["name"] == room.name
    net = BuildingGeometry.of(plan.buildings[0]).net_area(room.id)
    assert node.extras["net_area_m2"] == pytest.approx(net, abs=0.01)


@pytest.mark.parametrize("path", LAYOUTS[:3], ids=lambda p: p.stem)
def test_shared_buffer_views_follow_the_rules_of_gltf(path: Path) -> None:
    """All positions share one buffer view and all indices another (what the Khronos validator
    checks: a vertex view that several accessors read has a byteStride, an index view has none;
    every accessor lies inside its view; min and max are the positions' own)."""
    gltf = pygltflib.GLTF2.load_from_bytes(model_glb(model.loads(path.read_bytes())))
    blob = gltf.binary_blob()
    readers: dict[int, set[str]] = {}
    for mesh in gltf.meshes:
        for p in mesh.primitives:
            readers.setdefault(gltf.accessors[p.attributes.POSITION].bufferView, set()).add("vertex")
            readers.setdefault(gltf.accessors[p.indices].bufferView, set()).add("index")
    assert all(len(kinds) == 1 for kinds in readers.values())
    for v, kinds in readers.items():
        view = gltf.bufferViews[v]
        assert view.byteStride == (12 if kinds == {"vertex"} else None)
        assert view.byteOffset + view.byteLength <= len(blob)
    for a in gltf.accessors:
        view = gltf.bufferViews[a.bufferView]
        size = 12 if a.type == "VEC3" else 4
        assert a.byteOffset % 4 == 0 and a.byteOffset + a.count * size <= view.byteLength
        if a.type == "VEC3":
            start = view.byteOffset + a.byteOffset
            pos = np.frombuffer(blob, dtype="<f4", count=3 * a.count, offset=start).reshape(-1, 3)
            assert a.min == pos.min(axis=0).tolist() and a.max == pos.max(axis=0).tolist()
