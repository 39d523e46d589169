"""Forms of the review: submit a version, comment, decide."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, TextAreaField, widgets
from wtforms.validators import DataRequired, InputRequired, Length

from planner.web.fields import BaseForm, opts


class SubmitForm(BaseForm):
    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])


class CommentForm(BaseForm):
    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    anchor = SelectField(_l("About"), choices=[], default="",
                         description=_l("The whole version, one finding or one room."))
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=4000)],
                         render_kw={"rows": 4})


class DecisionForm(BaseForm):
    status = RadioField(_l("Your decision"), choices=opts([("approved", _l("Approved")),
                                                          ("changes_requested", _l("Changes requested"))]),
                        validators=[InputRequired(_l("Choose approved or changes requested."))])
