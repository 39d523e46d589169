"""``planner contributions PLAN.json``: the take-off and estimates of the self-build work.

Exit status: 0 when every contribution can be counted, 1 when one breaks a
contribution rule (unknown task or room, a task a family may not do), 2 when the
input cannot be used (one line on stderr).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
from typing import Any

from planner.cli import read_plan
from planner.contributions.catalogue import PHASE_NAMES, STATUS_NAMES, UNIT_NAMES
from planner.contributions.estimate import (
    COST_PER_M2_BRA_NOK,
    ESTIMATE_NOTE,
    HOUR_VALUE_NOK,
    Estimate,
    Item,
    estimate,
    nok,
    who_name,
)
from planner.errors import PlannerError

CSV_COLUMNS = (
    "household", "contribution", "task", "task_name", "phase", "who", "status", "rooms",
    "quantity", "unit", "hours_per_unit_estimate", "hours_estimate", "hours_from",
    "value_nok_estimate", "needs_approval", "counted", "problem",
)
"""Columns of ``--format csv``: one row per contribution."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``contributions`` subcommand."""
    p = sub.add_parser("contributions", help="take-off and estimates of the family's own work",
                       description="Quantities measured from the drawing, hours and value of each "
                                   "self-build task. Every figure is an estimate.")
    p.add_argument("plan", help="the plan/1 JSON file")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the text")
    p.add_argument("--household", metavar="ID", help="only this household's contributions")
    p.add_argument("--hour-value", type=float, default=HOUR_VALUE_NOK, metavar="NOK",
                   help=f"value of one hour of the family's work (default {HOUR_VALUE_NOK:.0f})")
    p.add_argument("--cost-per-m2", type=float, default=COST_PER_M2_BRA_NOK, metavar="NOK",
                   help=f"building cost per m² BRA (default {COST_PER_M2_BRA_NOK:.0f})")
    p.add_argument("--hours-per-unit", action="append", default=[], metavar="TASK=HOURS",
                   help="the contractor's hours per unit for a task (repeatable)")
    p.set_defaults(fn=cmd_contributions)


def cmd_contributions(args: argparse.Namespace) -> int:
    plan = read_plan(args.plan)
    overrides = parse_overrides(args.hours_per_unit)
    households = [args.household] if args.household else [h.id for h in plan.households]
    estimates = [estimate(plan, hour_value_nok=args.hour_value, cost_per_m2_bra_nok=args.cost_per_m2,
                          overrides=overrides, household=h) for h in households]
    if args.format == "json":
        print(json.dumps({"estimate": True, "households": [e.to_dict() for e in estimates]},
                         ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(format_csv(estimates, args.lang), end="")
    else:
        print("\n\n".join(format_text(e, plan_name(plan, e), args.lang) for e in estimates))
    return 1 if any(i.problem for e in estimates for i in e.items) else 0


def parse_overrides(values: list[str]) -> dict[str, dict[str, Any]]:
    """``["paint_walls=0.3"]`` -> ``{"paint_walls": {"hours_per_unit": 0.3}}``.

    >>> parse_overrides(["paint_walls=0.3"])
    {'paint_walls': {'hours_per_unit': 0.3}}
    """
    out: dict[str, dict[str, Any]] = {}
    for v in values:
        key, sep, hours = v.partition("=")
        try:
            number = float(hours)
        except ValueError:
            number = math.nan
        if not sep or not key or not math.isfinite(number):
            raise PlannerError(f"--hours-per-unit: expected TASK=HOURS, got '{v}'")
        out[key.strip()] = {"hours_per_unit": number}
    return out


def plan_name(plan: Any, e: Estimate) -> str:
    h = plan.household(e.household) if e.household else None
    return h.name if h else plan.project.name


def _num(v: float, lang: str, digits: int = 1) -> str:
    text = f"{v:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


_WORDS = {
    "title": ("Egeninnsats", "Self-build work"),
    "head": (("id", "oppgave", "rom", "mengde", "t/enhet", "timer", "verdi", "status", "hvem"),
             ("id", "task", "rooms", "quantity", "h/unit", "hours", "value", "status", "who")),
    "family": ("egne tall", "own figure"),
    "estimate": ("anslag", "estimate"),
    "not_counted": ("regnes ikke med", "not counted"),
    "measured": ("Slik er det målt:", "How it was measured:"),
    "by_phase": ("Timer etter fase", "Hours by phase"),
    "by_who": ("Timer etter hvem", "Hours by who"),
    "by_status": ("Timer etter status", "Hours by status"),
    "none": ("Ingen egeninnsats er satt opp.", "No self-build work is planned."),
    "unknown": ("ukjent oppgave", "unknown task"),
    "kr": ("kr", "NOK"),
}


def _w(key: str, lang: str) -> Any:
    return _WORDS[key][1 if lang == "en" else 0]


def _row(item: Item, lang: str) -> tuple[str, ...]:
    c, t, q = item.contribution, item.task, item.line.quantity
    k = 1 if lang == "en" else 0
    hours = f"{_num(item.hours, lang)} ({_w('family' if item.own_figure else 'estimate', lang)})"
    if not item.counted:
        hours += f", {_w('not_counted', lang)}"
    return (
        c.id, t.name_in(lang) if t else f"{c.task} ({_w('unknown', lang)})",
        ", ".join(q.rooms) if q and q.rooms else "–",
        f"{_num(q.value, lang)} {UNIT_NAMES[q.unit][k]}" if q else "–",
        _num(t.hours_per_unit, lang, 2) if t else "–", hours,
        f"{nok(item.value_nok, lang)} {_w('kr', lang)}", STATUS_NAMES[c.status][k],
        who_name(item.who, lang),
    )


def _totals(title: str, totals: dict[str, Any], names: dict[str, tuple[str, str]] | None,
            lang: str) -> str:
    k = 1 if lang == "en" else 0
    parts = [f"{names[key][k] if names else who_name(key, lang)} {_num(t.hours, lang)}"
             for key, t in totals.items()]
    return f"{title}: {', '.join(parts) if parts else '–'}"


def format_text(e: Estimate, name: str, lang: str = "nb") -> str:
    """A readable table of one estimate for a person, every figure labelled an estimate."""
    k = 1 if lang == "en" else 0
    lines = [f"{_w('title', lang)}: {name}. {ESTIMATE_NOTE[k]}"]
    if not e.items:
        return "\n".join([*lines, _w("none", lang)])
    rows = [_w("head", lang), *(_row(i, lang) for i in e.items)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(_w("measured", lang))
    lines += [f"  {i.contribution.id}: {i.line.quantity.how[k]}" for i in e.items if i.line.quantity]
    lines.append(_totals(_w("by_phase", lang), e.by_phase, PHASE_NAMES, lang))
    lines.append(_totals(_w("by_who", lang), e.by_who, None, lang))
    lines.append(_totals(_w("by_status", lang), e.by_status, STATUS_NAMES, lang))
    lines.append(e.sentence(lang))
    return "\n".join(lines)


def format_csv(estimates: list[Estimate], lang: str = "nb") -> str:
    """One row per contribution, columns ``CSV_COLUMNS``; figures are estimates (see the names)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for e in estimates:
        for i in e.items:
            d = i.to_dict()
            d["task_name"] = d["task_name"][lang] if d["task_name"] else ""
            d["rooms"] = " ".join(d["rooms"])
            w.writerow(["" if d[col] is None else d[col] for col in CSV_COLUMNS])
    return out.getvalue()
