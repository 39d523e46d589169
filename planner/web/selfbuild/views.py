"""Self-build work: the family proposes tasks, the contractor accepts or declines, the family marks done."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from planner import model
from planner.contributions import PHASE_NAMES, UNIT_NAMES, Item, catalogue
from planner.contributions.chart import chart_svg
from planner.contributions.drawings import hours_text, overlay
from planner.contributions.workplan import workplan_html, workplan_pdf
from planner.export.style import colour
from planner.web import drawing, editing, services
from planner.web.access import EVERYONE, FAMILY, project_view
from planner.web.fields import opts
from planner.web.selfbuild import services as selfbuild
from planner.web.selfbuild.forms import ChangeForm, DecideForm, DoneForm, ProposeForm, figures_form
from planner.web.templating import lang, num

bp = Blueprint("selfbuild", __name__, url_prefix="/prosjekt")

CONTRACTOR = ("contractor",)
STATUS_LABELS = {"proposed": _l("proposed"), "accepted": _l("accepted by the contractor"),
                 "declined": _l("declined"), "done": _l("done"), "removed": _l("taken back"),
                 "edited": _l("changed and proposed again")}
PHASE_LABELS = {"before_build": _l("Before building"), "shell": _l("Shell"), "finishing": _l("Finishing"),
                "outdoor": _l("Outdoor")}
WHO_LABELS = {"adults": _l("the adults"), "everyone": _l("everyone"), "household": _l("the household")}
REFUSALS = {
    "unknown task": _l("Choose a task from the list."),
    "unknown room": _l("Choose rooms of your home."),
    "already done": _l("The task is already done."),
    "not accepted": _l("Only a task the contractor has accepted can be marked done."),
    "agreed": _l("An accepted task is agreed with the contractor and cannot be changed here."),
}


def who_text(who: str) -> str:
    return str(WHO_LABELS[who]) if who in WHO_LABELS else who


def refusal(e: selfbuild.TaskRefused) -> str:
    """The reason a task is refused, in the page's language."""
    task = e.params.get("task")
    if e.key == "not allowed" and task is not None:
        return _("Your family cannot do this task: %(who)s", who=task.who_must[lang() == "en"])
    if e.key == "wet room" and task is not None:
        return _("%(task)s is not family work in wet rooms (%(rooms)s): the surface lies on the membrane, "
                 "which a certified wet-room company makes.", task=task.name_in(lang()),
                 rooms=e.params["rooms"])
    return str(REFUSALS.get(e.key, e.key))


# --------------------------------------------------------------------------- the page


def _people(form: ProposeForm | ChangeForm, plan: model.Plan, h: model.Household, current: str = "") -> None:
    """Rooms of the home and who can do the work, as the form's choices (``current`` kept if unusual)."""
    form.rooms.choices = opts([(r.id, r.name) for r in selfbuild.home_rooms(plan, h)])
    whos = selfbuild.who_choices(h)
    whos += [current] if current and current not in whos else []
    form.who.choices = opts([(w, who_text(w).capitalize() if w in WHO_LABELS else w) for w in whos])


def _propose_form(plan: model.Plan, h: model.Household, form: ProposeForm | None, base: int) -> ProposeForm:
    form = form or ProposeForm(formdata=None, base_version=base)
    tasks = [t for t in catalogue().values() if t.allowed]
    form.task.choices = opts([(t.key, f"{t.name_in(lang())} ({PHASE_LABELS[t.phase]})") for t in tasks])
    _people(form, plan, h)
    return form


def _change_form(plan: model.Plan, h: model.Household, c: model.Contribution, form: ChangeForm | None,
                 base: int) -> ChangeForm:
    form = form or ChangeForm(formdata=None, prefix=f"e-{c.id}", base_version=base, rooms=c.rooms or [],
                              who=c.who or "", hours=c.hours)
    _people(form, plan, h, c.who or "")
    return form


