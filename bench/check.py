"""Benchmark of ``planner.rules.check`` against the raw Shapely work it needs.

Prints, in one run: the median time of ``check`` for a 12-room plan and a
200-room plan (a row of 16 homes), the growth from 12 to 200 rooms, and the
ratio of each against a baseline that performs only the raw Shapely operations
the rules need on the same geometries (building polygons, validity, the inner
footprint, net polygons and areas, inscribed circles, outline lengths,
distances to the plot's edges and between buildings, overlaps through an
STRtree, uncovered area, the buildable area and door positions; for RULES.md v2
also the windows' distances to the outline and their room's wall, the entry's
turning area outside a door swing and the door ends at the outline).

Targets (issues 2 and 10): 12 rooms ≤ 2 ms, 200 rooms ≤ 40 ms, ratio ≤ 3, with every rule of
RULES.md v2 on. The check and the baseline run in turn and the ratio is the median of
the per-run ratios, so a busy machine slows both alike.

    .venv/bin/python bench/check.py [--repeat N] [--against DIR]

``--against DIR`` also times the check of another checkout (``git worktree add DIR COMMIT``)
in a second process, in turn with this one's, and prints this checkout's time as a ratio of
that one's (the median of the per-round ratios).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans  # noqa: E402

from planner import model  # noqa: E402
from planner.rules import check  # noqa: E402


def baseline(doc: dict) -> None:
    """The Shapely operations of a check, written straight, with no rule logic around them."""
    plot = shapely.Polygon(doc["plot"]["boundary"])
    shapely.is_valid(plot)
    ring = doc["plot"]["boundary"]
    segs = shapely.linestrings([[ring[i], ring[(i + 1) % len(ring)]] for i in range(len(ring))])
    area = plot
    for b in shapely.buffer(segs, 4.0, quad_segs=16):
        area = shapely.difference(area, b)
    fps = []
    for b in doc["buildings"]:
        fp = shapely.Polygon(b["footprint"])
        fps.append(fp)
        shapely.is_valid(fp)
        inner = shapely.buffer(fp, -0.3, join_style="mitre")
        polys = np.array([shapely.Polygon(r["polygon"]) for r in b["rooms"]], dtype=object)
        shapely.is_valid(polys)
        shapely.prepare(polys)
        nets = shapely.buffer(shapely.intersection(polys, inner), -0.05, join_style="mitre")
        shapely.area(nets)
        shapely.maximum_inscribed_circle(nets, 0.002)
        outline = shapely.buffer(fp.exterior, 0.01, cap_style="flat")
        shapely.length(shapely.intersection(shapely.boundary(polys), outline))
        shapely.prepare(fp)
        out = ~shapely.covers(fp, polys)
        shapely.area(shapely.difference(polys[out], fp))
        tree = shapely.STRtree(polys)
        left, right = tree.query(polys, predicate="intersects")
        keep = left < right
        left, right = left[keep], right[keep]
        meet = shapely.relate_pattern(polys[left], polys[right], "2********")
        shapely.area(shapely.intersection(polys[left[meet]], polys[right[meet]]))
        shapely.area(shapely.difference(fp, shapely.union_all(polys)))
        shapely.distance(fp, segs)
        shapely.distance(shapely.points([d["at"] for d in b["doors"]]), shapely.boundary(polys[0]))
        # v2: windows on the outline and on their room's wall, the entry's turning area outside
        # the entrance door's swing, door ends at the outline (rectangular rooms need no opening)
        win = shapely.points([w["at"] for w in b["windows"]])
        shapely.distance(win, shapely.boundary(fp))
        shapely.distance(win, shapely.boundary(polys[: len(b["windows"])]))
        x, y = b["doors"][0]["at"]
        swing = shapely.box(x - 0.5, y, x + 0.5, y + 1.0)
        shapely.buffer(shapely.difference(nets[0], swing), -0.745)
        ends = shapely.points([d["at"] for d in b["doors"]] * 2)
        shapely.dwithin(ends, fp.exterior, 0.02)
    fps = np.array(fps, dtype=object)
    shapely.STRtree(fps).query(fps, predicate="dwithin", distance=8.0)
    shapely.area(fps)


def interpreter() -> str:
    """Which Python runs the benchmark: timings differ by a fifth between builds of one version."""
    return f"Python {platform.python_version()} ({sys.executable})"


def paired_ms(check_fn, base_fn, repeat: int) -> tuple[float, float, float]:
    """Median times of the check and the baseline, run in turn, and the median of their ratios.

    Taking them in turn means a busy machine slows both alike, so the ratio holds
    even when the absolute times do not.
    """
    check_fn()
    base_fn()
    tc, tb = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        check_fn()
        t1 = time.perf_counter()
        base_fn()
        t2 = time.perf_counter()
        tc.append(t1 - t0)
        tb.append(t2 - t1)
    ratios = [c / b for c, b in zip(tc, tb, strict=True)]
    return statistics.median(tc) * 1000, statistics.median(tb) * 1000, statistics.median(ratios)


PLANS = {"12 rooms": plans.small, "200 rooms": plans.row}
BATCH = {"12 rooms": 20, "200 rooms": 2}
"""Checks per timed batch when comparing two checkouts (a batch of about 40 ms)."""


def serve() -> None:
    """The other checkout's side of ``--against``: reads a plan's label, times a batch of checks,
    prints the median of the batch in seconds."""
    docs = {label: model.from_dict(make()) for label, make in PLANS.items()}
    for plan in docs.values():
        check(plan)
    print(Path(sys.modules["planner"].__file__).resolve().parent.parent, flush=True)
    for line in sys.stdin:
        print(_batch(docs[line.strip()], BATCH[line.strip()]), flush=True)


def _batch(plan, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        check(plan)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def against(other: Path, rounds: int) -> None:
    """This checkout against ``other``, in turn, round by round (see the module's docstring)."""
    env = dict(os.environ, PYTHONPATH=str(other.resolve()))
    proc = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        where = proc.stdout.readline().strip()
        if Path(where) != other.resolve():
            raise SystemExit(f"--against {other}: its planner was not the one imported ({where})")
        print(f"against {other}:")
        for label, make in PLANS.items():
            plan = model.from_dict(make())
            check(plan)
            ours, theirs = [], []
            for r in range(rounds):
                for side in ("ours", "theirs") if r % 2 == 0 else ("theirs", "ours"):
                    if side == "ours":
                        ours.append(_batch(plan, BATCH[label]))
                    else:
                        proc.stdin.write(label + "\n")
                        proc.stdin.flush()
                        theirs.append(float(proc.stdout.readline()))
            ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
            print(f"{label:10} this {statistics.median(ours) * 1000:7.2f} ms, that "
                  f"{statistics.median(theirs) * 1000:7.2f} ms: this / that {ratio:.3f} ({rounds} rounds)")
    finally:
        proc.stdin.close()
        proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--against", type=Path, help="another checkout to compare with, in turn")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve()
    if args.against is not None:
        if not (args.against / "planner" / "__init__.py").is_file():
            raise SystemExit(f"--against {args.against}: no planner package there")
        against(args.against, max(5, args.repeat // 10))
    rows = []
    for (label, make), target in zip(PLANS.items(), (2.0, 40.0), strict=True):
        doc = make()
        rooms = sum(len(b["rooms"]) for b in doc["buildings"])
        plan = model.from_dict(doc)
        t_check, t_base, ratio = paired_ms(lambda p=plan: check(p), lambda d=doc: baseline(d), args.repeat)
        rows.append((label, rooms, t_check, t_base, ratio, target))
    print(interpreter())
    print(f"{'plan':10} {'rooms':>5} {'check ms':>9} {'baseline ms':>12} {'ratio':>6} {'target ms':>10}")
    for label, rooms, tc, tb, ratio, target in rows:
        mark = "ok" if tc <= target and ratio <= 3 else "OVER"
        print(f"{label:10} {rooms:5d} {tc:9.2f} {tb:12.2f} {ratio:6.2f} {target:10.1f}  {mark}")
    growth = rows[1][2] / rows[0][2]
    print(f"growth 12 -> 200 rooms: x{growth:.1f} in time for x{rows[1][1] / rows[0][1]:.1f} rooms")


if __name__ == "__main__":
    main()
