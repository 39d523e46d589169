"""The conversation of a project: comments where they belong, decisions with reasons, the status
tied to the version, and a case officer's queue.

Every change here tells the members through :func:`planner.web.notify.notify`.
A comment on a room or a finding is "resolved by version N" when a later version changed what
it was about: the room's geometry, type or name (or the room is gone), or the finding is gone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import url_for
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from planner.web import notify, services
from planner.web.extensions import db
from planner.web.models import Comment, Membership, PlanVersion, Project, Review, User, now

REVIEW_DECISIONS = ("approved", "changes_requested")


class Refused(services.NotAllowed):
    """What was asked cannot be done; ``key`` says why (a form shows it by the field)."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


# --------------------------------------------------------------------------- review


def submit(project_id: int, v: PlanVersion, by: User) -> Review:
    """Submit a version for review; a version already waiting is not submitted twice."""
    waiting = db.session.scalar(select(Review).where(Review.project_id == project_id,
                                                     Review.version_id == v.id, Review.status == "submitted"))
    if waiting is not None:
        raise Refused("already submitted")
    review = services.submit(project_id, v, by)
    notify.notify(project_id, "submitted", by, params={"n": v.number},
                  url=url_for("review.review", project_id=project_id, v=v.number))
    return review


def decide(project_id: int, review_id: int, status: str, reason: str, by: User) -> Review:
    """The planner's decision on a submitted version; a reason is required for changes asked."""
    review = db.session.get(Review, review_id)
    if review is None or review.project_id != project_id or status not in REVIEW_DECISIONS:
        raise Refused("no such review")
    if review.status != "submitted":
        raise Refused("already decided")
    reason = reason.strip()
    if status == "changes_requested" and not reason:
        raise Refused("reason required")
    review.status, review.decided_by_id, review.decided_at, review.reason = status, by.id, now(), reason
    db.session.commit()
    notify.notify(project_id, "decision", by,
                  params={"n": review.version.number, "status": status, "reason": reason[:500]},
                  url=url_for("review.review", project_id=project_id, v=review.version.number)
                  + "#vurderinger")
    return review


@dataclass
class Status:
    """Where a project stands: the last decision and what the latest version waits for."""

    latest: int
    decided: Review | None = None
    waiting: Review | None = None

    @property
    def key(self) -> str:
        """``approved``, ``changes_requested``, ``submitted`` (the latest is waiting) or ``draft``."""
        if self.waiting is not None and self.waiting.version.number == self.latest:
            return "submitted"
        if self.decided is not None and self.decided.version.number == self.latest:
            return self.decided.status
        return "draft"


_VERSION_HEAD = (PlanVersion.id, PlanVersion.project_id, PlanVersion.number, PlanVersion.note,
                 PlanVersion.author_id, PlanVersion.created_at)
"""What a status needs of a version: not its plan or report, which are read (one query) only if asked for."""


def statuses(project_ids: list[int]) -> dict[int, Status]:
    """The status of each project, in three queries whatever their number."""
    if not project_ids:
        return {}
    latest = dict(db.session.execute(select(PlanVersion.project_id, func.max(PlanVersion.number))
                                     .where(PlanVersion.project_id.in_(project_ids))
                                     .group_by(PlanVersion.project_id)).all())
    out = {pid: Status(latest=latest.get(pid, 0)) for pid in project_ids}
    rows = db.session.scalars(select(Review).where(Review.project_id.in_(project_ids))
                              .options(selectinload(Review.version).load_only(*_VERSION_HEAD),
                                       selectinload(Review.decided_by))
                              .order_by(Review.submitted_at.desc(), Review.id.desc()))
    for r in rows:
        s = out[r.project_id]
        if r.status == "submitted":
            if s.waiting is None:
                s.waiting = r
        elif s.decided is None or _decided_at(r) > _decided_at(s.decided):
            s.decided = r
    return out


def _decided_at(r: Review) -> datetime:
    return r.decided_at or r.submitted_at


def status_of(project_id: int) -> Status:
    return statuses([project_id])[project_id]


def projects_with_status(user: User) -> list[tuple[Project, str, Status, int]]:
    """The user's projects with their role, status and unread notifications (the project list)."""
    projects = services.projects_of(user)
    st = statuses([p.id for p, _ in projects])
    unread = notify.unread_by_project(user)
    return [(p, role, st[p.id], unread.get(p.id, 0)) for p, role in projects]


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One version waiting in the case officer's queue, with the figures the queue shows."""

    project_id: int
    project_name: str
    version: int
    submitted_at: datetime
    bya_percent: float | None
    errors: int
    warnings: int
    latest: int


