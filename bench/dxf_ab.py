"""A/B of plan.dxf: a base revision's ``planner`` against the working tree's, interleaved.

The base revision's ``planner`` package is unpacked (``git archive``) into a temporary folder; each
round then runs one process on the base code and one on the working tree, in alternating order,
each timing ``plan_dxf(plan)`` (the web download, which checks the plan) and ``plan_dxf(plan,
report=...)`` (``planner export``, the report shared) for the 12-room plan of ``bench/plans.py``
(and with ``--row`` the 200-room plan): median of ``--repeat`` runs, wall time and CPU time of the
process, and the process's fastest run (CPU), the least disturbed by other work on a shared
machine. Printed: the median over the rounds of each side, and the ratio new / base. CPU time is
the steadier figure on a shared machine.

    .venv/bin/python bench/dxf_ab.py --base HEAD~3 [--rounds 6] [--repeat 20] [--row]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(repeat: int, row: bool) -> dict[str, float]:
    """One side's figures, in this process (``planner`` is whichever ``sys.path`` finds first)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import plans

    from planner import model
    from planner.export.dxf import plan_dxf
    from planner.rules import check

    out: dict[str, float] = {}
    cases = [("12 rooms", plans.small(), repeat)]
    if row:
        cases.append(("200 rooms", plans.row(), max(3, repeat // 6)))
    for name, doc, n in cases:
        plan = model.from_dict(doc)
        report = check(plan)
        plan_dxf(plan)
        rows = [("plan.dxf (download)", lambda p=plan: plan_dxf(p))]
        if "report" in inspect.signature(plan_dxf).parameters:  # older revisions always check
            rows.append(("plan.dxf (export)", lambda p=plan, r=report: plan_dxf(p, report=r)))
        for label, fn in rows:
            wall, cpu = [], []
            for _ in range(n):
                t, c = time.perf_counter(), time.process_time()
                fn()
                wall.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            out[f"{name}: {label}, wall"] = statistics.median(wall)
            out[f"{name}: {label}, cpu"] = statistics.median(cpu)
            out[f"{name}: {label}, cpu (fastest run)"] = min(cpu)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the git revision to compare against (e.g. HEAD~3)")
    ap.add_argument("--rounds", type=int, default=6, help="processes per side, alternating")
    ap.add_argument("--repeat", type=int, default=20, help="runs per measurement in one process (median)")
    ap.add_argument("--row", action="store_true", help="the 200-room plan too")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.repeat, args.row)))
        return
    with tempfile.TemporaryDirectory() as base:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "planner"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", base], input=archive, check=True)
        paths = {"base": base, "new": str(ROOT)}
        runs: dict[str, list[dict[str, float]]] = {"base": [], "new": []}
        cmd = [sys.executable, __file__, "--base", args.base, "--measure", "--repeat", str(args.repeat)]
        if args.row:
            cmd.append("--row")
        for r in range(args.rounds):
            for side in ("base", "new") if r % 2 == 0 else ("new", "base"):
                env = {**os.environ, "PYTHONPATH": paths[side]}
                done = subprocess.run(cmd, env=env, cwd=paths[side], capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"the {side} side failed:\n{done.stderr}")
                runs[side].append(json.loads(done.stdout))
    print(f"plan.dxf, {args.base} (base) against the working tree (new); "
          f"{args.rounds} alternating processes a side, median of {args.repeat} runs each; "
          f"load {os.getloadavg()[0]:.1f}")
    for key in (k for k in runs["new"][0] if k in runs["base"][0]):
        a = statistics.median(d[key] for d in runs["base"])
        b = statistics.median(d[key] for d in runs["new"])
        print(f"  {key:42} base {a:8.1f} ms  new {b:8.1f} ms  new/base {b / a:5.2f}")


if __name__ == "__main__":
    main()
