// The plot editor: the outline from side lengths and angles (as a surveyor's sketch reads), corners
// dragged on a 0.5 m grid, edges tapped to mark roads. The server checks every change (a self-crossing
// or degenerate outline is refused with the place marked); undo, save and discard as on the floor plan.

import { call } from "./api.js";
import { fill, num } from "./format.js";
import { area, bounds, dist, outlineFromSides, parallelOffset, ring, sidesOf } from "./geometry.js";
import { History } from "./history.js";
import { parseNumber, readNumber, toGrid } from "./snap.js";
import { View, bindShell, el, markPlace, pts } from "./view.js";

const GRID_M = 0.5;

export function start(root) {
  const texts = JSON.parse(root.dataset.texts);
  const lang = root.dataset.lang;
  const csrf = root.dataset.csrf;
  const svg = root.querySelector("#plot-svg");
  const view = new View(svg);
  const $ = (id) => root.querySelector("#" + id);
  const state = { history: null, base: null, busy: false, gesture: null, origin: { start: [0, 0], bearing: 0 },
    edits: 0, pointers: new Map(), edge: null };
  root.editor = state;
  const current = () => state.history.current;

  function say(text, alarm = false) {
    $("plot-status").textContent = text;
    $("plot-alert").textContent = alarm ? text : "";
  }

  function draw(keep) {
    for (const g of svg.querySelectorAll("g.ed-layer")) { g.remove(); }
    const plot = current().plan.plot;
    const corners = ring(plot.boundary || []);
    const layer = (cls) => el("g", { class: `ed-layer ${cls}` }, svg);
    const grid = layer("ed-gridlines");
    const shapes = layer("ed-shapes");
    const hits = layer("ed-hits");
    const handles = layer("ed-handles");
    layer("ed-overlay");
    const [x0, y0, x1, y1] = bounds(corners.length ? corners : [[0, 0], [20, 20]]);
    const step = Math.max(x1 - x0, y1 - y0) > 80 ? 10 : Math.max(x1 - x0, y1 - y0) > 30 ? 5 : 1;
    for (let x = Math.floor((x0 - 10) / step) * step; x <= x1 + 10; x += step) {
      el("line", { x1: x, y1: -(y0 - 10), x2: x, y2: -(y1 + 10), class: "ed-grid" }, grid);
    }
    for (let y = Math.floor((y0 - 10) / step) * step; y <= y1 + 10; y += step) {
      el("line", { x1: x0 - 10, y1: -y, x2: x1 + 10, y2: -y, class: "ed-grid" }, grid);
    }
    if (corners.length >= 3) { el("polygon", { points: pts(corners), class: "ed-plot-area" }, shapes); }
    const roads = new Set(plot.road_edges || []);
    for (const r of plot.roads || []) {
      if (!roads.has(r.edge) || !r.centreline || r.centreline.length < 2) { continue; }
      el("polyline", { points: r.centreline.map((p) => `${p[0]},${-p[1]}`).join(" "), class: "ed-road-centre",
        "data-road-edge": r.edge }, shapes);
      const [p, q] = [r.centreline[0], r.centreline[r.centreline.length - 1]];
      const t = el("text", { x: (p[0] + q[0]) / 2, y: -(p[1] + q[1]) / 2, "data-px": 11, class: "ed-road-label",
        "text-anchor": "middle", "aria-hidden": "true" }, shapes);
      t.textContent = r.name || texts["kind_" + r.kind];
    }
    corners.forEach((a, i) => {
      const b = corners[(i + 1) % corners.length];
      const road = roads.has(i);
      const chosen = state.edge === i;
      el("line", { x1: a[0], y1: -a[1], x2: b[0], y2: -b[1],
        class: `ed-plot-edge${road ? " is-road" : ""}${chosen ? " is-selected" : ""}` }, shapes);
      const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const t = el("text", { x: mid[0], y: -mid[1], "data-px": 12, class: "ed-label", "text-anchor": "middle",
        "aria-hidden": "true" }, shapes);
      t.textContent = String(i);
      el("line", {
        x1: a[0], y1: -a[1], x2: b[0], y2: -b[1], class: "ed-plot-hit", tabindex: 0, role: "button",
        "data-key": `edge:${i}`, "data-edge": i, "data-road": road ? "true" : "false",
        "aria-label": fill(texts.edge_label, { n: i, length: num(dist(a, b), 2, lang), road: road ? roadText(i) : "" }),
      }, hits);
    });
    corners.forEach((p, i) => {
      el("circle", {
        cx: p[0], cy: -p[1], "data-r-px": 8, class: "ed-plot-corner", tabindex: 0, role: "button",
        "data-key": `corner:${i}`, "data-corner": i,
        "aria-label": fill(texts.corner_label, { n: i + 1, x: num(p[0], 2, lang), y: num(p[1], 2, lang) }),
      }, handles);
    });
    view.sizeLabels();
    drawRoad();
    drawFindings();
    const h = state.history;
    root.querySelector("[data-action=undo]").disabled = !h.canUndo;
    root.querySelector("[data-action=redo]").disabled = !h.canRedo;
    root.querySelector("[data-action=save]").disabled = !h.dirty;
    root.querySelector("[data-action=discard]").disabled = !h.dirty;
    $("plot-dirty").textContent = h.dirty ? texts.unsaved : texts.all_saved;
    root.dataset.dirty = h.dirty ? "true" : "false";
    if (keep) {
      const e = svg.querySelector(`[data-key="${CSS.escape(keep)}"]`);
      if (e) { e.focus({ preventScroll: true }); }
    }
  }

  // ---------------------------------------------------------------- the road beside a road edge

  function roadOf(i) { return (current().plan.plot.roads || []).find((r) => r.edge === i) || null; }

  function roadText(i) {
    const r = roadOf(i);
    if (!r) { return texts.road; }
    return texts.road + ": " + [r.name, texts["kind_" + r.kind]].filter(Boolean).join(", ");
  }

  // The distance from edge i to a centre line the editor would have drawn (the edge moved straight
  // out); null when the line is another (a surveyed centre line from the plan).
  function centreDistance(i, line) {
    const corners = ring(current().plan.plot.boundary || []);
    if (corners.length < 3) { return null; }
    return parallelOffset(corners[i], corners[(i + 1) % corners.length], line);
  }

  function drawRoad() {
    const box = $("plot-road");
    const plot = current().plan.plot;
    const i = state.edge;
    if (i === null || !(plot.road_edges || []).includes(i)) {
      state.edge = null;
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const r = roadOf(i);
    $("plot-road-title").textContent = fill(texts.road_title, { n: i });
    const form = $("plot-road-form");
    form.elements.road_kind.value = r ? r.kind : "";
    form.elements.name.value = r && r.name ? r.name : "";
    const d = r ? centreDistance(i, r.centreline) : null;
    form.elements.centre_m.value = d === null ? "" : num(d, 2, lang);
    form.dataset.ownLine = r && r.centreline && d === null ? "true" : "false";
    $("plot-road-own").hidden = form.dataset.ownLine !== "true";
    for (const e of form.querySelectorAll("[aria-invalid]")) { e.setAttribute("aria-invalid", "false"); }
  }

  // The plot's findings now (the floor plan's are on the floor plan page).
  function drawFindings() {
    const ul = $("plot-findings");
    const found = (current().findings || []).filter((f) => f.rule.startsWith("plot."));
    ul.replaceChildren();
    if (!found.length) {
      const li = document.createElement("li");
      li.className = "notice notice--success";
      li.textContent = texts.no_plot_findings;
      ul.appendChild(li);
      return;
    }
    for (const f of found) {
      const li = document.createElement("li");
      li.className = `finding finding--${f.severity}`;
      li.dataset.rule = f.rule;
      li.textContent = f.message;
      ul.appendChild(li);
    }
  }

  function markField(path) {
    const name = path && path.startsWith("edit.") ? path.slice(5) : null;
    const input = name && $("plot-road-form").elements[name];
    if (input && !$("plot-road").hidden) { input.setAttribute("aria-invalid", "true"); input.focus(); }
  }

  $("plot-road-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const i = state.edge;
    if (i === null) { return; }
    const edit = { kind: "set_road_edge", edge: i, road: true, road_kind: form.elements.road_kind.value,
      name: form.elements.name.value };
    const text = form.elements.centre_m.value.trim();
    if (text !== "") {
      const [low, high] = state.limits.road_centre_m || [0, Infinity];
      const read = readNumber(text, low, high, texts.road_centre, texts, lang);
      if (read.problem) {
        form.elements.centre_m.setAttribute("aria-invalid", "true");
        say(read.problem, true);
        form.elements.centre_m.focus();
        return;
      }
      edit.centre_m = read.value;
    } else if (form.dataset.ownLine !== "true") {
      edit.centre_m = null;   // no centre line (a surveyed one is kept while the field stays empty)
    }
    if (await send(edit)) {
      fit();   // the centre line may lie outside the view
      say(fill(texts.road_saved, { n: i, road: roadText(i) }));
      $("plot-road-kind").focus();
    }
  });

  $("plot-road-off").addEventListener("click", async () => {
    const i = state.edge;
    if (i === null) { return; }
    if (await send({ kind: "set_road_edge", edge: i, road: false }, `edge:${i}`)) {
      say(fill(texts.road_off, { n: i }));
    }
  });

  function fit() {
    const plot = current().plan.plot;
    const corners = ring(plot.boundary || []);
    const lines = (plot.roads || []).filter((r) => (plot.road_edges || []).includes(r.edge) && r.centreline)
      .flatMap((r) => r.centreline);
    view.fit(corners.length ? corners.concat(lines) : [[0, 0], [20, 20]], 3);
  }

  // ---------------------------------------------------------------- the sides table

  function addRow(length, angle) {
    const body = $("plot-side-rows");
    const n = body.children.length + 1;
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = String(n);
    tr.appendChild(th);
    for (const [name, value, label] of [["length", length, texts.length], ["angle", angle, texts.angle]]) {
      const td = document.createElement("td");
      const input = document.createElement("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
      input.name = name;
      input.value = value === null ? "" : num(value, name === "angle" ? 1 : 2, lang);
      input.setAttribute("aria-label", `${fill(texts.side, { n })}: ${label}`);
      td.appendChild(input);
      tr.appendChild(td);
    }
    const td = document.createElement("td");
    const rm = document.createElement("button");
    rm.type = "button";
    rm.className = "button button--small button--secondary";
    rm.textContent = "×";
    rm.setAttribute("aria-label", fill(texts.remove_side, { n }));
    rm.addEventListener("click", () => {
      const next = tr.nextElementSibling || tr.previousElementSibling;
      tr.remove();
      renumber();
      const focus = next && next.querySelector("input");
      if (focus) { focus.focus(); } else { $("plot-add-side").focus(); }
    });
    td.appendChild(rm);
    tr.appendChild(td);
    body.appendChild(tr);
    return tr;
  }

  function renumber() {
    [...$("plot-side-rows").children].forEach((tr, i) => {
      tr.querySelector("th").textContent = String(i + 1);
      const [l, a] = tr.querySelectorAll("input");
      l.setAttribute("aria-label", `${fill(texts.side, { n: i + 1 })}: ${texts.length}`);
      a.setAttribute("aria-label", `${fill(texts.side, { n: i + 1 })}: ${texts.angle}`);
      tr.querySelector("button").setAttribute("aria-label", fill(texts.remove_side, { n: i + 1 }));
    });
  }

  function fillSides() {
    const body = $("plot-side-rows");
    body.replaceChildren();
    const corners = ring(current().plan.plot.boundary || []);
    if (corners.length >= 3) {
      const s = sidesOf(corners);
      state.origin = { start: s.start, bearing: s.bearing };
      s.sides.forEach((side) => addRow(side.length_m, side.angle_deg));
    } else {
      state.origin = { start: [0, 0], bearing: 0 };
      addRow(null, 90); addRow(null, 90); addRow(null, 90);
    }
  }

  function readSides() {
    const sides = [];
    for (const tr of $("plot-side-rows").children) {
      const [l, a] = tr.querySelectorAll("input");
      const length = parseNumber(l.value);
      const angle = a.value.trim() === "" ? 90 : parseNumber(a.value);
      for (const [input, v] of [[l, length], [a, angle]]) {
        input.setAttribute("aria-invalid", Number.isNaN(v) ? "true" : "false");
        if (Number.isNaN(v)) { say(texts.not_a_number, true); input.focus(); return null; }
      }
      sides.push({ length_m: length, angle_deg: angle });
    }
    return sides;
  }

  $("plot-add-side").addEventListener("click", () => { addRow(null, 90).querySelector("input").focus(); });
  $("plot-sides").addEventListener("input", () => {
    const sides = readSides();
    const overlay = svg.querySelector("g.ed-overlay");
    if (!sides || !overlay) { return; }
    overlay.replaceChildren();
    const out = outlineFromSides(sides, state.origin.start, state.origin.bearing);
    if (out.length >= 2) { el("polygon", { points: pts(out), class: "ed-draft" }, overlay); }
  });
  $("plot-sides").addEventListener("submit", async (e) => {
    e.preventDefault();
    const sides = readSides();
    if (!sides) { return; }
    const ok = await send({ kind: "plot_sides", sides, start: state.origin.start, bearing_deg: state.origin.bearing });
    if (ok) {
      const corners = ring(current().plan.plot.boundary);
      const last = dist(corners[corners.length - 1], corners[0]);
      say(fill(texts.drawn, { n: corners.length, area: num(area(corners), 1, lang), last: num(last, 2, lang) }));
      fit();
    }
  });

  // ---------------------------------------------------------------- edits

  async function send(edit, keep) {
    if (state.busy) { return false; }
    state.busy = true;
    const { status, data } = await call(root.dataset.edit, { plan: current().plan, edit }, csrf);
    state.busy = false;
    state.edits += 1;
    root.dataset.edits = String(state.edits);
    if (status === 200) {
      state.history.push(data);
      draw(keep);
      return true;
    }
    draw(keep);
    const problem = data && data.refused;
    say(problem ? problem.message : (data && data.error) || texts.failed, true);
    if (problem && problem.at) { markPlace(view, problem.at, "!"); }
    if (problem) { markField(problem.path); }
    return false;
  }

  // A tap (or Enter) on an edge marks it as a road edge and chooses it: the road's kind, name and
  // centre line are given in the panel, where it can also be unmarked. A road edge is chosen again.
  async function chooseEdge(i) {
    if ((current().plan.plot.road_edges || []).includes(i)) {
      state.edge = i;
      draw(`edge:${i}`);
      say(fill(texts.edge_chosen, { n: i, road: roadText(i) }));
      return;
    }
    state.edge = i;
    if (await send({ kind: "set_road_edge", edge: i, road: true }, `edge:${i}`)) {
      say(fill(texts.road_on, { n: i }));
    }
  }

  async function moveCorner(i, to) {
    if (await send({ kind: "move_plot_corner", corner: i, to }, `corner:${i}`)) {
      say(fill(texts.corner_moved, { n: i + 1 }));
      fillSides();
    }
  }

  svg.addEventListener("pointerdown", (e) => {
    if (state.busy) { return; }
    svg.setPointerCapture(e.pointerId);
    state.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    const target = e.target.closest("[data-key]");
    if (state.pointers.size === 2) {
      const [a, b] = [...state.pointers.values()];
      state.gesture = { kind: "pinch", d0: Math.hypot(a[0] - b[0], a[1] - b[1]), m0: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
      return;
    }
    state.gesture = { target, c0: [e.clientX, e.clientY], last: [e.clientX, e.clientY], moved: false,
      kind: target && target.dataset.corner !== undefined ? "corner" : target ? "edge" : "pan" };
    e.preventDefault();
  });
  svg.addEventListener("pointermove", (e) => {
    if (!state.pointers.has(e.pointerId)) { return; }
    state.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    const g = state.gesture;
    if (!g) { return; }
    if (g.kind === "pinch") {
      view.pinchStep(g, state.pointers);
      return;
    }
    if (!g.moved && Math.hypot(e.clientX - g.c0[0], e.clientY - g.c0[1]) < 4) { return; }
    g.moved = true;
    if (g.kind === "pan") {
      const u = view.unitsPerPx();
      view.pan((e.clientX - g.last[0]) * u, (e.clientY - g.last[1]) * u);
      g.last = [e.clientX, e.clientY];
    } else if (g.kind === "corner") {
      const p = view.toPlan(e.clientX, e.clientY);
      g.to = [toGrid(p[0], GRID_M), toGrid(p[1], GRID_M)];
      g.target.setAttribute("cx", g.to[0]);
      g.target.setAttribute("cy", -g.to[1]);
    }
  });
  const up = (e) => {
    if (!state.pointers.has(e.pointerId)) { return; }
    state.pointers.delete(e.pointerId);
    const g = state.gesture;
    if (!g || g.kind === "pinch") { if (state.pointers.size === 0) { state.gesture = null; } return; }
    state.gesture = null;
    if (e.type === "pointercancel") { draw(); return; }
    if (g.kind === "corner" && g.moved && g.to) { moveCorner(Number(g.target.dataset.corner), g.to); }
    else if (g.kind === "edge" && !g.moved) { chooseEdge(Number(g.target.dataset.edge)); }
  };
  svg.addEventListener("pointerup", up);
  svg.addEventListener("pointercancel", up);
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const c = view.toSvg(e.clientX, e.clientY);
    view.zoom(Math.exp(-e.deltaY * 0.0015), c[0], c[1]);
  }, { passive: false });

  const ARROWS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  svg.addEventListener("keydown", (e) => {
    const t = e.target.closest && e.target.closest("[data-key]");
    if (!t || state.busy) { return; }
    if ((e.key === "Enter" || e.key === " ") && t.dataset.edge !== undefined) {
      e.preventDefault();
      chooseEdge(Number(t.dataset.edge));
    } else if (ARROWS[e.key] && t.dataset.corner !== undefined) {
      e.preventDefault();
      const i = Number(t.dataset.corner);
      const p = ring(current().plan.plot.boundary)[i];
      const step = e.shiftKey ? 0.1 : GRID_M;
      moveCorner(i, [p[0] + ARROWS[e.key][0] * step, p[1] + ARROWS[e.key][1] * step]);
    }
  });

  // ---------------------------------------------------------------- undo, save

  function undo() { if (state.history.canUndo) { state.history.undo(); draw(); fillSides(); say(texts.undone); } }
  function redo() { if (state.history.canRedo) { state.history.redo(); draw(); fillSides(); say(texts.redone); } }
  async function save() {
    if (!state.history.dirty || state.busy) { return; }
    state.busy = true;
    say(texts.saving);
    const { status, data } = await call(root.dataset.save, { plan: current().plan, base_version: state.base }, csrf);
    state.busy = false;
    if (status === 200) {
      state.base = data.version;
      root.dataset.version = String(data.version);
      state.history.markSaved();
      draw();
      say(data.message);
    } else {
      say((data && data.error) || texts.failed, true);
    }
  }
  function discard() { state.history.discard(); draw(); fillSides(); fit(); say(texts.discarded); }
  const actions = { undo, redo, save, discard, "zoom-in": () => view.zoom(1.25), "zoom-out": () => view.zoom(0.8), fit };
  bindShell(root, view, state, actions);

  return call(root.dataset.state).then(({ status, data }) => {
    if (status !== 200) { return; }
    state.history = new History(data);
    state.base = data.version;
    state.limits = data.limits || {};
    root.dataset.version = String(data.version);
    root.hidden = false;
    draw();
    fillSides();
    fit();
    root.dataset.ready = "true";
  });
}

const root = document.getElementById("plot-editor");
if (root) { start(root); }
