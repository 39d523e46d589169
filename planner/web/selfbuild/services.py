"""What the self-build views ask for: the estimate, proposing and deciding tasks, the history.

The plan's ``contributions[]`` is the stored truth: every change is a new plan
version (through :func:`planner.web.services.save_plan`, with its "someone saved in
between" check), and a row in ``task_events`` records who did what. The
contractor's decision and condition are kept on the contribution too, as the extra
keys ``condition`` (plan/1 keeps unknown keys). Nothing here knows about forms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from planner import model
from planner.contributions import (
    COST_PER_M2_BRA_NOK,
    HOUR_VALUE_NOK,
    Estimate,
    Site,
    Task,
    catalogue,
    estimate,
)
from planner.errors import PlannerError
from planner.web import services
from planner.web.extensions import db
from planner.web.models import PlanVersion, User, now
from planner.web.selfbuild.models import SelfBuildFigures, TaskEvent

WHO_SHARED = ("adults", "everyone")
"""``who`` values that name a group of the household rather than one person."""


class TaskRefused(PlannerError):
    """The task cannot be added or changed; ``key`` is an English message key the view translates."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(key)


@dataclass
class Figures:
    """The contractor's planning figures of a project (defaults until the contractor sets them)."""

    hour_value_nok: float = HOUR_VALUE_NOK
    cost_per_m2_bra_nok: float = COST_PER_M2_BRA_NOK
    hours_per_unit: dict[str, float] = field(default_factory=dict)
    set_by: User | None = None
    set_at: Any = None

    @property
    def overrides(self) -> dict[str, dict[str, float]]:
        return {k: {"hours_per_unit": v} for k, v in self.hours_per_unit.items()}

    def tasks(self) -> dict[str, Task]:
        return catalogue(self.overrides)


def figures(project_id: int) -> Figures:
    row = db.session.get(SelfBuildFigures, project_id)
    if row is None:
        return Figures()
    tasks = catalogue()
    hours = {k: float(v) for k, v in json.loads(row.hours_per_unit_json or "{}").items() if k in tasks}
    return Figures(row.hour_value_nok, row.cost_per_m2_bra_nok, hours,
                   db.session.get(User, row.updated_by_id), row.updated_at)


def save_figures(project_id: int, by: User, hour_value_nok: float, cost_per_m2_bra_nok: float,
                 hours_per_unit: dict[str, float]) -> None:
    """Store the contractor's figures; hours equal to the catalogue's are not stored as changes."""
    shipped = catalogue()
    changed = {k: float(v) for k, v in hours_per_unit.items()
               if k in shipped and v is not None and abs(float(v) - shipped[k].hours_per_unit) > 1e-9}
    catalogue({k: {"hours_per_unit": v} for k, v in changed.items()})  # raises for a bad figure
    row = db.session.get(SelfBuildFigures, project_id)
    if row is None:
        row = SelfBuildFigures(project_id=project_id, updated_by_id=by.id, hour_value_nok=0.0,
                               cost_per_m2_bra_nok=0.0)
        db.session.add(row)
    row.hour_value_nok, row.cost_per_m2_bra_nok = float(hour_value_nok), float(cost_per_m2_bra_nok)
    row.hours_per_unit_json = json.dumps(changed, sort_keys=True)
    row.updated_by_id, row.updated_at = by.id, now()
    db.session.commit()


def estimate_of(plan: model.Plan, household: model.Household, f: Figures) -> Estimate:
    return estimate(plan, hour_value_nok=f.hour_value_nok, cost_per_m2_bra_nok=f.cost_per_m2_bra_nok,
                    overrides=f.overrides, household=household.id)


def home_rooms(plan: model.Plan, household: model.Household) -> list[model.Room]:
    """The rooms of the household's home, in drawing order (what a task may name)."""
    return list(Site(plan).home(household).rooms.values())


def who_choices(household: model.Household) -> list[str]:
    """``who`` values a family can pick: the named members, then the shared groups."""
    names = [m.name for m in household.members if m.name]
    return list(dict.fromkeys(names)) + list(WHO_SHARED)


def history(project_id: int, household_id: str) -> dict[str, list[TaskEvent]]:
    """Every event of the household's tasks by contribution id, oldest first."""
    rows = db.session.scalars(select(TaskEvent).where(
        TaskEvent.project_id == project_id, TaskEvent.household_id == household_id)
        .order_by(TaskEvent.at, TaskEvent.id))
    out: dict[str, list[TaskEvent]] = {}
    for e in rows:
        out.setdefault(e.contribution_id, []).append(e)
    return out


