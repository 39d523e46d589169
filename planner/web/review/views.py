"""Review: the family submits a version, everyone comments where it belongs, the planner decides."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.web import services
from planner.web.access import EVERYONE, FAMILY, REVIEWERS, project_view
from planner.web.fields import opts, strip_bidi
from planner.web.review import conversation, pins
from planner.web.review.forms import CommentForm, DecisionForm, ReplyForm, ResolveForm, SubmitForm
from planner.web.rule_titles import rule_title
from planner.web.templating import message

bp = Blueprint("review", __name__, url_prefix="/prosjekt")


def _anchor_choices(v) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    choices = [("", _("The whole version"))]
    for f in v.report["findings"]:
        choices.append((f"finding:{f['rule']}|{f['subject']}", _("Finding: %(m)s", m=message(f)[:90])))
    for _b, room in services.plan_of(v).all_rooms():
        choices.append((f"room:{room.id}", _("Room: %(name)s", name=strip_bidi(room.name))))
    return choices


def _about_labels(threads) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Comment id -> what it is about in words: the finding's message or the room's name."""
    labels: dict[int, str] = {}
    rooms: dict[int, dict[str, str]] = {}
    for t in threads:
        c = t.comment
        if c.finding_rule:
            f = next((f for f in c.version.report["findings"]
                      if f["rule"] == c.finding_rule and f["subject"] == c.finding_subject), None)
            labels[c.id] = message(f) if f else rule_title(c.finding_rule)
        elif c.room_id:
            if c.version_id not in rooms:
                rooms[c.version_id] = conversation._room_names(c.version)
            labels[c.id] = rooms[c.version_id].get(c.room_id, c.room_id)
    return labels


def _back(project_id: int, back: str | None, default: str) -> str:
    """Where a comment form returns to: the room page it came from (for the family), else ``default``."""
    if back and back.startswith("room:") and g.get("role") == "family":
        return url_for("plan.room", project_id=project_id, room_id=back[5:])
    return default


def _page(project_id: int, v, comment_form: CommentForm | None = None,  # type: ignore[no-untyped-def]
          decision_form: DecisionForm | None = None, decision_for: int | None = None,
          reply_form: ReplyForm | None = None, status: int = 200):
    latest = services.latest(project_id)
    if comment_form is None:
        comment_form = CommentForm(formdata=None, version=v.number)
    comment_form.anchor.choices = opts(_anchor_choices(v))
    threads = conversation.threads(project_id)
    by_finding: dict[tuple[str, str], list] = {}
    general = []
    for t in threads:
        if t.comment.finding_rule:
            by_finding.setdefault((t.comment.finding_rule, t.comment.finding_subject or ""), []).append(t)
        else:
            general.append(t)
    findings = v.report["findings"]
    shown = {(f["rule"], f["subject"]) for f in findings}
    gone = [ts for key, ts in by_finding.items() if key not in shown]
    return render_template(
        "review/review.html", project_id=project_id, version=v, latest=latest,
        reviews=services.reviews(project_id), status=conversation.status_of(project_id),
        pending=conversation.pending(project_id) if g.role == "family" else None,
        findings=findings, by_finding=by_finding, gone_threads=[t for ts in gone for t in ts],
        threads=general, about=_about_labels(threads), comment_form=comment_form,
        reply_form=reply_form or ReplyForm(formdata=None),
        reply_for=reply_form.parent.data if reply_form else None,
        resolve_form=ResolveForm(formdata=None),
        submit_form=SubmitForm(formdata=None, version=latest.number, prefix="submit"),
        decision_form=decision_form or DecisionForm(formdata=None), decision_for=decision_for), status


