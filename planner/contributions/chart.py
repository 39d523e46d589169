"""A bar chart of the estimated self-build hours by phase and by person, as SVG.

Drawn server-side with svgwrite, which escapes every text it writes; user text
(people's names) is also cleaned of characters XML cannot hold. The chart has a
``<title>`` and a ``<desc>`` that give every figure in words, each bar carries its
number as text, and the title says the hours are estimates.
"""

from __future__ import annotations

import svgwrite

from planner.contributions.catalogue import PHASE_NAMES
from planner.contributions.drawings import hours_text, who_colours, who_label
from planner.contributions.estimate import Estimate
from planner.export.style import FONT_FAMILY, clean

WIDTH = 640
LABEL_W = 190
BAR_H = 22
GAP = 8
INK = "#1a1a1a"
PHASE_COLOUR = "#3d6fa3"

WORDS = {
    "title": ("Egeninnsats: timer (estimat)", "Self-build work: hours (estimate)"),
    "by_phase": ("Timer etter fase (estimat)", "Hours by phase (estimate)"),
    "by_who": ("Timer etter hvem som gjør arbeidet (estimat)", "Hours by who does the work (estimate)"),
    "nobody": ("Ingen timer er regnet med ennå.", "No hours are counted yet."),
    "total": ("Til sammen {h} (estimat).", "In all {h} (estimate)."),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


def bars(e: Estimate, lang: str = "nb") -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The two series: (phase name, hours) for every phase and (who, hours) for each person."""
    k = 1 if lang == "en" else 0
    phases = [(PHASE_NAMES[p][k], t.hours) for p, t in e.by_phase.items()]
    people = [(clean(who_label(w, lang), 60), t.hours) for w, t in e.by_who.items()]
    return phases, people


def _series_text(series: list[tuple[str, float]], lang: str) -> str:
    return "; ".join(f"{name}: {hours_text(h, lang)}" for name, h in series)


def chart_svg(e: Estimate, lang: str = "nb") -> str:
    """The chart of one estimate as an SVG document (text).

    >>> from planner.contributions.estimate import Estimate
    >>> svg = chart_svg(Estimate([], 400.0, 40000.0, 100.0))
    >>> "estimat" in svg and "<title" in svg
    True
    """
    phases, people = bars(e, lang)
    top = max([h for _, h in phases + people] + [1.0])
    height = 60 + (len(phases) + max(len(people), 1)) * (BAR_H + GAP) + 2 * 40 + 20
    dwg = svgwrite.Drawing(size=(f"{WIDTH}px", f"{height}px"), viewBox=f"0 0 {WIDTH} {height}",
                           profile="full", debug=False)
    dwg.attribs.update({"role": "img", "aria-labelledby": "chart-title chart-desc"})
    dwg.set_desc(title=_w("title", lang), desc=" ".join([
        _w("by_phase", lang) + ": " + _series_text(phases, lang) + ".",
        _w("by_who", lang) + ": " + (_series_text(people, lang) or _w("nobody", lang)) + ".",
        _w("total", lang).format(h=hours_text(e.hours, lang))]))
    dwg.elements[0].xml.set("id", "chart-title")
    dwg.elements[1].xml.set("id", "chart-desc")
    dwg.add(dwg.rect((0, 0), (WIDTH, height), fill="#ffffff"))
    text = dwg.g(font_family=FONT_FAMILY, fill=INK)
    dwg.add(text)
    text.add(dwg.text(_w("title", lang), insert=(12, 26), font_size="17px", font_weight="bold"))
    text.add(dwg.text(_w("total", lang).format(h=hours_text(e.hours, lang)), insert=(12, 46),
                      font_size="13px"))
    y = 76.0
    y = _panel(dwg, text, _w("by_phase", lang), [(n, h, PHASE_COLOUR) for n, h in phases], y, top, lang)
    colours = list(who_colours(e).values())
    rows = [(n, h, c) for (n, h), c in zip(people, colours, strict=True)]
    _panel(dwg, text, _w("by_who", lang), rows, y + 16, top, lang)
    return dwg.tostring()


def _panel(dwg: svgwrite.Drawing, text: svgwrite.container.Group, heading: str,
           rows: list[tuple[str, float, str]], y: float, top: float, lang: str) -> float:
    """One titled group of horizontal bars from ``y``; returns the y below it."""
    text.add(dwg.text(heading, insert=(12, y), font_size="14px", font_weight="bold"))
    y += 12
    if not rows:
        text.add(dwg.text(_w("nobody", lang), insert=(12, y + BAR_H * 0.7), font_size="13px"))
        return y + BAR_H + GAP
    span = WIDTH - LABEL_W - 90
    for name, hours, fill in rows:
        w = span * hours / top if top > 0 else 0.0
        text.add(dwg.text(name, insert=(LABEL_W - 8, y + BAR_H * 0.7), font_size="13px",
                          text_anchor="end"))
        dwg.add(dwg.rect((LABEL_W, y), (max(w, 1.0), BAR_H), fill=fill, stroke=INK, stroke_width=0.5))
        text.add(dwg.text(hours_text(hours, lang), insert=(LABEL_W + w + 6, y + BAR_H * 0.7),
                          font_size="13px"))
        y += BAR_H + GAP
    return y


def chart_data(e: Estimate, lang: str = "nb") -> dict[str, list[tuple[str, float, str]]]:
    """The chart's figures for a table beside it: name, hours and the hours as text."""
    phases, people = bars(e, lang)
    return {"by_phase": [(n, h, hours_text(h, lang)) for n, h in phases],
            "by_who": [(n, h, hours_text(h, lang)) for n, h in people]}

