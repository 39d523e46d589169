"""The history of each self-build task, the contractor's figures per project, and the hour ledger.

The ledger is the family's own work as documented equity: each row is hours one
person worked on one task on one day (with a note and, optionally, a photo stored
here, re-encoded); the contractor confirms a task's hours, and the confirmation
keeps the ledger's SHA-256 at that moment, so a later change shows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.web.extensions import db
from planner.web.models import User, now

ACTIONS = ("proposed", "edited", "accepted", "declined", "done", "removed", "confirmed", "not-as-agreed")
"""What can happen to a task; each is one row of its history."""


class TaskEvent(db.Model):
    """One thing that happened to a self-build task; rows are only ever added."""

    __tablename__ = "task_events"
    __table_args__ = (Index("ix_task_events_project_contribution", "project_id", "contribution_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    household_id: Mapped[str] = mapped_column(String(120))
    contribution_id: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    version_number: Mapped[int | None] = mapped_column(default=None)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=now)
    user: Mapped[User] = relationship()


class SelfBuildFigures(db.Model):
    """The contractor's planning figures of one project: hour value, cost per m² BRA, hours per unit."""

    __tablename__ = "selfbuild_figures"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    hour_value_nok: Mapped[float] = mapped_column()
    cost_per_m2_bra_nok: Mapped[float] = mapped_column()
    hours_per_unit_json: Mapped[str] = mapped_column(Text, default="{}")
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=now)


class HourEntry(db.Model):
    """Hours one person worked on one self-build task on one day (the family's ledger)."""

    __tablename__ = "hour_entries"
    __table_args__ = (Index("ix_hour_entries_project_task", "project_id", "household_id", "contribution_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    household_id: Mapped[str] = mapped_column(String(120))
    contribution_id: Mapped[str] = mapped_column(String(120))
    person: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column()
    hours: Mapped[float] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    photo_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=now)
    changed_at: Mapped[datetime | None] = mapped_column(default=None)
    user: Mapped[User] = relationship()


class TaskConfirmation(db.Model):
    """The contractor confirms a task's logged hours: done as agreed or not, with quality notes."""

    __tablename__ = "task_confirmations"
    __table_args__ = (Index("ix_task_confirmations_project_task", "project_id", "household_id",
                            "contribution_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    household_id: Mapped[str] = mapped_column(String(120))
    contribution_id: Mapped[str] = mapped_column(String(120))
    as_agreed: Mapped[bool] = mapped_column()
    quality_note: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[float] = mapped_column()
    ledger_sha256: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=now)
    user: Mapped[User] = relationship()
