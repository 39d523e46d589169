"""The hour ledger: the family logs hours per task, the contractor confirms them, the statement.

Only a task the contractor (or the owner) has accepted, or that is done, takes
hours. Each row is one person, one day, 0.25–24 hours, a note and optionally a
photo: images only (JPEG, PNG, WebP or GIF), at most :data:`MAX_PHOTO_BYTES` as
sent, re-encoded by Pillow as a JPEG of at most :data:`PHOTO_SIDE` px with no
metadata, and stored in the database. The contractor confirms a task's logged
hours (done as agreed or not, quality notes); the confirmation keeps the task's
ledger checksum, so a row changed afterwards shows on the page and the statement.
Confirmed hours (done as agreed) × the hour value go into the financing plan.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from planner import model
from planner.contributions import Estimate, catalogue
from planner.contributions.people import people, too_young
from planner.contributions.statement import (
    Statement,
    StatementRow,
    ledger_checksum,
    task_checksum,
)
from planner.finance import SelfBuildValue
from planner.web.extensions import db
from planner.web.models import User, now
from planner.web.selfbuild.models import HourEntry, TaskConfirmation
from planner.web.templating import when

MAX_PHOTO_BYTES = 8_000_000
"""The largest photo accepted as sent (bytes); the app's ``MAX_PHOTO_BYTES`` may set a lower limit."""
PHOTO_SIDE = 1600
"""The longest side of a stored photo (px)."""
MAX_PIXELS = 40_000_000
"""The most pixels a photo may have before it is decoded (refuses decompression bombs)."""
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
OPEN_STATUSES = ("accepted", "done")
"""Statuses of a task that takes hours."""