def _row(item: Item, plan_rooms: dict[str, str], history: list[Any]) -> dict[str, Any]:
    c, t, q = item.contribution, item.task, item.line.quantity
    k = 1 if lang() == "en" else 0
    problem = None
    if item.problem == "contribution.not-allowed" and t is not None:
        problem = t.who_must[k] if t.who_must else _("A family may not do this task in a wet room.")
    elif item.problem == "contribution.unknown-task":
        problem = _("This task is not in the catalogue.")
    elif item.problem == "contribution.unknown-room":
        problem = _("A room of this task is not in the plan any more.")
    return {
        "c": c, "task": t.name_in(lang()) if t else c.task, "needs_approval": bool(t and t.needs_approval),
        "rooms": ", ".join(plan_rooms.get(r, r) for r in q.rooms) if q and q.rooms else "",
        "quantity": f"{num(q.value)} {UNIT_NAMES[q.unit][k]}" if q else "–",
        "how": q.how[k] if q else "", "hours": hours_text(item.hours, lang()), "own": item.own_figure,
        "value": f"{_nok(item.value_nok)}", "who": who_text(item.who), "status": STATUS_LABELS[c.status],
        "phase": PHASE_LABELS[c.phase], "condition": c.extra.get("condition") or "", "counted": item.counted,
        "problem": problem, "history": history,
    }


def _nok(value: float) -> str:
    from planner.contributions import nok

    return nok(value, lang())


def _page(project_id: int, status: int = 200, conflict: Any = None, **given: Any):
    """The self-build page; ``given`` forms (from a failed post) replace the blank ones."""
    current = services.latest(project_id)
    plan = services.plan_of(current)
    h = editing.household(plan)
    f = selfbuild.figures(project_id)
    e = selfbuild.estimate_of(plan, h, f)
    history = selfbuild.history(project_id, h.id)
    names = {r.id: r.name for _b, r in plan.all_rooms()}
    rows = [_row(i, names, history.get(i.contribution.id, [])) for i in e.items]
    removed = [(cid, events) for cid, events in history.items()
               if cid not in {i.contribution.id for i in e.items}]
    forms = {}
    for i in e.items:
        cid = i.contribution.id
        forms[cid] = {
            "decide": given.get(f"decide-{cid}") or DecideForm(formdata=None, prefix=f"d-{cid}",
                                                              base_version=current.number),
            "done": given.get(f"done-{cid}") or DoneForm(formdata=None, prefix=f"f-{cid}",
                                                        base_version=current.number),
            "change": _change_form(plan, h, i.contribution, given.get(f"change-{cid}"), current.number),
        }
    k = 1 if lang() == "en" else 0
    context = {
        "project_id": project_id, "version": current, "plan": plan, "household": h, "estimate": e,
        "rows": rows, "forms": forms, "removed": removed, "figures": f, "conflict": conflict,
        "propose_form": _propose_form(plan, h, given.get("propose"), current.number),
        "not_allowed": [t for t in catalogue().values() if not t.allowed],
        "chart": Markup(chart_svg(e, lang())), "floors": drawing.floor_views(plan),
        "who_colours": [(label, colour(c)) for label, c in overlay(plan, h.id, lang(), f.overrides).legend],
        "by_phase": [(PHASE_LABELS[p], t) for p, t in e.by_phase.items()],
        "by_who": [(who_text(w), t) for w, t in e.by_who.items()],
        "by_status": [(STATUS_LABELS[s], t) for s, t in e.by_status.items()],
        "sentence": e.sentence(lang()), "hours_text": lambda x: hours_text(x, lang()), "nok": _nok,
        "phase_names": {p: n[k] for p, n in PHASE_NAMES.items()}, "STATUS_LABELS": STATUS_LABELS,
    }
    return render_template("selfbuild/page.html", **context), status


@bp.route("/<int:project_id>/egeninnsats")
@project_view(*EVERYONE)
def page(project_id: int):
    """The household's self-build tasks with their estimates, history, chart and work plan."""
    return _page(project_id)


def _here(project_id: int, anchor: str = "") -> str:
    return url_for("selfbuild.page", project_id=project_id, husstand=request.args.get("husstand")) + anchor


