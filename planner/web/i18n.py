"""Languages: Norwegian Bokmål (default) and English, chosen by the user or the browser.

The ``.po`` catalogues in ``planner/translations`` are compiled to ``.mo`` files in the
instance folder when the app starts (and again whenever a ``.po`` file is newer).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, g, request, session
from flask_babel import get_domain
from markupsafe import Markup

LANGUAGES = ("nb", "en")
CATALOGUES = Path(__file__).resolve().parent.parent / "translations"


def compile_catalogues(source: Path, target: Path) -> Path:
    """Compile every ``<lang>/LC_MESSAGES/messages.po`` under ``source`` into ``target``."""
    for po in sorted(source.glob("*/LC_MESSAGES/messages.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parts[-3])
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog)
        tmp.replace(mo)
    return target


def select_locale() -> str:
    """The language of this request: chosen in the session, else the browser's, else Bokmål."""
    lang = session.get("lang")
    if lang in LANGUAGES:
        return lang
    best = request.accept_languages.best_match(("nb", "no", "nn", "en"))
    if best == "en":
        return "en"
    return current_app.config.get("BABEL_DEFAULT_LOCALE", "nb")


def _translations():  # type: ignore[no-untyped-def]
    """This request's catalogue, looked up once per request instead of once per message."""
    t = g.get("_translations")
    if t is None:
        t = g._translations = get_domain().get_translations()
    return t


def fast_gettext(string: str, **variables: object) -> str:
    s = _translations().ugettext(string)
    return s % variables if variables else s


def fast_ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    variables.setdefault("num", num)
    return _translations().ungettext(singular, plural, num) % variables


def template_gettext(string: str, **variables: object) -> Markup:
    """``_()`` in a template, as Jinja's new-style gettext does it (the translation is markup, the
    values are escaped, ``%`` is always formatting) in one plain call instead of three through the
    template context."""
    s = Markup(_translations().ugettext(string))
    return s % variables if variables or "%" in s else s


def template_ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
    variables.setdefault("num", num)
    return Markup(_translations().ungettext(singular, plural, num)) % variables


def install_template_gettext(app) -> None:  # type: ignore[no-untyped-def]
    """Templates translate through the same catalogue as Flask-Babel, looked up once per request."""
    app.jinja_env.install_gettext_callables(fast_gettext, fast_ngettext, newstyle=True)
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)
