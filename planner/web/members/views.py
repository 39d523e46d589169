"""Members of a project and invitations: by e-mail, the link shown once with a copy button, the
pending ones listed, and a page that tells a logged-out invitee who invited them to what."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.web import notify, services
from planner.web.access import EVERYONE, FAMILY, project_view
from planner.web.extensions import db
from planner.web.fields import ActionForm
from planner.web.members import invitations
from planner.web.members.forms import InviteForm
from planner.web.models import Project, User

bp = Blueprint("members", __name__)


def _invite_form(**kwargs: object) -> InviteForm:
    return InviteForm(days=current_app.config["INVITATION_DAYS"], **kwargs)


def _page(project_id: int, form: InviteForm, link: str | None = None, invited=None,  # type: ignore[no-untyped-def]
          status: int = 200):
    return render_template("members/members.html", project_id=project_id, form=form, link=link,
                           invited=invited, members=services.members(project_id, with_users=True),
                           invitations=services.invitations(project_id),
                           action=ActionForm(formdata=None), mail_enabled=notify.mail_enabled()), status


@bp.route("/prosjekt/<int:project_id>/medlemmer")
@project_view(*EVERYONE)
def members(project_id: int):
    """Who takes part, and (for the family) the invitations."""
    return _page(project_id, _invite_form(formdata=None))


@bp.route("/prosjekt/<int:project_id>/medlemmer/inviter", methods=["POST"])
@project_view(*FAMILY)
def invite(project_id: int):
    """Invite a named person by e-mail; the link is also shown once, with a copy button."""
    form = _invite_form()
    if not form.validate_on_submit():
        return _page(project_id, form, status=422)
    days = current_app.config["INVITATION_DAYS"]
    inv, link = invitations.invite(project_id, form.role.data, current_user, days, form.name.data or "",
                                   form.email.data or "")
    return _page(project_id, _invite_form(formdata=None), link=link, invited=inv)


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
def accept(token: str):
    """Who invited you to what; logged in, join the project, else log in or register first."""
    inv = services.find_invitation(token)
    if inv is None:
        abort(404)
    project = db.session.get(Project, inv.project_id)
    inviter = db.session.get(User, inv.created_by_id)
    form = ActionForm()
    page = {"inv": inv, "project": project, "inviter": inviter, "form": form}
    if request.method == "POST":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.path))
        if form.validate_on_submit():
            try:
                invitations.accept(inv, current_user)
            except services.NotAllowed:
                return render_template("members/accept.html", **page), 410
            flash(_("Welcome to the project."), "success")
            return redirect(url_for("projects.overview", project_id=inv.project_id))
    status = 200 if inv.state() == "open" else 410
    return render_template("members/accept.html", **page), status
