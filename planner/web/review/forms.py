"""Forms of the review: submit a version, comment or reply, resolve, decide with a reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, RadioField, SelectField, TextAreaField, widgets
from wtforms.validators import DataRequired, InputRequired, Length

from planner.web.fields import BaseForm, opts


class SubmitForm(BaseForm):
    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])


class CommentForm(BaseForm):
    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    anchor = SelectField(_l("About"), choices=[], default="",
                         description=_l("The whole version, one finding or one room."))
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=4000)],
                         description=_l("Name a member with @ (for example @Kari) and they are told."),
                         render_kw={"rows": 4})
    back = HiddenField()


class ReplyForm(BaseForm):
    parent = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    body = TextAreaField(_l("Your reply"), validators=[DataRequired(), Length(max=4000)],
                         render_kw={"rows": 3})
    back = HiddenField()


class ResolveForm(BaseForm):
    target = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    resolved = HiddenField(validators=[InputRequired()])
    back = HiddenField()


class DecisionForm(BaseForm):
    status = RadioField(_l("Your decision"), choices=opts([("approved", _l("Approved")),
                                                          ("changes_requested", _l("Changes requested"))]),
                        validators=[InputRequired(_l("Choose approved or changes requested."))])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=4000)],
                           description=_l("Required when you ask for changes: say what should change "
                                          "and why."),
                           render_kw={"rows": 4})

    def validate_reason(self, field) -> None:  # type: ignore[no-untyped-def]
        from wtforms.validators import ValidationError

        if self.status.data == "changes_requested" and not (field.data or "").strip():
            raise ValidationError(_l("Say what should change: the family needs the reason."))