def _next_id(household: model.Household, taken: set[str]) -> str:
    n = len(household.contributions) + 1
    while f"c{n}" in taken:
        n += 1
    return f"c{n}"


def _record(project_id: int, household_id: str, c: model.Contribution, action: str, comment: str,
            by: User, v: PlanVersion) -> None:
    db.session.add(TaskEvent(project_id=project_id, household_id=household_id, contribution_id=c.id,
                             action=action, status=c.status, comment=comment[:2000], user_id=by.id,
                             version_number=v.number))
    db.session.commit()


def _save(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution,
          action: str, comment: str, by: User, base: int, note: str) -> PlanVersion:
    v = services.save_plan(project_id, plan, by, note, base)
    _record(project_id, household.id, c, action, comment, by, v)
    return v


def check_task(plan: model.Plan, household: model.Household, task_key: str, rooms: list[str]) -> Task:
    """The catalogue task, or :class:`TaskRefused` when a family may not do it (there)."""
    task = catalogue().get(task_key)
    if task is None:
        raise TaskRefused("unknown task")
    if not task.allowed:
        raise TaskRefused("not allowed", task=task)
    home = Site(plan).home(household)
    unknown = [r for r in rooms if r not in home.rooms]
    if unknown:
        raise TaskRefused("unknown room")
    wet = home.wet_rooms(model.Contribution("x", task.key, task.phase, "proposed", rooms=rooms), task)
    if wet:
        raise TaskRefused("wet room", task=task, rooms=", ".join(r.name for r in wet))
    return task


def propose(project_id: int, plan: model.Plan, household: model.Household, by: User, base: int,
            task_key: str, rooms: list[str], who: str | None, hours: float | None, note: str) -> str:
    """Add a proposed task to the household's self-build plan; returns its id."""
    task = check_task(plan, household, task_key, rooms)
    taken = {c.id for h in plan.households for c in h.contributions}
    c = model.Contribution(id=_next_id(household, taken), task=task.key, phase=task.phase, status="proposed",
                           rooms=rooms or None, who=who or None, hours=hours, note=note or None)
    household.contributions.append(c)
    _save(project_id, plan, household, c, "proposed", note, by, base,
          f"Egeninnsats foreslått: {task.name_nb}")
    return c.id


def find(household: model.Household, contribution_id: str) -> model.Contribution | None:
    return next((c for c in household.contributions if c.id == contribution_id), None)


def decide(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
           base: int, accept: bool, comment: str) -> None:
    """The contractor accepts or declines a task, with a condition or comment."""
    if c.status == "done":
        raise TaskRefused("already done")
    c.status = "accepted" if accept else "declined"
    if comment:
        c.extra["condition"] = comment
    else:
        c.extra.pop("condition", None)
    name = catalogue().get(c.task)
    verb = "godtatt" if accept else "avslått"
    _save(project_id, plan, household, c, c.status, comment, by, base,
          f"Egeninnsats {verb}: {name.name_nb if name else c.task}")


def mark_done(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
              base: int, comment: str) -> None:
    """The family marks an accepted task done."""
    if c.status != "accepted":
        raise TaskRefused("not accepted")
    c.status = "done"
    name = catalogue().get(c.task)
    _save(project_id, plan, household, c, "done", comment, by, base,
          f"Egeninnsats utført: {name.name_nb if name else c.task}")


def remove(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
           base: int, comment: str) -> None:
    """The family takes back a task that is not done (its history stays)."""
    if c.status == "done":
        raise TaskRefused("already done")
    household.contributions = [x for x in household.contributions if x is not c]
    name = catalogue().get(c.task)
    _save(project_id, plan, household, c, "removed", comment, by, base,
          f"Egeninnsats fjernet: {name.name_nb if name else c.task}")


def edit(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
         base: int, rooms: list[str], who: str | None, hours: float | None, comment: str) -> None:
    """The family changes a task's rooms, who or hours; a changed task is proposed again.

    Only a task that is proposed or declined can be changed: an accepted one is agreed, a done one done.
    """
    if c.status not in ("proposed", "declined"):
        raise TaskRefused("agreed")
    check_task(plan, household, c.task, rooms)
    c.rooms, c.who, c.hours, c.status = rooms or None, who or None, hours, "proposed"
    name = catalogue().get(c.task)
    _save(project_id, plan, household, c, "edited", comment, by, base,
          f"Egeninnsats endret: {name.name_nb if name else c.task}")
