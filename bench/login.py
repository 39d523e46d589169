"""How long a failed login takes for a known and for an unknown e-mail address (issue 11).

An unknown address used to answer in a tenth of the time (no password hash to check), which told an
attacker which addresses have accounts. Now both check a hash. Runs the real login view through
the Flask test client on a fresh SQLite database, alternating known and unknown addresses, with
the limits raised so that no attempt waits; prints the medians and their ratio (target: 0.8–1.25).

    .venv/bin/python bench/login.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from planner.web import create_app
    from planner.web.command import upgrade

    tmp = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "SECRET_KEY": "bench-login", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite'}",
                      "INSTANCE_PATH": str(tmp / "instance"),
                      "LOGIN_MAX_FAILURES": 10**6, "LOGIN_MAX_FAILURES_PER_ADDRESS": 10**6})
    upgrade(app)
    from planner.web import services

    with app.app_context():
        services.register("finnes@example.no", "Finnes", "et-godt-passord")
    client = app.test_client()
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for i in range(args.rounds + 2):
        for kind, email in (("known", "finnes@example.no"), ("unknown", f"ukjent{i}@example.no")):
            start = time.perf_counter()
            status = client.post("/konto/logg-inn",
                                 data={"email": email, "password": "feil-passord"}).status_code
            elapsed = time.perf_counter() - start
            assert status == 422, status
            if i >= 2:  # the first rounds warm up
                times[kind].append(elapsed)
    known, unknown = statistics.median(times["known"]), statistics.median(times["unknown"])
    print(f"failed login, known address:   median {known * 1000:.0f} ms ({args.rounds} tries)")
    print(f"failed login, unknown address: median {unknown * 1000:.0f} ms ({args.rounds} tries)")
    print(f"unknown / known: {unknown / known:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
