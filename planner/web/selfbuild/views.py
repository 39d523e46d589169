"""Self-build work: the family proposes tasks, the contractor accepts or declines, the family marks done,
logs its hours and gets them confirmed; the household's people; a home that already stands from a DXF."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from planner import model
from planner.contributions import PHASE_NAMES, UNIT_NAMES, Item, catalogue, existing
from planner.contributions.chart import chart_svg
from planner.contributions.drawings import hours_text, overlay
from planner.contributions.gantt import gantt_svg
from planner.contributions.people import people, suggested_who
from planner.contributions.statement import statement_pdf
from planner.contributions.workplan import workplan_html, workplan_pdf
from planner.errors import PlannerError
from planner.export.style import colour
from planner.web import drawing, editing, services
from planner.web.access import EVERYONE, FAMILY, project_view
from planner.web.fields import ActionForm, opts
from planner.web.files import content_disposition
from planner.web.finance import services as finance
from planner.web.selfbuild import ledger
from planner.web.selfbuild import services as selfbuild
from planner.web.selfbuild.forms import (
    ChangeForm,
    ChangeHoursForm,
    ConfirmForm,
    DecideForm,
    DoneForm,
    ExistingChoiceForm,
    ExistingUploadForm,
    HoursForm,
    PersonForm,
    ProposeForm,
    WhenForm,
    figures_form,
)
from planner.web.templating import bdi, kroner, lang, num

bp = Blueprint("selfbuild", __name__, url_prefix="/prosjekt")

CONTRACTOR = ("contractor",)
STATUS_LABELS = {"proposed": _l("proposed"), "accepted": _l("accepted by the contractor"),
                 "declined": _l("declined"), "done": _l("done"), "removed": _l("taken back"),
                 "edited": _l("changed and proposed again"), "confirmed": _l("hours confirmed as agreed"),
                 "not-as-agreed": _l("hours checked: not as agreed")}
DECIDERS = ("contractor", "planner")
"""Who decides on tasks: the contractor; in a home that already stands, also its owner (the municipality)."""
PHASE_LABELS = {"before_build": _l("Before building"), "shell": _l("Shell"), "finishing": _l("Finishing"),
                "outdoor": _l("Outdoor")}
WHO_LABELS = {"adults": _l("the adults"), "everyone": _l("everyone"), "household": _l("the household")}
REFUSALS = {
    "unknown task": _l("Choose a task from the list."),
    "unknown room": _l("Choose rooms of your home."),
    "already done": _l("The task is already done."),
    "not accepted": _l("Only a task the contractor has accepted can be marked done."),
    "agreed": _l("An accepted task is agreed with the contractor and cannot be changed here."),
    "reason needed": _l("Say why you decline, so the family can change the task."),
    "owner decides": _l("In a home that already stands, the owner approves this task."),
    "contractor decides": _l("In a new home, the contractor decides on the tasks."),
}


def who_text(who: str) -> str:
    return str(WHO_LABELS[who]) if who in WHO_LABELS else who


def refusal(e: selfbuild.TaskRefused) -> str:
    """The reason a task is refused, in the page's language."""
    task = e.params.get("task")
    if e.key == "not allowed" and task is not None:
        return _("Your family cannot do this task: %(who)s", who=task.who_must[lang() == "en"])
    if e.key == "too young" and task is not None:
        names = ", ".join(f"{p.label} ({p.age})" if p.age is not None else p.label
                          for p in e.params["people"])
        return _("%(task)s needs whoever does it to be at least %(age)d years old; %(names)s is too young. "
                 "Choose someone older.", task=task.name_in(lang()), age=task.min_age, names=names)
    if e.key == "wet room" and task is not None:
        return _("%(task)s is not family work in wet rooms (%(rooms)s): the surface lies on the membrane, "
                 "which a certified wet-room company makes.", task=task.name_in(lang()),
                 rooms=e.params["rooms"])
    return str(REFUSALS.get(e.key, e.key))


# --------------------------------------------------------------------------- the page


