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

  // Labels and handles keep one size on screen: font sizes and radii in drawing units for the zoom.
  // An element already sized for this zoom is skipped (a redraw keeps most of them).
  sizeLabels() {
    const u = this.unitsPerPx();
    for (const t of this.svg.querySelectorAll("text[data-px]")) {
      if (t._sizedFor === u && t.childElementCount === t._sizedLines) { continue; }
      const px = Number(t.getAttribute("data-px"));
      t.setAttribute("font-size", (px * u).toFixed(4));
      const dy = (px * u * 1.2).toFixed(4);
      for (const s of t.children) {
        if (s.getAttribute("data-line") !== null) { s.setAttribute("dy", s.getAttribute("data-line") === "0" ? "0.0000" : dy); }
      }
      t._sizedFor = u;
      t._sizedLines = t.childElementCount;
    }
    for (const c of this.svg.querySelectorAll("[data-r-px]")) {
      if (c._sizedFor === u) { continue; }
      c.setAttribute("r", (Number(c.getAttribute("data-r-px")) * u).toFixed(4));
      c._sizedFor = u;
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

// ---------------------------------------------------------------- keyed drawing

// An element as the drawing wants it: tag, attributes, children (or text) and a key that names it among
// its siblings across redraws.
function S(tag, attrs, children = null, key = null) {
  return { tag, attrs, children, key };
}

function labelSpec(lines, at, cls, px = LABEL_PX, more = {}, key = null) {
  const x = at[0].toFixed(3);
  return S("text", { x, y: (-at[1]).toFixed(3), class: cls, "text-anchor": "middle", "data-px": px,
    "aria-hidden": "true", ...more },
  lines.map((line, i) => ({ tag: "tspan", attrs: { x, "data-line": i }, text: line, key: `l${i}` })), key);
}

// Bring parent's children in line with specs: an element whose key (else tag and place) is the same is
// kept, so focus stays on it and only the attributes that changed are written; new ones are made, the
// rest removed. Attributes set from outside (label sizes) are left alone; elements without a key made
// from outside (the overlay's marks) are removed.
export function patch(parent, specs) {
  const old = new Map();
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    if (c._key !== undefined) { old.set(c._key, c); }
  }
  let cursor = parent.firstElementChild;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const key = s.key ?? `${s.tag}#${i}`;
    let e = old.get(key);
    if (e !== undefined && e._tag !== s.tag) { e = undefined; }
    if (e === undefined) {
      e = document.createElementNS(NS, s.tag);
      e._key = key;
      e._tag = s.tag;
      e._attrs = {};
    } else {
      old.delete(key);
    }
    const prev = e._attrs;
    const attrs = s.attrs;
    for (const k in attrs) {
      const v = attrs[k];
      if (v === null || v === undefined) {
        if (k in prev) { e.removeAttribute(k); delete prev[k]; }
        continue;
      }
      const sv = typeof v === "string" ? v : String(v);
      if (prev[k] !== sv) { e.setAttribute(k, sv); prev[k] = sv; }
    }
    for (const k in prev) {
      if (!(k in attrs)) { e.removeAttribute(k); delete prev[k]; }
    }
    if (s.text !== undefined && e._text !== s.text) { e.textContent = s.text; e._text = s.text; }
    if (s.children) { patch(e, s.children); }
    if (e === cursor) { cursor = cursor.nextElementSibling; } else { parent.insertBefore(e, cursor); }
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
}

// An element changed from outside (a mark, a dragged handle): its next patch writes every attribute.
export function touched(e) {
  if (e && e._attrs) { e._attrs = {}; }
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

const f3 = (v) => v.toFixed(3);

function doorShape(b, d) {
  // The wall the door sits in: the nearest edge of its first real room.
  const rid = d.rooms.find((r) => r !== "outside");
  const room = b.rooms.find((r) => r.id === rid);
  if (!room) { return []; }
  const best = nearestEdge(room.polygon, d.at);
  if (!best) { return []; }
  const { ux, uy } = best;
  const h = d.width_m / 2;
  const p0 = [d.at[0] - ux * h, d.at[1] - uy * h];
  const p1 = [d.at[0] + ux * h, d.at[1] + uy * h];
  const out = [S("line", { x1: f3(p0[0]), y1: f3(-p0[1]), x2: f3(p1[0]), y2: f3(-p1[1]), class: "ed-door-gap" },
    null, "gap")];
  if (d.opening) { return out; }
  const into = d.swing_into || (d.rooms[1] === "outside" ? d.rooms[0] : d.rooms[1]);
  const target = b.rooms.find((r) => r.id === into);
  let nx = -uy;
  let ny = ux;
  if (target && !contains(target.polygon, [d.at[0] + nx * 0.1, d.at[1] + ny * 0.1])) { nx = -nx; ny = -ny; }
  const hingeAtEnd = d.hinge === "right";
  const hp = hingeAtEnd ? p1 : p0;
  const fp = hingeAtEnd ? p0 : p1;
  const tip = [hp[0] + nx * d.width_m, hp[1] + ny * d.width_m];
  out.push(S("line", { x1: f3(hp[0]), y1: f3(-hp[1]), x2: f3(tip[0]), y2: f3(-tip[1]), class: "ed-door-leaf" },
    null, "leaf"));
  const cross = (tip[0] - hp[0]) * (fp[1] - hp[1]) - (tip[1] - hp[1]) * (fp[0] - hp[0]);
  out.push(S("path", { d: `M ${f3(tip[0])} ${f3(-tip[1])} A ${d.width_m} ${d.width_m} 0 0 ${cross > 0 ? 1 : 0} `
    + `${f3(fp[0])} ${f3(-fp[1])}`, class: "ed-door-arc" }, null, "arc"));
  return out;
}

function windowShape(b, w) {
  const room = b.rooms.find((r) => r.id === w.room);
  if (!room) { return []; }
  const best = nearestEdge(room.polygon, w.at);
  if (!best) { return []; }
  const h = w.width_m / 2;
  const p0 = [w.at[0] - best.ux * h, w.at[1] - best.uy * h];
  const p1 = [w.at[0] + best.ux * h, w.at[1] + best.uy * h];
  const line = { x1: f3(p0[0]), y1: f3(-p0[1]), x2: f3(p1[0]), y2: f3(-p1[1]) };
  return [S("line", { ...line, class: "ed-window-glass" }, null, "glass"),
    S("line", { ...line, class: "ed-window-line" }, null, "line")];
}

const LAYERS = ["ed-base", "ed-ghosts", "ed-rooms", "ed-walls", "ed-footprint", "ed-openings", "ed-corners",
  "ed-labels", "ed-overlay"];

// Draw one storey: rooms (a tab stop each), their walls (tab stops of the selected room),
// doors, windows, the outline's edges and corners, the stair of the storey below or above,
// and marks for the findings. ctx: {plan, figures, findings, buildingId, storey, selection,
// texts, lang}. The drawing is patched, not rebuilt: an element that stays keeps its node (and focus),
// and only what changed is written; the overlay (live figures, marks) is cleared.
export function renderFloor(view, ctx) {
  const svg = view.svg;
  const b = ctx.plan.buildings.find((x) => x.id === ctx.buildingId);
  if (!b) { patch(svg, []); return; }
  const { texts, lang, findings } = ctx;
  const sel = ctx.selection || {};
  const figs = (ctx.figures && ctx.figures.rooms) || {};
  const openings = ((ctx.figures && ctx.figures.openings) || {})[b.id] || { windows: [] };
  const bySubject = new Map();
  for (const f of findings) {
    const list = bySubject.get(f.subject);
    if (list) { list.push(f); } else { bySubject.set(f.subject, [f]); }
  }
  const found = (subject) => bySubject.get(subject) || [];
  const L = Object.fromEntries(LAYERS.map((c) => [c, []]));

  L["ed-base"].push(S("polygon", { points: pts(b.footprint), class: "ed-outline" }, null, "outline"));
  for (const r of b.rooms) {
    if (r.storey !== ctx.storey && r.type === "stair" && Math.abs(r.storey - ctx.storey) === 1) {
      L["ed-ghosts"].push(S("polygon", { points: pts(r.polygon), class: "ed-ghost" }, null, `ghost:${r.id}`));
      L["ed-ghosts"].push(labelSpec([fill(texts.stair_from, { n: r.storey })], centroid(r.polygon), "ed-ghost-label",
        11, {}, `ghost-label:${r.id}`));
    }
  }
  const onStorey = b.rooms.filter((r) => r.storey === ctx.storey);
  for (const r of onStorey) {
    const here = found(`room:${r.id}`);
    const errors = here.filter((f) => f.severity === "error");
    const selected = sel.room === r.id;
    L["ed-rooms"].push(S("g", {
      class: `ed-room${selected ? " is-selected" : ""}${errors.length ? " is-error" : ""}`
        + `${r.type === "stair" ? " is-stair" : ""}`,
      "data-key": `room:${r.id}`, "data-room": r.id, tabindex: 0, role: "button", focusable: "true",
      "data-rules": here.map((f) => f.rule).join(" "),
      "aria-label": roomLabel(r, figs[r.id], texts, lang)
        + (here.length ? ". " + fill(texts.n_findings, { n: here.length }) : ""),
      "aria-pressed": selected ? "true" : "false",
    }, [S("polygon", { points: pts(r.polygon), class: "ed-room-shape" }, null, "shape")], `room:${r.id}`));
    const lines = [r.name];
    if (figs[r.id]) { lines.push(`${num(figs[r.id].area, 1, lang)} m²`); }
    const at = centroid(r.polygon);
    L["ed-labels"].push(labelSpec(lines, contains(r.polygon, at) ? at : ring(r.polygon)[0], "ed-label", LABEL_PX,
      { "data-room": r.id }, `label:${r.id}`));
    if (errors.length) {
      const top = Math.max(...ring(r.polygon).map((q) => q[1]));
      L["ed-labels"].push(labelSpec(["!"], [at[0], at[1] + Math.min(0.9, (top - at[1]) * 0.6)], "ed-mark", 15,
        { "data-room": r.id, "data-mark": "error" }, `mark:${r.id}`));
    }
    const pr = ring(r.polygon);
    if (sel.type === "wall" && sel.room === r.id && ctx.onDimension) {
      // The chosen wall's size across the room, on the drawing: click it to type the size exactly.
      const o = outward(r.polygon, sel.edge);
      if (o) {
        const mid = [(o.a[0] + o.b[0]) / 2 - o.nx * 0.45, (o.a[1] + o.b[1]) / 2 - o.ny * 0.45];
        L["ed-labels"].push(labelSpec([`${num(across(r.polygon, o.nx, o.ny), 2, lang)} m`], mid, "ed-dim ed-dim--pick",
          14, { "data-dimension": "true" }, "dimension"));
      }
    }
    for (let i = 0; i < pr.length; i++) {
      const a = pr[i];
      const c = pr[(i + 1) % pr.length];
      if (Math.hypot(c[0] - a[0], c[1] - a[1]) < 0.01) { continue; }
      const isSel = sel.type === "wall" && sel.room === r.id && sel.edge === i;
      L["ed-walls"].push(S("line", {
        x1: f3(a[0]), y1: f3(-a[1]), x2: f3(c[0]), y2: f3(-c[1]),
        class: `ed-wall${isSel ? " is-selected" : ""}`,
        "data-key": `wall:${r.id}:${i}`, "data-room": r.id, "data-edge": i,
        tabindex: selected ? 0 : -1, role: "button", focusable: selected ? "true" : "false",
        "aria-label": wallLabel(b, r, i, texts, lang),
        "aria-pressed": isSel ? "true" : "false",
      }, null, `wall:${r.id}:${i}`));
    }
  }
  const fring = ring(b.footprint);
  for (let i = 0; i < fring.length; i++) {
    const a = fring[i];
    const c = fring[(i + 1) % fring.length];
    const isSel = sel.type === "fedge" && sel.edge === i;
    L["ed-footprint"].push(S("line", {
      x1: f3(a[0]), y1: f3(-a[1]), x2: f3(c[0]), y2: f3(-c[1]), class: `ed-fedge${isSel ? " is-selected" : ""}`,
      "data-key": `fedge:${b.id}:${i}`, "data-edge": i, tabindex: -1, role: "button",
      "aria-label": fill(texts.outline_edge, { n: i + 1, length: num(Math.hypot(c[0] - a[0], c[1] - a[1]), 2, lang) }),
    }, null, `fedge:${b.id}:${i}`));
    L["ed-corners"].push(S("circle", { cx: f3(a[0]), cy: f3(-a[1]), "data-r-px": 7, class: "ed-fcorner",
      "data-key": `fcorner:${b.id}:${i}`, "data-corner": i, role: "presentation" }, null, `fcorner:${b.id}:${i}`));
  }
  const ids = new Set(onStorey.map((r) => r.id));
  const names = new Map(b.rooms.map((r) => [r.id, r.name]));
  (b.doors || []).forEach((d, k) => {
    if (!d.rooms.some((r) => ids.has(r))) { return; }
    const here = found(`door:${k}`);
    const between = d.rooms.map((rid) => (rid === "outside" ? texts.outside : names.get(rid) ?? rid));
    const isSel = sel.type === "door" && sel.index === k;
    L["ed-openings"].push(S("g", {
      class: `ed-door${isSel ? " is-selected" : ""}${here.some((f) => f.severity === "error") ? " is-error" : ""}`,
      "data-key": `door:${b.id}:${k}`, "data-door": k, tabindex: 0, role: "button", focusable: "true",
      "data-rules": here.map((f) => f.rule).join(" "),
      "aria-label": fill(texts.door_label, { a: between[0], b: between[1], w: num(d.width_m, 2, lang) }),
      "aria-pressed": isSel ? "true" : "false",
    }, [...doorShape(b, d), S("circle", { cx: f3(d.at[0]), cy: f3(-d.at[1]), "data-r-px": 9, class: "ed-hit" },
      null, "hit")], `door:${b.id}:${k}`));
  });
  (b.windows || []).forEach((w, k) => {
    if (!ids.has(w.room)) { return; }
    const off = openings.windows && openings.windows[k] === false;
    const isSel = sel.type === "window" && sel.index === k;
    L["ed-openings"].push(S("g", {
      class: `ed-window${isSel ? " is-selected" : ""}${off ? " is-error" : ""}`,
      "data-key": `window:${b.id}:${k}`, "data-window": k, tabindex: 0, role: "button", focusable: "true",
      "data-off-wall": off ? "true" : "false",
      "aria-label": fill(texts.window_label, { room: names.get(w.room) ?? w.room, w: num(w.width_m, 2, lang),
        h: num(w.height_m, 2, lang) }) + (off ? ". " + texts.window_off : ""),
      "aria-pressed": isSel ? "true" : "false",
    }, [...windowShape(b, w), S("circle", { cx: f3(w.at[0]), cy: f3(-w.at[1]), "data-r-px": 8, class: "ed-hit" },
      null, "hit")], `window:${b.id}:${k}`));
  });
  patch(svg, LAYERS.map((c) => S("g", { class: `ed-layer ${c}` }, L[c], c)));
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
