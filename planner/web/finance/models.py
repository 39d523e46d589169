"""The financing of a project: the contractor's cost items and the project's financing parameters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.web.extensions import db
from planner.web.models import User, now


class CostItemRow(db.Model):
    """One item the contractor adds to the price (plot, connection fees ...): an estimate."""

    __tablename__ = "cost_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(200))
    amount_nok: Mapped[float] = mapped_column()
    entered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(default=now)
    entered_by: Mapped[User] = relationship()


class FinanceSettings(db.Model):
    """The financing parameters and the contractor's milestones of one project (JSON, checked on save)."""

    __tablename__ = "finance_settings"
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), primary_key=True)
    params_json: Mapped[str] = mapped_column(Text, default="{}")
    milestones_json: Mapped[str] = mapped_column(Text, default="{}")
    params_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    params_at: Mapped[datetime | None] = mapped_column(default=None)
    milestones_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    milestones_at: Mapped[datetime | None] = mapped_column(default=None)
    params_by: Mapped[User | None] = relationship(foreign_keys=[params_by_id])
    milestones_by: Mapped[User | None] = relationship(foreign_keys=[milestones_by_id])
