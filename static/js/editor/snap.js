// Snapping with priorities and a radius: another wall's line first, then the grid; typed numbers.

import { fill, num } from "./format.js";

export const GRID_M = 0.05;

export function toGrid(value, grid = GRID_M) {
  return Math.round(value / grid) * grid;
}

// value: the dragged line's offset; lines: offsets of other walls; radius in metres.
// Returns {value, line} where line is the wall line snapped to (or null for the grid).
export function snapOffset(value, lines, radius, grid = GRID_M) {
  let best = null;
  for (const v of lines) {
    const d = Math.abs(v - value);
    if (d <= radius && (best === null || d < Math.abs(best - value))) { best = v; }
  }
  if (best !== null) { return { value: best, line: best }; }
  return { value: toGrid(value, grid), line: null };
}

// A typed number: decimal comma or point, spaces allowed; NaN when it is not a number.
export function parseNumber(text) {
  const t = String(text).trim().replace(/\s/g, "").replace(",", ".");
  if (!/^[-+]?\d+(\.\d+)?$|^[-+]?\.\d+$/.test(t)) { return NaN; }
  return Number(t);
}

// A typed number checked against [low, high] as the server accepts it: {value}, or {problem}, the
// sentence to say (field: the field's name in it). Both editors read their number fields with it.
export function readNumber(text, low, high, field, texts, lang) {
  const value = parseNumber(text);
  if (Number.isNaN(value)) { return { problem: texts.not_a_number }; }
  if (value < low || value > high) {
    return { problem: fill(texts.out_of_range, { field, low: num(low, 2, lang), high: num(high, 2, lang) }) };
  }
  return { value };
}
