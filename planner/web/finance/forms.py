"""Forms of the financing page: the municipality's terms, the family's savings, the contractor's items
and milestones. None of them saves a plan version."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from planner.finance import COST_KINDS, SPECS
from planner.web.fields import BaseForm, opts
from planner.web.selfbuild.forms import NumberField

PARAM_LABELS: dict[str, Any] = {
    "start_loan_rate_percent": _l("Start loan: interest rate (percent a year)"),
    "start_loan_years": _l("Start loan: term (years)"),
    "start_loan_interest_only_years": _l("Start loan: years without instalments"),
    "start_loan_nok": _l("Start loan: amount (NOK, empty = what is left)"),
    "bank_loan_rate_percent": _l("Bank loan: interest rate (percent a year)"),
    "bank_loan_years": _l("Bank loan: term (years)"),
    "bank_loan_share": _l("Bank loan: share of the cost (0–1)"),
    "bank_loan_nok": _l("Bank loan: amount (NOK, empty = the share above)"),
    "construction_rate_percent": _l("Construction loan: interest rate (percent a year)"),
    "construction_months": _l("Construction loan: months until ferdigattest"),
    "savings_nok": _l("Your own savings (NOK)"),
    "grants_nok": _l("Grants (NOK)"),
    "municipal_fees_nok_year": _l("Municipal fees (NOK a year)"),
    "insurance_nok_year": _l("Home insurance (NOK a year)"),
    "electricity_kwh_per_m2_year": _l("Electricity (kWh per m² BRA a year)"),
    "electricity_nok_per_kwh": _l("Electricity price (NOK per kWh)"),
}
"""The label of every financing parameter."""


def params_form(keys: tuple[str, ...], **kwargs: Any) -> BaseForm:
    """A form with one number field a parameter in ``keys`` (empty = the default)."""

    class Form(BaseForm):
        pass

    for key in keys:
        spec = SPECS[key]
        setattr(Form, key, NumberField(PARAM_LABELS[key], minimum=spec.minimum, maximum=spec.maximum,
                                       validators=[Optional()]))
    return Form(**kwargs)


KIND_LABELS = {"plot": _l("Plot"), "connection": _l("Connection fees (water, sewage, power)"),
               "groundwork": _l("Groundwork"), "kitchen": _l("Kitchen"), "outdoor": _l("Outdoor"),
               "fees": _l("Fees (building permit, survey)"), "other": _l("Other")}
assert set(KIND_LABELS) == set(COST_KINDS)


class CostItemForm(BaseForm):
    kind = SelectField(_l("Kind"), choices=opts(KIND_LABELS.items()), validators=[InputRequired()])
    label = StringField(_l("What it is"), validators=[InputRequired(_l("Say what the item is.")),
                                                      Length(max=200)])
    amount_nok = NumberField(_l("Amount (NOK, estimate)"), minimum=0, maximum=100_000_000,
                             validators=[InputRequired(_l("Write the amount."))])


class MilestonesForm(BaseForm):
    start = IntegerField(_l("Building starts (week)"), validators=[Optional(), NumberRange(0, 520)])
    tett_hus = IntegerField(_l("Weathertight, tett hus (week)"), validators=[Optional(), NumberRange(0, 520)])
    ferdigattest = IntegerField(_l("Completion certificate, ferdigattest (week)"),
                                validators=[Optional(), NumberRange(0, 520)])
