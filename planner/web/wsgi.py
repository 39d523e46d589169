"""The app for WSGI servers and the ``flask`` command: ``FLASK_APP=planner.web.wsgi``."""

from __future__ import annotations

from planner.web import create_app, heap

app = create_app()
heap.settle()
