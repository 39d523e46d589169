"""Forms of the self-build work: propose a task, decide on it, mark it done, the contractor's figures."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from planner.contributions import Task
from planner.web.fields import EditForm, LocalFloatField, MultiCheckboxField, opts


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
    comment = TextAreaField(_l("Condition or comment"), validators=[Optional(), Length(max=2000)],
                            render_kw={"rows": 2},
                            description=_l("For example: the floor is laid after the heating cables are "
                                           "tested. Say why when you decline."))


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
