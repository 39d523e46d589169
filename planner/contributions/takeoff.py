"""Quantity take-off: how much of each self-build task the drawing holds.

Rooms are measured on their **net polygon** (the room inside its walls, as the
family paints it; PLAN_FORMAT.md), never on the wall centre lines:

- ``m2_floor``: net area;
- ``m2_wall``: net perimeter × ``WALL_HEIGHT_M`` less each door of the room
  (width × ``DOOR_HEIGHT_M``; a door counts in both rooms it joins) and each window
  (width × height);
- ``m_skirting``: net perimeter less the door widths;
- ``m2_plot``: plot area less the buildings' footprints;
- ``piece``: rooms of the task's kind, interior doors, or one per home.

A contribution without ``rooms`` on a per-room task takes every room of the
household's home whose type the task applies to, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import shapely

from planner.contributions.catalogue import ContributionError, Task, catalogue
from planner.contributions.home import Home, home_of
from planner.geometry import BuildingGeometry, union
from planner.model import OUTSIDE, ROOM_TYPES, Contribution, Household, Plan
from planner.rules.context import Context
from planner.rules.messages import Num, type_name

WALL_HEIGHT_M = 2.4
"""Ceiling height the wall area is measured to."""
DOOR_HEIGHT_M = 2.1
"""Height of a door opening taken off the wall area."""


@dataclass(frozen=True)
class Quantity:
    """A measured quantity of one contribution.

    ``rooms`` are the ids measured, ``per_room`` the share of each room (empty for
    plot tasks and one-per-home pieces), ``how`` says in ``(nb, en)`` how it was
    measured, ``skipped`` lists named rooms that could not be measured.
    """

    value: float
    unit: str
    rooms: tuple[str, ...]
    how: tuple[str, str]
    per_room: dict[str, float] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One contribution of the take-off; ``task`` and ``quantity`` are None for an unknown task."""

    household: Household
    contribution: Contribution
    task: Task | None
    quantity: Quantity | None


