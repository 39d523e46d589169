"""What the drawings share: Norwegian words, number format, room colours, pens and safe text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.rules.messages import type_name

FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
"""SVG font list: DejaVu Sans is installed with the tool; the others are fallbacks."""

ROOM_FILL: dict[str, str] = {
    "entry": "#efe9d8",
    "hall": "#f3efe3",
    "living": "#f7e3b5",
    "kitchen": "#f6d2bd",
    "bedroom": "#d6e6f5",
    "office": "#e2dbf1",
    "bathroom": "#c9ecee",
    "wc": "#dcf1f3",
    "laundry": "#d9eedf",
    "storage": "#e6e6e6",
    "technical": "#e8dfd1",
    "stair": "#ebe3ef",
    "other": "#f1f1f1",
}
"""A light fill for each room type, light enough to print and to read text on."""

RED = "#c0141c"
"""Colour of a failing rule on the drawings."""
ORANGE = "#c86400"
"""Colour of a warning on the drawings."""
GREEN = "#1a7f37"
"""Colour of a turning circle that fits."""

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def num(value: float, decimals: int = 1) -> str:
    """A number with a Norwegian decimal comma.

    >>> num(12.345), num(4, 2), num(-0.01)
    ('12,3', '4,00', '0,0')
    """
    text = f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0,.") == "":
        text = text.lstrip("-")
    return text.replace(".", ",")


def area_text(m2: float) -> str:
    """An area label: ``12,3 m²``."""
    return f"{num(m2, 1)} m²"


def length_text(m: float) -> str:
    """A distance label in metres: ``5,00 m``."""
    return f"{num(m, 2)} m"


def mm_text(m: float) -> str:
    """A building dimension in millimetres, as Norwegian drawings write them: ``3600``.

    >>> mm_text(3.6), mm_text(0.0994)
    ('3600', '99')
    """
    return f"{round(m * 1000):d}"


def clean(text: object, limit: int = 200) -> str:
    """User text made safe for XML and one-line drawing labels.

    Drops control characters XML cannot hold, joins lines and shortens very long
    text. Markup is left as text: the XML writer escapes ``<`` and ``&``.

    >>> clean("Stue\\n<b>\\x00sør</b>")
    'Stue <b>sør</b>'
    """
    s = _INVALID_XML.sub("", str(text)).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def safe_name(text: str) -> str:
    """A file or layout name part made of letters, digits, ``_``, ``.`` and ``-``.

    >>> safe_name("A/../b c"), safe_name("Hus ø")
    ('A_.._b_c', 'Hus_')
    """
    s = _UNSAFE_NAME.sub("_", text).strip(".")
    return s or "_"


def type_label(room_type: str) -> str:
    """The Norwegian name of a room type for legends: ``soverom``."""
    return type_name(room_type)[0]


def storey_label(storey: int) -> str:
    """``1. etasje``; storey 0 is the basement (``kjeller``)."""
    return "kjeller" if storey == 0 else f"{storey}. etasje"


@dataclass(frozen=True)
class Overlay:
    """An extra layer of per-room annotations on a floor plan and in the DXF.

    ``rooms`` maps a room id to ``(label, colour)``; the colour is ``#rrggbb``.
    The floor SVG fills each room in its colour, writes the label under the room's
    name and lists each distinct ``(label, colour)`` in the legend under ``title``;
    the DXF writes the labels as text on ``layer``. ``legend``, when given, is what
    the legend lists instead: ``(label, colour)`` pairs (e.g. one per person), each
    shown on a floor where a room has that colour.
    """

    rooms: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    title: str = "Merknader"
    layer: str = "A-ANNO-NOTE"
    legend: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, value: Overlay | Mapping[str, tuple[str, str]] | None) -> Overlay | None:
        """An overlay from a plain ``{room_id: (label, colour)}`` mapping, or as it is."""
        if value is None or isinstance(value, Overlay):
            return value
        return cls(rooms=dict(value))


_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def colour(value: str, default: str = "#999999") -> str:
    """A ``#rrggbb`` colour, or ``default`` for anything else (never raw text into SVG).

    >>> colour("#A0b0C0"), colour("red;x"), colour("#abc")
    ('#a0b0c0', '#999999', '#999999')
    """
    return value.lower() if isinstance(value, str) and _HEX.fullmatch(value) else default
