"""The ``planner`` command: check, demo (and the commands of the other layers).

Exit status: 0 all fine, 1 the plan has error findings (or no layout fits),
2 the input cannot be used (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from planner import model
from planner.errors import PlannerError
from planner.rules import Report, check

LAYOUTS_DIR = Path(__file__).resolve().parent.parent / "layouts"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"{self.prog}: {message}\n")


def read_plan(path: str) -> model.Plan:
    """Load a plan file, naming the file in the error."""
    try:
        with open(path, "rb") as f:
            return model.load(f)
    except OSError as e:
        raise PlannerError(f"{path}: cannot read: {e.strerror}") from None
    except PlannerError as e:
        raise PlannerError(f"{path}: {e}") from None


def _num(v: float | None) -> str:
    return "" if v is None else f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def format_text(report: Report, title: str = "") -> str:
    """A readable table of findings and the key figures, for a person."""
    s = report.summary
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"Tomt {s['plot_area_m2']:.1f} m², byggbart {s['buildable_area_m2']:.1f} m², "
        f"BYA {s['bya_m2']:.1f} m² ({s['bya_percent']:.1f} %), BRA {s['bra_m2']:.1f} m²"
        .replace(".", ","))
    for building_id, h in report.details.get("heights", {}).items():
        lines.append(f"Bygning {building_id}: gesims {h['gesims_m']:.2f} m, møne {h['mone_m']:.2f} m "
                     f"(regnet fra taket, etasjene og terrenget)".replace(".", ","))
    lines.extend(report.details.get("accessibility", {}).values())
    if not report.findings:
        lines.append("Ingen funn: planen følger alle reglene som sjekkes.")
        return "\n".join(lines)
    rows = [("alvor", "regel", "gjelder", "målt", "krav", "melding")]
    for f in report.findings:
        unit = f" {f.unit}" if f.unit and f.measured is not None else ""
        rows.append(("FEIL" if f.severity == "error" else "merk", f.rule, f.subject,
                     _num(f.measured) + unit, _num(f.limit) + (unit if f.limit is not None else ""),
                     f.message))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:5], widths, strict=True)) + "  " + r[5])
    n_err, n_warn = len(report.errors), len(report.warnings)
    lines.append(f"{n_err} feil, {n_warn} merknader.")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    plan = read_plan(args.plan)
    report = check(plan, lang=args.lang)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_text(report, title=f"{plan.project.name} ({args.plan})"))
    return 0 if report.ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    files = sorted(Path(args.dir).glob("*.json"))
    if not files:
        raise PlannerError(f"{args.dir}: no plan files")
    worst = 0
    for path in files:
        plan = read_plan(str(path))
        report = check(plan)
        status = "OK " if report.ok else "FEIL"
        s = report.summary
        print(f"{status} {path.name:32} {plan.project.name:38} BYA {s['bya_percent']:5.1f} %  "
              f"BRA {s['bra_m2']:6.1f} m²  {len(report.errors)} feil, {len(report.warnings)} merknader")
        worst = max(worst, 0 if report.ok else 1)
    return worst


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``planner`` parser; with ``command``, only the layer that serves it is imported."""
    p = _Parser(prog="planner", description="Plan a home together: check, draw and draft plan/1 files.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="check a plan/1 file against every rule")
    c.add_argument("plan", help="the plan/1 JSON file")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the messages")
    c.set_defaults(fn=cmd_check)

    d = sub.add_parser("demo", help="check every sample project in layouts/")
    d.add_argument("--dir", default=str(LAYOUTS_DIR), help="folder of plan/1 files")
    d.set_defaults(fn=cmd_demo)

    if command in ("check", "demo"):
        return p
    wanted = COMMAND_MODULES.get(command or "")
    for name in dict.fromkeys(COMMAND_MODULES.values()):
        if wanted is None or name == wanted:
            importlib.import_module(name).register(sub)
    return p


COMMAND_MODULES = {
    "export": "planner.export.command",
    "application": "planner.application.command",
    "layout": "planner.layout.command",
    "contributions": "planner.contributions.command",
    "finance": "planner.finance.command",
    "serve": "planner.web.command",
    "web": "planner.web.command",
}
"""Subcommands served by other layers; each module adds its own with ``register(subparsers)``.

Only the module a command needs is imported: ``planner check`` loads neither the
drawing libraries nor the web app.
"""


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    try:
        return args.fn(args)
    except PlannerError as e:
        print(f"planner: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
