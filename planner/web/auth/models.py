"""What the login limits keep: one row per address and per account, counted atomically."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from planner.web.extensions import db


class LoginLimit(db.Model):
    """Failed logins of one key (``addr:<ip>`` or ``user:<e-mail>``) and when the next may be tried.

    A row is changed only by single ``UPDATE`` statements that test and count at once, so parallel
    attempts cannot slip past the limit between a read and a write.
    """

    __tablename__ = "login_limits"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_at: Mapped[datetime] = mapped_column()
    blocked_until: Mapped[datetime | None] = mapped_column(default=None)
