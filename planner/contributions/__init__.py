"""Self-build contributions (egeninnsats): the task catalogue, quantity take-off and estimates.

A core package like ``rules``: no Flask, no database, and no files but the task
catalogue it ships (``tasks.json``, read with ``importlib.resources``).

- :func:`catalogue` the tasks, with a contractor's hours per unit;
- :func:`quantities` / :func:`take_off` what the drawing holds of each contribution;
- :func:`estimate` hours, value, totals and shares, every figure an estimate;
- :func:`rooms_by_worker` the counted work by room, for drawings.
"""

from __future__ import annotations

from planner.contributions.catalogue import (
    PHASE_NAMES,
    PIECE_KINDS,
    STATUS_NAMES,
    UNIT_NAMES,
    UNITS,
    WET_ROOMS,
    ContributionError,
    Task,
    catalogue,
)
from planner.contributions.estimate import (
    ANYONE,
    COST_PER_M2_BRA_NOK,
    ESTIMATE_NOTE,
    HOUR_VALUE_NOK,
    OWN_CAPITAL_SHARE,
    Estimate,
    Item,
    RoomWork,
    Total,
    estimate,
    nok,
    percent,
    rooms_by_worker,
    who_name,
)
from planner.contributions.home import Home, home_of
from planner.contributions.takeoff import (
    DOOR_HEIGHT_M,
    WALL_HEIGHT_M,
    Line,
    Quantity,
    Site,
    quantities,
    take_off,
)

__all__ = [
    "ANYONE", "COST_PER_M2_BRA_NOK", "DOOR_HEIGHT_M", "ESTIMATE_NOTE", "HOUR_VALUE_NOK",
    "OWN_CAPITAL_SHARE", "PHASE_NAMES", "PIECE_KINDS", "STATUS_NAMES", "UNITS", "UNIT_NAMES",
    "WALL_HEIGHT_M", "WET_ROOMS",
    "ContributionError", "Estimate", "Home", "Item", "Line", "Quantity", "RoomWork", "Site", "Task",
    "Total", "catalogue", "estimate", "home_of", "nok", "percent", "quantities", "rooms_by_worker",
    "take_off", "who_name",
]
