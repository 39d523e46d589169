"""The history of each self-build task and the contractor's figures per project."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.web.extensions import db
from planner.web.models import User, now

ACTIONS = ("proposed", "edited", "accepted", "declined", "done", "removed")
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
