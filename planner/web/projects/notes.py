"""Automatic version notes in the reader's language.

A save without a typed note used to store the flash message of the moment, in the language of
whoever saved ("Husstanden er lagret." on an English page). Now it stores a key (``@household``,
with JSON params where the note has any) and :func:`render` shows it in the page's language;
notes stored as text before are recognised by their Bokmål or English wording and shown the same
way. A typed note is stored and shown as typed.
"""

from __future__ import annotations

import json
from typing import Any

from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l

AUTO: dict[str, Any] = {
    "created": _l("The project is created"),
    "demo": _l("Sample project loaded"),
    "household": _l("The household is saved."),
    "room_needs": _l("The room needs are saved."),
    "gnr_bnr": _l("Gnr and bnr are saved."),
    "plot": _l("The plot is saved."),
    "plot_file": _l("The plot is read from the file. Now mark the edges along the road."),
    "plan_file": _l("The plan from the file is saved as a new version."),
    "suggestion": _l("The floor plan you chose is saved as a new version."),
    "room": _l("The room is saved."),
    "wall": _l("The wall is moved."),
    "door_added": _l("The door is added."),
    "door_removed": _l("The door is removed."),
    "window_added": _l("The window is added."),
    "window_removed": _l("The window is removed."),
    "editor": _l("Changed in the editor"),
}
"""Key -> the note's English message (translated when shown)."""
LEGACY = {"Prosjektet er opprettet": "created", "Eksempelprosjekt lastet inn": "demo"}
"""Notes stored as text before there were keys, in words the catalogue does not have."""

_BY_TEXT: dict[str, str] = {}


def note(key: str, **params: Any) -> str:
    """The stored form of an automatic note.

    >>> note("household"), note("suggestion", n=2)
    ('@household', '@suggestion {"n": 2}')
    """
    return f"@{key}" + (" " + json.dumps(params, sort_keys=True) if params else "")


def _msgid(key: str) -> str:
    return AUTO[key]._args[0]


def _texts() -> dict[str, str]:
    """Every wording of every automatic note (English and Bokmål) -> its key."""
    if not _BY_TEXT:
        for key in AUTO:
            _BY_TEXT[_msgid(key)] = key
            with force_locale("nb"):
                _BY_TEXT[gettext(_msgid(key))] = key
        _BY_TEXT.update(LEGACY)
    return _BY_TEXT


def stored(text: str) -> str:
    """What to store for a note: the key when ``text`` is an automatic note's wording, else the text."""
    key = _texts().get(text.strip())
    return note(key) if key else text


def render(value: str | None) -> str:
    """A stored note in the page's language."""
    if not value:
        return ""
    params: dict[str, Any] = {}
    if value.startswith("@"):
        key, _, rest = value[1:].partition(" ")
        if key not in AUTO:
            return value
        try:
            params = json.loads(rest) if rest else {}
        except ValueError:
            return value
    else:
        found = _texts().get(value.strip())
        if found is None:
            return value
        key = found
    return gettext(_msgid(key), **params) if params else gettext(_msgid(key))
