"""The plot and the floor plan: typed corners or an upload, generated variants, room edits."""

from __future__ import annotations

import base64
import importlib
import json
import math
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from planner import model
from planner.errors import LayoutError, PlanFormatError
from planner.web import drawing, editing, edits, limits, safejson, services, uploads
from planner.web.access import EVERYONE, FAMILY, PLOT_EDITORS, project_view
from planner.web.editor.messages import refusal_text
from planner.web.fields import JSON_PROBLEMS, opts
from planner.web.plan.forms import (
    DoorForm,
    PlanUploadForm,
    PlotChoiceForm,
    PlotForm,
    PlotUploadForm,
    RemoveForm,
    RoomForm,
    VariantForm,
    WallForm,
    WindowForm,
    parse_corners,
)
from planner.web.templating import kroner, lang, num, room_type

bp = Blueprint("plan", __name__, url_prefix="/prosjekt")

UPLOAD_ERRORS = {
    "not GeoJSON": _l("The file is not GeoJSON that can be read."),
    "no polygon": _l("The file has no polygon. The plot must be drawn as a closed outline."),
    "not DXF": _l("The file is not a DXF drawing that can be read."),
    "no closed polyline": _l("The drawing has no closed polyline. Close the plot's outline in the CAD "
                             "program."),
    "too many polylines": _l("The drawing has too many outlines. Send only the layer with the plot."),
    "too many corners": _l("The outline has too many corners."),
    "fewer than three corners": _l("An outline in the file has fewer than three corners."),
    "a corner is not a pair of numbers": _l("A corner in the file is not a pair of numbers."),
    "unknown kind": _l("Choose a GeoJSON or DXF file."),
    "an outline is not a list of corners": _l("An outline in the file is not a list of corners."),
    "a corner is too far away": _l("A corner in the file lies farther out than any map coordinate."),
    "too many features": _l("The file has too many features. Send only the plot."),
}


def _upload_error(key: str) -> str:
    """The form error for an :class:`uploads.UploadError` key."""
    if key.startswith("json:"):
        return _("The file cannot be read: %(problem)s", problem=JSON_PROBLEMS.get(key[5:], key))
    return str(UPLOAD_ERRORS.get(key, key))


def _latest(project_id: int) -> tuple[Any, model.Plan]:
    current = services.latest(project_id)
    return current, services.plan_of(current)


# --------------------------------------------------------------------------- plot


def _edge_choices(corners: list[list[float]]) -> list[tuple[int, str]]:
    out = []
    n = len(corners)
    for i in range(n):
        a, b = corners[i], corners[(i + 1) % n]
        length = math.hypot(a[0] - b[0], a[1] - b[1])
        out.append((i, _("Edge %(i)d: from corner %(a)d to corner %(b)d, %(m)s m",
                         i=i, a=i + 1, b=(i + 1) % n + 1, m=num(length))))
    return out


def _plot_page(project_id: int, form: PlotForm, upload: PlotUploadForm, version: Any, plan: model.Plan,
               status: int = 200, conflict: Any = None):
    saved = services.plan_of(version)
    preview = Markup(drawing.preview_site_svg(saved, _("The plot with numbered edges"), pickable=True)) \
        if services.has_plot(saved) else None  # svgwrite escapes every text; no user text is drawn
    return render_template("plan/plot.html", project_id=project_id, form=form, upload=upload,
                           version=version, plan=plan, report=version.report, conflict=conflict,
                           preview=preview), status


@bp.route("/<int:project_id>/tomt", methods=["GET", "POST"])
@project_view(*PLOT_EDITORS)
def plot(project_id: int):
    """The plot: corners, road edges and the zoning plan's values, with a preview."""
    current, plan = _latest(project_id)
    form = PlotForm()
    upload = PlotUploadForm(formdata=None, base_version=current.number, prefix="upload")
    if not form.is_submitted():
        form.load(plan.plot)
        editing.start(form, current)
        form.road_edges.choices = opts(_edge_choices(model._ring(plan.plot.boundary)))
        return _plot_page(project_id, form, upload, current, plan)
    try:
        form.road_edges.choices = opts(_edge_choices(parse_corners(form.corners.data or "")))
    except ValueError:
        form.road_edges.choices = opts(_edge_choices(model._ring(plan.plot.boundary)))
    if not form.validate_on_submit():
        return _plot_page(project_id, form, upload, current, plan, 422)
    form.to_plot(plan.plot)
    response = editing.save(form, plan, "plan/plot.html", url_for("plan.plot", project_id=project_id),
                            _("The plot is saved."), project_id=project_id, upload=upload,
                            version=current, plan=plan, report=current.report)
    return response


