"""Review: the family submits a version, everyone comments, the planner decides."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.web import services
from planner.web.access import EVERYONE, FAMILY, REVIEWERS, project_view
from planner.web.fields import opts
from planner.web.review.forms import CommentForm, DecisionForm, SubmitForm
from planner.web.templating import message

bp = Blueprint("review", __name__, url_prefix="/prosjekt")


def _anchor_choices(v) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    choices = [("", _("The whole version"))]
    for f in v.report["findings"]:
        choices.append((f"finding:{f['rule']}|{f['subject']}", _("Finding: %(m)s", m=message(f)[:90])))
    for _b, room in services.plan_of(v).all_rooms():
        choices.append((f"room:{room.id}", _("Room: %(name)s", name=room.name)))
    return choices


def _anchor_labels(comments) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Comment id -> what it is about in words: the finding's message or the room's name."""
    labels: dict[int, str] = {}
    rooms: dict[int, dict[str, str]] = {}
    for c in comments:
        if c.finding_rule:
            f = next((f for f in c.version.report["findings"]
                      if f["rule"] == c.finding_rule and f["subject"] == c.finding_subject), None)
            labels[c.id] = message(f) if f else c.finding_rule
        elif c.room_id:
            if c.version_id not in rooms:
                rooms[c.version_id] = {r.id: r.name for _b, r in services.plan_of(c.version).all_rooms()}
            labels[c.id] = rooms[c.version_id].get(c.room_id, c.room_id)
    return labels


def _page(project_id: int, v, comment_form: CommentForm | None = None, status: int = 200):  # type: ignore[no-untyped-def]
    latest = services.latest(project_id)
    if comment_form is None:
        comment_form = CommentForm(formdata=None, version=v.number)
    comment_form.anchor.choices = opts(_anchor_choices(v))
    reviews = services.reviews(project_id)
    comments = services.comments(project_id)
    return render_template("review/review.html", project_id=project_id, version=v, latest=latest,
                           reviews=reviews, comments=comments, anchors=_anchor_labels(comments),
                           comment_form=comment_form,
                           submit_form=SubmitForm(formdata=None, version=latest.number, prefix="submit"),
                           decision_form=DecisionForm(formdata=None)), status


@bp.route("/<int:project_id>/vurdering")
@project_view(*EVERYONE)
def review(project_id: int):
    """The review thread: submitted versions, decisions and comments."""
    number = request.args.get("v", type=int)
    v = services.version(project_id, number) if number else services.latest(project_id)
    if v is None:
        abort(404)
    return _page(project_id, v)


@bp.route("/<int:project_id>/vurdering/send-inn", methods=["POST"])
@project_view(*FAMILY)
def submit(project_id: int):
    """Submit a version for review by the municipal planner."""
    form = SubmitForm(prefix="submit")
    v = services.version(project_id, form.version.data or 0) if form.validate_on_submit() else None
    if v is None:
        abort(400)
    services.submit(project_id, v, current_user)
    flash(_("Version %(n)d is submitted for review.", n=v.number), "success")
    return redirect(url_for("review.review", project_id=project_id))


@bp.route("/<int:project_id>/vurdering/kommentar", methods=["POST"])
@project_view(*EVERYONE)
def comment(project_id: int):
    """Comment on a version, a finding or a room."""
    form = CommentForm()
    v = services.version(project_id, form.version.data or 0)
    if v is None:
        abort(400)
    form.anchor.choices = opts(_anchor_choices(v))
    if not form.validate_on_submit():
        return _page(project_id, v, form, 422)
    kind, _sep, value = (form.anchor.data or "").partition(":")
    services.comment(project_id, v, current_user, (form.body.data or "").strip(),
                     finding=value if kind == "finding" else None, room_id=value if kind == "room" else None)
    flash(_("Your comment is posted."), "success")
    return redirect(url_for("review.review", project_id=project_id, v=v.number) + "#kommentarer")


@bp.route("/<int:project_id>/vurdering/<int:review_id>/avgjor", methods=["POST"])
@project_view(*REVIEWERS)
def decide(project_id: int, review_id: int):
    """The municipal planner approves a submitted version or asks for changes."""
    form = DecisionForm()
    if not form.validate_on_submit():
        v = services.latest(project_id)
        flash(_("Choose approved or changes requested."), "error")
        return redirect(url_for("review.review", project_id=project_id, v=v.number))
    try:
        services.decide(project_id, review_id, form.status.data, current_user)
    except services.NotAllowed:
        abort(404)
    flash(_("Your decision is saved."), "success")
    return redirect(url_for("review.review", project_id=project_id))
