"""The optional plan/1 key ``finance``: the project's financing parameters, cost items and milestones.

plan/1 keeps keys it does not know in ``Plan.extra``, so ``finance`` travels with
the plan today::

    "finance": {
      "cost_per_m2_bra_nok": 38000,            # the contractor's price per m² BRA (estimate)
      "hour_value_nok": 400,                   # value of one hour of the family's work
      "price_set_by": "Bygg AS",               # who set the price (shown as the source)
      "parameters": {"start_loan_rate_percent": 5.0, ...},   # see planner.finance.params.SPECS
      "cost_items": [{"kind": "plot", "label": "Tomt", "amount_nok": 650000,
                      "entered_by": "Bygg AS", "entered_at": "2026-11-30"}],
      "milestones": {"start": 6, "tett_hus": 18, "ferdigattest": 40}      # weeks of the work plan
    }

Every key is optional. An error names the JSON path (``finance.cost_items[0].amount_nok``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from planner.contributions import COST_PER_M2_BRA_NOK, HOUR_VALUE_NOK, estimate
from planner.contributions.schedule import milestones_of
from planner.finance.params import FinanceError, Parameters, parameters
from planner.finance.plan import COST_KINDS, CostItem, Financing, SelfBuildValue
from planner.model import Plan

KEYS = frozenset({"cost_per_m2_bra_nok", "hour_value_nok", "price_set_by", "parameters", "cost_items",
                  "milestones"})
WEEKS_PER_MONTH = 52 / 12


@dataclass
class FinanceDoc:
    """The ``finance`` key of a plan, checked."""

    cost_per_m2_bra_nok: float = COST_PER_M2_BRA_NOK
    hour_value_nok: float = HOUR_VALUE_NOK
    price_set_by: str = ""
    params: Parameters = field(default_factory=Parameters)
    items: list[CostItem] = field(default_factory=list)
    milestones: dict[str, int] = field(default_factory=dict)


def construction_months(milestones: dict[str, int]) -> int | None:
    """Months from the start of building to ferdigattest, rounded up (None without both milestones).

    >>> construction_months({"start": 4, "ferdigattest": 40})
    9
    """
    if "start" not in milestones or "ferdigattest" not in milestones:
        return None
    return math.ceil((milestones["ferdigattest"] - milestones["start"]) / WEEKS_PER_MONTH - 1e-9)


def _number(value: Any, where: str, minimum: float, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FinanceError(f"{where}: expected a number, got {value!r}")
    if not minimum <= value <= maximum:
        raise FinanceError(f"{where}: must be from {minimum:g} to {maximum:g}, got {value:g}")
    return float(value)


def _text(value: Any, where: str, limit: int = 200) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FinanceError(f"{where}: expected text, got {value!r}")
    return value[:limit]


def read(plan: Plan) -> FinanceDoc:
    """The plan's ``finance`` key (defaults when it has none); raises :class:`FinanceError`."""
    raw = plan.extra.get("finance")
    if raw is None:
        return FinanceDoc()
    if not isinstance(raw, dict):
        raise FinanceError("finance: expected an object")
    unknown = set(raw) - KEYS
    if unknown:
        raise FinanceError(f"finance: unknown key '{sorted(unknown)[0]}'")
    doc = FinanceDoc()
    if "cost_per_m2_bra_nok" in raw:
        doc.cost_per_m2_bra_nok = _number(raw["cost_per_m2_bra_nok"], "finance.cost_per_m2_bra_nok", 1, 1e6)
    if "hour_value_nok" in raw:
        doc.hour_value_nok = _number(raw["hour_value_nok"], "finance.hour_value_nok", 1, 1e4)
    doc.price_set_by = _text(raw.get("price_set_by"), "finance.price_set_by")
    doc.milestones = milestones_of(raw.get("milestones"))
    months = construction_months(doc.milestones)
    doc.params = parameters(raw.get("parameters"))
    if months is not None and "construction_months" not in (raw.get("parameters") or {}):
        doc.params = parameters({"construction_months": min(months, 60)}, doc.params)
    items = raw.get("cost_items") or []
    if not isinstance(items, list):
        raise FinanceError("finance.cost_items: expected a list")
    for n, item in enumerate(items):
        where = f"finance.cost_items[{n}]"
        if not isinstance(item, dict):
            raise FinanceError(f"{where}: expected an object")
        kind = item.get("kind", "other")
        if kind not in COST_KINDS:
            raise FinanceError(f"{where}.kind: '{kind}' is not one of {', '.join(COST_KINDS)}")
        doc.items.append(CostItem(kind, _text(item.get("label"), f"{where}.label") or COST_KINDS[kind][0],
                                  _number(item.get("amount_nok"), f"{where}.amount_nok", 0, 1e8),
                                  _text(item.get("entered_by"), f"{where}.entered_by"),
                                  _text(item.get("entered_at"), f"{where}.entered_at", 40)))
    return doc


def selfbuild_values(plan: Plan, doc: FinanceDoc, household: str | None = None) -> list[SelfBuildValue]:
    """The value of every task the contractor accepted (or that is done), at the estimate's hours.

    A contribution with the extra key ``confirmed`` (``{"hours": h, "by": name, "at": date}``,
    as the web app's ledger confirms it) counts at its confirmed hours.
    """
    e = estimate(plan, hour_value_nok=doc.hour_value_nok, cost_per_m2_bra_nok=doc.cost_per_m2_bra_nok,
                 household=household)
    out = []
    for item in e.counted:
        c = item.contribution
        if c.status not in ("accepted", "done"):
            continue
        name = item.task.name_nb if item.task else c.task
        conf = c.extra.get("confirmed")
        if isinstance(conf, dict) and isinstance(conf.get("hours"), (int, float)) \
                and not isinstance(conf.get("hours"), bool) and 0 <= conf["hours"] <= 1e5:
            hours = float(conf["hours"])
            out.append(SelfBuildValue(name, hours, hours * doc.hour_value_nok, True,
                                      str(conf.get("by") or "")[:120], str(conf.get("at") or "")[:40]))
        else:
            out.append(SelfBuildValue(name, item.hours, item.value_nok))
    return out


def financing_of(plan: Plan, household: str | None = None) -> Financing:
    """The financing plan of a plan/1 document (or of one household's home)."""
    doc = read(plan)
    e = estimate(plan, hour_value_nok=doc.hour_value_nok, cost_per_m2_bra_nok=doc.cost_per_m2_bra_nok,
                 household=household)
    by = doc.price_set_by
    src = ((f"entreprenørens pris, satt av {by}", f"the contractor's price, set by {by}") if by else
           ("planleggingstall til entreprenøren setter sin pris", "a planning figure until the contractor "
            "sets its price"))
    return Financing(doc.params, e.bra_m2, doc.cost_per_m2_bra_nok, src, doc.items,
                     selfbuild_values(plan, doc, household))
