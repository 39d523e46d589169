"""Form parts every blueprint uses: numbers with a decimal comma, the version an edit is based on."""

from __future__ import annotations

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


class BaseForm(FlaskForm):
    """Every form of the app: Flask-WTF with CSRF, WTForms' messages translated."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()


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
        return f"{self.data:g}"

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            return
        try:
            self.data = parse_number(str(valuelist[0]))
        except ValueError:
            raise ValueError(_l("Write a number, for example 12,5.")) from None

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            return
        if self.minimum is not None and self.data < self.minimum:
            raise ValidationError(_l("The smallest value allowed is %(n)s.", n=f"{self.minimum:g}"))
        if self.maximum is not None and self.data > self.maximum:
            raise ValidationError(_l("The largest value allowed is %(n)s.", n=f"{self.maximum:g}"))


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
