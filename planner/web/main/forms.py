"""The language switch."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField

from planner.web.fields import BaseForm, opts


class LanguageForm(BaseForm):
    lang = SelectField(_l("Language"), choices=opts([("nb", "Norsk bokmål"), ("en", "English")]))
    next = HiddenField()
