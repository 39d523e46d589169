"""Forms of the self-build work: propose a task, decide on it, mark it done, the contractor's figures,
the hour ledger, the household's people, and a home that already stands read from a DXF."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from planner.contributions import Task
from planner.web.fields import BaseForm, EditForm, LocalFloatField, MultiCheckboxField, opts


class NumberField(LocalFloatField):
    """A number shown with the page's decimal mark (``0,25`` in Bokmål)."""

    def _value(self) -> str:
        from planner.web.templating import lang

        text = super()._value()
        return text if self.raw_data or lang() == "en" else text.replace(".", ",")


class ProposeForm(EditForm):
    task = SelectField(_l("Task"), choices=[], validate_choice=False,
                       description=_l("Only tasks a family may do are listed. The list below says who must "
                                      "do the others."))
    rooms = MultiCheckboxField(_l("Rooms"), choices=[], validate_choice=False,
                               description=_l("Choose the rooms the work is in. With none chosen, every room "
                                              "the task fits is counted. Plot work is measured on the plot."))
    who = SelectField(_l("Who does the work?"), choices=[])
    hours = NumberField(_l("Your own estimate of the hours (optional)"), minimum=0.5, maximum=5000,
                            description=_l("Leave it empty to use the estimate measured from the drawing."))


class ChangeForm(EditForm):
    rooms = MultiCheckboxField(_l("Rooms"), choices=[], validate_choice=False)
    who = SelectField(_l("Who does the work?"), choices=[])
    hours = NumberField(_l("Your own estimate of the hours (optional)"), minimum=0.5, maximum=5000,
                        description=_l("Leave it empty to use the estimate measured from the drawing."))
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)],
                            render_kw={"rows": 2})


class DecideForm(EditForm):
    decision = RadioField(_l("Your decision"),
                          choices=opts([("accept", _l("Accept")), ("decline", _l("Decline"))]),
                          validators=[InputRequired(_l("Choose accept or decline."))])
    comment = TextAreaField(_l("Condition or comment"), validators=[Length(max=2000)],
                            render_kw={"rows": 2},
                            description=_l("For example: the floor is laid after the heating cables are "
                                           "tested. Say why when you decline."))

    def validate_comment(self, field: Any) -> None:
        if self.decision.data == "decline" and not (field.data or "").strip():
            raise ValidationError(_l("Say why you decline, so the family can change the task."))


class WhenForm(EditForm):
    """When a task is done: its start week (of the work plan) and how many weeks it takes."""

    start_week = IntegerField(_l("Start week"), validators=[Optional(), NumberRange(0, 520)],
                              description=_l("Week 0 is the start of the project. Empty: where its phase "
                                             "begins."))
    weeks = IntegerField(_l("Weeks"), validators=[Optional(), NumberRange(1, 104)],
                         description=_l("Empty: as long as the hours need at the hours a week you can give."))


class DoneForm(EditForm):
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=2000)],
                            render_kw={"rows": 2})


class FiguresForm(EditForm):
    hour_value_nok = NumberField(_l("Value of one hour of the family's work (NOK)"), minimum=1,
                                     maximum=10000, validators=[InputRequired()],
                                     description=_l("An estimate: what an hour of this work saves you."))
    cost_per_m2_bra_nok = NumberField(_l("Building cost per m² BRA (NOK)"), minimum=1, maximum=1_000_000,
                                          validators=[InputRequired()],
                                          description=_l("An estimate without the plot. The share of the "
                                                         "building cost is measured against it."))


def figures_form(tasks: list[Task], lang: str, **kwargs: Any) -> FiguresForm:
    """A figures form with one hours-per-unit field a task (``h_<key>``), labelled in ``lang``."""

    class Form(FiguresForm):
        pass

    for t in tasks:
        setattr(Form, f"h_{t.key}", NumberField(t.name_in(lang), minimum=0, maximum=100,
                                                validators=[InputRequired()]))
    return Form(**kwargs)


class HoursForm(BaseForm):
    """One row of the hour ledger: who, which day, how many hours, a note, optionally a photo."""

    person = SelectField(_l("Who worked"), choices=[], validators=[InputRequired()])
    day = DateField(_l("Day"), validators=[InputRequired(_l("Give the day, for example 2027-05-14."))])
    hours = NumberField(_l("Hours"), minimum=0.25, maximum=24,
                        validators=[InputRequired(_l("Write the hours, for example 3,5."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)],
                         render_kw={"rows": 2})
    photo = FileField(_l("Photo (optional)"),
                      validators=[FileAllowed(["jpg", "jpeg", "png", "webp", "gif"],
                                              _l("Choose a photo (JPEG, PNG, WebP or GIF)."))],
                      description=_l("A photo of the work. It is stored with the ledger, made smaller and "
                                     "without its metadata (place, camera)."))


class ChangeHoursForm(BaseForm):
    person = SelectField(_l("Who worked"), choices=[], validators=[InputRequired()])
    day = DateField(_l("Day"), validators=[InputRequired(_l("Give the day, for example 2027-05-14."))])
    hours = NumberField(_l("Hours"), minimum=0.25, maximum=24,
                        validators=[InputRequired(_l("Write the hours, for example 3,5."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=2000)],
                         render_kw={"rows": 2})


class ConfirmForm(BaseForm):
    """The contractor confirms a task's logged hours."""

    as_agreed = RadioField(_l("Was the work done as agreed?"),
                           choices=opts([("yes", _l("Yes, as agreed")), ("no", _l("No, not as agreed"))]),
                           validators=[InputRequired(_l("Say whether the work was done as agreed."))])
    quality_note = TextAreaField(_l("Quality notes"), validators=[Length(max=2000)],
                                 render_kw={"rows": 2},
                                 description=_l("What you checked, and anything to put right."))

    def validate_quality_note(self, field: Any) -> None:
        if self.as_agreed.data == "no" and not (field.data or "").strip():
            raise ValidationError(_l("Say what was not as agreed."))


class PersonForm(EditForm):
    """One member of the household as the self-build work counts them."""

    age = IntegerField(_l("Age"), validators=[Optional(), NumberRange(0, 130)],
                       description=_l("Some tasks have a minimum age: 15 for painting, 18 with power tools."))
    hours_per_week = NumberField(_l("Hours a week they can give"), minimum=0, maximum=80,
                                 validators=[Optional()],
                                 description=_l("Empty: a planning figure (10 for an adult, 4 for 13–17, "
                                                "2 for a younger child)."))
    skills = MultiCheckboxField(_l("Good at"), choices=[], validate_choice=False)


class ExistingUploadForm(EditForm):
    file = FileField(_l("DXF drawing of the home"),
                     validators=[FileRequired(_l("Choose a file.")),
                                 FileAllowed(["dxf"], _l("Choose a DXF file."))],
                     description=_l("Rooms as closed polylines on one layer, drawn along the inside of the "
                                    "walls, with each room's name as a text inside it."))


class ExistingChoiceForm(EditForm):
    rooms_json = HiddenField()
    layer = RadioField(_l("Which layer holds the rooms?"), choices=[],
                       validators=[InputRequired(_l("Choose the layer with the rooms."))])