class Site:
    """The plan with its geometry, measured once for many contributions."""

    def __init__(self, plan: Plan, tasks: dict[str, Task] | None = None) -> None:
        self.plan = plan
        self.ctx = Context(plan)
        self.tasks = catalogue() if tasks is None else tasks
        self._homes: dict[str, Home] = {}

    def home(self, household: Household) -> Home:
        if household.id not in self._homes:
            self._homes[household.id] = home_of(self.ctx, household)
        return self._homes[household.id]

    def households(self, household_id: str | None = None) -> list[Household]:
        return [h for h in self.plan.households if household_id in (None, h.id)]

    def lines(self, household_id: str | None = None) -> list[Line]:
        out = []
        for h in self.households(household_id):
            for c in h.contributions:
                task = self.tasks.get(c.task)
                q = None if task is None else self.measure(self.home(h), c, task)
                out.append(Line(h, c, task, q))
        return out

    # ---- geometry measured once

    @cached_property
    def open_plot(self) -> tuple[float, float]:
        """(plot area, footprints on it) in m²; (0, 0) when the plot is not a valid shape."""
        if self.ctx.plot_problem is not None:
            return 0.0, 0.0
        fps = [g.footprint for g in self.ctx.buildings if g.is_valid]
        built = float(shapely.intersection(self.ctx.plot, union(fps)).area) if fps else 0.0
        return float(self.ctx.plot.area), built

    @cached_property
    def _perimeters(self) -> dict[str, np.ndarray]:
        """Perimeter of each valid room's net polygon, by building id (metres)."""
        return {g.building.id: shapely.length(g.nets) for g in self.ctx.buildings}

    def _openings(self, geo: BuildingGeometry, room_id: str) -> tuple[float, float]:
        """(Σ door widths in metres, Σ window glass in m²) of one room."""
        b = geo.building
        doors = sum(d.width_m for d in b.doors if room_id in d.rooms)
        glass = sum(w.glass_m2 for w in b.windows if w.room == room_id)
        return float(doors), float(glass)

    def _room_value(self, unit: str, geo: BuildingGeometry, room_id: str) -> float:
        pos = geo.index[room_id]
        if unit == "m2_floor":
            return float(geo.net_areas[pos])
        perimeter = float(self._perimeters[geo.building.id][pos])
        doors_m, glass_m2 = self._openings(geo, room_id)
        if unit == "m_skirting":
            return max(0.0, perimeter - doors_m)
        if unit == "m2_wall":
            return max(0.0, perimeter * WALL_HEIGHT_M - doors_m * DOOR_HEIGHT_M - glass_m2)
        return 1.0  # a room counted as one piece

    # ---- measuring one contribution

    def measure(self, home: Home, c: Contribution, task: Task) -> Quantity:
        """The quantity of ``task`` for contribution ``c`` of ``home``."""
        valid = home.measurable
        named = home.room_ids(c)
        skipped = tuple(r for r in named if r not in valid)
        if named:
            chosen = [r for r in named if r in valid]
        elif task.counts_as == "interior_door":
            chosen = list(valid)
        else:
            chosen = [r for r in valid if home.rooms[r].type in task.room_types]
        per_room: dict[str, float] = {}
        if task.unit == "m2_plot":
            plot_m2, built_m2 = self.open_plot
            value = max(0.0, plot_m2 - built_m2)
            how = _how_plot(plot_m2, built_m2, len(self.plan.households) > 1)
            chosen = []
        elif task.counts_as == "home":
            value, how, chosen = float(len(home.dwellings)), _HOW["home"], []
        elif task.counts_as == "interior_door":
            per_room = _doors_per_room(home, set(chosen))
            value = float(round(sum(per_room.values())))
            how = _fill(_HOW["interior_door"], rooms=_names(home, chosen), n=int(value))
        else:
            per_room = {r: self._room_value(task.unit, valid[r], r) for r in chosen}
            value = float(sum(per_room.values()))
            how = _fill(_HOW[task.unit], rooms=_names(home, chosen))
        if named and (task.unit == "m2_plot" or task.counts_as == "home"):
            how = _join(how, _HOW["rooms-ignored"])
        elif not named and task.room_types:
            how = _join(_fill(_HOW["default"], types=_types(task.room_types), n=len(chosen)), how)
        if skipped:
            how = _join(how, _fill(_HOW["skipped"], rooms=", ".join(skipped)))
        return Quantity(value, task.unit, tuple(chosen), how, per_room, skipped)


def _doors_per_room(home: Home, rooms: set[str]) -> dict[str, float]:
    """Interior doors touching ``rooms``; a door between two of them counts half in each."""
    out: dict[str, float] = {}
    for d in home.dwellings:
        for door in d.geo.building.doors:
            if OUTSIDE in door.rooms:
                continue
            mine = [r for r in door.rooms if r in rooms]
            for r in mine:
                out[r] = out.get(r, 0.0) + 1.0 / len(mine)
    return out


def quantities(plan: Plan, contribution: Contribution) -> Quantity:
    """The measured quantity of one contribution of the plan.

    Raises ``PlannerError`` (``ContributionError``) when the task is not in the catalogue
    and ``ValueError`` when the contribution is not one of the plan's.
    """
    site = Site(plan)
    for h in plan.households:
        for c in h.contributions:
            if c is contribution:
                task = site.tasks.get(c.task)
                if task is None:
                    raise ContributionError(f"contribution {c.id}: no task '{c.task}' in the catalogue")
                return site.measure(site.home(h), c, task)
    raise ValueError(f"contribution {contribution.id} is not one of the plan's")


def take_off(plan: Plan, household: str | None = None) -> list[Line]:
    """Every contribution of the plan (or of one household) with its measured quantity."""
    return Site(plan).lines(household)


# ---- how it was measured, in plain words (nb, en)

