"""What the financing page asks for: the parameters, the cost items, the milestones, the plan.

The municipality (``planner``) sets the loan terms, grants and running costs; the
family its own savings; the contractor the cost items and the milestones (its price
per m² BRA and hour value are the self-build figures). Every change is checked by
:mod:`planner.finance` first: a bad value stores nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from planner import model
from planner.contributions.schedule import Schedule, milestones_of, schedule
from planner.finance import (
    CostItem,
    Financing,
    Parameters,
    check_value,
    construction_months,
    parameters,
)
from planner.web.extensions import db
from planner.web.finance.models import CostItemRow, FinanceSettings
from planner.web.models import User, now
from planner.web.selfbuild import ledger
from planner.web.selfbuild import services as selfbuild
from planner.web.templating import when

FAMILY_KEYS = ("savings_nok",)
"""Parameters the family sets; the municipality sets every other one."""
MUNICIPALITY_KEYS = tuple(k for k in Parameters().to_dict() if k not in FAMILY_KEYS)


@dataclass
class Settings:
    """A project's stored parameters and milestones, and who set them when."""

    values: dict[str, Any] = field(default_factory=dict)
    milestones: dict[str, int] = field(default_factory=dict)
    params_by: User | None = None
    params_at: Any = None
    milestones_by: User | None = None
    milestones_at: Any = None

    @property
    def params(self) -> Parameters:
        p = parameters(self.values)
        months = construction_months(self.milestones)
        if months is not None and "construction_months" not in self.values:
            p = parameters({"construction_months": min(months, 60)}, p)
        return p


def settings(project_id: int) -> Settings:
    row = db.session.get(FinanceSettings, project_id)
    if row is None:
        return Settings()
    ms = milestones_of(json.loads(row.milestones_json or "{}"))
    return Settings(json.loads(row.params_json or "{}"), ms, row.params_by, row.params_at, row.milestones_by,
                    row.milestones_at)


def _row(project_id: int) -> FinanceSettings:
    row = db.session.get(FinanceSettings, project_id)
    if row is None:
        row = FinanceSettings(project_id=project_id, params_json="{}", milestones_json="{}")
        db.session.add(row)
    return row


def save_parameters(project_id: int, by: User, role: str, values: dict[str, Any]) -> None:
    """Store the parameters ``role`` may set (``None`` clears one back to its default)."""
    allowed = FAMILY_KEYS if role == "family" else MUNICIPALITY_KEYS
    current = dict(settings(project_id).values)
    for key, value in values.items():
        if key not in allowed:
            continue
        if value is None:
            current.pop(key, None)
        else:
            current[key] = check_value(key, value)
    parameters(current)  # raises for a combination that cannot be used
    row = _row(project_id)
    row.params_json = json.dumps(current, sort_keys=True)
    row.params_by_id, row.params_at = by.id, now()
    db.session.commit()


def save_milestones(project_id: int, by: User, values: dict[str, int]) -> None:
    ms = milestones_of(values)
    row = _row(project_id)
    row.milestones_json = json.dumps(ms, sort_keys=True)
    row.milestones_by_id, row.milestones_at = by.id, now()
    db.session.commit()


def cost_items(project_id: int) -> list[CostItemRow]:
    return list(db.session.scalars(select(CostItemRow).where(CostItemRow.project_id == project_id)
                                   .order_by(CostItemRow.id)))


def add_cost_item(project_id: int, by: User, kind: str, label: str, amount_nok: float) -> CostItemRow:
    CostItem(kind, label, amount_nok)  # raises for a kind or amount that cannot be used
    row = CostItemRow(project_id=project_id, kind=kind, label=label[:200], amount_nok=float(amount_nok),
                      entered_by_id=by.id)
    db.session.add(row)
    db.session.commit()
    return row


def remove_cost_item(project_id: int, item_id: int) -> bool:
    row = db.session.get(CostItemRow, item_id)
    if row is None or row.project_id != project_id:
        return False
    db.session.delete(row)
    db.session.commit()
    return True


def with_milestones(plan: model.Plan, s: Settings) -> model.Plan:
    """The plan with the project's milestones in its ``finance`` key (for the work plan over time)."""
    if s.milestones:
        fin = dict(plan.extra.get("finance") or {}) if isinstance(plan.extra.get("finance"), dict) else {}
        fin["milestones"] = dict(s.milestones)
        plan.extra["finance"] = fin
    return plan


def work_schedule(project_id: int, plan: model.Plan, household: model.Household) -> Schedule:
    f = selfbuild.figures(project_id)
    plan = with_milestones(plan, settings(project_id))
    return schedule(plan, selfbuild.estimate_of(plan, household, f))


def financing(project_id: int, plan: model.Plan, household: model.Household) -> Financing:
    """The household's financing plan from the project's figures, items, parameters and ledger."""
    f = selfbuild.figures(project_id)
    e = selfbuild.estimate_of(plan, household, f)
    s = settings(project_id)
    items = [CostItem(r.kind, r.label, r.amount_nok, r.entered_by.name, when(r.entered_at))
             for r in cost_items(project_id)]
    by = f.set_by.name if f.set_by else ""
    src = ((f"entreprenørens pris, satt av {by} {when(f.set_at)}",
            f"the contractor's price, set by {by} on {when(f.set_at)}") if by else
           ("planleggingstall til entreprenøren setter sin pris",
            "a planning figure until the contractor sets its price"))
    return Financing(s.params, e.bra_m2, f.cost_per_m2_bra_nok, src, items,
                     ledger.selfbuild_values(project_id, e))
