"""The work plan for the contractor: every self-build task in phase order, as HTML and as PDF.

Each task with its rooms, quantity, estimated hours, who does it, its status and the
contractor's condition or comment (``contributions[].condition``, an extra key the
plan keeps), subtotals by phase, totals by person and status, the work plan over
time (a Gantt chart by person with the contractor's milestones, :mod:`gantt`) and its
warnings, and the note that every figure is an estimate.

- :func:`workplan_html` a self-contained HTML document (all text escaped, print CSS, A4);
- :func:`workplan_pdf` A4 pages drawn as SVG (svgwrite) and turned into a PDF by CairoSVG.

No files are written here; a view or the CLI decides where the bytes go.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from dataclasses import dataclass
from html import escape

import svgwrite

from planner.contributions.catalogue import PHASE_NAMES, STATUS_NAMES, UNIT_NAMES
from planner.contributions.drawings import hours_text, who_label
from planner.contributions.estimate import ESTIMATE_NOTE, Estimate, Item, nok
from planner.contributions.gantt import draw as draw_gantt
from planner.contributions.gantt import gantt_svg
from planner.contributions.gantt import size as gantt_size
from planner.contributions.schedule import MILESTONE_NAMES, schedule
from planner.export.style import FONT_FAMILY, clean
from planner.model import PHASES, Plan

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Arbeidsplan for egeninnsats", "Work plan for the family's own work"),
    "project": ("Prosjekt", "Project"),
    "municipality": ("Kommune", "Municipality"),
    "household": ("Husstand", "Household"),
    "version": ("Planversjon", "Plan version"),
    "date": ("Dato", "Date"),
    "rate": ("Timeverdi", "Hour value"),
    "task": ("Oppgave", "Task"),
    "rooms": ("Rom", "Rooms"),
    "quantity": ("Mengde", "Quantity"),
    "hours": ("Timer (estimat)", "Hours (estimate)"),
    "who": ("Hvem", "Who"),
    "status": ("Status", "Status"),
    "condition": ("Entreprenørens vilkår / kommentar", "Contractor's condition / comment"),
    "approval": ("må godkjennes", "needs approval"),
    "own": ("familiens tall", "family's figure"),
    "not_counted": ("regnes ikke med", "not counted"),
    "subtotal": ("Sum fase", "Phase total"),
    "total": ("Sum (estimat)", "Total (estimate)"),
    "by_who": ("Timer etter hvem", "Hours by who"),
    "by_status": ("Timer etter status", "Hours by status"),
    "none": ("Ingen egeninnsats er satt opp.", "No self-build work is planned."),
    "plot": ("tomta", "the plot"),
    "home": ("boligen", "the home"),
    "page": ("Side", "Page"),
    "estimate": ("Alle tall er anslag.", "Every figure is an estimate."),
    "over_time": ("Arbeidsplan over tid", "Work plan over time"),
    "warnings": ("Advarsler", "Warnings"),
    "no_warnings": ("Ingen advarsler: ingen har flere timer enn de kan gi, og ingen oppgave ligger før "
                    "fasen den trenger.",
                    "No warnings: nobody has more hours than they can give, and no task lies before the "
                    "phase it needs."),
    "milestones": ("Milepæler (uke)", "Milestones (week)"),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


@dataclass(frozen=True)
class Row:
    """One task of the work plan as text, in the plan's language."""

    id: str
    phase: str
    task: str
    rooms: str
    quantity: str
    hours: str
    who: str
    status: str
    condition: str
    counted: bool
    item: Item


def rows(plan: Plan, e: Estimate, lang: str = "nb") -> list[Row]:
    """Every contribution of the estimate in phase order (then as the family listed them)."""
    k = 1 if lang == "en" else 0
    names = {r.id: r.name for _, r in plan.all_rooms()}
    ordered = sorted(enumerate(e.items), key=lambda p: (PHASES.index(p[1].contribution.phase), p[0]))
    out = []
    for _, i in ordered:
        c, t, q = i.contribution, i.task, i.line.quantity
        task = t.name_in(lang) if t else c.task
        if t and t.needs_approval:
            task += f" ({_w('approval', lang)})"
        if q and q.rooms:
            rooms = ", ".join(names.get(r, r) for r in q.rooms)
        elif t and t.unit == "m2_plot":
            rooms = _w("plot", lang)
        else:
            rooms = _w("home", lang) if t else "–"
        quantity = f"{_num(q.value, lang)} {UNIT_NAMES[q.unit][k]}" if q else "–"
        hours = hours_text(i.hours, lang) + (f" ({_w('own', lang)})" if i.own_figure else "")
        if not i.counted:
            hours += f", {_w('not_counted', lang)}"
        condition = str(c.extra.get("condition") or "")
        if t is not None and not t.allowed and t.who_must:
            condition = f"{t.who_must[k]} {condition}".strip()
        out.append(Row(c.id, c.phase, clean(task, 120), clean(rooms, 300), quantity, hours,
                       clean(who_label(i.who, lang), 80), STATUS_NAMES[c.status][k], clean(condition, 600),
                       i.counted, i))
    return out


