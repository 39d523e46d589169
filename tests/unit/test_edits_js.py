"""The editor's pure browser modules (static/js/editor: geometry, snapping, undo, numbers) under
node's own test runner, as STYLE.md asks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_editor_modules_pass_their_node_tests():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (make test installs it with npm)")
    done = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    # every test of the files ran and passed (a file that fails to load counts as one failed test)
    files = (ROOT / "tests" / "js").glob("*.mjs")
    written = sum(f.read_text(encoding="utf-8").count("\ntest(") for f in files)
    assert written >= 10
    assert "# fail 0" in done.stdout and f"# pass {written}\n" in done.stdout
