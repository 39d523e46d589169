"""The start page with each project's status, the case officer's queue, the language switch and a
plain health endpoint."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, session, url_for
from flask_login import current_user, login_required

from planner.web import notify
from planner.web.main.forms import LanguageForm
from planner.web.review import conversation

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """What the tool is for, and the user's projects with their status and unread notifications."""
    projects = conversation.projects_with_status(current_user) if current_user.is_authenticated else []
    waiting = (len(conversation.queue(current_user))
               if current_user.is_authenticated and any(role == "planner" for _p, role, _s, _u in projects)
               else 0)
    return render_template("main/index.html", projects=projects, waiting=waiting)


@bp.route("/saksbehandling")
@login_required
def queue():
    """The case officer's queue: versions submitted in their projects, the one waiting longest first."""
    return render_template("main/queue.html", items=conversation.queue(current_user))


@bp.route("/sprak", methods=["POST"])
def language():
    """Choose the language for this session (and, logged in, for the e-mail one gets)."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            notify.remember_locale(current_user, form.lang.data)
    target = form.next.data or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    return redirect(target)


@bp.route("/helse")
def health():
    """A plain answer without database work: the baseline of bench/web.py."""
    return {"ok": True}

