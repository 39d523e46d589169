"""What the views ask for: projects, plan versions, invitations, reviews.

Views parse a form into plain data, call one function here and render the answer;
nothing here knows about requests or forms. Domain errors are :class:`PlannerError`.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from planner import model, rules
from planner.errors import PlanFormatError, PlannerError
from planner.web import safejson
from planner.web.extensions import db
from planner.web.models import (
    ROLES,
    Comment,
    Invitation,
    LoginAttempt,
    Membership,
    PlanVersion,
    Project,
    Review,
    User,
    now,
)

GROUPS = ("plot", "room", "access", "program")
"""Groups findings are shown in; ``geometry`` joins ``plot`` or ``room`` by subject,
``contribution`` joins ``program``."""


class Conflict(PlannerError):
    """Someone saved a newer version after the one an edit was based on."""

    def __init__(self, latest: PlanVersion) -> None:
        self.latest = latest
        super().__init__(f"version {latest.number} was saved in between")


class UnreadableVersion(PlannerError):
    """A stored version cannot be read as a plan any more (stored before the reader refused what it
    holds); the pages offer to upload a good plan instead of failing."""

    def __init__(self, v: PlanVersion) -> None:
        self.version = v
        super().__init__(f"version {v.number} cannot be read")


class NotAllowed(PlannerError):
    """The action is not open to this user (an invitation that expired, ...)."""


# --------------------------------------------------------------------------- checking


def group_of(finding: rules.Finding) -> str:
    """The page group a finding is shown in."""
    g = finding.group
    if g == "geometry":
        return "plot" if finding.subject == "plot" else "room"
    if g == "contribution":
        return "program"
    if g == "stair":
        return "access"      # RULES.md: "Access and stairs"
    return g if g in GROUPS else "program"


def report_of(plan: model.Plan) -> dict[str, Any]:
    """The check report with each message in every language, ready to store as JSON."""
    report = rules.check(plan)
    findings = []
    for f in report.findings:
        d = f.to_dict()
        d["group"] = group_of(f)
        d["messages"] = {lang: f.message_in(lang) for lang in rules.LANGUAGES}
        findings.append(d)
    return {"ok": report.ok, "summary": {k: round(float(v), 2) for k, v in report.summary.items()},
            "details": report.details_in_languages(), "findings": findings, "facts": facts_of(plan)}


def facts_of(plan: model.Plan) -> dict[str, Any]:
    """What the overview shows of a plan, kept with each version so the page need not read the plan."""
    h = plan.households[0] if plan.households else None
    floors = [[b.id, s] for b in plan.buildings for s in sorted({r.storey for r in b.rooms})]
    return {"members": len(h.members) if h else 0, "room_needs": len(h.room_needs) if h else 0,
            "has_plot": has_plot(plan), "buildings": len(plan.buildings), "floors": floors}


def has_plot(plan: model.Plan) -> bool:
    return len(model._ring(plan.plot.boundary)) >= 3


# --------------------------------------------------------------------------- projects


def new_plan(name: str, municipality: str, household_name: str) -> model.Plan:
    """A plan with a project, one household and no plot or building yet."""
    return model.Plan(project=model.Project(name=name, municipality=municipality),
                      plot=model.Plot(boundary=[], road_edges=[], has_regulation=False),
                      households=[model.Household(id="h1", name=household_name)])


def create_project(user: User, name: str, municipality: str, household_name: str) -> Project:
    """A new project with the user as its family member and a first version."""
    project = Project(name=name, created_by_id=user.id)
    db.session.add(project)
    db.session.flush()
    db.session.add(Membership(project_id=project.id, user_id=user.id, role="family"))
    plan = new_plan(name, municipality, household_name)
    db.session.add(_version(project.id, 1, plan, user, "@created"))  # shown per language: projects.notes
    db.session.commit()
    return project


def _version(project_id: int, number: int, plan: model.Plan, user: User, note: str) -> PlanVersion:
    return PlanVersion(project_id=project_id, number=number, body=safejson.dumps(model.to_dict(plan)),
                       report_json=safejson.dumps(report_of(plan)),
                       note=note[:500], author_id=user.id)


def projects_of(user: User) -> list[tuple[Project, str]]:
    rows = db.session.execute(
        select(Project, Membership.role).join(Membership).where(Membership.user_id == user.id)
        .order_by(Project.created_at.desc(), Project.id.desc())).all()
    return [(p, role) for p, role in rows]


# The statements of every page load are built once: building a select costs several times what
# running it on SQLite does; each request only binds its values.
_PROJECT_AND_ROLE = (select(Project, Membership.role)
                     .outerjoin(Membership, (Membership.project_id == Project.id)
                                & (Membership.user_id == bindparam("user_id")))
                     .where(Project.id == bindparam("project_id")))
_LATEST = (select(PlanVersion).where(PlanVersion.project_id == bindparam("project_id"))
           .order_by(PlanVersion.number.desc()).limit(1))


def project_and_role(user: User, project_id: int) -> tuple[Project | None, str | None]:
    """The project and the user's role in it (None when not a member), in one query."""
    row = db.session.execute(_PROJECT_AND_ROLE, {"user_id": user.id, "project_id": project_id}).first()
    return (row[0], row[1]) if row else (None, None)


