"""The bell's pages: the member's notifications, opening one, marking them read, the settings."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import get_domain, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from planner.web import notify
from planner.web.notify.forms import CHANNEL_NAMES, KIND_NAMES, ReadForm, SettingsForm
from planner.web.notify.models import KINDS
from planner.web.templating import when

bp = Blueprint("notify", __name__, url_prefix="/varsler")

PAGE = 50


@bp.route("/")
@login_required
def index():
    """The member's notifications, newest first, of the projects they take part in."""
    page = max(request.args.get("side", 1, type=int) or 1, 1)
    items = notify.notifications_of(current_user, limit=PAGE + 1, offset=(page - 1) * PAGE)
    words, lang = get_domain().get_translations(), str(get_locale() or "nb")
    rows = [(n, notify.describe(n, lang, words, html=True), notify.detail(n), n.created_at.isoformat(),
             when(n.created_at)) for n in items[:PAGE]]
    return render_template("notify/index.html", items=rows, more=len(items) > PAGE, page=page,
                           form=ReadForm(formdata=None), unread=_unread())


def _unread() -> int:
    """The member's unread count, counted once per request (the list and the bell both show it)."""
    if "unread_notifications" not in g:
        g.unread_notifications = notify.unread_count(current_user)
    return g.unread_notifications


@bp.route("/antall")
@login_required
def count():
    """The unread count as JSON, for the bell."""
    return jsonify({"unread": notify.unread_count(current_user)})


@bp.route("/<int:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Mark the notification read and go to the page it is about."""
    n = notify.visible_notification(current_user, notification_id)
    if n is None:
        abort(404)
    notify.mark_read(current_user, [n.id])
    target = n.url if n.url.startswith("/") and not n.url.startswith("//") else \
        url_for("projects.overview", project_id=n.project_id)
    return redirect(target)


@bp.route("/les", methods=["POST"])
@login_required
def mark_read():
    """Mark one notification read, or all of them; answers JSON to a script, else goes back to the list."""
    form = ReadForm()
    if not form.validate_on_submit():
        abort(400)
    target = (form.target.data or "").strip()
    if target and not target.isdigit():
        abort(400)
    changed = notify.mark_read(current_user, [int(target)] if target else None)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"changed": changed, "unread": notify.unread_count(current_user)})
    if not target:
        flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notify.index"))


@bp.route("/innstillinger", methods=["GET", "POST"])
@login_required
def settings():
    """Per kind: in the app only, e-mail at once or a daily digest; and the language of the e-mail."""
    chosen = notify.channels_of([current_user.id])[current_user.id]
    if request.method == "POST":
        form = SettingsForm()
        if form.validate_on_submit():
            notify.save_settings(current_user, {k: getattr(form, f"kind_{k}").data for k in KINDS},
                                 locale=form.locale.data)
            flash(_("Your notification settings are saved."), "success")
            return redirect(url_for("notify.settings"))
        status = 422
    else:
        form = SettingsForm(formdata=None, locale=notify.locale_of(current_user.id),
                            **{f"kind_{k}": chosen[k] for k in KINDS})
        status = 200
    return render_template("notify/settings.html", form=form, kinds=KINDS, kind_names=KIND_NAMES,
                           channel_names=CHANNEL_NAMES, mail_enabled=notify.mail_enabled()), status


@bp.app_context_processor
def bell() -> dict[str, object]:
    def unread() -> int:
        return _unread() if current_user.is_authenticated else 0

    return {"unread_notifications": unread}
