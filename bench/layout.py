"""Benchmark of ``planner.layout.draft`` on the benchmark set of ``layout_cases.py``.

Every result is checked with ``planner.rules.check``. Prints a table: success
rate (no error findings) over the cases that can fit at all, refusals of the
cases that cannot, median and p95 time (with the ratio against one bare
``check`` of the same drafted plan, the baseline), mean and worst deviation of
room net area from its target, the hall's share of BRA, how many of three
variants were distinct, and how they differ for a family: how many cases got the three
kinds (compact, large living room and kitchen, larger bedrooms), each with its own name;
the spread of BRA, of living room and kitchen, and of the bedrooms' floor between the
three (largest over smallest); and the time of three variants against three single
drafts in the same run.

A case *cannot fit at all* when the net areas of its rooms alone, at the
smallest sizes the generator tries and on two storeys, exceed what %-BYA leaves
or the buildable area; every other case counts, so a case the generator cannot
place counts against it.

Targets (issue 4): success ≥ 95 %, median ≤ 100 ms for up to 12 rooms, mean area
deviation ≤ 10 %, circulation ≤ 15 % of BRA. Issue 11: the three variants differ in a way a
family notices: every pair by ≥ 5 % BRA, ≥ 15 % living room and kitchen or ≥ 15 % bedroom floor
(or in storeys), and all three names distinct.

    .venv/bin/python bench/layout.py [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_cases import Case, cases  # noqa: E402

from planner import model  # noqa: E402
from planner.errors import LayoutError  # noqa: E402
from planner.geometry import BuildingGeometry  # noqa: E402
from planner.layout import draft  # noqa: E402
from planner.layout.kinds import KINDS as THREE_KINDS  # noqa: E402
from planner.layout.kinds import Figures, figures_of, noticeable  # noqa: E402
from planner.layout.program import program_of  # noqa: E402
from planner.layout.site import Site  # noqa: E402
from planner.rules import check  # noqa: E402

VARIANTS = 3


@dataclass
class Result:
    case: Case
    can_fit: bool
    ok: bool = False
    refused: str = ""
    ms: float = 0.0
    check_ms: float = 0.0
    rooms: int = 0
    deviations: list[float] = field(default_factory=list)
    worst: str = ""
    hall_share: float = 0.0
    distinct: int = 0
    kinds: tuple[str, ...] = ()
    names: int = 0
    figures: list[Figures] = field(default_factory=list)
    three_ms: float = 0.0


def can_fit(plan: model.Plan, household_id: str) -> bool:
    """False when the rooms alone, at the smallest sizes tried, exceed %-BYA or the buildable area."""
    prog = program_of(plan.household(household_id), compact=True)
    need = sum(r.target_m2 for r in prog.rooms)
    site = Site(plan, household_id, 3.0)
    return need <= site.allowance_m2 and need <= site.buildable.area


def _timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, (time.perf_counter() - t) * 1000


def run(case: Case) -> Result:
    plan = model.from_dict(case.doc)
    res = Result(case, can_fit(plan, case.household))
    try:
        plans, res.ms = _timed(draft, plan, case.household)
    except LayoutError as e:
        res.refused = str(e)
        return res
    report, res.check_ms = _timed(check, plans[0])
    res.ok = report.ok
    b = plans[0].buildings[0]
    geo = BuildingGeometry.of(b)
    targets = b.extra["layout"]["targets_m2"]
    res.rooms = len(b.rooms)
    for room, net in zip(geo.rooms, geo.net_areas, strict=True):
        if room.id in targets:
            res.deviations.append((float(net) - targets[room.id]) / targets[room.id])
            if abs(res.deviations[-1]) >= max(abs(d) for d in res.deviations):
                res.worst = f"{room.name} {float(net):.1f}/{targets[room.id]:.1f} m²"
    hall = sum(float(a) for r, a in zip(geo.rooms, geo.net_areas, strict=True) if r.type == "hall")
    res.hall_share = hall / geo.bra_m2
    variants, res.three_ms = _timed(draft, plan, case.household, variants=VARIANTS)
    shapes = {tuple(sorted((r.type, str(r.polygon)) for r in p.buildings[0].rooms)) for p in variants}
    res.distinct = len(shapes)
    houses = [p.buildings[0] for p in variants]
    res.kinds = tuple(b.extra["layout"]["kind"] for b in houses)
    res.names = len({b.extra["layout"]["name"] for b in houses})
    res.figures = [figures_of(b) for b in houses]
    return res


def _spread(values: list[float]) -> float:
    """Largest over smallest, less one: 0.12 for 12 % more."""
    return max(values) / min(values) - 1 if min(values) > 0 else 0.0


def _all_pairs_noticeable(figs: list[Figures]) -> bool:
    return all(noticeable(a, b) for i, a in enumerate(figs) for b in figs[i + 1:])


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


KINDS = tuple(k.key for k in THREE_KINDS)
"""The keys of the three kinds a draft of three variants should give, in order."""


def _spreads(xs: list[float]) -> str:
    return f"median {100 * statistics.median(xs):.0f} %, least {100 * min(xs):.0f} %"


def report(results: list[Result]) -> str:
    fit = [r for r in results if r.can_fit]
    unfit = [r for r in results if not r.can_fit]
    done = [r for r in fit if r.ok]
    small = [r.ms for r in done if r.rooms <= 12]
    devs = [abs(d) for r in done for d in r.deviations]
    below = sum(1 for r in done for d in r.deviations if d < -0.005)
    ratios = [r.ms / r.check_ms for r in done if r.check_ms > 0]
    rows = [
        ("cases", f"{len(results)} ({len(fit)} can fit, {len(unfit)} cannot)", ""),
        ("success (no error findings)", f"{len(done)}/{len(fit)} = {100 * len(done) / len(fit):.1f} %",
         "≥ 95 %"),
        ("cannot fit: refused with an explanation",
         f"{sum(1 for r in unfit if r.refused)}/{len(unfit)}", "all"),
        ("drafts that fail a rule", f"{sum(1 for r in results if not r.refused and not r.ok)}", "0"),
        ("median time, ≤ 12 rooms", f"{statistics.median(small):.1f} ms ({len(small)} cases)", "≤ 100 ms"),
        ("median / p95 time, all", f"{statistics.median(r.ms for r in done):.1f} / "
                                   f"{_pct([r.ms for r in done], 0.95):.1f} ms", ""),
        ("time ÷ one check of the draft (baseline)", f"median {statistics.median(ratios):.1f}×, "
                                                      f"p95 {_pct(ratios, 0.95):.1f}×", ""),
        ("room net area vs target", f"mean {100 * statistics.mean(devs):.1f} %, worst "
                                    f"{100 * max(devs):.1f} % ({below} of {len(devs)} rooms below)",
         "mean ≤ 10 %"),
        ("hall (circulation) share of BRA",
         f"mean {100 * statistics.mean(r.hall_share for r in done):.1f} %, "
         f"max {100 * max(r.hall_share for r in done):.1f} %", "≤ 15 %"),
        ("distinct of 3 variants", f"mean {statistics.mean(r.distinct for r in done):.2f}, all 3 distinct in "
                                   f"{sum(1 for r in done if r.distinct == VARIANTS)}/{len(done)}", ""),
        ("the three kinds, each named", f"{sum(1 for r in done if r.kinds == KINDS and r.names == 3)}/"
                                        f"{len(done)} (three names in "
                                        f"{sum(1 for r in done if r.names == 3)})", ""),
        ("every pair differs noticeably", f"{sum(1 for r in done if _all_pairs_noticeable(r.figures))}/"
                                          f"{len(done)}", "all"),
        ("spread of the three: BRA", _spreads([_spread([f.bra_m2 for f in r.figures]) for r in done]), ""),
        ("  living room and kitchen", _spreads([_spread([f.living_m2 for f in r.figures]) for r in done]),
         ""),
        ("  bedroom floor", _spreads([_spread([f.bedroom_total_m2 or 1.0 for f in r.figures]) for r in done]),
         ""),
        ("three variants ÷ three single drafts", f"median "
         f"{statistics.median(r.three_ms / (3 * r.ms) for r in done):.2f}× (three: median "
         f"{statistics.median(r.three_ms for r in done):.0f} ms)", ""),
    ]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [f"{'measure':{w0}}  {'result':{w1}}  target", "-" * (w0 + w1 + 12)]
    lines += [f"{a:{w0}}  {b:{w1}}  {c}" for a, b, c in rows]
    failed = [r for r in fit if not r.ok]
    if failed:
        lines.append("not drafted although they may fit:")
        lines += [f"  {r.case.name}: {r.refused or 'error findings'}" for r in failed]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="one line per case")
    args = ap.parse_args()
    draft(model.from_dict(cases()[0].doc), "h")  # warm up imports and caches
    results = []
    for case in cases():
        r = run(case)
        results.append(r)
        if args.verbose:
            state = "ok " if r.ok else ("REFUSED" if r.refused else "FAIL")
            print(f"{state:7} {r.case.name:45} {r.ms:6.1f} ms  rooms {r.rooms:2}  "
                  f"hall {100 * r.hall_share:4.1f} %  variants {r.distinct} {'/'.join(r.kinds):24} "
                  f"worst {r.worst:24} {r.refused[:70]}")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