_NEWEST = (select(func.max(PlanVersion.number)).where(PlanVersion.project_id == Review.project_id)
           .correlate(Review).scalar_subquery())
_QUEUE = (select(Review.project_id, Project.name, PlanVersion.id, PlanVersion.number, PlanVersion.report_json,
                 Review.submitted_at, _NEWEST)
          .join(PlanVersion, PlanVersion.id == Review.version_id)
          .join(Project, Project.id == Review.project_id)
          .join(Membership, (Membership.project_id == Review.project_id)
                & (Membership.user_id == bindparam("user_id")) & (Membership.role == "planner"))
          .where(Review.status == "submitted")
          .order_by(Review.submitted_at, Review.id))
"""Built once; each request binds the case officer."""


def queue(user: User) -> list[QueueItem]:
    """Versions waiting for this case officer: submitted in a project where they are the planner and
    not decided, the one waiting longest first, each with its %-BYA and findings. One query whatever
    the number of projects; each stored report is read once per process (versions never change)."""
    rows = db.session.execute(_QUEUE, {"user_id": user.id}).all()
    out = []
    for project_id, name, version_id, number, report_json, submitted_at, latest in rows:
        report = services.stored_report(version_id, report_json)
        findings = report.get("findings", [])
        bya = report.get("summary", {}).get("bya_percent")
        errors = sum(1 for f in findings if f.get("severity") == "error")
        out.append(QueueItem(project_id=project_id, project_name=name, version=number,
                             submitted_at=submitted_at, bya_percent=float(bya) if bya is not None else None,
                             errors=errors, warnings=len(findings) - errors,
                             latest=latest if latest is not None else number))
    return out


@dataclass
class Pending:
    """What the family's "Send inn" shows: what the latest version has that no reviewer has seen."""

    latest: PlanVersion
    since: Review | None
    comparison: services.Comparison | None
    open_comments: int
    waiting: bool


def pending(project_id: int) -> Pending:
    latest = services.latest(project_id)
    st = status_of(project_id)
    since = st.waiting if st.waiting is not None else st.decided
    comparison = None
    if since is not None and since.version.number != latest.number:
        try:
            comparison = services.compare(since.version, latest)
        except services.PlannerError:
            comparison = None
    threads_ = threads(project_id)
    open_comments = sum(1 for t in threads_ if t.state == "open")
    return Pending(latest=latest, since=since, comparison=comparison, open_comments=open_comments,
                   waiting=st.waiting is not None and st.waiting.version.number == latest.number)


# --------------------------------------------------------------------------- comments


def _about(c: Comment, names: dict[str, str] | None = None) -> dict[str, Any]:
    if c.room_id:
        return {"about": "room", "name": (names or {}).get(c.room_id, c.room_id), "n": c.version.number}
    if c.finding_rule:
        return {"about": "finding", "name": c.finding_rule, "n": c.version.number}
    return {"about": "version", "n": c.version.number}


def _room_names(v: PlanVersion) -> dict[str, str]:
    body = json.loads(v.body)
    return {r.get("id"): r.get("name", "") for b in body.get("buildings", []) for r in b.get("rooms", [])}


def comment_url(project_id: int, c: Comment) -> dict[str, str]:
    """Where a notification about ``c`` leads: the room page for the family, the review page otherwise."""
    top = c.parent_id or c.id
    review = url_for("review.review", project_id=project_id, v=c.version.number) + f"#kommentar-{top}"
    if c.room_id:
        room = url_for("plan.room", project_id=project_id, room_id=c.room_id)
        return {"family": room + f"#kommentar-{top}", "": review}
    return {"": review}


def post(project_id: int, v: PlanVersion, by: User, body: str, *, finding: str | None = None,
         room_id: str | None = None, parent_id: int | None = None) -> Comment:
    """A comment on a version, a finding (``rule|subject``) or a room, or a reply to one (one level:
    a reply to a reply joins the first comment's thread). Members named with @ are told."""
    body = body.strip()
    if not body:
        raise Refused("empty")
    parent = None
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.project_id != project_id:
            raise Refused("no such comment")
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
        assert parent is not None
        v = parent.version
        room_id, rule, subject = parent.room_id, parent.finding_rule, parent.finding_subject
    else:
        rule = subject = None
        if finding:
            rule, _sep, subject = finding.partition("|")
    c = Comment(project_id=project_id, version_id=v.id, author_id=by.id, body=body, finding_rule=rule,
                finding_subject=subject, room_id=room_id or None, parent_id=parent.id if parent else None)
    db.session.add(c)
    db.session.commit()
    names = _room_names(v) if c.room_id else None
    params = _about(c, names) | {"excerpt": body[:200], "reply": parent is not None}
    url = comment_url(project_id, c)
    named = notify.mentioned(project_id, body) - {by.id}
    if named:
        notify.notify(project_id, "mention", by, params=params, url=url, recipients=named)
    notify.notify(project_id, "comment", by, params=params, url=url, exclude=named)
    return c


