// The drawing: one storey of a building (or the plot) as SVG from the plan document, and the
// view box that zoom, pan and fit change. The y axis of the plan points north; SVG's points down,
// so every point is drawn at (x, -y). Labels keep one size on screen at every zoom.

import { across, bounds, centroid, contains, outward, ring } from "./geometry.js";
import { fill, num, roomLabel, sideName } from "./format.js";

const NS = "http://www.w3.org/2000/svg";
export const LABEL_PX = 13;

export function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) { e.setAttribute(k, String(v)); }
  }
  if (parent) { parent.appendChild(e); }
  return e;
}

export function pts(coords) {
  return ring(coords).map((p) => `${p[0].toFixed(3)},${(-p[1]).toFixed(3)}`).join(" ");
}

export class View {
  constructor(svg) {
    this.svg = svg;
    this.box = { x: 0, y: -10, w: 10, h: 10 };
    // The drawing's size on screen, kept up to date without forcing a layout on every redraw.
    this.size = { width: 0, height: 0 };
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver((entries) => {
        const r = entries[0].contentRect;
        this.size = { width: r.width, height: r.height };
        this.sizeLabels();
      }).observe(svg);
    }
  }

  measure() {
    if (!this.size.width) {
      const r = this.svg.getBoundingClientRect();
      this.size = { width: r.width, height: r.height };
    }
    return this.size;
  }

  apply() {
    const b = this.box;
    this.svg.setAttribute("viewBox", `${b.x.toFixed(3)} ${b.y.toFixed(3)} ${b.w.toFixed(3)} ${b.h.toFixed(3)}`);
    this.sizeLabels();
  }

  // Metres per screen pixel (the drawing keeps its aspect ratio: the larger of the two).
  unitsPerPx() {
    const r = this.measure();
    if (!r.width || !r.height) { return this.box.w / 600; }
    return Math.max(this.box.w / r.width, this.box.h / r.height);
  }

  sizeLabels() {
    const u = this.unitsPerPx();
    for (const t of this.svg.querySelectorAll("text[data-px]")) {
      t.setAttribute("font-size", (Number(t.dataset.px) * u).toFixed(4));
      for (const s of t.querySelectorAll("tspan[data-line]")) {
        s.setAttribute("dy", (Number(t.dataset.px) * u * 1.2 * (s.dataset.line === "0" ? 0 : 1)).toFixed(4));
      }
    }
    for (const c of this.svg.querySelectorAll("[data-r-px]")) {
      c.setAttribute("r", (Number(c.dataset.rPx) * u).toFixed(4));
    }
  }

  fit(coords, marginM = 1.5) {
    const [x0, y0, x1, y1] = bounds(coords);
    const r = this.svg.getBoundingClientRect();
    this.size = { width: r.width, height: r.height };
    const aspect = r.width && r.height ? r.width / r.height : 1.4;
    let w = x1 - x0 + 2 * marginM;
    let h = y1 - y0 + 2 * marginM;
    if (w / h < aspect) { w = h * aspect; } else { h = w / aspect; }
    this.box = { x: (x0 + x1) / 2 - w / 2, y: -(y0 + y1) / 2 - h / 2, w, h };
    this.apply();
  }

  // Zoom by factor (>1 zooms in) keeping the SVG point (sx, sy) where it is.
  zoom(factor, sx, sy) {
    const b = this.box;
    const cx = sx ?? b.x + b.w / 2;
    const cy = sy ?? b.y + b.h / 2;
    const w = Math.min(Math.max(b.w / factor, 0.5), 5000);
    const k = w / b.w;
    this.box = { x: cx - (cx - b.x) * k, y: cy - (cy - b.y) * k, w, h: b.h * k };
    this.apply();
  }

  pan(dx, dy) {
    this.box.x -= dx;
    this.box.y -= dy;
    this.apply();
  }

  // One step of a two-finger gesture (g.d0: the fingers' last spread, g.m0: their last midpoint):
  // pan by the midpoint's move, zoom by the spread's change about the midpoint.
  pinchStep(g, pointers) {
    const [a, b] = [...pointers.values()];
    const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
    const m = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const u = this.unitsPerPx();
    this.pan((m[0] - g.m0[0]) * u, (m[1] - g.m0[1]) * u);
    const c = this.toSvg(m[0], m[1]);
    if (g.d0 > 0) { this.zoom(d / g.d0, c[0], c[1]); }
    g.d0 = d; g.m0 = m;
  }

  // Client (screen) coordinates to SVG coordinates, and to plan coordinates (y north).
  toSvg(clientX, clientY) {
    const m = this.svg.getScreenCTM();
    if (!m) { return [0, 0]; }
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return [p.x, p.y];
  }

  toPlan(clientX, clientY) {
    const [x, y] = this.toSvg(clientX, clientY);
    return [x, -y];
  }
}

