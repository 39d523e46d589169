"""The sheet set as one PDF: each SVG sheet drawn by CairoSVG at true scale, merged with pypdf."""

from __future__ import annotations

import io
from collections.abc import Iterable

import cairosvg


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
