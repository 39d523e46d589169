"""``planner layout PLAN.json --household ID -o OUT.json [--variants N]``: draft floor plans."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner import model
from planner.errors import LayoutError, PlannerError

MAX_VARIANTS = 8


def _variants(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if not 1 <= n <= MAX_VARIANTS:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_VARIANTS}, got {n}")
    return n


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``planner layout`` to the ``planner`` command."""
    p = subparsers.add_parser(
        "layout", help="draft floor plans from a household's room needs",
        description="Draft a floor plan for a household's room needs on the plan's plot and write "
                    "it as a plan/1 file (the household's building is replaced). Exit 1 with a plain "
                    "explanation when no layout fits.")
    p.add_argument("plan", help="the plan/1 JSON file with the plot and the household")
    p.add_argument("--household", required=True, metavar="ID", help="id of the household to draft for")
    p.add_argument("-o", "--out", required=True, metavar="OUT.json",
                   help="file to write; with --variants N > 1, OUT-1.json ... OUT-N.json")
    p.add_argument("--variants", type=_variants, default=1, metavar="N",
                   help=f"how many different variants to draft, best first (1 to {MAX_VARIANTS})")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the explanation")
    p.set_defaults(fn=cmd_layout)


def out_paths(out: str, n: int) -> list[Path]:
    """Where the variants go: ``OUT.json`` alone, or ``OUT-1.json`` ... ``OUT-N.json``.

    >>> [str(p) for p in out_paths("plans/berg.json", 2)]
    ['plans/berg-1.json', 'plans/berg-2.json']
    """
    path = Path(out)
    if n == 1:
        return [path]
    return [path.with_name(f"{path.stem}-{k}{path.suffix or '.json'}") for k in range(1, n + 1)]


def cmd_layout(args: argparse.Namespace) -> int:
    from planner.cli import read_plan
    from planner.layout import draft

    plan = read_plan(args.plan)
    if plan.household(args.household) is None:
        known = ", ".join(h.id for h in plan.households) or "none"
        raise PlannerError(f"{args.plan}: no household '{args.household}' (households: {known})")
    try:
        plans = draft(plan, args.household, variants=args.variants)
    except LayoutError as e:
        print(f"planner layout: {e.message_in(args.lang)}", file=sys.stderr)
        return 1
    en = args.lang == "en"
    for path, drafted in zip(out_paths(args.out, args.variants), plans, strict=False):
        try:
            path.write_text(model.dumps(drafted) + "\n", encoding="utf-8")
        except OSError as e:
            raise PlannerError(f"{path}: cannot write: {e.strerror}") from None
        building = next(b for b in drafted.buildings if b.household == args.household)
        info = building.extra["layout"]
        name, line = (info["name_en"], info["summary_en"]) if en else (info["name"], info["summary"])
        print(f"{path}: {name}: {line}")
    if len(plans) < args.variants:
        print(("planner layout: fant bare {n} ulike varianter." if args.lang == "nb" else
               "planner layout: found only {n} different variants.").format(n=len(plans)),
              file=sys.stderr)
    return 0
