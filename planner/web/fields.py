"""Form parts every blueprint uses: numbers with a decimal comma, the version an edit is based on."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, IntegerField, SelectMultipleField, StringField, widgets
from wtforms.validators import InputRequired, Length, ValidationError

try:
    from wtforms import SelectChoice
except ImportError:  # WTForms before 3.3 takes plain pairs
    SelectChoice = None  # type: ignore[assignment,misc]


def parse_number(text: str) -> float:
    """A number typed with a decimal comma or point.

    >>> parse_number(" 12,5 "), parse_number("3.25"), parse_number("1 200")
    (12.5, 3.25, 1200.0)
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


JSON_PROBLEMS = {
    "syntax": _l("it is not JSON that can be read"),
    "constant": _l("it holds NaN or Infinity, which are not numbers JSON allows"),
    "number": _l("it holds a number too large to be finite (for example 1e999)"),
    "integer": _l("it holds a whole number with far too many digits"),
    "depth": _l("it is nested too deeply"),
    "text": _l("it holds text with a NUL character or a broken character (a lone surrogate)"),
    "encoding": _l("it is not UTF-8 text"),
}
"""What :class:`planner.web.safejson.UnsafeJSON` reasons mean, for form errors."""

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + BIDI_CONTROLS + "\ud800-\udfff]")


def clean_label(text: str, limit: int) -> str:
    """A label from a file (a layer, a feature's name): control and bidi characters dropped, cut short.

    >>> clean_label("Tomt\u202e 12" + chr(0), 60), clean_label("x" * 99, 3)
    ('Tomt 12', 'xxx')
    """
    return _CONTROLS.sub("", text).strip()[:limit]


def strip_bidi(text: str) -> str:
    """``text`` without the invisible characters that turn the direction of what follows.

    >>> strip_bidi("Berg\u202e slaf")
    'Berg slaf'
    """
    return text.translate({ord(c): None for c in BIDI_CONTROLS})


_WTFORMS_CATALOGUES: dict[str, Any] = {}


def wtforms_translations() -> Any:
    """WTForms' own messages in the request's language, loaded once per language and process."""
    from babel import support
    from flask_babel import get_locale
    from wtforms.i18n import messages_path

    locale = str(get_locale() or "nb")
    if locale not in _WTFORMS_CATALOGUES:
        _WTFORMS_CATALOGUES[locale] = support.Translations.load(messages_path(), [locale], domain="wtforms")
    return _WTFORMS_CATALOGUES[locale]


MAX_FIELD_TEXT = 10_000
"""Longest text any field takes when its form sets no shorter limit."""
_FIELD_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class BaseForm(FlaskForm):
    """Every form of the app: Flask-WTF with CSRF, WTForms' messages translated.

    Every text field of every form is checked here before its own validators run: bidi controls
    (which turn the labels around user text) are dropped, a NUL or another control character is
    refused (PostgreSQL cannot store NUL), and no text is longer than :data:`MAX_FIELD_TEXT`.
    """

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()

    def validate(self, extra_validators: Any = None) -> bool:
        refused: list[tuple[Field, Any]] = []
        for f in self:
            if f.type in ("CSRFTokenField", "PasswordField") or not isinstance(f.data, str):
                continue
            text = strip_bidi(f.data)
            if _FIELD_CONTROLS.search(text):
                refused.append((f, _l("Remove the invisible control character (such as NUL) from this "
                                      "text.")))
                text = _FIELD_CONTROLS.sub("", text)
            elif len(text) > MAX_FIELD_TEXT:
                refused.append((f, _l("At most %(n)d characters.", n=MAX_FIELD_TEXT)))
                text = text[:MAX_FIELD_TEXT]
            f.data = text
        ok = super().validate(extra_validators)
        for f, error in refused:
            f.errors = [*f.errors, error]
        return ok and not refused


class LocalFloatField(Field):
    """A number field that accepts ``12,5`` as well as ``12.5``; empty means ``None``."""

    widget = widgets.TextInput()

    def __init__(self, *args: Any, minimum: float | None = None, maximum: float | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {}).setdefault("inputmode", "decimal")
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return local_number(self.data)

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            return
        try:
            self.data = parse_number(_UNIT.sub("", str(valuelist[0])))
        except ValueError:
            raise ValueError(_l("Write a number, for example 12,5.")) from None

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            return
        if self.minimum is not None and self.data < self.minimum:
            raise ValidationError(_l("The smallest value allowed is %(n)s.", n=f"{self.minimum:g}"))
        if self.maximum is not None and self.data > self.maximum:
            raise ValidationError(_l("The largest value allowed is %(n)s.", n=f"{self.maximum:g}"))


class LocalIntegerField(Field):
    """A whole number typed as text (never ``type=number``, which drops letters and reads ``4,5`` as
    ``45`` in some browsers); a decimal or letters are refused with a message, not changed.

    Empty means ``None``.
    """

    widget = widgets.TextInput()

    def __init__(self, *args: Any, minimum: int | None = None, maximum: int | None = None,
                 **kwargs: Any) -> None:
        kwargs.setdefault("render_kw", {}).setdefault("inputmode", "numeric")
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if not valuelist:
            return
        text = str(valuelist[0]).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return
        if re.fullmatch(r"\d{1,9}", text):
            self.data = int(text)
            return
        if re.fullmatch(r"\d+[.,]\d*", text):
            raise ValueError(_l("Write a whole number, for example 4 (not %(text)s).", text=text[:20]))
        raise ValueError(_l("Write a whole number with digits only, for example 4."))

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            return
        if self.minimum is not None and self.data < self.minimum:
            raise ValidationError(_l("The smallest value allowed is %(n)s.", n=self.minimum))
        if self.maximum is not None and self.data > self.maximum:
            raise ValidationError(_l("The largest value allowed is %(n)s.", n=self.maximum))


def local_number(value: float) -> str:
    """A number as typed back into a form: no needless decimals, decimal comma in Bokmål.

    >>> local_number(25.5), local_number(3.0), local_number(1234567.25)
    ('25,5', '3', '1234567,25')
    """
    from flask_babel import get_locale

    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text if str(get_locale() or "nb") == "en" else text.replace(".", ",")


_UNIT = re.compile(r"\s*(%|m²|m2|m)\s*$")


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class EditForm(BaseForm):
    """Every form that saves a new plan version carries the version it was based on."""

    base_version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    note = StringField(_l("What did you change? (optional)"), validators=[Length(max=300)],
                       description=_l("A short note shown in the list of versions."))


class ActionForm(BaseForm):
    """A button that does one thing (remove, revoke ...): CSRF and nothing else."""

    target = HiddenField()


def opts(pairs: Any) -> list[Any]:
    """Choices for a select or radio field from ``(value, label)`` pairs (WTForms 3.3 wants objects).

    >>> [c.value for c in opts([("a", "A"), ("b", "B")])] if SelectChoice else ["a", "b"]
    ['a', 'b']
    """
    pairs = list(pairs)
    if SelectChoice is None:
        return pairs
    return [SelectChoice(value, label) for value, label in pairs]
