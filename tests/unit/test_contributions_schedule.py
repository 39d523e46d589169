"""People as they are (age, hours a week, skills) and the work plan over time with its warnings."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from factories import house, load
from pypdf import PdfReader
from test_contributions import contribution, with_contributions

from planner.contributions import catalogue, estimate
from planner.contributions.gantt import gantt_svg
from planner.contributions.people import people, suggested_who, too_young, who_people
from planner.contributions.schedule import DEFAULT_MILESTONES, schedule
from planner.contributions.workplan import workplan_html, workplan_pdf

SVG = "{http://www.w3.org/2000/svg}"


def family(doc=None, **finance):
    doc = house() if doc is None else doc
    doc["households"][0]["members"] = [
        {"role": "adult", "age": 41, "name": "Amina", "hours_per_week": 6, "skills": ["lay_flooring"]},
        {"role": "adult", "name": "Jonas"},
        {"role": "child", "age": 15, "name": "Sara"},
        {"role": "child", "age": 12, "name": "Omar"},
    ]
    if finance:
        doc["finance"] = finance
    return doc


def test_the_catalogue_gives_each_task_its_minimum_age():
    tasks = catalogue()
    assert tasks["garden"].min_age is None and tasks["lay_turf"].min_age is None
    assert tasks["paint_walls"].min_age == 15 and tasks["paint_ceilings"].min_age == 15
    power = [t for t in tasks.values() if t.power_tools]
    assert power and all(t.min_age == 18 for t in power)
    assert tasks["paint_wet_room"].existing_only and tasks["paint_wet_room"].owner_approval


def test_a_child_below_the_minimum_age_is_refused_and_one_old_enough_is_not():
    h = load(family()).households[0]
    tasks = catalogue()
    assert [p.label for p in too_young(h, "Omar", tasks["paint_walls"])] == ["Omar"]
    assert too_young(h, "Sara", tasks["paint_walls"]) == []
    assert [p.label for p in too_young(h, "Sara", tasks["lay_flooring"])] == ["Sara"]
    assert too_young(h, "Omar", tasks["garden"]) == []
    assert [p.label for p in too_young(h, "everyone", tasks["paint_walls"])] == ["Omar"]
    assert too_young(h, "adults", tasks["build_terrace"]) == []


def test_stated_hours_and_skills_are_the_defaults_and_the_rest_are_planning_figures():
    h = load(family()).households[0]
    ps = {p.label: p for p in people(h)}
    assert (ps["Amina"].hours_per_week, ps["Amina"].stated_hours) == (6.0, True)
    assert (ps["Jonas"].hours_per_week, ps["Jonas"].stated_hours) == (10.0, False)
    assert ps["Sara"].hours_per_week == 4.0 and ps["Omar"].hours_per_week == 2.0
    assert suggested_who(h, catalogue()["lay_flooring"]) == "Amina"
    assert [p.label for p in who_people(h, "adults")] == ["Amina", "Jonas"]


def test_tasks_without_weeks_are_placed_where_their_phase_begins():
    plan = load(family())
    s = schedule(plan, estimate(plan))
    (slot,) = s.slots
    assert slot.start == DEFAULT_MILESTONES["tett_hus"] and not s.milestones_set
    # 21.2 h shared by Amina (6 h a week) and Jonas: 10.6 h each, at most 6 a week: 2 weeks
    assert slot.weeks == 2
    assert s.warnings == []


def test_the_gantt_warns_about_an_over_booked_person():
    doc = with_contributions(
        contribution("paint_walls", ["r-sov1", "r-sov2", "r-sov3"], who="Amina", start_week=20, weeks=2,
                     id="c1"),
        contribution("lay_flooring", ["r-stue"], who="Amina", start_week=20, weeks=2, id="c2"),
        doc=family(milestones={"start": 4, "tett_hus": 18, "ferdigattest": 40}))
    plan = load(doc)
    s = schedule(plan, estimate(plan))
    over = [w for w in s.warnings if w.kind == "over-booked"]
    assert len(over) == 1 and over[0].subject == "Amina"
    assert "Amina har opptil" in over[0].text[0] and "uke 20–21" in over[0].text[0]
    assert "men kan gi 6,0 timer i uka." in over[0].text[0]
    assert s.over_booked() == {"Amina": [20, 21]}
    root = ET.fromstring(gantt_svg(s))
    bands = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "over-booked"]
    assert len(bands) == 2
    assert "Amina har opptil" in root.find(f"{SVG}desc").text


def test_a_task_before_the_phase_it_needs_is_warned_about():
    doc = with_contributions(
        contribution("lay_flooring", ["r-stue"], who="Jonas", start_week=10, weeks=2, id="c2"),
        contribution("clear_plot", None, who="Jonas", phase="before_build", start_week=3, weeks=3, id="c3"),
        doc=family(milestones={"start": 4, "tett_hus": 18, "ferdigattest": 40}))
    plan = load(doc)
    s = schedule(plan, estimate(plan))
    kinds = {(w.kind, w.subject) for w in s.warnings}
    assert ("before-phase", "c2") in kinds and ("after-start", "c3") in kinds
    text = next(w for w in s.warnings if w.subject == "c2").text[0]
    assert text == ("Legge gulv (parkett eller laminat) er satt til uke 10, men innredning og overflater "
                    "kan først begynne i uke 18 (tett hus).")


def test_the_work_plan_pdf_and_html_include_the_gantt_and_its_warnings():
    doc = with_contributions(
        contribution("lay_flooring", ["r-stue"], who="Amina", start_week=10, weeks=1, id="c2"),
        doc=family(milestones={"start": 4, "tett_hus": 18, "ferdigattest": 40}))
    plan = load(doc)
    e = estimate(plan)
    html = workplan_html(plan, e)
    assert "Arbeidsplan over tid" in html and 'id="gantt-title"' in html and "tett hus 18" in html
    pdf = PdfReader(io.BytesIO(workplan_pdf(plan, e)))
    last = " ".join(pdf.pages[-1].extract_text().split())
    assert "Arbeidsplan over tid" in last and "kan først begynne i uke 18" in last
    assert "Amina" in last


@pytest.mark.parametrize("milestones", [{"start": 9, "tett_hus": 3}, {"start": -1}, {"soon": 3},
                                        {"start": 2.5}])
def test_bad_milestones_are_refused_with_the_json_path(milestones):
    from planner.errors import PlannerError

    plan = load(family(milestones=milestones))
    with pytest.raises(PlannerError, match=r"finance\.milestones"):
        schedule(plan, estimate(plan))
