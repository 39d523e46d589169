"""Benchmark of ``planner.contributions.estimate`` against the checker and the raw geometry.

Prints, in one run: the median time of ``estimate`` for a 12-room plan and a
200-room plan (a row of 16 homes), each home with seven contributions (walls,
ceilings and floors of every room it applies to, skirting, wardrobes, doors,
the open plot); and its ratio against two baselines on the same plan: the
whole ``check`` (every rule), and the bare Shapely work the take-off needs
(net polygons, their areas and perimeters, the open plot). A second table times the
work plan over time (``schedule`` of every household from its estimate, and its Gantt
SVG) and the financing plan (``financing_of``: estimate, loans month by month, the
chart's years), each against ``estimate`` of the whole plan in the same run.

    .venv/bin/python bench/contributions.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans  # noqa: E402

from planner import model  # noqa: E402
from planner.contributions import estimate  # noqa: E402
from planner.contributions.gantt import gantt_svg  # noqa: E402
from planner.contributions.schedule import schedule  # noqa: E402
from planner.finance import financing_of  # noqa: E402
from planner.rules import check  # noqa: E402

TASKS = ("paint_walls", "paint_ceilings", "lay_flooring", "mount_skirting", "assemble_wardrobes",
         "mount_interior_doors", "garden")


def median_ms(fn, repeat: int) -> float:
    """The median wall time of ``fn()`` in milliseconds over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def with_contributions(doc: dict) -> dict:
    for h in doc["households"]:
        h["contributions"] = [{"id": f"{h['id']}-{t}", "task": t, "phase": "finishing",
                               "status": "proposed", "who": "adults"} for t in TASKS]
    return doc


def baseline(doc: dict) -> None:
    """The Shapely operations of a take-off, written straight."""
    fps = []
    for b in doc["buildings"]:
        fp = shapely.Polygon(b["footprint"])
        fps.append(fp)
        inner = shapely.buffer(fp, -0.3, join_style="mitre")
        polys = np.array([shapely.Polygon(r["polygon"]) for r in b["rooms"]], dtype=object)
        nets = shapely.buffer(shapely.intersection(polys, inner), -0.05, join_style="mitre")
        shapely.area(nets)
        shapely.length(nets)
    plot = shapely.Polygon(doc["plot"]["boundary"])
    shapely.area(shapely.difference(plot, shapely.union_all(np.array(fps, dtype=object))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=100)
    args = ap.parse_args()
    print(f"{'plan':10} {'rooms':>5} {'contribs':>8} {'estimate ms':>12} {'check ms':>9} "
          f"{'/check':>7} {'shapely ms':>11} {'/shapely':>9}")
    timed = []
    for label, doc in (("12 rooms", plans.small()), ("200 rooms", plans.row())):
        doc = with_contributions(doc)
        plan = model.from_dict(doc)
        rooms = sum(len(b["rooms"]) for b in doc["buildings"])
        n = sum(len(h["contributions"]) for h in doc["households"])
        t_est = median_ms(lambda p=plan: estimate(p), args.repeat)
        t_check = median_ms(lambda p=plan: check(p), args.repeat)
        t_base = median_ms(lambda d=doc: baseline(d), args.repeat)
        print(f"{label:10} {rooms:5d} {n:8d} {t_est:12.2f} {t_check:9.2f} {t_est / t_check:7.2f} "
              f"{t_base:11.2f} {t_est / t_base:9.2f}")
        timed.append((label, plan, t_est))
    print(f"\n{'plan':10} {'schedule+gantt ms':>17} {'/estimate':>9} {'financing ms':>12} {'/estimate':>9}")
    for label, plan, t_est in timed:
        estimates = [estimate(plan, household=h.id) for h in plan.households]
        t_sched = median_ms(lambda p=plan, es=estimates: _schedules(p, es), args.repeat)
        t_fin = median_ms(lambda p=plan: financing_of(p), args.repeat)
        print(f"{label:10} {t_sched:17.2f} {t_sched / t_est:9.2f} {t_fin:12.2f} {t_fin / t_est:9.2f}")


def _schedules(plan: model.Plan, estimates: list) -> None:
    """The work plan over time of every household (from its estimate, made beforehand), and its Gantt."""
    for e in estimates:
        gantt_svg(schedule(plan, e))


if __name__ == "__main__":
    main()