@bp.route("/<int:project_id>/vurdering")
@project_view(*EVERYONE)
def review(project_id: int):
    """Where the project stands, the submitted versions and decisions, and every comment thread."""
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
    try:
        conversation.submit(project_id, v, current_user)
    except conversation.Refused:
        flash(_("Version %(n)d is already waiting for review.", n=v.number), "error")
        return redirect(url_for("review.review", project_id=project_id))
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
        return _page(project_id, v, comment_form=form, status=422)
    kind, _sep, value = (form.anchor.data or "").partition(":")
    c = conversation.post(project_id, v, current_user, form.body.data or "",
                          finding=value if kind == "finding" else None,
                          room_id=value if kind == "room" else None)
    flash(_("Your comment is posted."), "success")
    default = url_for("review.review", project_id=project_id, v=v.number)
    return redirect(_back(project_id, form.back.data, default) + f"#kommentar-{c.id}")


@bp.route("/<int:project_id>/vurdering/svar", methods=["POST"])
@project_view(*EVERYONE)
def reply(project_id: int):
    """Reply to a comment (one level: a reply to a reply joins the thread)."""
    form = ReplyForm()
    if not form.validate_on_submit():
        parent = services.latest(project_id)
        return _page(project_id, parent, reply_form=form, status=422)
    try:
        c = conversation.post(project_id, services.latest(project_id), current_user, form.body.data or "",
                              parent_id=form.parent.data)
    except conversation.Refused:
        abort(404)
    flash(_("Your reply is posted."), "success")
    default = url_for("review.review", project_id=project_id, v=c.version.number)
    return redirect(_back(project_id, form.back.data, default) + f"#kommentar-{c.parent_id}")


@bp.route("/<int:project_id>/vurdering/lost", methods=["POST"])
@project_view(*EVERYONE)
def resolve(project_id: int):
    """Mark a comment resolved, or reopen it."""
    form = ResolveForm()
    if not form.validate_on_submit() or form.resolved.data not in ("ja", "nei"):
        abort(400)
    try:
        c = conversation.set_resolved(project_id, form.target.data or 0, current_user,
                                      form.resolved.data == "ja")
    except conversation.Refused:
        abort(404)
    flash(_("The comment is marked resolved.") if c.resolved_at else _("The comment is open again."),
          "success")
    default = url_for("review.review", project_id=project_id, v=c.version.number)
    return redirect(_back(project_id, form.back.data, default) + f"#kommentar-{c.id}")


@bp.route("/<int:project_id>/vurdering/<int:review_id>/avgjor", methods=["POST"])
@project_view(*REVIEWERS)
def decide(project_id: int, review_id: int):
    """The municipal planner approves a submitted version or asks for changes, with a reason."""
    form = DecisionForm()
    review_ = next((r for r in services.reviews(project_id) if r.id == review_id), None)
    if review_ is None:
        abort(404)
    if not form.validate_on_submit():
        return _page(project_id, review_.version, decision_form=form, decision_for=review_id, status=422)
    try:
        conversation.decide(project_id, review_id, form.status.data, form.reason.data or "", current_user)
    except conversation.Refused as e:
        if e.key == "already decided":
            flash(_("This version is already decided."), "error")
            return redirect(url_for("review.review", project_id=project_id))
        abort(404)
    flash(_("Your decision is saved."), "success")
    return redirect(url_for("review.review", project_id=project_id) + "#vurderinger")


@bp.route("/<int:project_id>/rom/<room_id>/kommentarer.svg")
@project_view(*EVERYONE)
def room_pins(project_id: int, room_id: str):
    """The room's floor drawing with a numbered pin for each comment thread on the room."""
    number = request.args.get("v", type=int)
    v = services.version(project_id, number) if number else services.latest(project_id)
    if v is None:
        abort(404)
    threads = conversation.threads(project_id, room_id=room_id)
    svg = pins.pinned_svg(services.plan_of(v), room_id, [i + 1 for i in range(len(threads))])
    if svg is None:
        abort(404)
    response = current_app.response_class(svg.encode(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.app_template_global()
def room_conversation(project_id: int, room, version) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What the room page's comment partial shows: the room's threads, numbered as their pins."""
    threads = conversation.threads(project_id, room_id=room.id)
    return {"threads": threads, "version": version,
            "comment_form": CommentForm(formdata=None, version=version.number, anchor=f"room:{room.id}",
                                        back=f"room:{room.id}"),
            "reply_form": ReplyForm(formdata=None), "resolve_form": ResolveForm(formdata=None)}