def _save(project_id: int, form: Any, key: str, action: Any, message: str):
    """Run one change of the plan; a conflict or a refusal shows the page again with the input kept."""
    try:
        action()
    except services.Conflict as c:
        form.base_version.data = c.latest.number
        form.base_version.raw_data = [str(c.latest.number)]
        return _page(project_id, 409, conflict=c.latest, **{key: form})
    except selfbuild.TaskRefused as e:
        target = getattr(form, "task", None) if e.key in ("not allowed", "unknown task", "wet room") else None
        if target is not None:
            target.errors = [refusal(e)]
        else:
            flash(refusal(e), "error")
        return _page(project_id, 422, **{key: form})
    flash(message, "success")
    return redirect(_here(project_id, "#oppgaver"))


@bp.route("/<int:project_id>/egeninnsats/foresla", methods=["POST"])
@project_view(*FAMILY)
def propose(project_id: int):
    """The family proposes a task."""
    plan = services.plan_of(services.latest(project_id))
    h = editing.household(plan)
    form = _propose_form(plan, h, ProposeForm(), 0)
    if not form.validate_on_submit():
        return _page(project_id, 422, propose=form)

    def act() -> None:
        selfbuild.propose(project_id, plan, h, current_user, form.base_version.data, form.task.data or "",
                          list(form.rooms.data or []), form.who.data, form.hours.data, form.note.data or "")
    return _save(project_id, form, "propose", act, _("The task is added to your self-build plan."))


def _task(project_id: int, contribution_id: str) -> tuple[model.Plan, model.Household, model.Contribution]:
    plan = services.plan_of(services.latest(project_id))
    h = editing.household(plan)
    c = selfbuild.find(h, contribution_id)
    if c is None:
        abort(404)
    return plan, h, c


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/vurder", methods=["POST"])
@project_view(*CONTRACTOR)
def decide(project_id: int, contribution_id: str):
    """The contractor accepts or declines a task, with a condition or comment."""
    plan, h, c = _task(project_id, contribution_id)
    form = DecideForm(prefix=f"d-{c.id}")
    key = f"decide-{c.id}"
    if not form.validate_on_submit():
        return _page(project_id, 422, **{key: form})

    def act() -> None:
        selfbuild.decide(project_id, plan, h, c, current_user, form.base_version.data,
                         form.decision.data == "accept", (form.comment.data or "").strip())
    text = _("The task is accepted.") if form.decision.data == "accept" else _("The task is declined.")
    return _save(project_id, form, key, act, text)


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/endre", methods=["POST"])
@project_view(*FAMILY)
def change(project_id: int, contribution_id: str):
    """The family changes a proposed or declined task (rooms, who, hours); it is proposed again."""
    plan, h, c = _task(project_id, contribution_id)
    form = _change_form(plan, h, c, ChangeForm(prefix=f"e-{c.id}"), 0)
    key = f"change-{c.id}"
    if not form.validate_on_submit():
        return _page(project_id, 422, **{key: form})

    def act() -> None:
        selfbuild.edit(project_id, plan, h, c, current_user, form.base_version.data,
                       list(form.rooms.data or []), form.who.data, form.hours.data,
                       (form.comment.data or "").strip())
    return _save(project_id, form, key, act, _("The task is changed and proposed again."))


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/utfort", methods=["POST"])
@project_view(*FAMILY)
def done(project_id: int, contribution_id: str):
    """The family marks an accepted task done."""
    return _family_step(project_id, contribution_id, selfbuild.mark_done,
                        _("The task is marked done. Well done!"))


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/fjern", methods=["POST"])
@project_view(*FAMILY)
def remove(project_id: int, contribution_id: str):
    """The family takes back a task that is not done yet; its history stays."""
    return _family_step(project_id, contribution_id, selfbuild.remove, _("The task is taken back."))


def _family_step(project_id: int, contribution_id: str, step, done_message: str):
    """A one-button step of the family's on a task (done, taken back), with an optional comment."""
    plan, h, c = _task(project_id, contribution_id)
    form = DoneForm(prefix=f"f-{c.id}")
    key = f"done-{c.id}"
    if not form.validate_on_submit():
        return _page(project_id, 422, **{key: form})

    def act() -> None:
        step(project_id, plan, h, c, current_user, form.base_version.data,
             (form.comment.data or "").strip())
    return _save(project_id, form, key, act, done_message)