function label(parent, lines, at, cls, px = LABEL_PX) {
  const t = el("text", { x: at[0].toFixed(3), y: (-at[1]).toFixed(3), class: cls, "text-anchor": "middle",
    "data-px": px, "aria-hidden": "true" }, parent);
  lines.forEach((line, i) => {
    const s = el("tspan", { x: at[0].toFixed(3), "data-line": i }, t);
    s.textContent = line;
  });
  return t;
}

function rulesOf(findings, subject) {
  return findings.filter((f) => f.subject === subject);
}

// The room's wall i as a person names it: "east wall, towards the hall, 4,20 m".
export function wallLabel(b, room, i, texts, lang) {
  const o = outward(room.polygon, i);
  if (!o) { return ""; }
  const mid = [(o.a[0] + o.b[0]) / 2 + o.nx * 0.05, (o.a[1] + o.b[1]) / 2 + o.ny * 0.05];
  const other = b.rooms.find((r) => r.id !== room.id && r.storey === room.storey && contains(r.polygon, mid));
  const towards = other ? fill(texts.wall_to, { room: other.name }) : texts.wall_outer;
  return fill(texts.wall_label, {
    side: sideName(o.nx, o.ny, texts), towards, length: num(o.length, 2, lang),
    across: num(across(room.polygon, o.nx, o.ny), 2, lang),
  });
}

// The edge of a room's polygon nearest to the line through a point: its direction (ux, uy).
function nearestEdge(polygon, at) {
  const poly = ring(polygon);
  let best = null;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const c = poly[(i + 1) % poly.length];
    const len = Math.hypot(c[0] - a[0], c[1] - a[1]);
    if (len < 0.01) { continue; }
    const ux = (c[0] - a[0]) / len;
    const uy = (c[1] - a[1]) / len;
    const off = Math.abs((at[0] - a[0]) * uy - (at[1] - a[1]) * ux);
    if (best === null || off < best.off) { best = { off, ux, uy }; }
  }
  return best;
}

