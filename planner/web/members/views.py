"""Members of a project and invitation links."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from planner.web import services
from planner.web.access import EVERYONE, FAMILY, project_view
from planner.web.extensions import db
from planner.web.fields import ActionForm
from planner.web.members.forms import InviteForm
from planner.web.models import Project

bp = Blueprint("members", __name__)


def _invite_form(**kwargs: object) -> InviteForm:
    return InviteForm(days=current_app.config["INVITATION_DAYS"], **kwargs)


def _page(project_id: int, form: InviteForm, link: str | None = None, status: int = 200):
    return render_template("members/members.html", project_id=project_id, form=form, link=link,
                           members=services.members(project_id), invitations=services.invitations(project_id),
                           action=ActionForm(formdata=None)), status


@bp.route("/prosjekt/<int:project_id>/medlemmer")
@project_view(*EVERYONE)
def members(project_id: int):
    """Who takes part, and (for the family) the invitations."""
    return _page(project_id, _invite_form(formdata=None))


@bp.route("/prosjekt/<int:project_id>/medlemmer/inviter", methods=["POST"])
@project_view(*FAMILY)
def invite(project_id: int):
    """Make an invitation link; it is shown once."""
    form = _invite_form()
    if not form.validate_on_submit():
        return _page(project_id, form, status=422)
    days = current_app.config["INVITATION_DAYS"]
    _, token = services.invite(project_id, form.role.data, current_user, days)
    return _page(project_id, _invite_form(formdata=None), link=url_for("members.accept", token=token,
                                                                      _external=True))


@bp.route("/prosjekt/<int:project_id>/medlemmer/trekk-tilbake", methods=["POST"])
@project_view(*FAMILY)
def revoke(project_id: int):
    """Revoke an invitation so its link no longer works."""
    form = ActionForm()
    if form.validate_on_submit() and (form.target.data or "").isdigit():
        try:
            services.revoke(project_id, int(form.target.data))
            flash(_("The invitation is revoked. The link no longer works."), "success")
        except services.NotAllowed:
            abort(404)
    return redirect(url_for("members.members", project_id=project_id))


@bp.route("/prosjekt/<int:project_id>/medlemmer/fjern", methods=["POST"])
@project_view(*FAMILY)
def remove(project_id: int):
    """Remove a member from the project."""
    form = ActionForm()
    if form.validate_on_submit() and (form.target.data or "").isdigit():
        try:
            services.remove_member(project_id, int(form.target.data), current_user)
            flash(_("The member is removed."), "success")
        except services.NotAllowed:
            flash(_("The last family member cannot be removed."), "error")
    return redirect(url_for("members.members", project_id=project_id))


@bp.route("/invitasjon/<token>", methods=["GET", "POST"])
@login_required
def accept(token: str):
    """Join a project through an invitation link."""
    inv = services.find_invitation(token)
    if inv is None:
        abort(404)
    project = db.session.get(Project, inv.project_id)
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.accept(inv, current_user)
        except services.NotAllowed:
            return render_template("members/accept.html", inv=inv, project=project, form=form), 410
        flash(_("Welcome to the project."), "success")
        return redirect(url_for("projects.overview", project_id=inv.project_id))
    status = 200 if inv.state() == "open" else 410
    return render_template("members/accept.html", inv=inv, project=project, form=form), status
