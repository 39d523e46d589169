"""The financing plan: what the home costs, what pays for it, and what it costs each month.

Cost = the contractor's price (cost per m² BRA × BRA) + the items the contractor
adds (plot, connection fees, groundwork, kitchen, outdoor ...). The value of the
family's own work on tasks the contractor has accepted is taken off the price: the
contractor does not do that work. That value also counts as the family's equity
(egeninnsats), with the part the contractor has confirmed from the hour ledger
shown as documented.

What is left is paid by the family's savings, grants, a bank loan (the base loan, a
share of the cost) and the start loan (the rest). The start loan is paid out only
at ferdigattest, so a construction loan (byggelån) carries the building until then;
after it the loans run as annuities (see :mod:`planner.finance.loans`).

Every figure is an estimate; every parameter says where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from planner.finance.loans import ConstructionLoan, Loan
from planner.finance.params import SPECS, FinanceError, Parameters, source

COST_KINDS: dict[str, tuple[str, str]] = {
    "plot": ("tomt", "plot"),
    "connection": ("tilknytningsavgifter (vann, avløp, strøm)", "connection fees (water, sewage, power)"),
    "groundwork": ("grunnarbeid", "groundwork"),
    "kitchen": ("kjøkken", "kitchen"),
    "outdoor": ("utomhus", "outdoor"),
    "fees": ("gebyrer (byggesak, oppmåling)", "fees (building permit, survey)"),
    "other": ("annet", "other"),
}
"""Kinds of cost item the contractor can add to the price."""

ESTIMATE_NOTE = ("Alle beløp er anslag. Parameterne er planleggingstall som kommunen og entreprenøren "
                 "setter for prosjektet; kilden står ved hvert tall.",
                 "Every amount is an estimate. The parameters are planning figures the municipality and "
                 "the contractor set for the project; each figure names its source.")
PAYOUT_NOTE = ("Startlånet betales ut først ved ferdigattest. Fram til da bærer et byggelån byggingen, "
               "og dere betaler renter av det som er brukt.",
               "The start loan is paid out only at the completion certificate (ferdigattest). Until then "
               "a construction loan carries the building, and you pay interest on what has been drawn.")


@dataclass(frozen=True)
class CostItem:
    """One item the contractor adds to the price: always an estimate, with who entered it and when."""

    kind: str
    label: str
    amount_nok: float
    entered_by: str = ""
    entered_at: str = ""

    def __post_init__(self) -> None:
        if self.kind not in COST_KINDS:
            raise FinanceError(f"cost item: kind '{self.kind}' is not one of {', '.join(COST_KINDS)}")
        if not (0 <= self.amount_nok <= 1e8):
            raise FinanceError(f"cost item {self.label}: the amount must be 0 to 100 000 000 kr")


@dataclass(frozen=True)
class SelfBuildValue:
    """The value of one self-build task the contractor accepted (or confirmed from the ledger)."""

    task: str
    hours: float
    value_nok: float
    confirmed: bool = False
    confirmed_by: str = ""
    confirmed_at: str = ""


@dataclass(frozen=True)
class Source:
    """One source of money (or of equity) against the cost."""

    key: str
    name: tuple[str, str]
    amount_nok: float
    note: tuple[str, str] = ("", "")


@dataclass
class Financing:
    """The financing plan of one home."""

    params: Parameters
    bra_m2: float
    cost_per_m2_bra_nok: float
    price_source: tuple[str, str] = ("", "")
    items: list[CostItem] = field(default_factory=list)
    selfbuild: list[SelfBuildValue] = field(default_factory=list)

    # ---- cost

    @property
    def building_price_nok(self) -> float:
        return self.bra_m2 * self.cost_per_m2_bra_nok

    @property
    def items_nok(self) -> float:
        return sum(i.amount_nok for i in self.items)

    @property
    def total_cost_nok(self) -> float:
        return self.building_price_nok + self.items_nok

    @property
    def selfbuild_nok(self) -> float:
        return sum(s.value_nok for s in self.selfbuild)

    @property
    def confirmed_nok(self) -> float:
        return sum(s.value_nok for s in self.selfbuild if s.confirmed)

    @property
    def cash_cost_nok(self) -> float:
        """What must be paid in money: the cost less the value of the family's accepted work."""
        return max(self.total_cost_nok - self.selfbuild_nok, 0.0)

    # ---- sources

    @property
    def own_money_nok(self) -> float:
        return self.params.savings_nok + self.params.grants_nok

    @property
    def bank_loan_nok(self) -> float:
        need = max(self.cash_cost_nok - self.own_money_nok, 0.0)
        if self.params.bank_loan_nok is not None:
            return self.params.bank_loan_nok
        return min(need, self.params.bank_loan_share * self.total_cost_nok)

    @property
    def start_loan_nok(self) -> float:
        if self.params.start_loan_nok is not None:
            return self.params.start_loan_nok
        return max(self.cash_cost_nok - self.own_money_nok - self.bank_loan_nok, 0.0)

    @property
    def gap_nok(self) -> float:
        """Money still missing (> 0) or left over (< 0) after every source."""
        return self.cash_cost_nok - self.own_money_nok - self.bank_loan_nok - self.start_loan_nok

    @property
    def equity_nok(self) -> float:
        return self.own_money_nok + self.selfbuild_nok

    @property
    def equity_share(self) -> float:
        return self.equity_nok / self.total_cost_nok if self.total_cost_nok > 0 else 0.0

    @property
    def sources(self) -> list[Source]:
        p = self.params
        return [
            Source("selfbuild", ("Egeninnsats (verdien av eget arbeid)", "Self-build work (its value)"),
                   self.selfbuild_nok,
                   (f"av dette bekreftet av entreprenøren: {nok(self.confirmed_nok)} kr",
                    f"of which confirmed by the contractor: NOK {nok(self.confirmed_nok, 'en')}")),
            Source("savings", ("Egne sparepenger", "Own savings"), p.savings_nok),
            Source("grants", ("Tilskudd", "Grants"), p.grants_nok),
            Source("bank_loan", ("Banklån", "Bank loan"), self.bank_loan_nok,
                   (f"{pct(p.bank_loan_rate_percent)} rente, {p.bank_loan_years} år",
                    f"{pct(p.bank_loan_rate_percent, 'en')} interest, {p.bank_loan_years} years")),
            Source("start_loan", ("Startlån (kommunen / Husbanken)", "Start loan (municipality / Husbanken)"),
                   self.start_loan_nok,
                   (f"{pct(p.start_loan_rate_percent)} rente, {p.start_loan_years} år, "
                    f"{p.start_loan_interest_only_years} år uten avdrag; betales ut ved ferdigattest",
                    f"{pct(p.start_loan_rate_percent, 'en')} interest, {p.start_loan_years} years, "
                    f"{p.start_loan_interest_only_years} years without instalments; "
                    "paid out at ferdigattest")),
        ]

    # ---- loans

    @cached_property
    def start_loan(self) -> Loan:
        p = self.params
        return Loan("start_loan", self.start_loan_nok, p.start_loan_rate_percent, p.start_loan_years,
                    p.start_loan_interest_only_years)

    @cached_property
    def bank_loan(self) -> Loan:
        p = self.params
        return Loan("bank_loan", self.bank_loan_nok, p.bank_loan_rate_percent, p.bank_loan_years)

    @cached_property
    def construction_loan(self) -> ConstructionLoan:
        p = self.params
        return ConstructionLoan(self.bank_loan_nok + self.start_loan_nok, p.construction_rate_percent,
                                p.construction_months)

    # ---- each month

    @property
    def electricity_nok_month(self) -> float:
        p = self.params
        return p.electricity_kwh_per_m2_year * self.bra_m2 * p.electricity_nok_per_kwh / 12

    @property
    def running_nok_month(self) -> float:
        """Municipal fees, insurance and electricity a month."""
        p = self.params
        return p.municipal_fees_nok_year / 12 + p.insurance_nok_year / 12 + self.electricity_nok_month

    def loans_nok_month(self, month: int = 0) -> float:
        """Both loans' payment in month ``month`` after ferdigattest (0 = the first)."""
        return self.start_loan.payment_in_month(month) + self.bank_loan.payment_in_month(month)

    @property
    def monthly_nok(self) -> float:
        """The monthly cost of the home in the first month after ferdigattest."""
        return self.loans_nok_month(0) + self.running_nok_month

    @property
    def monthly_after_interest_only_nok(self) -> float | None:
        """The monthly cost once the start loan's interest-only years are over (None without any)."""
        io = self.start_loan.interest_only_months
        if io == 0 or self.start_loan_nok <= 0:
            return None
        return self.loans_nok_month(io) + self.running_nok_month

    def monthly_lines(self, lang: str = "nb") -> list[tuple[str, float]]:
        en = lang == "en"
        p = self.params
        return [
            ("Startlån" if not en else "Start loan", self.start_loan.payment_in_month(0)),
            ("Banklån" if not en else "Bank loan", self.bank_loan.payment_in_month(0)),
            ("Kommunale avgifter" if not en else "Municipal fees", p.municipal_fees_nok_year / 12),
            ("Forsikring" if not en else "Insurance", p.insurance_nok_year / 12),
            ("Strøm (anslag)" if not en else "Electricity (estimate)", self.electricity_nok_month),
        ]

    def years(self) -> list[tuple[int, float, float]]:
        """Payments by year: (year, interest, instalments) with year 0 the construction period."""
        out = [(0, self.construction_loan.total_interest, 0.0)]
        s, b = self.start_loan.by_year(), self.bank_loan.by_year()
        for y in range(max(len(s), len(b))):
            parts = [x[y] for x in (s, b) if y < len(x)]
            out.append((y + 1, sum(p.interest for p in parts), sum(p.instalment for p in parts)))
        return out

    # ---- words

    def sentence(self, lang: str = "nb") -> str:
        """The plain sentence "Med disse tallene blir boutgiftene om lag … kr i måneden." and the rest."""
        en = lang == "en"
        amount = nok(round(self.monthly_nok, -2), lang)
        out = [f"With these figures the cost of living in the home comes to about NOK {amount} a month."
               if en else f"Med disse tallene blir boutgiftene om lag {amount} kr i måneden."]
        later = self.monthly_after_interest_only_nok
        if later is not None:
            years = self.params.start_loan_interest_only_years
            after = nok(round(later, -2), lang)
            out.append(f"After the {years} years without instalments on the start loan it is about NOK "
                       f"{after} a month." if en else
                       f"Etter de {years} årene uten avdrag på startlånet blir det om lag {after} kr "
                       "i måneden.")
        if self.gap_nok > 0.5:
            out.append(f"NOK {nok(self.gap_nok, lang)} is still not covered." if en else
                       f"{nok(self.gap_nok, lang)} kr er ennå ikke dekket.")
        out.append("It is an estimate." if en else "Det er et anslag.")
        return " ".join(out)

    def construction_sentence(self, lang: str = "nb") -> str:
        c = self.construction_loan
        en = lang == "en"
        k = 1 if en else 0
        if c.months == 0 or c.amount <= 0:
            return PAYOUT_NOTE[k]
        last = nok(round(c.last_month_interest, -2), lang)
        total = nok(round(c.total_interest, -2), lang)
        return PAYOUT_NOTE[k] + " " + (
            f"Over {c.months} months of building that is about NOK {total} in interest, about NOK {last} "
            f"in the last month (estimate)." if en else
            f"Over {c.months} måneder byggetid blir det om lag {total} kr i renter, om lag {last} kr den "
            f"siste måneden (anslag).")

    def parameter_rows(self, lang: str = "nb") -> list[tuple[str, Any, str, str]]:
        """(key, value, unit, source) for every parameter, for a table beside the figures."""
        values = self.params.to_dict()
        return [(k, values[k], spec.unit, source(k, lang)) for k, spec in SPECS.items()]

    def to_dict(self) -> dict[str, Any]:
        later = self.monthly_after_interest_only_nok
        return {
            "estimate": True, "note": {"nb": ESTIMATE_NOTE[0], "en": ESTIMATE_NOTE[1]},
            "payout_note": {"nb": PAYOUT_NOTE[0], "en": PAYOUT_NOTE[1]},
            "cost": {
                "bra_m2": round(self.bra_m2, 2), "cost_per_m2_bra_nok": self.cost_per_m2_bra_nok,
                "price_source": {"nb": self.price_source[0], "en": self.price_source[1]},
                "building_price_nok_estimate": round(self.building_price_nok),
                "items": [{"kind": i.kind, "label": i.label, "amount_nok_estimate": round(i.amount_nok),
                           "entered_by": i.entered_by, "entered_at": i.entered_at, "estimate": True}
                          for i in self.items],
                "total_nok_estimate": round(self.total_cost_nok),
                "selfbuild_nok_estimate": round(self.selfbuild_nok),
                "selfbuild_confirmed_nok": round(self.confirmed_nok),
                "cash_cost_nok_estimate": round(self.cash_cost_nok),
            },
            "selfbuild": [{"task": s.task, "hours": round(s.hours, 2), "value_nok": round(s.value_nok),
                           "confirmed": s.confirmed, "confirmed_by": s.confirmed_by,
                           "confirmed_at": s.confirmed_at} for s in self.selfbuild],
            "sources": [{"key": s.key, "name": {"nb": s.name[0], "en": s.name[1]},
                         "amount_nok_estimate": round(s.amount_nok)} for s in self.sources],
            "gap_nok_estimate": round(self.gap_nok),
            "equity_nok_estimate": round(self.equity_nok), "equity_share": round(self.equity_share, 4),
            "construction_loan": {"amount_nok": round(self.construction_loan.amount),
                                  "months": self.construction_loan.months,
                                  "total_interest_nok_estimate": round(self.construction_loan.total_interest),
                                  "last_month_interest_nok_estimate":
                                      round(self.construction_loan.last_month_interest)},
            "loans": {name: {"principal_nok": round(loan.principal), "rate_percent": loan.rate_percent,
                             "years": loan.years, "interest_only_years": loan.interest_only_years,
                             "first_payment_nok": round(loan.first_payment, 2),
                             "payment_after_interest_only_nok": round(loan.payment_after_interest_only, 2),
                             "total_interest_nok": round(loan.total_interest)}
                      for name, loan in (("start_loan", self.start_loan), ("bank_loan", self.bank_loan))},
            "monthly": {"first_month_nok_estimate": round(self.monthly_nok),
                        "after_interest_only_nok_estimate": None if later is None else round(later),
                        "lines": [{"name": n, "nok_estimate": round(v)}
                                  for n, v in self.monthly_lines("en")]},
            "sentence": {"nb": self.sentence("nb"), "en": self.sentence("en")},
            "construction_sentence": {"nb": self.construction_sentence("nb"),
                                      "en": self.construction_sentence("en")},
            "parameters": {k: {"value": v, "unit": u,
                               "source": {"nb": source(k, "nb"), "en": source(k, "en")}}
                           for k, v, u, _s in self.parameter_rows()},
            "years": [{"year": y, "interest_nok": round(i), "instalments_nok": round(a)}
                      for y, i, a in self.years()],
        }


def nok(value: float, lang: str = "nb") -> str:
    """Whole kroner with a thousands separator (a no-break space in Bokmål).

    >>> nok(12883.72), nok(12883.72, "en")
    ('12\\xa0884', '12,884')
    """
    text = f"{round(value):,d}"
    return text.replace(",", "\u00a0") if lang != "en" else text


def pct(value: float, lang: str = "nb") -> str:
    """A percentage as given (5.0 → ``5,0 %``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return (text if lang == "en" else text.replace(".", ",")) + "\u00a0%"
