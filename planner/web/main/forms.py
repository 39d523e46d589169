"""The language switch."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from planner.web.fields import opts


class LanguageForm(FlaskForm):
    lang = SelectField(_l("Language"), choices=opts([("nb", "Norsk bokmål"), ("en", "English")]))
    next = HiddenField()
