"""The work plan over time as a Gantt chart by person (SVG, drawn with svgwrite).

One lane a person: a band that turns red in the weeks they have more hours than they
can give, then one bar a task they share, from its start week for its weeks, with
the hours a week it asks of them. The contractor's milestones are dashed lines;
a task planned before the phase it needs has a red outline and a "!". The chart's
``<title>`` and ``<desc>`` say the same in words, and that the hours are estimates.
:func:`draw` draws into any svgwrite group, so the work-plan PDF puts it on a page.
"""

from __future__ import annotations

import svgwrite

from planner.contributions.schedule import MILESTONE_NAMES, Schedule
from planner.export.style import FONT_FAMILY, clean

LABEL_W = 210.0
ROW_H = 18.0
LANE_H = 20.0
HEAD_H = 84.0
INK, LATE, OVER = "#1a1a1a", "#b3261e", "#f4c7c3"
WORDS = {
    "title": ("Arbeidsplan over tid (timer er anslag)", "Work plan over time (hours are estimates)"),
    "week": ("uke", "week"),
    "can": ("kan gi {h} t/uke", "can give {h} h/week"),
    "none": ("Ingen oppgaver er satt opp i tid ennå.", "No tasks are planned in time yet."),
    "ok": ("Ingen advarsler.", "No warnings."),
    "default_ms": ("Milepælene er planleggingstall til entreprenøren setter dem.",
                   "The milestones are planning figures until the contractor sets them."),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


def _num(v: float, lang: str) -> str:
    text = f"{v:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def size(s: Schedule, width: float = 900.0) -> tuple[float, float]:
    """The chart's width and height in its own units."""
    rows = sum(1 + sum(1 for slot in s.slots if p in slot.people) for p in s.all_people)
    return width, HEAD_H + rows * ROW_H + len(s.all_people) * 6 + 30


def draw(dwg: svgwrite.Drawing, parent: svgwrite.container.Group, s: Schedule, lang: str = "nb",
         width: float = 900.0) -> float:
    """Draw the chart into ``parent`` from (0, 0); returns its height."""
    k = 1 if lang == "en" else 0
    last = max(s.last_week + 2, 10)
    plot_w = width - LABEL_W - 10
    step = plot_w / (last + 1)
    text = dwg.g(font_family=FONT_FAMILY, fill=INK)  # added last, above the bars
    text.add(dwg.text(_w("title", lang), insert=(6, 18), font_size="15px", font_weight="bold"))
    if not s.milestones_set:
        text.add(dwg.text(_w("default_ms", lang), insert=(6, 34), font_size="11px"))
    _, height = size(s, width)
    every = 1 if last <= 26 else 2 if last <= 52 else 4
    for wk in range(0, last + 1, every):
        x = LABEL_W + wk * step
        text.add(dwg.text(str(wk), insert=(x + step / 2, HEAD_H - 6), font_size="10px", text_anchor="middle"))
        parent.add(dwg.line((x, HEAD_H), (x, height - 20), stroke="#eeeeee", stroke_width=1))
    text.add(dwg.text(_w("week", lang), insert=(LABEL_W - 6, HEAD_H - 6), font_size="10px",
                      text_anchor="end"))
    colours = who_colours_by_person(s)
    over = s.over_booked()
    late = {w.subject for w in s.warnings if w.kind in ("before-phase", "after-start")}
    y = HEAD_H
    if not s.slots:
        text.add(dwg.text(_w("none", lang), insert=(6, y + 16), font_size="12px"))
    for p in s.all_people:
        mine = [slot for slot in s.slots if p in slot.people]
        parent.add(dwg.rect((0, y), (width, LANE_H), fill="#f3f3f3"))
        for wk in over.get(p.key, []):
            band = dwg.rect((LABEL_W + wk * step, y), (step, LANE_H), fill=OVER, class_="over-booked")
            band.set_desc(title=f"{clean(p.label, 60)}: {_w('week', lang)} {wk}")
            parent.add(band)
        label = f"{clean(p.label, 40)} ({_w('can', lang).format(h=_num(p.hours_per_week, lang))})"
        text.add(dwg.text(label, insert=(6, y + 14), font_size="12px", font_weight="bold"))
        y += LANE_H
        for slot in mine:
            t = slot.item.task
            name = clean(t.name_in(lang) if t else slot.item.contribution.task, 34)
            text.add(dwg.text(name, insert=(14, y + 13), font_size="11px"))
            x = LABEL_W + slot.start * step
            is_late = slot.item.contribution.id in late
            bar = dwg.rect((x + 1, y + 3), (max(slot.weeks * step - 2, 2), ROW_H - 6),
                           fill=colours.get(p.key, "#8fb9dd"), stroke=LATE if is_late else INK,
                           stroke_width=2 if is_late else 0.5, class_="task-bar")
            bar.set_desc(title=f"{name}: {_w('week', lang)} {slot.start}–{slot.end}, "
                               f"{_num(slot.hours_per_week(), lang)} t/{_w('week', lang)}")
            parent.add(bar)
            tag = f"{_num(slot.hours_per_week(), lang)} t/uke" if k == 0 else \
                f"{_num(slot.hours_per_week(), lang)} h/wk"
            text.add(dwg.text(("! " if is_late else "") + tag, insert=(x + slot.weeks * step + 4, y + 13),
                              font_size="10px", fill=LATE if is_late else INK))
            y += ROW_H
        y += 6
    for key, wk in s.milestones.items():
        x = LABEL_W + wk * step
        parent.add(dwg.line((x, HEAD_H - 2), (x, y), stroke=LATE if key == "ferdigattest" else "#555555",
                            stroke_width=1.5, stroke_dasharray="4,3"))
        text.add(dwg.text(f"{MILESTONE_NAMES[key][k]} ({wk})", insert=(x + 3, HEAD_H - 20), font_size="10px",
                          transform=f"rotate(-18 {x + 3} {HEAD_H - 20})"))
    parent.add(text)
    return y + 20


def who_colours_by_person(s: Schedule) -> dict[str, str]:
    from planner.contributions.drawings import PALETTE

    return {p.key: PALETTE[i % len(PALETTE)] for i, p in enumerate(s.all_people)}


def gantt_svg(s: Schedule, lang: str = "nb", width: float = 900.0) -> str:
    """The chart as an SVG document (text)."""
    w, h = size(s, width)
    dwg = svgwrite.Drawing(size=(f"{w:.0f}px", f"{h:.0f}px"), viewBox=f"0 0 {w:.0f} {h:.0f}", profile="full",
                           debug=False)
    dwg.attribs.update({"role": "img", "aria-labelledby": "gantt-title gantt-desc"})
    desc = " ".join(x.text_in(lang) for x in s.warnings) or _w("ok", lang)
    dwg.set_desc(title=_w("title", lang), desc=desc)
    dwg.elements[0].xml.set("id", "gantt-title")
    dwg.elements[1].xml.set("id", "gantt-desc")
    dwg.add(dwg.rect((0, 0), (w, h), fill="#ffffff"))
    draw(dwg, dwg.add(dwg.g()), s, lang, w)
    return dwg.tostring()