def _people(form: ProposeForm | ChangeForm, plan: model.Plan, h: model.Household, current: str = "") -> None:
    """Rooms of the home and who can do the work, as the form's choices (``current`` kept if unusual)."""
    form.rooms.choices = opts([(r.id, bdi(r.name)) for r in selfbuild.home_rooms(plan, h)])
    whos = selfbuild.who_choices(h)
    whos += [current] if current and current not in whos else []
    form.who.choices = opts([(w, who_text(w).capitalize() if w in WHO_LABELS else person_label(h, w))
                             for w in whos])


def person_label(h: model.Household, who: str) -> str:
    """A member as the form offers them: the name, with the age, the hours a week and the skills they gave."""
    person = next((p for p in people(h) if p.key == who), None)
    if person is None:
        return who
    tasks = catalogue()
    facts = [_("%(n)d years", n=person.age)] if person.age is not None else []
    if person.stated_hours:
        facts.append(_("%(h)s h a week", h=num(person.hours_per_week)))
    if person.skills:
        facts.append(_("good at %(list)s", list=", ".join(
            tasks[s].name_in(lang()).lower() for s in person.skills if s in tasks)))
    return f"{who} ({'; '.join(facts)})" if facts else who


def _propose_form(plan: model.Plan, h: model.Household, form: ProposeForm | None, base: int) -> ProposeForm:
    form = form or ProposeForm(formdata=None, base_version=base)
    standing = selfbuild.is_existing(plan, h)
    tasks = [t for t in catalogue().values() if t.allowed and (standing or not t.existing_only)]
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
        "value": f"{kroner(item.value_nok)}", "who": who_text(item.who), "status": STATUS_LABELS[c.status],
        "phase": PHASE_LABELS[c.phase], "condition": c.extra.get("condition") or "", "counted": item.counted,
        "problem": problem, "history": history,
        "owner_reason": t.owner_approval[k] if t and t.owner_approval else "",
        "start_week": c.extra.get("start_week"), "weeks": c.extra.get("weeks"),
    }


def _page(project_id: int, status: int = 200, conflict: Any = None, **given: Any):
    """The self-build page; ``given`` forms (from a failed post) replace the blank ones."""
    current, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    f = selfbuild.figures(project_id)
    e = selfbuild.estimate_of(plan, h, f)
    history = selfbuild.history(project_id, h.id)
    sched = finance.work_schedule(project_id, plan, h)
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
            "when": given.get(f"when-{cid}") or WhenForm(
                formdata=None, prefix=f"w-{cid}", base_version=current.number,
                start_week=i.contribution.extra.get("start_week"), weeks=i.contribution.extra.get("weeks")),
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
        "sentence": e.sentence(lang()), "hours_text": lambda x: hours_text(x, lang()), "nok": kroner,
        "phase_names": {p: n[k] for p, n in PHASE_NAMES.items()}, "STATUS_LABELS": STATUS_LABELS,
        "schedule": sched, "gantt": Markup(gantt_svg(sched, lang())),
        "existing": selfbuild.is_existing(plan, h),
        "ledgers": ledger.ledgers(project_id, h.id), "people": people(h),
        "owner_tasks": {i.contribution.id for i in e.items if selfbuild.needs_owner(plan, h, i.contribution)},
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
        if e.key == "too young":
            target = getattr(form, "who", None)
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
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    form = _propose_form(plan, h, ProposeForm(), 0)
    if not form.validate_on_submit():
        return _page(project_id, 422, propose=form)

    def act() -> None:
        selfbuild.propose(project_id, plan, h, current_user, form.base_version.data, form.task.data or "",
                          list(form.rooms.data or []), form.who.data, form.hours.data, form.note.data or "")
    return _save(project_id, form, "propose", act, _("The task is added to your self-build plan."))


def _task(project_id: int, contribution_id: str) -> tuple[model.Plan, model.Household, model.Contribution]:
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    c = selfbuild.find(h, contribution_id)
    if c is None:
        abort(404)
    return plan, h, c