_HOW: dict[str, tuple[str, str]] = {
    "m2_floor": ("Netto gulvflate (innenfor veggene) i {rooms}.",
                 "Net floor area (inside the walls) of {rooms}."),
    "m2_wall": ("Veggflate i {rooms}: omkretsen av netto gulvflaten (rommet innenfor veggene, slik "
                "dere maler det) × 2,4 m takhøyde, minus dører (bredde × 2,1 m, i begge rommene døren "
                "går mellom) og vinduer (bredde × høyde).",
                "Wall area of {rooms}: the perimeter of the net floor area (the room inside its walls, "
                "as you paint it) × 2.4 m ceiling height, less doors (width × 2.1 m, in both rooms a "
                "door joins) and windows (width × height)."),
    "m_skirting": ("Gulvlister i {rooms}: omkretsen av netto gulvflaten minus dørbreddene.",
                   "Skirting in {rooms}: the perimeter of the net floor area less the door widths."),
    "piece": ("Ett stykk per rom: {rooms}.", "One piece per room: {rooms}."),
    "interior_door": ("Innerdører til {rooms}: {n} dører.", "Interior doors of {rooms}: {n} doors."),
    "home": ("Én per bolig.", "One per home."),
    "plot": ("Åpen tomt: tomtens {plot} m² minus bygningenes fotavtrykk, {built} m².",
             "Open plot: the plot's {plot} m² less the buildings' footprints, {built} m²."),
    "shared": ("Tomten deles av flere husstander; hele den åpne tomten er regnet med.",
               "The plot is shared by several households; all of its open area is counted."),
    "default": ("Ingen rom er valgt, så {types} i boligen er tatt med ({n} rom).",
                "No rooms are chosen, so {types} of the home is included ({n} rooms)."),
    "rooms-ignored": ("Rommene som er valgt, endrer ikke mengden.",
                      "The rooms chosen do not change the quantity."),
    "skipped": ("Ikke målt: {rooms} (ikke gyldige rom i boligen).",
                "Not measured: {rooms} (not valid rooms of the home)."),
}


def _fill(template: tuple[str, str], **params: object) -> tuple[str, str]:
    """Fill an (nb, en) template; a param that is an (nb, en) pair gives each language its own."""
    def one(lang: int) -> str:
        return template[lang].format(**{k: v[lang] if isinstance(v, tuple) else v
                                        for k, v in params.items()})
    return one(0), one(1)


def _join(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    return f"{a[0]} {b[0]}", f"{a[1]} {b[1]}"


def _listing(items: list[str], lang: int) -> str:
    """``a, b og c`` / ``a, b and c``.

    >>> _listing(["Stue", "Bad", "Bod"], 0), _listing(["Stue"], 1), _listing([], 1)
    ('Stue, Bad og Bod', 'Stue', 'no rooms')
    """
    if not items:
        return ("ingen rom", "no rooms")[lang]
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {('og', 'and')[lang]} {items[-1]}"


def _names(home: Home, room_ids: list[str]) -> tuple[str, str]:
    names = [home.rooms[r].name for r in room_ids]
    return _listing(names, 0), _listing(names, 1)


def _types(types: tuple[str, ...]) -> tuple[str, str]:
    """The room types a task takes, named the short way: "every room except bathroom and laundry"."""
    others = [t for t in ROOM_TYPES if t not in types]
    if len(others) < len(types):
        if not others:
            return "alle rom", "every room"
        names = [type_name(t) for t in others]
        return (f"alle rom unntatt {_listing([n[0] for n in names], 0)}",
                f"every room except {_listing([n[1] for n in names], 1)}")
    names = [type_name(t) for t in types]
    return (f"alle rom av typen {_listing([n[0] for n in names], 0)}",
            f"every {_listing([n[1] for n in names], 1)}")


def _how_plot(plot_m2: float, built_m2: float, shared: bool) -> tuple[str, str]:
    how = (_HOW["plot"][0].format(plot=f"{Num(plot_m2, 'nb'):.1f}", built=f"{Num(built_m2, 'nb'):.1f}"),
           _HOW["plot"][1].format(plot=f"{Num(plot_m2, 'en'):.1f}", built=f"{Num(built_m2, 'en'):.1f}"))
    return _join(how, _HOW["shared"]) if shared else how
