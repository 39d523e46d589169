"""``model.glb``: the site in 3D as glTF 2.0 binary, from :mod:`planner.building.model3d`.

Metres, y up as glTF wants: glTF (X, Y, Z) = plan (x, z, −y), so north is −Z. The
vertices are stored relative to the plot's centre and the root node carries that
centre as its translation, which keeps float32 precise for georeferenced plans.

Nodes (each with ``extras``):

- ``Tomt`` (root): ``{"kind": "site", "origin": ..., "latitude": ..., "longitude": ...}``;
- ``Terreng``: the finished ground surface (``kind: "terrain"``);
- ``Naboer``: one child per neighbour building, grey (``kind: "neighbour"``);
- one node per building ``Bygning A`` (``kind: "building"``, heights), with one child per
  storey ``A 1. etasje`` (``kind: "storey"``; its mesh: the floor slab, each wall as its own
  closed primitive, the window glass and the door leaves), one child per room under its
  storey (``kind: "room"``, ``room_id``, ``name``, ``type``, ``net_area_m2``, ``label``:
  where its name goes, in glTF coordinates) and the roof ``A tak`` (``kind: "roof"``).

Meshes have positions and indices only; a reader computes flat normals, as the glTF
specification says for meshes without normals.
"""

from __future__ import annotations

import functools
import json
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from planner.building.geo import latitude_longitude
from planner.building.mesh import Mesh, frames_to_plan, quad_prisms
from planner.building.model3d import BuildingModel, SiteModel, site_model
from planner.export.style import ROOM_FILL, clean, storey_label
from planner.model import Plan

MATERIALS: dict[str, tuple[tuple[float, float, float, float], float]] = {
    "terrain": ((0.55, 0.68, 0.42, 1.0), 1.0),
    "neighbour": ((0.62, 0.62, 0.62, 1.0), 0.9),
    "wall": ((0.93, 0.91, 0.86, 1.0), 0.85),
    "interior": ((0.98, 0.97, 0.95, 1.0), 0.9),
    "slab": ((0.70, 0.70, 0.70, 1.0), 0.9),
    "roof": ((0.55, 0.22, 0.18, 1.0), 0.8),
    "glass": ((0.55, 0.75, 0.90, 0.45), 0.1),
    "door": ((0.45, 0.32, 0.22, 1.0), 0.7),
}
"""Base colour (linear RGBA) and roughness of each kind of surface."""
LEAF_M = 0.04
"""Thickness of a door leaf or a pane of glass in the model."""


@functools.lru_cache(maxsize=64)
def _srgb_to_linear(hex_colour: str) -> tuple[float, float, float, float]:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return (round(lin[0], 4), round(lin[1], 4), round(lin[2], 4), 1.0)


