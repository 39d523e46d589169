"""An A3 landscape drawing sheet in SVG: frame, true-scale view, north arrow, scale bar,
legend and title block.

Every length on the sheet is in paper millimetres (the SVG's ``viewBox`` is the
sheet in mm and its ``width``/``height`` say ``mm``), so the sheet prints at true
scale. Plan coordinates (metres, y north) go through a :class:`View`.
Text is only ever added as text nodes or escaped attribute values by svgwrite's
XML writer, after :func:`planner.export.style.clean`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
import svgwrite
from shapely.geometry.base import BaseGeometry

from planner.export.drawing import Pt, rings
from planner.export.style import FONT_FAMILY, RED, clean

PAPER_W, PAPER_H = 420.0, 297.0
"""A3 landscape in millimetres."""
FRAME = (20.0, 10.0, 410.0, 287.0)
"""The drawing frame: 20 mm binding margin on the left, 10 mm elsewhere."""
COLUMN_X = 302.0
"""Left edge of the column that holds the north arrow, the legend and the title block."""
AREA = (FRAME[0] + 6.0, FRAME[1] + 6.0, COLUMN_X - 6.0, FRAME[3] - 6.0)
"""Where the plan itself goes."""
SITE_SCALES = (200, 500, 1000, 2000, 5000)
"""Scales of the site plan, the first that fits the plot: 1:200 for a small plot, 1:500 or 1:1000
for a larger one (the plot drawn as large as the sheet allows)."""
FLOOR_SCALES = (100, 200, 500, 1000)
"""Scales of the floor plans, the first that fits: 1:100 for any ordinary house."""
TITLE_TOP = 172.0
"""Top of the title block."""
INK = "#000000"
CHAR = 0.58
"""Mean character width of DejaVu Sans as a share of the font size."""


def fmt(v: float) -> str:
    """A paper coordinate with 0.01 mm precision and no trailing zeros.

    >>> fmt(1.0), fmt(2.345), fmt(-0.004)
    ('1', '2.35', '0')
    """
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_width(text: str, size: float) -> float:
    """Approximate width in mm of ``text`` at font ``size`` (mm)."""
    return len(text) * size * CHAR


class TextBox:
    """The paper area a line of text covers: its four corners, and its bounds for quick tests.

    A box turned by a multiple of 90° is tested with plain arithmetic; any other with Shapely.
    """

    __slots__ = ("bounds", "corners", "level")

    def __init__(self, corners: list[Pt], level: bool) -> None:
        self.corners = corners
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        self.bounds = (min(xs), min(ys), max(xs), max(ys))
        self.level = level

    @classmethod
    def of_bounds(cls, x0: float, y0: float, x1: float, y1: float) -> TextBox:
        """A level box from its bounds (``x0 <= x1``, ``y0 <= y1``), its corners straight away."""
        box = cls.__new__(cls)
        box.corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        box.bounds = (x0, y0, x1, y1)
        box.level = True
        return box

    @property
    def polygon(self) -> BaseGeometry:
        return shapely.Polygon(self.corners)

    def overlaps(self, other: TextBox | BaseGeometry, sliver: float = 0.05) -> bool:
        """Whether the two cover more than ``sliver`` mm² in common."""
        b = self.bounds
        ob = other.bounds
        if not (ob[0] < b[2] and b[0] < ob[2] and ob[1] < b[3] and b[1] < ob[3]):
            return False
        if isinstance(other, TextBox) and self.level and other.level:
            return (min(b[2], ob[2]) - max(b[0], ob[0])) * (min(b[3], ob[3]) - max(b[1], ob[1])) > sliver
        g = other.polygon if isinstance(other, TextBox) else other
        return _overlap(self.polygon, g)


def text_box(at: Pt, text: str, size: float, anchor: str = "start", bold: bool = False,
             rotate: float = 0.0) -> TextBox:
    """The paper area a line of text covers: its width from the mean character width, from the
    ascent to the descent, turned by ``rotate`` degrees (clockwise, as SVG) about ``at``.

    >>> text_box((10, 10), "Stue", 2.5, "middle").bounds
    (7.1, 8.2, 12.9, 10.45)
    """
    w = len(text) * size * CHAR * (1.08 if bold else 1.0)
    x0 = at[0] - w / 2 if anchor == "middle" else at[0] - w if anchor == "end" else at[0]
    top, bottom = at[1] - 0.72 * size, at[1] + 0.18 * size
    if not rotate:  # level: the corners and bounds straight away
        return TextBox.of_bounds(round(x0, 6), round(top, 6), round(x0 + w, 6), round(bottom, 6))
    a = math.radians(rotate)  # turned about ``at``
    c, s = math.cos(a), math.sin(a)
    corners = [(at[0] + (x - at[0]) * c - (y - at[1]) * s, at[1] + (x - at[0]) * s + (y - at[1]) * c)
               for x, y in ((x0, top), (x0 + w, top), (x0 + w, bottom), (x0, bottom))]
    level = abs(rotate / 90.0 - round(rotate / 90.0)) < 1e-9
    return TextBox([(round(x, 6), round(y, 6)) for x, y in corners], level)


def _overlap(a: BaseGeometry, b: BaseGeometry) -> bool:
    return bool(a.intersects(b)) and a.intersection(b).area > 0.05


class FreeSpace:
    """The texts placed so far and the shapes to keep clear of, as arrays, to test many candidate
    places of label blocks at once (the same test as :meth:`TextBox.overlaps`, vectorized).

    Level boxes are compared by their bounds with NumPy; a turned box or a shape to avoid (a door
    swing) only where the bounds meet, with one Shapely intersection call for all those pairs.

    >>> space = FreeSpace([text_box((10, 10), "Stue", 2.5, "middle")])
    >>> offsets = np.array([text_box((0, 0), "Bad", 2.5, "middle").bounds])
    >>> space.first_free(np.array([[10.0, 10.0], [10.0, 13.0], [30.0, 10.0]]), offsets)
    1
    """

    def __init__(self, boxes: Iterable[TextBox] = (), avoid: Sequence[BaseGeometry] = (),
                 sliver: float = 0.05) -> None:
        self.sliver = sliver
        self._level: list[tuple[float, float, float, float]] = []
        self._shapes: list[BaseGeometry] = list(avoid)
        self._level_arr: np.ndarray | None = None
        self._shape_arr: tuple[np.ndarray, np.ndarray] | None = None
        for b in boxes:
            self.add(b)

    def add(self, box: TextBox) -> None:
        """One more text placed (later candidates must keep clear of it)."""
        if box.level:
            self._level.append(box.bounds)
            self._level_arr = None
        else:
            self._shapes.append(box.polygon)
            self._shape_arr = None

    def clear(self, boxes: np.ndarray) -> np.ndarray:
        """For blocks of level boxes (place × line × (x0, y0, x1, y1), paper; a NaN box is no
        line), whether each block covers no placed text and no shape to avoid by more than the
        sliver."""
        ok = np.ones(len(boxes), dtype=bool)
        if not len(boxes):
            return ok
        if self._level:
            if self._level_arr is None:
                self._level_arr = np.array(self._level, dtype=float)
            level = self._level_arr
            b = boxes[:, :, None, :]
            w = np.minimum(b[..., 2], level[:, 2]) - np.maximum(b[..., 0], level[:, 0])
            h = np.minimum(b[..., 3], level[:, 3]) - np.maximum(b[..., 1], level[:, 1])
            ok &= ~((w > 0) & (h > 0) & (w * h > self.sliver)).any(axis=(1, 2))
        if self._shapes:
            if self._shape_arr is None:
                shapes = np.array(self._shapes, dtype=object)
                shapely.prepare(shapes)
                self._shape_arr = (shapes, shapely.bounds(shapes))
            shapes, s = self._shape_arr
            b = boxes[:, :, None, :]
            meet = ((s[:, 0] < b[..., 2]) & (b[..., 0] < s[:, 2])
                    & (s[:, 1] < b[..., 3]) & (b[..., 1] < s[:, 3]) & ok[:, None, None])
            pi, li, si = np.nonzero(meet)
            if len(pi):
                c = boxes[pi, li]
                rects = shapely.box(c[:, 0], c[:, 1], c[:, 2], c[:, 3])
                near = shapely.intersects(shapes[si], rects)  # prepared: quick, and most only meet by bounds
                pi, rects, si = pi[near], rects[near], si[near]
                cover = shapely.area(shapely.intersection(rects, shapes[si])) > self.sliver
                ok[pi[cover]] = False
        return ok

    def first_free(self, at: np.ndarray, offsets: np.ndarray, area: BaseGeometry | None = None) -> int | None:
        """The index of the first place in ``at`` (n × 2, paper) where a block of level boxes, given
        by their bounds relative to the place (``offsets``, k × 4), is free: every corner inside
        ``area`` (when given; prepare it) and :meth:`clear`. ``None`` when no place is free."""
        if len(at) == 0 or len(offsets) == 0:
            return None
        boxes = offsets[None, :, :] + np.concatenate([at, at], axis=1)[:, None, :]
        idx = np.arange(len(at))
        if area is not None:
            inside = corners_inside(area, boxes)
            idx, boxes = idx[inside], boxes[inside]
        idx = idx[self.clear(boxes)]
        return int(idx[0]) if len(idx) else None


def corners_inside(area, boxes: np.ndarray) -> np.ndarray:
    """Whether every corner of each block of boxes (place × line × 4, paper) lies in ``area`` (a
    geometry, or an array of one geometry per place; prepare them). NaN boxes count as inside."""
    xs, ys = boxes[:, :, (0, 2, 2, 0)], boxes[:, :, (1, 1, 3, 3)]
    geoms = area if isinstance(area, BaseGeometry) else np.asarray(area)[:, None, None]
    return (shapely.contains_xy(geoms, xs, ys) | np.isnan(xs)).all(axis=(1, 2))


def wrap(text: str, width: float, size: float) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` mm at font ``size``.

    >>> wrap("en to tre fire", 12, 2.5)
    ['en to', 'tre fire']
    """
    most = max(int(width / (size * CHAR)), 4)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > most:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:most])
            word = word[most:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= most:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def choose_scale(bounds: tuple[float, float, float, float], scales: Sequence[int],
                 area: tuple[float, float, float, float] = AREA) -> int:
    """The largest of ``scales`` (1:n, smallest n first) at which ``bounds`` (metres) fit ``area`` (mm).

    >>> choose_scale((0, 0, 30, 28), (500, 1000))
    500
    >>> choose_scale((0, 0, 200, 28), (500, 1000))
    1000
    >>> choose_scale((0, 0, 900, 28), (500, 1000))
    4000
    """
    w, h = bounds[2] - bounds[0], bounds[3] - bounds[1]
    aw, ah = area[2] - area[0], area[3] - area[1]
    for s in scales:
        if w * 1000 / s <= aw and h * 1000 / s <= ah:
            return s
    need = max(w * 1000 / aw, h * 1000 / ah)
    step = 10 ** math.floor(math.log10(need))
    return int(math.ceil(need / step) * step)


def fit_site_scale(site, scales: Sequence[int] = SITE_SCALES) -> int:
    """Set and return the site drawing's scale: the largest of ``scales`` at which the plot, with the
    margin that scale gives it, fits the drawing area."""
    for s in scales:
        site.scale = s
        for key in ("bounds", "turned_bounds"):
            site.__dict__.pop(key, None)  # the margin depends on the scale
        if choose_scale(site.turned_bounds, (s,)) == s:
            return s
    site.scale = choose_scale(site.turned_bounds, scales)
    for key in ("bounds", "turned_bounds"):
        site.__dict__.pop(key, None)
    return site.scale


@dataclass(frozen=True)
class View:
    """Plan metres to paper millimetres at 1:``scale``, the plan centred in ``area``.

    ``turn`` (degrees, counter-clockwise) turns the plan about its centre before it is put on
    paper: a site plan squares a rotated plot to the sheet, and its north arrow turns with it.
    """

    scale: int
    cx: float
    cy: float
    px: float
    py: float
    turn: float = 0.0

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], scale: int,
            area: tuple[float, float, float, float] = AREA, turn: float = 0.0) -> View:
        """``bounds`` are those of the plan turned by ``turn`` about the origin (plain bounds when 0)."""
        mx, my = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
        a = math.radians(-turn)  # the centre back in plan coordinates
        cx, cy = mx * math.cos(a) - my * math.sin(a), mx * math.sin(a) + my * math.cos(a)
        return cls(scale, cx, cy, (area[0] + area[2]) / 2, (area[1] + area[3]) / 2, turn)

    @property
    def k(self) -> float:
        """Paper millimetres per plan metre."""
        return 1000.0 / self.scale

    def p(self, pt: Sequence[float]) -> Pt:
        dx, dy = pt[0] - self.cx, pt[1] - self.cy
        if self.turn:
            a = math.radians(self.turn)
            dx, dy = dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)
        return (self.px + dx * self.k, self.py - dy * self.k)

    def paper_xy(self, xy: np.ndarray) -> np.ndarray:
        """Plan points (n × 2) on paper, as :meth:`p` does one."""
        d = xy - (self.cx, self.cy)
        if self.turn:
            a = math.radians(self.turn)
            c, s = math.cos(a), math.sin(a)
            d = np.column_stack([d[:, 0] * c - d[:, 1] * s, d[:, 0] * s + d[:, 1] * c])
        return np.column_stack([self.px + d[:, 0] * self.k, self.py - d[:, 1] * self.k])

    def paper_geoms(self, geoms: np.ndarray) -> np.ndarray:
        """Plan geometries on paper, all in one call.

        >>> v = View(100, 0.0, 0.0, 100.0, 100.0)
        >>> v.paper_geoms(np.array([shapely.Point(1, 2)]))[0].coords[0], v.p((1, 2))
        ((110.0, 80.0), (110.0, 80.0))
        """
        return shapely.transform(geoms, self.paper_xy)

    def direction(self, v: Sequence[float]) -> Pt:
        """A plan direction as a paper direction (paper y points down)."""
        a = math.radians(self.turn)
        return (v[0] * math.cos(a) - v[1] * math.sin(a), -(v[0] * math.sin(a) + v[1] * math.cos(a)))

    def plan(self, paper: Sequence[float]) -> Pt:
        """A paper point back in plan metres."""
        dx, dy = (paper[0] - self.px) / self.k, -(paper[1] - self.py) / self.k
        if self.turn:
            a = math.radians(-self.turn)
            dx, dy = dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)
        return (self.cx + dx, self.cy + dy)

    def pts(self, pts: Iterable[Sequence[float]]) -> list[tuple[str, str]]:
        return [(fmt(x), fmt(y)) for x, y in (self.p(q) for q in pts)]

    def path(self, geom: BaseGeometry) -> str:
        """SVG path data of a polygon or multipolygon with its holes (use ``fill-rule: evenodd``)."""
        parts = []
        for ring in rings(geom):
            if len(ring) < 3:
                continue
            xy = [self.p(q) for q in ring]
            parts.append("M" + " L".join(f"{fmt(x)},{fmt(y)}" for x, y in xy) + " Z")
        return " ".join(parts)

    def ring_path(self, pts: Sequence[Sequence[float]], closed: bool = True) -> str:
        xy = [self.p(q) for q in pts]
        return "M" + " L".join(f"{fmt(x)},{fmt(y)}" for x, y in xy) + (" Z" if closed else "")


