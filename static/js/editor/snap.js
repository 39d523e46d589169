// Snapping with priorities and a radius: another wall's line first, then the grid.

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