function doorShape(g, b, d) {
  // The wall the door sits in: the nearest edge of its first real room.
  const rid = d.rooms.find((r) => r !== "outside");
  const room = b.rooms.find((r) => r.id === rid);
  if (!room) { return; }
  const best = nearestEdge(room.polygon, d.at);
  if (!best) { return; }
  const { ux, uy } = best;
  const h = d.width_m / 2;
  const p0 = [d.at[0] - ux * h, d.at[1] - uy * h];
  const p1 = [d.at[0] + ux * h, d.at[1] + uy * h];
  el("line", { x1: p0[0], y1: -p0[1], x2: p1[0], y2: -p1[1], class: "ed-door-gap" }, g);
  if (d.opening) { return; }
  const into = d.swing_into || (d.rooms[1] === "outside" ? d.rooms[0] : d.rooms[1]);
  const target = b.rooms.find((r) => r.id === into);
  let nx = -uy;
  let ny = ux;
  if (target && !contains(target.polygon, [d.at[0] + nx * 0.1, d.at[1] + ny * 0.1])) { nx = -nx; ny = -ny; }
  const hingeAtEnd = d.hinge === "right";
  const hp = hingeAtEnd ? p1 : p0;
  const fp = hingeAtEnd ? p0 : p1;
  const tip = [hp[0] + nx * d.width_m, hp[1] + ny * d.width_m];
  el("line", { x1: hp[0], y1: -hp[1], x2: tip[0], y2: -tip[1], class: "ed-door-leaf" }, g);
  const cross = (tip[0] - hp[0]) * (fp[1] - hp[1]) - (tip[1] - hp[1]) * (fp[0] - hp[0]);
  el("path", { d: `M ${tip[0]} ${-tip[1]} A ${d.width_m} ${d.width_m} 0 0 ${cross > 0 ? 1 : 0} ${fp[0]} ${-fp[1]}`,
    class: "ed-door-arc" }, g);
}

function windowShape(g, b, w) {
  const room = b.rooms.find((r) => r.id === w.room);
  if (!room) { return; }
  const best = nearestEdge(room.polygon, w.at);
  if (!best) { return; }
  const h = w.width_m / 2;
  const p0 = [w.at[0] - best.ux * h, w.at[1] - best.uy * h];
  const p1 = [w.at[0] + best.ux * h, w.at[1] + best.uy * h];
  el("line", { x1: p0[0], y1: -p0[1], x2: p1[0], y2: -p1[1], class: "ed-window-glass" }, g);
  el("line", { x1: p0[0], y1: -p0[1], x2: p1[0], y2: -p1[1], class: "ed-window-line" }, g);
}

