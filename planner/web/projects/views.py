"""A project: create it, its overview, household, room needs, versions, downloads and the check API."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from planner import model
from planner.layout.program import suggest
from planner.web import drawing, editing, services
from planner.web.access import EVERYONE, FAMILY, project_view
from planner.web.fields import opts
from planner.web.files import content_disposition
from planner.web.projects import notes
from planner.web.projects.forms import (
    MAX_MEMBERS,
    MAX_NEEDS,
    HouseholdForm,
    NeedsForm,
    NewProjectForm,
    new_member_row,
)
from planner.web.rule_titles import rule_title
from planner.web.selfbuild import services as selfbuild_services
from planner.web.templating import lang, room_type

bp = Blueprint("projects", __name__, url_prefix="/prosjekt")
bp.add_app_template_filter(notes.render, "version_note")
bp.add_app_template_filter(rule_title, "rule_title")


@bp.route("/ny", methods=["GET", "POST"])
@login_required
def new():
    """Start a project: its name, the municipality and the household's name."""
    form = NewProjectForm()
    if form.validate_on_submit():
        name, municipality, household = ((f.data or "").strip() for f in (form.name, form.municipality,
                                                                            form.household))
        project = services.create_project(current_user, name, municipality, household)
        if form.gnr.data is not None or form.bnr.data is not None:
            current = services.latest(project.id)
            plan = services.plan_of(current)
            plan.project.gnr, plan.project.bnr = form.gnr.data, form.bnr.data
            services.save_plan(project.id, plan, current_user, notes.note("gnr_bnr"), current.number)
        return redirect(url_for("projects.household", project_id=project.id))
    return render_template("projects/new.html", form=form), 422 if form.errors else 200


@bp.route("/<int:project_id>/")
@project_view(*EVERYONE)
def overview(project_id: int):
    """The project at a glance: steps, drawings, findings and the review state."""
    current = services.latest(project_id)
    report = services.stored_report(current.id, current.report_json)
    facts = report.get("facts") or services.facts_of(services.plan_of(current))
    if not facts["has_plot"]:  # a new project: no plot is not yet a mistake to fix
        report = dict(report, findings=[f for f in report["findings"]
                                        if not (f["subject"] == "plot" and f["rule"] == "geometry.invalid")])
    return render_template("projects/overview.html", project_id=project_id, version=current, facts=facts,
                           report=report, has_plot=facts["has_plot"], floors=facts["floors"],
                           review=services.latest_review(project_id))


@bp.route("/<int:project_id>/husstand", methods=["GET", "POST"])
@project_view(*FAMILY)
def household(project_id: int):
    """Who lives there, what matters to them and what they are good at."""
    current = services.latest(project_id)
    plan = services.plan_of(current)
    h = editing.household(plan)
    form = HouseholdForm()
    context = {"project_id": project_id, "plan": plan, "household": h, "focus": None,
               "max_members": MAX_MEMBERS}
    action = request.form.get("row_action", "") if form.is_submitted() else ""
    if not form.is_submitted():
        form.load(h)
        editing.start(form, current)
    elif action.startswith(("add:members", "remove:members-")):
        context["focus"] = _member_rows(form, action)
    elif form.validate_on_submit():
        form.to_household(h)
        return editing.save(form, plan, "projects/household.html", request.full_path,
                            _("The household is saved."), **context)
    return _render("projects/household.html", form, **context)


def _member_rows(form: HouseholdForm, action: str) -> str:
    """Add or remove a person (nothing is saved); the id of the control to focus next: the new
    row, or the row after the removed one (the add button when it was the last)."""
    rows = [e.data for e in form.members.entries]
    if action == "add:members":
        if len(rows) >= MAX_MEMBERS:
            form.form_errors.append(_("A household has at most %(n)d people in the planner. For more, "
                                      "make a second household in the same project.", n=MAX_MEMBERS))
            return "add-member"
        rows.append(new_member_row(rows))
        editing.replace_rows(form.members, rows)
        return f"members-{len(rows) - 1}-role"
    index = action.rpartition("-")[2]
    if index.isdigit() and int(index) < len(rows) and len(rows) > 1:
        del rows[int(index)]
        editing.replace_rows(form.members, rows)
        return f"members-{int(index)}-role" if int(index) < len(rows) else "add-member"
    editing.replace_rows(form.members, rows)
    return "add-member"


