"""The save cycle every edit view shares: rows added or removed, conflicts, bad plans."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import FieldList

from planner import model
from planner.errors import PlanFormatError
from planner.web import services
from planner.web.models import PlanVersion
from planner.web.projects import notes
from planner.web.templating import lang


def household(plan: model.Plan) -> model.Household:
    """The household a page is about: ``?husstand=ID``, else the plan's first; 404 when there is none."""
    hid = request.args.get("husstand")
    h = plan.household(hid) if hid else (plan.households[0] if plan.households else None)
    if h is None:
        abort(404)
    return h


def start(form: Any, current: PlanVersion) -> None:
    """A form shown for the first time edits the latest version."""
    form.base_version.data = current.number


def row_action(form: Any, lists: dict[str, FieldList], blank: dict[str, dict[str, Any]]) -> bool:
    """Add or remove a row of a list in the form (a button, not a save); True when one was pressed."""
    action = request.form.get("row_action", "")
    kind, _, rest = action.partition(":")
    name, _, index = rest.partition("-")
    if kind not in ("add", "remove") or name not in lists:
        return False
    fl = lists[name]
    rows = [e.data for e in fl.entries]
    if kind == "add" and len(rows) < (fl.max_entries or 50):
        rows.append(dict(blank[name]))
    elif kind == "remove" and index.isdigit() and int(index) < len(rows):
        del rows[int(index)]
    replace_rows(fl, rows)
    return True


def replace_rows(fl: FieldList, rows: list[dict[str, Any]]) -> None:
    while len(fl.entries):
        fl.pop_entry()
    for row in rows:
        fl.append_entry(row)


def save(form: Any, plan: model.Plan, template: str, done_url: str, message: str, /,
         form_key: str = "form", **context: Any) -> Any:
    """Store the edited plan as a new version, or show the form again with what was typed.

    A save based on an older version is refused (409) and the form keeps the input,
    now based on the latest version, so it can be sent again after a look.
    """
    try:
        services.save_plan(context["project_id"], plan, current_user, form.note.data or notes.stored(message),
                           form.base_version.data)
    except services.Conflict as c:
        form.base_version.data = c.latest.number
        form.base_version.raw_data = [str(c.latest.number)]
        return render_template(template, conflict=c.latest, **{form_key: form}, **context), 409
    except PlanFormatError as e:
        form.form_errors.append(_("The plan cannot be saved: %(problem)s", problem=e.message_in(lang())))
        return render_template(template, **{form_key: form}, **context), 422
    flash(message, "success")
    return redirect(done_url)
