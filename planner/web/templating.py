"""Filters and names the templates share: numbers with a decimal comma, role and room names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from planner.rules.messages import type_name
from planner.web.access import can
from planner.web.fields import strip_bidi

ROLE_NAMES = {"family": _l("family"), "planner": _l("municipal planner"),
              "contractor": _l("contractor"), "mentor": _l("mentor")}
ROLE_HELP = {"family": _l("edits the plan, invites others and submits versions for review"),
             "planner": _l("reviews submitted versions, comments and approves or asks for changes"),
             "contractor": _l("comments and downloads the drawings"),
             "mentor": _l("a family that has done this before: reads and comments")}
GROUP_NAMES = {"plot": _l("Plot"), "room": _l("Rooms"), "access": _l("Access"), "program": _l("Program")}
REVIEW_NAMES = {"submitted": _l("waiting for review"), "approved": _l("approved"),
                "changes_requested": _l("changes requested")}
INVITATION_NAMES = {"open": _l("open"), "accepted": _l("accepted"), "revoked": _l("revoked"),
                    "expired": _l("expired")}
SUMMARY_NAMES = {"plot_area_m2": _l("Plot area"), "buildable_area_m2": _l("Buildable area"),
                 "bya_m2": _l("Built-up area (BYA)"), "bya_percent": _l("Built-up area (%-BYA)"),
                 "bra_m2": _l("Usable floor area (BRA)")}
SUMMARY_UNITS = {"bya_percent": "%"}


def N_(message: str) -> str:
    """Marks a message for the catalogue; it is translated where it is shown."""
    return message


PROJECT_NAV: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    ("projects.overview", N_("Overview"), None, ()),
    ("projects.household", N_("Household"), "edit", ()),
    ("projects.needs", N_("Room needs"), "edit", ()),
    ("plan.plot", N_("Plot"), "plot", ("plan.plot_upload", "plan.plot_choice")),
    ("plan.floor_plan", N_("Floor plan"), None,
     ("plan.variants", "plan.plan_upload", "plan.room", "plan.wall", "plan.door", "plan.window",
      "plan.remove_door", "plan.remove_window")),
    ("selfbuild.page", N_("Self-build"), None,
     ("selfbuild.figures", "selfbuild.propose", "selfbuild.decide", "selfbuild.done", "selfbuild.remove",
      "selfbuild.change", "selfbuild.ledger_page", "selfbuild.people_page", "selfbuild.existing_home",
      "selfbuild.existing_choice")),
    ("finance.page", N_("Financing"), None,
     ("finance.terms", "finance.add_item", "finance.remove_item", "finance.milestones")),
    ("projects.versions", N_("Versions"), None, ("projects.compare",)),
    ("review.review", N_("Review"), None, ()),
    ("members.members", N_("Members"), None, ()),
    ("projects.downloads", N_("Downloads"), None, ()),
    ("application.page", N_("Building application"), None, ()),
)
"""The project's pages: endpoint, name, the action a role needs to see it, the endpoints it is current for."""


def project_nav() -> list[tuple[str, str, bool]]:
    """(address, name, current) of each project page the member's role sees, made in one call
    instead of a template macro per entry."""
    from flask import g, request, url_for

    from planner.web.i18n import fast_gettext

    endpoint, pid = request.endpoint, g.project.id
    return [(url_for(ep, project_id=pid), fast_gettext(text), endpoint == ep or endpoint in current)
            for ep, text, needs, current in PROJECT_NAV if needs is None or can(needs)]


def lang() -> str:
    return str(get_locale() or "nb")


def kroner(value: float) -> str:
    """Whole kroner with a thousands separator in the page's language: ``40 000`` or ``40,000``."""
    from planner.contributions import nok

    return nok(value, lang())


def num(value: Any, digits: int = 1) -> str:
    """A number as people read it: ``12,5`` in Bokmål, ``12.5`` in English."""
    if value is None or value == "":
        return ""
    text = f"{float(value):.{digits}f}"
    return text.replace(".", ",") if lang() != "en" else text


