"""Benchmark of the exporters: site SVG, floor SVGs, DXF and the PDF sheet set.

Prints, in one run, the median time of each format for a 12-room plan (one home)
and a 200-room plan (a row of 16 homes on one plot, from ``bench/plans.py``), and
the ratio of the DXF export against a baseline that writes the same number of
bare LINE entities with ezdxf (new R2013 document, add the lines, write to a
string): the part of the DXF time that is ezdxf's own cost of writing entities.

The check (``planner.rules.check``) is timed on its own and passed in to the
SVG writers, as ``export_all`` does.

"plan.dxf (download)" is what the web download runs: ``plan_dxf(plan)``, which checks the plan
for the findings it marks; "plan.dxf (export)" is what ``planner export`` runs, the report of
the one check passed in.

Targets (issue 3), 12 rooms: each SVG ≤ 20 ms, DXF ≤ 40 ms. The building exports (issue 13):
model.glb ≤ 30 ms, model.ifc ≤ 200 ms, each elevation ≤ 20 ms, printed for 200 rooms too.

    .venv/bin/python bench/export.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ezdxf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans  # noqa: E402
from check import interpreter  # noqa: E402

from planner import model  # noqa: E402
from planner.export import floor_svg, plan_dxf, sheets_pdf, site_svg  # noqa: E402
from planner.rules import check  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds over ``repeat`` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run_3d(name: str, doc: dict, repeat: int) -> None:
    """The building exports (issue 13): one 3D model of the site, and each file written from it.

    Targets for 12 rooms: model.glb <= 30 ms, model.ifc <= 200 ms, each elevation <= 20 ms; the
    end-to-end rows include building the 3D model, as ``model_glb(plan)`` does on its own.
    """
    from planner.building.model3d import site_model
    from planner.export.elevation import elevation_svg
    from planner.export.gltf import model_glb
    from planner.export.ifc import model_ifc
    from planner.export.section import section_svg

    plan = model.from_dict(doc)
    first = plan.buildings[0].id
    site = site_model(plan)
    few = max(3, repeat // 5)
    results = {
        "3D model of the site (shared)": median_ms(lambda: site_model(plan), repeat),
        "model.glb from the model": median_ms(lambda: model_glb(plan, site), repeat),
        "model.glb end to end": median_ms(lambda: model_glb(plan), repeat),
        "model.ifc end to end": median_ms(lambda: model_ifc(plan), few),
        "elevation svg (one facade)": median_ms(lambda: elevation_svg(plan, first, "s", site=site), repeat),
        "elevation svg end to end": median_ms(lambda: elevation_svg(plan, first, "s"), repeat),
        "section svg": median_ms(lambda: section_svg(plan, first, site=site), repeat),
    }
    check_ms = median_ms(lambda: check(plan), repeat)
    walls = sum(len(b.walls) for b in site.buildings)
    print(f"\n{name}, 3D: {len(site.buildings)} building(s), {walls} walls")
    for label, ms in results.items():
        print(f"  {label:38} {ms:9.1f} ms  {ms / check_ms:6.2f} × the check ({check_ms:.1f} ms)")


def entity_count(dxf: bytes) -> int:
    """Graphical entities written: every layout's and every block's (rendered dimensions)."""
    doc = ezdxf.read(io.StringIO(dxf.decode("utf-8")))
    return sum(len(block) for block in doc.blocks)


def bare_dxf(n: int) -> str:
    doc = ezdxf.new("R2013")
    msp = doc.modelspace()
    for i in range(n):
        msp.add_line((0, i), (1000, i))
    out = io.StringIO()
    doc.write(out)
    return out.getvalue()


def run(name: str, doc: dict, repeat: int) -> None:
    plan = model.from_dict(doc)
    rooms = sum(len(b.rooms) for b in plan.buildings)
    report = check(plan)
    first = plan.buildings[0].id
    dxf = plan_dxf(plan)
    n = entity_count(dxf)
    results = {
        "check (shared by the SVGs)": median_ms(lambda: check(plan), repeat),
        "site.svg": median_ms(lambda: site_svg(plan, report), repeat),
        "floor svg (one storey)": median_ms(lambda: floor_svg(plan, first, 1, report), repeat),
        "floor svg with turning circles": median_ms(lambda: floor_svg(plan, first, 1, report, turning=True),
                                                    repeat),
        "floor svgs (every storey)": median_ms(
            lambda: [floor_svg(plan, b.id, 1, report) for b in plan.buildings], max(3, repeat // 5)),
        "plan.dxf (download: checks the plan)": median_ms(lambda: plan_dxf(plan), repeat),
        "plan.dxf (export: the report shared)": median_ms(lambda: plan_dxf(plan, report=report), repeat),
        f"baseline: {n} bare entities with ezdxf": median_ms(lambda: bare_dxf(n), repeat),
        "sheets.pdf": median_ms(lambda: sheets_pdf(plan, report), max(3, repeat // 5)),
    }
    print(f"\n{name}: {rooms} rooms, {len(plan.buildings)} building(s), {n} DXF entities")
    for label, ms in results.items():
        print(f"  {label:38} {ms:9.1f} ms")
    base = results[f"baseline: {n} bare entities with ezdxf"]
    dxf_ms = results["plan.dxf (download: checks the plan)"]
    print(f"  {'DXF / baseline':38} {dxf_ms / base:9.2f}")
    print(f"  {'DXF / the check in this run':38} {dxf_ms / results['check (shared by the SVGs)']:9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=40, help="runs per measurement (median)")
    args = ap.parse_args()
    print("planner export benchmark (median of", args.repeat, "runs; targets for 12 rooms: "
          "each SVG <= 20 ms, DXF <= 40 ms)")
    print(interpreter())
    run("12-room plan", plans.small(), args.repeat)
    run("200-room plan", plans.row(), max(3, args.repeat // 3))
    run_3d("12-room plan", plans.small(), args.repeat)
    run_3d("200-room plan", plans.row(), max(3, args.repeat // 5))


if __name__ == "__main__":
    main()
