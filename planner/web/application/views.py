"""The page "Byggesøknad": upload and correct the map extract, download the application package."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner import model
from planner.mapextract import MapExtractError, apply, read
from planner.web import editing, services
from planner.web.access import EVERYONE, REVIEWERS, can, project_view
from planner.web.application.forms import MapCorrectForm, MapUploadForm
from planner.web.files import content_disposition
from planner.web.selfbuild.services import with_decisions

bp = Blueprint("application", __name__, url_prefix="/prosjekt")

MAP_ERRORS = {
    "the map file is too large": _l("the map file is too large"),
    "the map file is not text (DXF, GeoJSON and GML are text files)":
        _l("the map file is not text (DXF, GeoJSON and GML are text files)"),
    "the map file holds NUL characters: it is not a DXF, GeoJSON or GML file":
        _l("the map file holds NUL characters: it is not a DXF, GeoJSON or GML file"),
    "the map file has no plots, buildings or roads that could be read":
        _l("the map file has no plots, buildings or roads that could be read"),
    "the map is in map coordinates (UTM); give the plan an origin (crs, e, n) first":
        _l("the map is in map coordinates (UTM); give the plan an origin (crs, e, n) first"),
    "the DXF file cannot be read": _l("the DXF file cannot be read"),
    "the GeoJSON file is not valid JSON": _l("the GeoJSON file is not valid JSON"),
    "the GeoJSON file has no feature collection": _l("the GeoJSON file has no feature collection"),
    "a GeoJSON geometry has coordinates that are not numbers":
        _l("a GeoJSON geometry has coordinates that are not numbers"),
    "the GML file declares entities; they are not accepted":
        _l("the GML file declares entities; they are not accepted"),
    "the GML file is not well-formed XML": _l("the GML file is not well-formed XML"),
    "a GML geometry has coordinates that are not numbers":
        _l("a GML geometry has coordinates that are not numbers"),
}
"""What :mod:`planner.mapextract` says, in the page's language."""


def _version(project_id: int):
    number = request.args.get("v", type=int)
    v = services.version(project_id, number) if number else services.latest(project_id)
    if v is None:
        abort(404)
    return v


def _correct_form(plan: model.Plan, current) -> MapCorrectForm:
    nb = plan.plot.neighbours
    form = MapCorrectForm(formdata=None, prefix="rett", data={
        "neighbours": [{"gnr": p.gnr, "bnr": p.bnr, "address": p.address or "", "owner": p.owner or ""}
                       for p in (nb.plots if nb else [])],
        "roads": [{"road": r.name or ""} for r in plan.plot.roads or []]})
    editing.start(form, current)
    return form


def _page(project_id: int, upload: MapUploadForm | None = None, correct: MapCorrectForm | None = None,
          status: int = 200):
    from planner.application import self_build

    current = services.latest(project_id)
    plan = services.plan_of(current)
    if upload is None:
        upload = MapUploadForm(formdata=None, prefix="kart")
        editing.start(upload, current)
    correct = correct if correct is not None else _correct_form(plan, current)
    return render_template("application/page.html", project_id=project_id, plan=plan, version=current,
                           upload=upload, correct=correct, cases=self_build(plan),
                           may_edit=can("decide")), status


@bp.route("/<int:project_id>/byggesoknad")
@project_view(*EVERYONE)
def page(project_id: int):
    """What the building application holds, the map extract, and the download."""
    return _page(project_id)


@bp.route("/<int:project_id>/byggesoknad.zip")
@project_view(*EVERYONE)
def download(project_id: int):
    """The application package of the latest version (or ``?v=N``) as a zip."""
    from planner.application import package, package_zip

    v = _version(project_id)
    files = package(with_decisions(project_id, services.plan_of(v)), version=str(v.number))
    return Response(package_zip(files), mimetype="application/zip", headers={
        "Content-Disposition": content_disposition(f"byggesoknad-{project_id}-v{v.number}.zip")})


@bp.route("/<int:project_id>/byggesoknad/kart", methods=["POST"])
@project_view(*REVIEWERS)
def map_upload(project_id: int):
    """Read the municipality's map extract into the plan's neighbours and roads (a new version)."""
    current = services.latest(project_id)
    plan = services.plan_of(current)
    form = MapUploadForm(prefix="kart")
    if not form.validate_on_submit():
        return _page(project_id, upload=form, status=422)
    f = form.file.data
    data = f.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    if len(data) > current_app.config["MAX_UPLOAD_BYTES"]:
        form.file.errors = [_("The file is too large.")]
        return _page(project_id, upload=form, status=422)
    try:
        extract = read(data, f.filename or "", plan.origin, source=form.source.data or "",
                       date=form.date.data or "")
    except MapExtractError as e:
        problem = MAP_ERRORS.get(str(e), str(e))
        form.file.errors = [_("The map cannot be read: %(problem)s", problem=problem)]
        return _page(project_id, upload=form, status=422)
    new = apply(plan, extract)
    n = len(new.plot.neighbours.plots) if new.plot.neighbours else 0
    done = url_for("application.page", project_id=project_id)
    return editing.save(form, new, "application/page.html", done,
                        _("The map is read: %(n)d neighbouring plots.", n=n), form_key="upload",
                        project_id=project_id, plan=plan, version=current,
                        correct=_correct_form(plan, current), cases=[], may_edit=True)


@bp.route("/<int:project_id>/byggesoknad/rett", methods=["POST"])
@project_view(*REVIEWERS)
def map_correct(project_id: int):
    """Correct what was read from the map: neighbours' gnr/bnr, addresses and owners, road names."""
    current = services.latest(project_id)
    plan = services.plan_of(current)
    form = MapCorrectForm(prefix="rett")
    nb = plan.plot.neighbours
    plots = nb.plots if nb else []
    roads = plan.plot.roads or []
    if len(form.neighbours.entries) != len(plots) or len(form.roads.entries) != len(roads):
        form.form_errors.append(_("The map changed in between; look at it again."))
        return _page(project_id, correct=form, status=409)
    if not form.validate_on_submit():
        return _page(project_id, correct=form, status=422)
    for p, row in zip(plots, form.neighbours.entries, strict=True):
        p.gnr, p.bnr = row.gnr.data, row.bnr.data
        p.address = (row.address.data or "").strip() or None
        p.owner = (row.owner.data or "").strip() or None
    for r, row in zip(roads, form.roads.entries, strict=True):
        r.name = (row.road.data or "").strip() or None
    done = url_for("application.page", project_id=project_id)
    return editing.save(form, plan, "application/page.html", done, _("The neighbours and roads are saved."),
                        form_key="correct", project_id=project_id, plan=plan, version=current,
                        upload=MapUploadForm(formdata=None, prefix="kart"), cases=[], may_edit=True)
