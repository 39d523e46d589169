"""``planner web init-demo`` and ``planner serve`` as a person runs them."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent


def test_init_demo_loads_one_sample_project_with_three_accounts_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["web", "init-demo"]) == 0
    first = capsys.readouterr().out
    for email in ("familie@example.no", "planlegger@example.no", "entreprenor@example.no"):
        assert email in first
    assert main(["web", "init-demo"]) == 0
    assert "Already there" in capsys.readouterr().out
    from planner.web import create_app, services

    app = create_app()
    with app.app_context():
        family = services.find_user("familie@example.no")
        projects = services.projects_of(family)
        assert len(projects) == 1
        project = projects[0][0]
        assert sorted(m.role for m in services.members(project.id)) == ["contractor", "family", "planner"]
        assert services.plan_of(services.latest(project.id)).buildings


def test_init_demo_with_a_file_that_is_not_a_plan_exits_2_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", str(tmp_path))
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["web", "init-demo", "--plan", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not JSON" in err[0] and "bad.json" in err[0]
    assert not (tmp_path / "planner.sqlite").exists()


@pytest.mark.slow
def test_serve_runs_the_app_under_gunicorn(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PLANNER_INSTANCE_PATH=str(tmp_path))
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "planner", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        status = None
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/")
                response = conn.getresponse()
                status, body = response.status, response.read().decode()
                conn.close()
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200 and "Planlegg boligen" in body
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert b"Booting worker" in err


def test_settling_the_heap_imports_what_requests_use_and_freezes_it():
    """``planner serve`` freezes the loaded heap so a full collection skips it (see planner.web.heap)."""
    import gc

    from planner.web import heap

    try:
        heap.settle()
        assert gc.get_freeze_count() > 100_000
        assert all(name in sys.modules for name in heap.WARM)
    finally:
        gc.unfreeze()
