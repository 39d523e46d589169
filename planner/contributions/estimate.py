"""Estimates: hours and value of the family's own work, and what it is worth to them.

quantity × hours per unit = hours (or the family's own ``hours``); hours × hour value
= value. Totals by phase, by who does the work and by status; the value against the
building cost (cost per m² BRA × BRA) and against the own capital a loan usually
needs (15 % of that cost). Every figure is an estimate and says so.

Which contributions count: a task a family may not do, an unknown task and a
declined contribution are listed but left out of the totals (``Item.counted``);
``by_status`` also sums the declined ones, so the family sees what was declined.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from planner.contributions.catalogue import ContributionError, Task, catalogue
from planner.contributions.takeoff import Line, Site
from planner.model import PHASES, STATUSES, Contribution, Plan

HOUR_VALUE_NOK = 400.0
"""Default value of one hour of a family's work (NOK): roughly what a contractor saves on an
hour of unskilled work. A planning assumption; the contractor sets it per project."""
COST_PER_M2_BRA_NOK = 40_000.0
"""Default building cost per m² BRA of a small new home (NOK, without the plot). A planning
assumption; the contractor sets it per project."""
OWN_CAPITAL_SHARE = 0.15
"""Share of the cost a lender usually wants as own capital (egenkapital)."""
ANYONE = "household"
"""``who`` of a contribution that names nobody: the household as a whole."""
ANYONE_NAMES = ("husstanden", "the household")

UNKNOWN_TASK = "contribution.unknown-task"
UNKNOWN_ROOM = "contribution.unknown-room"
NOT_ALLOWED = "contribution.not-allowed"

ESTIMATE_NOTE = ("Alle timer og beløp er anslag: timer per enhet og timeverdi er planleggingstall "
                 "som entreprenøren justerer for prosjektet.",
                 "All hours and amounts are estimates: hours per unit and the hour value are planning "
                 "figures the contractor adjusts for the project.")


class Total(NamedTuple):
    """Estimated hours and value (NOK) of a group of contributions."""

    hours: float
    value_nok: float


@dataclass(frozen=True)
class Item:
    """One contribution with its estimate.

    ``estimated_hours`` is always quantity × hours per unit; ``hours`` is the
    family's own figure when the contribution gives one (``own_figure``), else the
    estimate. ``problem`` is the id of the contribution rule it breaks, if any.
    """

    line: Line
    estimated_hours: float
    hours: float
    own_figure: bool
    value_nok: float
    problem: str | None

    @property
    def contribution(self) -> Contribution:
        return self.line.contribution

    @property
    def task(self) -> Task | None:
        return self.line.task

    @property
    def who(self) -> str:
        return self.contribution.who or ANYONE

    @property
    def eligible(self) -> bool:
        """A known task a family may do (whatever its status)."""
        return self.problem in (None, UNKNOWN_ROOM)

    @property
    def counted(self) -> bool:
        """Counts in the totals: eligible and not declined."""
        return self.eligible and self.contribution.status != "declined"

    def to_dict(self) -> dict[str, Any]:
        c, t, q = self.contribution, self.task, self.line.quantity
        return {
            "household": self.line.household.id, "contribution": c.id, "task": c.task,
            "task_name": {"nb": t.name_nb, "en": t.name_en} if t else None,
            "phase": c.phase, "who": self.who, "status": c.status,
            "rooms": list(q.rooms) if q else [], "quantity": _r(q.value) if q else None,
            "unit": q.unit if q else None,
            "how": {"nb": q.how[0], "en": q.how[1]} if q else None,
            "hours_per_unit_estimate": t.hours_per_unit if t else None,
            "quantity_hours_estimate": _r(self.estimated_hours), "hours_estimate": _r(self.hours),
            "hours_from": "family" if self.own_figure else "estimate",
            "value_nok_estimate": round(self.value_nok),
            "needs_approval": t.needs_approval if t else None,
            "counted": self.counted, "problem": self.problem,
        }


@dataclass
class Estimate:
    """The estimate of a plan's (or one household's) self-build contributions."""

    items: list[Item]
    hour_value_nok: float
    cost_per_m2_bra_nok: float
    bra_m2: float
    household: str | None = None

    # ---- totals

    @property
    def counted(self) -> list[Item]:
        return [i for i in self.items if i.counted]

    @property
    def total(self) -> Total:
        return _sum(self.counted)

    @property
    def hours(self) -> float:
        return self.total.hours

    @property
    def value_nok(self) -> float:
        return self.total.value_nok

    @property
    def by_phase(self) -> dict[str, Total]:
        """Counted hours and value by the contribution's phase, every phase listed."""
        return {p: _sum(i for i in self.counted if i.contribution.phase == p) for p in PHASES}

    @property
    def by_who(self) -> dict[str, Total]:
        """Counted hours and value by who does the work (``household`` when nobody is named)."""
        names = dict.fromkeys(i.who for i in self.counted)
        return {w: _sum(i for i in self.counted if i.who == w) for w in names}

    @property
    def by_status(self) -> dict[str, Total]:
        """Hours and value of every task a family may do, by status (declined ones too)."""
        ok = [i for i in self.items if i.eligible]
        return {s: _sum(i for i in ok if i.contribution.status == s) for s in STATUSES}

    # ---- against the cost of the home

    @property
    def building_cost_nok(self) -> float:
        return self.cost_per_m2_bra_nok * self.bra_m2

    @property
    def own_capital_nok(self) -> float:
        return OWN_CAPITAL_SHARE * self.building_cost_nok

    @property
    def share_of_building_cost(self) -> float:
        """Value of the work as a fraction (0–1) of the building cost; 0 without BRA."""
        return self.value_nok / self.building_cost_nok if self.building_cost_nok > 0 else 0.0

    @property
    def share_of_own_capital(self) -> float:
        """Value of the work as a fraction (0–1) of the own capital a loan usually needs."""
        return self.value_nok / self.own_capital_nok if self.own_capital_nok > 0 else 0.0

    def sentence(self, lang: str = "nb") -> str:
        """What the work is worth, in plain words, labelled an estimate."""
        en = lang == "en"
        if self.hours <= 0:
            return ("You have not planned any work of your own that can be counted yet." if en else
                    "Dere har ikke satt opp egeninnsats som kan regnes med ennå.")
        value, rate = nok(round(self.value_nok, -2), lang), nok(self.hour_value_nok, lang)
        hours = _hours_text(self.hours, lang)
        lead = (f"The work you do is worth about NOK {value} ({hours} hours at NOK {rate} an hour)."
                if en else f"Arbeidet dere gjør tilsvarer om lag {value} kr ({hours} timer à {rate} kr).")
        if self.building_cost_nok <= 0:
            return f"{lead} {ESTIMATE_NOTE[1] if en else ESTIMATE_NOTE[0]}"
        build, own = percent(self.share_of_building_cost, lang), percent(self.share_of_own_capital, lang)
        bra, cost = f"{round(self.bra_m2):d}", nok(self.cost_per_m2_bra_nok, lang)
        rest = (f"That is {build} of the building cost ({bra} m² BRA at NOK {cost}) and {own} of the "
                f"15 % own capital a loan usually needs. All figures are estimates." if en else
                f"Det er {build} av byggekostnaden ({bra} m² BRA à {cost} kr) og {own} av "
                f"egenkapitalen på 15 % som et lån vanligvis krever. Alle tall er anslag.")
        return f"{lead} {rest}"

    def to_dict(self) -> dict[str, Any]:
        def totals(d: dict[str, Total]) -> dict[str, dict[str, float]]:
            return {k: {"hours_estimate": _r(t.hours), "value_nok_estimate": round(t.value_nok)}
                    for k, t in d.items()}
        return {
            "estimate": True, "note": {"nb": ESTIMATE_NOTE[0], "en": ESTIMATE_NOTE[1]},
            "household": self.household, "hour_value_nok": self.hour_value_nok,
            "cost_per_m2_bra_nok": self.cost_per_m2_bra_nok, "bra_m2": _r(self.bra_m2),
            "building_cost_nok_estimate": round(self.building_cost_nok),
            "own_capital_share": OWN_CAPITAL_SHARE,
            "own_capital_nok_estimate": round(self.own_capital_nok),
            "hours_estimate": _r(self.hours), "value_nok_estimate": round(self.value_nok),
            "share_of_building_cost": round(self.share_of_building_cost, 4),
            "share_of_own_capital": round(self.share_of_own_capital, 4),
            "by_phase": totals(self.by_phase), "by_who": totals(self.by_who),
            "by_status": totals(self.by_status),
            "sentence": {"nb": self.sentence("nb"), "en": self.sentence("en")},
            "items": [i.to_dict() for i in self.items],
        }


