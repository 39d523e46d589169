"""The sheet set as one PDF: each SVG sheet drawn by CairoSVG at true scale, merged with pypdf.

``sheets.pdf`` holds, in this order: the site plan, the floor plans, the four elevations of each
building (facing south, east, north and west) and each building's section (:func:`building_sheets`).
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

import cairosvg

if TYPE_CHECKING:
    from planner.building.model3d import SiteModel
    from planner.model import Plan


def building_sheets(plan: Plan, site: SiteModel | None = None, *, date: _dt.date | str | None = None,
                    version: str | None = None, elevations: bool = True,
                    sections: bool = True) -> dict[str, str]:
    """The sheets drawn from the 3D model, by file name, in the sheet set's order: the four
    elevations of each building (``elevation-<building>-<s|e|n|w>.svg``), then each building's section
    (``section-<building>.svg``), as the application package numbers them (fasader, then snitt). All
    from one model of the site, made when ``site`` is not given."""
    from planner.building.model3d import site_model
    from planner.export.elevation import elevation_svgs
    from planner.export.section import section_svgs

    site = site if site is not None else site_model(plan)
    out = elevation_svgs(plan, site, date=date, version=version) if elevations else {}
    if sections:
        out.update(section_svgs(plan, site, date=date, version=version))
    return out


def merge_svgs(svgs: Iterable[str], title: str = "") -> bytes:
    """One PDF page per SVG sheet, in order; an A3 sheet in mm gives an A3 page."""
    from pypdf import PdfReader, PdfWriter  # only the PDF needs it: SVG and DXF work without

    writer = PdfWriter()
    for svg in svgs:
        page = cairosvg.svg2pdf(bytestring=svg.encode("utf-8"), unsafe=False)
        writer.append(PdfReader(io.BytesIO(page)))
    writer.add_metadata({"/Title": title, "/Creator": "planner", "/Producer": "planner (CairoSVG, pypdf)"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
