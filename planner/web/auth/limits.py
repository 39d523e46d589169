"""Login limits: failed logins counted per client address and per account, with a delay that
grows with each failure past the limit instead of a lock that keeps the owner out.

Each attempt is counted *before* its password is checked, by one ``UPDATE`` that tests the delay
and counts in the same statement (the database holds the row until the commit), so a burst of
parallel attempts checks no more passwords than the limit allows. A successful login clears the
account's count and takes its own attempt back from the address's count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, select, update
from sqlalchemy.dialects import postgresql, sqlite

from planner.web.auth.models import LoginLimit
from planner.web.extensions import db
from planner.web.models import now


@dataclass(frozen=True)
class Limits:
    """The numbers of the limits, from the app's configuration."""

    per_account: int = 5
    per_address: int = 30
    window_minutes: int = 15
    delay_seconds: float = 2.0

    def delay(self, failures: int, limit: int) -> timedelta:
        """The wait after ``failures`` failures of a key whose limit is ``limit``: none below the
        limit, then ``delay_seconds`` doubling with each failure, at most the window.

        >>> [Limits().delay(n, 5).total_seconds() for n in (4, 5, 6, 7, 30)]
        [0.0, 2.0, 4.0, 8.0, 900.0]
        """
        if failures < limit:
            return timedelta(0)
        seconds = self.delay_seconds * 2.0 ** min(failures - limit, 40)
        return timedelta(seconds=min(seconds, self.window_minutes * 60))


def _insert_missing(key: str, at: datetime) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(LoginLimit).values(key=key, failures=0, last_at=at, blocked_until=None)
                       .on_conflict_do_nothing(index_elements=["key"]))


def reserve(key: str, limit: int, limits: Limits) -> float:
    """Count one attempt of ``key``; 0 when it may go on, else the seconds to wait (nothing counted)."""
    at = now()
    _insert_missing(key, at)
    window_start = at - timedelta(minutes=limits.window_minutes)
    counted = db.session.execute(
        update(LoginLimit).where(LoginLimit.key == key,
                                 (LoginLimit.blocked_until.is_(None)) | (LoginLimit.blocked_until <= at))
        .values(failures=case((LoginLimit.last_at < window_start, 1), else_=LoginLimit.failures + 1),
                last_at=at)).rowcount
    row = db.session.scalar(select(LoginLimit).where(LoginLimit.key == key)
                            .execution_options(populate_existing=True))
    if not counted:
        wait = max((row.blocked_until - at).total_seconds(), 1.0) if row and row.blocked_until else 1.0
        db.session.commit()
        return wait
    delay = limits.delay(row.failures, limit)
    row.blocked_until = at + delay if delay else None
    db.session.commit()
    return 0.0


def forgive(key: str, clear: bool) -> None:
    """A login succeeded: clear ``key``'s count, or (an address) take this attempt back."""
    if clear:
        db.session.execute(update(LoginLimit).where(LoginLimit.key == key)
                           .values(failures=0, blocked_until=None))
    else:
        db.session.execute(update(LoginLimit).where(LoginLimit.key == key, LoginLimit.failures > 0)
                           .values(failures=LoginLimit.failures - 1))
    db.session.commit()


def address_key(address: str | None) -> str:
    return "addr:" + (address or "unknown")[:100]


def account_key(email: str) -> str:
    return "user:" + email.strip().lower()[:254]
