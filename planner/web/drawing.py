"""Drawings for the pages: the exporters' SVGs when they are installed, else a plain preview.

The preview is drawn with svgwrite, which escapes every text it writes, so room
names typed by users never become markup.
"""

from __future__ import annotations

import importlib
from typing import Any

import svgwrite

from planner import model
from planner.geometry import buildable_area, polygon

MARGIN_M = 2.0


def _exporter() -> Any | None:
    try:
        return importlib.import_module("planner.export")
    except ModuleNotFoundError as e:
        if e.name and "planner.export".startswith(e.name):
            return None
        raise


def _ring(coords: model.Coords) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in model._ring(coords)]


def _canvas(points: list[tuple[float, float]], title: str) -> tuple[svgwrite.Drawing, Any]:
    """A drawing whose y axis points north, sized to ``points`` plus a margin."""
    xs = [p[0] for p in points] or [0.0, 10.0]
    ys = [p[1] for p in points] or [0.0, 10.0]
    x0, y0 = min(xs) - MARGIN_M, min(ys) - MARGIN_M
    w, h = max(xs) - min(xs) + 2 * MARGIN_M, max(ys) - min(ys) + 2 * MARGIN_M
    dwg = svgwrite.Drawing(size=("100%", "100%"), viewBox=f"{x0:.3f} {-(y0 + h):.3f} {w:.3f} {h:.3f}",
                           profile="full", debug=False)
    dwg.attribs["role"] = "img"
    dwg.set_desc(title=title)
    group = dwg.g(transform="scale(1,-1)")
    dwg.add(group)
    return dwg, group


def _label(dwg: svgwrite.Drawing, group: Any, text: str, x: float, y: float, size: float) -> None:
    group.add(dwg.text(text, insert=(x, -y), font_size=f"{size:.2f}", text_anchor="middle",
                       font_family="DejaVu Sans, sans-serif", fill="#1a1a1a", transform="scale(1,-1)"))


def _band(a: tuple[float, float], b: tuple[float, float], half_m: float) -> list[tuple[float, float]]:
    """A rectangle ``2 * half_m`` wide around the segment a-b (the click area of an edge).

    >>> _band((0.0, 0.0), (4.0, 0.0), 0.5)
    [(0.0, 0.5), (4.0, 0.5), (4.0, -0.5), (0.0, -0.5)]
    """
    length = max(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5, 1e-9)
    nx, ny = -(b[1] - a[1]) / length * half_m, (b[0] - a[0]) / length * half_m
    return [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)]


def preview_site_svg(plan: model.Plan, title: str = "Site plan", pickable: bool = False) -> str:
    """The plot, its edges (road edges thick, numbered), the buildable area and the footprints.

    ``pickable`` adds a wide invisible line over each edge (``data-edge="i"``) that
    ``static/js/app.js`` turns into a click that ticks the edge's road checkbox.
    """
    ring = _ring(plan.plot.boundary)
    points = ring + [tuple(p) for b in plan.buildings for p in b.footprint]
    dwg, g = _canvas(points, title)
    size = max(0.6, max((max(p[0] for p in points) - min(p[0] for p in points)) if points else 10, 1) / 30)
    if len(ring) >= 3:
        g.add(dwg.polygon(ring, fill="#f4f7f4", stroke="#2e5d3a", stroke_width=size / 6))
        try:
            area = buildable_area(plan.plot)
            for poly in getattr(area, "geoms", [area]):
                if not poly.is_empty:
                    g.add(dwg.polygon(list(poly.exterior.coords), fill="none", stroke="#2e5d3a",
                                      stroke_width=size / 10, stroke_dasharray=f"{size / 2} {size / 3}"))
        except Exception:  # noqa: BLE001 - an invalid plot has no buildable area to draw
            pass
        for i, (a, b) in enumerate(zip(ring, ring[1:] + ring[:1], strict=True)):
            road = i in plan.plot.road_edges
            line = dwg.line(a, b, stroke="#1a1a1a" if road else "#2e5d3a",
                            stroke_width=size / (2.5 if road else 6),
                            class_="edge-line" + (" is-road" if road else ""))
            line.attribs["data-edge"] = str(i)
            g.add(line)
            if pickable:
                hit = dwg.polygon(_band(a, b, size * 0.75), fill="transparent", class_="edge-hit")
                hit.attribs["data-edge"] = str(i)
                g.add(hit)
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            cx, cy = sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
            d = max(((cx - mx) ** 2 + (cy - my) ** 2) ** 0.5, 1e-9)
            k = size * 1.2 / d
            _label(dwg, g, str(i), mx + (cx - mx) * k, my + (cy - my) * k - size / 3, size)
    for b in plan.buildings:
        if len(b.footprint) >= 3:
            g.add(dwg.polygon(_ring(b.footprint), fill="#d9e2ec", stroke="#1a1a1a", stroke_width=size / 8))
    return dwg.tostring()