def _render(template: str, form: object, **context: object):
    status = 422 if getattr(form, "errors", None) else 200
    return render_template(template, form=form, **context), status


@bp.route("/<int:project_id>/rombehov", methods=["GET", "POST"])
@project_view(*FAMILY)
def needs(project_id: int):
    """The rooms the household needs, with a suggestion from its size."""
    current = services.latest(project_id)
    plan = services.plan_of(current)
    h = editing.household(plan)
    form = NeedsForm()
    _room_type_labels(form)
    context = {"project_id": project_id, "plan": plan, "household": h, "focus": None, "reasons": []}
    if not form.is_submitted():
        form.load(h)
        editing.start(form, current)
    elif request.form.get("row_action") == "suggest":
        suggestion = suggest(h)
        editing.replace_rows(form.needs, [{"type": t, "count": n, "min_area_m2": m2, "wish": ""}
                                          for t, n, m2 in suggestion.needs])
        _room_type_labels(form)
        context["focus"] = "needs-0-type"
        context["reasons"] = [r[1] if lang() == "en" else r[0] for r in suggestion.reasons]
    elif request.form.get("row_action", "").startswith(("add:needs", "remove:needs-")):
        context["focus"] = _need_rows(form, request.form["row_action"])
        _room_type_labels(form)
    elif form.validate_on_submit():
        h.room_needs = form.to_room_needs()
        return editing.save(form, plan, "projects/needs.html", request.full_path,
                            _("The room needs are saved."), **context)
    return _render("projects/needs.html", form, **context)


def _need_rows(form: NeedsForm, action: str) -> str:
    """Add or remove a room row; the id of the control to focus next (as for people)."""
    rows = [e.data for e in form.needs.entries]
    if action == "add:needs":
        if len(rows) >= MAX_NEEDS:
            form.form_errors.append(_("At most %(n)d rows of rooms. Use “How many” for rooms of one kind.",
                                      n=MAX_NEEDS))
            return "add-need"
        rows.append({"type": "bedroom", "count": 1, "min_area_m2": None, "wish": ""})
        editing.replace_rows(form.needs, rows)
        return f"needs-{len(rows) - 1}-type"
    index = action.rpartition("-")[2]
    if index.isdigit() and int(index) < len(rows):
        del rows[int(index)]
        editing.replace_rows(form.needs, rows)
        return f"needs-{int(index)}-type" if int(index) < len(rows) else "add-need"
    editing.replace_rows(form.needs, rows)
    return "add-need"


def _room_type_labels(form: NeedsForm) -> None:
    choices = [(t, room_type(t).capitalize()) for t in model.ROOM_TYPES]
    for entry in form.needs.entries:
        entry.form.type.choices = opts(choices)


@bp.route("/<int:project_id>/versjoner")
@project_view(*EVERYONE)
def versions(project_id: int):
    """Every saved version, newest first, with a form to compare two."""
    all_versions = [_Shown(v) for v in services.versions(project_id)]
    return render_template("projects/versions.html", project_id=project_id, versions=all_versions)


class _Shown:
    """A stored version as the list shows it: its note in the reader's language (never changes the
    stored row)."""

    def __init__(self, v: object) -> None:
        self._v = v
        self.note = notes.render(getattr(v, "note", ""))

    def __getattr__(self, name: str) -> object:
        return getattr(self._v, name)


@bp.route("/<int:project_id>/sammenlign")
@project_view(*EVERYONE)
def compare(project_id: int):
    """What changed between two versions: key figures, room areas, findings."""
    a = services.version(project_id, request.args.get("a", type=int) or 0)
    b = services.version(project_id, request.args.get("b", type=int) or 0)
    if a is None or b is None:
        return redirect(url_for("projects.versions", project_id=project_id))
    in_a = set(drawing.floor_views(services.plan_of(a)))
    in_b = set(drawing.floor_views(services.plan_of(b)))
    floors = [(bid, storey, (bid, storey) in in_a, (bid, storey) in in_b)
              for bid, storey in sorted(in_a | in_b)]
    return render_template("projects/compare.html", project_id=project_id, a=a, b=b,
                           diff=services.compare(a, b), floors=floors)