// Draw one storey: rooms (a tab stop each), their walls (tab stops of the selected room),
// doors, windows, the outline's edges and corners, the stair of the storey below or above,
// and marks for the findings. ctx: {plan, figures, findings, buildingId, storey, selection,
// texts, lang}.
export function renderFloor(view, ctx) {
  const svg = view.svg;
  for (const g of svg.querySelectorAll("g.ed-layer")) { g.remove(); }
  const b = ctx.plan.buildings.find((x) => x.id === ctx.buildingId);
  if (!b) { return; }
  const { texts, lang, findings } = ctx;
  const sel = ctx.selection || {};
  const figs = (ctx.figures && ctx.figures.rooms) || {};
  const openings = ((ctx.figures && ctx.figures.openings) || {})[b.id] || { windows: [] };
  const layer = (cls) => el("g", { class: `ed-layer ${cls}` }, svg);
  const base = layer("ed-base");
  const ghosts = layer("ed-ghosts");
  const rooms = layer("ed-rooms");
  const walls = layer("ed-walls");
  const fp = layer("ed-footprint");
  const openingsLayer = layer("ed-openings");
  const corners = layer("ed-corners");
  const labels = layer("ed-labels");
  layer("ed-overlay");

  el("polygon", { points: pts(b.footprint), class: "ed-outline" }, base);
  for (const r of b.rooms) {
    if (r.storey !== ctx.storey && r.type === "stair" && Math.abs(r.storey - ctx.storey) === 1) {
      el("polygon", { points: pts(r.polygon), class: "ed-ghost" }, ghosts);
      label(ghosts, [fill(texts.stair_from, { n: r.storey })], centroid(r.polygon), "ed-ghost-label", 11);
    }
  }
  const onStorey = b.rooms.filter((r) => r.storey === ctx.storey);
  for (const r of onStorey) {
    const found = rulesOf(findings, `room:${r.id}`);
    const errors = found.filter((f) => f.severity === "error");
    const selected = sel.room === r.id;
    const g = el("g", {
      class: `ed-room${selected ? " is-selected" : ""}${errors.length ? " is-error" : ""}`
        + `${r.type === "stair" ? " is-stair" : ""}`,
      "data-key": `room:${r.id}`, "data-room": r.id, tabindex: 0, role: "button", focusable: "true",
      "data-rules": found.map((f) => f.rule).join(" "),
      "aria-label": roomLabel(r, figs[r.id], texts, lang)
        + (found.length ? ". " + fill(texts.n_findings, { n: found.length }) : ""),
      "aria-pressed": selected ? "true" : "false",
    }, rooms);
    el("polygon", { points: pts(r.polygon), class: "ed-room-shape" }, g);
    const lines = [r.name];
    if (figs[r.id]) { lines.push(`${num(figs[r.id].area, 1, lang)} m²`); }
    const at = centroid(r.polygon);
    const text = label(labels, lines, contains(r.polygon, at) ? at : ring(r.polygon)[0], "ed-label");
    text.dataset.room = r.id;
    if (errors.length) {
      const top = Math.max(...ring(r.polygon).map((q) => q[1]));
      const mark = label(labels, ["!"], [at[0], at[1] + Math.min(0.9, (top - at[1]) * 0.6)], "ed-mark", 15);
      mark.dataset.room = r.id;
      mark.dataset.mark = "error";
    }
    const pr = ring(r.polygon);
    if (sel.type === "wall" && sel.room === r.id && ctx.onDimension) {
      // The chosen wall's size across the room, on the drawing: click it to type the size exactly.
      const o = outward(r.polygon, sel.edge);
      if (o) {
        const mid = [(o.a[0] + o.b[0]) / 2 - o.nx * 0.45, (o.a[1] + o.b[1]) / 2 - o.ny * 0.45];
        const t = label(labels, [`${num(across(r.polygon, o.nx, o.ny), 2, lang)} m`], mid, "ed-dim ed-dim--pick", 14);
        t.dataset.dimension = "true";
      }
    }
    for (let i = 0; i < pr.length; i++) {
      const a = pr[i];
      const c = pr[(i + 1) % pr.length];
      if (Math.hypot(c[0] - a[0], c[1] - a[1]) < 0.01) { continue; }
      const isSel = sel.type === "wall" && sel.room === r.id && sel.edge === i;
      el("line", {
        x1: a[0], y1: -a[1], x2: c[0], y2: -c[1],
        class: `ed-wall${isSel ? " is-selected" : ""}`,
        "data-key": `wall:${r.id}:${i}`, "data-room": r.id, "data-edge": i,
        tabindex: selected ? 0 : -1, role: "button", focusable: selected ? "true" : "false",
        "aria-label": wallLabel(b, r, i, texts, lang),
        "aria-pressed": isSel ? "true" : "false",
      }, walls);
    }
  }
  const fring = ring(b.footprint);
  for (let i = 0; i < fring.length; i++) {
    const a = fring[i];
    const c = fring[(i + 1) % fring.length];
    const isSel = sel.type === "fedge" && sel.edge === i;
    el("line", {
      x1: a[0], y1: -a[1], x2: c[0], y2: -c[1], class: `ed-fedge${isSel ? " is-selected" : ""}`,
      "data-key": `fedge:${b.id}:${i}`, "data-edge": i, tabindex: -1, role: "button",
      "aria-label": fill(texts.outline_edge, { n: i + 1, length: num(Math.hypot(c[0] - a[0], c[1] - a[1]), 2, lang) }),
    }, fp);
    el("circle", { cx: a[0], cy: -a[1], "data-r-px": 7, class: "ed-fcorner", "data-key": `fcorner:${b.id}:${i}`,
      "data-corner": i, role: "presentation" }, corners);
  }
  const ids = new Set(onStorey.map((r) => r.id));
  (b.doors || []).forEach((d, k) => {
    if (!d.rooms.some((r) => ids.has(r))) { return; }
    const found = rulesOf(findings, `door:${k}`);
    const names = d.rooms.map((rid) => (rid === "outside" ? texts.outside
      : (b.rooms.find((r) => r.id === rid) || { name: rid }).name));
    const isSel = sel.type === "door" && sel.index === k;
    const g = el("g", {
      class: `ed-door${isSel ? " is-selected" : ""}${found.some((f) => f.severity === "error") ? " is-error" : ""}`,
      "data-key": `door:${b.id}:${k}`, "data-door": k, tabindex: 0, role: "button", focusable: "true",
      "data-rules": found.map((f) => f.rule).join(" "),
      "aria-label": fill(texts.door_label, { a: names[0], b: names[1], w: num(d.width_m, 2, lang) }),
      "aria-pressed": isSel ? "true" : "false",
    }, openingsLayer);
    doorShape(g, b, d);
    el("circle", { cx: d.at[0], cy: -d.at[1], "data-r-px": 9, class: "ed-hit" }, g);
  });
  (b.windows || []).forEach((w, k) => {
    if (!ids.has(w.room)) { return; }
    const room = b.rooms.find((r) => r.id === w.room);
    const off = openings.windows && openings.windows[k] === false;
    const isSel = sel.type === "window" && sel.index === k;
    const g = el("g", {
      class: `ed-window${isSel ? " is-selected" : ""}${off ? " is-error" : ""}`,
      "data-key": `window:${b.id}:${k}`, "data-window": k, tabindex: 0, role: "button", focusable: "true",
      "data-off-wall": off ? "true" : "false",
      "aria-label": fill(texts.window_label, { room: room ? room.name : w.room, w: num(w.width_m, 2, lang),
        h: num(w.height_m, 2, lang) }) + (off ? ". " + texts.window_off : ""),
      "aria-pressed": isSel ? "true" : "false",
    }, openingsLayer);
    windowShape(g, b, w);
    el("circle", { cx: w.at[0], cy: -w.at[1], "data-r-px": 8, class: "ed-hit" }, g);
  });
  view.sizeLabels();
}

