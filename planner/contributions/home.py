"""A household's home: the rooms a contribution may name.

This module imports nothing of ``planner.rules`` at run time, so the contribution
rules can use it while ``planner.rules`` is still being imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from planner.contributions.catalogue import WET_ROOMS, Task
from planner.model import Contribution, Household, Room

if TYPE_CHECKING:
    from planner.geometry import BuildingGeometry
    from planner.rules.context import Context, Dwelling


@dataclass
class Home:
    """The rooms a household lives in: its building, or its unit of a shared building."""

    household: Household
    dwellings: list[Dwelling]
    rooms: dict[str, Room]
    """Every room of the home by id, also those whose polygon is not valid."""

    @property
    def bra_m2(self) -> float:
        return sum(d.bra_m2 for d in self.dwellings)

    @cached_property
    def measurable(self) -> dict[str, BuildingGeometry]:
        """The building geometry of each room that has a valid polygon, by room id."""
        return {r.id: d.geo for d in self.dwellings for r in d.rooms}

    def room_ids(self, contribution: Contribution) -> list[str]:
        """The contribution's named rooms, each once, in the order given."""
        return list(dict.fromkeys(contribution.rooms or []))

    def unknown_rooms(self, contribution: Contribution) -> list[str]:
        """Named rooms that are not rooms of this home (rule ``contribution.unknown-room``)."""
        return [r for r in self.room_ids(contribution) if r not in self.rooms]

    @property
    def existing(self) -> bool:
        """The home already stands (its building's ``status`` is ``existing``): refurbishing, not building."""
        return any(getattr(d.geo.building, "state", "new") == "existing" for d in self.dwellings)

    def wet_rooms(self, contribution: Contribution, task: Task) -> list[Room]:
        """Wet rooms where the family may not do the task (``contribution.not-allowed``).

        A dry-rooms-only task in a named wet room; a task for a home that already stands
        (``existing_only``, like painting a wet room) in the wet rooms of a new home, where
        the surface lies on the new membrane.
        """
        named = [self.rooms[r] for r in self.room_ids(contribution) if r in self.rooms]
        if task.existing_only and not self.existing:
            return [r for r in named or self.rooms.values() if r.type in WET_ROOMS] or named
        if not task.dry_rooms_only:
            return []
        return [r for r in named if r.type in WET_ROOMS]


def home_of(ctx: Context, household: Household) -> Home:
    """The household's home from the checker's dwellings."""
    dwellings = [d for d in ctx.dwellings if d.household.id == household.id]
    rooms: dict[str, Room] = {}
    for d in dwellings:
        b = d.geo.building
        ids = ({rid for u in b.units or [] if u.household == household.id for rid in u.rooms}
               if d.unit else None)
        rooms.update({r.id: r for r in b.rooms if ids is None or r.id in ids})
    return Home(household, dwellings, rooms)
