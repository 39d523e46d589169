"""Register, log in and log out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from planner.web import services
from planner.web.auth.forms import LoginForm, RegisterForm

bp = Blueprint("auth", __name__, url_prefix="/konto")


def _next_url() -> str:
    """Where to go after logging in: a local path only."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc and not parts.scheme:
        return target
    return url_for("main.index")


@bp.route("/registrer", methods=["GET", "POST"])
def register():
    """Create an account."""
    form = RegisterForm()
    if form.validate_on_submit():
        user = services.register(form.email.data, form.name.data, form.password.data)
        login_user(user)
        flash(_("Welcome, %(name)s. Your account is ready.", name=user.name), "success")
        return redirect(_next_url())
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422


@bp.route("/logg-inn", methods=["GET", "POST"])
def login():
    """Log in, with a limit on failed attempts per address."""
    form = LoginForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        cfg = current_app.config
        if services.too_many_failures(email, cfg["LOGIN_MAX_FAILURES"], cfg["LOGIN_WINDOW_MINUTES"]):
            form.form_errors.append(_("Too many failed attempts. Wait %(minutes)d minutes and try again.",
                                      minutes=cfg["LOGIN_WINDOW_MINUTES"]))
            return render_template("auth/login.html", form=form), 429
        user = services.find_user(email)
        if user is None or not user.check_password(form.password.data):
            services.record_failure(email)
            form.form_errors.append(_("The e-mail address or the password is wrong."))
            return render_template("auth/login.html", form=form), 422
        login_user(user)
        return redirect(_next_url())
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logg-ut", methods=["POST"])
def logout():
    """Log out (a form with CSRF, never a link)."""
    if current_user.is_authenticated:
        logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))
