"""The work plan over time: each task a start week and a duration, the contractor's milestones,
the load of each person week by week, and warnings.

Weeks count from week 0 of the project. A contribution carries two optional extra
keys (plan/1 keeps them): ``start_week`` (0–520) and ``weeks`` (1–104). Without them
the task is placed where its phase begins and lasts as long as its hours need at the
hours a week its people can give (a suggestion, marked so).

The phases come in order: before building (done before the building starts), the
shell (from the contractor's ``start``), finishing and outdoor work (from ``tett_hus``,
when the house is closed against the weather). The milestones are the contractor's,
in the plan's ``finance.milestones`` (see :mod:`planner.finance.document`); until set,
planning defaults are used and said to be.

A task's hours are spread evenly over its weeks and shared evenly by its people. A
warning is given where one person has more hours in a week than they said they can
give, where a task starts before the phase it needs, where work before building
runs past the start, and where a task names someone below its minimum age.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from planner.contributions.catalogue import ContributionError
from planner.contributions.estimate import Estimate, Item
from planner.contributions.people import Person, people, who_people
from planner.model import PHASES, Plan

MILESTONES = ("start", "tett_hus", "ferdigattest")
MILESTONE_NAMES: dict[str, tuple[str, str]] = {
    "start": ("byggestart", "building starts"),
    "tett_hus": ("tett hus", "weathertight (tett hus)"),
    "ferdigattest": ("ferdigattest", "completion certificate (ferdigattest)"),
}
DEFAULT_MILESTONES = {"start": 4, "tett_hus": 16, "ferdigattest": 36}
"""Planning defaults (weeks) until the contractor sets the milestones."""
PHASE_NEEDS = {"before_build": None, "shell": "start", "finishing": "tett_hus", "outdoor": "tett_hus"}
"""The milestone each phase waits for (before building waits for nothing)."""
MAX_WEEK = 520


def milestones_of(raw: Any, where: str = "finance.milestones") -> dict[str, int]:
    """The milestones as weeks, checked: whole numbers 0–520, in order; raises ``ContributionError``."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ContributionError(f"{where}: expected an object")
    out: dict[str, int] = {}
    for k, v in raw.items():
        if k not in MILESTONES:
            raise ContributionError(f"{where}: unknown milestone '{k}' (one of {', '.join(MILESTONES)})")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v != int(v) \
                or not 0 <= v <= MAX_WEEK:
            raise ContributionError(f"{where}.{k}: expected a whole week number 0–{MAX_WEEK}, got {v!r}")
        out[k] = int(v)
    weeks = [out[k] for k in MILESTONES if k in out]
    if weeks != sorted(weeks):
        raise ContributionError(f"{where}: the milestones must come in the order {', '.join(MILESTONES)}")
    return out


def plan_milestones(plan: Plan) -> dict[str, int]:
    """The milestones the plan sets (``finance.milestones``), checked; empty when none."""
    fin = plan.extra.get("finance")
    return milestones_of(fin.get("milestones")) if isinstance(fin, dict) else {}


def _week(v: Any, lo: int, hi: int) -> int | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v != int(v):
        return None
    return int(v) if lo <= v <= hi else None


@dataclass(frozen=True)
class Slot:
    """One task in time: weeks ``start`` to ``start + weeks − 1``, shared by ``people``."""

    item: Item
    start: int
    weeks: int
    people: tuple[Person, ...]
    set_by_family: bool

    @property
    def end(self) -> int:
        """The last week of the task."""
        return self.start + self.weeks - 1

    def hours_per_week(self) -> float:
        """Hours a week of one of its people."""
        return self.item.hours / self.weeks / max(len(self.people), 1)


@dataclass(frozen=True)
class Warning:
    """Something in the work plan that does not add up, in words (nb, en)."""

    kind: str
    subject: str
    text: tuple[str, str]

    def text_in(self, lang: str) -> str:
        return self.text[1 if lang == "en" else 0]


@dataclass
class Schedule:
    """The work plan of a household over time."""

    slots: list[Slot]
    people: list[Person]
    milestones: dict[str, int]
    milestones_set: bool
    warnings: list[Warning] = field(default_factory=list)

    @property
    def last_week(self) -> int:
        ends = [s.end for s in self.slots] + list(self.milestones.values())
        return max(ends + [0])

    def load(self) -> dict[str, dict[int, float]]:
        """Hours by person key and week."""
        out: dict[str, dict[int, float]] = {p.key: {} for p in self.people}
        for s in self.slots:
            h = s.hours_per_week()
            for p in s.people:
                weeks = out.setdefault(p.key, {})
                for w in range(s.start, s.end + 1):
                    weeks[w] = weeks.get(w, 0.0) + h
        return out

    def over_booked(self) -> dict[str, list[int]]:
        """Weeks where a person has more hours than they can give, by person key."""
        cap = {p.key: p.hours_per_week for p in self.all_people}
        out = {k: sorted(w for w, h in weeks.items() if h > cap.get(k, 0.0) + 1e-9)
               for k, weeks in self.load().items()}
        return {k: v for k, v in out.items() if v}

    @property
    def all_people(self) -> list[Person]:
        """The household's people and any helper a task names, each once."""
        seen = {p.key: p for p in self.people}
        for s in self.slots:
            for p in s.people:
                seen.setdefault(p.key, p)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate": True, "milestones": self.milestones, "milestones_set": self.milestones_set,
            "people": [{"key": p.key, "label": p.label, "age": p.age, "hours_per_week": p.hours_per_week,
                        "stated": p.stated_hours} for p in self.all_people],
            "tasks": [{"contribution": s.item.contribution.id, "task": s.item.contribution.task,
                       "start_week": s.start, "weeks": s.weeks, "people": [p.key for p in s.people],
                       "hours_per_week_each": round(s.hours_per_week(), 2), "set": s.set_by_family}
                      for s in self.slots],
            "warnings": [{"kind": w.kind, "subject": w.subject, "nb": w.text[0], "en": w.text[1]}
                         for w in self.warnings],
        }


