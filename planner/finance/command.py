"""``planner finance PLAN.json``: the financing plan of the home, as text or JSON.

Reads the plan's optional ``finance`` key (see :mod:`planner.finance.document`).
Exit status 0, or 2 when the input cannot be used (one line on stderr).
"""

from __future__ import annotations

import argparse
import json

from planner.cli import read_plan
from planner.errors import PlannerError
from planner.finance.document import financing_of
from planner.finance.plan import COST_KINDS, ESTIMATE_NOTE, Financing, nok


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``finance`` subcommand."""
    p = sub.add_parser("finance", help="the financing plan: cost, loans and the monthly cost (estimates)",
                       description="What the home costs, how it is paid (start loan, bank loan, grants, "
                                   "savings, the family's own work) and what it costs each month. "
                                   "Every figure is an estimate.")
    p.add_argument("plan", help="the plan/1 JSON file (its optional 'finance' key holds the parameters)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the text")
    p.add_argument("--household", metavar="ID", help="only this household's home")
    p.set_defaults(fn=cmd_finance)


def cmd_finance(args: argparse.Namespace) -> int:
    plan = read_plan(args.plan)
    if args.household and plan.household(args.household) is None:
        raise PlannerError(f"{args.plan}: no household '{args.household}'")
    try:
        f = financing_of(plan, args.household)
    except PlannerError as e:
        raise PlannerError(f"{args.plan}: {e}") from None
    if args.format == "json":
        print(json.dumps(f.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_text(f, args.lang))
    return 0


def format_text(f: Financing, lang: str = "nb") -> str:
    """The financing plan as a few plain tables."""
    en = lang == "en"
    k = 1 if en else 0
    kr = "NOK" if en else "kr"

    def row(name: str, value: float, note: str = "") -> str:
        return f"  {name:<44} {nok(value, lang):>12} {kr}" + (f"  ({note})" if note else "")

    out = [ESTIMATE_NOTE[k], "", "Cost (estimate)" if en else "Kostnad (anslag)"]
    bra = f"{f.bra_m2:.1f}" if en else f"{f.bra_m2:.1f}".replace(".", ",")
    out.append(row(f"{'Building' if en else 'Bygget'} {bra} m² BRA × {nok(f.cost_per_m2_bra_nok, lang)}",
                   f.building_price_nok, f.price_source[k]))
    for i in f.items:
        who = ", ".join(x for x in (i.entered_by, i.entered_at) if x)
        out.append(row(f"{i.label} ({COST_KINDS[i.kind][k]})", i.amount_nok,
                       ("estimate" if en else "anslag") + (f", {who}" if who else "")))
    out.append(row("In all" if en else "Til sammen", f.total_cost_nok))
    out += ["", "Sources (estimate)" if en else "Finansiering (anslag)"]
    for s in f.sources:
        out.append(row(s.name[k], s.amount_nok, s.note[k]))
    if abs(f.gap_nok) > 0.5:
        out.append(row("Not covered" if en and f.gap_nok > 0 else "Left over" if en else
                       "Ikke dekket" if f.gap_nok > 0 else "Til overs", abs(f.gap_nok)))
    out += ["", "Each month after ferdigattest (estimate)" if en else
            "Hver måned etter ferdigattest (anslag)"]
    for name, value in f.monthly_lines(lang):
        out.append(row(name, value))
    out.append(row("In all" if en else "Til sammen", f.monthly_nok))
    out += ["", f.sentence(lang), f.construction_sentence(lang), "",
            "Parameters and their sources" if en else "Parametere og kilder"]
    for key, value, unit, src in f.parameter_rows(lang):
        shown = "–" if value is None else f"{value:g}".replace(".", "," if not en else ".")
        out.append(f"  {key} = {shown} {unit}: {src}")
    return "\n".join(out)
