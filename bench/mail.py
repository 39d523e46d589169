"""Benchmark of the mail worker: 1,000 queued messages sent to a local SMTP server (aiosmtpd).

Queues the messages in a fresh database (SQLite, or ``--database`` for PostgreSQL, which is
wiped: never point it at a database in use), starts aiosmtpd on a free port in a process of
its own, runs the worker's passes (:func:`planner.web.notify.mail.send_due`, what
``planner web send-mail`` runs) and prints its rate. The baseline, in the same run, is plain
``smtplib`` sending the same number of messages over one connection with no database: the
ratio says what the queue (claiming, checking membership, marking messages sent in batches
of 25 commits) costs on top of SMTP itself.

    .venv/bin/python bench/mail.py [--messages 1000] [--database postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import multiprocessing
import smtplib
import socket
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Counter:
    def __init__(self, received) -> None:  # type: ignore[no-untyped-def]
        self.received = received

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        with self.received.get_lock():
            self.received.value += 1
        return "250 OK"


def serve(port: int, received, ready, stop) -> None:  # type: ignore[no-untyped-def]
    """aiosmtpd in a process of its own, so the server and the sender do not share one interpreter lock."""
    controller = Controller(Counter(received), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def baseline(port: int, n: int) -> float:
    """Seconds for plain smtplib to send ``n`` messages over one connection."""
    t0 = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(n):
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "planner@localhost", f"m{i}@example.no", f"Melding {i}"
            msg.set_content("Hei,\n\nAmina Haugen kommenterte rommet Stue.\n\nhttp://127.0.0.1:5000/varsler/1\n")
            smtp.send_message(msg)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a fresh SQLite file); it is wiped")
    args = parser.parse_args()

    from planner.web import create_app
    from planner.web.command import upgrade
    from planner.web.extensions import db
    from planner.web.models import Membership
    from planner.web.notify import mail
    from planner.web.notify.models import OutgoingMail
    from planner.web.services import create_project, register

    tmp = Path(tempfile.mkdtemp(prefix="planner-mail-bench-"))
    url = args.database or f"sqlite:///{tmp / 'mail.sqlite'}"
    if args.database:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    port = free_port()
    ctx = multiprocessing.get_context("spawn")
    received, ready, stop = ctx.Value("i", 0), ctx.Event(), ctx.Event()
    server = ctx.Process(target=serve, args=(port, received, ready, stop), daemon=True)
    server.start()
    ready.wait(30)
    smtp_url = f"smtp://127.0.0.1:{port}"
    try:
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"),
                          "SMTP_URL": smtp_url})
        upgrade(app)
        with app.app_context():
            family = register("familie@example.no", "Amina Haugen", "planlegg-sammen")
            project = create_project(family, "Benk", "Larvik", "Familien")
            users = [register(f"m{i}@example.no", f"Medlem {i}", "planlegg-sammen") for i in range(20)]
            for u in users:
                db.session.add(Membership(project_id=project.id, user_id=u.id, role="mentor"))
            db.session.commit()
            for i in range(args.messages):
                u = users[i % len(users)]
                db.session.add(OutgoingMail(user_id=u.id, project_id=project.id, to_addr=u.email,
                                            subject=f"Benk: Amina Haugen kommenterte rommet Stue ({i})",
                                            body="Hei,\n\nAmina Haugen kommenterte rommet Stue.\n\n"
                                                 "http://127.0.0.1:5000/varsler/1\n"))
            db.session.commit()

        base_s = baseline(port, args.messages)
        with received.get_lock():
            received.value = 0
        t0 = time.perf_counter()
        sent = 0
        with app.app_context():
            while True:  # passes of at most 200, as the worker makes them
                p = mail.send_due(smtp_url, "planner@localhost")
                sent += p.sent
                if p.failed or not (p.sent or p.dropped):
                    break
            left = db.session.query(OutgoingMail).filter(OutgoingMail.sent_at.is_(None)).count()
            db.session.remove()
            db.engine.dispose()
        worker_s = time.perf_counter() - t0
        count = received.value
    finally:
        stop.set()
        server.join(10)

    dialect = url.split(":", 1)[0]
    print(f"{args.messages} messages to aiosmtpd on 127.0.0.1, database {dialect}")
    print(f"{'sender':28} {'seconds':>8} {'msg/s':>8} {'ratio':>6}")
    print(f"{'plain smtplib (baseline)':28} {base_s:8.2f} {args.messages / base_s:8.0f} {1.0:6.2f}")
    print(f"{'worker (queue + SMTP)':28} {worker_s:8.2f} {sent / worker_s:8.0f} {worker_s / base_s:6.2f}")
    print(f"received by the server: {count}; still queued: {left}")
    return 0 if sent == args.messages and count == args.messages and left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
