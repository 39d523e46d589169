"""Forms of a project: create it, the household, its room needs."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from planner import model
from planner.web.fields import BaseForm, EditForm, LocalFloatField, LocalIntegerField, opts

MAX_MEMBERS = 20
"""Most people in one household of the planner (a larger family makes a second household)."""
MAX_NEEDS = 40

ROOM_TYPE_CHOICES = [(t, t) for t in model.ROOM_TYPES]  # labels set per language in the view


class NewProjectForm(BaseForm):
    name = StringField(_l("Name of the project"), validators=[DataRequired(), Length(max=200)],
                       description=_l("For example: Familien Berg – Tanum."))
    municipality = StringField(_l("Municipality"), validators=[DataRequired(), Length(max=100)],
                               description=_l("The municipality where the home will be built."))
    household = StringField(_l("Name of the household"), validators=[DataRequired(), Length(max=120)],
                            description=_l("How you want to be named, for example Familien Berg."))
    gnr = LocalIntegerField(_l("Gnr (farm number, optional)"), minimum=1, maximum=99999,
                            description=_l("From the property register; it is printed on the site plan."))
    bnr = LocalIntegerField(_l("Bnr (holding number, optional)"), minimum=1, maximum=99999)


class MemberForm(BaseForm):
    class Meta:
        csrf = False

    role = SelectField(_l("Adult or child"), choices=opts([("adult", _l("adult")), ("child", _l("child"))]))
    age = LocalIntegerField(_l("Age (children)"), minimum=0, maximum=120)
    name = StringField(_l("First name (optional)"), validators=[Optional(), Length(max=60)])


def new_member_row(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The row a new person starts with: an adult while the household has fewer than two adults and
    no children yet (a couple adds the second adult first), else a child.

    >>> [new_member_row(r)["role"] for r in ([], [{"role": "adult"}], [{"role": "adult"}] * 2,
    ...                                      [{"role": "adult"}, {"role": "child"}])]
    ['adult', 'adult', 'child', 'child']
    """
    adults = sum(1 for r in rows if r.get("role") == "adult")
    children = sum(1 for r in rows if r.get("role") == "child")
    return {"role": "adult" if adults < 2 and not children else "child", "age": None, "name": ""}


class ChoiceNotYetMadeField(RadioField):
    """Radio buttons none of which is chosen until the person chooses; no choice stays ``None``."""

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            return
        super().pre_validate(form)


class HouseholdForm(EditForm):
    name = StringField(_l("Name of the household"), validators=[DataRequired(), Length(max=120)])
    members = FieldList(FormField(MemberForm), min_entries=1, max_entries=MAX_MEMBERS)
    accessible = ChoiceNotYetMadeField(
        _l("Should the home be accessible for a wheelchair?"),
        choices=opts([("yes", _l("Yes, the home must be accessible")),
                      ("no", _l("No, we do not need that now"))]),
        description=_l("An accessible home has room to turn a wheelchair in the entrance, the living "
                       "room, the kitchen, a bedroom and the bathroom, all on the entrance floor. Until you "
                       "choose, the plan is checked as an accessible home."),
    )
    wishes = TextAreaField(_l("What matters most to you in your new home?"),
                           validators=[Optional(), Length(max=2000)],
                           description=_l("For example: a bright living room facing south, a kitchen "
                                          "where everyone can eat together."))
    strengths = TextAreaField(_l("What are you good at, and what do you enjoy doing together?"),
                              validators=[Optional(), Length(max=2000)],
                              description=_l("Skills, experience and habits you bring: cooking for many, "
                                             "gardening, carpentry, languages, helping neighbours."))
    self_build = TextAreaField(_l("What work could you do yourselves on the house?"),
                               validators=[Optional(), Length(max=2000)],
                               description=_l("For example painting, laying floors, clearing the plot or "
                                              "garden work. Hours you put in count toward the financing."))

    def load(self, h: model.Household) -> None:
        self.name.data = h.name
        while len(self.members.entries):
            self.members.pop_entry()
        for m in h.members or [model.Member("adult")]:
            self.members.append_entry({"role": m.role, "age": m.age, "name": m.name or ""})
        self.accessible.data = None if h.accessible is None else ("yes" if h.accessible else "no")
        self.wishes.data = h.wishes or ""
        self.strengths.data = h.extra.get("strengths", "")
        self.self_build.data = h.extra.get("self_build", "")

    def to_household(self, h: model.Household) -> None:
        """Write the form into the household (keeping what the form does not show)."""
        h.name = (self.name.data or "").strip()
        old = h.members
        h.members = []
        for i, entry in enumerate(self.members.entries):
            d = entry.data
            m = old[i] if i < len(old) else model.Member(d["role"])
            m.role, m.age, m.name = d["role"], d["age"] if d["role"] == "child" else None, d["name"] or None
            h.members.append(m)
        h.accessible = None if self.accessible.data is None else self.accessible.data == "yes"
        h.wishes = (self.wishes.data or "").strip() or None
        for key in ("strengths", "self_build"):
            value = (getattr(self, key).data or "").strip()
            if value:
                h.extra[key] = value
            else:
                h.extra.pop(key, None)


class NeedForm(BaseForm):
    class Meta:
        csrf = False

    type = SelectField(_l("Room"), choices=opts(ROOM_TYPE_CHOICES))
    count = LocalIntegerField(_l("How many"), default=1, minimum=0, maximum=20)
    min_area_m2 = LocalFloatField(_l("Smallest size (m²)"), minimum=0, maximum=200)
    wish = StringField(_l("Wish (optional)"), validators=[Optional(), Length(max=200)])


class NeedsForm(EditForm):
    needs = FieldList(FormField(NeedForm), min_entries=0, max_entries=MAX_NEEDS)

    def load(self, h: model.Household) -> None:
        while len(self.needs.entries):
            self.needs.pop_entry()
        for n in h.room_needs:
            self.needs.append_entry({"type": n.type, "count": n.wanted, "min_area_m2": n.min_area_m2,
                                     "wish": n.wish or ""})

    def to_room_needs(self) -> list[model.RoomNeed]:
        out = []
        for entry in self.needs.entries:
            d: dict[str, Any] = entry.data
            out.append(model.RoomNeed(type=d["type"], count=d["count"] if d["count"] is not None else 1,
                                      min_area_m2=d["min_area_m2"], wish=(d["wish"] or "").strip() or None))
        return out
