"""Notifications: in the app (the bell) and by e-mail, each member choosing per kind.

The one call other parts of the app make::

    notify(project, kind, actor, *, subject="", params=None, url="", recipients=None, exclude=())
        -> list[Notification]

``project`` is a :class:`~planner.web.models.Project` or its id; ``kind`` one of
:data:`~planner.web.notify.models.KINDS` (``comment``, ``mention``, ``submitted``, ``decision``,
``task_proposed``, ``task_accepted``, ``task_declined``, ``task_done``, ``invitation_accepted``);
``actor`` the :class:`~planner.web.models.User` who did it (never told about their own act) or None.
``subject`` is a short text the event is about (a task's or room's name; shown when the kind has
no better words), ``params`` plain JSON values the message is made from in the reader's language
(``n`` a version number, ``status``/``reason`` of a decision, ``excerpt`` of a comment, ``task`` a
self-build task key, ``role`` ...), ``url`` the page in the app the notification opens: a path,
or a mapping role -> path with ``""`` as the fallback (a room page is for the family only).
Every current member of the project except the actor is told, or only ``recipients`` (user ids,
still only members), never anyone in ``exclude``. The call adds the rows, queues the e-mail of
those who chose "e-mail at once" (only when ``SMTP_URL`` is configured) and commits.

Self-build task events go through ``task_event(project_id, action, task, contribution_id,
comment, by)``, which picks the kind from the event's action.

A notification is shown only while its reader is a member of its project, so it never
reveals a project to someone who is not (any more) a member.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import bindparam, func, select, update

from planner.web.extensions import db
from planner.web.models import Membership, Project, User, now
from planner.web.notify.models import (
    CHANNELS,
    DEFAULT_CHANNELS,
    KINDS,
    Notification,
    NotificationSetting,
    OutgoingMail,
    UserSetting,
)
from planner.web.templating import bdi, oslo

__all__ = ["CHANNELS", "KINDS", "notify", "task_event", "describe", "unread_count", "mail_enabled",
           "mentioned"]

LOCALES = ("nb", "en")


def mail_enabled() -> bool:
    """Whether e-mail is sent at all (``SMTP_URL`` is configured)."""
    return bool(current_app.config.get("SMTP_URL"))


def origin() -> str:
    """Scheme and host the links in e-mail start with: ``BASE_URL``, else the request's."""
    base = current_app.config.get("BASE_URL") or ""
    if base:
        return base.rstrip("/")
    if has_request_context():
        return request.host_url.rstrip("/")
    return "http://127.0.0.1:5000"