def _boundary_problem(coords: list[list[float]]) -> str | None:
    """Why an outline from a file cannot be the plot (in local metres: too large, crossing itself)."""
    local, _shift = uploads.to_local(coords)
    try:
        limits.check_plot(local)
    except limits.TooMuch as e:
        return e.message()
    return limits.outline_problem(local)


def _apply_boundary(plan: model.Plan, coords: list[list[float]]) -> None:
    local, shift = uploads.to_local(coords)
    if local != plan.plot.boundary:
        plan.plot.road_edges, plan.plot.roads = [], None
    plan.plot.boundary = local
    if shift != (0.0, 0.0):
        plan.plot.extra["source_offset"] = list(shift)


@bp.route("/<int:project_id>/tomt/last-opp", methods=["POST"])
@project_view(*PLOT_EDITORS)
def plot_upload(project_id: int):
    """Read the plot from a GeoJSON or DXF file; several outlines: let the user choose."""
    current, plan = _latest(project_id)
    upload = PlotUploadForm(prefix="upload")
    form = PlotForm(formdata=None)
    form.load(plan.plot)
    editing.start(form, current)
    form.road_edges.choices = opts(_edge_choices(model._ring(plan.plot.boundary)))
    if not upload.validate_on_submit():
        return _plot_page(project_id, form, upload, current, plan, 422)
    f = upload.file.data
    try:
        data = f.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
        candidates = uploads.read_plot_file(f.filename or "", data, current_app.config["MAX_UPLOAD_VERTICES"])
    except uploads.UploadError as e:
        upload.file.errors = [_upload_error(str(e))]
        return _plot_page(project_id, form, upload, current, plan, 422)
    if len(candidates) == 1:
        problem = _boundary_problem(candidates[0][1])
        if problem:
            upload.file.errors = [_("The outline in the file cannot be used: %(problem)s", problem=problem)]
            return _plot_page(project_id, form, upload, current, plan, 422)
        _apply_boundary(plan, candidates[0][1])
        return editing.save(upload, plan, "plan/plot.html", url_for("plan.plot", project_id=project_id),
                            _("The plot is read from the file. Now mark the edges along the road."),
                            form_key="upload",
                            project_id=project_id, form=form, version=current, plan=plan,
                            report=current.report)
    choice = PlotChoiceForm(formdata=None, base_version=upload.base_version.data, note=upload.note.data,
                            candidates=json.dumps(candidates))
    _choice_labels(choice, candidates)
    return render_template("plan/plot_choice.html", project_id=project_id, form=choice)


def _choice_labels(form: PlotChoiceForm, candidates: list[Any]) -> None:
    from planner.geometry import polygon

    choices = []
    for i, (label, coords) in enumerate(candidates):
        try:
            area = num(polygon(coords).area)
        except Exception:  # noqa: BLE001 - an outline Shapely cannot read still gets a label
            area = "?"
        choices.append((i, _("Layer %(layer)s: %(n)d corners, %(area)s m²", layer=label, n=len(coords),
                             area=area)))
    form.choice.choices = opts(choices)


@bp.route("/<int:project_id>/tomt/velg", methods=["POST"])
@project_view(*PLOT_EDITORS)
def plot_choice(project_id: int):
    """Use the outline the user chose from an uploaded file."""
    current, plan = _latest(project_id)
    form = PlotChoiceForm()
    try:
        candidates = uploads.read_candidates(form.candidates.data or "[]",
                                             current_app.config["MAX_UPLOAD_VERTICES"])
    except uploads.UploadError:
        abort(400)
    coords_list = [c[1] for c in candidates]
    _choice_labels(form, candidates)
    if not form.validate_on_submit():
        return render_template("plan/plot_choice.html", project_id=project_id, form=form), 422
    problem = _boundary_problem(coords_list[form.choice.data])
    if problem:
        form.choice.errors = [_("This outline cannot be used: %(problem)s", problem=problem)]
        return render_template("plan/plot_choice.html", project_id=project_id, form=form), 422
    _apply_boundary(plan, coords_list[form.choice.data])
    return editing.save(form, plan, "plan/plot_choice.html", url_for("plan.plot", project_id=project_id),
                        _("The plot is read from the file. Now mark the edges along the road."),
                        project_id=project_id)


