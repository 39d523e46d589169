"""The database: users, projects with their append-only plan versions, members,
invitations, comments, reviews and login attempts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from planner.web.extensions import db

ROLES = ("family", "planner", "contractor", "mentor")
"""Roles a member of a project can have."""
REVIEW_STATES = ("submitted", "approved", "changes_requested")


def now() -> datetime:
    """The current time in UTC, without tzinfo (stored the same in SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=now)
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    """Part of every session and remember cookie; raised on logout and password change, which ends
    every session made before (see :mod:`planner.web.auth.sessions`)."""

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id and the session generation."""
        return f"{self.id}.{self.session_generation}"

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


def password_hash_method() -> str:
    """The app's ``PASSWORD_HASH_METHOD``: werkzeug's scrypt at its own work factor unless configured
    (the test suite sets a lower scrypt cost)."""
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def hash_password(password: str) -> str:
    """A salted hash by :func:`password_hash_method` (the method is kept in the hash, so every
    stored hash stays checkable)."""
    return generate_password_hash(password, method=password_hash_method())


class LoginAttempt(db.Model):
    """One failed login, kept in the database so every app process sees it."""

    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    at: Mapped[datetime] = mapped_column(default=now, index=True)


class Project(db.Model):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    memberships: Mapped[list[Membership]] = relationship(back_populates="project",
                                                         cascade="all, delete-orphan")


class PlanVersion(db.Model):
    """One saved plan/1 document; versions are only ever added, never changed."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_version_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    number: Mapped[int] = mapped_column()
    body: Mapped[str] = mapped_column(Text)
    report_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(500), default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    author: Mapped[User] = relationship()

    @property
    def report(self) -> dict[str, Any]:
        """The stored check report; made again from the plan when the stored one cannot be read."""
        from planner.web import safejson, services

        try:
            return safejson.loads(self.report_json)
        except safejson.UnsafeJSON:
            pass
        try:
            return services.report_of(services.plan_of(self))
        except services.UnreadableVersion:  # listed with no findings; its pages offer an upload
            return {"ok": False, "summary": {}, "findings": [], "unreadable": True}


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("project_id", "user_id", name="uq_member"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=now)
    project: Mapped[Project] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class Invitation(db.Model):
    """A link that makes whoever opens it (logged in) a member; only its hash is stored."""

    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])
    invitee_name: Mapped[str] = mapped_column(String(120), default="")
    invitee_email: Mapped[str] = mapped_column(String(254), default="")
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    def state(self, at: datetime | None = None) -> str:
        """``open``, ``accepted``, ``revoked`` or ``expired``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.accepted_at is not None:
            return "accepted"
        if (at or now()) >= self.expires_at:
            return "expired"
        return "open"


class Review(db.Model):
    """A version the family submitted, and the planner's decision on it."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[PlanVersion] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class Comment(db.Model):
    """A comment on a version, optionally on one finding (rule + subject) or one room."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_project_version", "project_id", "version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    body: Mapped[str] = mapped_column(Text)
    finding_rule: Mapped[str | None] = mapped_column(String(80), default=None)
    finding_subject: Mapped[str | None] = mapped_column(String(120), default=None)
    room_id: Mapped[str | None] = mapped_column(String(120), default=None)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), default=None, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reopened_at: Mapped[datetime | None] = mapped_column(default=None)
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    version: Mapped[PlanVersion] = relationship()
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
