// node --test tests/js: the editor's pure modules (no DOM): geometry, snapping, undo, numbers.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fill, num } from "../../static/js/editor/format.js";
import {
  across, area, contains, lineOffsets, outlineFromSides, outward, parallelOffset, shiftLine, sidesOf,
} from "../../static/js/editor/geometry.js";
import { History } from "../../static/js/editor/history.js";
import { parseNumber, readNumber, snapOffset, toGrid } from "../../static/js/editor/snap.js";

const room = [[0, 0], [4, 0], [4, 3], [0, 3]];

test("the outward normal of a room's east wall points east", () => {
  const o = outward(room, 1);
  assert.deepEqual([o.nx, o.ny], [1, -0]);
  assert.equal(o.line, 4);
  assert.equal(across(room, o.nx, o.ny), 4);
  assert.ok(contains(room, [2, 1]) && !contains(room, [5, 1]));
});

test("a wall line moved drags the corners of every room on it, and nothing else", () => {
  const plan = { buildings: [{ id: "A", footprint: [[0, 0], [8, 0], [8, 3], [0, 3]], doors: [], windows: [],
    rooms: [{ id: "a", storey: 1, polygon: room }, { id: "b", storey: 1, polygon: [[4, 0], [8, 0], [8, 3], [4, 3]] }] }] };
  const moved = shiftLine(plan, "A", [1], outward(room, 1), 4, 0.5);
  assert.deepEqual(moved.buildings[0].rooms[1].polygon[0], [4.5, 0]);
  assert.deepEqual(plan.buildings[0].rooms[1].polygon[0], [4, 0]);   // the original is untouched
  assert.deepEqual(lineOffsets(plan.buildings[0], 1, outward(room, 1), 4).sort(), [0, 8]);
});

test("snapping prefers another wall's line within the radius, else the 5 cm grid", () => {
  assert.deepEqual(snapOffset(3.93, [4.0, 8.0], 0.1), { value: 4.0, line: 4.0 });
  const g = snapOffset(3.47, [4.0], 0.1);
  assert.equal(g.line, null);
  assert.ok(Math.abs(g.value - 3.45) < 1e-9);
  assert.ok(Math.abs(toGrid(1.026) - 1.05) < 1e-9);
});

test("typed numbers take a decimal comma or point and nothing else", () => {
  assert.equal(parseNumber("3,45"), 3.45);
  assert.equal(parseNumber(" 2.5 "), 2.5);
  assert.ok(Number.isNaN(parseNumber("3,4,5")));
  assert.ok(Number.isNaN(parseNumber("tre")));
});

test("a number field is read within the range the server accepts, or says why not", () => {
  const texts = { not_a_number: "Skriv et tall.", out_of_range: "{field} må være mellom {low} og {high}." };
  assert.deepEqual(readNumber("2,1", 1.8, 3, "Høyde", texts, "nb"), { value: 2.1 });
  assert.deepEqual(readNumber("1,5", 1.8, 3, "Høyde", texts, "nb"), { problem: "Høyde må være mellom 1,80 og 3,00." });
  assert.deepEqual(readNumber("3.5", 1.8, 3, "Height", { ...texts, out_of_range: "{field}: {low} to {high}" }, "en"),
    { problem: "Height: 1.80 to 3.00" });
  assert.deepEqual(readNumber("høy", 1.8, 3, "Høyde", texts, "nb"), { problem: "Skriv et tall." });
  assert.deepEqual(readNumber("0", -Infinity, Infinity, "x", texts, "nb"), { value: 0 });
});

test("undo and redo walk whole snapshots; the saved one is known; discard goes back to it", () => {
  const h = new History("v1");
  assert.equal(h.dirty, false);
  h.push("a"); h.push("b");
  assert.equal(h.dirty, true);
  assert.equal(h.undo(), "a");
  assert.equal(h.redo(), "b");
  h.undo(); h.push("c");
  assert.equal(h.canRedo, false);
  assert.equal(h.discard(), "v1");
  assert.equal(h.dirty, false);
  assert.equal(h.undo(), "c");   // the discard itself can be undone
});

test("numbers in Bokmål have a decimal comma, in English a point", () => {
  assert.equal(num(9.72, 1, "nb"), "9,7");
  assert.equal(num(9.72, 2, "en"), "9.72");
  assert.equal(fill("{name}, {area} m²", { name: "Soverom 2", area: "9,7" }), "Soverom 2, 9,7 m²");
});

test("a surveyor's sketch closes itself and reads back as the same sides", () => {
  const corners = outlineFromSides([{ length_m: 20, angle_deg: 90 }, { length_m: 10, angle_deg: 90 },
    { length_m: 20, angle_deg: 90 }]);
  assert.deepEqual(corners, [[0, 0], [20, 0], [20, 10], [0, 10]]);
  assert.equal(area(corners), 200);
  const back = sidesOf(corners);
  assert.deepEqual(back.sides.map((s) => Math.round(s.length_m)), [20, 10, 20]);
  assert.deepEqual(back.sides.map((s) => Math.round(s.angle_deg)), [90, 90, 90]);
  assert.deepEqual(outlineFromSides(back.sides, back.start, back.bearing), corners);
});

test("held arrow keys on one wall make one undo step; another gesture starts a new one", () => {
  const h = new History("v1");
  h.push("a", "keys:wall:x", 1000);
  h.push("b", "keys:wall:x", 1500);
  h.push("c", "keys:wall:x", 2200);
  assert.equal(h.current, "c");
  assert.equal(h.undo(), "v1");   // one step back takes the whole run
  h.redo();
  h.push("d", "keys:wall:x", 2300);   // after an undo/redo a new step begins
  assert.equal(h.undo(), "c");
  h.redo();
  h.push("e", "keys:wall:x", 9000);   // too long after: a new step
  assert.equal(h.undo(), "d");
});

test("a road's centre line drawn as the edge moved out is read back as its distance; another is not", () => {
  assert.equal(parallelOffset([0, 6], [30, 6], [[0, -4], [30, -4]]), 10);
  const slanted = parallelOffset([20, 20], [0, 10], [[17.764, 24.472], [-2.236, 14.472]]);
  assert.ok(Math.abs(slanted - 5) < 0.001);
  assert.equal(parallelOffset([0, 6], [30, 6], [[0, -4], [31, -4]]), null);       // longer than the edge
  assert.equal(parallelOffset([0, 6], [30, 6], [[-5, -20], [10, -21], [40, -25]]), null);   // surveyed
  assert.equal(parallelOffset([0, 6], [30, 6], null), null);
});