def estimate(plan: Plan, hour_value_nok: float = HOUR_VALUE_NOK,
             cost_per_m2_bra_nok: float = COST_PER_M2_BRA_NOK,
             overrides: dict[str, dict[str, Any]] | None = None,
             household: str | None = None) -> Estimate:
    """Estimate every contribution of the plan, or of ``household`` (an id) only.

    ``hour_value_nok`` and ``cost_per_m2_bra_nok`` default to the planning figures
    ``HOUR_VALUE_NOK`` and ``COST_PER_M2_BRA_NOK``; ``overrides`` adjusts hours per
    unit (see :func:`catalogue`). Raises ``ContributionError`` (a ``PlannerError``) for
    a figure that is not a positive number or a household the plan does not have.
    """
    _positive(hour_value_nok, "hour value")
    _positive(cost_per_m2_bra_nok, "cost per m² BRA")
    if household is not None and plan.household(household) is None:
        raise ContributionError(f"no household '{household}' in the plan")
    site = Site(plan, catalogue(overrides))
    items = [_item(site, line, hour_value_nok) for line in site.lines(household)]
    bra = sum(site.home(h).bra_m2 for h in site.households(household))
    return Estimate(items, float(hour_value_nok), float(cost_per_m2_bra_nok), bra, household)


def _item(site: Site, line: Line, hour_value_nok: float) -> Item:
    c, task, q = line.contribution, line.task, line.quantity
    home = site.home(line.household)
    estimated = q.value * task.hours_per_unit if task and q else 0.0
    if task is None:
        problem: str | None = UNKNOWN_TASK
    elif not task.allowed or home.wet_rooms(c, task):
        problem = NOT_ALLOWED
    elif home.unknown_rooms(c):
        problem = UNKNOWN_ROOM
    else:
        problem = None
    hours = estimated if c.hours is None else float(c.hours)
    if problem in (UNKNOWN_TASK, NOT_ALLOWED):
        hours = estimated = 0.0
    return Item(line, estimated, hours, c.hours is not None, hours * hour_value_nok, problem)