# --------------------------------------------------------------------------- the contractor's figures


@bp.route("/<int:project_id>/egeninnsats/tall", methods=["GET", "POST"])
@project_view(*CONTRACTOR)
def figures(project_id: int):
    """The contractor's hour value, cost per m² BRA and hours per unit for this project."""
    current = services.latest(project_id)
    f = selfbuild.figures(project_id)
    tasks = [t for t in f.tasks().values() if t.allowed]
    if request.method == "GET":
        data = {"hour_value_nok": f.hour_value_nok, "cost_per_m2_bra_nok": f.cost_per_m2_bra_nok,
                "base_version": current.number} | {f"h_{t.key}": t.hours_per_unit for t in tasks}
        form = figures_form(tasks, lang(), formdata=None, data=data)
    else:
        form = figures_form(tasks, lang())
        if form.validate_on_submit():
            selfbuild.save_figures(project_id, current_user, form.hour_value_nok.data,
                                   form.cost_per_m2_bra_nok.data,
                                   {t.key: getattr(form, f"h_{t.key}").data for t in tasks})
            flash(_("The figures are saved. Every estimate of this project now uses them."), "success")
            return redirect(url_for("selfbuild.page", project_id=project_id))
    k = 1 if lang() == "en" else 0
    units = {t.key: UNIT_NAMES[t.unit][k] for t in tasks}
    return render_template("selfbuild/figures.html", project_id=project_id, form=form, tasks=tasks,
                           units=units, figures=f), 422 if form.errors else 200


# --------------------------------------------------------------------------- downloads and images


def _download(data: bytes, mimetype: str, filename: str, inline: bool = False):
    response = current_app.response_class(data, mimetype=mimetype)
    kind = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return response


def _estimate(project_id: int) -> tuple[Any, model.Plan, model.Household, Any]:
    current = services.latest(project_id)
    plan = services.plan_of(current)
    h = editing.household(plan)
    return current, plan, h, selfbuild.estimate_of(plan, h, selfbuild.figures(project_id))


@bp.route("/<int:project_id>/egeninnsats/timer.svg")
@project_view(*EVERYONE)
def chart(project_id: int):
    """The hours chart as an SVG image."""
    _v, _p, _h, e = _estimate(project_id)
    return _download(chart_svg(e, lang()).encode(), "image/svg+xml", "egeninnsats-timer.svg", inline=True)


@bp.route("/<int:project_id>/egeninnsats/arbeidsplan.html")
@project_view(*EVERYONE)
def workplan(project_id: int):
    """The printable work plan for the contractor (HTML)."""
    v, plan, _h, e = _estimate(project_id)
    html = workplan_html(plan, e, lang(), version=str(v.number))
    return _download(html.encode(), "text/html", f"arbeidsplan-prosjekt-{project_id}-v{v.number}.html")


@bp.route("/<int:project_id>/egeninnsats/arbeidsplan.pdf")
@project_view(*EVERYONE)
def workplan_pdf_download(project_id: int):
    """The work plan as an A4 PDF."""
    v, plan, _h, e = _estimate(project_id)
    pdf = workplan_pdf(plan, e, lang(), version=str(v.number))
    return _download(pdf, "application/pdf", f"arbeidsplan-prosjekt-{project_id}-v{v.number}.pdf")


@bp.route("/<int:project_id>/egeninnsats/plan-<building>-<int:storey>.svg")
@project_view(*EVERYONE)
def floor_image(project_id: int, building: str, storey: int):
    """A floor plan with the rooms coloured by who does the work there."""
    from planner.export import floor_svg

    current, plan, h, _e = _estimate(project_id)
    if (building, storey) not in drawing.floor_views(plan):
        abort(404)
    ov = overlay(plan, h.id, lang(), selfbuild.figures(project_id).overrides)
    crop = request.args.get("utsnitt") == "tegning"  # the drawing alone; the page gives the legend
    svg = floor_svg(plan, building, storey, overlay=ov, version=str(current.number), crop=crop)
    return _download(svg.encode(), "image/svg+xml", f"egeninnsats-{building}-{storey}.svg", inline=True)

