"""Benchmark of the web app under gunicorn: the project page and the check API under load.

Starts ``planner serve`` (gunicorn, 2 workers) on a fresh SQLite database with the
demo project, logs in as the family, then runs 16 concurrent clients for 20 s.
Each client (a process of its own) cycles through the project page, the check API and a static endpoint
of the same app (``/helse``, no database), so all three are measured in the same
run under the same load. Prints p50/p95 latency, throughput and errors per
endpoint, and the ratio of each against the static endpoint.

Target (issue 5): p95 ≤ 100 ms for the project page and the check API, 0 errors.
Issue 15 adds the notification list (the planner's, with 60 notifications) and the case
officer's queue, both as the municipal planner, under the same load and target.

    .venv/bin/python bench/web.py [--clients 16] [--seconds 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANNER = ROOT / ".venv" / "bin" / "planner"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, timeout_s: float = 60) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/helse")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def cookie_of(response: http.client.HTTPResponse) -> str:
    header = response.getheader("Set-Cookie") or ""
    return header.split(";", 1)[0]


def log_in(port: int, email: str, password: str) -> str:
    """The session cookie of a logged-in user, through the real login form with its CSRF token."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/konto/logg-inn")
    response = conn.getresponse()
    cookie = cookie_of(response)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password})
    conn.request("POST", "/konto/logg-inn", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"login failed: {response.status}")
    return cookie_of(response) or cookie


def client(port: int, cookie: str | dict[str, str], paths: list[str], stop_in_s: float, offset: int
           ) -> tuple[dict[str, list[float]], dict[str, int]]:
    """One client: requests the paths in turn over one keep-alive connection until the time is up."""
    stop = time.monotonic() + stop_in_s
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i = offset
    times: dict[str, list[float]] = {p: [] for p in paths}
    bad: dict[str, int] = {p: 0 for p in paths}
    while time.monotonic() < stop:
        path = paths[i % len(paths)]
        i += 1
        t0 = time.perf_counter()
        try:
            who = cookie if isinstance(cookie, str) else cookie[path]
            conn.request("GET", path, headers={"Cookie": who, "Accept-Language": "nb"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        elapsed = time.perf_counter() - t0
        if ok:
            times[path].append(elapsed)
        else:
            bad[path] += 1
    conn.close()
    return times, bad


def _client_job(job: tuple[int, str, list[str], float, int]) -> tuple[dict[str, list[float]], dict[str, int]]:
    return client(*job)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


SEED_CONVERSATION = """
from planner.web import create_app, services
from planner.web.review import conversation
app = create_app()
with app.test_request_context():
    family = services.find_user("familie@example.no")
    v = services.latest(1)
    conversation.submit(1, v, family)
    room = services.plan_of(v).buildings[0].rooms[0].id
    for i in range(60):
        conversation.post(1, v, family, f"Kommentar {i} om rommet", room_id=room if i % 2 else None)
"""
"""The demo project submitted, with 60 comments: the planner's notifications and queue have rows."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()

    instance = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    env = dict(os.environ, PLANNER_INSTANCE_PATH=str(instance))
    env.pop("DATABASE_URL", None)
    port = free_port()
    subprocess.run([str(PLANNER), "web", "init-demo"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", SEED_CONVERSATION], env=env, check=True, capture_output=True)
    server = subprocess.Popen([str(PLANNER), "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(args.workers), "--threads", str(args.threads)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port)
        family = log_in(port, "familie@example.no", "planlegg-sammen")
        planner = log_in(port, "planlegger@example.no", "planlegg-sammen")
        paths = {"project page": "/prosjekt/1/", "check API": "/prosjekt/1/api/sjekk",
                 "notifications": "/varsler/", "review queue": "/saksbehandling",
                 "static (/helse)": "/helse"}
        cookie = {path: planner if name in ("notifications", "review queue") else family
                  for name, path in paths.items()}
        every = list(paths.values())
        for p in every:  # warm up every worker
            client(port, cookie, [p], 0.2, 0)
        # each client is its own process, so no client waits for another's interpreter lock
        with multiprocessing.get_context("fork").Pool(args.clients) as pool:
            jobs = [(port, cookie, every, args.seconds, k) for k in range(args.clients)]
            results = pool.map(_client_job, jobs)
        out = {p: [t for times, _bad in results for t in times[p]] for p in every}
        errors = {p: sum(bad[p] for _times, bad in results) for p in every}
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(instance, ignore_errors=True)

    base = out[paths["static (/helse)"]]
    base50, base95 = percentile(base, 50), percentile(base, 95)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"gunicorn {args.workers} workers x {args.threads} threads, {args.clients} client processes, "
          f"{args.seconds:g} s, each client cycling through the {len(paths)} endpoints; "
          f"{os.cpu_count()} CPUs, load average {load} at the end (other work on the machine counts)")
    print(f"{'endpoint':18} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} "
          f"{'p50 ratio':>10} {'p95 ratio':>10}")
    worst = 0
    for name, path in paths.items():
        values = out[path]
        p50, p95 = percentile(values, 50), percentile(values, 95)
        rate = len(values) / args.seconds
        print(f"{name:18} {len(values):9d} {rate:8.1f} {p50 * 1000:8.1f} {p95 * 1000:8.1f} "
              f"{errors[path]:7d} {p50 / base50:10.2f} {p95 / base95:10.2f}")
        if name != "static (/helse)" and (p95 > 0.100 or errors[path]):
            worst = 1
    total = sum(len(v) for v in out.values())
    print(f"total throughput {total / args.seconds:.1f} req/s; target p95 ≤ 100 ms and 0 errors: "
          + ("met" if worst == 0 else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