def channels_of(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """User id -> kind -> channel, the default filled in for every kind not chosen."""
    ids = list(set(user_ids))
    out = {uid: dict(DEFAULT_CHANNELS) for uid in ids}
    if ids:
        for s in db.session.scalars(select(NotificationSetting).where(NotificationSetting.user_id.in_(ids))):
            if s.kind in KINDS and s.channel in CHANNELS:
                out[s.user_id][s.kind] = s.channel
    return out


def locale_of(user_id: int) -> str:
    row = db.session.get(UserSetting, user_id)
    if row is not None and row.locale in LOCALES:
        return row.locale
    default = current_app.config.get("BABEL_DEFAULT_LOCALE", "nb")
    return default if default in LOCALES else "nb"


def remember_locale(user: User, locale: str) -> None:
    """Keep the language the user chose in the app: their e-mail comes in it."""
    if locale not in LOCALES:
        return
    row = db.session.get(UserSetting, user.id)
    if row is None:
        db.session.add(UserSetting(user_id=user.id, locale=locale))
    elif row.locale == locale:
        return
    else:
        row.locale = locale
    db.session.commit()


def save_settings(user: User, choices: Mapping[str, str], locale: str | None = None) -> None:
    """Store the member's channel for each kind (unknown kinds or channels are ignored)."""
    existing = {s.kind: s for s in db.session.scalars(
        select(NotificationSetting).where(NotificationSetting.user_id == user.id))}
    for kind, channel in choices.items():
        if kind not in KINDS or channel not in CHANNELS:
            continue
        if kind in existing:
            existing[kind].channel = channel
        else:
            db.session.add(NotificationSetting(user_id=user.id, kind=kind, channel=channel))
    db.session.commit()
    if locale:
        remember_locale(user, locale)


def member_ids(project_id: int) -> dict[int, str]:
    """User id -> role of every current member."""
    rows = db.session.execute(select(Membership.user_id, Membership.role)
                              .where(Membership.project_id == project_id)).all()
    return {uid: role for uid, role in rows}


MENTION = re.compile(r"@([\w.\-]+(?:[ ][\w.\-]+){0,3})", re.UNICODE)


def mentioned(project_id: int, body: str) -> set[int]:
    """Members named with ``@`` in ``body``: ``@Full Name`` or ``@First`` when only one member has it.

    Matching is case-insensitive and takes the longest name that fits.
    """
    if "@" not in body:
        return set()
    rows = db.session.execute(select(User.id, User.name).join(Membership, Membership.user_id == User.id)
                              .where(Membership.project_id == project_id)).all()
    full = {name.strip().casefold(): uid for uid, name in rows if name.strip()}
    firsts: dict[str, set[int]] = {}
    for uid, name in rows:
        if name.split():
            firsts.setdefault(name.split()[0].casefold(), set()).add(uid)
    found: set[int] = set()
    for m in MENTION.finditer(body):
        words = m.group(1).split(" ")
        for k in range(len(words), 0, -1):
            candidate = " ".join(words[:k]).casefold().rstrip(".,;:!?")
            if candidate in full:
                found.add(full[candidate])
                break
            if k == 1 and len(firsts.get(candidate, ())) == 1:
                found |= firsts[candidate]
    return found


def notify(project: Project | int, kind: str, actor: User | None, *, subject: str = "",
           params: Mapping[str, Any] | None = None, url: str | Mapping[str, str] = "",
           recipients: Iterable[int] | None = None, exclude: Iterable[int] = ()) -> list[Notification]:
    """Tell the project's members about an event (see the module docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    project_id = project if isinstance(project, int) else project.id
    members = member_ids(project_id)
    targets = set(members) if recipients is None else set(recipients) & set(members)
    if actor is not None:
        targets.discard(actor.id)
    targets -= set(exclude)
    if not targets:
        return []
    values = dict(params or {})
    if actor is not None:
        values.setdefault("actor", actor.name)
    params_json = json.dumps(values, ensure_ascii=False)
    base = origin()
    channels = channels_of(targets)
    made = []
    for uid in sorted(targets):
        path = url if isinstance(url, str) else url.get(members[uid], url.get("", ""))
        n = Notification(user_id=uid, project_id=project_id, kind=kind, actor_id=actor.id if actor else None,
                         subject=subject[:300], params_json=params_json, url=path[:500], origin=base,
                         channel=channels[uid][kind])
        db.session.add(n)
        made.append(n)
    db.session.flush()
    if mail_enabled():
        for n in made:
            if n.channel == "email":
                queue_notification_mail(n)
    db.session.commit()
    return made


TASK_KINDS = {"proposed": "task_proposed", "edited": "task_proposed", "accepted": "task_accepted",
              "declined": "task_declined", "done": "task_done"}
"""Self-build task event action -> notification kind (other actions tell no one)."""


def task_event(project_id: int, action: str, task: str, contribution_id: str, comment: str,
               by: User) -> list[Notification]:
    """Tell the members about one self-build task event (called where the event is recorded)."""
    kind = TASK_KINDS.get(action)
    if kind is None:
        return []
    return notify(project_id, kind, by, subject=task, params={"task": task, "excerpt": comment[:200]},
                  url=f"/prosjekt/{project_id}/egeninnsats#oppgave-{contribution_id}")


# --------------------------------------------------------------------------- words


def _words(translations: Any = None, html: bool = False) -> Any:
    """A gettext bound to one catalogue: the current language's (looked up once, not per sentence).

    With ``html`` the sentence is :class:`~markupsafe.Markup`: the words escaped, and the values put
    in escaped (those already marked up, such as a name in ``<bdi>``, kept as they are)."""
    from flask_babel import get_domain

    t = translations if translations is not None else get_domain().get_translations()

    def tr(string: str, **variables: object) -> str:
        s = t.ugettext(string)
        if html:  # plain str formatting of escaped parts, marked up once (Markup's % costs per value)
            return Markup(str(escape(s)) % {k: escape(v) for k, v in variables.items()} if variables
                          else escape(s))
        return s % variables if variables else s

    return tr


def _about(p: dict[str, Any], _: Any = _, user: Any = str) -> str:  # `_`: the extractor finds the texts
    about = p.get("about")
    if about == "room":
        return _("the room %(name)s", name=user(p.get("name", "")))
    if about == "finding":
        return _("the finding %(name)s", name=user(p.get("name", "")))
    if about == "task":
        return _("the self-build task %(name)s", name=user(p.get("name", "")))
    return _("version %(n)s", n=p.get("n", ""))


def _task_name(n: Any, lang: str) -> str:
    key = n.params.get("task")
    if key:
        try:
            from planner.contributions.catalogue import catalogue

            task = catalogue().get(key)
        except Exception:  # noqa: BLE001 - an unknown task keeps the subject it was told with
            task = None
        if task is not None:
            return task.name_en if lang == "en" else task.name_nb
    return n.subject


def describe(n: Any, lang: str | None = None, translations: Any = None, html: bool = False) -> str:
    """What happened, in one sentence in the current language (``lang`` only picks the task name).

    ``n`` is a :class:`Notification` or a :class:`Listed` row; ``translations`` a catalogue to use
    instead of looking up the current one (a list describes every row with one lookup). With ``html``
    the sentence is escaped markup with every name a person wrote (the actor's, a room's, a task's)
    isolated in ``<bdi>``; e-mail takes the plain text.
    """
    from flask_babel import get_locale

    lang = lang or str(get_locale() or "nb")
    _ = _words(translations, html)
    user = bdi if html else str
    p = n.params
    actor = user(p.get("actor")) if p.get("actor") else _("Someone")
    if n.kind == "comment":
        if p.get("reply"):
            return _("%(actor)s replied to a comment on %(about)s", actor=actor, about=_about(p, _, user))
        return _("%(actor)s commented on %(about)s", actor=actor, about=_about(p, _, user))
    if n.kind == "mention":
        return _("%(actor)s mentioned you in a comment on %(about)s", actor=actor, about=_about(p, _, user))
    if n.kind == "submitted":
        return _("%(actor)s submitted version %(n)s for review", actor=actor, n=p.get("n", ""))
    if n.kind == "decision":
        if p.get("status") == "approved":
            return _("%(actor)s approved version %(n)s", actor=actor, n=p.get("n", ""))
        return _("%(actor)s asked for changes to version %(n)s", actor=actor, n=p.get("n", ""))
    task = user(_task_name(n, lang))
    if n.kind == "task_proposed":
        return _("%(actor)s proposed the self-build task %(task)s", actor=actor, task=task)
    if n.kind == "task_accepted":
        return _("%(actor)s accepted the self-build task %(task)s", actor=actor, task=task)
    if n.kind == "task_declined":
        return _("%(actor)s declined the self-build task %(task)s", actor=actor, task=task)
    if n.kind == "task_done":
        return _("%(actor)s marked the self-build task %(task)s done", actor=actor, task=task)
    if n.kind == "invitation_accepted":
        from planner.web.templating import ROLE_NAMES

        role = ROLE_NAMES.get(p.get("role", ""), p.get("role", ""))
        return _("%(actor)s joined the project as %(role)s", actor=actor, role=role)
    return user(n.subject)


def detail(n: Any) -> str:
    """The words quoted under the sentence: the comment's start, the decision's reason."""
    p = n.params
    return str(p.get("reason") or p.get("excerpt") or "")


# --------------------------------------------------------------------------- mail


def _link(n: Notification) -> str:
    from flask import url_for

    with current_app.test_request_context(base_url=n.origin or origin()):
        return url_for("notify.open_notification", notification_id=n.id, _external=True)


def _settings_link(base: str) -> str:
    from flask import url_for

    with current_app.test_request_context(base_url=base or origin()):
        return url_for("notify.settings", _external=True)


def queue_notification_mail(n: Notification) -> OutgoingMail | None:
    """Queue the e-mail of one notification, written in its reader's language."""
    user = db.session.get(User, n.user_id)
    project = db.session.get(Project, n.project_id)
    if user is None or project is None:
        return None
    lang = locale_of(user.id)
    with force_locale(lang):
        sentence = describe(n, lang)
        quoted = detail(n)
        lines = [_("Hello %(name)s,", name=user.name), "", sentence + "."]
        if quoted:
            lines += ["", "  «" + quoted + "»"]
        lines += ["", _("Open it here (log in first if you are asked to):"), _link(n), "", "-- ",
                  _("You get this e-mail because you take part in the project %(project)s.",
                    project=project.name),
                  _("Choose what you get by e-mail: %(url)s", url=_settings_link(n.origin))]
        subject = f"{project.name}: {sentence}"
    mail = OutgoingMail(user_id=user.id, project_id=project.id, to_addr=user.email,
                        subject=_one_line(subject)[:300], body="\n".join(lines))
    db.session.add(mail)
    return mail


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_digests(at: datetime | None = None, include_today: bool = False) -> int:
    """Queue one e-mail per member and day with that day's events of every kind they chose "daily digest"
    for; days end at midnight in Europe/Oslo, and today's events wait for tomorrow unless ``include_today``.
    Events of projects the member has left are dropped. Returns the number of mails queued."""
    at = at or now()
    today = oslo(at).date()
    rows = list(db.session.scalars(select(Notification).where(
        Notification.channel == "digest", Notification.digested_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)))
    groups: dict[tuple[int, Any], list[Notification]] = {}
    memberships = ({(m.user_id, m.project_id) for m in db.session.scalars(select(Membership))}
                   if rows else set())
    for n in rows:
        day = oslo(n.created_at).date()
        if day >= today and not include_today:
            continue
        if (n.user_id, n.project_id) not in memberships:
            n.digested_at = at
            continue
        groups.setdefault((n.user_id, day), []).append(n)
    queued = 0
    for (uid, day), items in groups.items():
        user = db.session.get(User, uid)
        for n in items:
            n.digested_at = at
        if user is None or not mail_enabled():
            continue
        lang = locale_of(uid)
        with force_locale(lang):
            date = day.strftime("%d.%m.%Y")
            lines = [_("Hello %(name)s,", name=user.name), "",
                     _("This happened in your projects on %(date)s:", date=date)]
            by_project: dict[int, list[Notification]] = {}
            for n in items:
                by_project.setdefault(n.project_id, []).append(n)
            for events in by_project.values():
                lines += ["", events[0].project.name]
                for n in events:
                    lines.append(f"- {oslo(n.created_at):%H:%M} {describe(n, lang)}")
                    if detail(n):
                        lines.append("  «" + detail(n) + "»")
                    lines.append("  " + _link(n))
            lines += ["", "-- ",
                      _("Choose what you get by e-mail: %(url)s", url=_settings_link(items[0].origin))]
            subject = _("Your day in the projects, %(date)s: %(count)d events", date=date, count=len(items))
        db.session.add(OutgoingMail(user_id=uid, project_id=None, to_addr=user.email, subject=subject[:300],
                                    body="\n".join(lines)))
        queued += 1
    db.session.commit()
    return queued


# --------------------------------------------------------------------------- reading


def _visible():  # type: ignore[no-untyped-def]
    """Only notifications of projects the reader is a member of now."""
    return select(Notification).join(Membership, (Membership.project_id == Notification.project_id)
                                     & (Membership.user_id == Notification.user_id))


_UNREAD = (select(func.count()).select_from(Notification)
           .join(Membership, (Membership.project_id == Notification.project_id)
                 & (Membership.user_id == Notification.user_id))
           .where(Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None)))
"""Built once (building a select costs more than running it); every page with the bell runs it."""


def unread_count(user: User) -> int:
    return db.session.scalar(_UNREAD, {"user_id": user.id}) or 0


def unread_by_project(user: User) -> dict[int, int]:
    rows = db.session.execute(select(Notification.project_id, func.count()).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).group_by(Notification.project_id))
    return {pid: n for pid, n in rows}