def _num(v: float, lang: str) -> str:
    text = f"{v:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def _head(plan: Plan, e: Estimate, lang: str, version: str | None, date: _dt.date | str | None
          ) -> list[tuple[str, str]]:
    h = plan.household(e.household) if e.household else None
    day = date or _dt.date.today()
    day_text = day.strftime("%d.%m.%Y") if isinstance(day, _dt.date) else str(day)
    pairs = [(_w("project", lang), plan.project.name), (_w("municipality", lang), plan.project.municipality)]
    if h is not None:
        pairs.append((_w("household", lang), h.name))
    if version:
        pairs.append((_w("version", lang), version))
    pairs += [(_w("date", lang), day_text),
              (_w("rate", lang), f"{nok(e.hour_value_nok, lang)} {'NOK' if lang == 'en' else 'kr'}")]
    return [(k, clean(v, 200)) for k, v in pairs]


def _totals(e: Estimate, lang: str) -> list[str]:
    k = 1 if lang == "en" else 0
    who = ", ".join(f"{who_label(w, lang)} {hours_text(t.hours, lang)}" for w, t in e.by_who.items()) or "–"
    status = ", ".join(f"{STATUS_NAMES[s][k]} {hours_text(t.hours, lang)}" for s, t in e.by_status.items())
    value = f"{nok(e.value_nok, lang)} {'NOK' if lang == 'en' else 'kr'}"
    return [f"{_w('total', lang)}: {hours_text(e.hours, lang)}, {value}",
            f"{_w('by_who', lang)}: {who}", f"{_w('by_status', lang)}: {status}",
            e.sentence(lang)]


