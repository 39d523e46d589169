"""Forms to invite people into a project."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from planner.web.fields import BaseForm, opts

ROLE_CHOICES = [("planner", _l("Municipal planner: reviews, comments, approves or asks for changes")),
                ("contractor", _l("Contractor: comments and downloads the drawings")),
                ("mentor", _l("Mentor, a family that has done this before: reads and comments")),
                ("family", _l("Family: edits the plan with you"))]


EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Write an e-mail address like navn@eksempel.no."))


class InviteForm(BaseForm):
    name = StringField(_l("Their name"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"autocomplete": "off"})
    email = EmailField(_l("Their e-mail address"), validators=[DataRequired(), Length(max=254), EMAIL],
                       render_kw={"autocomplete": "off", "spellcheck": "false"})
    role = RadioField(_l("Who are you inviting?"), choices=opts(ROLE_CHOICES), default="planner")

    def __init__(self, *args: object, days: int = 14, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.role.description = _l("They get the link by e-mail, and you see it once here to send "
                                   "yourself. It works once and for %(days)d days.", days=days)
