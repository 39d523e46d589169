"""Benchmark of ``planner.contributions.estimate`` against the checker and the raw geometry.

Prints, in one run: the median time of ``estimate`` for a 12-room plan and a
200-room plan (a row of 16 homes), each home with seven contributions (walls,
ceilings and floors of every room it applies to, skirting, wardrobes, doors,
the open plot); and its ratio against two baselines on the same plan: the
whole ``check`` (every rule), and the bare Shapely work the take-off needs
(net polygons, their areas and perimeters, the open plot).

    .venv/bin/python bench/contributions.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans  # noqa: E402
from check import median_ms  # noqa: E402

from planner import model  # noqa: E402
from planner.contributions import estimate  # noqa: E402
from planner.rules import check  # noqa: E402

TASKS = ("paint_walls", "paint_ceilings", "lay_flooring", "mount_skirting", "assemble_wardrobes",
         "mount_interior_doors", "garden")


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


if __name__ == "__main__":
    main()
