"""Forms to invite people into a project."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from planner.web.fields import BaseForm, opts

ROLE_CHOICES = [("planner", _l("Municipal planner: reviews, comments, approves or asks for changes")),
                ("contractor", _l("Contractor: comments and downloads the drawings")),
                ("mentor", _l("Mentor, a family that has done this before: reads and comments")),
                ("family", _l("Family: edits the plan with you"))]


class InviteForm(BaseForm):
    role = RadioField(_l("Who are you inviting?"), choices=opts(ROLE_CHOICES), default="planner")

    def __init__(self, *args: object, days: int = 14, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.role.description = _l("You get a link to send them. It works once and for %(days)d days.",
                                   days=days)
