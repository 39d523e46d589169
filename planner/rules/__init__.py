"""The rule catalogue of RULES.md: ``check(plan) -> Report``.

Each rule is one small function registered by its id; ``check`` runs them in
catalogue order over one shared :class:`Context`.
"""

from __future__ import annotations

from planner.model import Plan
from planner.rules import (  # noqa: F401  (registers rules)
    access,
    contribution,
    plot,
    program,
    rooms,
    stairs,
    units,
    validity,
)
from planner.rules.context import Context, Dwelling
from planner.rules.messages import LANGUAGES, render
from planner.rules.registry import ERROR, RULES, WARNING, Finding, Report, Rule, rule

__all__ = ["ERROR", "LANGUAGES", "RULES", "WARNING", "Context", "Dwelling", "Finding", "Report",
           "Rule", "check", "render", "rule"]


def check(plan: Plan, lang: str = "nb", ctx: Context | None = None) -> Report:
    """Run every rule over the plan; messages in ``lang`` (``nb`` or ``en``). ``ctx``: a
    :class:`Context` of this plan already built, whose geometry the caller goes on to use (its
    own language is used)."""
    ctx = ctx if ctx is not None else Context(plan, lang)
    findings: list[Finding] = []
    for r in RULES.values():
        findings.extend(r.fn(ctx))
    return Report(findings=findings, summary=ctx.figures, details=ctx.details,
                  accessibility=ctx.accessibility)
