"""What the self-build views ask for: the estimate, proposing and deciding tasks, the history,
the hour ledger and its confirmation.

The family's own changes to a task (propose, change, take back) are plan changes:
each is a new plan version (through :func:`planner.web.services.save_plan`, with its
"someone saved in between" check). Decisions on a task (the contractor's accept or
decline, the owner's approval in a home that already stands, the family marking it
done) are **task events only**, not new plan versions: a row in ``task_events``
records who did what, and :func:`with_decisions` lays the latest status and
condition of each task over the plan that is read. Every event is recorded by
:func:`_record`, the one place a notification belongs. Nothing here knows about forms.
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
from planner.contributions.people import too_young
from planner.errors import PlannerError
from planner.web import notify, services
from planner.web.extensions import db
from planner.web.models import PlanVersion, User, now
from planner.web.selfbuild.models import SelfBuildFigures, TaskEvent

DECISIONS = ("accepted", "declined", "done")
"""Events that decide a task without a new plan version."""

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


def with_decisions(project_id: int, plan: model.Plan) -> model.Plan:
    """The plan with each task's status and condition as its latest event says (in place; returned).

    A task without events keeps the status its plan gives (a plan loaded from a file).
    """
    rows = db.session.scalars(select(TaskEvent).where(TaskEvent.project_id == project_id)
                              .order_by(TaskEvent.at, TaskEvent.id))
    latest: dict[tuple[str, str], TaskEvent] = {}
    decision: dict[tuple[str, str], TaskEvent] = {}
    for e in rows:
        latest[(e.household_id, e.contribution_id)] = e
        if e.action in ("accepted", "declined"):
            decision[(e.household_id, e.contribution_id)] = e
        elif e.action in ("edited", "proposed", "removed"):
            decision.pop((e.household_id, e.contribution_id), None)
    for h in plan.households:
        for c in h.contributions:
            e = latest.get((h.id, c.id))
            if e is None or e.status not in model.STATUSES:
                continue
            c.status = e.status
            d = decision.get((h.id, c.id))
            if d is not None and d.comment:
                c.extra["condition"] = d.comment
            elif d is not None or e.action in ("edited", "proposed"):
                c.extra.pop("condition", None)
    return plan


def current(project_id: int) -> tuple[PlanVersion, model.Plan]:
    """The latest version and its plan, with the decisions laid over it."""
    v = services.latest(project_id)
    return v, with_decisions(project_id, services.plan_of(v))


def _next_id(household: model.Household, taken: set[str]) -> str:
    n = len(household.contributions) + 1
    while f"c{n}" in taken:
        n += 1
    return f"c{n}"


def _record(project_id: int, household_id: str, c: model.Contribution, action: str, comment: str,
            by: User, v: PlanVersion | None) -> TaskEvent:
    """Record one event of a task (the one place every self-build event is written)."""
    event = TaskEvent(project_id=project_id, household_id=household_id, contribution_id=c.id,
                      action=action, status=c.status, comment=comment[:2000], user_id=by.id,
                      version_number=v.number if v is not None else None)
    db.session.add(event)
    db.session.commit()
    notify.task_event(project_id, action, c.task, c.id, comment, by)
    return event


def _save(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution,
          action: str, comment: str, by: User, base: int, note: str) -> PlanVersion:
    v = services.save_plan(project_id, plan, by, note, base)
    _record(project_id, household.id, c, action, comment, by, v)
    return v


def check_task(plan: model.Plan, household: model.Household, task_key: str, rooms: list[str],
               who: str | None = None) -> Task:
    """The catalogue task, or :class:`TaskRefused` when a family may not do it (there, or by ``who``)."""
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
    young = too_young(household, who, task)
    if young:
        raise TaskRefused("too young", task=task, people=young)
    return task


def propose(project_id: int, plan: model.Plan, household: model.Household, by: User, base: int,
            task_key: str, rooms: list[str], who: str | None, hours: float | None, note: str) -> str:
    """Add a proposed task to the household's self-build plan; returns its id."""
    task = check_task(plan, household, task_key, rooms, who)
    taken = {c.id for h in plan.households for c in h.contributions} | set(history(project_id, household.id))
    c = model.Contribution(id=_next_id(household, taken), task=task.key, phase=task.phase, status="proposed",
                           rooms=rooms or None, who=who or None, hours=hours, note=note or None)
    household.contributions.append(c)
    _save(project_id, plan, household, c, "proposed", note, by, base,
          f"Egeninnsats foreslått: {task.name_nb}")
    return c.id


def find(household: model.Household, contribution_id: str) -> model.Contribution | None:
    return next((c for c in household.contributions if c.id == contribution_id), None)


def is_existing(plan: model.Plan, household: model.Household) -> bool:
    """The household's home already stands (refurbishing): its owner approves tasks."""
    return Site(plan).home(household).existing


def needs_owner(plan: model.Plan, household: model.Household, c: model.Contribution) -> bool:
    """A task in a home that already stands whose catalogue entry says the owner must approve it."""
    task = catalogue().get(c.task)
    return bool(task and task.owner_approval) and is_existing(plan, household)


def decide(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
           base: int, accept: bool, comment: str, role: str = "contractor") -> None:
    """The contractor (or, in a home that already stands, its owner) accepts or declines a task.

    A decision is a task event, not a new plan version. A decline needs a reason; a
    task the owner must approve is decided by the owner (the municipality, ``planner``).
    """
    if c.status == "done":
        raise TaskRefused("already done")
    if not accept and not comment:
        raise TaskRefused("reason needed")
    if role != "planner" and needs_owner(plan, household, c):
        raise TaskRefused("owner decides")
    if role == "planner" and not is_existing(plan, household):
        raise TaskRefused("contractor decides")
    c.status = "accepted" if accept else "declined"
    if comment:
        c.extra["condition"] = comment
    else:
        c.extra.pop("condition", None)
    _record(project_id, household.id, c, c.status, comment, by, None)


def mark_done(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution, by: User,
              base: int, comment: str) -> None:
    """The family marks an accepted task done (a task event, not a new plan version)."""
    if c.status != "accepted":
        raise TaskRefused("not accepted")
    c.status = "done"
    _record(project_id, household.id, c, "done", comment, by, None)


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
    check_task(plan, household, c.task, rooms, who)
    c.rooms, c.who, c.hours, c.status = rooms or None, who or None, hours, "proposed"
    name = catalogue().get(c.task)
    _save(project_id, plan, household, c, "edited", comment, by, base,
          f"Egeninnsats endret: {name.name_nb if name else c.task}")


def plan_time(project_id: int, plan: model.Plan, household: model.Household, c: model.Contribution,
              by: User, base: int, start_week: int | None, weeks: int | None) -> None:
    """The family sets a task's start week and weeks (the extra keys ``start_week``/``weeks``)."""
    if c.status == "done":
        raise TaskRefused("already done")
    for key, value in (("start_week", start_week), ("weeks", weeks)):
        if value is None:
            c.extra.pop(key, None)
        else:
            c.extra[key] = int(value)
    name = catalogue().get(c.task)
    note = f"Egeninnsats planlagt i tid: {name.name_nb if name else c.task}"
    services.save_plan(project_id, plan, by, note, base)
