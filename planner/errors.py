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
    """No layout fits; the message explains why in plain words.

    The message is Norwegian Bokmål; ``message_en`` (the same text when not given)
    is the English one.

    >>> LayoutError("For lite.", "Too small.").message_in("en")
    'Too small.'
    """

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message_en = message if message_en is None else message_en

    def message_in(self, lang: str) -> str:
        """The explanation in ``nb`` or ``en``."""
        return self.message_en if lang == "en" else str(self)
