"""What the editor's API answers: the plan checked, its findings in one language, and the figures
the drawing shows (net areas, sizes, which doors and windows sit on their walls)."""

from __future__ import annotations

from typing import Any

from planner import model, rules
from planner.edits import window_fits
from planner.geometry import BuildingGeometry
from planner.web.services import group_of


def figures(plan: model.Plan, building: str | None = None) -> dict[str, Any]:
    """Room id -> net area (m²) and net size [x, y] (m); per building which windows sit on an outer
    wall of their room with all their width (doors off their walls are findings already).
    ``building`` limits the figures to the building the editor shows."""
    rooms: dict[str, Any] = {}
    openings: dict[str, Any] = {}
    for b in plan.buildings:
        if building is not None and b.id != building:
            continue
        try:
            g = BuildingGeometry.of(b)
            areas, nets = g.net_areas, g.nets
        except Exception:  # noqa: BLE001 - an unreadable building has no figures; its findings say why
            continue
        for room, area, net in zip(g.rooms, areas, nets, strict=True):
            x0, y0, x1, y1 = net.bounds if not net.is_empty else (0, 0, 0, 0)
            rooms[room.id] = {"area": round(float(area), 2), "size": [round(x1 - x0, 2), round(y1 - y0, 2)]}
        openings[b.id] = {"windows": [window_fits(b, w) for w in b.windows]}
    return {"rooms": rooms, "openings": openings}


def answer(plan: model.Plan, lang: str, building: str | None = None,
           report: rules.Report | None = None) -> dict[str, Any]:
    """The plan document, its findings (message in ``lang``, subject to mark), summary and figures.
    ``report``: the plan's check in ``lang`` when the caller has it already. The check writes its
    messages in ``lang`` itself (not in Bokmål first and then again)."""
    if report is None:
        report = rules.check(plan, lang if lang in rules.LANGUAGES else "nb")
    findings = []
    for f in report.findings:
        d = f.to_dict()
        d["message"] = f.message
        d["group"] = group_of(f)
        findings.append(d)
    return {"plan": model.to_dict(plan), "ok": report.ok,
            "summary": {k: round(float(v), 2) for k, v in report.summary.items()},
            "findings": findings, "figures": figures(plan, building)}


def only_plot_changed(before: model.Plan, after: model.Plan) -> bool:
    """Whether ``after`` differs from ``before`` in the plot alone (what a municipal planner may save)."""
    a, b = model.to_dict(before), model.to_dict(after)
    a.pop("plot", None)
    b.pop("plot", None)
    return a == b
