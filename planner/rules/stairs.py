"""stair.geometry: a stair inside a dwelling (TEK17 § 12-14, "Trapp"; § 12-16 in TEK10).

Rise = the storey's floor-to-floor height / risers; going = the walking line's length /
(risers − 1) (PLAN_FORMAT.md). Where the numbers come from:

- width: TEK17 § 12-14 (1) h: a straight flight inside a dwelling (``internt i en
  boenhet``) at least 0.80 m. A walking line is two points (PLAN_FORMAT.md), so every
  stair of a plan is a straight flight; (1) i (0.10 m more where a flight turns) does not arise.
- going: TEK17 § 12-14 (1) d: ``inntrinn i ganglinjen`` at least 0.25 m, measured on the
  walking line as here.
- rise 0.20 m and the step rule 2 × rise + going between 0.60 and 0.64 m: the planner's
  values for "lett og sikker å gå i" (§ 12-14 (1)); they could not be confirmed against
  DiBK's guidance, and the messages say so.

Text of § 12-14 as published with DiBK's guidance:
https://www.dibk.no/regelverk/byggteknisk-forskrift-tek17/12/iii/12-14
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.geometry import TOLERANCE_M
from planner.rules.access import stair_rise_going
from planner.rules.context import Context
from planner.rules.registry import ERROR, Finding, rule

STAIR_WIDTH_M = 0.80
"""A straight flight inside a dwelling: at least 0.80 m (TEK17 § 12-14 (1) h)."""
STAIR_GOING_M = 0.25
"""Going in the walking line: at least 0.25 m (TEK17 § 12-14 (1) d)."""
STAIR_RISE_M = 0.20
"""Rise (opptrinn) of a stair inside a dwelling: at most 0.20 m (the planner's value; unconfirmed)."""
STEP_RULE_M = (0.60, 0.64)
"""The step rule: 2 × rise + going between 0.60 and 0.64 m (the planner's value; unconfirmed)."""


@rule("stair.geometry", ERROR, "TEK17 §12-14")
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
