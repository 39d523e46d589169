// Plain geometry on plan coordinates (metres, y north): no DOM, so node --test covers it.
// The server holds every rule; this is only what a preview and snapping need.

export const TOL = 0.01;

export function ring(coords) {
  const n = coords.length;
  if (n > 1 && coords[0][0] === coords[n - 1][0] && coords[0][1] === coords[n - 1][1]) {
    return coords.slice(0, n - 1);
  }
  return coords.slice();
}

export function contains(coords, p) {
  const pts = ring(coords);
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

export function dist(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

// The outward normal [nx, ny] of edge i of a polygon and the offset of its line along it.
export function outward(coords, i) {
  const pts = ring(coords);
  const a = pts[i];
  const b = pts[(i + 1) % pts.length];
  const len = dist(a, b);
  if (len < TOL) { return null; }
  let nx = (b[1] - a[1]) / len;
  let ny = -(b[0] - a[0]) / len;
  const mid = [(a[0] + b[0]) / 2 + nx * 0.01, (a[1] + b[1]) / 2 + ny * 0.01];
  if (contains(coords, mid)) { nx = -nx; ny = -ny; }
  return { nx, ny, line: a[0] * nx + a[1] * ny, a, b, length: len };
}

// How far a polygon reaches along the direction (nx, ny).
export function across(coords, nx, ny) {
  const v = ring(coords).map((p) => p[0] * nx + p[1] * ny);
  return v.length ? Math.max(...v) - Math.min(...v) : 0;
}

export function area(coords) {
  const pts = ring(coords);
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}

export function centroid(coords) {
  const pts = ring(coords);
  let cx = 0;
  let cy = 0;
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
    s += f;
  }
  if (Math.abs(s) < 1e-12) { return pts[0] || [0, 0]; }
  return [cx / (3 * s), cy / (3 * s)];
}

export function bounds(pointsList) {
  let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
  for (const p of pointsList) {
    x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]);
    x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]);
  }
  if (!Number.isFinite(x0)) { return [0, 0, 10, 10]; }
  return [x0, y0, x1, y1];
}

// The point of segment a-b nearest p, and how far along (0..1) it lies.
export function nearestOnSegment(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
  return { point: [a[0] + t * dx, a[1] + t * dy], t };
}

// A copy of the plan document with every corner on the line p·n = line of the storey moved by shift:
// the preview of a wall drag (the server's move_wall does the same and checks the limits).
export function shiftLine(plan, buildingId, storeys, n, line, shift) {
  const copy = structuredClone(plan);
  const b = copy.buildings.find((x) => x.id === buildingId);
  if (!b) { return copy; }
  const moved = (p) => (Math.abs(p[0] * n.nx + p[1] * n.ny - line) <= TOL
    ? [p[0] + n.nx * shift, p[1] + n.ny * shift] : p);
  for (const r of b.rooms) {
    if (storeys.includes(r.storey)) { r.polygon = r.polygon.map(moved); }
  }
  b.footprint = b.footprint.map(moved);
  for (const d of b.doors || []) { d.at = moved(d.at); }
  for (const w of b.windows || []) { w.at = moved(w.at); }
  return copy;
}

// Offsets along n of every corner of the storey's rooms that is not on the moving line: the lines a
// dragged wall can snap to.
export function lineOffsets(building, storey, n, line) {
  const out = new Set();
  for (const r of building.rooms) {
    if (r.storey !== storey) { continue; }
    for (const p of r.polygon) {
      const v = p[0] * n.nx + p[1] * n.ny;
      if (Math.abs(v - line) > TOL) { out.add(Math.round(v * 1000) / 1000); }
    }
  }
  for (const p of building.footprint) {
    const v = p[0] * n.nx + p[1] * n.ny;
    if (Math.abs(v - line) > TOL) { out.add(Math.round(v * 1000) / 1000); }
  }
  return [...out];
}

// A polygon's straight outline from sides with lengths and inner angles (the plot page's preview;
// the server's outline_from_sides decides).
export function outlineFromSides(sides, start = [0, 0], bearingDeg = 0) {
  let [x, y] = start;
  let heading = (bearingDeg * Math.PI) / 180;
  const out = [[x, y]];
  sides.forEach((s, i) => {
    x += s.length_m * Math.cos(heading);
    y += s.length_m * Math.sin(heading);
    out.push([Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);
    const angle = s.angle_deg ?? (i < sides.length - 1 ? 90 : null);
    if (angle !== null && angle !== undefined) { heading += Math.PI - (angle * Math.PI) / 180; }
  });
  if (dist(out[out.length - 1], out[0]) <= 0.05) { out.pop(); }
  return out;
}

// Sides (length, inner angle at the end) of an outline walked counter-clockwise, with its start
// and bearing: what the sides table starts from.
export function sidesOf(boundary) {
  let p = ring(boundary);
  let signed = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = p[(i + 1) % p.length];
    signed += a[0] * b[1] - b[0] * a[1];
  }
  if (signed < 0) { p = [p[0], ...p.slice(1).reverse()]; }
  const heading = (i) => {
    const a = p[i % p.length];
    const b = p[(i + 1) % p.length];
    return Math.atan2(b[1] - a[1], b[0] - a[0]);
  };
  const sides = [];
  for (let i = 0; i < p.length - 1; i++) {
    let turn = heading(i + 1) - heading(i);
    while (turn <= -Math.PI) { turn += 2 * Math.PI; }
    while (turn > Math.PI) { turn -= 2 * Math.PI; }
    sides.push({ length_m: dist(p[i], p[i + 1]), angle_deg: 180 - (turn * 180) / Math.PI });
  }
  return { sides, start: p[0] || [0, 0], bearing: p.length > 1 ? (heading(0) * 180) / Math.PI : 0 };
}

// How far the line [p, q] lies straight out from the segment a-b when it is that segment moved
// sideways (each end straight across from its corner, within 1 cm); null for any other line.
export function parallelOffset(a, b, line) {
  if (!line || line.length !== 2) { return null; }
  const len = dist(a, b);
  if (len < TOL) { return null; }
  const ds = [[line[0][0] - a[0], line[0][1] - a[1]], [line[1][0] - b[0], line[1][1] - b[1]]];
  const along = ds.map((d) => Math.abs(d[0] * (b[0] - a[0]) + d[1] * (b[1] - a[1])) / len);
  const off = ds.map((d) => Math.hypot(d[0], d[1]));
  return along.every((v) => v < TOL) && Math.abs(off[0] - off[1]) < TOL ? off[0] : null;
}
