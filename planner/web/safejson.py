"""The one JSON reader of the web layer: every JSON the app reads from a person (an upload, a hidden
form field) or from its own store goes through :func:`loads`.

It refuses what :func:`json.loads` would let through and what breaks a page later: ``NaN`` and
``Infinity`` (also as ``1e999``), integers of more digits than any plan needs, nesting deeper than
:data:`MAX_DEPTH`, and strings holding NUL or a lone surrogate (PostgreSQL refuses both, and
neither can be written as UTF-8). :func:`dumps` writes compact JSON and refuses non-finite numbers.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
"""Deepest nesting of lists and objects a document may have."""
MAX_INT_DIGITS = 30
"""Most digits an integer may have (a plan needs fewer than 10)."""

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
_BAD_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


class UnsafeJSON(ValueError):
    """The text is not JSON the app reads; ``reason`` is an English key:
    ``syntax``, ``constant``, ``number``, ``integer``, ``depth``, ``text`` or ``encoding``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _constant(name: str) -> Any:
    raise UnsafeJSON("constant")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnsafeJSON("number")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise UnsafeJSON("integer")
    return int(text)


def depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in a JSON text, strings left out.

    >>> depth('{"a": [1, [2, "]]]"]]}'), depth("5")
    (3, 0)
    """
    deepest = level = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub('""', text)):
        if bracket in "[{":
            level += 1
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest


def clean_text(value: str) -> bool:
    """Whether ``value`` can be stored and shown: no NUL, no lone surrogate.

    >>> clean_text("Familien Berg"), clean_text("a\\x00b"), clean_text("\\ud800")
    (True, False, False)
    """
    return _BAD_TEXT.search(value) is None


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if not clean_text(v):
                raise UnsafeJSON("text")
        elif isinstance(v, dict):
            for k, item in v.items():
                if not clean_text(k):
                    raise UnsafeJSON("text")
                stack.append(item)
        elif isinstance(v, list):
            stack.extend(v)


def loads(data: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON safely; :class:`UnsafeJSON` for anything the app does not read.

    >>> loads('{"a": [1, 2.5, "x"]}')
    {'a': [1, 2.5, 'x']}
    >>> for bad in ('[1e999]', '[NaN]', '[' + '1' * 5000 + ']', '[' * 100 + ']' * 100, '["\\\\u0000"]',
    ...             '["\\\\ud800"]', '{"a": 1'):
    ...     try:
    ...         loads(bad)
    ...     except UnsafeJSON as e:
    ...         print(e.reason)
    number
    constant
    integer
    depth
    text
    text
    syntax
    """
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnsafeJSON("encoding") from None
    else:
        text = data
    if depth(text) > max_depth:
        raise UnsafeJSON("depth")
    try:
        doc = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except UnsafeJSON:
        raise
    except RecursionError:
        raise UnsafeJSON("depth") from None
    except (ValueError, TypeError):
        raise UnsafeJSON("syntax") from None
    if _BAD_ESCAPE.search(text) or not clean_text(text):
        _check_strings(doc)
    return doc


def dumps(value: Any) -> str:
    """Compact JSON (no indent), UTF-8 text kept; ``ValueError`` for NaN or infinity.

    >>> dumps({"a": [1, 2.5], "b": "æ"})
    '{"a":[1,2.5],"b":"æ"}'
    """
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