def latest(project_id: int) -> PlanVersion:
    return db.session.scalars(_LATEST, {"project_id": project_id}).one()


def version(project_id: int, number: int) -> PlanVersion | None:
    return db.session.scalar(select(PlanVersion).where(
        PlanVersion.project_id == project_id, PlanVersion.number == number))


def versions(project_id: int) -> list[PlanVersion]:
    return list(db.session.scalars(select(PlanVersion).where(PlanVersion.project_id == project_id)
                                   .order_by(PlanVersion.number.desc())))


def plan_of(v: PlanVersion) -> model.Plan:
    """The plan of a stored version; :class:`UnreadableVersion` when it cannot be read."""
    try:
        return model.from_dict(safejson.loads(v.body))
    except (safejson.UnsafeJSON, PlanFormatError):
        raise UnreadableVersion(v) from None


@functools.lru_cache(maxsize=64)
def _parsed_report(report_json: str) -> dict[str, Any]:
    return safejson.loads(report_json)


def stored_report(version_id: int, report_json: str) -> dict[str, Any]:
    """The stored check report of a version, read once per process for each stored text (a version
    never changes); the same as ``PlanVersion.report`` (made again when it cannot be read). The
    answer is shared: read it, do not change it."""
    try:
        return _parsed_report(report_json)
    except safejson.UnsafeJSON:
        v = db.session.get(PlanVersion, version_id)
        return v.report if v is not None else {"ok": False, "summary": {}, "findings": [], "unreadable": True}


def save_plan(project_id: int, plan: model.Plan, user: User, note: str, base: int) -> PlanVersion:
    """Store ``plan`` as the version after ``base``; :class:`Conflict` when ``base`` is not the latest.

    The plan goes through ``from_dict`` again first, so nothing unreadable is stored.
    """
    try:
        plan = model.from_dict(safejson.loads(safejson.dumps(model.to_dict(plan))))
    except (ValueError, RecursionError):  # NaN, infinity or a text that cannot be stored
        raise PlanFormatError("", "not-finite") from None
    current = latest(project_id)
    if current.number != base:
        raise Conflict(current)
    try:
        v = _version(project_id, base + 1, plan, user, note)
    except ValueError:  # a figure of the report is not finite: the plan is out of every sane size
        raise PlanFormatError("", "not-finite") from None
    db.session.add(v)
    try:
        db.session.commit()
    except IntegrityError:  # another process stored base + 1 a moment ago
        db.session.rollback()
        raise Conflict(latest(project_id)) from None
    return v


# --------------------------------------------------------------------------- comparing


def room_areas(plan: model.Plan) -> dict[str, tuple[str, float]]:
    """Room id -> (name, net area in m²) for every valid room of the plan."""
    from planner.geometry import BuildingGeometry

    out: dict[str, tuple[str, float]] = {}
    for b in plan.buildings:
        try:
            g = BuildingGeometry.of(b)
        except Exception:  # noqa: BLE001 - an unreadable building has no areas to show
            continue
        for room in g.rooms:
            out[room.id] = (room.name, round(float(g.net_area(room.id)), 2))
    return out


@dataclass
class Comparison:
    summary: list[tuple[str, float, float]]
    rooms: list[tuple[str, str, float | None, float | None]]
    appeared: list[dict[str, Any]]
    went_away: list[dict[str, Any]]


def compare(a: PlanVersion, b: PlanVersion) -> Comparison:
    """What changed from version ``a`` to version ``b``: key figures, room areas, findings."""
    ra, rb = a.report, b.report
    summary = [(k, ra["summary"].get(k, 0.0), rb["summary"].get(k, 0.0)) for k in rb["summary"]]
    areas_a, areas_b = room_areas(plan_of(a)), room_areas(plan_of(b))
    rooms = []
    for rid in list(areas_a) + [r for r in areas_b if r not in areas_a]:
        name = (areas_b.get(rid) or areas_a[rid])[0]
        rooms.append((rid, name, areas_a.get(rid, (None, None))[1], areas_b.get(rid, (None, None))[1]))

    def key(f: dict[str, Any]) -> tuple[str, str]:
        return f["rule"], f["subject"]

    keys_a = {key(f) for f in ra["findings"]}
    keys_b = {key(f) for f in rb["findings"]}
    return Comparison(summary=summary, rooms=rooms,
                      appeared=[f for f in rb["findings"] if key(f) not in keys_a],
                      went_away=[f for f in ra["findings"] if key(f) not in keys_b])


# --------------------------------------------------------------------------- members


def members(project_id: int, with_users: bool = False) -> list[Membership]:
    """The project's members, the earliest first; ``with_users`` loads their users in one more query
    (a page listing names), not one per member."""
    q = select(Membership).where(Membership.project_id == project_id).order_by(Membership.created_at,
                                                                              Membership.id)
    if with_users:
        q = q.options(selectinload(Membership.user))
    return list(db.session.scalars(q))


