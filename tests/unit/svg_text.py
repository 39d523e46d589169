"""The box a text of an SVG sheet covers on paper, as the tests of the label placement measure it
(the width from the sheet's own character width, rotated as the text is)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import shapely

from planner.export.sheet import CHAR

NS = "{http://www.w3.org/2000/svg}"
ROTATE = re.compile(r"rotate\(([-\d.]+)(?: ([-\d.]+) ([-\d.]+))?\)")


def text_box(el: ET.Element) -> shapely.Polygon:
    """The paper box of one ``<text>`` element: its anchor, font size, weight and rotation."""
    text = "".join(el.itertext())
    size = float(el.get("font-size"))
    x, y = float(el.get("x")), float(el.get("y"))
    w = len(text) * size * CHAR * (1.08 if el.get("font-weight") == "bold" else 1.0)
    x0 = {"middle": x - w / 2, "end": x - w}.get(el.get("text-anchor"), x)
    box = shapely.box(x0, y - 0.72 * size, x0 + w, y + 0.18 * size)
    m = ROTATE.search(el.get("transform") or "")
    return shapely.affinity.rotate(box, float(m.group(1)), origin=(x, y)) if m else box
