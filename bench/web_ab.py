"""The web pages one request at a time, old code against new, in the same run (Flask test client).

Two worker processes -- one importing the app from ``--old`` (a checkout, e.g. made with
``git worktree add /tmp/web-old HEAD``), one from this checkout -- each on its own copy of one
database (the demo project with bench/web.py's 60 comments). The endpoints of bench/web.py are
requested in batches, old and new taking turns (the order flips each round), so both see the same
load on the machine. Prints per endpoint the median CPU time (``time.process_time``: what a request
costs, nearly free of the machine's other work) and wall time of each side, their ratios, the SQL
statements per request and the page size.

    .venv/bin/python bench/web_ab.py --old /tmp/web-old [--rounds 10] [--batch 20]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import PLANNER, ROOT, SEED_CONVERSATION  # noqa: E402

WORKER = r'''
import json, os, re, sys, time
root = sys.argv[1]; sys.path.insert(0, root); os.chdir(root)
from planner.web import create_app
from planner.web.extensions import db
from sqlalchemy import event
app = create_app()
count = [0]
with app.app_context():
    event.listen(db.engine, "before_cursor_execute", lambda *a, **k: count.__setitem__(0, count[0] + 1))
def login(email):
    c = app.test_client()
    r = c.get("/konto/logg-inn")
    tok = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', r.text).group(1)
    r = c.post("/konto/logg-inn", data={"csrf_token": tok, "email": email, "password": "planlegg-sammen"})
    assert r.status_code == 302
    return c
fam, pl = login("familie@example.no"), login("planlegger@example.no")
pages = {"project page": (fam, "/prosjekt/1/"), "check API": (fam, "/prosjekt/1/api/sjekk"),
         "notifications": (pl, "/varsler/"), "review queue": (pl, "/saksbehandling"),
         "static (/helse)": (fam, "/helse")}
for c, p in pages.values():
    for _ in range(3): assert c.get(p).status_code == 200
print("ready", flush=True)
for line in sys.stdin:
    name, n = line.rsplit(" ", 1)
    c, p = pages[name]
    walls, cpus = [], []
    count[0] = 0
    r = c.get(p, headers={"Accept-Language": "nb"}); q = count[0]; size = len(r.data)
    for _ in range(int(n)):
        t, u = time.perf_counter(), time.process_time()
        c.get(p, headers={"Accept-Language": "nb"})
        walls.append(time.perf_counter() - t); cpus.append(time.process_time() - u)
    print(json.dumps({"wall": walls, "cpu": cpus, "queries": q, "bytes": size}), flush=True)
'''
"""One side: logs in as the family and the planner, then answers "<endpoint> <n>" lines with the
times of n requests as JSON."""

NAMES = ["project page", "check API", "notifications", "review queue", "static (/helse)"]


def start(root: Path, instance: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PLANNER_INSTANCE_PATH=str(instance), PYTHONPATH=str(root))
    env.pop("DATABASE_URL", None)
    p = subprocess.Popen([sys.executable, "-c", WORKER, str(root)], env=env, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert p.stdout is not None
    if p.stdout.readline().strip() != "ready":
        raise SystemExit(f"the app in {root} did not start")
    return p


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", required=True, type=Path, help="checkout of the old code")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--batch", type=int, default=20, help="requests per endpoint and turn")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="planner-web-ab-"))
    try:
        seed = base / "seed"
        env = dict(os.environ, PLANNER_INSTANCE_PATH=str(seed))
        env.pop("DATABASE_URL", None)
        subprocess.run([str(PLANNER), "web", "init-demo"], env=env, check=True, capture_output=True)
        subprocess.run([sys.executable, "-c", SEED_CONVERSATION], env=env, check=True, capture_output=True)
        sides = {}
        for tag, root in (("old", args.old.resolve()), ("new", ROOT)):
            instance = base / tag
            instance.mkdir()
            for f in seed.iterdir():
                if f.suffix in (".sqlite", ".db") or f.name == "secret_key":
                    shutil.copy(f, instance / f.name)
            sides[tag] = start(root, instance)
        res = {t: {n: {"wall": [], "cpu": []} for n in NAMES} for t in sides}
        meta: dict[tuple[str, str], tuple[int, int]] = {}
        for r in range(args.rounds):
            for n in NAMES:
                for t in (("old", "new") if r % 2 == 0 else ("new", "old")):
                    p = sides[t]
                    assert p.stdin is not None and p.stdout is not None
                    p.stdin.write(f"{n} {args.batch}\n")
                    p.stdin.flush()
                    d = json.loads(p.stdout.readline())
                    res[t][n]["wall"] += d["wall"]
                    res[t][n]["cpu"] += d["cpu"]
                    meta[(t, n)] = (d["queries"], d["bytes"])
        for p in sides.values():
            assert p.stdin is not None
            p.stdin.close()
            p.wait()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.rounds} rounds x {args.batch} requests per endpoint and side; load average {load}")
    print(f"{'endpoint':16} {'old cpu':>8} {'new cpu':>8} {'ratio':>6} {'old wall':>9} {'new wall':>9} "
          f"{'ratio':>6} {'statements':>11} {'bytes':>14}")
    for n in NAMES:
        m = {t: {k: statistics.median(res[t][n][k]) * 1000 for k in ("cpu", "wall")} for t in sides}
        (oq, ob), (nq, nb) = meta[("old", n)], meta[("new", n)]
        old, new = m["old"], m["new"]
        print(f"{n:16} {old['cpu']:8.2f} {new['cpu']:8.2f} {new['cpu'] / old['cpu']:6.2f} "
              f"{m['old']['wall']:9.2f} {m['new']['wall']:9.2f} {m['new']['wall'] / m['old']['wall']:6.2f} "
              f"{oq:>5} -> {nq:<3} {ob:>6} -> {nb:<6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