OSLO = ZoneInfo("Europe/Oslo")


def when(value: datetime | None) -> str:
    """A stored UTC time as the time in Europe/Oslo.

    >>> when(datetime(2026, 5, 12, 10, 30)), when(datetime(2026, 12, 1, 23, 30))
    ('12.05.2026 12:30', '02.12.2026 00:30')
    """
    if value is None:
        return ""
    return oslo(value).strftime("%d.%m.%Y %H:%M")


def day(value: datetime | None) -> str:
    """The day (``12.05``) of a stored UTC time in Europe/Oslo.

    >>> day(datetime(2026, 5, 11, 22, 30))
    '12.05'
    """
    return oslo(value).strftime("%d.%m") if value is not None else ""


def oslo(value: datetime) -> datetime:
    """A stored UTC time (naive) as an aware time in Europe/Oslo."""
    return value.replace(tzinfo=UTC).astimezone(OSLO)


def room_type(value: str) -> str:
    nb, en = type_name(value)
    return en if lang() == "en" else nb


def message(finding: dict[str, Any]) -> str:
    """A finding's message in the page's language; it can quote a name from the plan, so without bidi
    controls (the rules write plain text)."""
    return strip_bidi(finding["messages"].get(lang()) or finding["message"])


def bdi(value: Any) -> Markup:
    """User text isolated in ``<bdi>`` (escaped): shown inline next to other words, a right-to-left
    name or an override character in it cannot turn the direction of the words around it.
    Right-to-left letters inside still read right to left.

    >>> str(bdi("Berg\u202e <b>")), str(bdi(None))
    ('<bdi>Berg\u202e &lt;b&gt;</bdi>', '')
    """
    if value is None or value == "":
        return Markup("")
    return Markup(f"<bdi>{escape(value)}</bdi>")


def nobidi(value: Any) -> str:
    """User text without bidi control characters, where no element can isolate it (a page title,
    an attribute such as ``alt``).

    >>> nobidi("Berg\u202e slaf")
    'Berg slaf'
    """
    return strip_bidi(str(value)) if value is not None else ""


def csrf_field(form: Any) -> Markup:
    """The form's CSRF token as a hidden input without an id (a page may hold several forms)."""
    field = getattr(form, "csrf_token", None)
    return field(id=False) if field is not None else Markup("")


def form_error_list(form: Any) -> list[tuple[str, str]]:
    """(field id, message) of every error in a form, sub-forms included, for the error summary."""
    out: list[tuple[str, str]] = [("", str(e)) for e in getattr(form, "form_errors", [])]
    for f in form:
        if f.type == "CSRFTokenField":
            continue
        if f.type == "FieldList":
            for entry in f.entries:
                out.extend(form_error_list(entry.form) if hasattr(entry, "form") else
                           [(entry.id, str(e)) for e in entry.errors])
        elif f.type == "FormField":
            out.extend(form_error_list(f.form))
        else:
            label = f.label.text if f.label else ""
            out.extend((f.id, f"{label}: {e}" if label else str(e)) for e in f.errors
                       if isinstance(e, str) or hasattr(e, "__html__"))
    return out


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(num=num, when=when, day=day, room_type=room_type, message=message,
                                 bdi=bdi, nobidi=nobidi)
    app.jinja_env.globals.update(can=can, ROLE_NAMES=ROLE_NAMES, ROLE_HELP=ROLE_HELP,
                                 GROUP_NAMES=GROUP_NAMES, REVIEW_NAMES=REVIEW_NAMES,
                                 INVITATION_NAMES=INVITATION_NAMES, SUMMARY_NAMES=SUMMARY_NAMES,
                                 SUMMARY_UNITS=SUMMARY_UNITS,
                                 form_error_list=form_error_list, csrf_field=csrf_field,
                                 project_nav=project_nav)
