"""Labels on the sheets never overlap and are never smaller than 2 mm on paper (issue 14, defect 5).

The boxes are computed from each ``<text>``'s extent: its font size, the mean character
width of DejaVu Sans, its anchor and its rotation, as the sheet lays text out.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely import Polygon
from svg_text import NS, text_box

from planner import model
from planner.export import floor_svgs, site_svg

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((ROOT / "layouts").glob("*.json")) + [DATA / "haugen-nanset.plan.json"]
MIN_TEXT_MM = 2.0


@cache
def _sheets(path: Path) -> dict[str, str]:
    plan = model.loads(path.read_text(encoding="utf-8"))
    out = {"site.svg": site_svg(plan, date="01.12.2026")}
    out.update(floor_svgs(plan, date="01.12.2026"))
    return out


def text_boxes(svg: str) -> list[tuple[str, float, Polygon]]:
    """Every text of a sheet as (text, font size, its box on paper)."""
    out = []
    for el in ET.fromstring(svg).iter(NS + "text"):
        text = "".join(el.itertext())
        if not text.strip():
            continue
        size = float(el.get("font-size"))
        box = text_box(el)
        out.append((text, size, box))
    return out


def overlaps(svg: str) -> list[tuple[str, str, float]]:
    """Pairs of texts whose boxes overlap by more than a sliver (0.05 mm²)."""
    boxes = text_boxes(svg)
    tree = shapely.STRtree([b for _, _, b in boxes])
    out = []
    for i, (text, _, box) in enumerate(boxes):
        for j in tree.query(box, predicate="intersects"):
            if j <= i:
                continue
            area = box.intersection(boxes[j][2]).area
            if area > 0.05:
                out.append((text, boxes[j][0], round(area, 2)))
    return out


def _cases() -> list[tuple[Path, str]]:
    return [(p, name) for p in SAMPLES for name in _sheets(p)]


@pytest.mark.parametrize(("path", "name"), _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_no_two_labels_overlap_on_any_sample_sheet(path: Path, name: str) -> None:
    assert overlaps(_sheets(path)[name]) == []


@pytest.mark.parametrize(("path", "name"), _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_no_text_is_smaller_than_2_mm_on_paper(path: Path, name: str) -> None:
    small = sorted({(t, s) for t, s, _ in text_boxes(_sheets(path)[name]) if s < MIN_TEXT_MM - 1e-9})
    assert small == []


def test_the_overlap_check_finds_two_labels_on_top_of_each_other() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="10" font-size="2.5">Stue</text>'
           '<text x="11" y="10.5" font-size="2.5">BYA 133,1 m²</text>'
           '<text x="10" y="40" font-size="2.5" transform="rotate(-90 10 40)">Gang</text></svg>')
    assert [(a, b) for a, b, _ in overlaps(svg)] == [("Stue", "BYA 133,1 m²")]
    assert math.isclose(text_boxes(svg)[2][2].bounds[2] - text_boxes(svg)[2][2].bounds[0], 2.25)


def test_finding_markers_keep_clear_of_the_labels() -> None:
    from factories import house, load

    from planner.rules import check

    doc = house()
    doc["buildings"][0]["doors"][1]["width_m"] = 0.7  # a narrow door
    doc["buildings"][0]["rooms"][4]["polygon"] = [[8, 15], [11.6, 15], [11.6, 17.5], [8, 17.5]]
    plan = load(doc)
    assert len(check(plan).findings) >= 2
    assert overlaps(floor_svgs(plan)["floor-A-1.svg"]) == []
    assert overlaps(site_svg(plan)) == []
