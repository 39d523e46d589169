"""The conversation's tables: notifications, each member's choice per kind, the mail queue."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.web.extensions import db
from planner.web.models import Project, User, now

KINDS = ("comment", "mention", "submitted", "decision", "task_proposed", "task_accepted", "task_declined",
         "task_done", "invitation_accepted")
"""What a member can be told about; each has its own setting."""
CHANNELS = ("app", "email", "digest")
"""In the app only, an e-mail at once, or one e-mail a day with the day's events."""
DEFAULT_CHANNELS = {"comment": "digest", "mention": "email", "submitted": "email", "decision": "email",
                    "task_proposed": "digest", "task_accepted": "digest", "task_declined": "digest",
                    "task_done": "digest", "invitation_accepted": "email"}


class Notification(db.Model):
    """One event told to one member; its words are made from ``kind`` and ``params`` in the reader's
    language."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    subject: Mapped[str] = mapped_column(String(300), default="")
    params_json: Mapped[str] = mapped_column(Text, default="{}")
    url: Mapped[str] = mapped_column(String(500), default="")
    origin: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(10), default="app")
    created_at: Mapped[datetime] = mapped_column(default=now, index=True)
    read_at: Mapped[datetime | None] = mapped_column(default=None)
    digested_at: Mapped[datetime | None] = mapped_column(default=None)
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    project: Mapped[Project] = relationship()

    @property
    def params(self) -> dict[str, Any]:
        cached = self.__dict__.get("_params")
        if cached is None or cached[0] != self.params_json:
            cached = (self.params_json, json.loads(self.params_json or "{}"))
            self.__dict__["_params"] = cached
        return cached[1]


class NotificationSetting(db.Model):
    """How one member wants to hear about one kind of event (all their projects)."""

    __tablename__ = "notification_settings"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))


class UserSetting(db.Model):
    """The language a member reads e-mail in (the last one they chose in the app)."""

    __tablename__ = "user_settings"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), default="nb")


class OutgoingMail(db.Model):
    """One e-mail waiting for the worker (``planner web send-mail``); a failed send is tried again later."""

    __tablename__ = "mail_queue"
    __table_args__ = (Index("ix_mail_queue_due", "sent_at", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), default=None)
    to_addr: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=now)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    dropped_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(String(500), default="")
