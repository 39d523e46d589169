"""A room's comments as numbered pins on its floor drawing (the drawing alone, the room in yellow)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from planner import model
from planner.web import drawing

PIN_R_MM = 3.2
PIN_GAP_MM = 7.5
PIN_COLOUR = "#b3261e"
FONT = quoteattr("DejaVu Sans, sans-serif")


def _room_point_mm(building: model.Building, room_id: str, storey: int) -> tuple[float, float]:
    """Where the room's label sits, in the drawing's millimetres (the exporter's own view of the floor)."""
    from planner.export.drawing import FloorDrawing, label_point
    from planner.export.sheet import FLOOR_SCALES, View, choose_scale
    from planner.geometry import BuildingGeometry

    geo = BuildingGeometry.of(building)
    floor = FloorDrawing.of(geo, storey)
    floor.scale = choose_scale(floor.bounds, FLOOR_SCALES)
    view = View.fit(floor.bounds, floor.scale)
    i = geo.index[room_id]
    x, y = label_point(geo.nets[i])
    px, py = view.p((x, y))
    return px, py + 6.0  # just under the room's name


def pinned_svg(plan: model.Plan, room_id: str, numbers: list[int]) -> str | None:
    """The cropped floor drawing of the room's storey with pins ``numbers`` at the room; None if no room."""
    found = next(((b, r) for b, r in plan.all_rooms() if r.id == room_id), None)
    if found is None:
        return None
    building, room = found
    svg = drawing.floor_svg(plan, building.id, room.storey, crop=True, marked=room.id)
    if not numbers:
        return svg
    try:
        x, y = _room_point_mm(building, room.id, room.storey)
    except Exception:  # noqa: BLE001 - a room the exporter cannot place keeps the plain drawing
        return svg
    x0 = x - (len(numbers) - 1) * PIN_GAP_MM / 2
    parts = ['<g class="comment-pins" aria-hidden="true">']
    for i, n in enumerate(numbers):
        cx = x0 + i * PIN_GAP_MM
        parts.append(f'<circle cx="{cx:.2f}" cy="{y:.2f}" r="{PIN_R_MM}" fill="{PIN_COLOUR}" '
                     f'stroke="#ffffff" stroke-width="0.7"/>')
        parts.append(f'<text x="{cx:.2f}" y="{y + 1.4:.2f}" font-size="4" font-weight="700" '
                     f'fill="#ffffff" text-anchor="middle" font-family={FONT}>{int(n)}</text>')
    parts.append("</g>")
    end = svg.rfind("</svg>")
    return svg[:end] + "".join(parts) + svg[end:]