# --------------------------------------------------------------------------- floor plan


@bp.route("/<int:project_id>/plantegning")
@project_view(*EVERYONE)
def floor_plan(project_id: int):
    """The floor plan with its findings, and the ways to make or change it."""
    current, plan = _latest(project_id)
    return render_template("plan/floor_plan.html", project_id=project_id, version=current, plan=plan,
                           report=current.report, floors=drawing.floor_views(plan),
                           areas=services.room_areas(plan),
                           has_layout=_layout() is not None, has_plot=services.has_plot(plan))


def _layout() -> Any | None:
    try:
        module = importlib.import_module("planner.layout")
    except ModuleNotFoundError as e:
        if e.name and "planner.layout".startswith(e.name):
            return None
        raise
    return module if hasattr(module, "draft") else None


@bp.route("/<int:project_id>/plantegning/last-opp", methods=["GET", "POST"])
@project_view(*FAMILY)
def plan_upload(project_id: int):
    """Replace the plan by an uploaded plan/1 file (a new version; nothing else changes)."""
    current = services.latest(project_id)  # not its plan: a version that cannot be read is replaced here
    form = PlanUploadForm()
    context = {"project_id": project_id}
    if not form.is_submitted():
        editing.start(form, current)
    elif form.validate_on_submit():
        data = form.file.data.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
        try:
            if len(data) > current_app.config["MAX_UPLOAD_BYTES"]:
                raise PlanFormatError("", "too-large")
            new_plan = model.from_dict(safejson.loads(data))
            limits.check_plan(new_plan)
        except safejson.UnsafeJSON as e:
            form.file.errors = [_("The file cannot be read as a plan: %(problem)s",
                                   problem=JSON_PROBLEMS[e.reason])]
            return render_template("plan/upload.html", form=form, **context), 422
        except limits.TooMuch as e:
            form.file.errors = [_("The file cannot be read as a plan: %(problem)s", problem=e.message())]
            return render_template("plan/upload.html", form=form, **context), 422
        except PlanFormatError as e:
            form.file.errors = [_("The file cannot be read as a plan: %(problem)s",
                                   problem=e.message_in(lang()))]
            return render_template("plan/upload.html", form=form, **context), 422
        done = url_for("plan.floor_plan", project_id=project_id)
        return editing.save(form, new_plan, "plan/upload.html", done,
                            _("The plan from the file is saved as a new version."), **context)
    return render_template("plan/upload.html", form=form, **context), 422 if form.errors else 200


@bp.route("/<int:project_id>/plantegning/forslag", methods=["GET", "POST"])
@project_view(*FAMILY)
def variants(project_id: int):
    """Floor plans drafted from the room needs, side by side; the family picks one."""
    current, plan = _latest(project_id)
    layout = _layout()
    if layout is None or not services.has_plot(plan) or not plan.households:
        return render_template("plan/variants.html", project_id=project_id, variants=[], problem=None,
                               unavailable=True)
    if request.method == "POST":
        form = VariantForm()
        if form.validate_on_submit():
            try:
                chosen = model.from_dict(safejson.loads(form.plan.data or ""))
                limits.check_plan(chosen)
            except (safejson.UnsafeJSON, PlanFormatError, limits.TooMuch):
                abort(400)
            return editing.save(form, chosen, "plan/variants.html",
                                url_for("plan.floor_plan", project_id=project_id),
                                _("The floor plan you chose is saved as a new version."),
                                project_id=project_id, variants=[], problem=None, unavailable=False)
        abort(400)
    try:
        drafted = layout.draft(plan, plan.households[0].id, variants=3)
        problem = None
    except LayoutError as e:
        drafted, problem = [], e.message_in(lang())
    shown = []
    en = lang() == "en"
    for i, variant in enumerate(drafted):
        report = services.report_of(variant)
        b = next((b for b in variant.buildings if b.household == plan.households[0].id), None)
        info = (b.extra.get("layout") or {}) if b else {}
        name = info.get("name_en" if en else "name", "")
        # the note names the kind chosen ("Forslag til plantegning 2: Stor stue og kjøkken")
        note = (_("Floor plan suggestion %(n)d: %(name)s", n=i + 1, name=name) if name
                else _("Floor plan suggestion %(n)d", n=i + 1))
        form = VariantForm(formdata=None, base_version=current.number, plan=model.dumps(variant, indent=None),
                           note=note)
        svgs = [(s, _data_uri(drawing.floor_svg(variant, b.id, s, crop=True)))
                for s in sorted({r.storey for r in b.rooms})] if b else []
        shown.append({"n": i + 1, "plan": variant, "report": report, "form": form,
                      "choices": list(info.get("choices_en" if en else "choices", [])),
                      "name": name,
                      "summary": info.get("summary_en" if en else "summary", ""),
                      "building": b, "svgs": svgs})
    _differences(shown)
    return render_template("plan/variants.html", project_id=project_id, variants=shown, problem=problem,
                           unavailable=False, comparison=_comparison(project_id, shown))


