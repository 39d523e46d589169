"""The financing plan of a home: cost, start loan and construction loan, the monthly cost.

A core package like ``contributions``: no Flask, no database, no files.

- :func:`annuity`, :class:`Loan`, :class:`ConstructionLoan` the loans month by month;
- :class:`Parameters`, :data:`SPECS`, :func:`parameters` every parameter with its limits and source;
- :class:`Financing` cost against sources, the monthly cost and its plain sentence;
- :func:`payments_svg` the payments over the years as SVG;
- :func:`financing_of` the financing plan of a plan/1 document with its optional ``finance`` key.
"""

from __future__ import annotations

from planner.finance.chart import payments_svg
from planner.finance.document import FinanceDoc, construction_months, financing_of, milestones_of, read
from planner.finance.loans import ConstructionLoan, Loan, annuity
from planner.finance.params import SPECS, FinanceError, Parameters, check_value, parameters, source
from planner.finance.plan import (
    COST_KINDS,
    ESTIMATE_NOTE,
    PAYOUT_NOTE,
    CostItem,
    Financing,
    SelfBuildValue,
    Source,
    nok,
    pct,
)

__all__ = [
    "COST_KINDS", "ESTIMATE_NOTE", "PAYOUT_NOTE", "SPECS", "ConstructionLoan", "CostItem", "FinanceDoc",
    "FinanceError", "Financing", "Loan", "Parameters", "SelfBuildValue", "Source", "annuity", "check_value",
    "construction_months", "financing_of", "milestones_of", "nok", "parameters", "payments_svg", "pct",
    "read", "source",
]
