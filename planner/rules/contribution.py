"""Contribution rules: the self-build tasks a household proposes (egeninnsats)."""

from __future__ import annotations

from collections.abc import Iterator

from planner.contributions.catalogue import catalogue
from planner.contributions.home import home_of
from planner.rules.context import Context
from planner.rules.messages import room_label
from planner.rules.registry import ERROR, Finding, rule


def _task_label(name: tuple[str, str]) -> tuple[str, str]:
    return room_label(name[0])[0], room_label(name[1])[1]


@rule("contribution.unknown-task", ERROR)
def unknown_task(ctx: Context) -> Iterator[Finding]:
    tasks = catalogue()
    for hh in ctx.plan.households:
        for c in hh.contributions:
            if c.task not in tasks:
                yield ctx.finding("contribution.unknown-task", f"household:{hh.id}",
                                  contribution=c.id, task=c.task, household=hh.name)


@rule("contribution.unknown-room", ERROR)
def unknown_room(ctx: Context) -> Iterator[Finding]:
    for hh in ctx.plan.households:
        home = home_of(ctx, hh)
        for c in hh.contributions:
            missing = home.unknown_rooms(c)
            if missing:
                yield ctx.finding("contribution.unknown-room", f"household:{hh.id}",
                                  contribution=c.id, rooms=", ".join(missing), household=hh.name)


@rule("contribution.not-allowed", ERROR, "TEK17 §13-15; forskrift om elektroforetak; pbl §23-6")
def not_allowed(ctx: Context) -> Iterator[Finding]:
    """A task a family may not do; one the contractor has already declined is left alone."""
    tasks = catalogue()
    for hh in ctx.plan.households:
        home = home_of(ctx, hh)
        for c in hh.contributions:
            task = tasks.get(c.task)
            if task is None or c.status == "declined":
                continue
            subject, label = f"household:{hh.id}", _task_label(task.name)
            if not task.allowed and task.who_must:
                yield ctx.finding("contribution.not-allowed", subject, contribution=c.id,
                                  task=label, who_must=task.who_must)
            elif wet := home.wet_rooms(c, task):
                names = ", ".join(r.name for r in wet)
                yield ctx.finding("contribution.not-allowed", subject,
                                  key="contribution.not-allowed/wet-room", contribution=c.id, task=label,
                                  rooms=names)
