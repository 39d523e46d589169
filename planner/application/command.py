"""``planner application PLAN.json --out DIR``: write the building application package."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.errors import PlannerError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``planner application`` to the ``planner`` command."""
    p = subparsers.add_parser(
        "application",
        help="write the building application: drawings, checklist, neighbour notice, SAK10 §6-8",
        description="Write the building application package (byggesøknad) for a plan/1 file: the site "
                    "plan, floor plans, elevations and sections as A3 PDFs at true scale, the check "
                    "report as a checklist, the neighbour notice and the self-builder's application "
                    "(SAK10 § 6-8, or why it does not apply), as a folder and a zip. Every document "
                    "is a draft for the applicant to check and sign.")
    p.add_argument("plan", help="the plan/1 JSON file")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into (made if missing)")
    p.add_argument("--version", metavar="N", help="the plan's version number for the title blocks")
    p.set_defaults(fn=cmd_application)


def cmd_application(args: argparse.Namespace) -> int:
    from planner.application import package, package_zip
    from planner.cli import read_plan

    plan = read_plan(args.plan)
    files = package(plan, version=args.version)
    out = Path(args.out)
    folder = out / "byggesoknad"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (out / "byggesoknad.zip").write_bytes(package_zip(files))
    except OSError as e:
        raise PlannerError(f"{out}: cannot write: {e.strerror}") from None
    for name in files:
        print(folder / name)
    print(out / "byggesoknad.zip")
    return 0