def _version_or_latest(project_id: int):
    number = request.args.get("v", type=int)
    v = services.version(project_id, number) if number else services.latest(project_id)
    if v is None:
        abort(404)
    return v


@bp.route("/<int:project_id>/last-ned")
@project_view(*EVERYONE)
def downloads(project_id: int):
    """The files members can download."""
    v = _version_or_latest(project_id)
    plan = services.plan_of(v)
    return render_template("projects/downloads.html", project_id=project_id, version=v, plan=plan,
                           kinds=drawing.downloads(), floors=drawing.floor_views(plan))


@bp.route("/<int:project_id>/last-ned/<kind>")
@project_view(*EVERYONE)
def download(project_id: int, kind: str):
    """One download, of the latest version or of ``?v=N``."""
    kinds = drawing.downloads()
    if kind not in kinds:
        abort(404)
    v = _version_or_latest(project_id)
    # the contractor's decisions on self-build tasks are task events, not versions: a file taken
    # into CAD, a bank's or a case officer's hands says what was decided
    plan = selfbuild_services.with_decisions(project_id, services.plan_of(v))
    try:
        data = drawing.render_download(plan, kind, request.args.get("bygning"),
                                       request.args.get("etasje", 1, type=int))
    except KeyError:
        abort(404)
    suffix, mimetype = kinds[kind]
    response = current_app.response_class(data, mimetype=mimetype)
    filename = f"prosjekt-{project_id}-v{v.number}{suffix}"
    response.headers["Content-Disposition"] = content_disposition(filename)
    return response


def current_app_response(data: bytes, mimetype: str):
    return current_app.response_class(data, mimetype=mimetype)


@bp.route("/<int:project_id>/v<int:number>/tomt.svg")
@project_view(*EVERYONE)
def site_image(project_id: int, number: int):
    """The site plan of a version, as an image for the pages."""
    v = services.version(project_id, number) or abort(404)
    plan = services.plan_of(v)
    svg = drawing.preview_site_svg(plan) if request.args.get("kanter") else drawing.site_svg(plan)
    response = current_app_response(svg.encode(), "image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:project_id>/v<int:number>/plan-<building>-<int:storey>.svg")
@project_view(*EVERYONE)
def floor_image(project_id: int, number: int, building: str, storey: int):
    """One floor of a version, as an image for the pages: the whole sheet, or with
    ``?utsnitt=tegning`` the drawing alone, large enough to read on a page."""
    v = services.version(project_id, number) or abort(404)
    plan = services.plan_of(v)
    if (building, storey) not in drawing.floor_views(plan):
        abort(404)
    crop = request.args.get("utsnitt") == "tegning"
    b = plan.building(building)
    marked = request.args.get("rom", "") if crop else ""  # a page's room, marked in the drawing alone
    mark = marked if b is not None and any(r.id == marked and r.storey == storey for r in b.rooms) else None
    svg = drawing.floor_svg(plan, building, storey, crop=crop, marked=mark)
    response = current_app_response(svg.encode(), "image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<int:project_id>/api/sjekk")
@project_view(*EVERYONE)
def check_api(project_id: int):
    """The check report of the latest version (or ``?v=N``) as JSON, messages in ``?lang=``."""
    v = _version_or_latest(project_id)
    report = services.stored_report(v.id, v.report_json)
    lang = request.args.get("lang", "nb")
    findings = [{k: f[k] for k in f if k not in ("messages", "group")}
                | {"message": f["messages"].get(lang, f["message"])} for f in report["findings"]]
    return jsonify({"project": project_id, "version": v.number, "ok": report["ok"],
                    "summary": report["summary"], "findings": findings, "role": g.role})
