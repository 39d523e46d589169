"""A chart of the payments over the years, as SVG drawn server-side with svgwrite.

One stacked bar a year: interest and instalments of both loans; year 0 is the
building period with the construction loan's interest. The chart has a
``<title>`` and a ``<desc>`` that give the figures in words, and says it is an
estimate.
"""

from __future__ import annotations

import svgwrite

from planner.finance.plan import Financing, nok

FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
"""The font of every drawing of planner (as ``planner.export.style``; not imported, to stay light)."""

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 74, 16, 56, 52
INTEREST, INSTALMENT, INK = "#c8643c", "#3d6fa3", "#1a1a1a"

WORDS = {
    "title": ("Betalinger per år (anslag)", "Payments per year (estimate)"),
    "interest": ("renter", "interest"),
    "instalment": ("avdrag", "instalments"),
    "year": ("år", "year"),
    "building": ("bygge-\ntid", "build-\ning"),
    "desc": ("Byggetiden: {c} kr i renter på byggelånet. Første år etter ferdigattest: {y1} kr. "
             "Høyeste år: {top} kr (år {ty}). Til sammen {all} kr i renter og avdrag over {n} år. "
             "Alle tall er anslag.",
             "The building period: NOK {c} in construction-loan interest. First year after the completion "
             "certificate: NOK {y1}. Highest year: NOK {top} (year {ty}). In all NOK {all} in interest and "
             "instalments over {n} years. Every figure is an estimate."),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


def payments_svg(f: Financing, lang: str = "nb") -> str:
    """The chart as an SVG document (text).

    >>> from planner.finance.params import Parameters
    >>> svg = payments_svg(Financing(Parameters(), 100.0, 40_000.0))
    >>> "anslag" in svg and "<title" in svg and svg.count('class="bar-interest"') == 31
    True
    """
    years = f.years()
    top = max([i + a for _, i, a in years] + [1.0])
    dwg = svgwrite.Drawing(size=(f"{WIDTH}px", f"{HEIGHT}px"), viewBox=f"0 0 {WIDTH} {HEIGHT}",
                           profile="full", debug=False)
    dwg.attribs.update({"role": "img", "aria-labelledby": "pay-title pay-desc"})
    paid = [(y, i + a) for y, i, a in years[1:]]
    best = max(paid, key=lambda p: p[1]) if paid else (0, 0.0)
    desc = _w("desc", lang).format(c=nok(years[0][1], lang), y1=nok(paid[0][1] if paid else 0, lang),
                                   top=nok(best[1], lang), ty=best[0],
                                   all=nok(sum(p for _, p in paid), lang), n=len(paid))
    dwg.set_desc(title=_w("title", lang), desc=desc)
    dwg.elements[0].xml.set("id", "pay-title")
    dwg.elements[1].xml.set("id", "pay-desc")
    dwg.add(dwg.rect((0, 0), (WIDTH, HEIGHT), fill="#ffffff"))
    text = dwg.add(dwg.g(font_family=FONT_FAMILY, fill=INK))
    text.add(dwg.text(_w("title", lang), insert=(12, 24), font_size="16px", font_weight="bold"))
    for n, (key, colour) in enumerate((("interest", INTEREST), ("instalment", INSTALMENT))):
        x = 12 + n * 120
        dwg.add(dwg.rect((x, 34), (12, 12), fill=colour))
        text.add(dwg.text(_w(key, lang), insert=(x + 17, 45), font_size="12px"))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(years), 1)
    scale = plot_h / (top * 1.08)
    for t in _ticks(top):
        y = TOP + plot_h - t * scale
        dwg.add(dwg.line((LEFT, y), (WIDTH - RIGHT, y), stroke="#dddddd", stroke_width=1))
        text.add(dwg.text(nok(t, lang), insert=(LEFT - 6, y + 4), font_size="11px", text_anchor="end"))
    base = TOP + plot_h
    for n, (year, interest, instalment) in enumerate(years):
        x, w = LEFT + n * step + step * 0.12, step * 0.76
        hi, ha = interest * scale, instalment * scale
        bar = dwg.rect((x, base - hi), (w, max(hi, 0)), fill=INTEREST, class_="bar-interest")
        bar.set_desc(title=f"{year}: {_w('interest', lang)} {nok(interest, lang)} kr")
        dwg.add(bar)
        bar = dwg.rect((x, base - hi - ha), (w, max(ha, 0)), fill=INSTALMENT, class_="bar-instalment")
        bar.set_desc(title=f"{year}: {_w('instalment', lang)} {nok(instalment, lang)} kr")
        dwg.add(bar)
        if year == 0:
            for k, line in enumerate(_w("building", lang).split("\n")):
                text.add(dwg.text(line, insert=(x + w / 2, base + 14 + 12 * k), font_size="10px",
                                  text_anchor="middle"))
        elif year % 5 == 0:
            text.add(dwg.text(str(year), insert=(x + w / 2, base + 14), font_size="11px",
                              text_anchor="middle"))
    dwg.add(dwg.line((LEFT, base), (WIDTH - RIGHT, base), stroke=INK, stroke_width=1))
    text.add(dwg.text(_w("year", lang), insert=(WIDTH - RIGHT, HEIGHT - 10), font_size="11px",
                      text_anchor="end"))
    return dwg.tostring()


def _ticks(top: float) -> list[float]:
    """Round amounts for the axis, four or five of them up to ``top``.

    >>> _ticks(310_000)
    [0, 100000, 200000, 300000]
    """
    raw = top / 4
    mag = 10 ** max(len(str(int(raw))) - 1, 0)
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    out, t = [], 0.0
    while t <= top:
        out.append(int(t) if t == int(t) else t)
        t += step
    return out
