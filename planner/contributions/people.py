"""The people of a household as they are: age, the hours a week they can give, their skills.

plan/1 keeps unknown keys, so a member carries two optional extra keys the
self-build page fills in: ``hours_per_week`` (a number, 0–80) and ``skills`` (a
list of task keys the person is good at). Without them the planning defaults
below are used, and the page says so.

>>> from planner.model import Household, Member
>>> h = Household("h", "Haugen", [Member("adult", 40, "Amina"), Member("child", 12, "Sara")])
>>> [(p.label, p.hours_per_week) for p in people(h)]
[('Amina', 10.0), ('Sara', 2.0)]
>>> from planner.contributions.catalogue import catalogue
>>> [p.label for p in too_young(h, "everyone", catalogue()["paint_walls"])]
['Sara']
>>> too_young(h, "Amina", catalogue()["lay_flooring"])
[]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.contributions.catalogue import Task
from planner.model import Household, Member

ADULT_AGE = 18
DEFAULT_HOURS_PER_WEEK = {"adult": 10.0, "teen": 4.0, "child": 2.0}
"""Hours a week a person can give when they have not said: planning defaults (an adult beside a job,
a teenager of 13–17, a younger child)."""
GROUPS = ("adults", "everyone", "household")
"""``who`` values that name a group rather than one person (``household``: nobody named)."""


@dataclass(frozen=True)
class Person:
    """One member of the household, as the work plan counts them."""

    key: str
    label: str
    role: str
    age: int | None
    hours_per_week: float
    stated_hours: bool
    skills: tuple[str, ...]

    @property
    def adult(self) -> bool:
        return self.role == "adult" or (self.age is not None and self.age >= ADULT_AGE)


def _hours(m: Member) -> float | None:
    v = m.extra.get("hours_per_week")
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0 <= v <= 80:
        return None
    return float(v)


def default_hours(m: Member) -> float:
    if m.role == "adult" or (m.age is not None and m.age >= ADULT_AGE):
        return DEFAULT_HOURS_PER_WEEK["adult"]
    if m.age is not None and m.age >= 13:
        return DEFAULT_HOURS_PER_WEEK["teen"]
    return DEFAULT_HOURS_PER_WEEK["child"]


def people(household: Household) -> list[Person]:
    """Every member as a :class:`Person`; a member without a name is "Voksen 1", "Barn 2" ..."""
    out, counts = [], {"adult": 0, "child": 0}
    for m in household.members:
        counts[m.role] = counts.get(m.role, 0) + 1
        label = m.name or f"{'Voksen' if m.role == 'adult' else 'Barn'} {counts[m.role]}"
        hours = _hours(m)
        skills = m.extra.get("skills")
        skills = tuple(s for s in skills if isinstance(s, str))[:40] if isinstance(skills, list) else ()
        out.append(Person(m.name or label, label, m.role, m.age,
                          hours if hours is not None else default_hours(m), hours is not None, skills))
    return out


def who_people(household: Household, who: str | None) -> list[Person]:
    """The people a contribution's ``who`` names: one person, the adults, everyone (or the adults
    when nobody is named). A name that is no member is a person of its own (a helper)."""
    everyone = people(household)
    if who in (None, "", "household", "adults"):
        return [p for p in everyone if p.adult] or everyone
    if who == "everyone":
        return everyone
    named = [p for p in everyone if p.key == who]
    if named:
        return named
    return [Person(who, who, "adult", None, DEFAULT_HOURS_PER_WEEK["adult"], False, ())]


def too_young(household: Household, who: str | None, task: Task) -> list[Person]:
    """The people ``who`` names who are below the task's minimum age (a child of unknown age too)."""
    if task.min_age is None:
        return []
    return [p for p in who_people(household, who) if not p.adult and (p.age is None or p.age < task.min_age)]


def suggested_who(household: Household, task: Task) -> str | None:
    """The member whose stated skills name the task (old enough for it), for a form's default."""
    for p in people(household):
        if task.key in p.skills and not too_young(household, p.key, task):
            return p.key
    return None