def _ranges(weeks: list[int]) -> str:
    """``[3, 4, 5, 9]`` → ``3–5, 9``."""
    out, start = [], None
    for i, w in enumerate(weeks):
        if start is None:
            start = w
        if i + 1 == len(weeks) or weeks[i + 1] != w + 1:
            out.append(f"{start}" if start == w else f"{start}–{w}")
            start = None
    return ", ".join(out)


def _num(v: float, lang: str) -> str:
    text = f"{v:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def schedule(plan: Plan, e: Estimate) -> Schedule:
    """The work plan over time of the estimate's household (its counted tasks)."""
    set_ms = plan_milestones(plan)
    ms = {**DEFAULT_MILESTONES, **set_ms} if set_ms else dict(DEFAULT_MILESTONES)
    if set_ms and [ms[k] for k in MILESTONES] != sorted(ms[k] for k in MILESTONES):
        ms = dict(set_ms)  # a partial set that does not fit the defaults: use only what is set
    household = plan.household(e.household) if e.household else (plan.households[0] if plan.households
                                                                  else None)
    everyone = people(household) if household else []
    slots: list[Slot] = []
    ordered = sorted(e.counted, key=lambda i: PHASES.index(i.contribution.phase))
    for item in ordered:
        c = item.contribution
        h = plan.household(item.line.household.id) or household
        crew = tuple(who_people(h, c.who)) if h else ()
        share = item.hours / max(len(crew), 1)
        capacity = min((p.hours_per_week for p in crew), default=1.0) or 1.0
        start, weeks = _week(c.extra.get("start_week"), 0, MAX_WEEK), _week(c.extra.get("weeks"), 1, 104)
        given = start is not None
        if weeks is None:
            weeks = min(max(1, math.ceil(share / capacity - 1e-9)), 104)
        if start is None:
            need = PHASE_NEEDS[c.phase]
            start = max(ms["start"] - weeks, 0) if need is None else ms.get(need, 0)
        slots.append(Slot(item, start, weeks, crew, given))
    s = Schedule(slots, everyone, ms, bool(set_ms))
    s.warnings = _warnings(s)
    return s


def _warnings(s: Schedule) -> list[Warning]:
    from planner.contributions.catalogue import PHASE_NAMES

    out: list[Warning] = []
    for slot in s.slots:
        c, t = slot.item.contribution, slot.item.task
        name = t.name if t else (c.task, c.task)
        need = PHASE_NEEDS[c.phase]
        if need is not None and need in s.milestones and slot.start < s.milestones[need]:
            w, p, m = s.milestones[need], PHASE_NAMES[c.phase], MILESTONE_NAMES[need]
            out.append(Warning("before-phase", c.id, (
                f"{name[0]} er satt til uke {slot.start}, men {p[0]} kan først begynne i uke {w} ({m[0]}).",
                f"{name[1]} is set for week {slot.start}, but {p[1]} can only begin in week {w} ({m[1]}).")))
        if need is None and "start" in s.milestones and slot.end >= s.milestones["start"]:
            w = s.milestones["start"]
            out.append(Warning("after-start", c.id, (
                f"{name[0]} skal være ferdig før byggestart i uke {w}, men varer til uke {slot.end}.",
                f"{name[1]} must be done before building starts in week {w}, but lasts until week "
                f"{slot.end}.")))
    for slot in s.slots:
        t = slot.item.task
        if t is None or t.min_age is None:
            continue
        young = [p for p in slot.people if not p.adult and (p.age is None or p.age < t.min_age)]
        for p in young:
            age = f"{p.age} år" if p.age is not None else "alder ikke oppgitt"
            age_en = f"{p.age}" if p.age is not None else "age not given"
            out.append(Warning("too-young", slot.item.contribution.id, (
                f"{p.label} ({age}) er for ung til {t.name_nb.lower()}: den som gjør det, må være minst "
                f"{t.min_age} år.",
                f"{p.label} ({age_en}) is too young for {t.name_en.lower()}: whoever does it must be at "
                f"least {t.min_age}.")))
    load = s.load()
    for p in s.all_people:
        weeks = s.over_booked().get(p.key)
        if not weeks:
            continue
        top = max(load[p.key][w] for w in weeks)
        said = "" if p.stated_hours else " (planleggingstall)"
        said_en = "" if p.stated_hours else " (a planning figure)"
        out.append(Warning("over-booked", p.key, (
            f"{p.label} har opptil {_num(top, 'nb')} timer i uka i uke {_ranges(weeks)}, men kan gi "
            f"{_num(p.hours_per_week, 'nb')} timer i uka{said}.",
            f"{p.label} has up to {_num(top, 'en')} hours a week in week {_ranges(weeks)}, but can give "
            f"{_num(p.hours_per_week, 'en')} hours a week{said_en}.")))
    return out