def remove_member(project_id: int, membership_id: int, by: User) -> None:
    """Remove a member; the last family member cannot be removed."""
    m = db.session.get(Membership, membership_id)
    if m is None or m.project_id != project_id:
        raise NotAllowed("no such member")
    if m.role == "family":
        families = db.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.project_id == project_id, Membership.role == "family"))
        if families <= 1:
            raise NotAllowed("the last family member stays")
    db.session.delete(m)
    db.session.commit()


def token_hash(token: str) -> str:
    """The stored form of an invitation token.

    >>> len(token_hash("abc"))
    64
    """
    return hashlib.sha256(token.encode()).hexdigest()


def invite(project_id: int, role: str, by: User, days: int) -> tuple[Invitation, str]:
    """A new invitation and its token (shown once; only the hash is stored)."""
    if role not in ROLES:
        raise NotAllowed("unknown role")
    token = secrets.token_urlsafe(24)
    inv = Invitation(project_id=project_id, token_hash=token_hash(token), role=role,
                     created_by_id=by.id, expires_at=now() + timedelta(days=days))
    db.session.add(inv)
    db.session.commit()
    return inv, token


def invitations(project_id: int) -> list[Invitation]:
    """The project's invitations, newest first, with who made and who accepted each (no query per row)."""
    return list(db.session.scalars(select(Invitation).where(Invitation.project_id == project_id)
                                   .options(selectinload(Invitation.created_by),
                                            selectinload(Invitation.accepted_by))
                                   .order_by(Invitation.created_at.desc(), Invitation.id.desc())))


def find_invitation(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))


def accept(inv: Invitation, user: User) -> Membership:
    """Make the user a member with the invitation's role (an existing member keeps their role)."""
    if inv.state() != "open":
        raise NotAllowed(inv.state())
    existing = db.session.scalar(select(Membership).where(
        Membership.project_id == inv.project_id, Membership.user_id == user.id))
    inv.accepted_at, inv.accepted_by_id = now(), user.id
    if existing is None:
        existing = Membership(project_id=inv.project_id, user_id=user.id, role=inv.role)
        db.session.add(existing)
    db.session.commit()
    return existing


def revoke(project_id: int, invitation_id: int) -> None:
    inv = db.session.get(Invitation, invitation_id)
    if inv is None or inv.project_id != project_id:
        raise NotAllowed("no such invitation")
    if inv.revoked_at is None:
        inv.revoked_at = now()
        db.session.commit()


# --------------------------------------------------------------------------- review


_LATEST_REVIEW = (select(Review).where(Review.project_id == bindparam("project_id"))
                  .order_by(Review.submitted_at.desc(), Review.id.desc()).limit(1))


def latest_review(project_id: int) -> Review | None:
    return db.session.scalar(_LATEST_REVIEW, {"project_id": project_id})


def reviews(project_id: int) -> list[Review]:
    return list(db.session.scalars(select(Review).where(Review.project_id == project_id)
                                   .order_by(Review.submitted_at.desc(), Review.id.desc())))


def submit(project_id: int, v: PlanVersion, by: User) -> Review:
    review = Review(project_id=project_id, version_id=v.id, submitted_by_id=by.id)
    db.session.add(review)
    db.session.commit()
    return review


def decide(project_id: int, review_id: int, status: str, by: User) -> Review:
    review = db.session.get(Review, review_id)
    if review is None or review.project_id != project_id or status not in REVIEW_DECISIONS:
        raise NotAllowed("no such review")
    review.status, review.decided_by_id, review.decided_at = status, by.id, now()
    db.session.commit()
    return review


REVIEW_DECISIONS = ("approved", "changes_requested")


def comment(project_id: int, v: PlanVersion, by: User, body: str, finding: str | None = None,
            room_id: str | None = None) -> Comment:
    """Add a comment; ``finding`` is ``rule|subject``."""
    rule = subject = None
    if finding:
        rule, _, subject = finding.partition("|")
    c = Comment(project_id=project_id, version_id=v.id, author_id=by.id, body=body,
                finding_rule=rule, finding_subject=subject, room_id=room_id or None)
    db.session.add(c)
    db.session.commit()
    return c


def comments(project_id: int) -> list[Comment]:
    return list(db.session.scalars(select(Comment).where(Comment.project_id == project_id)
                                   .order_by(Comment.created_at, Comment.id)))


# --------------------------------------------------------------------------- login limits


def too_many_failures(email: str, limit: int, minutes: int) -> bool:
    since = now() - timedelta(minutes=minutes)
    n = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.email == email.lower(), LoginAttempt.at >= since))
    return n >= limit


def record_failure(email: str) -> None:
    db.session.add(LoginAttempt(email=email.lower()[:254]))
    db.session.commit()


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def register(email: str, name: str, password: str) -> User:
    if find_user(email) is not None:
        raise NotAllowed("email taken")
    user = User(email=email.strip().lower(), name=name.strip())
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
