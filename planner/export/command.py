"""``planner export PLAN.json --out DIR``: write the drawings of a plan."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.errors import PlannerError
from planner.export import KINDS, export_all, parse_kinds


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``planner export`` to the ``planner`` command."""
    p = subparsers.add_parser(
        "export", help="write the drawings: site plan, floor plans (SVG), DXF, a PDF sheet set, elevations, "
                       "sections and the 3D model (glTF, IFC)",
        description="Write site.svg (1:500), floor-<building>-<storey>.svg (1:100), plan.dxf, "
                    "sheets.pdf, elevation-<building>-<n|s|e|w>.svg and section-<building>.svg (1:100), "
                    "model.glb (glTF 2.0) and model.ifc (IFC4) for a plan/1 file. Findings do not stop "
                    "the export: they are marked on the drawings.")
    p.add_argument("plan", help="the plan/1 JSON file")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into (made if missing)")
    p.add_argument("--only", metavar="KINDS",
                   help=f"comma-separated subset of {','.join(KINDS)} (default: all)")
    p.add_argument("--georef", action="store_true",
                   help="write the DXF in metres in the plan's origin system instead of local millimetres")
    p.add_argument("--turning", action="store_true",
                   help="draw the 1.5 m turning circles on the floor plans")
    p.add_argument("--self-build", action="store_true",
                   help="colour the rooms by who does the self-build work (egeninnsats) and label them "
                        "with task and hours (DXF layer A-ANNO-SELF)")
    p.set_defaults(fn=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from planner.cli import read_plan

    kinds = parse_kinds(args.only)
    plan = read_plan(args.plan)
    overlay = None
    if getattr(args, "self_build", False):
        from planner.contributions.drawings import overlay as self_build

        overlay = self_build(plan)
    files = export_all(plan, only=kinds, georef=args.georef, turning=args.turning, overlay=overlay)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (out / name).write_bytes(data)
    except OSError as e:
        raise PlannerError(f"{out}: cannot write: {e.strerror}") from None
    for name in files:
        print(out / name)
    return 0
