"""The financing page: what the home costs, how the family pays, what it costs each month."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from planner.contributions.schedule import MILESTONE_NAMES
from planner.errors import PlannerError
from planner.finance import COST_KINDS, ESTIMATE_NOTE, SPECS, nok, payments_svg
from planner.web import editing
from planner.web.access import EVERYONE, project_view
from planner.web.fields import ActionForm
from planner.web.files import content_disposition
from planner.web.finance import services
from planner.web.finance.forms import KIND_LABELS, PARAM_LABELS, CostItemForm, MilestonesForm, params_form
from planner.web.selfbuild import services as selfbuild
from planner.web.templating import lang, num

bp = Blueprint("finance", __name__, url_prefix="/prosjekt")

CONTRACTOR = ("contractor",)
TERMS = ("planner", "family")


def _keys(role: str) -> tuple[str, ...]:
    return services.FAMILY_KEYS if role == "family" else services.MUNICIPALITY_KEYS


def _params_form(role: str, s: services.Settings, formdata: Any = None) -> Any:
    data = {k: s.values.get(k) for k in _keys(role)}
    if formdata is None:
        return params_form(_keys(role), formdata=None, data=data, prefix="p")
    return params_form(_keys(role), prefix="p")


def param_value(key: str, value: Any) -> str:
    """A parameter as the page shows it: kroner whole with a separator, rates with decimals, a unit."""
    if value is None:
        return "–"
    spec = SPECS[key]
    unit = {"kr": _("NOK"), "kr/år": _("NOK a year"), "år": _("years"), "mnd": _("months"), "%": "%",
            "kWh/m²": "kWh/m²", "kr/kWh": _("NOK/kWh")}.get(spec.unit, spec.unit)
    if spec.unit in ("kr", "kr/år"):
        text = nok(value, lang())
    elif spec.integer:
        text = str(int(value))
    else:
        text = num(value, 2)
    return f"{text} {unit}".strip()


def _page(project_id: int, status: int = 200, **given: Any):
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    s = services.settings(project_id)
    f = services.financing(project_id, plan, h)
    role = g.role
    ms = s.milestones
    context = {
        "project_id": project_id, "household": h, "plan": plan, "f": f, "settings": s,
        "nok": lambda v: nok(v, lang()), "k": 1 if lang() == "en" else 0,
        "chart": Markup(payments_svg(f, lang())), "kind_labels": KIND_LABELS, "COST_KINDS": COST_KINDS,
        "param_labels": PARAM_LABELS, "SPECS": SPECS, "items": services.cost_items(project_id),
        "params_form": given.get("params") or (_params_form(role, s) if role in TERMS else None),
        "item_form": given.get("item") or CostItemForm(formdata=None, prefix="i"),
        "milestones_form": given.get("milestones") or MilestonesForm(formdata=None, prefix="m", data=ms),
        "remove_form": ActionForm(formdata=None), "schedule": services.work_schedule(project_id, plan, h),
        "ESTIMATE_NOTE": ESTIMATE_NOTE, "milestone_names": MILESTONE_NAMES, "param_value": param_value,
    }
    return render_template("finance/page.html", **context), status


@bp.route("/<int:project_id>/finansiering")
@project_view(*EVERYONE)
def page(project_id: int):
    """The household's financing plan: cost, sources, loans, the monthly cost and its chart."""
    return _page(project_id)


def _back(project_id: int, anchor: str = "") -> Any:
    return redirect(url_for("finance.page", project_id=project_id, husstand=request.args.get("husstand"))
                    + anchor)


@bp.route("/<int:project_id>/finansiering/vilkar", methods=["POST"])
@project_view(*TERMS)
def terms(project_id: int):
    """The municipality's loan terms and running costs, or the family's own savings."""
    s = services.settings(project_id)
    form = _params_form(g.role, s, formdata=True)
    if not form.validate_on_submit():
        return _page(project_id, 422, params=form)
    try:
        services.save_parameters(project_id, current_user, g.role,
                                 {k: getattr(form, k).data for k in _keys(g.role)})
    except PlannerError as e:
        form.form_errors.append(str(e))
        return _page(project_id, 422, params=form)
    flash(_("The figures are saved. The financing plan now uses them."), "success")
    return _back(project_id, "#maaned")


@bp.route("/<int:project_id>/finansiering/kostnad", methods=["POST"])
@project_view(*CONTRACTOR)
def add_item(project_id: int):
    """The contractor adds an item to the price (an estimate, with who and when)."""
    form = CostItemForm(prefix="i")
    if not form.validate_on_submit():
        return _page(project_id, 422, item=form)
    try:
        services.add_cost_item(project_id, current_user, form.kind.data, form.label.data.strip(),
                               form.amount_nok.data)
    except PlannerError as e:
        form.amount_nok.errors = [str(e)]
        return _page(project_id, 422, item=form)
    flash(_("The item is added to the cost."), "success")
    return _back(project_id, "#kostnad")


@bp.route("/<int:project_id>/finansiering/kostnad/<item_id>/fjern", methods=["POST"])
@project_view(*CONTRACTOR)
def remove_item(project_id: int, item_id: str):
    """The contractor takes an item off the cost."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if not item_id.isdigit() or len(item_id) > 12 or not services.remove_cost_item(project_id, int(item_id)):
        abort(404)
    flash(_("The item is taken off the cost."), "success")
    return _back(project_id, "#kostnad")


@bp.route("/<int:project_id>/finansiering/milepaeler", methods=["POST"])
@project_view(*CONTRACTOR)
def milestones(project_id: int):
    """The contractor's milestones: building starts, tett hus, ferdigattest (weeks of the work plan)."""
    form = MilestonesForm(prefix="m")
    if not form.validate_on_submit():
        return _page(project_id, 422, milestones=form)
    values = {k: getattr(form, k).data for k in ("start", "tett_hus", "ferdigattest")
              if getattr(form, k).data is not None}
    try:
        services.save_milestones(project_id, current_user, values)
    except PlannerError:
        form.ferdigattest.errors = [_("The milestones must come in order: start, tett hus, ferdigattest.")]
        return _page(project_id, 422, milestones=form)
    flash(_("The milestones are saved."), "success")
    return _back(project_id, "#milepaeler")


@bp.route("/<int:project_id>/finansiering/betalinger.svg")
@project_view(*EVERYONE)
def chart(project_id: int):
    """The payments over the years as an SVG image."""
    _v, plan = selfbuild.current(project_id)
    f = services.financing(project_id, plan, editing.household(plan))
    response = current_app.response_class(payments_svg(f, lang()).encode(), mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = content_disposition("betalinger.svg", inline=True)
    return response
