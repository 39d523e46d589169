"""The small error family of planner.

The CLI maps every :class:`PlannerError` to exit status 2 with its one-line
message; the web layer maps it to a form error or a 400 answer.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class of every error planner raises on purpose."""


class PlanFormatError(PlannerError):
    """A document cannot be read as ``plan/1``.

    ``path`` is the JSON path at fault (``buildings[0].rooms[3].polygon[1]``),
    or the empty string for the document as a whole.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class LayoutError(PlannerError):
    """No layout fits; the message explains why in plain words."""