# --------------------------------------------------------------------------- HTML

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 1.5em; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.15em; margin: 1.2em 0 .3em; }
dl.head { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: 0 0 1em; }
dl.head dt { font-weight: bold; }
dl.head dd { margin: 0; }
.note { border-left: 4px solid #c86400; padding: .3em .8em; background: #fff6e8; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .6em; }
th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
tr.not-counted td { color: #555; font-style: italic; }
tfoot td { font-weight: bold; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def workplan_html(plan: Plan, e: Estimate, lang: str = "nb", *, version: str | None = None,
                  date: _dt.date | str | None = None) -> str:
    """The work plan as one self-contained HTML document (CSS inline, no scripts, text escaped)."""
    k = 1 if lang == "en" else 0
    out = [f'<!doctype html>\n<html lang="{"en" if lang == "en" else "nb"}"><head><meta charset="utf-8">',
           f"<title>{escape(_w('title', lang))} – {escape(clean(plan.project.name))}</title>",
           f"<style>{CSS}</style></head><body>", f"<h1>{escape(_w('title', lang))}</h1>",
           '<dl class="head">']
    out += [f"<dt>{escape(a)}</dt><dd>{escape(b)}</dd>" for a, b in _head(plan, e, lang, version, date)]
    out.append(f'</dl><p class="note"><strong>{escape(ESTIMATE_NOTE[k])}</strong></p>')
    all_rows = rows(plan, e, lang)
    if not all_rows:
        out.append(f"<p>{escape(_w('none', lang))}</p>")
    cols = ("task", "rooms", "quantity", "hours", "who", "status", "condition")
    for phase in PHASES:
        mine = [r for r in all_rows if r.phase == phase]
        if not mine:
            continue
        total = e.by_phase[phase]
        out.append(f"<h2>{escape(PHASE_NAMES[phase][k].capitalize())}</h2><table>")
        out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(_w(c, lang))}</th>' for c in cols)
                   + "</tr></thead><tbody>")
        for r in mine:
            cls = "" if r.counted else ' class="not-counted"'
            cells = [r.task, r.rooms, r.quantity, r.hours, r.who, r.status, r.condition]
            out.append(f"<tr{cls}>" + "".join(
                f'<td{" class=num" if c in ("quantity", "hours") else ""}>{escape(v)}</td>'
                for c, v in zip(cols, cells, strict=True)) + "</tr>")
        out.append(f"</tbody><tfoot><tr><td colspan=\"3\">{escape(_w('subtotal', lang))}</td>"
                   f"<td class=\"num\">{escape(hours_text(total.hours, lang))}</td>"
                   f"<td colspan=\"3\"></td></tr></tfoot></table>")
    out.append(f"<h2>{escape(_w('total', lang))}</h2>")
    out += [f"<p>{escape(t)}</p>" for t in _totals(e, lang)]
    sched = schedule(plan, e)
    out.append(f"<h2>{escape(_w('over_time', lang))}</h2>")
    out.append(f"<p>{escape(_milestone_text(sched, lang))}</p>")
    out.append(gantt_svg(sched, lang))
    out.append(f"<h2>{escape(_w('warnings', lang))}</h2>")
    out += ([f"<ul>{''.join(f'<li>{escape(w.text_in(lang))}</li>' for w in sched.warnings)}</ul>"]
            if sched.warnings else [f"<p>{escape(_w('no_warnings', lang))}</p>"])
    out.append("</body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- PDF

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 14.0
FONT = 2.9
"""Body text size in mm (about 8 pt)."""
LINE = FONT * 1.35
COLUMNS = (("task", 34.0), ("rooms", 30.0), ("quantity", 18.0), ("hours", 22.0), ("who", 20.0),
           ("status", 16.0), ("condition", 42.0))
"""Table columns and their widths in mm (they add up to the A4 text width, 182 mm)."""


def _wrap(text: str, width_mm: float, size: float = FONT) -> list[str]:
    """Lines of ``text`` that fit ``width_mm`` at ``size`` (DejaVu Sans averages under 0.58 em a letter).

    >>> _wrap("Male vegger i alle soverom", 24)
    ['Male vegger i', 'alle soverom']
    """
    chars = max(4, int(width_mm / (size * 0.58)))
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


class _Pages:
    """A4 pages in mm, filled from the top; a new page when the next block does not fit."""

    def __init__(self, title: str, lang: str) -> None:
        self.title, self.lang = title, lang
        self.pages: list[svgwrite.Drawing] = []
        self.y = PAGE_H
        self.body: svgwrite.container.Group | None = None

    def need(self, height: float) -> None:
        if self.body is None or self.y + height > PAGE_H - MARGIN - 6:
            self._new()

    def _new(self) -> None:
        dwg = svgwrite.Drawing(size=(f"{PAGE_W}mm", f"{PAGE_H}mm"), viewBox=f"0 0 {PAGE_W} {PAGE_H}",
                               profile="full", debug=False)
        dwg.set_desc(title=self.title)
        dwg.add(dwg.rect((0, 0), (PAGE_W, PAGE_H), fill="#ffffff"))
        self.body = dwg.add(dwg.g(font_family=FONT_FAMILY, fill="#1a1a1a"))
        self.pages.append(dwg)
        self.y = MARGIN

    def text(self, x: float, y: float, text: str, size: float = FONT, bold: bool = False,
             anchor: str = "start") -> None:
        assert self.body is not None
        attrs = {"font_weight": "bold"} if bold else {}
        self.body.add(self.pages[-1].text(text, insert=(x, y), font_size=f"{size:.2f}", text_anchor=anchor,
                                          **attrs))

    def rect(self, x: float, y: float, w: float, h: float, fill: str = "none") -> None:
        assert self.body is not None
        self.body.add(self.pages[-1].rect((x, y), (w, h), fill=fill, stroke="#888888", stroke_width=0.2))

    def paragraph(self, text: str, size: float = FONT, bold: bool = False, gap: float = 1.5) -> None:
        lines = _wrap(text, PAGE_W - 2 * MARGIN, size)
        self.need(len(lines) * size * 1.35 + gap)
        for line in lines:
            self.y += size * 1.35
            self.text(MARGIN, self.y, line, size, bold)
        self.y += gap

    def table_row(self, cells: list[str], bold: bool = False, fill: str = "none",
                  columns: tuple[tuple[str, float], ...] = COLUMNS) -> None:
        wrapped = [_wrap(c, w - 2) for c, (_, w) in zip(cells, columns, strict=True)]
        height = max(len(w) for w in wrapped) * LINE + 1.6
        self.need(height)
        x = MARGIN
        for lines, (_, w) in zip(wrapped, columns, strict=True):
            self.rect(x, self.y, w, height, fill)
            for n, line in enumerate(lines):
                self.text(x + 1, self.y + 0.6 + LINE * (n + 1) - 0.9, line, bold=bold)
            x += w
        self.y += height

    def svgs(self) -> list[str]:
        n = len(self.pages)
        for i, dwg in enumerate(self.pages, 1):
            dwg.add(dwg.text(f"{_w('page', self.lang)} {i}/{n} · {_w('estimate', self.lang)}",
                             insert=(PAGE_W - MARGIN, PAGE_H - MARGIN / 2), font_size="2.4",
                             text_anchor="end", font_family=FONT_FAMILY, fill="#555555"))
        return [d.tostring() for d in self.pages]


def workplan_svgs(plan: Plan, e: Estimate, lang: str = "nb", *, version: str | None = None,
                  date: _dt.date | str | None = None) -> list[str]:
    """The work plan as A4 pages of SVG (millimetres), as :func:`workplan_pdf` prints them."""
    k = 1 if lang == "en" else 0
    title = f"{_w('title', lang)} – {clean(plan.project.name, 120)}"
    p = _Pages(title, lang)
    p.paragraph(_w("title", lang), size=6.0, bold=True, gap=2)
    for a, b in _head(plan, e, lang, version, date):
        p.paragraph(f"{a}: {b}", gap=0.3)
    p.paragraph(ESTIMATE_NOTE[k], bold=True, gap=3)
    all_rows = rows(plan, e, lang)
    if not all_rows:
        p.paragraph(_w("none", lang))
    for phase in PHASES:
        mine = [r for r in all_rows if r.phase == phase]
        if not mine:
            continue
        p.need(5.0 * 3 + LINE * 3)
        p.paragraph(PHASE_NAMES[phase][k].capitalize(), size=4.2, bold=True, gap=1)
        p.table_row([_w(c, lang) for c, _ in COLUMNS], bold=True, fill="#eeeeee")
        for r in mine:
            p.table_row([r.task, r.rooms, r.quantity, r.hours, r.who, r.status, r.condition])
        p.table_row([_w("subtotal", lang), "", "", hours_text(e.by_phase[phase].hours, lang), "", "", ""],
                    bold=True)
        p.y += 3
    p.paragraph(_w("total", lang), size=4.2, bold=True, gap=1)
    for t in _totals(e, lang):
        p.paragraph(t)
    _gantt_page(p, plan, e, lang)
    return p.svgs()


def _milestone_text(sched, lang: str) -> str:
    k = 1 if lang == "en" else 0
    text = ", ".join(f"{MILESTONE_NAMES[m][k]} {w}" for m, w in sched.milestones.items())
    return f"{_w('milestones', lang)}: {text}" + ("" if sched.milestones_set else
                                                   f" ({'planning figures' if k else 'planleggingstall'})")


def _gantt_page(p: _Pages, plan: Plan, e: Estimate, lang: str) -> None:
    """A page with the work plan over time: the Gantt chart by person, the milestones and the warnings."""
    sched = schedule(plan, e)
    p._new()
    p.paragraph(_w("over_time", lang), size=4.2, bold=True, gap=1)
    p.paragraph(_milestone_text(sched, lang), gap=2)
    w, h = gantt_size(sched)
    room = PAGE_H - MARGIN - 8 - p.y - 40
    scale = min((PAGE_W - 2 * MARGIN) / w, max(room, 40) / h)
    assert p.body is not None
    dwg = p.pages[-1]
    group = p.body.add(dwg.g(transform=f"translate({MARGIN} {p.y:.2f}) scale({scale:.5f})"))
    draw_gantt(dwg, group, sched, lang, w)
    p.y += h * scale + 4
    p.paragraph(_w("warnings", lang), size=3.6, bold=True, gap=1)
    for warning in sched.warnings or []:
        p.paragraph("• " + warning.text_in(lang), gap=0.6)
    if not sched.warnings:
        p.paragraph(_w("no_warnings", lang))


def workplan_pdf(plan: Plan, e: Estimate, lang: str = "nb", *, version: str | None = None,
                 date: _dt.date | str | None = None) -> bytes:
    """The work plan as an A4 PDF (CairoSVG draws each page, pypdf joins them)."""
    from planner.export.pdf import merge_svgs

    svgs = workplan_svgs(plan, e, lang, version=version, date=date)
    return merge_svgs(svgs, title=f"{_w('title', lang)} – {clean(plan.project.name, 120)}")
