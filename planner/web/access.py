"""Who may do what in a project: every project view names the roles it is open to."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g
from flask_login import current_user, login_required

from planner.web import services
from planner.web.models import ROLES

EVERYONE = ROLES
FAMILY = ("family",)
PLOT_EDITORS = ("family", "planner")
REVIEWERS = ("planner",)

ROUTE_ROLES: dict[str, tuple[str, ...]] = {}
"""Endpoint -> the roles it is open to, filled in by :func:`project_view`."""


def project_view(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Open a view taking ``project_id`` to members with one of ``roles``.

    Someone logged out is sent to the login page; someone who is not a member gets
    404 (the project's existence is not revealed); a member with another role gets 403.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapper(project_id: int, *args: Any, **kwargs: Any) -> Any:
            project, role = services.project_and_role(current_user, project_id)
            if project is None or role is None:
                abort(404)
            if role not in roles:
                abort(403)
            g.project, g.role = project, role
            return view(project_id, *args, **kwargs)

        wrapper.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapper

    return decorate


def can(action: str) -> bool:
    """Whether the current member may do ``action`` (for showing or hiding buttons)."""
    allowed = {"edit": FAMILY, "plot": PLOT_EDITORS, "invite": FAMILY, "decide": REVIEWERS,
               "submit": FAMILY}
    return getattr(g, "role", None) in allowed.get(action, EVERYONE)
