// The floor plan editor: selection, wall drags with snapping and a live size, doors and windows,
// new rooms, splits and merges, the outline, undo and redo, save and discard, zoom and pan.
// Mouse, touch and pen share one code path (Pointer Events); every action also works by keyboard.
// The server applies and checks every edit (POST api/rediger); this file previews and asks.

import { call } from "./api.js";
import { fill, num, roomLabel } from "./format.js";
import { across, centroid, contains, dist, lineOffsets, nearestOnSegment, outward, ring, shiftLine } from "./geometry.js";
import { History } from "./history.js";
import { readNumber, snapOffset, toGrid } from "./snap.js";
import { View, bindShell, el, markPlace, renderFloor, showDimension, touched, wallLabel } from "./view.js";

const SNAP_PX = 10;
const CLICK_PX = 4;

export function start(root) {
  const texts = JSON.parse(root.dataset.texts);
  const lang = root.dataset.lang;
  const csrf = root.dataset.csrf;
  const svg = root.querySelector("#ed-svg");
  const view = new View(svg);
  const $ = (id) => root.querySelector("#" + id);
  const state = {
    history: null, base: null, buildingId: null, storey: 1, selection: {}, tool: "select", busy: false,
    gesture: null, pointers: new Map(), edits: 0, roomTypes: [], limits: {}, kbd: null,
  };
  root.editor = state;

  const current = () => state.history.current;
  const building = (plan = current().plan) => plan.buildings.find((b) => b.id === state.buildingId);

  function say(text, alarm = false) {
    $("ed-status").textContent = text;
    $("ed-alert").textContent = alarm ? text : "";
  }

  function floors(plan) {
    const out = [];
    for (const b of plan.buildings) {
      for (const s of [...new Set(b.rooms.map((r) => r.storey))].sort((x, y) => x - y)) { out.push([b.id, s]); }
    }
    return out;
  }

  function drawTabs() {
    const tabs = $("ed-tabs");
    tabs.replaceChildren();
    const all = floors(current().plan);
    if (all.length < 2) { return; }
    for (const [bid, s] of all) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "button button--small " + (bid === state.buildingId && s === state.storey ? "" : "button--secondary");
      b.textContent = fill(texts.floor_tab, { b: bid, s });
      b.setAttribute("aria-pressed", bid === state.buildingId && s === state.storey ? "true" : "false");
      b.addEventListener("click", () => {
        state.buildingId = bid; state.storey = s; state.selection = {};
        draw(); fit(); drawTabs();
        tabs.querySelector("[aria-pressed=true]").focus();
      });
      tabs.appendChild(b);
    }
  }

  function fit() {
    const b = building();
    if (b) { view.fit(b.footprint); }
  }

  function focusKey(key) {
    const target = key && svg.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (target === document.activeElement) { return; }   // kept by the redraw: focusing again costs a layout
    if (target) { target.focus({ preventScroll: true }); } else if (key) { svg.focus({ preventScroll: true }); }
  }

  function draw(keep) {
    const cur = current();
    renderFloor(view, {
      plan: cur.plan, figures: cur.figures, findings: cur.findings, buildingId: state.buildingId,
      storey: state.storey, selection: state.selection, texts, lang, onDimension: true,
    });
    drawPanel();
    drawFindings();
    const h = state.history;
    root.querySelector("[data-action=undo]").disabled = !h.canUndo;
    root.querySelector("[data-action=redo]").disabled = !h.canRedo;
    root.querySelector("[data-action=save]").disabled = !h.dirty;
    root.querySelector("[data-action=discard]").disabled = !h.dirty;
    $("ed-dirty").textContent = h.dirty ? texts.unsaved : texts.all_saved;
    root.dataset.dirty = h.dirty ? "true" : "false";
    if (state.kbd) { drawCursor(); }
    if (keep) { focusKey(keep); }
  }

  // ---------------------------------------------------------------- talking to the server

  async function send(edit, keep, after, batch = null) {
    if (state.busy) { return false; }
    state.busy = true;
    root.setAttribute("aria-busy", "true");
    const t0 = performance.now();
    const { status, data, serverMs } = await call(root.dataset.edit,
      { plan: current().plan, edit, building: state.buildingId }, csrf);
    if (serverMs !== null) { root.dataset.lastServerMs = serverMs.toFixed(1); }
    root.dataset.lastFetchMs = (performance.now() - t0).toFixed(2);
    let ok = false;
    if (status === 200) {
      // The answer has the figures of the building shown; the others did not change.
      const before = current().figures || {};
      data.figures = {
        rooms: { ...(before.rooms || {}), ...((data.figures && data.figures.rooms) || {}) },
        openings: { ...(before.openings || {}), ...((data.figures && data.figures.openings) || {}) },
      };
      state.history.push(data, batch);
      if (after) { keep = after(data) || keep; }
      const t1 = performance.now();
      draw(keep);
      root.dataset.lastDrawMs = (performance.now() - t1).toFixed(2);
      ok = true;
      if (data.stopped) {
        say(data.stopped.message, true);
        mark(data.stopped);
      } else {
        say(describeSelection() || texts.all_saved);
      }
    } else {
      draw(keep);
      const problem = (data && data.refused) || null;
      say(problem ? problem.message : (data && data.error) || texts.failed, true);
      if (problem) { mark(problem); markField(problem.path); }
    }
    state.edits += 1;
    root.dataset.edits = String(state.edits);
    root.dataset.lastMs = (performance.now() - t0).toFixed(2);
    // And until the next frame is drawn (style, layout and paint of the redraw included).
    const number = state.edits;
    requestAnimationFrame(() => setTimeout(() => {
      root.dataset.lastFrameMs = (performance.now() - t0).toFixed(2);
      root.dataset.framed = String(number);
    }, 0));
    root.removeAttribute("aria-busy");
    state.busy = false;
    return ok;
  }

  function mark(problem) {
    if (problem.at) { markPlace(view, problem.at, "!"); }
    if (problem.subject) {
      const [kind, id] = problem.subject.split(":");
      const key = kind === "room" ? `room:${id}` : `${kind}:${state.buildingId}:${id}`;
      const e = svg.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (e) { e.classList.add("is-problem"); touched(e); }
    }
  }

  // ---------------------------------------------------------------- selection and panel

  function roomOf(id) { return building().rooms.find((r) => r.id === id); }

  function describeSelection() {
    const s = state.selection;
    const b = building();
    const figs = current().figures.rooms || {};
    if (s.type === "room" && roomOf(s.room)) { return roomLabel(roomOf(s.room), figs[s.room], texts, lang); }
    if (s.type === "wall" && roomOf(s.room)) {
      return roomLabel(roomOf(s.room), figs[s.room], texts, lang) + ", " + wallLabel(b, roomOf(s.room), s.edge, texts, lang);
    }
    const e = s.key && svg.querySelector(`[data-key="${CSS.escape(s.key)}"]`);
    return e ? e.getAttribute("aria-label") : "";
  }

  function select(sel, keep) {
    state.selection = sel;
    draw(keep || sel.key);
    const text = describeSelection();
    if (text) { say(fill(texts.selected, { label: text })); }
  }

  function selectionFrom(target) {
    const key = target.dataset.key;
    const [kind] = key.split(":");
    if (kind === "room") { return { type: "room", room: target.dataset.room, key }; }
    if (kind === "wall") { return { type: "wall", room: target.dataset.room, edge: Number(target.dataset.edge), key }; }
    if (kind === "door") { return { type: "door", index: Number(target.dataset.door), key }; }
    if (kind === "window") { return { type: "window", index: Number(target.dataset.window), key }; }
    if (kind === "fedge") { return { type: "fedge", edge: Number(target.dataset.edge), key }; }
    return {};
  }

  function h(tag, attrs = {}, text = null, parent = null) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); }
    if (text !== null) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  let fieldCount = 0;
  // A number field; field: the edit's key it fills (a refusal's path names it), range: [low, high] as the
  // server accepts it (from the state answer's limits), checked before anything is sent.
  function numberField(form, labelText, value, name, field = null, range = null) {
    const id = `ed-f-${name}-${++fieldCount}`;
    const wrap = h("div", { class: "field field--short" }, null, form);
    h("label", { for: id }, labelText, wrap);
    const input = h("input", { id, name, inputmode: "decimal", autocomplete: "off", type: "text" }, null, wrap);
    input.value = value;
    if (field) { input.dataset.field = field; }
    if (range) { [input.dataset.low, input.dataset.high] = range.map(String); }
    return input;
  }

  function numberFrom(input) {
    const low = input.dataset.low === undefined ? -Infinity : Number(input.dataset.low);
    const high = input.dataset.high === undefined ? Infinity : Number(input.dataset.high);
    const label = input.labels && input.labels[0] ? input.labels[0].textContent : input.name;
    const read = readNumber(input.value, low, high, label, texts, lang);
    input.setAttribute("aria-invalid", read.problem ? "true" : "false");
    if (read.problem) {
      say(read.problem, true);
      input.focus();
      return null;
    }
    return read.value;
  }

  // A refusal about one of the edit's fields (path "edit.height_m"): mark that field and go to it.
  function markField(path) {
    const field = path && path.startsWith("edit.") ? path.slice(5) : null;
    const input = field && $("ed-panel").querySelector(`input[data-field="${CSS.escape(field)}"]`);
    if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
  }

  function formWith(panel, onSubmit, button) {
    const form = h("form", { class: "form ed-form", novalidate: "" }, null, panel);
    form.addEventListener("submit", (e) => { e.preventDefault(); onSubmit(form); });
    return { form, submit: () => h("button", { type: "submit", class: "button button--small" }, button, form) };
  }

  function findingsFor(panel, subject) {
    const found = current().findings.filter((f) => f.subject === subject);
    h("h3", {}, texts.findings_here, panel);
    if (!found.length) { h("p", { class: "hint" }, texts.no_findings_here, panel); return; }
    const ul = h("ul", { class: "findings" }, null, panel);
    for (const f of found) {
      h("li", { class: `finding finding--${f.severity}`, "data-rule": f.rule }, f.message, ul);
    }
  }

  function drawPanel() {
    const panel = $("ed-panel");
    panel.replaceChildren();
    const s = state.selection;
    const b = building();
    const hint = $("ed-hint");
    hint.textContent = texts["tool_" + state.tool] || "";
    if (!b || !s.type) { h("p", { class: "hint" }, texts.nothing_selected, panel); return; }
    const figs = current().figures.rooms || {};
    if (s.type === "room" || s.type === "wall") {
      const room = roomOf(s.room);
      if (!room) { state.selection = {}; h("p", { class: "hint" }, texts.nothing_selected, panel); return; }
      h("h3", {}, room.name, panel);
      const fig = figs[room.id];
      if (fig) {
        const dl = h("dl", { class: "ed-figures" }, null, panel);
        h("dt", {}, texts.area, dl); h("dd", {}, `${num(fig.area, 1, lang)} m²`, dl);
        h("dt", {}, texts.size, dl); h("dd", {}, `${num(fig.size[0], 2, lang)} × ${num(fig.size[1], 2, lang)} m`, dl);
      }
      if (s.type === "wall") {
        const o = outward(room.polygon, s.edge);
        h("p", { class: "ed-wall-name" }, wallLabel(b, room, s.edge, texts, lang), panel);
        const { form, submit } = formWith(panel, (f) => {
          const v = numberFrom(f.elements.across);
          if (v !== null) { send({ kind: "set_dimension", room: room.id, edge: s.edge, value_m: v }, s.key); }
        }, texts.set_dimension);
        numberField(form, texts.across_label, num(across(room.polygon, o.nx, o.ny), 2, lang), "across", "value_m",
          state.limits.dimension_m);
        submit();
      }
      const { form, submit } = formWith(panel, (f) => {
        send({ kind: "set_room", room: room.id, name: f.elements.name.value, type: f.elements.type.value }, s.key);
      }, texts.save_room);
      const nid = `ed-f-name-${++fieldCount}`;
      const w1 = h("div", { class: "field field--medium" }, null, form);
      h("label", { for: nid }, texts.name, w1);
      const name = h("input", { id: nid, name: "name", type: "text", maxlength: "80", autocomplete: "off" }, null, w1);
      name.value = room.name;
      const tid = `ed-f-type-${++fieldCount}`;
      const w2 = h("div", { class: "field field--medium" }, null, form);
      h("label", { for: tid }, texts.kind, w2);
      const type = h("select", { id: tid, name: "type" }, null, w2);
      for (const [t, label] of state.roomTypes) {
        const o = h("option", { value: t }, label, type);
        if (t === room.type) { o.selected = true; }
      }
      submit();
      const others = b.rooms.filter((r) => r.storey === room.storey && r.id !== room.id);
      if (others.length) {
        const m = formWith(panel, (f) => {
          send({ kind: "merge_rooms", room: room.id, other: f.elements.other.value }, `room:${room.id}`);
        }, texts.merge);
        const mid = `ed-f-merge-${++fieldCount}`;
        const w3 = h("div", { class: "field field--medium" }, null, m.form);
        h("label", { for: mid }, texts.merge_with, w3);
        const sel = h("select", { id: mid, name: "other" }, null, w3);
        for (const r of others) { h("option", { value: r.id }, r.name, sel); }
        m.submit();
      }
      const split = h("button", { type: "button", class: "button button--small button--secondary" }, texts.split_half, panel);
      split.addEventListener("click", () => {
        const [x0, y0, x1, y1] = boundsOf(room.polygon);
        const c = centroid(room.polygon);
        const line = x1 - x0 >= y1 - y0 ? [[c[0], y0], [c[0], y1]] : [[x0, c[1]], [x1, c[1]]];
        send({ kind: "split_room", room: room.id, a: line[0], b: line[1] }, `room:${room.id}`);
      });
      findingsFor(panel, `room:${room.id}`);
      return;
    }
    if (s.type === "door") {
      const d = (b.doors || [])[s.index];
      if (!d) { state.selection = {}; return; }
      const e = svg.querySelector(`[data-key="${CSS.escape(s.key)}"]`);
      h("h3", {}, texts.door, panel);
      if (e) { h("p", {}, e.getAttribute("aria-label"), panel); }
      const { form, submit } = formWith(panel, (f) => {
        const width = numberFrom(f.elements.width);
        const height = width === null ? null : numberFrom(f.elements.height);
        if (width !== null && height !== null) {
          send({ kind: "set_door", building: b.id, door: s.index, width_m: width, height_m: height }, s.key);
        }
      }, texts.apply);
      numberField(form, texts.door_width, num(d.width_m, 2, lang), "width", "width_m", state.limits.door_width_m);
      numberField(form, texts.door_height, num(d.height_m ?? 2.1, 2, lang), "height", "height_m",
        state.limits.door_height_m);
      submit();
      const row = h("div", { class: "actions" }, null, panel);
      const flip = h("button", { type: "button", class: "button button--small button--secondary" }, texts.flip_swing, row);
      flip.addEventListener("click", () => send({ kind: "flip_door", building: b.id, door: s.index, what: "swing" }, s.key));
      const hinge = h("button", { type: "button", class: "button button--small button--secondary" }, texts.flip_hinge, row);
      hinge.addEventListener("click", () => send({ kind: "flip_door", building: b.id, door: s.index, what: "hinge" }, s.key));
      const del = h("button", { type: "button", class: "button button--small button--secondary" }, texts.delete_door, row);
      del.addEventListener("click", () => removeOpening("door", s.index));
      findingsFor(panel, `door:${s.index}`);
      return;
    }
    if (s.type === "window") {
      const w = (b.windows || [])[s.index];
      if (!w) { state.selection = {}; return; }
      const e = svg.querySelector(`[data-key="${CSS.escape(s.key)}"]`);
      h("h3", {}, texts.window, panel);
      if (e) { h("p", {}, e.getAttribute("aria-label"), panel); }
      const { form, submit } = formWith(panel, (f) => {
        const vals = ["width", "height", "sill"].map((n) => numberFrom(f.elements[n]));
        if (vals.every((v) => v !== null)) {
          send({ kind: "set_window", building: b.id, window: s.index, width_m: vals[0], height_m: vals[1],
            sill_m: vals[2] }, s.key);
        }
      }, texts.apply);
      numberField(form, texts.win_width, num(w.width_m, 2, lang), "width", "width_m", state.limits.window_m);
      numberField(form, texts.win_height, num(w.height_m, 2, lang), "height", "height_m", state.limits.window_m);
      numberField(form, texts.win_sill, num(w.sill_m ?? 0.8, 2, lang), "sill", "sill_m", state.limits.sill_m);
      submit();
      const del = h("button", { type: "button", class: "button button--small button--secondary" }, texts.delete_window, panel);
      del.addEventListener("click", () => removeOpening("window", s.index));
      return;
    }
    if (s.type === "fedge") {
      h("h3", {}, texts.outline, panel);
      const e = svg.querySelector(`[data-key="${CSS.escape(s.key)}"]`);
      if (e) { h("p", {}, e.getAttribute("aria-label"), panel); }
      const { form, submit } = formWith(panel, (f) => {
        const v = numberFrom(f.elements.offset);
        if (v !== null) { send({ kind: "move_footprint_edge", building: b.id, edge: s.edge, offset_m: v }, s.key); }
      }, texts.move);
      numberField(form, texts.move_out, num(0, 2, lang), "offset");
      submit();
    }
  }

  function boundsOf(coords) {
    const p = ring(coords);
    return [Math.min(...p.map((q) => q[0])), Math.min(...p.map((q) => q[1])),
      Math.max(...p.map((q) => q[0])), Math.max(...p.map((q) => q[1]))];
  }

  function removeOpening(kind, index) {
    const b = building();
    const edit = kind === "door" ? { kind: "delete_door", building: b.id, door: index }
      : { kind: "delete_window", building: b.id, window: index };
    const owner = kind === "window" ? b.windows[index].room : (b.doors[index].rooms.find((r) => r !== "outside"));
    send(edit, `room:${owner}`, () => { state.selection = { type: "room", room: owner, key: `room:${owner}` }; });
  }

  let findingsShown = null;
  function drawFindings() {
    const ul = $("ed-findings");
    const all = current().findings;
    // The list is rebuilt only when the findings (or the floor shown) changed: most edits keep them.
    const sig = `${state.buildingId}|${state.storey}|` + all.map((f) => `${f.rule}|${f.subject}|${f.message}`).join("\n");
    if (sig === findingsShown) { return; }
    findingsShown = sig;
    ul.replaceChildren();
    if (!all.length) { h("li", { class: "notice notice--success" }, texts.no_findings, ul); return; }
    for (const f of all) {
      const li = h("li", { class: `finding finding--${f.severity}`, "data-rule": f.rule, "data-subject": f.subject }, null, ul);
      h("p", {}, f.message, li);
      const [kind, id] = f.subject.split(":");
      const key = kind === "room" ? `room:${id}` : `${kind}:${state.buildingId}:${id}`;
      if (svg.querySelector(`[data-key="${CSS.escape(key)}"]`)) {
        const b = h("button", { type: "button", class: "button button--small button--secondary" }, texts.show, li);
        b.addEventListener("click", () => {
          const target = svg.querySelector(`[data-key="${CSS.escape(key)}"]`);
          if (target) { select(selectionFrom(target), key); }
        });
      }
    }
  }

  // ---------------------------------------------------------------- pointer gestures

  function wallGesture(target, p) {
    const room = roomOf(target.dataset.room);
    const edge = Number(target.dataset.edge);
    const n = outward(room.polygon, edge);
    if (!n) { return null; }
    return { kind: "wall", target, room: room.id, edge, n, p0: p, shift: 0, line: null,
      offsets: lineOffsets(building(), state.storey, n, n.line) };
  }

  function fedgeGesture(target, p) {
    const b = building();
    const edge = Number(target.dataset.edge);
    const n = outward(b.footprint, edge);
    if (!n) { return null; }
    return { kind: "fedge", target, edge, n, p0: p, shift: 0, line: null,
      offsets: lineOffsets(b, state.storey, n, n.line) };
  }

  function previewLine(g, p) {
    const u = view.unitsPerPx();
    const raw = g.n.line + (p[0] - g.p0[0]) * g.n.nx + (p[1] - g.p0[1]) * g.n.ny;
    const snapped = snapOffset(raw, g.offsets, SNAP_PX * u);
    g.shift = Math.round((snapped.value - g.n.line) * 1000) / 1000;
    g.line = snapped.line;
    const storeys = g.kind === "fedge" ? [...new Set(building().rooms.map((r) => r.storey))] : [state.storey];
    const plan = shiftLine(current().plan, state.buildingId, storeys, g.n, g.n.line, g.shift);
    renderFloor(view, { plan, figures: current().figures, findings: [], buildingId: state.buildingId,
      storey: state.storey, selection: state.selection, texts, lang });
    const mid = [(g.n.a[0] + g.n.b[0]) / 2 + g.n.nx * g.shift, (g.n.a[1] + g.n.b[1]) / 2 + g.n.ny * g.shift];
    let text;
    if (g.kind === "wall") {
      const room = plan.buildings.find((x) => x.id === state.buildingId).rooms.find((r) => r.id === g.room);
      text = `${num(across(room.polygon, g.n.nx, g.n.ny), 2, lang)} m`;
    } else {
      text = `${g.shift >= 0 ? "+" : ""}${num(g.shift, 2, lang)} m`;
    }
    const ux = -g.n.ny;
    const uy = g.n.nx;
    const guide = g.line === null ? null : [[mid[0] - ux * 100, mid[1] - uy * 100], [mid[0] + ux * 100, mid[1] + uy * 100]];
    showDimension(view, [mid[0] + g.n.nx * 0.6, mid[1] + g.n.ny * 0.6], text, guide);
  }

  function onDown(e) {
    if (state.busy) { return; }
    svg.setPointerCapture(e.pointerId);
    state.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (state.pointers.size === 2) {
      if (state.gesture && (state.gesture.kind === "wall" || state.gesture.kind === "fedge")) {
        flushPreview(state.gesture, false);
        draw();
      }
      const [a, b] = [...state.pointers.values()];
      state.gesture = { kind: "pinch", d0: Math.hypot(a[0] - b[0], a[1] - b[1]), m0: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
      return;
    }
    if (state.pointers.size > 2) { return; }
    const p = view.toPlan(e.clientX, e.clientY);
    if (e.target.closest("[data-dimension]")) {
      // A click on the chosen wall's size: type it exactly (as Sweet Home 3D does with Enter).
      state.pointers.delete(e.pointerId);
      e.preventDefault();
      const input = $("ed-panel").querySelector("input[name=across]");
      if (input) { input.focus(); input.select(); }
      return;
    }
    const target = e.target.closest("[data-key]");
    const kind = target ? target.dataset.key.split(":")[0] : null;
    const base = { c0: [e.clientX, e.clientY], last: [e.clientX, e.clientY], p0: p, target, moved: false };
    if (state.tool === "door" || state.tool === "window") {
      // The wall under the finger, even where the outline's edge lies on top of it.
      const wall = document.elementsFromPoint(e.clientX, e.clientY).find((x) => x.classList.contains("ed-wall"));
      state.gesture = { ...base, kind: "tap-" + state.tool, target: wall || target };
    } else if (state.tool === "room" || state.tool === "split") {
      state.gesture = { ...base, kind: "draw-" + state.tool, p1: p };
    } else if (kind === "wall") {
      state.gesture = { ...base, ...wallGesture(target, p) };
    } else if (kind === "fedge") {
      state.gesture = { ...base, ...fedgeGesture(target, p) };
    } else if (kind === "fcorner") {
      state.gesture = { ...base, kind: "fcorner", corner: Number(target.dataset.corner) };
    } else if (kind === "door" || kind === "window") {
      state.gesture = { ...base, kind: "slide-" + kind, index: Number(target.dataset[kind]) };
    } else {
      state.gesture = { ...base, kind: "pan" };
    }
    e.preventDefault();
  }

  function onMove(e) {
    if (!state.pointers.has(e.pointerId)) { return; }
    state.pointers.set(e.pointerId, [e.clientX, e.clientY]);
    const g = state.gesture;
    if (!g) { return; }
    if (g.kind === "pinch") {
      view.pinchStep(g, state.pointers);
      return;
    }
    if (!g.moved && Math.hypot(e.clientX - g.c0[0], e.clientY - g.c0[1]) < CLICK_PX) { return; }
    g.moved = true;
    const p = view.toPlan(e.clientX, e.clientY);
    if (g.kind === "pan") {
      const u = view.unitsPerPx();
      view.pan((e.clientX - g.last[0]) * u, (e.clientY - g.last[1]) * u);
      g.last = [e.clientX, e.clientY];
    } else if (g.kind === "wall" || g.kind === "fedge") {
      // One preview per frame, however many pointer events arrive in it (its DOM writes in one batch).
      g.pending = p;
      if (!g.frame) { g.frame = requestAnimationFrame(() => { g.frame = 0; previewLine(g, g.pending); }); }
    } else if (g.kind === "draw-room" || g.kind === "draw-split") {
      g.p1 = [toGrid(p[0]), toGrid(p[1])];
      const a = [toGrid(g.p0[0]), toGrid(g.p0[1])];
      const overlay = svg.querySelector("g.ed-overlay");
      overlay.replaceChildren();
      const ns = "http://www.w3.org/2000/svg";
      const shape = document.createElementNS(ns, g.kind === "draw-room" ? "rect" : "line");
      if (g.kind === "draw-room") {
        shape.setAttribute("x", Math.min(a[0], g.p1[0])); shape.setAttribute("y", -Math.max(a[1], g.p1[1]));
        shape.setAttribute("width", Math.abs(g.p1[0] - a[0])); shape.setAttribute("height", Math.abs(g.p1[1] - a[1]));
      } else {
        shape.setAttribute("x1", a[0]); shape.setAttribute("y1", -a[1]);
        shape.setAttribute("x2", g.p1[0]); shape.setAttribute("y2", -g.p1[1]);
      }
      shape.setAttribute("class", "ed-draft");
      overlay.appendChild(shape);
    } else if (g.kind === "fcorner") {
      const q = [toGrid(p[0]), toGrid(p[1])];
      g.to = q;
      const overlay = svg.querySelector("g.ed-overlay");
      overlay.replaceChildren();
      const ns = "http://www.w3.org/2000/svg";
      const c = document.createElementNS(ns, "circle");
      c.setAttribute("cx", q[0]); c.setAttribute("cy", -q[1]); c.setAttribute("data-r-px", "9");
      c.setAttribute("class", "ed-draft");
      overlay.appendChild(c);
      view.sizeLabels();
    } else if (g.kind === "slide-door" || g.kind === "slide-window") {
      g.to = p;
      const mark = g.target && g.target.querySelector(".ed-hit");
      if (mark) { mark.setAttribute("cx", p[0]); mark.setAttribute("cy", -p[1]); touched(mark); }
    }
  }

  // A preview still waiting for its frame is drawn now (the drop uses its shift), or dropped.
  function flushPreview(g, show) {
    if (!g || !g.frame) { return; }
    cancelAnimationFrame(g.frame);
    g.frame = 0;
    if (show) { previewLine(g, g.pending); }
  }

  function onUp(e) {
    if (!state.pointers.has(e.pointerId)) { return; }
    state.pointers.delete(e.pointerId);
    const g = state.gesture;
    if (!g) { return; }
    flushPreview(g, e.type !== "pointercancel");
    if (g.kind === "pinch") {
      if (state.pointers.size === 0) { state.gesture = null; }
      else { state.gesture = { kind: "pan", last: [...state.pointers.values()][0], moved: true, c0: [0, 0] }; }
      return;
    }
    state.gesture = null;
    if (e.type === "pointercancel") { draw(); return; }
    const b = building();
    const p = view.toPlan(e.clientX, e.clientY);
    if (g.kind === "tap-door") {
      const t = g.target;
      if (t && t.dataset.key.startsWith("wall:")) {
        send({ kind: "add_door", building: b.id, at: p, storey: state.storey }, null, (data) => {
          const k = data.made;
          state.selection = { type: "door", index: k, key: `door:${b.id}:${k}` };
          return state.selection.key;
        });
      } else { say(texts.tool_door, true); }
      return;
    }
    if (g.kind === "tap-window") {
      const t = g.target;
      if (t && t.dataset.key.startsWith("wall:")) {
        send({ kind: "add_window", room: t.dataset.room, at: p }, null, (data) => {
          const k = data.made;
          state.selection = { type: "window", index: k, key: `window:${b.id}:${k}` };
          return state.selection.key;
        });
      } else { say(texts.tool_window, true); }
      return;
    }
    if (g.kind === "draw-room") {
      const a = [toGrid(g.p0[0]), toGrid(g.p0[1])];
      if (!g.moved) { draw(); return; }
      addRoom(a, g.p1);
      return;
    }
    if (g.kind === "draw-split") {
      const a = [toGrid(g.p0[0]), toGrid(g.p0[1])];
      if (!g.moved) { draw(); return; }
      const mid = [(a[0] + g.p1[0]) / 2, (a[1] + g.p1[1]) / 2];
      const room = (g.target && g.target.dataset.room && roomOf(g.target.dataset.room))
        || b.rooms.find((r) => r.storey === state.storey && contains(r.polygon, mid));
      if (!room) { draw(); say(texts.tool_split, true); return; }
      send({ kind: "split_room", room: room.id, a, b: g.p1 }, `room:${room.id}`, () => { setTool("select"); });
      return;
    }
    if (!g.moved) {
      if (g.target && g.target.dataset.key && !g.target.dataset.key.startsWith("fcorner")) {
        select(selectionFrom(g.target));
      } else if (g.kind === "pan") {
        select({});
      }
      return;
    }
    if (g.kind === "wall") {
      if (Math.abs(g.shift) < 0.004) { draw(); return; }
      const key = `wall:${g.room}:${g.edge}`;
      state.selection = { type: "wall", room: g.room, edge: g.edge, key };
      send({ kind: "move_wall", room: g.room, edge: g.edge, offset_m: g.shift, clamp: true }, key);
    } else if (g.kind === "fedge") {
      if (Math.abs(g.shift) < 0.004) { draw(); return; }
      const key = `fedge:${b.id}:${g.edge}`;
      state.selection = { type: "fedge", edge: g.edge, key };
      send({ kind: "move_footprint_edge", building: b.id, edge: g.edge, offset_m: g.shift, clamp: true }, key);
    } else if (g.kind === "fcorner" && g.to) {
      send({ kind: "move_footprint_corner", building: b.id, corner: g.corner, to: g.to }, null);
    } else if (g.kind === "slide-door" && g.to) {
      const key = `door:${b.id}:${g.index}`;
      state.selection = { type: "door", index: g.index, key };
      send({ kind: "move_door", building: b.id, door: g.index, at: g.to }, key);
    } else if (g.kind === "slide-window" && g.to) {
      const key = `window:${b.id}:${g.index}`;
      state.selection = { type: "window", index: g.index, key };
      send({ kind: "move_window", building: b.id, window: g.index, at: g.to }, key);
    }
  }

  svg.addEventListener("pointerdown", onDown);
  svg.addEventListener("pointermove", onMove);
  svg.addEventListener("pointerup", onUp);
  svg.addEventListener("pointercancel", onUp);
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const c = view.toSvg(e.clientX, e.clientY);
    view.zoom(Math.exp(-e.deltaY * 0.0015), c[0], c[1]);
  }, { passive: false });

  // ---------------------------------------------------------------- keyboard

  const ARROWS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

  function slideAlong(kind, index, dir, step) {
    const b = building();
    const item = kind === "door" ? b.doors[index] : b.windows[index];
    const rid = kind === "door" ? item.rooms.find((r) => r !== "outside") : item.room;
    const room = roomOf(rid);
    const pr = ring(room.polygon);
    let best = null;
    for (let i = 0; i < pr.length; i++) {
      const near = nearestOnSegment(item.at, pr[i], pr[(i + 1) % pr.length]);
      const d = dist(near.point, item.at);
      if (best === null || d < best.d) { best = { d, a: pr[i], c: pr[(i + 1) % pr.length] }; }
    }
    const len = dist(best.a, best.c);
    const ux = (best.c[0] - best.a[0]) / len;
    const uy = (best.c[1] - best.a[1]) / len;
    const dot = dir[0] * ux + dir[1] * uy;
    if (Math.abs(dot) < 0.3) { return null; }
    const s = Math.sign(dot) * step;
    return [item.at[0] + ux * s, item.at[1] + uy * s];
  }

  // A new room, the rectangle between corners a and c on this storey (by mouse or by keys): chosen, and
  // the select tool back. Resolves to whether the server made it.
  function addRoom(a, c) {
    return send({ kind: "add_room", building: building().id, storey: state.storey, a, b: c, name: texts.new_room },
      null, (data) => {
        state.selection = { type: "room", room: data.made, key: `room:${data.made}` };
        setTool("select");
        return state.selection.key;
      });
  }

  // A new room by keyboard alone: in the "new room" tool a cross on the grid moves with the arrow keys
  // (0,5 m; Shift: 5 cm), Enter sets the first corner, the arrows stretch the rectangle (its size is
  // read out as it changes), Enter makes the room (the server's rule as for the mouse: in empty space
  // inside the outline), Escape takes back the corner, then leaves the tool.
  const KBD_STEP_M = 0.5;
  const KBD_FINE_M = 0.05;

  function startCursor() {
    const b = building();
    if (!b) { return; }
    const [x0, y0, x1, y1] = boundsOf(b.footprint);
    state.kbd = { at: [toGrid((x0 + x1) / 2, KBD_STEP_M), toGrid((y0 + y1) / 2, KBD_STEP_M)], corner: null };
    svg.focus({ preventScroll: true });
    drawCursor();
    sayCursor();
  }

  function kbdRect() {
    const k = state.kbd;
    if (!k || !k.corner) { return null; }
    return [Math.min(k.corner[0], k.at[0]), Math.min(k.corner[1], k.at[1]),
      Math.max(k.corner[0], k.at[0]), Math.max(k.corner[1], k.at[1])];
  }

  function sayCursor() {
    const k = state.kbd;
    const r = kbdRect();
    if (r) {
      const w = r[2] - r[0];
      const d = r[3] - r[1];
      say(fill(texts.kbd_rect, { w: num(w, 2, lang), d: num(d, 2, lang), area: num(w * d, 1, lang) }));
    } else {
      say(fill(texts.kbd_cursor, { x: num(k.at[0], 2, lang), y: num(k.at[1], 2, lang) }));
    }
  }

  function drawCursor() {
    const overlay = svg.querySelector("g.ed-overlay");
    const k = state.kbd;
    if (!overlay || !k) { return; }
    const old = overlay.querySelector("g.ed-kbd");
    if (old) { old.remove(); }
    const g = el("g", { class: "ed-kbd", "data-at": `${k.at[0].toFixed(2)},${k.at[1].toFixed(2)}` });
    const r = kbdRect();
    if (r) {
      el("rect", { x: r[0].toFixed(3), y: (-r[3]).toFixed(3), width: (r[2] - r[0]).toFixed(3),
        height: (r[3] - r[1]).toFixed(3), class: "ed-draft", "data-draft": "room" }, g);
    }
    const arm = 14 * view.unitsPerPx();
    for (const [dx, dy] of [[1, 0], [0, 1]]) {
      el("line", { x1: (k.at[0] - dx * arm).toFixed(3), y1: (-k.at[1] - dy * arm).toFixed(3),
        x2: (k.at[0] + dx * arm).toFixed(3), y2: (-k.at[1] + dy * arm).toFixed(3), class: "ed-cursor" }, g);
    }
    overlay.appendChild(g);
    // Keep the cross in sight: pan when it leaves the view.
    const bx = view.box;
    const m = 2 * arm;
    let dx = 0;
    let dy = 0;
    if (k.at[0] < bx.x + m) { dx = bx.x + m - k.at[0]; } else if (k.at[0] > bx.x + bx.w - m) { dx = bx.x + bx.w - m - k.at[0]; }
    if (-k.at[1] < bx.y + m) { dy = bx.y + m + k.at[1]; } else if (-k.at[1] > bx.y + bx.h - m) { dy = bx.y + bx.h - m + k.at[1]; }
    if (dx || dy) { view.pan(dx, dy); }
  }

  function cursorKey(e) {
    const k = state.kbd;
    const dir = ARROWS[e.key];
    if (dir) {
      e.preventDefault();
      const step = e.shiftKey ? KBD_FINE_M : KBD_STEP_M;
      k.at = [Math.round((k.at[0] + dir[0] * step) * 100) / 100, Math.round((k.at[1] + dir[1] * step) * 100) / 100];
      drawCursor();
      sayCursor();
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      if (k.corner) {
        k.corner = null;
        drawCursor();
        say(texts.kbd_again);
      } else {
        setTool("select");
        root.querySelector("[data-tool=room]").focus();
      }
      return;
    }
    if (e.key !== "Enter" && e.key !== " ") { return; }
    e.preventDefault();
    if (!k.corner) {
      k.corner = k.at.slice();
      drawCursor();
      say(fill(texts.kbd_corner, { x: num(k.at[0], 2, lang), y: num(k.at[1], 2, lang) }));
      return;
    }
    const r = kbdRect();
    if (r[2] - r[0] < 0.01 || r[3] - r[1] < 0.01) { say(texts.kbd_flat, true); return; }
    addRoom([r[0], r[1]], [r[2], r[3]]).then((ok) => {
      if (ok) {
        const text = describeSelection();
        if (text) { say(fill(texts.kbd_made, { label: text })); }
      }
    });
  }

  svg.addEventListener("keydown", (e) => {
    if (state.tool === "room" && !state.busy && !(e.ctrlKey || e.metaKey || e.altKey)
        && (ARROWS[e.key] || e.key === "Enter" || e.key === " " || e.key === "Escape")) {
      if (!state.kbd) {
        if (!ARROWS[e.key] && e.key !== "Enter") { return; }
        e.preventDefault();
        startCursor();
        return;
      }
      cursorKey(e);
      return;
    }
    const target = e.target.closest && e.target.closest("[data-key]");
    if (!target || state.busy) { return; }
    const sel = selectionFrom(target);
    const b = building();
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      select(sel);
      if (e.key === "Enter" && sel.type !== "room") {
        const input = $("ed-panel").querySelector("input");
        if (input) { input.focus(); input.select(); }
      }
      return;
    }
    if (e.key === "Escape") { e.preventDefault(); select({}, sel.type === "room" ? sel.key : `room:${sel.room || ""}`); return; }
    if ((e.key === "Delete" || e.key === "Backspace") && (sel.type === "door" || sel.type === "window")) {
      e.preventDefault();
      removeOpening(sel.type, sel.index);
      return;
    }
    const dir = ARROWS[e.key];
    if (!dir) { return; }
    e.preventDefault();
    const step = e.shiftKey ? 0.01 : 0.05;
    if (sel.type === "wall" || sel.type === "fedge") {
      const coords = sel.type === "wall" ? roomOf(sel.room).polygon : b.footprint;
      const n = outward(coords, sel.edge);
      const dot = dir[0] * n.nx + dir[1] * n.ny;
      if (Math.abs(dot) < 0.3) { return; }
      const offset = Math.sign(dot) * step;
      state.selection = sel;
      const edit = sel.type === "wall"
        ? { kind: "move_wall", room: sel.room, edge: sel.edge, offset_m: offset, clamp: true }
        : { kind: "move_footprint_edge", building: b.id, edge: sel.edge, offset_m: offset, clamp: true };
      send(edit, sel.key, null, `keys:${sel.key}`);   // held arrows on one wall: one undo step
    } else if (sel.type === "door" || sel.type === "window") {
      const to = slideAlong(sel.type, sel.index, dir, step);
      if (!to) { return; }
      state.selection = sel;
      send(sel.type === "door" ? { kind: "move_door", building: b.id, door: sel.index, at: to }
        : { kind: "move_window", building: b.id, window: sel.index, at: to }, sel.key, null, `keys:${sel.key}`);
    }
  });

  // ---------------------------------------------------------------- toolbar

  function setTool(tool) {
    state.tool = tool;
    if (tool !== "room" && state.kbd) {
      state.kbd = null;
      const old = svg.querySelector("g.ed-kbd");
      if (old) { old.remove(); }
    }
    for (const b of root.querySelectorAll("button[data-tool]")) {
      const on = b.dataset.tool === tool;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("button--secondary", !on);
    }
    svg.dataset.tool = tool;
    $("ed-hint").textContent = texts["tool_" + tool] || "";
    say(texts["tool_" + tool] || "");
  }

  for (const b of root.querySelectorAll("button[data-tool]")) {
    b.addEventListener("click", (e) => {
      setTool(b.dataset.tool);
      // Chosen by keyboard (a click with no pointer): the cross for drawing by keys, in the drawing.
      if (b.dataset.tool === "room" && e.detail === 0) { startCursor(); }
    });
  }

  function focusedKey() {
    const a = document.activeElement;
    return a && a.closest && a.closest("#ed-svg [data-key]") ? a.closest("[data-key]").dataset.key : null;
  }

  function undo() {
    if (!state.history.canUndo) { return; }
    const keep = focusedKey();
    state.history.undo();
    draw(keep);
    say(texts.undone);
  }

  function redo() {
    if (!state.history.canRedo) { return; }
    const keep = focusedKey();
    state.history.redo();
    draw(keep);
    say(texts.redone);
  }

  async function save() {
    if (!state.history.dirty || state.busy) { return; }
    state.busy = true;
    say(texts.saving);
    const { status, data } = await call(root.dataset.save, { plan: current().plan, base_version: state.base }, csrf);
    state.busy = false;
    if (status === 200) {
      // The page's drawings below the editor show the new version too.
      for (const img of document.querySelectorAll("main img[src*='/v']")) {
        img.src = img.getAttribute("src").replace(`/v${state.base}/`, `/v${data.version}/`);
      }
      state.base = data.version;
      root.dataset.version = String(data.version);
      state.history.markSaved();
      draw();
      say(data.message);
      root.querySelector("[data-action=undo]").focus();
    } else {
      say((data && data.error) || texts.failed, true);
    }
  }

  function discard() {
    state.history.discard();
    state.selection = {};
    draw();
    say(texts.discarded);
  }

  const actions = {
    undo, redo, save, discard,
    "zoom-in": () => view.zoom(1.25),
    "zoom-out": () => view.zoom(0.8),
    fit,
  };
  bindShell(root, view, state, actions);

  // ---------------------------------------------------------------- start

  return call(root.dataset.state).then(({ status, data }) => {
    if (status !== 200) { return; }
    state.history = new History(data);
    state.base = data.version;
    state.roomTypes = data.room_types || [];
    state.limits = data.limits || {};
    root.dataset.version = String(data.version);
    const all = floors(data.plan);
    if (!all.length) { return; }
    [state.buildingId, state.storey] = all[0];
    root.hidden = false;
    drawTabs();
    draw();
    fit();
    setTool("select");
    root.dataset.ready = "true";
  });
}

const root = document.getElementById("editor");
if (root) { start(root); }
