"""Findings, reports and the rule registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.rules.messages import LANGUAGES, render

if TYPE_CHECKING:
    from planner.rules.context import Context

ERROR, WARNING = "error", "warning"


@dataclass
class Finding:
    """One thing the checker found, in the shape of PLAN_FORMAT.md's ``findings``."""

    rule: str
    severity: str
    subject: str
    message: str
    measured: float | None = None
    limit: float | None = None
    unit: str | None = None
    key: str = ""
    params: dict[str, Any] = field(default_factory=dict, repr=False)
    assumed: bool = False
    """The limit was assumed (``plot.road-distance`` without a building line or a road's centre line)."""

    def message_in(self, lang: str) -> str:
        """The message in another language of the catalogue."""
        return render(self.key or self.rule, self.params, lang)

    @property
    def group(self) -> str:
        """``geometry``, ``plot``, ``room``, ``access``, ``program`` or ``contribution``."""
        return self.rule.split(".", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "severity": self.severity, "subject": self.subject}
        for k in ("measured", "limit"):
            v = getattr(self, k)
            if v is not None:
                out[k] = round(float(v), 3)
        if self.unit is not None:
            out["unit"] = self.unit
        if self.assumed:
            out["assumed"] = True
        out["message"] = self.message
        return out


@dataclass
class Report:
    """The checker's answer: findings and the plot's key figures."""

    findings: list[Finding]
    summary: dict[str, float]
    details: dict[str, Any] = field(default_factory=dict)
    """The optional summary keys of PLAN_FORMAT.md (``heights``, ``accessibility``), kept apart
    from the figures so that ``summary`` stays numbers only."""
    accessibility: dict[str, Any] = field(default_factory=dict, repr=False)
    """Per dwelling (``A/berg``): the ``planner.rules.context.Accessibility`` behind
    ``details["accessibility"]``, so its reason can be given in every language."""

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def by_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule_id]

    def details_in_languages(self) -> dict[str, Any]:
        """``details`` for a page in either language: the derived heights by building, and for each
        dwelling whether the accessible-home rules apply, with the reason as ``message`` (Bokmål)
        and ``messages`` (by language), the shape of a stored finding's text."""
        out: dict[str, Any] = {}
        if self.details.get("heights"):
            out["heights"] = self.details["heights"]
        if self.accessibility:
            out["accessibility"] = {
                key: {"building": key.split("/", 1)[0], "household": a.params.get("household", ""),
                      "applies": a.applies, "message": a.reason("nb"),
                      "messages": {lang: a.reason(lang) for lang in LANGUAGES}}
                for key, a in self.accessibility.items()}
        return out

    def to_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] = {k: round(v, 2) for k, v in self.summary.items()}
        summary.update(self.details)
        return {"ok": self.ok, "summary": summary, "findings": [f.to_dict() for f in self.findings]}


RuleFn = Callable[["Context"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    fn: RuleFn
    accessible_only: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, source: str = "",
         accessible_only: bool = False) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its RULES.md id."""

    def register(fn: RuleFn) -> RuleFn:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, source, fn, accessible_only)
        return fn

    return register
