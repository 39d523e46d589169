"""The web app: families, municipal planners and contractors co-plan a home.

``create_app()`` builds the Flask app; configuration comes from the environment
(see :mod:`planner.web.config`) or from ``test_config``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from flask import Flask, g, render_template, request
from flask_babel import get_locale
from flask_wtf.csrf import CSRFError

from planner.web import config as config_module
from planner.web.extensions import babel, csrf, db, login_manager, migrate
from planner.web.i18n import CATALOGUES, compile_catalogues, install_template_gettext, select_locale

ROOT = Path(__file__).resolve().parent.parent.parent
MIGRATIONS = ROOT / "migrations"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def _shared_dir(name: str) -> str:
    """``templates``/``static``/``migrations`` beside the package, or installed under sys.prefix."""
    for base in (ROOT, Path(sys.prefix) / "share" / "planner"):
        if (base / name).is_dir():
            return str(base / name)
    return str(ROOT / name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app factory."""
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("PLANNER_INSTANCE_PATH") or None
    app = Flask("planner.web", instance_relative_config=True, instance_path=instance,
                template_folder=_shared_dir("templates"), static_folder=_shared_dir("static"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config_module.from_environment(app.instance_path))
    if test_config is not None:
        app.config.from_mapping(test_config)
        if "DATABASE_URL" in test_config:
            app.config["SQLALCHEMY_DATABASE_URI"] = config_module.database_url(test_config["DATABASE_URL"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.secret_key(app.instance_path)
    if not (test_config or {}).get("SECRET_KEY"):  # a key from the environment (deployment), not from code
        config_module.check_secret_key(app.config["SECRET_KEY"], app.config)
    config_module.prepare_sqlite(app.config["SQLALCHEMY_DATABASE_URI"])
    # a request may carry the largest file of any form (a photo is larger than a plan) and its fields
    largest = max(app.config["MAX_UPLOAD_BYTES"], app.config["MAX_PHOTO_BYTES"])
    app.config["MAX_CONTENT_LENGTH"] = largest + 64_000
    translations = compile_catalogues(CATALOGUES, Path(app.instance_path) / "translations")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations)

    db.init_app(app)
    migrate.init_app(app, db, directory=_shared_dir("migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)

    _register_blueprints(app)
    _register_hooks(app)
    from planner.web import templating

    templating.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from planner.web.application.views import bp as application
    from planner.web.auth.views import bp as auth
    from planner.web.editor.views import bp as editor
    from planner.web.finance.views import bp as finance
    from planner.web.main.views import bp as main
    from planner.web.members.views import bp as members
    from planner.web.notify.views import bp as notify
    from planner.web.plan.views import bp as plan
    from planner.web.projects.views import bp as projects
    from planner.web.review.views import bp as review
    from planner.web.selfbuild.views import bp as selfbuild
    from planner.web.viewer.views import bp as viewer

    for bp in (main, auth, projects, plan, members, review, selfbuild, notify, editor, finance, viewer,
               application):
        app.register_blueprint(bp)


def _register_hooks(app: Flask) -> None:
    from planner.web.auth.sessions import load_user

    login_manager.user_loader(load_user)

    @app.after_request
    def security_headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint != "static":  # project pages, images and downloads stay out of every cache
            response.headers.setdefault("Cache-Control", "private, no-store")
        response.vary.add("Cookie")
        return response

    def error_page(code: int, template: str = "errors/error.html"):  # type: ignore[no-untyped-def]
        def handler(e: Exception):  # type: ignore[no-untyped-def]
            g.error_code = code
            return render_template(template, code=code), code
        return handler

    from planner.web.services import UnreadableVersion

    @app.errorhandler(UnreadableVersion)
    def unreadable(e: UnreadableVersion):  # type: ignore[no-untyped-def]
        g.error_code = 409
        return render_template("errors/unreadable.html", number=e.version.number), 409

    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, error_page(code))
    app.register_error_handler(CSRFError, error_page(400, "errors/csrf.html"))

    @app.context_processor
    def language() -> dict[str, Any]:
        return {"lang": str(get_locale() or "nb")}
