"""Draft floor plans from a household's room needs and the plot.

``draft(plan, household_id, variants=1)`` returns complete plan/1 plans, best
first, that pass every error rule of the checker; each variant's building
carries ``extra["layout"]`` with the choices behind it. The method: a zoned,
double-loaded plan built so that every room has an outside wall and a door to
the hall, sized by slicing each band by target area, placed in the buildable
area, then checked with ``planner.rules.check`` and repaired. When no one-storey
plan fits within %-BYA and the height limits allow it, the home gets two storeys:
the day rooms and a stair below, the other rooms along a hall above.
"""

from __future__ import annotations

from planner.layout.generator import METHOD, draft

__all__ = ["METHOD", "draft"]
