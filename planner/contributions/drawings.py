"""The self-build work on the drawings: rooms coloured by who does the work there.

:func:`overlay` gives a :class:`planner.export.style.Overlay` the exporters take
(``floor_svg``, ``floor_svgs``, ``plan_dxf``, ``sheets_pdf``, ``export_all``): each
room with counted work gets the colour of the person (``who``) doing it and a
label "task · hours"; the DXF writes the labels on layer ``A-ANNO-SELF``.
Hours are estimates, and the legend title says so.
"""

from __future__ import annotations

from typing import Any

from planner.contributions.estimate import ANYONE, Estimate, RoomWork, estimate, rooms_by_worker
from planner.export.style import Overlay
from planner.model import Plan

LAYER = "A-ANNO-SELF"
"""DXF layer of the self-build labels."""

PALETTE = ("#8fd1c4", "#f7b267", "#b9b3e0", "#f49a8c", "#8fb9dd", "#c2e08a", "#f6c4e0", "#e6d98a")
"""Light fills, one per person, light enough to read the room's text on."""
SEVERAL = "#d0d0d0"
"""Fill of a room where more than one person (or group) works."""

TITLE = ("Egeninnsats: hvem gjør arbeidet (timer er anslag)",
         "Self-build work: who does it (hours are estimates)")
SEVERAL_NAMES = ("flere", "several")
WHO_NAMES = {ANYONE: ("husstanden", "the household"), "adults": ("de voksne", "the adults"),
             "everyone": ("alle", "everyone")}
"""How the shared values of ``who`` read; any other value is a person's name as typed."""


def who_label(who: str, lang: str = "nb") -> str:
    """Who does the work, as a person reads it.

    >>> who_label("adults"), who_label("everyone", "en"), who_label("Amina")
    ('de voksne', 'everyone', 'Amina')
    """
    names = WHO_NAMES.get(who)
    return names[lang == "en"] if names else who


def hours_text(hours: float, lang: str = "nb") -> str:
    """Hours with one decimal and the unit: ``12,5 t`` / ``12.5 h``.

    >>> hours_text(12.46), hours_text(3, "en")
    ('12,5 t', '3.0 h')
    """
    text = f"{hours:.1f}"
    return f"{text} h" if lang == "en" else f"{text.replace('.', ',')} t"


def who_colours(e: Estimate) -> dict[str, str]:
    """One colour per ``who`` with counted work, in the estimate's order (chart and plan agree)."""
    return {who: PALETTE[i % len(PALETTE)] for i, who in enumerate(e.by_who)}


def room_label(items: list[RoomWork], lang: str = "nb") -> str:
    """``task · hours`` of each task in the room, joined by ``;`` (a task counted once per room)."""
    hours: dict[str, float] = {}
    names: dict[str, str] = {}
    for w in items:
        hours[w.task.key] = hours.get(w.task.key, 0.0) + w.hours
        names[w.task.key] = w.task.name_in(lang)
    return "; ".join(f"{names[k]} · {hours_text(h, lang)}" for k, h in hours.items())


def overlay(plan: Plan, household: str | None = None, lang: str = "nb",
            overrides: dict[str, dict[str, Any]] | None = None) -> Overlay:
    """The floor-plan overlay of the counted self-build work (of one household, or all).

    A room where one person works gets that person's colour; a room where several
    do gets ``SEVERAL``. Plot work and one-per-home pieces have no room and are not
    drawn. ``overrides`` are the contractor's hours per unit (see ``catalogue``).
    """
    work = rooms_by_worker(plan, overrides=overrides, household=household)
    work.pop("outside", None)
    shown = {w.who for items in work.values() for w in items}
    palette = {who: c for who, c in who_colours(estimate(plan, overrides=overrides, household=household)
                                                 ).items() if who in shown}
    rooms: dict[str, tuple[str, str]] = {}
    several = False
    for room_id, items in work.items():
        whos = dict.fromkeys(w.who for w in items)
        if len(whos) == 1:
            fill = palette[next(iter(whos))]
        else:
            fill, several = SEVERAL, True
        rooms[room_id] = (room_label(items, lang), fill)
    k = 1 if lang == "en" else 0
    legend = [(who_label(who, lang).capitalize() if who in WHO_NAMES else who, col)
              for who, col in palette.items()]
    if several:
        legend.append((SEVERAL_NAMES[k].capitalize(), SEVERAL))
    return Overlay(rooms=rooms, title=TITLE[k], layer=LAYER, legend=tuple(legend))