class RoomWork(NamedTuple):
    """Work in one room (or ``outside``): the task, who does it and its estimated hours."""

    task: Task
    who: str
    hours: float


def rooms_by_worker(plan: Plan, overrides: dict[str, dict[str, Any]] | None = None,
                    household: str | None = None) -> dict[str, list[RoomWork]]:
    """Counted work by room id, for drawings that colour rooms by who works there.

    A contribution's hours are split over its rooms by each room's share of the
    quantity (evenly when the quantity is 0); plot tasks and one-per-home pieces go
    under ``"outside"``. ``household`` (an id) keeps one household's work only.
    """
    out: dict[str, list[RoomWork]] = {}
    for item in estimate(plan, overrides=overrides, household=household).counted:
        q, task = item.line.quantity, item.task
        if q is None or task is None:  # never for a counted item: it has a known task
            continue
        total = sum(q.per_room.values())
        shares = ({r: v / total for r, v in q.per_room.items()} if total > 0 else
                  {r: 1 / len(q.rooms) for r in q.rooms} if q.rooms else {"outside": 1.0})
        for room_id, share in shares.items():
            out.setdefault(room_id, []).append(RoomWork(task, item.who, item.hours * share))
    return out


# ---- numbers and names for people

def who_name(who: str, lang: str = "nb") -> str:
    """Who does the work, as a person reads it: ``ANYONE`` becomes "husstanden" / "the household"."""
    return ANYONE_NAMES[lang == "en"] if who == ANYONE else who


def nok(value: float, lang: str = "nb") -> str:
    """Whole kroner with a thousands separator.

    >>> nok(8469.4), nok(8469.4, "en")
    ('8\\xa0469', '8,469')
    """
    text = f"{round(value):,d}"
    return text.replace(",", "\u00a0") if lang != "en" else text


def percent(fraction: float, lang: str = "nb") -> str:
    """A fraction as a percentage with one decimal.

    >>> percent(0.01121), percent(0.01121, "en")
    ('1,1\\xa0%', '1.1 %')
    """
    text = f"{fraction * 100:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if lang != "en" else f"{text} %"


def _hours_text(hours: float, lang: str) -> str:
    text = f"{hours:.0f}" if hours >= 10 else f"{hours:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def _sum(items: Any) -> Total:
    items = list(items)
    return Total(float(sum(i.hours for i in items)), float(sum(i.value_nok for i in items)))


def _r(v: float) -> float:
    return round(float(v), 2)


def _positive(v: Any, what: str) -> None:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
        raise ContributionError(f"{what}: expected a number greater than 0, got {v!r}")

