"""The editor's JSON API: apply one edit and check it, the state of a version, save, restore.

Every answer is JSON; every write needs the CSRF token in the ``X-CSRFToken`` header
(Flask-WTF checks it) and a role that may make the change: plan edits are the family's,
plot edits also the municipal planner's (``planner/web/access.py``).
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Blueprint, Response, abort, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner import edits, model
from planner.errors import PlanFormatError
from planner.web import services
from planner.web.access import FAMILY, PLOT_EDITORS, project_view
from planner.web.editor.messages import refusal
from planner.web.editor.services import answer, only_plot_changed
from planner.web.templating import lang, room_type

bp = Blueprint("editor", __name__, url_prefix="/prosjekt")


def _fail(status: int, message: str, **more: Any) -> Response:
    """A JSON error answer (to return, or to raise with ``abort``)."""
    response = jsonify({"error": message, **more})
    response.status_code = status
    return response


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(_fail(400, _("The request is not a JSON object.")))
    return body


def _plan_from(project_id: int, body: dict[str, Any]) -> model.Plan:
    """The plan the request is about: the document it sends, else the version it names."""
    if "plan" in body:
        try:
            return model.from_dict(body["plan"])
        except (PlanFormatError, RecursionError) as e:
            problem = e.message_in(lang()) if isinstance(e, PlanFormatError) else "json-depth"
            abort(_fail(400, _("The plan cannot be read: %(problem)s", problem=problem)))
    number = body.get("base_version")
    v = services.version(project_id, number) if isinstance(number, int) and not isinstance(number, bool) \
        else None
    if v is None:
        abort(_fail(404, _("That version does not exist.")))
    return services.plan_of(v)


@bp.route("/<int:project_id>/api/plan")
@project_view(*PLOT_EDITORS)
def state(project_id: int):
    """The latest version (or ``?v=N``) as the editor starts from it: plan, findings, figures."""
    number = request.args.get("v", type=int)
    v = services.version(project_id, number) if number else services.latest(project_id)
    if v is None:
        abort(404)
    types = [[t, room_type(t)] for t in model.ROOM_TYPES]
    return jsonify(answer(services.plan_of(v), lang()) | {"version": v.number, "role": g.role,
                                                           "room_types": types, "limits": edits.LIMITS})


@bp.route("/<int:project_id>/api/rediger", methods=["POST"])
@project_view(*PLOT_EDITORS)
def edit(project_id: int):
    """Apply one edit to the plan sent (or to a saved version) and answer with the result, checked.

    A refused edit answers 422 with the reason and the place to mark; nothing is stored either way.
    The ``Server-Timing`` header says how long the app took (read, apply, check, answer).
    """
    started = time.perf_counter()
    body = _body()
    change = body.get("edit")
    kind = change.get("kind") if isinstance(change, dict) else None
    if kind not in edits.PLOT_KINDS and g.role not in FAMILY:
        abort(_fail(403, _("Only the family changes the floor plan.")))
    plan = _plan_from(project_id, body)
    shown = body.get("building") if isinstance(body.get("building"), str) else None
    try:
        done = edits.apply(plan, change if isinstance(change, dict) else {}, copy_first=False)
    except edits.EditError as e:
        return jsonify({"refused": refusal(e)}), 422
    out = answer(done.plan, lang(), shown)
    out["stopped"] = refusal(done.stopped) if done.stopped is not None else None
    out["made"] = done.made
    response = Response(json.dumps(out, ensure_ascii=False, separators=(",", ":")),  # compact, unsorted
                        mimetype="application/json")
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


@bp.route("/<int:project_id>/api/lagre", methods=["POST"])
@project_view(*PLOT_EDITORS)
def save(project_id: int):
    """Save the edited plan as the version after ``base_version`` (refused with 409 if someone saved
    in between)."""
    body = _body()
    base = body.get("base_version")
    if isinstance(base, bool) or not isinstance(base, int):
        abort(_fail(400, _("The request names no version to build on.")))
    if "plan" not in body:
        abort(_fail(400, _("The request has no plan.")))
    plan = _plan_from(project_id, body)
    if g.role not in FAMILY:
        v = services.version(project_id, base)
        if v is None or not only_plot_changed(services.plan_of(v), plan):
            abort(_fail(403, _("Only the family changes the floor plan.")))
    note = body.get("note")
    note = note.strip()[:500] if isinstance(note, str) and note.strip() else _("Changed in the editor")
    try:
        v = services.save_plan(project_id, plan, current_user, note, base)
    except services.Conflict as c:
        return _fail(409, _("%(name)s saved version %(n)d after you started. Your changes are not saved; "
                            "open the latest version and make them again.", name=c.latest.author.name,
                            n=c.latest.number), latest=c.latest.number)
    except PlanFormatError as e:
        return _fail(422, _("The plan cannot be saved: %(problem)s", problem=e.message_in(lang())))
    return jsonify({"version": v.number, "message": _("Saved as version %(n)d.", n=v.number)})


@bp.route("/<int:project_id>/versjoner/<int:number>/gjenopprett", methods=["POST"])
@project_view(*FAMILY)
def restore(project_id: int, number: int):
    """Make an earlier version the latest again, as a new version (nothing is ever overwritten)."""
    v = services.version(project_id, number)
    if v is None:
        abort(404)
    latest = services.latest(project_id)
    if latest.number == v.number:
        flash(_("Version %(n)d is already the latest.", n=v.number), "success")
        return redirect(url_for("projects.versions", project_id=project_id))
    try:
        saved = services.save_plan(project_id, services.plan_of(v), current_user,
                                   _("Version %(n)d restored", n=v.number), latest.number)
    except services.Conflict as c:
        flash(_("Someone saved version %(n)d just now. Look at it, then restore again if you still want "
                "to.", n=c.latest.number), "warning")
        return redirect(url_for("projects.versions", project_id=project_id))
    flash(_("Version %(old)d is restored as version %(n)d.", old=v.number, n=saved.number), "success")
    return redirect(url_for("projects.versions", project_id=project_id))
