"""The self-build task catalogue: one data file shipped in the package (``tasks.json``).

Hours per unit are planning estimates; a contractor adjusts them per project with
``overrides`` (``{task_key: {"hours_per_unit": x}}``).

>>> tasks = catalogue()
>>> tasks["paint_walls"].unit, tasks["paint_walls"].hours_per_unit
('m2_wall', 0.25)
>>> catalogue({"paint_walls": {"hours_per_unit": 0.3}})["paint_walls"].hours_per_unit
0.3
>>> tasks["electrical_work"].allowed
False
>>> tasks["garden"].min_age, tasks["paint_walls"].min_age, tasks["lay_flooring"].min_age
(None, 15, 18)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from planner.errors import PlannerError
from planner.model import PHASES, ROOM_TYPES

UNITS = ("m2_floor", "m2_wall", "m_skirting", "m2_plot", "piece")
"""Units a quantity is measured in from the drawing."""

UNIT_NAMES: dict[str, tuple[str, str]] = {
    "m2_floor": ("m² gulv", "m² floor"),
    "m2_wall": ("m² vegg", "m² wall"),
    "m_skirting": ("m list", "m skirting"),
    "m2_plot": ("m² tomt", "m² plot"),
    "piece": ("stk.", "pcs."),
}

PHASE_NAMES: dict[str, tuple[str, str]] = {
    "before_build": ("før bygging", "before building"),
    "shell": ("råbygg", "shell"),
    "finishing": ("innredning og overflater", "finishing"),
    "outdoor": ("utomhus", "outdoor"),
}
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "proposed": ("foreslått", "proposed"),
    "accepted": ("godtatt", "accepted"),
    "declined": ("avslått", "declined"),
    "done": ("utført", "done"),
}

PER_ROOM_UNITS = frozenset({"m2_floor", "m2_wall", "m_skirting"})
"""Units measured room by room (a contribution's ``rooms`` choose the rooms)."""

WET_ROOMS = frozenset({"bathroom", "laundry"})
"""Room types that are wet rooms (våtrom): floor and walls lie on a membrane."""

PIECE_KINDS: dict[str, tuple[str, ...]] = {
    "kitchen": ("kitchen",),
    "bedroom": ("bedroom",),
    "wet_room": tuple(sorted(WET_ROOMS)),
    "interior_door": (),
    "home": (),
}
"""What a ``piece`` task counts: rooms of these types, interior doors, or one per home."""


class ContributionError(PlannerError):
    """The task catalogue, a contractor's figures or a contribution cannot be used."""


@dataclass(frozen=True)
class Task:
    """One task of the catalogue.

    ``who_must`` is ``(nb, en)`` text for a task a family may not do (``allowed``
    false); ``counts_as`` is the piece kind of a ``piece`` task (``PIECE_KINDS``);
    ``applies_to`` are the room types taken when a contribution names no rooms.
    ``min_age`` is the youngest a person doing it may be (``None``: any age);
    ``existing_only`` tasks belong to a home that already stands; ``owner_approval``
    is ``(nb, en)`` text saying why the owner of such a home must approve the task.
    """

    key: str
    name_nb: str
    name_en: str
    unit: str
    hours_per_unit: float
    phase: str
    needs_approval: bool
    allowed: bool
    who_must: tuple[str, str] | None = None
    counts_as: str | None = None
    applies_to: tuple[str, ...] = ()
    dry_rooms_only: bool = False
    min_age: int | None = None
    power_tools: bool = False
    existing_only: bool = False
    owner_approval: tuple[str, str] | None = None

    @property
    def name(self) -> tuple[str, str]:
        """``(nb, en)``, the shape the message catalogue takes."""
        return (self.name_nb, self.name_en)

    def name_in(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_nb

    @property
    def per_room(self) -> bool:
        return self.unit in PER_ROOM_UNITS

    @property
    def room_types(self) -> tuple[str, ...]:
        """Room types the task takes when no rooms are named."""
        if self.unit == "piece":
            return PIECE_KINDS[self.counts_as or ""]
        return self.applies_to


def catalogue(overrides: dict[str, dict[str, Any]] | None = None) -> dict[str, Task]:
    """The tasks by key, with a contractor's per-project ``hours_per_unit`` applied.

    Raises :class:`ContributionError` (a ``PlannerError``) for an unknown task key or a
    figure that is not a number ≥ 0.
    """
    tasks = dict(_shipped())
    for key, change in (overrides or {}).items():
        if key not in tasks:
            raise ContributionError(f"hours per unit: no task '{key}' in the catalogue")
        if not isinstance(change, dict) or set(change) - {"hours_per_unit"}:
            raise ContributionError(f"hours per unit of {key}: only hours_per_unit can be adjusted")
        if "hours_per_unit" in change:
            tasks[key] = replace(tasks[key], hours_per_unit=_hours(change["hours_per_unit"], key))
    return tasks


def _hours(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value < 0:
        raise ContributionError(f"hours per unit of {key}: expected a number ≥ 0, got {value!r}")
    return float(value)


@cache
def _shipped() -> dict[str, Task]:
    text = resources.files("planner.contributions").joinpath("tasks.json").read_text(encoding="utf-8")
    return parse(json.loads(text))


def parse(doc: dict[str, Any]) -> dict[str, Task]:
    """Tasks of a ``tasks/1`` document, checked; raises :class:`ContributionError`."""
    if doc.get("format") != "tasks/1":
        raise ContributionError("task catalogue: expected format tasks/1")
    tasks: dict[str, Task] = {}
    for i, t in enumerate(doc.get("tasks", [])):
        task = _task(t, f"tasks[{i}]")
        if task.key in tasks:
            raise ContributionError(f"task catalogue: {task.key} is listed twice")
        tasks[task.key] = task
    return tasks


def _task(t: dict[str, Any], where: str) -> Task:
    try:
        allowed = bool(t["allowed"])
        who = (t["who_must_nb"], t["who_must_en"]) if not allowed else None
        task = Task(key=t["key"], name_nb=t["name_nb"], name_en=t["name_en"], unit=t["unit"],
                    hours_per_unit=_hours(t["hours_per_unit"], t["key"]), phase=t["phase"],
                    needs_approval=bool(t["needs_approval"]), allowed=allowed, who_must=who,
                    counts_as=t.get("counts_as"), applies_to=tuple(t.get("applies_to", ())),
                    dry_rooms_only=bool(t.get("dry_rooms_only", False)), min_age=t.get("min_age"),
                    power_tools=bool(t.get("power_tools", False)),
                    existing_only=bool(t.get("existing_only", False)),
                    owner_approval=((t["owner_approval_nb"], t["owner_approval_en"])
                                    if "owner_approval_nb" in t else None))
    except KeyError as e:
        raise ContributionError(f"task catalogue: {where}.{e.args[0]} is missing") from None
    problems = [
        task.unit not in UNITS and f"unit {task.unit}",
        task.phase not in PHASES and f"phase {task.phase}",
        (task.unit == "piece") != (task.counts_as in PIECE_KINDS) and f"counts_as {task.counts_as}",
        task.per_room and not task.applies_to and "applies_to is empty",
        any(r not in ROOM_TYPES for r in task.applies_to) and f"applies_to {task.applies_to}",
        task.min_age is not None and (isinstance(task.min_age, bool) or not isinstance(task.min_age, int)
                                      or not 0 < task.min_age < 100) and f"min_age {task.min_age}",
    ]
    bad = [p for p in problems if p]
    if bad:
        raise ContributionError(f"task catalogue: {where} ({task.key}): " + ", ".join(bad))
    return task
