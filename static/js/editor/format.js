// Numbers and labels as the page's language writes them (decimal comma in Bokmål). No DOM.

// One formatter per language and number of digits: making an Intl.NumberFormat costs far more than
// using one (it was a third of a redraw's script time).
const FORMATS = new Map();

export function num(value, digits, lang) {
  const key = `${lang === "en" ? "en" : "nb"}:${digits}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === "en" ? "en-GB" : "nb-NO", {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false,
    });
    FORMATS.set(key, f);
  }
  return f.format(value);
}

// "Text with {name} and {area}" filled in from values.
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

export function roomLabel(room, fig, texts, lang) {
  if (!fig) { return room.name; }
  return fill(texts.room_label, {
    name: room.name, area: num(fig.area, 1, lang),
    w: num(fig.size[0], 2, lang), d: num(fig.size[1], 2, lang),
  });
}

export function sideName(nx, ny, texts) {
  const angle = ((Math.atan2(ny, nx) * 180) / Math.PI + 360) % 360;
  const names = ["east", "north_east", "north", "north_west", "west", "south_west", "south", "south_east"];
  return texts["side_" + names[Math.floor(((angle + 22.5) % 360) / 45)]];
}