def set_resolved(project_id: int, comment_id: int, by: User, resolved: bool) -> Comment:
    c = db.session.get(Comment, comment_id)
    if c is None or c.project_id != project_id or c.parent_id is not None:
        raise Refused("no such comment")
    if resolved:
        c.resolved_at, c.resolved_by_id = now(), by.id
    else:
        c.resolved_at, c.resolved_by_id, c.reopened_at = None, None, now()
    db.session.commit()
    return c


@dataclass
class Thread:
    """A comment with its replies and what became of it."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)
    changed_in: PlanVersion | None = None
    about: str = ""

    @property
    def state(self) -> str:
        """``resolved`` (by someone), ``changed`` (a later version changed what it is about) or ``open``."""
        c = self.comment
        if c.resolved_at is not None:
            return "resolved"
        if self.changed_in is not None and (c.reopened_at is None
                                            or c.reopened_at < self.changed_in.created_at):
            return "changed"
        return "open"


def _room_key(body: dict[str, Any], room_id: str) -> str | None:
    for b in body.get("buildings", []):
        for r in b.get("rooms", []):
            if r.get("id") == room_id:
                return json.dumps([b.get("id"), r.get("name"), r.get("type"), r.get("storey"),
                                   r.get("polygon")])
    return None


def _outcomes(threads_: list[Thread], versions: list[PlanVersion]) -> None:
    """Fill ``changed_in``: the first later version that changed each thread's room or lost its finding."""
    wanted = [t for t in threads_ if t.comment.room_id or t.comment.finding_rule]
    if not wanted:
        return
    by_number = sorted(versions, key=lambda v: v.number)
    bodies: dict[int, dict[str, Any]] = {}
    keys: dict[int, set[tuple[str, str]]] = {}

    def body(v: PlanVersion) -> dict[str, Any]:
        if v.number not in bodies:
            bodies[v.number] = json.loads(v.body)
        return bodies[v.number]

    def findings(v: PlanVersion) -> set[tuple[str, str]]:
        if v.number not in keys:
            keys[v.number] = {(f["rule"], f["subject"]) for f in v.report.get("findings", [])}
        return keys[v.number]

    for t in wanted:
        c = t.comment
        start = c.version.number
        later = [v for v in by_number if v.number > start]
        if c.room_id:
            before = _room_key(body(c.version), c.room_id)
            t.changed_in = next((v for v in later if _room_key(body(v), c.room_id) != before), None)
        else:
            key = (c.finding_rule or "", c.finding_subject or "")
            if key in findings(c.version):
                t.changed_in = next((v for v in later if key not in findings(v)), None)


def threads(project_id: int, *, room_id: str | None = None,
            finding: tuple[str, str] | None = None) -> list[Thread]:
    """Every comment thread of the project (or of one room or finding), oldest first."""
    q = (select(Comment).where(Comment.project_id == project_id)
         .options(selectinload(Comment.author), selectinload(Comment.version),
                  selectinload(Comment.resolved_by))
         .order_by(Comment.created_at, Comment.id))
    if room_id is not None:
        q = q.where(Comment.room_id == room_id)
    if finding is not None:
        q = q.where(Comment.finding_rule == finding[0], Comment.finding_subject == finding[1])
    rows = list(db.session.scalars(q))
    tops = {c.id: Thread(c) for c in rows if c.parent_id is None}
    for c in rows:
        if c.parent_id is not None and c.parent_id in tops:
            tops[c.parent_id].replies.append(c)
    out = list(tops.values())
    if any(t.comment.room_id or t.comment.finding_rule for t in out):
        first = min(t.comment.version.number for t in out)
        versions = list(db.session.scalars(select(PlanVersion).where(
            PlanVersion.project_id == project_id, PlanVersion.number >= first)))
        _outcomes(out, versions)
    return out


def last_seen(threads_: list[Thread]) -> datetime | None:
    times = [c.created_at for t in threads_ for c in [t.comment, *t.replies]]
    return max(times) if times else None
