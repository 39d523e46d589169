"""Sending the queued e-mail: ``planner web send-mail`` runs :func:`send_due` in a loop.

``SMTP_URL`` is ``smtp://host:port`` (plain, STARTTLS when the server offers it and
``?starttls=no`` is not given), or ``smtps://host:port`` (TLS from the start); either may
carry ``user:password@`` before the host. ``MAIL_FROM`` is the sender address.

A message is marked sent only after the server took it (in batches of :data:`COMMIT_EVERY`, so a
worker killed mid-batch sends up to that many again); when a send fails the message stays
queued and is tried again after 30 s, 60 s, 120 s ... (at most an hour between tries), so a
failed send loses nothing. Several workers may run: on PostgreSQL each claims its rows with
``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import select

from planner.web.extensions import db
from planner.web.fields import strip_bidi
from planner.web.models import Membership, now
from planner.web.notify.models import OutgoingMail

COMMIT_EVERY = 25
"""Sent messages are marked in the database in batches of this many (and at every failure and at the
end of a pass): a worker killed mid-batch sends those again, it never loses one."""
BACKOFF_S = 30
"""Wait after the first failed try; doubled after each further one."""
MAX_BACKOFF_S = 3600


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    tls: bool
    starttls: bool
    user: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpTarget:
    """Read ``SMTP_URL``; ``ValueError`` names what is wrong.

    >>> parse_smtp_url("smtp://127.0.0.1:8025")
    SmtpTarget(host='127.0.0.1', port=8025, tls=False, starttls=True, user=None, password=None)
    >>> t = parse_smtp_url("smtps://post%40x.no:hemmelig@mail.x.no")
    >>> t.port, t.tls, t.user, t.password
    (465, True, 'post@x.no', 'hemmelig')
    >>> parse_smtp_url("http://x")
    Traceback (most recent call last):
    ValueError: SMTP_URL must start with smtp:// or smtps://
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("SMTP_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise ValueError("SMTP_URL has no host")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("SMTP_URL has a port that is not a number") from None
    tls = parts.scheme == "smtps"
    query = parse_qs(parts.query)
    starttls = not tls and query.get("starttls", ["yes"])[0].lower() not in ("no", "0", "false")
    return SmtpTarget(host=parts.hostname, port=port or (465 if tls else 25), tls=tls, starttls=starttls,
                      user=unquote(parts.username) if parts.username else None,
                      password=unquote(parts.password) if parts.password else None)


def connect(target: SmtpTarget, timeout: float = 10.0) -> smtplib.SMTP:
    if target.tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(target.host, target.port, timeout=timeout,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(target.host, target.port, timeout=timeout)
        smtp.ehlo()
        if target.starttls and smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
    if target.user:
        smtp.login(target.user, target.password or "")
    return smtp


def _domain(sender: str) -> str:
    """The domain of the sender address, for Message-IDs (no DNS lookup per message).

    >>> _domain("Planner <post@plan.example.no>"), _domain("x")
    ('plan.example.no', 'localhost')
    """
    address = sender.rsplit("<", 1)[-1].rstrip(">")
    return address.rsplit("@", 1)[1] if "@" in address else "localhost"


def message_of(mail: OutgoingMail, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = mail.to_addr
    msg["Subject"] = strip_bidi(mail.subject)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(idstring=f"planner-{mail.id}", domain=_domain(sender))
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(strip_bidi(mail.body))  # plain text has no <bdi>: a name cannot turn the words after it
    return msg


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after ``attempts`` failed ones.

    >>> [backoff(n).total_seconds() for n in (1, 2, 3, 12)]
    [30.0, 60.0, 120.0, 3600.0]
    """
    return timedelta(seconds=min(BACKOFF_S * 2 ** max(attempts - 1, 0), MAX_BACKOFF_S))


@dataclass
class Pass:
    sent: int = 0
    failed: int = 0
    dropped: int = 0
    error: str = ""


def _due(at: datetime, limit: int) -> list[OutgoingMail]:
    q = (select(OutgoingMail).where(OutgoingMail.sent_at.is_(None), OutgoingMail.dropped_at.is_(None),
                                    OutgoingMail.next_attempt_at <= at)
         .order_by(OutgoingMail.next_attempt_at, OutgoingMail.id).limit(limit))
    if db.engine.dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    return list(db.session.scalars(q))


def _members(mails: list[OutgoingMail]) -> set[tuple[int, int]]:
    """(project id, user id) of the memberships the mails' readers still have, in one query."""
    projects = {m.project_id for m in mails if m.project_id is not None}
    if not projects:
        return set()
    rows = db.session.execute(select(Membership.project_id, Membership.user_id)
                              .where(Membership.project_id.in_(projects)))
    return {(p, u) for p, u in rows}


def _still_member(mail: OutgoingMail, members: set[tuple[int, int]]) -> bool:
    if mail.project_id is None or mail.user_id is None:
        return True
    return (mail.project_id, mail.user_id) in members


def _fail(mails: list[OutgoingMail], at: datetime, error: str) -> None:
    for mail in mails:
        mail.attempts += 1
        mail.last_error = error[:500]
        mail.next_attempt_at = at + backoff(mail.attempts)


def send_due(smtp_url: str, sender: str, at: datetime | None = None, limit: int = 200) -> Pass:
    """Send every queued message that is due, over one connection; commit after each."""
    at = at or now()
    result = Pass()
    mails = _due(at, limit)
    if not mails:
        db.session.commit()
        return result
    target = parse_smtp_url(smtp_url)
    members = _members(mails)
    try:
        smtp = connect(target)
    except (OSError, smtplib.SMTPException) as e:
        _fail(mails, at, f"connect: {e}")
        db.session.commit()
        return Pass(failed=len(mails), error=str(e))
    try:
        for i, mail in enumerate(mails):
            if not _still_member(mail, members):
                mail.dropped_at = at
                mail.last_error = "no longer a member of the project"
                result.dropped += 1
                continue
            try:
                smtp.send_message(message_of(mail, sender))
            except smtplib.SMTPRecipientsRefused as e:
                _fail([mail], at, f"refused: {e}")
                db.session.commit()
                result.failed += 1
                continue
            except (OSError, smtplib.SMTPException) as e:  # the connection is gone: the rest waits too
                rest = mails[i:]
                _fail(rest, at, str(e))
                db.session.commit()
                result.failed += len(rest)
                result.error = str(e)
                return result
            mail.sent_at = now()
            mail.attempts += 1
            result.sent += 1
            if result.sent % COMMIT_EVERY == 0:
                db.session.commit()
        db.session.commit()
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return result


def run(app, once: bool = False, interval: float = 10.0, include_today: bool = False,  # type: ignore[no-untyped-def]
        out=print) -> int:  # type: ignore[no-untyped-def]
    """The worker: build due digests, send what is due; once, or every ``interval`` seconds."""
    from planner.web.notify import build_digests

    smtp_url = app.config.get("SMTP_URL") or ""
    sender = app.config.get("MAIL_FROM") or "planner@localhost"
    if not smtp_url:
        out("SMTP_URL is not set: no e-mail is sent.")
        return 0
    parse_smtp_url(smtp_url)
    try:
        while True:
            with app.app_context():
                digests = build_digests(include_today=include_today)
                p = send_due(smtp_url, sender)
                db.session.remove()
            if once or p.sent or p.failed or digests:
                line = f"sent {p.sent}, failed {p.failed}, dropped {p.dropped}, digests {digests}"
                out(line + (f" ({p.error})" if p.error else ""))
            if once:
                return 0
            time.sleep(interval)
    finally:
        with app.app_context():
            db.engine.dispose()  # no connection outlives the worker
