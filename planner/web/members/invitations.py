"""Invitations by e-mail: who is invited, by whom, the mail with the link, and telling the members
when someone joins."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from planner.web import notify, services
from planner.web.extensions import db
from planner.web.models import Invitation, Membership, Project, User
from planner.web.notify.models import OutgoingMail
from planner.web.templating import ROLE_HELP, ROLE_NAMES, when


def invite(project_id: int, role: str, by: User, days: int, name: str, email: str) -> tuple[Invitation, str]:
    """An invitation for a named person; its link is e-mailed to them (when e-mail is on) and returned."""
    inv, token = services.invite(project_id, role, by, days)
    inv.invitee_name, inv.invitee_email = name.strip()[:120], email.strip().lower()[:254]
    db.session.commit()
    link = notify.origin() + url_for("members.accept", token=token)
    if notify.mail_enabled():
        project = db.session.get(Project, project_id)
        assert project is not None
        with force_locale(str(get_locale() or "nb")):
            body = "\n".join([
                _("Hello %(name)s,", name=inv.invitee_name), "",
                _("%(who)s invites you to take part in the project %(project)s as %(role)s: %(help)s.",
                  who=by.name, project=project.name, role=ROLE_NAMES[role], help=ROLE_HELP[role]), "",
                _("Open the link to join (log in, or create an account first):"), link, "",
                _("The link works once, until %(time)s.", time=when(inv.expires_at))])
            subject = _("%(who)s invites you to %(project)s", who=by.name, project=project.name)
        db.session.add(OutgoingMail(project_id=None, user_id=None, to_addr=inv.invitee_email,
                                    subject=" ".join(subject.split())[:300], body=body))
        db.session.commit()
    return inv, link


def accept(inv: Invitation, user: User) -> Membership:
    """Join through the invitation; the other members are told."""
    was_member = any(m.user_id == user.id for m in services.members(inv.project_id))
    membership = services.accept(inv, user)
    if not was_member:
        notify.notify(inv.project_id, "invitation_accepted", user, params={"role": membership.role},
                      url=url_for("members.members", project_id=inv.project_id))
    return membership