def reading_angle(dx: float, dy: float) -> float:
    """Rotation in degrees (SVG, clockwise) of text along a paper direction, kept readable.

    Vertical text reads from the bottom up, as on building drawings.

    >>> reading_angle(1, 0), reading_angle(0, -1), reading_angle(0, 1), reading_angle(-1, 0)
    (0.0, -90.0, -90.0, 0.0)
    """
    a = math.degrees(math.atan2(dy, dx))
    if a >= 90.0 - 1e-6:
        a -= 180.0
    elif a < -90.0 - 1e-6:
        a += 180.0
    return round(a, 2) + 0.0


class Segments:
    """Straight strokes gathered by pen width and written as one SVG path per width.

    A drawing has hundreds of short lines (dimension ticks, extension lines,
    window symbols); one ``<path>`` per pen keeps the file small and quick to write.
    """

    def __init__(self) -> None:
        self.by_width: dict[float, list[str]] = {}

    def add(self, a: Pt, b: Pt, width: float) -> None:
        self.by_width.setdefault(width, []).append(f"M{fmt(a[0])},{fmt(a[1])} L{fmt(b[0])},{fmt(b[1])}")

    def flush(self, sheet: Sheet, parent, colour: str = INK) -> None:
        for width, parts in sorted(self.by_width.items()):
            parent.add(sheet.dwg.path(" ".join(parts), stroke=colour, stroke_width=fmt(width), fill="none"))
        self.by_width.clear()