@dataclass
class _Writer:
    """Collects accessors, meshes and nodes, and packs them into one GLB.

    The vertices and triangles of every primitive are gathered as they come and written at the
    end in one go: all positions in one buffer view, all indices in another, each primitive's
    accessors pointing into them.
    """

    centre: tuple[float, float]
    accessors: list[dict[str, Any]] = field(default_factory=list)
    meshes: list[dict[str, Any]] = field(default_factory=list)
    nodes: list[dict[str, Any]] = field(default_factory=list)
    materials: list[dict[str, Any]] = field(default_factory=list)
    material_index: dict[str, int] = field(default_factory=dict)
    _vertices: list[np.ndarray] = field(default_factory=list)
    _indices: list[np.ndarray] = field(default_factory=list)
    _positions: list[dict[str, Any]] = field(default_factory=list)
    _vertex_count: int = 0
    _index_count: int = 0

    def material(self, name: str, rgba: tuple[float, float, float, float] | None = None,
                 roughness: float = 0.9) -> int:
        if name in self.material_index:
            return self.material_index[name]
        if rgba is None:
            rgba, roughness = MATERIALS[name]
        m: dict[str, Any] = {"name": name, "pbrMetallicRoughness": {
            "baseColorFactor": list(rgba), "metallicFactor": 0.0, "roughnessFactor": roughness}}
        if rgba[3] < 1.0:
            m["alphaMode"] = "BLEND"
            m["doubleSided"] = True
        self.material_index[name] = len(self.materials)
        self.materials.append(m)
        return self.material_index[name]

    def primitive(self, mesh: Mesh, material: int) -> dict[str, Any] | None:
        if mesh.is_empty:
            return None
        nv, ni = len(mesh.vertices), mesh.triangles.size
        pos = {"bufferView": 0, "byteOffset": 12 * self._vertex_count, "componentType": 5126, "count": nv,
               "type": "VEC3"}
        idx = {"bufferView": 1, "byteOffset": 4 * self._index_count, "componentType": 5125, "count": ni,
               "type": "SCALAR"}
        self._vertices.append(mesh.vertices)
        self._indices.append(mesh.triangles.reshape(-1))
        self._positions.append(pos)
        self._vertex_count += nv
        self._index_count += ni
        self.accessors += [pos, idx]
        return {"attributes": {"POSITION": len(self.accessors) - 2}, "indices": len(self.accessors) - 1,
                "material": material, "mode": 4}

    def mesh(self, name: str, prims: list[dict[str, Any] | None]) -> int | None:
        prims = [p for p in prims if p is not None]
        if not prims:
            return None
        self.meshes.append({"name": name, "primitives": prims})
        return len(self.meshes) - 1

    def node(self, name: str, extras: dict[str, Any], mesh: int | None = None,
             children: list[int] | None = None, translation: list[float] | None = None) -> int:
        n: dict[str, Any] = {"name": name, "extras": extras}
        if mesh is not None:
            n["mesh"] = mesh
        if children:
            n["children"] = children
        if translation is not None:
            n["translation"] = translation
        self.nodes.append(n)
        return len(self.nodes) - 1

    def point(self, x: float, y: float, z: float) -> list[float]:
        """A plan point in the root node's glTF coordinates."""
        return [round(x - self.centre[0], 3), round(z, 3), round(-(y - self.centre[1]), 3)]

    def _buffer(self) -> bytes:
        """Every primitive's positions (plan to glTF axes, float32) then its indices (uint32); each
        position accessor gets its ``min`` and ``max``, as glTF requires."""
        v = np.concatenate(self._vertices)
        pos = np.empty_like(v, dtype="<f4")
        pos[:, 0] = v[:, 0] - self.centre[0]
        pos[:, 1] = v[:, 2]
        pos[:, 2] = -(v[:, 1] - self.centre[1])
        starts = np.array([a["byteOffset"] // 12 for a in self._positions])
        lo = np.minimum.reduceat(pos, starts, axis=0).tolist()
        hi = np.maximum.reduceat(pos, starts, axis=0).tolist()
        for a, mn, mx in zip(self._positions, lo, hi, strict=True):
            a["min"], a["max"] = mn, mx
        return pos.tobytes() + np.concatenate(self._indices).astype("<u4").tobytes()

    def glb(self, root: int, extras: dict[str, Any]) -> bytes:
        doc: dict[str, Any] = {
            "asset": {"version": "2.0", "generator": "planner (plan/1 to glTF)"},
            "scene": 0, "scenes": [{"name": "Tomt", "nodes": [root], "extras": extras}],
            "nodes": self.nodes, "meshes": self.meshes, "materials": self.materials,
        }
        buffer = self._buffer() if self._vertices else b""
        if buffer:
            doc["accessors"] = self.accessors
            doc["bufferViews"] = [
                {"buffer": 0, "byteOffset": 0, "byteLength": 12 * self._vertex_count, "byteStride": 12,
                 "target": 34962},           # a stride, as glTF asks of a vertex view that accessors share
                {"buffer": 0, "byteOffset": 12 * self._vertex_count, "byteLength": 4 * self._index_count,
                 "target": 34963}]
            doc["buffers"] = [{"byteLength": len(buffer)}]
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        text += b" " * (-len(text) % 4)
        chunks = struct.pack("<II", len(text), 0x4E4F534A) + text
        if buffer:
            chunks += struct.pack("<II", len(buffer), 0x004E4942) + buffer
        return struct.pack("<III", 0x46546C67, 2, 12 + len(chunks)) + chunks


def model_glb(plan: Plan, site: SiteModel | None = None) -> bytes:
    """The plan's site and buildings as a GLB (bytes)."""
    site = site if site is not None else site_model(plan)
    centre = _centre(plan)
    w = _Writer(centre)
    children = []
    terrain = w.mesh("Terreng", [w.primitive(site.terrain_mesh, w.material("terrain"))])
    if terrain is not None:
        children.append(w.node("Terreng", {"kind": "terrain", "flat": bool(site.terrain.is_flat_default)},
                               terrain))
    if site.neighbours:
        nb = []
        for k, n in enumerate(site.neighbours):
            m = w.mesh(f"Nabobygning {k + 1}", [w.primitive(n.mesh, w.material("neighbour"))])
            nb.append(w.node(f"Nabobygning {k + 1}", {"kind": "neighbour", "index": k,
                                                         "top_z": round(n.top_z, 3)}, m))
        children.append(w.node("Naboer", {"kind": "neighbours"}, children=nb))
    for bm in site.buildings:
        children.append(_building_node(w, bm))
    latlon = latitude_longitude(plan)
    extras = {"kind": "site", "project": clean(plan.project.name), "centre": [centre[0], centre[1]],
              "latitude": latlon.latitude, "longitude": latlon.longitude, "latitude_assumed": latlon.assumed,
              "crs": clean(plan.origin.crs, 40) if plan.origin else None, "up": "y", "north": "-z",
              "units": "m"}
    root = w.node("Tomt", extras, children=children, translation=[centre[0], 0.0, -centre[1]])
    return w.glb(root, extras)


def _centre(plan: Plan) -> tuple[float, float]:
    pts = np.asarray(plan.plot.boundary, dtype=float).reshape(-1, 2)
    if not len(pts):
        return (0.0, 0.0)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return (round(float(lo[0] + hi[0]) / 2, 3), round(float(lo[1] + hi[1]) / 2, 3))


def _building_node(w: _Writer, bm: BuildingModel) -> int:
    b, h = bm.building, bm.heights
    kids = []
    for s in bm.storeys:
        prims = [w.primitive(s.slab_mesh, w.material("slab"))]
        for wall in bm.walls_of(s.number):
            kind = "wall" if wall.kind == "exterior" else "interior"
            prims.append(w.primitive(wall.mesh, w.material(kind)))
        glass, leaves = _fillings(bm, s.number)
        prims.append(w.primitive(glass, w.material("glass")))
        prims.append(w.primitive(leaves, w.material("door")))
        rooms = []
        for r, floor in zip(s.rooms, s.floor_meshes, strict=True):
            colour = ROOM_FILL.get(r.room.type, ROOM_FILL["other"])
            m = w.mesh(f"{clean(r.room.name, 80)}", [w.primitive(floor, w.material(
                f"room-{r.room.type}", _srgb_to_linear(colour), 0.95))])
            x, y = r.label_point
            rooms.append(w.node(clean(r.room.name, 80), {
                "kind": "room", "room_id": clean(r.room.id, 80), "name": clean(r.room.name, 80),
                "type": r.room.type, "storey": s.number, "net_area_m2": round(r.net_area_m2, 2),
                "ceiling_m": round(r.ceiling_m, 2), "label": w.point(x, y, s.floor_z + 1.2)}, m))
        name = f"{clean(b.id, 40)} {storey_label(s.number)}"
        kids.append(w.node(name, {"kind": "storey", "building": clean(b.id, 80), "storey": s.number,
                                  "floor_z": round(s.floor_z, 3), "height_m": round(s.height_m, 3)},
                           w.mesh(name, prims), rooms))
    roof = bm.roof
    m = w.mesh(f"{clean(b.id, 40)} tak", [w.primitive(roof.mesh, w.material("roof"))])
    kids.append(w.node(f"{clean(b.id, 40)} tak", {
        "kind": "roof", "building": clean(b.id, 80), "type": roof.type, "pitch_deg": round(roof.pitch_deg, 2),
        "ridge_z": round(roof.ridge_z, 3)}, m))
    return w.node(f"Bygning {clean(b.id, 40)}", {
        "kind": "building", "id": clean(b.id, 80), "status": b.state, "building_kind": b.building_kind,
        "floor_z": round(h.floor_z, 3), "wall_top_z": round(h.wall_top, 3),
        "ridge_z": round(bm.roof.ridge_z, 3), "mean_terrain_z": round(h.mean_terrain, 3),
        "gesims_m": round(h.gesims_m, 2), "mone_m": round(h.mone_m, 2),
        "storeys": [s.number for s in bm.storeys]}, children=kids)


def _fillings(bm: BuildingModel, storey: int) -> tuple[Mesh, Mesh]:
    """Panes of glass in the windows and leaves in the doors of one storey (thin closed boxes)."""
    out = []
    for kind in ("window", "door"):
        found = [o for o in bm.openings if o.storey == storey and o.kind == kind]
        if not found:
            out.append(Mesh.empty())
            continue
        # each box's corners in plan: (u0, mid - leaf/2), (u1, ...), (u1, mid + leaf/2), (u0, ...),
        # counter-clockwise since (d, n) turn left
        walls = [bm.walls[o.wall] for o in found]
        a = np.array([(o.u0, o.u1, w.thickness / 2 - LEAF_M / 2, w.thickness / 2 + LEAF_M / 2, o.z0, o.z1)
                      for o, w in zip(found, walls, strict=True)], dtype=float)
        corners = frames_to_plan([w.frame for w in walls], a[:, [0, 1, 1, 0]], a[:, [2, 2, 3, 3]])
        out.append(quad_prisms(corners, a[:, 4], a[:, 5]))
    return out[0], out[1]