@dataclass(frozen=True, slots=True)
class Listed:
    """One line of the notification list: the columns it shows, read in one query without ORM objects."""

    id: int
    kind: str
    subject: str
    params: dict[str, Any]
    read_at: datetime | None
    created_at: datetime
    project_name: str


_LISTED = (select(Notification.id, Notification.kind, Notification.subject, Notification.params_json,
                  Notification.read_at, Notification.created_at, Project.name)
           .join(Membership, (Membership.project_id == Notification.project_id)
                 & (Membership.user_id == Notification.user_id))
           .join(Project, Project.id == Notification.project_id)
           .where(Notification.user_id == bindparam("user_id"))
           .order_by(Notification.created_at.desc(), Notification.id.desc())
           .limit(bindparam("limit")).offset(bindparam("offset")))


def notifications_of(user: User, limit: int = 50, offset: int = 0) -> list[Listed]:
    """The user's visible notifications, newest first, each with its project's name (one query)."""
    rows = db.session.execute(_LISTED, {"user_id": user.id, "limit": limit, "offset": offset})
    return [Listed(i, kind, subject, json.loads(params or "{}"), read_at, created_at, name)
            for i, kind, subject, params, read_at, created_at, name in rows]


def visible_notification(user: User, notification_id: int) -> Notification | None:
    return db.session.scalar(_visible().where(Notification.user_id == user.id,
                                              Notification.id == notification_id))


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all, or those ``ids``); returns how many changed."""
    q = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        q = q.where(Notification.id.in_(list(ids)))
    result = db.session.execute(q.values(read_at=now()))
    db.session.commit()
    return result.rowcount or 0
