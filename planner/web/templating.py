"""Filters and names the templates share: numbers with a decimal comma, role and room names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from planner.rules.messages import type_name
from planner.web.access import can

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


def lang() -> str:
    return str(get_locale() or "nb")


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
    return finding["messages"].get(lang()) or finding["message"]


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
    app.jinja_env.filters.update(num=num, when=when, day=day, room_type=room_type, message=message)
    app.jinja_env.globals.update(can=can, ROLE_NAMES=ROLE_NAMES, ROLE_HELP=ROLE_HELP,
                                 GROUP_NAMES=GROUP_NAMES, REVIEW_NAMES=REVIEW_NAMES,
                                 INVITATION_NAMES=INVITATION_NAMES, SUMMARY_NAMES=SUMMARY_NAMES,
                                 SUMMARY_UNITS=SUMMARY_UNITS,
                                 form_error_list=form_error_list, csrf_field=csrf_field)