def _differences(shown: list[dict[str, Any]]) -> None:
    """What sets each suggestion apart from the others, said first on its card: its one line of
    what it gives the family, then the choices no other suggestion makes."""
    from planner.layout.explain import differences

    if len(shown) < 2:
        for v in shown:
            v["differs"] = []
        return
    own = differences([v["choices"] for v in shown])
    for i, v in enumerate(shown):
        items = ([v["summary"]] if v["summary"] else []) + own[i]
        v["differs"] = items or [_("Much like the others; it differs only in details of the rooms' sizes.")]


def _marks(values: list[float], low: str, high: str) -> list[str]:
    """The word for the lowest and the highest of a row of figures ("" elsewhere, and everywhere when
    all are the same).

    >>> _marks([3.0, 1.0, 2.0], "least", "most"), _marks([2.0, 2.0], "least", "most")
    (['most', 'least', ''], ['', ''])
    """
    if max(values) - min(values) < 1e-9:
        return [""] * len(values)
    return [low if v == min(values) else high if v == max(values) else "" for v in values]


def _comparison(project_id: int, shown: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The figures of the suggestions side by side: the rows where they differ, with the lowest and
    the highest marked, and the figures they share; None for fewer than two suggestions."""
    from planner.layout.kinds import figures_of
    from planner.web.selfbuild.services import figures as price_figures
    from planner.web.templating import SUMMARY_NAMES

    houses = [v["building"] for v in shown]
    if len(shown) < 2 or any(b is None for b in houses):
        return None
    figs = [figures_of(b) for b in houses]
    price = price_figures(project_id)
    costs = [f.bra_m2 * price.cost_per_m2_bra_nok for f in figs]
    bya = [round(float(v["report"]["summary"].get("bya_percent", 0.0)), 1) for v in shown]
    least, most, lowest, highest = _("least"), _("most"), _("lowest"), _("highest")
    rows = [
        (SUMMARY_NAMES["bra_m2"], [f"{num(f.bra_m2)} m²" for f in figs], [f.bra_m2 for f in figs],
         least, most),
        (_("Footprint of the house"), [f"{num(f.footprint_m2)} m²" for f in figs],
         [f.footprint_m2 for f in figs], least, most),
        (SUMMARY_NAMES["bya_percent"], [f"{num(p)} %" for p in bya], bya, least, most),
        (_("Storeys"), [str(f.storeys) for f in figs], [float(f.storeys) for f in figs], "", ""),
        (_("Living room and kitchen"), [f"{num(f.living_m2)} m²" for f in figs], [f.living_m2 for f in figs],
         least, most),
        (_("Bedrooms"), [_("%(n)d: %(sizes)s m²", n=len(f.bedrooms_m2),
                           sizes=" · ".join(num(a) for a in f.bedrooms_m2)) for f in figs],
         [f.bedroom_total_m2 for f in figs], least, most),
        (_("Estimated building cost"), [_("%(m)s million kr", m=num(c / 1e6, 2)) for c in costs],
         [round(c, -4) for c in costs], lowest, highest),
    ]
    differ, same = [], []
    for label, texts, values, low, high in rows:
        if len(set(texts)) > 1:
            differ.append({"label": label, "cells": list(zip(texts, _marks(values, low, high), strict=True))})
        else:
            same.append(f"{label}: {texts[0]}")
    by = price.set_by.name if price.set_by else ""
    source = _("the contractor's price, set by %(name)s", name=by) if by else \
        _("a planning figure until the contractor sets its price")
    return {"heads": [(v["n"], v["name"]) for v in shown], "rows": differ, "same": same,
            "cost_note": _("Estimated building cost: BRA × %(price)s kr per m² (%(source)s), without the "
                           "plot.", price=kroner(price.cost_per_m2_bra_nok), source=source)}


def _data_uri(svg: str) -> str:
    """An SVG as a ``data:`` address for an ``<img>`` (never inlined into the page).

    >>> _data_uri("<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# --------------------------------------------------------------------------- one room


def _room_context(project_id: int, room_id: str) -> dict[str, Any]:
    current, plan = _latest(project_id)
    try:
        building, room = edits.find_room(plan, room_id)
    except edits.EditError:
        abort(404)
    return {"project_id": project_id, "version": current, "plan": plan, "building": building, "room": room}


def _room_forms(ctx: dict[str, Any], **given: Any) -> dict[str, Any]:
    """Every form of the room page, those given already filled in from the request."""
    room, building, n = ctx["room"], ctx["building"], ctx["version"].number
    forms: dict[str, Any] = {
        "room_form": given.get("room_form") or RoomForm(formdata=None, name=room.name, type=room.type,
                                                       base_version=n, prefix="room"),
        "wall_form": given.get("wall_form") or WallForm(formdata=None, base_version=n, prefix="wall"),
        "door_form": given.get("door_form") or DoorForm(formdata=None, base_version=n, prefix="door"),
        "window_form": given.get("window_form") or WindowForm(formdata=None, base_version=n, prefix="window"),
        "remove_form": RemoveForm(formdata=None, base_version=n, prefix="remove"),
    }
    forms["room_form"].type.choices = opts([(t, room_type(t).capitalize()) for t in model.ROOM_TYPES])
    forms["wall_form"].wall.choices = opts(_wall_choice(ctx["plan"], room, i, side, d)
                                           for i, side, d in edits.walls_of(room))
    others = [(r.id, r.name) for r in building.rooms if r.id != room.id and r.storey == room.storey]
    forms["door_form"].to_room.choices = opts([(model.OUTSIDE, _("Outside (entrance door)"))] + others)
    names = {r.id: r.name for r in building.rooms} | {model.OUTSIDE: _("outside")}
    ctx["doors"] = [(i, d, names.get(d.rooms[1] if d.rooms[0] == room.id else d.rooms[0], "?"))
                    for i, d in enumerate(building.doors) if room.id in d.rooms]
    ctx["windows"] = [(i, w) for i, w in enumerate(building.windows) if w.room == room.id]
    ctx["findings"] = [f for f in ctx["version"].report["findings"] if f["subject"] == f"room:{room.id}"]
    ctx["area"] = services.room_areas(ctx["plan"]).get(room.id, (None, None))[1]
    return forms


def _wall_choice(plan: model.Plan, room: model.Room, edge: int, side: str, depth_m: float) -> tuple[int, str]:
    """A wall as the family picks it: which side, the room's size across it, and which other rooms
    move with it (the whole wall line moves)."""
    label = _("%(side)s wall (now %(m)s m across)", side=SIDE_NAMES.get(side, side), m=num(depth_m, 2))
    others = [r.name for r in edits.moved_with(plan, room.id, edge)]
    if others:
        label = _("%(wall)s; moves %(rooms)s too", wall=label, rooms=", ".join(others))
    return edge, label


SIDE_NAMES = {"north": _l("North"), "south": _l("South"), "east": _l("East"), "west": _l("West"),
              "north-east": _l("North-east"), "north-west": _l("North-west"),
              "south-east": _l("South-east"), "south-west": _l("South-west")}

EDIT_ERRORS = {
    "no such room": _l("That room is not in the plan any more."),
    "no such wall": _l("Choose one of the room's walls."),
    "dimension out of range": _l("Choose a size between 0,5 and 100 m."),
    "a door joins two different rooms": _l("A door joins two different rooms."),
    "these rooms share no wall": _l("These rooms share no wall. Choose a room next to this one."),
    "the wall is shorter than the door": _l("The shared wall is shorter than the door."),
    "this room has no outer wall": _l("This room has no outer wall for a window."),
    "the wall is shorter than the window": _l("The outer wall is shorter than the window."),
    "no such door": _l("That door is not in the plan any more."),
    "no such window": _l("That window is not in the plan any more."),
}


def _room_edit(project_id: int, room_id: str, key: str, form: Any, change: Any, message: str):
    ctx = _room_context(project_id, room_id)
    forms = _room_forms(ctx, **{key: form})
    if form.validate_on_submit():
        try:
            change(ctx["plan"], ctx["building"], ctx["room"], form)
        except edits.EditError as e:
            form.form_errors.append(EDIT_ERRORS.get(str(e)) or refusal_text(e))
        else:
            forms.pop(key)
            return editing.save(form, ctx["plan"], "plan/room.html",
                                url_for("plan.room", project_id=project_id, room_id=room_id),
                                message, **{key: form}, **forms, **ctx)
    return render_template("plan/room.html", **forms, **ctx), 422


@bp.route("/<int:project_id>/rom/<room_id>", methods=["GET", "POST"])
@project_view(*FAMILY)
def room(project_id: int, room_id: str):
    """One room: its name and kind, its walls, doors and windows."""
    if request.method == "GET":
        ctx = _room_context(project_id, room_id)
        return render_template("plan/room.html", **_room_forms(ctx), **ctx)

    def change(plan: model.Plan, building: model.Building, room: model.Room, form: RoomForm) -> None:
        room.name, room.type = (form.name.data or "").strip(), form.type.data

    return _room_edit(project_id, room_id, "room_form", RoomForm(prefix="room"), change,
                      _("The room is saved."))


@bp.route("/<int:project_id>/rom/<room_id>/vegg", methods=["POST"])
@project_view(*FAMILY)
def wall(project_id: int, room_id: str):
    """Move a wall by typing the room's new size across it."""
    def change(plan: model.Plan, building: model.Building, room: model.Room, form: WallForm) -> None:
        edits.move_wall(plan, room.id, form.wall.data, form.depth_m.data)

    return _room_edit(project_id, room_id, "wall_form", WallForm(prefix="wall"), change,
                      _("The wall is moved."))


@bp.route("/<int:project_id>/rom/<room_id>/dor", methods=["POST"])
@project_view(*FAMILY)
def door(project_id: int, room_id: str):
    """Add a door from this room to a neighbour or outside."""
    def change(plan: model.Plan, building: model.Building, room: model.Room, form: DoorForm) -> None:
        edits.add_door(plan, building.id, room.id, form.to_room.data, form.width_m.data,
                       height_m=form.height_m.data)

    return _room_edit(project_id, room_id, "door_form", DoorForm(prefix="door"), change,
                      _("The door is added."))


@bp.route("/<int:project_id>/rom/<room_id>/vindu", methods=["POST"])
@project_view(*FAMILY)
def window(project_id: int, room_id: str):
    """Add a window in the room's outer wall."""
    def change(plan: model.Plan, building: model.Building, room: model.Room, form: WindowForm) -> None:
        edits.add_window(plan, room.id, form.width_m.data, form.height_m.data)

    return _room_edit(project_id, room_id, "window_form", WindowForm(prefix="window"), change,
                      _("The window is added."))


@bp.route("/<int:project_id>/rom/<room_id>/fjern-dor", methods=["POST"])
@project_view(*FAMILY)
def remove_door(project_id: int, room_id: str):
    """Remove one of the room's doors."""
    def change(plan: model.Plan, building: model.Building, room: model.Room, form: RemoveForm) -> None:
        doors = building.doors
        if not 0 <= form.index.data < len(doors) or room.id not in doors[form.index.data].rooms:
            raise edits.EditError("no such door")
        edits.remove_door(plan, building.id, form.index.data)

    return _room_edit(project_id, room_id, "remove_form", RemoveForm(prefix="remove"), change,
                      _("The door is removed."))


@bp.route("/<int:project_id>/rom/<room_id>/fjern-vindu", methods=["POST"])
@project_view(*FAMILY)
def remove_window(project_id: int, room_id: str):
    """Remove one of the room's windows."""
    def change(plan: model.Plan, building: model.Building, room: model.Room, form: RemoveForm) -> None:
        windows = building.windows
        if not 0 <= form.index.data < len(windows) or windows[form.index.data].room != room.id:
            raise edits.EditError("no such window")
        edits.remove_window(plan, building.id, form.index.data)

    return _room_edit(project_id, room_id, "remove_form", RemoveForm(prefix="remove"), change,
                      _("The window is removed."))
