"""Loans as annuities after interest-only months, month by month.

The monthly payment of an annuity is ``P·r / (1 − (1 + r)^−n)`` with ``P`` the
principal, ``r`` the monthly rate (the yearly rate / 12) and ``n`` the months of
instalments. During interest-only months (avdragsfrihet) only ``P·r`` is paid; the
instalments then run over the months of the term that are left.

>>> round(annuity(2_400_000, 5.0, 360), 2)
12883.72
>>> loan = Loan("startlån", 2_400_000, 5.0, 30, 8)
>>> round(loan.first_payment, 2), round(loan.payment_after_interest_only, 2)
(10000.0, 15006.74)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple


def annuity(principal: float, rate_percent: float, months: int) -> float:
    """The monthly payment (NOK) that pays ``principal`` off in ``months`` at ``rate_percent`` a year."""
    if principal <= 0 or months <= 0:
        return 0.0
    r = rate_percent / 100 / 12
    if r == 0:
        return principal / months
    return principal * r / (1 - (1 + r) ** -months)


class Month(NamedTuple):
    """One month of a loan: the interest, the instalment and what is owed after it (NOK)."""

    interest: float
    instalment: float
    balance: float

    @property
    def payment(self) -> float:
        return self.interest + self.instalment


class Year(NamedTuple):
    """One year of a loan's payments (NOK): year 1 is the first twelve months after pay-out."""

    year: int
    interest: float
    instalment: float
    balance: float

    @property
    def payment(self) -> float:
        return self.interest + self.instalment


@dataclass(frozen=True)
class Loan:
    """A loan paid out at once and paid back as an annuity after ``interest_only_years``."""

    name: str
    principal: float
    rate_percent: float
    years: int
    interest_only_years: int = 0

    @property
    def months(self) -> int:
        return self.years * 12

    @property
    def interest_only_months(self) -> int:
        return min(self.interest_only_years * 12, self.months)

    @property
    def monthly_rate(self) -> float:
        return self.rate_percent / 100 / 12

    @property
    def first_payment(self) -> float:
        """The payment of the first month (only interest when the loan starts interest-only)."""
        return self.schedule[0].payment if self.schedule else 0.0

    @property
    def payment_after_interest_only(self) -> float:
        """The annuity paid once the interest-only months are over."""
        return annuity(self.principal, self.rate_percent, self.months - self.interest_only_months)

    @cached_property
    def schedule(self) -> list[Month]:
        """Every month of the loan from pay-out."""
        out: list[Month] = []
        if self.principal <= 0:
            return out
        balance, r = float(self.principal), self.monthly_rate
        payment = self.payment_after_interest_only
        for m in range(self.months):
            interest = balance * r
            if m < self.interest_only_months:
                instalment = 0.0
            else:
                instalment = balance if m == self.months - 1 else min(balance, payment - interest)
            balance -= instalment
            out.append(Month(interest, instalment, max(balance, 0.0)))
        return out

    def by_year(self) -> list[Year]:
        """The schedule summed year by year."""
        out = []
        for y in range(0, len(self.schedule), 12):
            months = self.schedule[y:y + 12]
            out.append(Year(y // 12 + 1, sum(m.interest for m in months), sum(m.instalment for m in months),
                            months[-1].balance))
        return out

    @property
    def total_interest(self) -> float:
        return sum(m.interest for m in self.schedule)

    def payment_in_month(self, month: int) -> float:
        """The payment of month ``month`` (0 = the first after pay-out); 0 after the last."""
        return self.schedule[month].payment if 0 <= month < len(self.schedule) else 0.0


@dataclass(frozen=True)
class ConstructionLoan:
    """A construction loan (byggelån) drawn evenly over ``months`` and paid as interest only.

    At ferdigattest the long loans pay it off; until then the family pays the
    interest on what is drawn: ``amount × m / months × r`` in month ``m``.
    """

    amount: float
    rate_percent: float
    months: int

    @property
    def interest_by_month(self) -> list[float]:
        r = self.rate_percent / 100 / 12
        return [self.amount * (m + 1) / self.months * r for m in range(self.months)] if self.months else []

    @property
    def total_interest(self) -> float:
        return sum(self.interest_by_month)

    @property
    def last_month_interest(self) -> float:
        return self.interest_by_month[-1] if self.months else 0.0
