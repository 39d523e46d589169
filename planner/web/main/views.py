"""The start page, the language switch and a plain health endpoint."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user

from planner.web import services
from planner.web.main.forms import LanguageForm

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """What the tool is for, and the user's projects."""
    projects = services.projects_of(current_user) if current_user.is_authenticated else []
    return render_template("main/index.html", projects=projects)


@bp.route("/sprak", methods=["POST"])
def language():
    """Choose the language for this session."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
    target = form.next.data or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    return redirect(target)


@bp.route("/helse")
def health():
    """A plain answer without database work: the baseline of bench/web.py."""
    return {"ok": True}


@bp.app_context_processor
def language_form() -> dict[str, object]:
    form = LanguageForm(formdata=None, next=request.full_path.rstrip("?") if request else "/")
    return {"language_form": form}
