// Reads the server's model.glb (glTF 2.0 binary) into a three.js scene graph.
//
// It reads what planner writes (planner/export/gltf.py): nodes with names, extras,
// translations and children; meshes of triangle primitives with POSITION and indices; and
// metallic-roughness materials with a base colour. Meshes carry no normals, so they are
// drawn with flat shading, as the glTF specification asks for meshes without normals.
import * as THREE from "../../vendor/three/three.module.js";

const JSON_CHUNK = 0x4e4f534a;
const BIN_CHUNK = 0x004e4942;
const COMPONENTS = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 };
const ARRAYS = { 5121: Uint8Array, 5123: Uint16Array, 5125: Uint32Array, 5126: Float32Array };

/** The JSON document and the binary chunk of a GLB file. */
export function parseGlb(buffer) {
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== 0x46546c67 || view.getUint32(4, true) !== 2) {
    throw new Error("not a glTF 2.0 binary");
  }
  let offset = 12;
  let json = null;
  let bin = null;
  while (offset < view.byteLength) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (type === JSON_CHUNK) json = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, start, length)));
    if (type === BIN_CHUNK) bin = buffer.slice(start, start + length);
    offset = start + length;
  }
  if (!json) throw new Error("no JSON chunk");
  return { json, bin };
}

function accessor(doc, bin, index) {
  const a = doc.accessors[index];
  const v = doc.bufferViews[a.bufferView];
  const Type = ARRAYS[a.componentType];
  return new Type(bin, (v.byteOffset || 0) + (a.byteOffset || 0), a.count * COMPONENTS[a.type]);
}

function material(doc, index, cache) {
  if (cache.has(index)) return cache.get(index);
  const m = doc.materials[index] || {};
  const pbr = m.pbrMetallicRoughness || {};
  const [r, g, b, a] = pbr.baseColorFactor || [0.8, 0.8, 0.8, 1];
  const out = new THREE.MeshStandardMaterial({
    color: new THREE.Color().setRGB(r, g, b, THREE.LinearSRGBColorSpace),
    roughness: pbr.roughnessFactor ?? 1, metalness: pbr.metallicFactor ?? 0, flatShading: true,
    transparent: m.alphaMode === "BLEND", opacity: a, side: m.doubleSided ? THREE.DoubleSide : THREE.FrontSide,
    depthWrite: m.alphaMode !== "BLEND",
  });
  out.name = m.name || "";
  cache.set(index, out);
  return out;
}

/** A THREE.Group holding the scene of a parsed GLB; each node's extras are in its userData. */
export function buildScene({ json: doc, bin }) {
  const materials = new Map();
  const meshes = (doc.meshes || []).map((mesh) => mesh.primitives.map((p) => {
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(accessor(doc, bin, p.attributes.POSITION), 3));
    if (p.indices !== undefined) geometry.setIndex(new THREE.BufferAttribute(accessor(doc, bin, p.indices), 1));
    geometry.computeBoundingSphere();
    return { geometry, material: material(doc, p.material, materials) };
  }));
  const node = (index) => {
    const n = doc.nodes[index];
    const group = new THREE.Group();
    group.name = n.name || "";
    group.userData = n.extras || {};
    if (n.translation) group.position.fromArray(n.translation);
    if (n.mesh !== undefined) {
      for (const { geometry, material: mat } of meshes[n.mesh]) {
        const m = new THREE.Mesh(geometry, mat);
        m.castShadow = !mat.transparent;
        m.receiveShadow = true;
        group.add(m);
      }
    }
    for (const child of n.children || []) group.add(node(child));
    return group;
  };
  const root = new THREE.Group();
  const scene = doc.scenes[doc.scene || 0];
  root.userData = scene.extras || {};
  for (const index of scene.nodes) root.add(node(index));
  return root;
}