def _on_task(project_id: int, contribution_id: str, key: str, make_form: Any, step: Any, message: Any):
    """One step on one task: its form (``make_form(plan, h, c)``) is read and checked, shown again with
    the input kept when it fails, else ``step(plan, h, c, form)`` runs through :func:`_save`;
    ``message`` is the success message, or a function of the form that gives it."""
    plan, h, c = _task(project_id, contribution_id)
    form = make_form(plan, h, c)
    key = f"{key}-{c.id}"
    if not form.validate_on_submit():
        return _page(project_id, 422, **{key: form})
    return _save(project_id, form, key, lambda: step(plan, h, c, form),
                 message(form) if callable(message) else message)


def _comment(form: Any) -> str:
    return (form.comment.data or "").strip()


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/vurder", methods=["POST"])
@project_view(*DECIDERS)
def decide(project_id: int, contribution_id: str):
    """The contractor (or a standing home's owner) accepts or declines a task; a decline says why."""
    def step(plan, h, c, form) -> None:
        selfbuild.decide(project_id, plan, h, c, current_user, form.base_version.data,
                         form.decision.data == "accept", _comment(form), g.role)

    def message(form) -> str:
        return _("The task is accepted.") if form.decision.data == "accept" else _("The task is declined.")
    return _on_task(project_id, contribution_id, "decide", lambda plan, h, c: DecideForm(prefix=f"d-{c.id}"),
                    step, message)


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/endre", methods=["POST"])
@project_view(*FAMILY)
def change(project_id: int, contribution_id: str):
    """The family changes a proposed or declined task (rooms, who, hours); it is proposed again."""
    return _on_task(
        project_id, contribution_id, "change",
        lambda plan, h, c: _change_form(plan, h, c, ChangeForm(prefix=f"e-{c.id}"), 0),
        lambda plan, h, c, form: selfbuild.edit(project_id, plan, h, c, current_user, form.base_version.data,
                                                list(form.rooms.data or []), form.who.data, form.hours.data,
                                                _comment(form)),
        _("The task is changed and proposed again."))


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
    return _on_task(
        project_id, contribution_id, "done", lambda plan, h, c: DoneForm(prefix=f"f-{c.id}"),
        lambda plan, h, c, form: step(project_id, plan, h, c, current_user, form.base_version.data,
                                      _comment(form)),
        done_message)


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/tid", methods=["POST"])
@project_view(*FAMILY)
def when(project_id: int, contribution_id: str):
    """The family plans a task in time: its start week and how many weeks it takes (a plan change)."""
    def step(plan, h, c, form) -> None:
        selfbuild.plan_time(project_id, plan, h, c, current_user, form.base_version.data,
                            form.start_week.data, form.weeks.data)
    return _on_task(project_id, contribution_id, "when", lambda plan, h, c: WhenForm(prefix=f"w-{c.id}"),
                    step, _("The task is planned in time."))


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
    response.headers["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def _estimate(project_id: int) -> tuple[Any, model.Plan, model.Household, Any]:
    current, plan = selfbuild.current(project_id)
    plan = finance.with_milestones(plan, finance.settings(project_id))
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



# --------------------------------------------------------------------------- the hour ledger

CONFIRMERS = ("contractor", "planner")
LEDGER_REFUSALS = {
    "not open": _l("Hours can be logged only on a task that is accepted or done."),
    "unknown person": _l("Choose someone of the household."),
    "bad day": _l("Give a day from 2000 until today."),
    "bad hours": _l("Write from 0,25 to 24 hours for one day."),
    "photo too large": _l("The photo is too large."),
    "photo too many pixels": _l("The photo has too many pixels."),
    "not an image": _l("The file is not a photo that can be read (JPEG, PNG, WebP or GIF)."),
    "nothing logged": _l("There are no hours to confirm yet."),
}


def ledger_refusal(e: ledger.LedgerRefused) -> str:
    task = e.params.get("task")
    if e.key == "too young" and task is not None:
        return refusal(selfbuild.TaskRefused("too young", task=task, people=e.params["people"]))
    return str(LEDGER_REFUSALS.get(e.key, e.key))


def _hours_form(h: model.Household, c: model.Contribution, form: Any = None) -> HoursForm:
    """The form to log hours; it starts with the task's own person, else someone good at the task."""
    choices = ledger.person_choices(h, c)
    if form is None:
        task = catalogue().get(c.task)
        default = c.who if c.who in choices else (suggested_who(h, task) if task else None)
        form = HoursForm(formdata=None, prefix=f"t-{c.id}", day=date.today(), person=default)
    form.person.choices = opts([(p, p) for p in choices])
    return form


def _change_hours_form(h: model.Household, c: model.Contribution, e: Any,
                       form: Any = None) -> ChangeHoursForm:
    form = form or ChangeHoursForm(formdata=None, prefix=f"r-{e.id}", person=e.person, day=e.day,
                                   hours=e.hours,
                                   note=e.note)
    form.person.choices = opts([(p, p) for p in dict.fromkeys([*ledger.person_choices(h, c), e.person])])
    return form


def _photo_limit() -> int:
    """The largest photo accepted: the ledger's own limit, or the app's ``MAX_PHOTO_BYTES`` when lower
    (not ``MAX_UPLOAD_BYTES``, the plan files' limit: a phone photo is often larger than 2 MB)."""
    return min(ledger.MAX_PHOTO_BYTES, int(current_app.config["MAX_PHOTO_BYTES"]))


def _can_confirm(plan: model.Plan, h: model.Household) -> bool:
    return g.role == "contractor" or (g.role == "planner" and selfbuild.is_existing(plan, h))


def _ledger_page(project_id: int, status: int = 200, **given: Any):
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    f = selfbuild.figures(project_id)
    e = selfbuild.estimate_of(plan, h, f)
    books = ledger.ledgers(project_id, h.id)
    tasks = []
    for item in e.items:
        c = item.contribution
        if c.status not in ledger.OPEN_STATUSES and c.id not in books:
            continue
        book = books.get(c.id) or ledger.TaskLedger(c.id, [], None)
        tasks.append({
            "c": c, "name": item.task.name_in(lang()) if item.task else c.task, "book": book,
            "estimate": hours_text(item.hours, lang()), "open": c.status in ledger.OPEN_STATUSES,
            "add": given.get(f"add-{c.id}") or _hours_form(h, c),
            "confirm": given.get(f"confirm-{c.id}") or ConfirmForm(formdata=None, prefix=f"k-{c.id}"),
            "rows": [(r, given.get(f"row-{r.id}") or _change_hours_form(h, c, r)) for r in book.rows],
        })
    context = {"project_id": project_id, "plan": plan, "household": h, "tasks": tasks, "figures": f,
               "checksum": ledger.checksum(project_id, h.id), "nok": kroner,
               "hours_text": lambda x: hours_text(x, lang()),
               "can_confirm": _can_confirm(plan, h), "delete_form": ActionForm(formdata=None),
               "max_photo_mb": max(_photo_limit() // 1_000_000, 1)}
    return render_template("selfbuild/ledger.html", **context), status


@bp.route("/<int:project_id>/egeninnsats/timeliste")
@project_view(*EVERYONE)
def ledger_page(project_id: int):
    """The hour ledger of the household's accepted tasks, with the contractor's confirmations."""
    return _ledger_page(project_id)


def _ledger_back(project_id: int, anchor: str = "") -> Any:
    return redirect(url_for("selfbuild.ledger_page", project_id=project_id,
                            husstand=request.args.get("husstand"))
                    + anchor)


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/timer", methods=["POST"])
@project_view(*FAMILY)
def log_hours(project_id: int, contribution_id: str):
    """The family logs hours on an accepted task (a photo optional)."""
    _plan, h, c = _task(project_id, contribution_id)
    form = _hours_form(h, c, HoursForm(prefix=f"t-{c.id}"))
    key = f"add-{c.id}"
    if not form.validate_on_submit():
        return _ledger_page(project_id, 422, **{key: form})
    photo, limit = form.photo.data, _photo_limit()
    data = photo.read(limit + 1) if photo and getattr(photo, "filename", "") else None
    try:
        ledger.log(project_id, h, c, current_user, form.person.data, form.day.data, form.hours.data,
                   (form.note.data or "").strip(), data, limit)
    except ledger.LedgerRefused as e:
        if e.key == "not open":
            flash(ledger_refusal(e), "error")
            return _ledger_page(project_id, 422, **{key: form})
        target = form.photo if e.key.startswith("photo") or e.key == "not an image" else \
            form.hours if e.key == "bad hours" else form.day if e.key == "bad day" else form.person
        target.errors = [ledger_refusal(e)]
        return _ledger_page(project_id, 422, **{key: form})
    flash(_("The hours are logged."), "success")
    return _ledger_back(project_id, f"#timer-{c.id}")


def _entry(project_id: int, entry_id: str | int) -> tuple[model.Household, model.Contribution, Any]:
    """The ledger row (its id from the address, digits only) of the page's household, or 404."""
    if not str(entry_id).isdigit() or len(str(entry_id)) > 12:
        abort(404)
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    e = ledger.find_entry(project_id, h.id, int(entry_id))
    c = selfbuild.find(h, e.contribution_id) if e is not None else None
    if e is None or c is None:
        abort(404)
    return h, c, e


@bp.route("/<int:project_id>/egeninnsats/timer/<entry_id>/endre", methods=["POST"])
@project_view(*FAMILY)
def change_hours(project_id: int, entry_id: str):
    """The family corrects a row of the ledger (a confirmed task then shows the change)."""
    h, c, e = _entry(project_id, entry_id)
    form = _change_hours_form(h, c, e, ChangeHoursForm(prefix=f"r-{e.id}"))
    key = f"row-{e.id}"
    if not form.validate_on_submit():
        return _ledger_page(project_id, 422, **{key: form})
    try:
        ledger.change(e, h, c, form.person.data, form.day.data, form.hours.data,
                      (form.note.data or "").strip())
    except ledger.LedgerRefused as err:
        form.hours.errors = [ledger_refusal(err)]
        return _ledger_page(project_id, 422, **{key: form})
    flash(_("The row is changed."), "success")
    return _ledger_back(project_id, f"#timer-{c.id}")


@bp.route("/<int:project_id>/egeninnsats/timer/<entry_id>/slett", methods=["POST"])
@project_view(*FAMILY)
def delete_hours(project_id: int, entry_id: str):
    """The family removes a row of the ledger."""
    _h, c, e = _entry(project_id, entry_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        ledger.delete(e, c)
    except ledger.LedgerRefused as err:
        flash(ledger_refusal(err), "error")
        return _ledger_page(project_id, 422)
    flash(_("The row is removed."), "success")
    return _ledger_back(project_id, f"#timer-{c.id}")


@bp.route("/<int:project_id>/egeninnsats/timer/<int:entry_id>/foto.jpg")
@project_view(*EVERYONE)
def photo(project_id: int, entry_id: int):
    """The photo of a ledger row (re-encoded JPEG)."""
    _h, _c, e = _entry(project_id, entry_id)
    if not e.photo:
        abort(404)
    return _download(e.photo, "image/jpeg", f"egeninnsats-{e.id}.jpg", inline=True)


@bp.route("/<int:project_id>/egeninnsats/<contribution_id>/bekreft", methods=["POST"])
@project_view(*CONFIRMERS)
def confirm(project_id: int, contribution_id: str):
    """The contractor (or a standing home's owner) confirms a task's logged hours."""
    plan, h, c = _task(project_id, contribution_id)
    form = ConfirmForm(prefix=f"k-{c.id}")
    key = f"confirm-{c.id}"
    if not _can_confirm(plan, h):
        flash(_("In a new home, the contractor confirms the hours."), "error")
        return _ledger_page(project_id, 422, **{key: form})
    if not form.validate_on_submit():
        return _ledger_page(project_id, 422, **{key: form})
    try:
        ledger.confirm(project_id, h, c, current_user, form.as_agreed.data == "yes",
                       (form.quality_note.data or "").strip())
    except ledger.LedgerRefused as e:
        form.as_agreed.errors = [ledger_refusal(e)]
        return _ledger_page(project_id, 422, **{key: form})
    flash(_("The hours are confirmed. The financing plan now counts them."), "success")
    return _ledger_back(project_id, f"#timer-{c.id}")


@bp.route("/<int:project_id>/egeninnsats/erklaering.pdf")
@project_view(*EVERYONE)
def statement_pdf_download(project_id: int):
    """The signed-off statement of the household's confirmed work, with the ledger's checksum (PDF)."""
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    e = selfbuild.estimate_of(plan, h, selfbuild.figures(project_id))
    pdf = statement_pdf(ledger.statement(project_id, plan, h, e, lang()), lang())
    return _download(pdf, "application/pdf", f"egeninnsats-erklaering-prosjekt-{project_id}.pdf")


# --------------------------------------------------------------------------- the household's people


def _people_form(task_choices: list[Any], m: model.Member | None, n: int, formdata: Any = None) -> PersonForm:
    if formdata is None and m is not None:
        form = PersonForm(formdata=None, prefix=f"p{n}", age=m.age,
                          hours_per_week=m.extra.get("hours_per_week"),
                          skills=[s for s in m.extra.get("skills") or [] if isinstance(s, str)])
    else:
        form = PersonForm(prefix=f"p{n}")
    form.skills.choices = task_choices
    return form


@bp.route("/<int:project_id>/egeninnsats/personer", methods=["GET", "POST"])
@project_view(*FAMILY)
def people_page(project_id: int):
    """Each member's age, the hours a week they can give and what they are good at (a plan change)."""
    current, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    choices = opts([(t.key, t.name_in(lang())) for t in catalogue().values() if t.allowed])
    posted = request.method == "POST"
    forms = [_people_form(choices, m, n, formdata=posted or None) for n, m in enumerate(h.members)]
    for form in forms:
        if not posted:
            form.base_version.data = current.number
    labels = [p.label for p in people(h)]
    if posted:
        base = forms[0].base_version.data if forms else current.number
        ok = all(form.validate_on_submit() for form in forms) if forms else False
        if ok:
            for m, form in zip(h.members, forms, strict=True):
                m.age = form.age.data
                _set_extra(m, "hours_per_week", form.hours_per_week.data)
                _set_extra(m, "skills", list(form.skills.data or []) or None)
            try:
                services.save_plan(project_id, plan, current_user, _("People of the household"), base)
            except services.Conflict as c:
                for form in forms:
                    form.base_version.data = c.latest.number
                    form.base_version.raw_data = [str(c.latest.number)]
                return render_template("selfbuild/people.html", project_id=project_id, household=h,
                                       rows=list(zip(labels, forms, strict=True)), conflict=c.latest), 409
            flash(_("The household's people are saved."), "success")
            return redirect(url_for("selfbuild.page", project_id=project_id,
                                    husstand=request.args.get("husstand")))
    return render_template("selfbuild/people.html", project_id=project_id, household=h,
                           rows=list(zip(labels, forms, strict=True)), conflict=None), 422 if posted else 200


def _set_extra(m: model.Member, key: str, value: Any) -> None:
    if value is None:
        m.extra.pop(key, None)
    else:
        m.extra[key] = value


# --------------------------------------------------------------------------- a home that already stands


def _label(text: str, limit: int = 120) -> str:
    """A name from a drawing: no control or direction characters, cut short."""
    return "".join(ch for ch in text if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e"
                   "\u2066\u2067\u2068\u2069\u200e\u200f\u061c").strip()[:limit]


def _existing_rooms(data: bytes) -> dict[str, Any]:
    """Every layer with closed polylines and the rooms it gives: {layer: {"rooms": [...], "outline": ...}}."""
    out: dict[str, Any] = {}
    for layer in existing.layers(data)[:12]:
        try:
            rooms, outline = existing.read_rooms(data, layer.name)
        except existing.DxfImportError:
            continue
        out[_label(layer.name)] = {
            "layer": layer.name, "outline": outline,
            "rooms": [{"name": _label(r.name), "type": r.type, "polygon": r.polygon,
                       "area_m2": r.area_m2} for r in rooms]}
    return out


@bp.route("/<int:project_id>/egeninnsats/eksisterende", methods=["GET", "POST"])
@project_view(*FAMILY)
def existing_home(project_id: int):
    """Read the plan of a home that already stands from a DXF: choose the layer, see the rooms, import."""
    current, plan = selfbuild.current(project_id)
    upload = ExistingUploadForm(prefix="x") if request.method == "POST" else \
        ExistingUploadForm(formdata=None, prefix="x", base_version=current.number)
    if request.method == "GET" or not upload.validate_on_submit():
        return render_template("selfbuild/existing.html", project_id=project_id, upload=upload, choice=None,
                               found={}), 422 if request.method == "POST" else 200
    data = upload.file.data.read(current_app.config["MAX_UPLOAD_BYTES"] + 1)
    try:
        if len(data) > current_app.config["MAX_UPLOAD_BYTES"]:
            raise existing.DxfImportError("too large")
        found = _existing_rooms(data)
    except existing.DxfImportError:
        found = {}
    if not found:
        upload.file.errors = [_("The drawing has no layer with closed polylines (rooms) that can be read.")]
        return render_template("selfbuild/existing.html", project_id=project_id, upload=upload, choice=None,
                               found={}), 422
    choice = ExistingChoiceForm(formdata=None, prefix="y", base_version=upload.base_version.data,
                                rooms_json=json.dumps(found))
    choice.layer.choices = opts([(k, k) for k in found])
    return render_template("selfbuild/existing.html", project_id=project_id, upload=upload, choice=choice,
                           found=found)


@bp.route("/<int:project_id>/egeninnsats/eksisterende/velg", methods=["POST"])
@project_view(*FAMILY)
def existing_choice(project_id: int):
    """Import the rooms of the chosen layer as the household's home, a building that already stands."""
    _v, plan = selfbuild.current(project_id)
    h = editing.household(plan)
    choice = ExistingChoiceForm(prefix="y")
    try:
        found = json.loads(choice.rooms_json.data or "{}")
        assert isinstance(found, dict) and len(json.dumps(found)) < 4_000_000
    except (ValueError, AssertionError):
        abort(400)
    choice.layer.choices = opts([(k, k) for k in found])
    if not choice.validate_on_submit():
        return render_template("selfbuild/existing.html", project_id=project_id, upload=None, choice=choice,
                               found=found), 422
    picked = found[choice.layer.data]
    try:
        rooms = [existing.ImportedRoom(str(r["name"])[:120], str(r["type"]), r["polygon"],
                                       float(r["area_m2"]), True)
                 for r in picked["rooms"]]
        doc = existing.existing_plan(rooms, picked.get("outline"), project=plan.project.name,
                                     municipality=plan.project.municipality, household=h.name,
                                     household_id=h.id)
        new = model.from_dict(doc)
    except (PlannerError, KeyError, TypeError, ValueError):
        choice.layer.errors = [_("The rooms of this layer cannot be used as a plan.")]
        return render_template("selfbuild/existing.html", project_id=project_id, upload=None, choice=choice,
                               found=found), 422
    building = new.buildings[0]
    plan.buildings = [b for b in plan.buildings if b.household != h.id] + [building]
    plan.buildings[-1].id = _free_id(plan, "eksisterende")
    h.contributions = []
    from shapely import Polygon

    if not Polygon(plan.plot.boundary).buffer(1e-6).contains(Polygon(building.footprint)):
        plan.plot = new.plot
    try:
        services.save_plan(project_id, plan, current_user, _("The home that stands, read from a DXF"),
                           choice.base_version.data)
    except services.Conflict as c:
        choice.base_version.data = c.latest.number
        choice.base_version.raw_data = [str(c.latest.number)]
        return render_template("selfbuild/existing.html", project_id=project_id, upload=None, choice=choice,
                               found=found, conflict=c.latest), 409
    except PlannerError:
        choice.layer.errors = [_("The rooms of this layer cannot be used as a plan.")]
        return render_template("selfbuild/existing.html", project_id=project_id, upload=None, choice=choice,
                               found=found), 422
    flash(_("The home is read from the drawing: %(n)d rooms. Now plan the work you will do.", n=len(rooms)),
          "success")
    return redirect(url_for("selfbuild.page", project_id=project_id, husstand=h.id))


def _free_id(plan: model.Plan, base: str) -> str:
    taken = {b.id for b in plan.buildings[:-1]}
    n, out = 1, base
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    return out
