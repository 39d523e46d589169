"""One helper for every download's ``Content-Disposition`` header.

The plain ``filename`` is built from a safe alphabet (letters, digits, ``.``, ``-``, ``_``; æ, ø
and å spelt out), so no user text can end the value, add a parameter or a header line; the
whole name follows as RFC 5987 ``filename*`` (UTF-8, percent-encoded), which browsers prefer.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_SPELL = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_filename(name: str, fallback: str = "fil") -> str:
    """A file name of the safe alphabet only, at most 120 characters.

    >>> safe_filename('plan-"; filename*=x.svg'), safe_filename("Tårn ø1.pdf"), safe_filename("漢")
    ('plan-_filename_x.svg', 'Tarn_o1.pdf', 'fil')
    """
    text = unicodedata.normalize("NFKD", name.translate(_SPELL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _UNSAFE.sub("_", text).strip("._")[:120]
    return text if text.strip("_") else fallback


def content_disposition(name: str, inline: bool = False) -> str:
    """The header value for a file called ``name``.

    >>> print(content_disposition("Tomt 漢\\n.svg"))
    attachment; filename="Tomt_.svg"; filename*=UTF-8''Tomt%20%E6%BC%A2.svg
    """
    kind = "inline" if inline else "attachment"
    plain = safe_filename(name)
    full = _CONTROL.sub("", name).replace("/", "_").replace("\\", "_")[:200]
    value = f'{kind}; filename="{plain}"'
    if full and full != plain:
        value += "; filename*=UTF-8''" + quote(full, safe="")
    return value
