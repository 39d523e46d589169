// The 3D view on the project and floor-plan pages: the buildings on their plot, from the
// server's model.glb (the same model as the drawings and the IFC). Turn, pan and zoom by
// mouse and touch (OrbitControls, pointer events), by keyboard on the canvas (arrow keys
// turn, Shift+arrow keys pan, + and - zoom, Home resets) or with the buttons; show it without
// the roof with the rooms named, one floor at a time, and the sun for a date and clock time.
import * as THREE from "../../vendor/three/three.module.js";
import { OrbitControls } from "../../vendor/three/OrbitControls.js";
import { buildScene, parseGlb } from "./glb.js";
import { osloToUtc, sunDirection, sunPosition } from "./sun.js";

const STEP = Math.PI / 16;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ""));
}

class Viewer {
  constructor(section) {
    this.section = section;
    this.canvas = section.querySelector("canvas");
    this.labels = section.querySelector(".viewer3d-labels");
    this.status = section.querySelector("[data-out=status]");
    this.t = section.dataset;
    this.number = new Intl.NumberFormat(document.documentElement.lang || "nb", { maximumFractionDigits: 0 });
    this.roofs = [];
    this.storeys = [];
    this.rooms = [];
  }

  async start() {
    try {
      this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias: true, preserveDrawingBuffer: true });
    } catch (e) {
      this.say(this.t.noWebgl);
      this.canvas.dataset.state = "no-webgl";
      return;
    }
    this.renderer.shadowMap.enabled = true;
    this.renderer.shadowMap.type = THREE.PCFShadowMap;
    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(0xdfe9f3);
    this.camera = new THREE.PerspectiveCamera(40, 4 / 3, 0.1, 2000);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener("change", () => this.render());
    this.hemi = new THREE.HemisphereLight(0xffffff, 0x9a9f8a, 2.0);
    this.sun = new THREE.DirectionalLight(0xfff4e0, 2.2);
    this.sun.castShadow = true;
    this.sun.shadow.mapSize.set(2048, 2048);
    this.scene.add(this.hemi, this.sun, this.sun.target);
    let model;
    try {
      const response = await fetch(this.section.dataset.model, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      model = buildScene(parseGlb(await response.arrayBuffer()));
    } catch (e) {
      this.say(this.t.failed);
      this.canvas.dataset.state = "failed";
      return;
    }
    this.scene.add(model);
    this.site = model.userData;
    model.traverse((o) => {
      const kind = o.userData && o.userData.kind;
      if (kind === "roof") this.roofs.push(o);
      if (kind === "storey") this.storeys.push(o);
      if (kind === "room") this.rooms.push(o);
    });
    this.model = model;
    this.frame();
    this.wire();
    this.resize();
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.canvas.dataset.state = "ready";
    this.canvas.dataset.nodes = String(this.rooms.length);
    this.say(this.t.ready);
  }

  say(text) { if (this.status) this.status.textContent = text; }

  frame() {
    // aim at the buildings; the plot and its neighbours fill the rest of the view
    this.model.updateMatrixWorld(true);
    const box = new THREE.Box3();
    for (const s of this.storeys) box.expandByObject(s);
    for (const r of this.roofs) box.expandByObject(r);
    if (box.isEmpty()) box.setFromObject(this.model);
    const centre = box.getCenter(new THREE.Vector3());
    const radius = Math.max(box.getSize(new THREE.Vector3()).length() / 2, 5);
    this.home = { target: centre.clone(), position: centre.clone().add(new THREE.Vector3(0.9, 0.8, 1.3).multiplyScalar(radius * 1.5)) };
    this.radius = radius;
    this.reset();
    const site = new THREE.Box3().setFromObject(this.model);
    const span = Math.max(site.getSize(new THREE.Vector3()).length() / 2, radius * 2);
    const cam = this.sun.shadow.camera;
    cam.left = -span; cam.right = span; cam.top = span; cam.bottom = -span; cam.near = 0.5; cam.far = span * 6;
    cam.updateProjectionMatrix();
    this.span = span;
  }

  reset() {
    this.controls.target.copy(this.home.target);
    this.camera.position.copy(this.home.position);
    this.controls.update();
  }

  orbit(dTheta, dPhi) {
    const offset = this.camera.position.clone().sub(this.controls.target);
    const s = new THREE.Spherical().setFromVector3(offset);
    s.theta += dTheta;
    s.phi = Math.min(Math.max(s.phi + dPhi, 0.05), Math.PI / 2 - 0.02);
    offset.setFromSpherical(s);
    this.camera.position.copy(this.controls.target).add(offset);
    this.controls.update();
  }

  pan(dx, dy) {
    const offset = this.camera.position.clone().sub(this.controls.target);
    const right = new THREE.Vector3().setFromMatrixColumn(this.camera.matrix, 0);
    const forward = new THREE.Vector3(offset.x, 0, offset.z).normalize().negate();
    const move = right.multiplyScalar(dx * this.radius * 0.2).add(forward.multiplyScalar(dy * this.radius * 0.2));
    this.controls.target.add(move);
    this.camera.position.add(move);
    this.controls.update();
  }

  zoom(factor) {
    const offset = this.camera.position.clone().sub(this.controls.target).multiplyScalar(factor);
    if (offset.length() < 2 || offset.length() > this.span * 6) return;
    this.camera.position.copy(this.controls.target).add(offset);
    this.controls.update();
  }

  act(name) {
    const acts = {
      left: () => this.orbit(-STEP, 0), right: () => this.orbit(STEP, 0), up: () => this.orbit(0, -STEP),
      down: () => this.orbit(0, STEP), "zoom-in": () => this.zoom(0.8), "zoom-out": () => this.zoom(1.25),
      "pan-left": () => this.pan(-1, 0), "pan-right": () => this.pan(1, 0), "pan-up": () => this.pan(0, 1),
      "pan-down": () => this.pan(0, -1), reset: () => this.reset(),
    };
    if (acts[name]) acts[name]();
    this.canvas.dataset.azimuth = this.controls.getAzimuthalAngle().toFixed(3);
  }

  wire() {
    for (const b of this.section.querySelectorAll("button[data-act]")) {
      b.addEventListener("click", () => this.act(b.dataset.act));
    }
    this.canvas.addEventListener("keydown", (e) => {
      const keys = e.shiftKey
        ? { ArrowLeft: "pan-left", ArrowRight: "pan-right", ArrowUp: "pan-up", ArrowDown: "pan-down" }
        : { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };
      const name = keys[e.key] || { "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", Home: "reset" }[e.key];
      if (name) { e.preventDefault(); this.act(name); }
    });
    this.controls.addEventListener("end", () => {
      this.canvas.dataset.azimuth = this.controls.getAzimuthalAngle().toFixed(3);
    });
    const noRoof = this.section.querySelector("[data-opt=noroof]");
    const storey = this.section.querySelector("[data-opt=storey]");
    const numbers = [...new Set(this.storeys.map((s) => s.userData.storey))].sort((a, b) => a - b);
    for (const n of numbers) {
      const option = document.createElement("option");
      option.value = String(n);
      option.textContent = fill(this.t.storey, { n });
      storey.append(option);
    }
    const apply = () => this.show(noRoof.checked, storey.value);
    noRoof.addEventListener("change", apply);
    storey.addEventListener("change", apply);
    const date = this.section.querySelector("[data-opt=date]");
    const time = this.section.querySelector("[data-opt=time]");
    if (!date.value) date.value = new Date().toISOString().slice(0, 10);
    const sun = () => this.setSun(date.value, Number(time.value));
    date.addEventListener("change", sun);
    time.addEventListener("input", sun);
    const place = this.section.querySelector("[data-out=place]");
    const lat = new Intl.NumberFormat(document.documentElement.lang || "nb", { maximumFractionDigits: 2 });
    place.textContent = fill(this.site.latitude_assumed ? this.t.placeAssumed : this.t.place,
      { lat: lat.format(this.site.latitude), lon: lat.format(this.site.longitude) });
    apply();
    sun();
  }

  show(noRoof, storey) {
    const one = storey !== "all";
    for (const r of this.roofs) r.visible = !noRoof && !one;
    for (const s of this.storeys) s.visible = !one || String(s.userData.storey) === storey;
    this.canvas.dataset.roof = this.roofs.some((r) => r.visible) ? "shown" : "hidden";
    this.canvas.dataset.storey = storey;
    this.labelled = noRoof || one ? this.topRooms() : [];
    this.labels.replaceChildren(...this.labelled.map((r) => {
      const span = document.createElement("span");
      span.className = "viewer3d-label";
      span.textContent = r.userData.name;
      r.label = span;
      return span;
    }));
    this.render();
  }

  topRooms() {
    // the rooms of the highest floor shown of each building: the ones seen from above
    const top = new Map();
    for (const s of this.storeys) {
      if (!s.visible) continue;
      const b = s.userData.building;
      if (!top.has(b) || top.get(b).userData.storey < s.userData.storey) top.set(b, s);
    }
    return this.rooms.filter((r) => [...top.values()].includes(r.parent))
      .sort((a, b) => (b.userData.net_area_m2 || 0) - (a.userData.net_area_m2 || 0));
  }

  setSun(date, hours) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    const utc = osloToUtc(date, hours);
    const { azimuth, elevation } = sunPosition(utc, this.site.latitude, this.site.longitude);
    const [x, y, z] = sunDirection(azimuth, elevation);
    const target = this.home.target;
    this.sun.target.position.copy(target);
    this.sun.position.set(target.x + x * this.span * 2, target.y + y * this.span * 2, target.z + z * this.span * 2);
    const up = elevation > 0;
    this.sun.intensity = up ? 2.6 * Math.min(1, Math.sin(elevation * Math.PI / 180) * 3 + 0.3) : 0;
    this.hemi.intensity = up ? 1.6 : 0.9;
    const clock = `${String(Math.floor(hours)).padStart(2, "0")}:${String(Math.round((hours % 1) * 60)).padStart(2, "0")}`;
    this.section.querySelector("[data-out=time]").textContent = clock;
    this.section.querySelector("[data-out=sun]").textContent = up
      ? fill(this.t.sun, { az: this.number.format(azimuth), el: this.number.format(elevation), dir: this.direction(azimuth) })
      : this.t.night;
    this.canvas.dataset.sunElevation = elevation.toFixed(2);
    this.render();
  }

  direction(azimuth) {
    const names = this.t.directions.split(",");
    return names[Math.round(azimuth / 45) % 8];
  }

  resize() {
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    if (!w || !h) return;
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.setSize(w, h, false);
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
    this.render();
  }

  render() {
    if (!this.renderer || !this.model) return;
    this.renderer.render(this.scene, this.camera);
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    const p = new THREE.Vector3();
    const placed = [];
    // the larger rooms first; a label that would cover one already placed waits for a closer view
    for (const r of this.labelled || []) {
      const [x, y, z] = r.userData.label;
      p.set(x, y, z).applyMatrix4(r.parent.matrixWorld).project(this.camera);
      const cx = ((p.x + 1) / 2) * w, cy = ((1 - p.y) / 2) * h;
      const bw = (r.labelWidth ||= r.label.offsetWidth || 60) + 4, bh = 20;
      const free = !placed.some((q) => Math.abs(q.x - cx) < (q.w + bw) / 2 && Math.abs(q.y - cy) < bh);
      const inside = p.z < 1 && Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1;
      r.label.hidden = !(inside && free);
      if (!r.label.hidden) placed.push({ x: cx, y: cy, w: bw });
      r.label.style.transform = `translate(${cx}px, ${cy}px) translate(-50%, -50%)`;
    }
  }
}

for (const section of document.querySelectorAll(".viewer3d[data-model]")) {
  new Viewer(section).start();
}