def preview_floor_svg(plan: model.Plan, building: model.Building, storey: int, title: str) -> str:
    """Rooms of one storey with their names, doors as dots and windows as bars."""
    dwg, g = _canvas([tuple(p) for p in building.footprint], title)
    xs = [p[0] for p in building.footprint] or [0, 10]
    size = max(0.25, (max(xs) - min(xs)) / 40)
    g.add(dwg.polygon(_ring(building.footprint), fill="#ffffff", stroke="#1a1a1a", stroke_width=size))
    for room in building.rooms:
        if room.storey != storey or len(room.polygon) < 3:
            continue
        g.add(dwg.polygon(_ring(room.polygon), fill="#f7f9fb", stroke="#1a1a1a", stroke_width=size / 3))
        try:
            c = polygon(room.polygon).representative_point()
            _label(dwg, g, room.name, c.x, c.y, size * 1.6)
        except Exception:  # noqa: BLE001 - an invalid room keeps its outline only
            pass
    rooms = {r.id for r in building.rooms if r.storey == storey}
    for d in building.doors:
        if set(d.rooms) & rooms:
            g.add(dwg.circle(center=tuple(d.at), r=d.width_m / 2, fill="none", stroke="#8a4b08",
                             stroke_width=size / 3))
    for w in building.windows:
        if w.room in rooms:
            g.add(dwg.circle(center=tuple(w.at), r=size * 0.8, fill="#2b6cb0"))
    return dwg.tostring()


def site_svg(plan: model.Plan, report: Any = None) -> str:
    exporter = _exporter()
    if exporter is not None and hasattr(exporter, "site_svg") and plan.plot.boundary:
        return exporter.site_svg(plan, report)
    return preview_site_svg(plan)


def floor_views(plan: model.Plan) -> list[tuple[str, int]]:
    """(building id, storey) of every floor that has rooms."""
    out = []
    for b in plan.buildings:
        for s in sorted({r.storey for r in b.rooms}):
            out.append((b.id, s))
    return out


MARK_COLOUR = "#ffe066"
"""The room a page is about, filled in the floor plan."""


def floor_svg(plan: model.Plan, building_id: str, storey: int, report: Any = None, crop: bool = False,
              marked: str | None = None) -> str:
    """The floor plan sheet, or with ``crop`` the drawing alone (the preview has no sheet anyway);
    ``marked`` names a room to fill in yellow."""
    exporter = _exporter()
    if exporter is not None and hasattr(exporter, "floor_svg"):
        overlay = exporter.Overlay(rooms={marked: ("", MARK_COLOUR)}, title="") if marked else None
        return exporter.floor_svg(plan, building_id, storey, report, crop=crop, overlay=overlay)
    building = plan.building(building_id)
    if building is None:
        raise KeyError(building_id)
    return preview_floor_svg(plan, building, storey, f"{building_id} {storey}")


SIDES = ("s", "e", "n", "w")
"""The facades an elevation download shows: the side each faces."""
FACADES = tuple(f"fasade-{side}.svg" for side in SIDES)


def downloads() -> dict[str, tuple[str, str]]:
    """Download kinds available now: kind -> (file suffix, media type)."""
    kinds = {"plan.json": (".plan.json", "application/json"),
             "tomt.svg": ("-tomt.svg", "image/svg+xml"),
             "plan.svg": ("-plan.svg", "image/svg+xml")}
    exporter = _exporter()
    if exporter is not None:
        if hasattr(exporter, "plan_dxf"):
            kinds["plan.dxf"] = (".dxf", "application/dxf")
        if hasattr(exporter, "sheets_pdf"):
            kinds["tegninger.pdf"] = ("-tegninger.pdf", "application/pdf")
        for side in SIDES:
            kinds[f"fasade-{side}.svg"] = (f"-fasade-{side}.svg", "image/svg+xml")
        kinds["snitt.svg"] = ("-snitt.svg", "image/svg+xml")
        kinds["modell.glb"] = (".glb", "model/gltf-binary")
        kinds["modell.ifc"] = (".ifc", "application/x-step")
    return kinds


def _building_file(plan: model.Plan, kind: str, building_id: str | None) -> bytes:
    """An elevation or section of one building (the first when ``building_id`` is not one)."""
    from planner.export.elevation import elevation_svg
    from planner.export.section import section_svg

    ids = [b.id for b in plan.buildings]
    if not ids:
        raise KeyError("no building")
    b = building_id if building_id in ids else ids[0]
    if kind.startswith("fasade-"):
        return elevation_svg(plan, b, kind[len("fasade-")]).encode()
    return section_svg(plan, b).encode()


def render_download(plan: model.Plan, kind: str, building_id: str | None, storey: int) -> bytes:
    """The bytes of one download."""
    exporter = _exporter()
    if kind == "plan.json":
        return (model.dumps(plan) + "\n").encode()
    if kind == "tomt.svg":
        return site_svg(plan).encode()
    if kind == "plan.svg":
        views = floor_views(plan)
        if not views:
            raise KeyError("no floor")
        b, s = (building_id, storey) if (building_id, storey) in views else views[0]
        return floor_svg(plan, b, s).encode()
    if kind == "plan.dxf" and exporter is not None:
        return exporter.plan_dxf(plan)
    if kind == "tegninger.pdf" and exporter is not None:
        return exporter.sheets_pdf(plan)
    if kind in FACADES + ("snitt.svg",) and exporter is not None:
        return _building_file(plan, kind, building_id)
    if kind == "modell.glb" and exporter is not None:
        from planner.export.gltf import model_glb

        return model_glb(plan)
    if kind == "modell.ifc" and exporter is not None:
        from planner.export.ifc import model_ifc

        return model_ifc(plan)
    raise KeyError(kind)
