"""A/B of the exports: a base revision's ``planner`` against the working tree's, interleaved.

The base revision's ``planner`` package is unpacked (``git archive``) into a temporary folder; each
round then runs one process on the base code and one on the working tree, in alternating order, each
timing what ``--what`` names (median of ``--repeat`` runs, wall time and CPU time of the process) for
the 12-room plan of ``bench/plans.py`` and, with ``--row``, the 200-room plan:

- ``dxf``: ``plan_dxf(plan)`` (the web download, which checks the plan) and ``plan_dxf(plan,
  report=...)`` (``planner export``, the report shared);
- ``building``: the 3D model of the site, ``model.glb`` from that model and ``model.glb`` end to end.

Printed: the median over the rounds of each side (and each side's fastest CPU run), and the ratio
new / base. CPU time is the steadier figure on a shared machine.

``--instructions`` counts instead of timing: each call's machine instructions under valgrind's
cachegrind, a figure a busy or throttled machine does not change (on a shared VM the times of one
side vary by 20 % from one run to the next; the counts by under 1 %). Each case runs in two processes
a side, one making ``--calls`` calls after the warm-up and one none; the difference over the calls is
the count per call. Needs valgrind (Debian's ``valgrind``).

    .venv/bin/python bench/ab.py --base 64f6a13 [--what dxf,building] [--rounds 10] [--repeat 20] [--row]
    .venv/bin/python bench/ab.py --base 64f6a13 --what dxf --instructions [--calls 20]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHAT = ("dxf", "building")


def _cases(what: str, plan) -> list[tuple[str, Callable[[], object]]]:
    """The timed calls of one kind for one plan (imports from whichever ``planner`` comes first)."""
    if what == "dxf":
        from planner.export.dxf import plan_dxf
        from planner.rules import check

        report = check(plan)
        rows = [("plan.dxf (download)", lambda: plan_dxf(plan))]
        if "report" in inspect.signature(plan_dxf).parameters:  # older revisions always check
            rows.append(("plan.dxf (export)", lambda: plan_dxf(plan, report=report)))
        return rows
    from planner.building.model3d import site_model
    from planner.export.gltf import model_glb

    site = site_model(plan)
    return [("3D model of the site", lambda: site_model(plan)),
            ("model.glb from the model", lambda: model_glb(plan, site)),
            ("model.glb end to end", lambda: model_glb(plan))]


def _all_cases(what: list[str], repeat: int, row: bool) -> list[tuple[str, Callable[[], object], int]]:
    """Every timed call of one side, named with its plan's size, and how often to time it."""
    sys.path.insert(0, str(ROOT / "bench"))
    import plans

    from planner import model

    sizes = [("12 rooms", plans.small(), repeat)]
    if row:
        sizes.append(("200 rooms", plans.row(), max(3, repeat // 6)))
    out = []
    for name, doc, n in sizes:
        plan = model.from_dict(doc)
        for kind in what:
            out += [(f"{name}: {label}", fn, n) for label, fn in _cases(kind, plan)]
    return out


def measure(what: list[str], repeat: int, row: bool) -> dict[str, float]:
    """One side's figures, in this process."""
    out: dict[str, float] = {}
    for name, fn, n in _all_cases(what, repeat, row):
        fn()
        wall, cpu = [], []
        for _ in range(n):
            t, c = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        out[f"{name}, wall"] = statistics.median(wall)
        out[f"{name}, cpu"] = statistics.median(cpu)
        out[f"{name}, cpu (fastest run)"] = min(cpu)
    return out


def run_case(what: list[str], row: bool, case: str, calls: int) -> None:
    """One case called twice to warm up, then ``calls`` times (counted from outside)."""
    for name, fn, _ in _all_cases(what, 1, row):
        if name == case:
            fn()
            fn()
            for _ in range(calls):
                fn()


def _instructions(cmd: list[str], env: dict[str, str], cwd: str) -> int:
    """The machine instructions a process runs, as cachegrind counts them."""
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(tool + cmd, env=env, cwd=cwd, capture_output=True, text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or not found:
        sys.exit(f"valgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count(args: argparse.Namespace, what: list[str], paths: dict[str, str]) -> None:
    """``--instructions``: each case's instructions per call, both sides, two processes at a time."""
    from concurrent.futures import ThreadPoolExecutor

    base = [sys.executable, __file__, "--base", args.base, "--what", ",".join(what)] + \
        (["--row"] if args.row else [])
    names = {side: json.loads(subprocess.run(base + ["--list"], env={**os.environ, "PYTHONPATH": p}, cwd=p,
                                             capture_output=True, text=True, check=True).stdout)
             for side, p in paths.items()}
    env = {side: {**os.environ, "PYTHONPATH": p, "PYTHONHASHSEED": "0"} for side, p in paths.items()}
    jobs = {(side, case, calls): (base + ["--case", case, "--calls", str(calls)], env[side], paths[side])
            for side in paths for case in names[side] for calls in (0, args.calls)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        counted = dict(zip(jobs, pool.map(lambda j: _instructions(*j), jobs.values()), strict=True))
    print(f"{', '.join(what)}: {args.base} (base) against the working tree (new); machine instructions per "
          f"call (cachegrind), over {args.calls} calls")
    for case in (c for c in names["new"] if c in names["base"]):
        a, b = ((counted[(side, case, args.calls)] - counted[(side, case, 0)]) / args.calls / 1e6
                for side in ("base", "new"))
        print(f"  {case:40} base {a:8.1f} M  new {b:8.1f} M  new/base {b / a:5.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the git revision to compare against (e.g. HEAD~3)")
    ap.add_argument("--what", default=",".join(WHAT), help="what to time, comma-separated: dxf, building")
    ap.add_argument("--rounds", type=int, default=6, help="processes per side, alternating")
    ap.add_argument("--repeat", type=int, default=20, help="runs per measurement in one process (median)")
    ap.add_argument("--row", action="store_true", help="the 200-room plan too")
    ap.add_argument("--instructions", action="store_true",
                    help="count machine instructions (valgrind) instead of timing")
    ap.add_argument("--calls", type=int, default=20, help="calls counted per case with --instructions")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--list", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    args = ap.parse_args()
    what = [w.strip() for w in args.what.split(",") if w.strip()]
    if not what or set(what) - set(WHAT):
        ap.error(f"--what takes {', '.join(WHAT)}")
    if args.measure:
        print(json.dumps(measure(what, args.repeat, args.row)))
        return
    if args.list:
        print(json.dumps([name for name, _, _ in _all_cases(what, 1, args.row)]))
        return
    if args.case:
        run_case(what, args.row, args.case, args.calls)
        return
    if args.instructions and not shutil.which("valgrind"):
        sys.exit("--instructions needs valgrind: apt-get install valgrind")
    with tempfile.TemporaryDirectory() as base:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "planner"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", base], input=archive, check=True)
        paths = {"base": base, "new": str(ROOT)}
        if args.instructions:
            count(args, what, paths)
            return
        runs: dict[str, list[dict[str, float]]] = {"base": [], "new": []}
        cmd = [sys.executable, __file__, "--base", args.base, "--measure", "--what", ",".join(what),
               "--repeat", str(args.repeat)] + (["--row"] if args.row else [])
        for r in range(args.rounds):
            for side in ("base", "new") if r % 2 == 0 else ("new", "base"):
                env = {**os.environ, "PYTHONPATH": paths[side]}
                done = subprocess.run(cmd, env=env, cwd=paths[side], capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"the {side} side failed:\n{done.stderr}")
                runs[side].append(json.loads(done.stdout))
    print(f"{', '.join(what)}: {args.base} (base) against the working tree (new); "
          f"{args.rounds} alternating processes a side, median of {args.repeat} runs each; "
          f"load {os.getloadavg()[0]:.1f}")
    for key in (k for k in runs["new"][0] if k in runs["base"][0]):
        a = statistics.median(d[key] for d in runs["base"])
        b = statistics.median(d[key] for d in runs["new"])
        print(f"  {key:58} base {a:8.1f} ms  new {b:8.1f} ms  new/base {b / a:5.2f}")


if __name__ == "__main__":
    main()
