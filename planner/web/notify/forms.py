"""The member's notification settings: one choice per kind, and the language of the e-mail."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField

from planner.web.fields import BaseForm, opts
from planner.web.notify.models import KINDS

KIND_NAMES = {"comment": _l("Comments and replies on my projects"),
              "mention": _l("Someone mentions me (@name)"),
              "submitted": _l("A version is submitted for review"),
              "decision": _l("A decision on a version (approved, changes asked)"),
              "task_proposed": _l("A self-build task is proposed"),
              "task_accepted": _l("A self-build task is accepted"),
              "task_declined": _l("A self-build task is declined"),
              "task_done": _l("A self-build task is done"),
              "invitation_accepted": _l("Someone accepts an invitation")}
CHANNEL_NAMES = {"app": _l("In the app only"), "email": _l("E-mail at once"), "digest": _l("Daily digest")}


class SettingsForm(BaseForm):
    locale = SelectField(_l("Language of the e-mail"),
                         choices=opts([("nb", "Norsk bokmål"), ("en", "English")]))


for _kind in KINDS:
    setattr(SettingsForm, f"kind_{_kind}",
            RadioField(KIND_NAMES[_kind], choices=opts(list(CHANNEL_NAMES.items())), default="email"))


class ReadForm(BaseForm):
    """Mark one notification read (``target``), or all when it is empty."""

    target = HiddenField()