class Boxes:
    """The paper boxes of texts placed so far, for a writer that has no :class:`Sheet` (the DXF)."""

    def __init__(self) -> None:
        self.boxes: list[TextBox] = []

    def add(self, at: Pt, text: str, size: float, anchor: str = "start", bold: bool = False,
            rotate: float = 0.0) -> None:
        self.boxes.append(text_box(at, clean(text), size, anchor, bold, rotate))


class Sheet:
    """One A3 sheet being drawn."""

    def __init__(self, title: str, description: str = "") -> None:
        self.dwg = svgwrite.Drawing(size=(f"{PAPER_W:g}mm", f"{PAPER_H:g}mm"),
                                    viewBox=f"0 0 {PAPER_W:g} {PAPER_H:g}", debug=False)
        self.dwg.set_desc(clean(title), clean(description, limit=2000))
        self.dwg.add(self.dwg.rect((0, 0), (PAPER_W, PAPER_H), fill="#ffffff"))
        self.root = self.dwg.add(self.dwg.g(font_family=FONT_FAMILY, fill="none", stroke="none"))
        self.boxes: list[TextBox] = []
        """The paper box of every text drawn so far: where a later label must not go."""

    def group(self, name: str, **attrs: object):
        """A named layer of the drawing (``class`` says what it holds)."""
        return self.root.add(self.dwg.g(class_=name, **attrs))

    # ---- primitives (paper mm)

    def line(self, parent, a: Pt, b: Pt, width: float = 0.25, colour: str = INK, **attrs: object) -> None:
        parent.add(self.dwg.line((fmt(a[0]), fmt(a[1])), (fmt(b[0]), fmt(b[1])), stroke=colour,
                                 stroke_width=fmt(width), **attrs))

    def free(self, candidates: Iterable[Pt], text: str, size: float = 2.5, anchor: str = "start",
             bold: bool = False, rotate: float = 0.0, avoid: Sequence[BaseGeometry] = ()) -> Pt | None:
        """The first of ``candidates`` (baselines) where ``text`` covers no text drawn so far nor
        anything in ``avoid`` (paper geometries), else ``None``."""
        text = clean(text)
        for at in candidates:
            if self.is_free(text_box(at, text, size, anchor, bold, rotate), avoid):
                return at
        return None

    def is_free(self, box: TextBox, avoid: Sequence[BaseGeometry] = ()) -> bool:
        """Whether ``box`` (paper) covers no text drawn so far and nothing in ``avoid``."""
        return not any(box.overlaps(o) for o in self.boxes) and not any(box.overlaps(g) for g in avoid)

    def text(self, parent, at: Pt, text: str, size: float = 2.5, anchor: str = "start",
             colour: str = INK, bold: bool = False, rotate: float = 0.0, halo: bool = False,
             **attrs: object):
        """Text at ``at`` (its baseline); ``halo`` clears a white box behind it so lines under it
        do not cut through the letters."""
        self.boxes.append(text_box(at, clean(text), size, anchor, bold, rotate))
        if halo:
            w = text_width(clean(text), size) * (1.08 if bold else 1.0) + 0.8
            x = {"start": at[0] - 0.4, "middle": at[0] - w / 2, "end": at[0] - w + 0.4}[anchor]
            box = {"transform": f"rotate({fmt(rotate)} {fmt(at[0])} {fmt(at[1])})"} if rotate else {}
            parent.add(self.dwg.rect((fmt(x), fmt(at[1] - size * 0.9)), (fmt(w), fmt(size * 1.2)),
                                     fill="#ffffff", fill_opacity="0.85", **box))
        kw: dict[str, object] = {"font_size": fmt(size), "fill": colour}
        if anchor != "start":
            kw["text_anchor"] = anchor
        if bold:
            kw["font_weight"] = "bold"
        if rotate:
            kw["transform"] = f"rotate({fmt(rotate)} {fmt(at[0])} {fmt(at[1])})"
        kw.update(attrs)
        return parent.add(self.dwg.text(clean(text), insert=(fmt(at[0]), fmt(at[1])), **kw))

    def rect(self, parent, x: float, y: float, w: float, h: float, fill: str = "none",
             stroke: str = INK, width: float = 0.25, **attrs: object) -> None:
        parent.add(self.dwg.rect((fmt(x), fmt(y)), (fmt(w), fmt(h)), fill=fill, stroke=stroke,
                                 stroke_width=fmt(width), **attrs))

    def marker(self, parent, at: Pt, number: int, colour: str = RED) -> None:
        """A numbered circle pointing to a finding in the legend."""
        parent.add(self.dwg.circle((fmt(at[0]), fmt(at[1])), 2.1, fill=colour, stroke="#ffffff",
                                   stroke_width="0.3"))
        self.text(parent, (at[0], at[1] + 0.95), str(number), size=2.6, anchor="middle",
                  colour="#ffffff", bold=True)

    # ---- sheet furniture

    def frame(self) -> None:
        g = self.group("frame")
        x0, y0, x1, y1 = FRAME
        self.rect(g, x0, y0, x1 - x0, y1 - y0, width=0.7)
        self.line(g, (COLUMN_X, y0), (COLUMN_X, y1), width=0.35)

    def north_arrow(self, at: Pt = (330.0, 34.0), turn: float = 0.0) -> None:
        """North is up, the plan's y axis (PLAN_FORMAT.md), or turned with the plan by ``turn``
        degrees counter-clockwise."""
        g = self.group("north-arrow")
        x, y = at
        if turn:
            g["transform"] = f"rotate({fmt(-turn)} {fmt(x)} {fmt(y)})"
            g["data-turn"] = fmt(turn)
        g.add(self.dwg.circle((fmt(x), fmt(y)), 9, stroke=INK, stroke_width="0.25", fill="none"))
        g.add(self.dwg.polygon([(x, y - 11), (x + 4, y + 6), (x, y + 3)], fill=INK))
        g.add(self.dwg.polygon([(x, y - 11), (x - 4, y + 6), (x, y + 3)], fill="#ffffff",
                               stroke=INK, stroke_width="0.25"))
        self.text(g, (x, y - 13), "N", size=5, anchor="middle", bold=True)
        self.text(g, (x, y + 15), "nord", size=2.5, anchor="middle")

    def scale_bar(self, scale: int, at: Pt = (350.0, 30.0)) -> None:
        """A bar of about 40 mm in round metres, with the scale written out."""
        k = 1000.0 / scale
        step = _nice_step(40.0 / k / 4)
        n = 4
        g = self.group("scale-bar")
        x, y = at
        for i in range(n):
            self.rect(g, x + i * step * k, y, step * k, 2.0, fill=INK if i % 2 == 0 else "#ffffff",
                      width=0.2)
        for i in range(n + 1):
            self.text(g, (x + i * step * k, y + 5.5), _metres(i * step), size=2.2, anchor="middle")
        self.text(g, (x + n * step * k + 2.5, y + 2.0), "m", size=2.2)
        self.text(g, (x, y - 3.0), f"Målestokk 1:{scale} (A3)", size=3.0, bold=True)

    def legend(self, entries: Sequence[LegendEntry], top: float = 58.0,
               bottom: float = TITLE_TOP - 4.0) -> None:
        """The legend (tegnforklaring): a symbol and a text per entry, wrapped to the column."""
        g = self.group("legend")
        x0 = COLUMN_X + 4.0
        self.text(g, (x0, top), "Tegnforklaring", size=3.5, bold=True)
        y = top + 6.0
        width = FRAME[2] - x0 - 16.0
        for n, e in enumerate(entries):
            lines = wrap(clean(e.text, limit=400), width, e.size)
            if e.heading:
                lines = wrap(clean(e.text), width + 14, e.size)
            need = max(len(lines) * e.size * 1.3, 4.2)
            if y + need > bottom:
                rest = len(entries) - n
                self.text(g, (x0, y + 1.0), f"… og {rest} til (se planner check)", size=2.5)
                return
            if e.heading:
                for i, line in enumerate(lines):
                    self.text(g, (x0, y + 1.2 + i * e.size * 1.3), line, size=e.size, bold=True,
                              colour=e.colour)
                y += need + 1.0
                continue
            e.draw(self, g, (x0, y - 2.0))
            ink = e.colour if e.kind in ("marker", "circle") else INK
            for i, line in enumerate(lines):
                self.text(g, (x0 + 14.0, y + 1.0 + i * e.size * 1.3), line, size=e.size, colour=ink)
            y += need + 1.2

    def title_block(self, heading: str, subtitle: str, rows: Sequence[tuple[str, str]],
                    table: Sequence[tuple[str, str, str]],
                    footer: str = "Tegnet med planner fra planfilen (plan/1).") -> None:
        """Title block: heading, ``rows`` of label/value, then ``table`` of label/value/colour."""
        g = self.group("title-block")
        x0, x1, y1 = COLUMN_X, FRAME[2], FRAME[3]
        y = TITLE_TOP
        self.line(g, (x0, y), (x1, y), width=0.5)
        self.text(g, (x0 + 4, y + 8.0), heading.upper(), size=5.0, bold=True)
        for i, line in enumerate(wrap(clean(subtitle), x1 - x0 - 8, 3.2)[:2]):
            self.text(g, (x0 + 4, y + 14.0 + i * 4.2), line, size=3.2)
        y += 22.5
        row_h = 5.6
        for label, value in rows:
            self.line(g, (x0, y), (x1, y), width=0.18)
            self.text(g, (x0 + 2.5, y + 3.9), label, size=2.4, colour="#444444")
            shown = wrap(clean(value), x1 - x0 - 32, 2.8)[:1]
            self.text(g, (x0 + 28.0, y + 4.0), shown[0] if shown else "", size=2.8)
            y += row_h
        self.line(g, (x0, y), (x1, y), width=0.35)
        for label, value, col in table:
            self.text(g, (x0 + 2.5, y + 4.3), label, size=2.8, bold=True, colour=col)
            self.text(g, (x1 - 2.5, y + 4.3), value, size=2.8, anchor="end", colour=col)
            y += row_h
            self.line(g, (x0, y), (x1, y), width=0.18)
        self.text(g, (x1 - 2.0, y1 - 1.8), footer, size=2.0,
                  anchor="end", colour="#555555")

    def crop(self, box: tuple[float, float, float, float]) -> None:
        """Show only ``box`` (x0, y0, x1, y1 in sheet millimetres), still at true scale: a view of
        the drawing itself, without the sheet around it, for pages that show it small."""
        x0, y0, x1, y1 = max(box[0], 0.0), max(box[1], 0.0), min(box[2], PAPER_W), min(box[3], PAPER_H)
        self.dwg["viewBox"] = f"{fmt(x0)} {fmt(y0)} {fmt(x1 - x0)} {fmt(y1 - y0)}"
        self.dwg["width"], self.dwg["height"] = f"{fmt(x1 - x0)}mm", f"{fmt(y1 - y0)}mm"
        # shown in a box of another shape, the picture grows beyond its viewBox: clip the rest of the sheet
        clip = self.dwg.defs.add(self.dwg.clipPath(id="drawing-only"))
        clip.add(self.dwg.rect((fmt(x0), fmt(y0)), (fmt(x1 - x0), fmt(y1 - y0))))
        self.root["clip-path"] = "url(#drawing-only)"

    def tostring(self) -> str:
        return self.dwg.tostring()


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: ``kind`` picks the symbol drawn before ``text``."""

    kind: str
    text: str
    colour: str = INK
    fill: str = "none"
    number: int = 0
    dash: str = ""
    size: float = 2.5
    heading: bool = False

    def draw(self, sheet: Sheet, g, at: Pt) -> None:
        x, y = at
        if self.kind == "swatch":
            sheet.rect(g, x, y - 0.6, 10.0, 4.6, fill=self.fill, stroke=self.colour, width=0.25)
        elif self.kind == "line":
            attrs = {"stroke_dasharray": self.dash} if self.dash else {}
            sheet.line(g, (x, y + 1.7), (x + 10.0, y + 1.7), width=float(self.fill or 0.35),
                       colour=self.colour, **attrs)
        elif self.kind == "marker":
            sheet.marker(g, (x + 5.0, y + 1.7), self.number, colour=self.colour)
        elif self.kind == "circle":
            g.add(sheet.dwg.circle((fmt(x + 5.0), fmt(y + 1.7)), 2.3, fill="none", stroke=self.colour,
                                   stroke_width="0.3", stroke_dasharray=self.dash or None))
        elif self.kind == "door":
            sheet.line(g, (x + 2, y + 3.9), (x + 2, y - 0.6), width=0.25)
            g.add(sheet.dwg.path(f"M{fmt(x + 2)},{fmt(y - 0.6)} A4.5,4.5 0 0 1 {fmt(x + 6.5)},{fmt(y + 3.9)}",
                                 stroke=INK, stroke_width="0.18", fill="none"))
            sheet.rect(g, x, y + 3.9, 2.0, 0.9, fill="#3a3a3a", stroke="none", width=0)
            sheet.rect(g, x + 6.5, y + 3.9, 3.5, 0.9, fill="#3a3a3a", stroke="none", width=0)
        elif self.kind == "window":
            sheet.rect(g, x, y + 0.4, 2.5, 2.6, fill="#3a3a3a", stroke="none", width=0)
            sheet.rect(g, x + 7.5, y + 0.4, 2.5, 2.6, fill="#3a3a3a", stroke="none", width=0)
            sheet.rect(g, x + 2.5, y + 0.4, 5.0, 2.6, fill="#ffffff", stroke=INK, width=0.18)
            sheet.line(g, (x + 2.5, y + 1.7), (x + 7.5, y + 1.7), width=0.18)
        elif self.kind == "dim":
            sheet.line(g, (x, y + 2.2), (x + 10, y + 2.2), width=0.18)
            for xx in (x, x + 10):
                sheet.line(g, (xx - 0.8, y + 3.0), (xx + 0.8, y + 1.4), width=0.35)
            sheet.text(g, (x + 5, y + 1.2), "3600", size=2.0, anchor="middle")
        elif self.kind == "arrowdim":
            sheet.line(g, (x + 1, y + 1.7), (x + 9, y + 1.7), width=0.18, colour=self.colour)
            for tip, d in (((x, y + 1.7), 1), ((x + 10, y + 1.7), -1)):
                g.add(sheet.dwg.polygon([tip, (tip[0] + 2.2 * d, tip[1] - 0.7),
                                         (tip[0] + 2.2 * d, tip[1] + 0.7)], fill=self.colour))


def _nice_step(raw_m: float) -> float:
    """A round step (1, 2 or 5 × 10ⁿ metres) at or above ``raw_m``.

    >>> _nice_step(0.9), _nice_step(4.8), _nice_step(11)
    (1.0, 5.0, 20.0)
    """
    base = 10 ** math.floor(math.log10(raw_m))
    for m in (1, 2, 5, 10):
        if m * base >= raw_m - 1e-9:
            return float(m * base)
    return float(10 * base)


def _metres(v: float) -> str:
    return f"{v:g}".replace(".", ",")
