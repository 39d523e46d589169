"""Benchmark of the editor's edit API: one wall move answered (read, apply, check, answer) for a
12-room plan and a 200-room plan, against baselines measured in the same run.

Prints, for 50 edits each (alternating +5 cm and -5 cm, as arrow keys send them), p50 and p95 of:
the whole request through the app (Flask test client, SQLite, logged in as the family), the plain
``rules.check`` of the same plan (the part of the answer that is the checker's), and a plain request
to ``/helse`` (the app's own overhead); and the ratios against them. Then where the app's time goes,
phase by phase in the same loop: reading the plan document (``model.from_dict``), the edit, the check,
the rest of the answer (figures, plan document, messages) and its JSON. The browser's round trip
(request, apply, check, answer and redraw, timed with ``performance.now()`` in Chromium) is printed by
``pytest tests/browser/test_browser_editor.py -k round_trip -s``.

Targets (issue 12, for the browser's round trip): p95 <= 50 ms for 12 rooms, <= 150 ms for 200 rooms.

    .venv/bin/python bench/editor.py [--edits N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import plans  # noqa: E402

from planner import edits, model, rules  # noqa: E402

PASSWORD = "et-godt-passord-123"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def _phases(app, doc: dict, edit: dict, out: dict[str, list[float]]) -> None:
    """One edit answered as the API does, timed phase by phase (in the page's language, Bokmål)."""
    from planner.web.editor.services import answer

    with app.test_request_context("/", headers={"Accept-Language": "nb"}):
        t0 = time.perf_counter()
        plan = model.from_dict(doc)
        t1 = time.perf_counter()
        done = edits.apply(plan, edit, copy_first=False)
        t2 = time.perf_counter()
        report = rules.check(done.plan, "nb")
        t3 = time.perf_counter()
        out_doc = answer(done.plan, "nb", "B0", report)
        t4 = time.perf_counter()
        json.dumps(out_doc, ensure_ascii=False, separators=(",", ":"))
        t5 = time.perf_counter()
    for k, v in (("read", t1 - t0), ("edit", t2 - t1), ("check", t3 - t2), ("answer", t4 - t3),
                 ("json", t5 - t4)):
        out[k].append(v * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--no-settle", action="store_true",
                        help="leave the heap unfrozen (planner.web.heap.settle is what `planner serve` runs)")
    args = parser.parse_args()
    from planner.web import create_app, services
    from planner.web.command import upgrade

    folder = tempfile.mkdtemp()
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite",
                      "INSTANCE_PATH": os.path.join(folder, "instance"), "WTF_CSRF_ENABLED": False})
    upgrade(app)
    if not args.no_settle:
        from planner.web import heap

        heap.settle()  # as `planner serve` does
    print(f"editor API, {args.edits} edits each, load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    for name in ("small", "row"):
        doc = getattr(plans, name)()
        rooms = sum(len(b["rooms"]) for b in doc["buildings"])
        with app.app_context():
            user = services.register(f"{name}@example.no", "Familie", PASSWORD)
            project = services.create_project(user, "Benk", "Larvik", "Familie")
            services.save_plan(project.id, model.from_dict(doc), user, "benk", 1)
            pid = project.id
        client = app.test_client()
        client.post("/konto/logg-inn", data={"email": f"{name}@example.no", "password": PASSWORD})
        plan = model.from_dict(doc)
        edit_ms, check_ms, plain_ms = [], [], []
        phases: dict[str, list[float]] = {"read": [], "edit": [], "check": [], "answer": [], "json": []}
        for i in range(args.edits):
            body = {"plan": doc, "building": "B0", "edit": {"kind": "move_wall", "room": "h0-sov2", "edge": 0,
                                                            "offset_m": 0.05 if i % 2 == 0 else -0.05,
                                                            "clamp": True}}
            t0 = time.perf_counter()
            r = client.post(f"/prosjekt/{pid}/api/rediger", json=body)
            t1 = time.perf_counter()
            assert r.status_code == 200, r.get_data(as_text=True)[:200]
            doc = r.get_json()["plan"]
            rules.check(plan)
            t2 = time.perf_counter()
            client.get("/helse")
            t3 = time.perf_counter()
            edit_ms.append((t1 - t0) * 1000)
            check_ms.append((t2 - t1) * 1000)
            plain_ms.append((t3 - t2) * 1000)
            _phases(app, doc, body["edit"], phases)
        e50, c50, p50 = (statistics.median(v) for v in (edit_ms, check_ms, plain_ms))
        print(f"{rooms:4d} rooms: edit p50 {e50:6.1f} ms p95 {_p95(edit_ms):6.1f} ms | rules.check p50 "
              f"{c50:6.1f} ms | plain request p50 {p50:5.1f} ms | edit/check {e50 / c50:4.1f}x, "
              f"edit/plain {e50 / p50:5.1f}x")
        total = sum(statistics.median(v) for v in phases.values())
        print("            the app's phases, p50: " + ", ".join(
            f"{k} {statistics.median(v):.1f} ms ({statistics.median(v) / total:.0%})"
            for k, v in phases.items()))


if __name__ == "__main__":
    main()
