"""stair.geometry: a stair inside a dwelling within DiBK's pre-accepted values (TEK17 §12-16).

Rise = the storey's floor-to-floor height / risers; going = the walking line's length /
(risers − 1) (PLAN_FORMAT.md). The numbers and where they come from are in the README
(the width and the step rule from DiBK's guidance as quoted; the rise and the going as
the project's brief gives them, to be confirmed against DiBK's table for §12-16).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import TOLERANCE_M
from planner.rules.access import stair_rise_going
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

STAIR_WIDTH_M = 0.8
"""Width of a straight flight inside a dwelling: at least 0.80 m (DiBK's guidance to TEK17 §12-16)."""
STAIR_RISE_M = 0.20
"""Rise (opptrinn) of a stair inside a dwelling: at most 0.20 m."""
STAIR_GOING_M = 0.22
"""Going (inntrinn) of a stair inside a dwelling: at least 0.22 m."""
STEP_RULE_M = (0.60, 0.64)
"""The step rule: 2 × rise + going between 0.60 and 0.64 m."""


@rule("stair.geometry", ERROR, "TEK17 §12-16")
def stair_geometry(ctx: Context) -> Iterator[Finding]:
    for geo in ctx.homes:
        for r in geo.rooms:
            st = r.stair
            if st is None:
                continue
            subject, name = f"room:{r.id}", ctx.room_name(r)
            if st.width_m is not None and st.width_m < STAIR_WIDTH_M - TOLERANCE_M:
                yield ctx.finding("stair.geometry", subject, key="stair.geometry/width",
                                  measured=st.width_m, limit=STAIR_WIDTH_M, unit="m", room=name)
            found = stair_rise_going(geo, r)
            if found is None:
                continue
            rise, going = found
            if rise > STAIR_RISE_M + TOLERANCE_M:
                yield ctx.finding("stair.geometry", subject, key="stair.geometry/rise", measured=rise,
                                  limit=STAIR_RISE_M, unit="m", room=name, risers=st.risers)
            if going is None:
                continue
            if going < STAIR_GOING_M - TOLERANCE_M:
                yield ctx.finding("stair.geometry", subject, key="stair.geometry/going", measured=going,
                                  limit=STAIR_GOING_M, unit="m", room=name)
            step = 2 * rise + going
            lo, hi = STEP_RULE_M
            if step < lo - TOLERANCE_M or step > hi + TOLERANCE_M:
                yield ctx.finding("stair.geometry", subject, key="stair.geometry/step", measured=step,
                                  limit=lo if step < lo else hi, unit="m", room=name, low=lo, high=hi,
                                  rise=rise, going=going)
