"""``planner serve`` (gunicorn) and ``planner web migrate|init-demo|send-mail``.

``planner serve`` upgrades the database schema, then serves the app with gunicorn.
``planner web init-demo`` loads one sample project with three demo accounts and
prints their logins; running it again changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner import model

LAYOUTS = Path(__file__).resolve().parent.parent.parent / "layouts"
FALLBACK = Path(__file__).resolve().parent / "data" / "demo.plan.json"
DEMO_PASSWORD = "planlegg-sammen"
DEMO_ACCOUNTS = (
    ("familie@example.no", "Amina Haugen", "family"),
    ("planlegger@example.no", "Kari Nordmann (Larvik kommune)", "planner"),
    ("entreprenor@example.no", "Ola Bygg AS", "contractor"),
)


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("serve", help="serve the web app with gunicorn (upgrades the database first)")
    s.add_argument("--bind", default="127.0.0.1:5000", help="address:port (default 127.0.0.1:5000)")
    s.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    s.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    s.add_argument("--no-migrate", action="store_true", help="do not upgrade the database first")
    s.set_defaults(fn=cmd_serve)

    w = sub.add_parser("web", help="web app administration")
    wsub = w.add_subparsers(dest="web_command", required=True)
    m = wsub.add_parser("migrate", help="upgrade the database to the latest schema")
    m.set_defaults(fn=cmd_migrate)
    d = wsub.add_parser("init-demo", help="load a sample project with three demo accounts")
    d.add_argument("--plan", help="plan/1 file to load (default: the first in layouts/)")
    d.set_defaults(fn=cmd_init_demo)
    sm = wsub.add_parser("send-mail", help="send the queued e-mail (a worker; SMTP_URL and MAIL_FROM)")
    sm.add_argument("--once", action="store_true", help="one pass over the queue, then stop")
    sm.add_argument("--interval", type=float, default=10.0, help="seconds between passes (default 10)")
    sm.add_argument("--digest-today", action="store_true",
                    help="also send today's daily digests now instead of after midnight (Europe/Oslo)")
    sm.set_defaults(fn=cmd_send_mail)


def _app() -> Any:
    from planner.web import create_app

    return create_app()


def upgrade(app: Any) -> None:
    """Bring the database schema up to date (Alembic through Flask-Migrate)."""
    from flask_migrate import upgrade as alembic_upgrade

    with app.app_context():
        alembic_upgrade(directory=app.extensions["migrate"].directory)


def cmd_migrate(args: argparse.Namespace) -> int:
    upgrade(_app())
    print("The database schema is up to date.")
    return 0


def demo_plan_path(given: str | None = None) -> Path:
    if given:
        return Path(given)
    files = sorted(LAYOUTS.glob("*.json"))
    return files[0] if files else FALLBACK


def init_demo(app: Any, plan: model.Plan) -> tuple[int, bool]:
    """Create the demo accounts and project unless they exist; returns (project id, created)."""
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    with app.app_context():
        users = []
        for email, name, _role in DEMO_ACCOUNTS:
            user = services.find_user(email) or services.register(email, name, DEMO_PASSWORD)
            users.append(user)
        family = users[0]
        for project, _role in services.projects_of(family):
            if project.name == plan.project.name:
                return project.id, False
        project = services.create_project(family, plan.project.name, plan.project.municipality,
                                          plan.households[0].name if plan.households else "Familien")
        services.save_plan(project.id, plan, family, "Eksempelprosjekt lastet inn", 1)
        for user, (_e, _n, role) in zip(users[1:], DEMO_ACCOUNTS[1:], strict=True):
            db.session.add(Membership(project_id=project.id, user_id=user.id, role=role))
        db.session.commit()
        return project.id, True


def cmd_init_demo(args: argparse.Namespace) -> int:
    from planner.cli import read_plan

    path = demo_plan_path(args.plan)
    plan = read_plan(str(path))  # a file that is no plan stops here, before the database is touched
    app = _app()
    upgrade(app)
    project_id, created = init_demo(app, plan)
    print(("Loaded" if created else "Already there:") + f" sample project {project_id} from {path.name}")
    print("Demo accounts (password for all: " + DEMO_PASSWORD + "):")
    for email, name, role in DEMO_ACCOUNTS:
        print(f"  {role:10}  {email:24}  {name}")
    return 0


def cmd_send_mail(args: argparse.Namespace) -> int:
    """The mail worker: see :mod:`planner.web.notify.mail`."""
    import sys

    from planner.web.notify import mail

    if args.interval <= 0:
        print("planner web send-mail: --interval must be more than 0 seconds", file=sys.stderr)
        return 2
    app = _app()
    try:
        return mail.run(app, once=args.once, interval=args.interval, include_today=args.digest_today,
                        out=lambda line: print(line, flush=True))
    except ValueError as e:  # an SMTP_URL that cannot be read
        print(f"planner web send-mail: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    app = _app()
    if not args.no_migrate:
        upgrade(app)
    from planner.web.extensions import db

    with app.app_context():
        db.engine.dispose()  # no connection is shared with the forked workers

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", args.bind)
            self.cfg.set("workers", args.workers)
            self.cfg.set("threads", args.threads)
            self.cfg.set("accesslog", "-")
            self.cfg.set("logger_class", "planner.web.accesslog.RedactingLogger")  # no invitation tokens

        def load(self) -> Any:
            return app

    from planner.web import heap

    heap.settle()  # before the workers fork: they share the frozen heap and skip it when collecting
    print(f"Serving on http://{args.bind}")
    Server().run()
    return 0
