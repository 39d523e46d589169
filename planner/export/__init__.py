"""Drawings for the municipality and the contractor: SVG sheets, a DXF draft and a PDF set.

Exporters return text or bytes and touch no files; the CLI or a view writes them.

- :func:`site_svg`: situasjonsplan, A3 at 1:500;
- :func:`floor_svg` / :func:`floor_svgs`: plantegning of each storey, A3 at 1:100;
- :func:`plan_dxf`: the DXF draft (millimetres, layers for the contractor's CAD);
- :func:`sheets_pdf`: every SVG sheet in one PDF;
- :func:`export_all`: the lot, by file name, as ``planner export`` writes it, with the
  elevations, the section, ``model.glb`` and ``model.ifc`` of :mod:`planner.export.elevation`,
  :mod:`~planner.export.section`, :mod:`~planner.export.gltf` and :mod:`~planner.export.ifc`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

from planner.errors import PlannerError
from planner.export.dxf import plan_dxf
from planner.export.pdf import building_sheets, merge_svgs
from planner.export.style import Overlay
from planner.export.svg import floor_svg, floor_svgs, site_svg
from planner.model import Plan
from planner.rules import Context, Report, check

__all__ = ["KINDS", "Overlay", "export_all", "floor_svg", "floor_svgs", "plan_dxf", "sheets_pdf",
           "site_svg"]

KINDS = ("site", "floor", "dxf", "pdf", "elevations", "section", "glb", "ifc")
"""What ``export_all`` (and ``planner export --only``) can write."""

OverlayArg = Overlay | Mapping[str, tuple[str, str]] | None


def sheets_pdf(plan: Plan, report: Report | None = None, *, turning: bool = False,
               overlay: OverlayArg = None, date: _dt.date | str | None = None,
               version: str | None = None) -> bytes:
    """The site plan, every floor plan, the elevations and the sections in one PDF, one A3 page
    each, at true scale."""
    from planner.building.model3d import site_model

    ctx = Context(plan)
    report = report if report is not None else check(plan, ctx=ctx)
    svgs = _svgs(plan, report, ctx, turning, overlay, date, version)
    svgs.update(building_sheets(plan, site_model(plan, ctx.buildings, ctx.terrain), date=date,
                                version=version))
    return merge_svgs(svgs.values(), title=plan.project.name)


def _svgs(plan: Plan, report: Report, ctx: Context, turning: bool, overlay: OverlayArg,
          date: _dt.date | str | None, version: str | None, site: bool = True,
          floors: bool = True) -> dict[str, str]:
    out = {}
    if site:
        out["site.svg"] = site_svg(plan, report, date=date, version=version, ctx=ctx)
    if floors:
        out.update(floor_svgs(plan, report, turning, overlay=overlay, date=date, version=version,
                              ctx=ctx))
    return out


def parse_kinds(only: str | Iterable[str] | None) -> tuple[str, ...]:
    """The kinds to write from ``"site,floor"`` or a list; every kind when ``None``.

    >>> parse_kinds("dxf, site")
    ('site', 'dxf')
    >>> parse_kinds("svg")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    planner.errors.PlannerError: --only: 'svg' is not one of site, floor, dxf, pdf, elevations, ...
    """
    if only is None:
        return KINDS
    items = [s.strip() for s in (only.split(",") if isinstance(only, str) else only)]
    items = [s for s in items if s]
    for s in items:
        if s not in KINDS:
            raise PlannerError(f"--only: '{s[:40]}' is not one of {', '.join(KINDS)}")
    if not items:
        raise PlannerError(f"--only: name at least one of {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in items)


def export_all(plan: Plan, only: str | Iterable[str] | None = None, georef: bool = False,
               turning: bool = False, *, overlay: OverlayArg = None,
               date: _dt.date | str | None = None, version: str | None = None) -> dict[str, bytes]:
    """Every drawing by file name: ``site.svg``, ``floor-<building>-<storey>.svg``, ``plan.dxf``,
    ``sheets.pdf``, ``elevation-<building>-<n|s|e|w>.svg``, ``section-<building>.svg``,
    ``model.glb``, ``model.ifc`` (or the kinds named in ``only``). Findings do not stop it: they
    are marked."""
    kinds = parse_kinds(only)
    ctx = Context(plan)
    report = check(plan, ctx=ctx)
    out: dict[str, bytes] = {}
    svgs = _svgs(plan, report, ctx, turning, overlay, date, version,
                 site="site" in kinds or "pdf" in kinds, floors="floor" in kinds or "pdf" in kinds)
    for name, svg in svgs.items():
        if ("site" if name == "site.svg" else "floor") in kinds:
            out[name] = svg.encode("utf-8")
    if "dxf" in kinds:
        out["plan.dxf"] = plan_dxf(plan, georef, overlay=overlay, date=date, version=version, ctx=ctx,
                                   report=report)
    if {"pdf", "elevations", "section", "glb", "ifc"} & set(kinds):
        out.update(_building_files(plan, kinds, date, version, svgs, ctx))
    return out


def _building_files(plan: Plan, kinds: tuple[str, ...], date: _dt.date | str | None,
                    version: str | None, drawings: dict[str, str], ctx: Context) -> dict[str, bytes]:
    """Elevations, sections, ``sheets.pdf`` (``drawings`` then those), ``model.glb`` and
    ``model.ifc``, all from one 3D model of the site (on the geometry the sheets used)."""
    from planner.building.model3d import site_model
    from planner.export.gltf import model_glb

    site = site_model(plan, ctx.buildings, ctx.terrain)
    out: dict[str, bytes] = {}
    svgs = building_sheets(plan, site, date=date, version=version,
                           elevations="elevations" in kinds or "pdf" in kinds,
                           sections="section" in kinds or "pdf" in kinds)
    out.update((name, svg.encode("utf-8")) for name, svg in svgs.items()
               if ("elevations" if name.startswith("elevation-") else "section") in kinds)
    if "pdf" in kinds:
        out["sheets.pdf"] = merge_svgs([*drawings.values(), *svgs.values()], title=plan.project.name)
    if "glb" in kinds:
        out["model.glb"] = model_glb(plan, site)
    if "ifc" in kinds:
        from planner.export.ifc import model_ifc

        out["model.ifc"] = model_ifc(plan, site)
    return out
