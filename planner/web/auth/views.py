"""Register, log in, log out, and the account page (password, log out everywhere)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash

from planner.web import services
from planner.web.auth import limits, sessions
from planner.web.auth.forms import LoginForm, PasswordChangeForm, RegisterForm
from planner.web.extensions import db
from planner.web.fields import ActionForm
from planner.web.models import hash_password, password_hash_method

bp = Blueprint("auth", __name__, url_prefix="/konto")

_DUMMY_HASH: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash to check an unknown account's password against, so it takes as long as a known one
    (made by the same method as the accounts' own)."""
    method = password_hash_method()
    if method not in _DUMMY_HASH:
        _DUMMY_HASH[method] = hash_password("no account has this password")
    return _DUMMY_HASH[method]


def _next_url() -> str:
    """Where to go after logging in: a local path only."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc and not parts.scheme \
            and "\\" not in target:
        return target
    return url_for("main.index")


def _limits() -> limits.Limits:
    cfg = current_app.config
    return limits.Limits(per_account=cfg["LOGIN_MAX_FAILURES"],
                         per_address=cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"],
                         window_minutes=cfg["LOGIN_WINDOW_MINUTES"], delay_seconds=cfg["LOGIN_DELAY_SECONDS"])


def _wait_message(seconds: float) -> str:
    if seconds < 90:
        n = max(int(seconds + 0.999), 1)
        return ngettext("Too many failed attempts. Wait %(num)d second and try again.",
                        "Too many failed attempts. Wait %(num)d seconds and try again.", n)
    n = int(seconds / 60 + 0.999)
    return ngettext("Too many failed attempts. Wait %(num)d minute and try again.",
                    "Too many failed attempts. Wait %(num)d minutes and try again.", n)


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
    """Log in. Failed attempts are limited per address and per account, with a growing delay; an
    unknown address takes as long as a known one."""
    form = LoginForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        lim = _limits()
        address, account = limits.address_key(request.remote_addr), limits.account_key(email)
        wait = limits.reserve(address, lim.per_address, lim) or limits.reserve(account, lim.per_account, lim)
        if wait:
            form.form_errors.append(_wait_message(wait))
            return render_template("auth/login.html", form=form), 429
        user = services.find_user(email)
        if user is None:
            check_password_hash(_dummy_hash(), form.password.data)
        if user is None or not user.check_password(form.password.data):
            services.record_failure(email)
            form.form_errors.append(_("The e-mail address or the password is wrong."))
            return render_template("auth/login.html", form=form), 422
        limits.forgive(account, clear=True)
        limits.forgive(address, clear=False)
        login_user(user)
        return redirect(_next_url())
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logg-ut", methods=["POST"])
def logout():
    """Log out (a form with CSRF, never a link): every session of the account ends, on every device,
    so a copied cookie is worth nothing afterwards."""
    if current_user.is_authenticated:
        sessions.end_all(current_user._get_current_object())
        logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))


@bp.route("/", methods=["GET"])
@login_required
def account():
    """The account: who you are, a new password, logging out everywhere."""
    return _account_page(PasswordChangeForm(formdata=None))


def _account_page(form: PasswordChangeForm, status: int = 200):
    return render_template("auth/account.html", form=form, everywhere=ActionForm(formdata=None)), status


@bp.route("/passord", methods=["POST"])
@login_required
def password():
    """Change the password; every other session ends, this one goes on."""
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return _account_page(form, 422)
    user = current_user._get_current_object()
    if not user.check_password(form.current.data):
        form.current.errors = [_("This is not your password now.")]
        return _account_page(form, 422)
    user.set_password(form.password.data)
    db.session.commit()
    sessions.renew(user)
    flash(_("The password is changed. You are logged out everywhere else."), "success")
    return redirect(url_for("auth.account"))


@bp.route("/logg-ut-overalt", methods=["POST"])
@login_required
def logout_everywhere():
    """End every session of the account, on every device, this one included."""
    if not ActionForm().validate_on_submit():
        return _account_page(PasswordChangeForm(formdata=None), 400)
    sessions.end_all(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("auth.login"))