class LedgerRefused(Exception):
    """The hours or the confirmation cannot be stored; ``key`` is an English message key."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(key)


def reencode_photo(data: bytes, limit: int = MAX_PHOTO_BYTES) -> bytes:
    """The photo as a fresh JPEG (no metadata, at most ``PHOTO_SIDE`` px), or :class:`LedgerRefused`."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > min(limit, MAX_PHOTO_BYTES):
        raise LedgerRefused("photo too large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in PHOTO_FORMATS:
                raise LedgerRefused("not an image")
            if probe.width * probe.height > MAX_PIXELS:
                raise LedgerRefused("photo too many pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = img.convert("RGB")
            img.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            out = io.BytesIO()
            img.save(out, "JPEG", quality=85, optimize=True)
    except LedgerRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise LedgerRefused("not an image") from None
    return out.getvalue()


# --------------------------------------------------------------------------- reading


def entries(project_id: int, household_id: str) -> dict[str, list[HourEntry]]:
    """The household's hour rows by task, by day then id."""
    rows = db.session.scalars(select(HourEntry).where(
        HourEntry.project_id == project_id, HourEntry.household_id == household_id)
        .order_by(HourEntry.day, HourEntry.id))
    out: dict[str, list[HourEntry]] = {}
    for e in rows:
        out.setdefault(e.contribution_id, []).append(e)
    return out


def confirmations(project_id: int, household_id: str) -> dict[str, list[TaskConfirmation]]:
    """Every confirmation by task, oldest first (the last one counts)."""
    rows = db.session.scalars(select(TaskConfirmation).where(
        TaskConfirmation.project_id == project_id, TaskConfirmation.household_id == household_id)
        .order_by(TaskConfirmation.at, TaskConfirmation.id))
    out: dict[str, list[TaskConfirmation]] = {}
    for c in rows:
        out.setdefault(c.contribution_id, []).append(c)
    return out


def entry_row(e: HourEntry) -> dict[str, Any]:
    """The row as the checksum reads it."""
    return {"id": e.id, "task": e.contribution_id, "person": e.person, "day": e.day.isoformat(),
            "hours": round(float(e.hours), 4), "note": e.note or "", "photo": e.photo_sha256 or ""}


def confirmation_row(c: TaskConfirmation) -> dict[str, Any]:
    return {"id": c.id, "task": c.contribution_id, "as_agreed": bool(c.as_agreed),
            "quality_note": c.quality_note or "", "hours": round(float(c.hours), 4),
            "task_sha256": c.ledger_sha256, "by": c.user_id, "at": c.at.replace(microsecond=0).isoformat()}


@dataclass
class TaskLedger:
    """One task's rows, its latest confirmation and whether rows changed since."""

    contribution_id: str
    rows: list[HourEntry]
    confirmation: TaskConfirmation | None

    @property
    def hours(self) -> float:
        return float(sum(e.hours for e in self.rows))

    @property
    def checksum(self) -> str:
        return task_checksum([entry_row(e) for e in self.rows])

    @property
    def changed_since(self) -> bool:
        return self.confirmation is not None and self.confirmation.ledger_sha256 != self.checksum

    @property
    def confirmed(self) -> bool:
        """Confirmed as done as agreed, and not changed since."""
        c = self.confirmation
        return c is not None and bool(c.as_agreed) and not self.changed_since


def ledgers(project_id: int, household_id: str) -> dict[str, TaskLedger]:
    rows, confs = entries(project_id, household_id), confirmations(project_id, household_id)
    ids = list(dict.fromkeys([*rows, *confs]))
    return {cid: TaskLedger(cid, rows.get(cid, []), (confs.get(cid) or [None])[-1]) for cid in ids}


def checksum(project_id: int, household_id: str) -> str:
    """SHA-256 of the household's whole ledger (every row and every confirmation)."""
    rows = [entry_row(e) for es in entries(project_id, household_id).values() for e in es]
    confs = [confirmation_row(c) for cs in confirmations(project_id, household_id).values() for c in cs]
    return ledger_checksum(rows, confs)


def person_choices(household: model.Household, c: model.Contribution) -> list[str]:
    """Who can log hours on the task: each member (by name or label), and a named helper."""
    names = [p.key for p in people(household)]
    if c.who and c.who not in ("adults", "everyone", "household") and c.who not in names:
        names.append(c.who)
    return names


# --------------------------------------------------------------------------- writing


def _check(household: model.Household, c: model.Contribution, person: str, day: _dt.date,
           hours: float) -> None:
    if c.status not in OPEN_STATUSES:
        raise LedgerRefused("not open")
    if person not in person_choices(household, c):
        raise LedgerRefused("unknown person")
    task = catalogue().get(c.task)
    if task is not None:
        young = too_young(household, person, task)
        if young:
            raise LedgerRefused("too young", task=task, people=young)
    if day > _dt.date.today() + _dt.timedelta(days=1) or day < _dt.date(2000, 1, 1):
        raise LedgerRefused("bad day")
    if not 0.25 <= hours <= 24:
        raise LedgerRefused("bad hours")


def log(project_id: int, household: model.Household, c: model.Contribution, by: User, person: str,
        day: _dt.date, hours: float, note: str, photo: bytes | None,
        photo_limit: int = MAX_PHOTO_BYTES) -> HourEntry:
    """Add one row to the ledger (the photo re-encoded first: a bad photo stores nothing)."""
    _check(household, c, person, day, hours)
    image = reencode_photo(photo, photo_limit) if photo else None
    e = HourEntry(project_id=project_id, household_id=household.id, contribution_id=c.id, person=person,
                  day=day, hours=float(hours), note=note[:2000], photo=image,
                  photo_sha256=hashlib.sha256(image).hexdigest() if image else None, user_id=by.id)
    db.session.add(e)
    db.session.commit()
    return e


def change(e: HourEntry, household: model.Household, c: model.Contribution, person: str, day: _dt.date,
           hours: float, note: str) -> None:
    """Change a row; a confirmed task then shows it was changed after the confirmation."""
    _check(household, c, person, day, hours)
    e.person, e.day, e.hours, e.note, e.changed_at = person, day, float(hours), note[:2000], now()
    db.session.commit()


def delete(e: HourEntry, c: model.Contribution) -> None:
    if c.status not in OPEN_STATUSES:
        raise LedgerRefused("not open")
    db.session.delete(e)
    db.session.commit()


def find_entry(project_id: int, household_id: str, entry_id: int) -> HourEntry | None:
    e = db.session.get(HourEntry, entry_id)
    return e if e is not None and e.project_id == project_id and e.household_id == household_id else None


def confirm(project_id: int, household: model.Household, c: model.Contribution, by: User, as_agreed: bool,
            quality_note: str) -> TaskConfirmation:
    """The contractor confirms the task's logged hours as they stand now."""
    from planner.web.selfbuild import services

    if c.status not in OPEN_STATUSES:
        raise LedgerRefused("not open")
    task = ledgers(project_id, household.id).get(c.id)
    if task is None or not task.rows:
        raise LedgerRefused("nothing logged")
    conf = TaskConfirmation(project_id=project_id, household_id=household.id, contribution_id=c.id,
                            as_agreed=as_agreed, quality_note=quality_note[:2000], hours=task.hours,
                            ledger_sha256=task.checksum, user_id=by.id)
    db.session.add(conf)
    db.session.commit()
    services._record(project_id, household.id, c, "confirmed" if as_agreed else "not-as-agreed",
                     quality_note, by, None)
    return conf


# --------------------------------------------------------------------------- into the financing plan


def selfbuild_values(project_id: int, e: Estimate) -> list[SelfBuildValue]:
    """The value of each accepted or done task: its confirmed hours when confirmed, else the estimate."""
    mine = ledgers(project_id, e.household or "")
    out = []
    for item in e.counted:
        c = item.contribution
        if c.status not in OPEN_STATUSES:
            continue
        name = item.task.name_nb if item.task else c.task
        t = mine.get(c.id)
        if t is not None and t.confirmed and t.confirmation is not None:
            conf = t.confirmation
            out.append(SelfBuildValue(name, conf.hours, conf.hours * e.hour_value_nok, True, conf.user.name,
                                      when(conf.at)))
        else:
            out.append(SelfBuildValue(name, item.hours, item.value_nok))
    return out


def statement(project_id: int, plan: model.Plan, household: model.Household, e: Estimate,
              lang: str = "nb") -> Statement:
    """The statement of the household's confirmed work."""
    from planner.contributions import UNIT_NAMES

    k = 1 if lang == "en" else 0
    mine = ledgers(project_id, household.id)
    rows = []
    for item in e.items:
        c, t, q = item.contribution, item.task, item.line.quantity
        led = mine.get(c.id)
        if led is None:
            continue
        conf = led.confirmation
        confirmed = conf.hours if conf is not None and conf.as_agreed else None
        qty = f"{q.value:.1f} {UNIT_NAMES[q.unit][k]}" if q else "–"
        rows.append(StatementRow(
            t.name_in(lang) if t else c.task, qty if k else qty.replace(".", ","), led.hours, confirmed,
            (confirmed or 0.0) * e.hour_value_nok, conf.user.name if conf else "",
            when(conf.at) if conf else "", conf.as_agreed if conf else None,
            conf.quality_note if conf else "", led.changed_since))
    return Statement(plan.project.name, plan.project.municipality, household.name, e.hour_value_nok, rows,
                     checksum(project_id, household.id), _dt.date.today())
