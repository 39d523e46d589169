"""gunicorn's access log without secrets: an invitation link's token is replaced by its route.

``planner serve`` sets :class:`RedactingLogger` as gunicorn's ``logger_class``; the request line,
the path, the query and the referrer are logged with ``/invitasjon/<token>`` in place of the token.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

_TOKEN = re.compile(r"/invitasjon/[^/?#\s\"]+")


def redact(text: str) -> str:
    """``text`` with every invitation token replaced by the route's placeholder.

    >>> redact("GET /invitasjon/abc-DEF_123?x=1 HTTP/1.1")
    'GET /invitasjon/<token>?x=1 HTTP/1.1'
    """
    return _TOKEN.sub("/invitasjon/<token>", text)


class RedactingLogger(Logger):  # type: ignore[misc]
    """gunicorn's logger, with every atom that can hold the address (the request line, the path,
    the query, the referrer, the raw environ values) redacted."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}
