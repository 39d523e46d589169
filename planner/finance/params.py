"""The financing parameters: each with its default, its limits and where the figure comes from.

The limits of the start loan are Husbanken's (forskrift om startlån fra Husbanken,
and Husbanken's guide to the start loan, "Nedbetalingsvilkår", which cites § 8-5 of
the regulation on interest and repayment terms): a term of up to 30 years, up to 50
years in special cases, and up to 8 years without instalments. The other figures are
**planning defaults** that the municipality sets per project (and the contractor for
the building cost): an estimate until the real offer is known.

>>> p = parameters({"start_loan_years": 50})
>>> p.start_loan_years, p.bank_loan_share
(50, 0.85)
>>> try:
...     parameters({"start_loan_interest_only_years": 9})
... except FinanceError as e:
...     print(e)
finance.parameters.start_loan_interest_only_years: must be at most 8, got 9
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any

from planner.errors import PlannerError

HUSBANKEN_TERMS = ("https://www.husbanken.no/kommune/startlaan/veileder/renter-og-avdragsvilkar/"
                   "nedbetalingsvilkar/")
HUSBANKEN_LOAN_TERMS = "https://husbanken.no/person/startlaan/laanevilkaar/"
REGULATION = "forskrift om startlån fra Husbanken"
TEK17_ENERGY = "TEK17 § 14-2 (energirammen for småhus: 100 + 1600/m² BRA kWh per m² og år)"


class FinanceError(PlannerError):
    """A financing parameter or cost item cannot be used."""


@dataclass(frozen=True)
class Spec:
    """What one parameter is: its limits, its unit and where its default comes from (nb, en)."""

    minimum: float
    maximum: float
    integer: bool
    source: tuple[str, str]
    unit: str = ""


MUNICIPALITY = ("Planleggingstall; kommunen setter det for prosjektet.",
                "A planning figure; the municipality sets it for the project.")
FAMILY = ("Familiens egne tall.", "The family's own figure.")

SPECS: dict[str, Spec] = {
    "start_loan_rate_percent": Spec(0, 20, False, (
        "Husbankens flytende rente for startlån (følger markedsrenten; kommunen kan legge på et påslag). "
        "Standardtallet er et anslag; kommunen setter dagens rente.",
        "Husbanken's floating rate for start loans (follows the market; the municipality may add a margin). "
        "The default is an estimate; the municipality sets today's rate."), "%"),
    "start_loan_years": Spec(1, 50, True, (
        f"Inntil 30 år, i særlige tilfeller inntil 50 år: Husbankens veileder for startlån "
        f"({HUSBANKEN_TERMS}), "
        f"{REGULATION}.",
        f"Up to 30 years, up to 50 in special cases: Husbanken's guide to the start loan "
        f"({HUSBANKEN_TERMS}), "
        f"{REGULATION}."), "år"),
    "start_loan_interest_only_years": Spec(0, 8, True, (
        f"Inntil 8 år uten avdrag (avdragsfrihet): Husbanken ({HUSBANKEN_LOAN_TERMS}).",
        f"Up to 8 years without instalments: Husbanken ({HUSBANKEN_LOAN_TERMS})."), "år"),
    "start_loan_nok": Spec(0, 1e8, False, (
        "Uten beløp dekker startlånet det som mangler etter banklånet. Kommunen avgjør beløpet.",
        "Empty means: the start loan covers what is left after the bank loan. The municipality decides."),
        "kr"),
    "bank_loan_rate_percent": Spec(0, 20, False, (
        "Planleggingstall for et vanlig boliglån; banken gir det riktige tilbudet.",
        "A planning figure for an ordinary mortgage; the bank gives the real offer."), "%"),
    "bank_loan_years": Spec(1, 30, True, (
        "Planleggingstall: vanlig løpetid for boliglån er 25–30 år.",
        "A planning figure: mortgages usually run 25–30 years."), "år"),
    "bank_loan_share": Spec(0, 1, False, (
        "Andel av kostnaden banken låner ut (grunnfinansiering); startlånet er toppfinansiering "
        f"({HUSBANKEN_TERMS}). Planleggingstall.",
        "Share of the cost the bank lends (the base loan); the start loan is the top loan "
        f"({HUSBANKEN_TERMS}). A planning figure."), ""),
    "bank_loan_nok": Spec(0, 1e8, False, (
        "Uten beløp: andelen over av kostnaden.", "Empty means: the share above of the cost."), "kr"),
    "construction_rate_percent": Spec(0, 20, False, (
        "Planleggingstall for byggelån (ofte litt høyere enn boliglån).",
        "A planning figure for a construction loan (often a little above a mortgage)."), "%"),
    "construction_months": Spec(0, 60, True, (
        "Måneder fra byggestart til ferdigattest; startlånet betales ut først ved ferdigattest. "
        "Fra arbeidsplanen når den har milepæler.",
        "Months from the start of building to the completion certificate; the start loan is paid out "
        "only then. From the work plan when it has milestones."), "mnd"),
    "savings_nok": Spec(0, 1e8, False, FAMILY, "kr"),
    "grants_nok": Spec(0, 1e8, False, (
        "Tilskudd (for eksempel tilskudd til etablering fra kommunen). Kommunen setter det.",
        "Grants (for example a municipal grant for buying a home). The municipality sets it."), "kr"),
    "municipal_fees_nok_year": Spec(0, 1e6, False, (
        "Kommunale avgifter (vann, avløp, renovasjon, feiing) per år: planleggingstall; kommunens "
        "gebyrregulativ gir de riktige.",
        "Municipal fees (water, sewage, waste, chimney sweeping) a year: a planning figure; the "
        "municipality's schedule of fees gives the real ones."), "kr/år"),
    "insurance_nok_year": Spec(0, 1e6, False, (
        "Husforsikring per år: planleggingstall.", "Home insurance a year: a planning figure."), "kr/år"),
    "electricity_kwh_per_m2_year": Spec(0, 1000, False, (
        f"Strømbruk per m² BRA og år: planleggingstall under {TEK17_ENERGY}.",
        f"Electricity per m² BRA a year: a planning figure within {TEK17_ENERGY}."), "kWh/m²"),
    "electricity_nok_per_kwh": Spec(0, 20, False, (
        "Strømpris med nettleie og avgifter: planleggingstall.",
        "Electricity price with grid rent and duties: a planning figure."), "kr/kWh"),
}
"""Every parameter by its key in ``finance.parameters`` (plan/1) and in the web form."""


@dataclass(frozen=True)
class Parameters:
    """The financing parameters of one project (every default a planning figure, see :data:`SPECS`)."""

    start_loan_rate_percent: float = 5.0
    start_loan_years: int = 30
    start_loan_interest_only_years: int = 0
    start_loan_nok: float | None = None
    bank_loan_rate_percent: float = 5.5
    bank_loan_years: int = 30
    bank_loan_share: float = 0.85
    bank_loan_nok: float | None = None
    construction_rate_percent: float = 6.0
    construction_months: int = 10
    savings_nok: float = 0.0
    grants_nok: float = 0.0
    municipal_fees_nok_year: float = 16_000.0
    insurance_nok_year: float = 6_000.0
    electricity_kwh_per_m2_year: float = 100.0
    electricity_nok_per_kwh: float = 1.5

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def changed(self) -> dict[str, Any]:
        """The parameters that differ from the defaults."""
        base = Parameters()
        return {k: v for k, v in self.to_dict().items() if getattr(base, k) != v}


OPTIONAL = frozenset({"start_loan_nok", "bank_loan_nok"})
"""Parameters that may be ``None`` (then computed)."""


def check_value(key: str, value: Any, where: str = "finance.parameters") -> float | int | None:
    """One parameter checked against its limits; raises :class:`FinanceError` naming the JSON path."""
    spec = SPECS.get(key)
    if spec is None:
        raise FinanceError(f"{where}: unknown parameter '{key}'")
    if value is None and key in OPTIONAL:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise FinanceError(f"{where}.{key}: expected a number, got {value!r}")
    if spec.integer and value != int(value):
        raise FinanceError(f"{where}.{key}: expected a whole number, got {value!r}")
    if value < spec.minimum:
        raise FinanceError(f"{where}.{key}: must be at least {spec.minimum:g}, got {value:g}")
    if value > spec.maximum:
        raise FinanceError(f"{where}.{key}: must be at most {spec.maximum:g}, got {value:g}")
    return int(value) if spec.integer else float(value)


def parameters(values: dict[str, Any] | None = None, base: Parameters | None = None) -> Parameters:
    """``base`` (the defaults) with ``values`` applied, every value checked."""
    if values is not None and not isinstance(values, dict):
        raise FinanceError("finance.parameters: expected an object")
    changes = {k: check_value(k, v) for k, v in (values or {}).items()}
    return replace(base or Parameters(), **changes)


def source(key: str, lang: str = "nb") -> str:
    """Where the parameter's figure comes from, in ``lang``."""
    return SPECS[key].source[1 if lang == "en" else 0]