// The live figure while dragging: the room's size across the moving wall, beside the wall.
export function showDimension(view, at, text, guide) {
  const overlay = view.svg.querySelector("g.ed-overlay");
  if (!overlay) { return; }
  overlay.replaceChildren();
  if (guide) {
    el("line", { x1: guide[0][0], y1: -guide[0][1], x2: guide[1][0], y2: -guide[1][1], class: "ed-guide" }, overlay);
  }
  if (text) {
    const t = label(overlay, [text], at, "ed-dim", 14);
    t.dataset.live = "dimension";
  }
  view.sizeLabels();
}

export function markPlace(view, at, text) {
  const overlay = view.svg.querySelector("g.ed-overlay");
  if (!overlay || !at) { return; }
  el("circle", { cx: at[0], cy: -at[1], "data-r-px": 12, class: "ed-problem", "data-mark": "problem" }, overlay);
  if (text) { label(overlay, [text], [at[0], at[1]], "ed-problem-label", 12); }
  view.sizeLabels();
}

// What both editors (floor plan and plot) share around the drawing: the toolbar's buttons
// (data-action names a key of actions), Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) outside form fields, the
// question before leaving with unsaved changes, and labels kept legible when the window resizes.
export function bindShell(root, view, state, actions) {
  for (const b of root.querySelectorAll("[data-action]")) {
    b.addEventListener("click", () => actions[b.dataset.action]());
  }
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, select, textarea");
    if (typing || !(e.ctrlKey || e.metaKey)) { return; }
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) { e.preventDefault(); actions.undo(); }
    else if ((k === "z" && e.shiftKey) || k === "y") { e.preventDefault(); actions.redo(); }
  });
  window.addEventListener("beforeunload", (e) => {
    if (state.history && state.history.dirty) { e.preventDefault(); e.returnValue = ""; }
  });
  window.addEventListener("resize", () => view.sizeLabels());
}
