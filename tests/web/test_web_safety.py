"""CSRF, upload limits, the schema the migrations make, and saves racing each other."""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
import re

import pytest

import planner.web


@pytest.fixture
def csrf_app(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_every_form_post_without_a_csrf_token_is_refused_and_changes_nothing(csrf_app, team):
    from planner.web import services

    client = csrf_app.test_client()
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password}
                       ).status_code == 400
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password,
                                                "csrf_token": token}).status_code == 302
    for rule in csrf_app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = rule.rule.replace("<int:project_id>", str(team.project_id)).replace("<room_id>", "x") \
            .replace("<int:review_id>", "1").replace("<token>", "x")
        url = re.sub(r"<int:\w+>", "1", re.sub(r"<(?:string:)?\w+>", "x", url))  # any other part
        response = client.post(url, data={"base_version": 2, "name": "Endret", "body": "hei"})
        assert response.status_code == 400, url
        assert "Skjemaet er utløpt" in response.get_data(as_text=True)
    with csrf_app.app_context():
        assert services.latest(team.project_id).number == 2
        assert services.comments(team.project_id) == []


def test_every_form_page_carries_a_csrf_token(csrf_app, team):
    client = csrf_app.test_client()
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password,
                                        "csrf_token": token})
    for url in ("/", "/prosjekt/ny", f"/prosjekt/{team.project_id}/husstand",
                f"/prosjekt/{team.project_id}/tomt",
                f"/prosjekt/{team.project_id}/medlemmer", f"/prosjekt/{team.project_id}/vurdering"):
        html = client.get(url).get_data(as_text=True)
        forms = re.findall(r'<form method="post".*?</form>', html, flags=re.S)
        assert forms, url
        for form in forms:
            assert re.search(r'name="([\w]+-)?csrf_token"', form), url


def test_an_upload_over_the_size_limit_is_refused_with_a_page_and_changes_nothing(tmp_path, team, app):
    from planner.web import services

    app.config["MAX_CONTENT_LENGTH"] = 10_000
    client = app.test_client()
    client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password})
    response = client.post(f"/prosjekt/{team.project_id}/plantegning/last-opp", data={
        "base_version": 2, "file": (io.BytesIO(b" " * 20_000), "plan.json")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Filen er for stor" in response.get_data(as_text=True)
    with app.app_context():
        assert services.latest(team.project_id).number == 2


def test_two_saves_based_on_the_same_version_store_one_and_refuse_the_other(app, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import PlanVersion, User

    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        plan = services.plan_of(services.latest(team.project_id))
        services.save_plan(team.project_id, plan, family, "først", 2)
        with pytest.raises(services.Conflict) as caught:
            services.save_plan(team.project_id, plan, family, "etter", 2)
        assert caught.value.latest.number == 3
        # the database itself refuses a second version with the same number
        db.session.add(PlanVersion(project_id=team.project_id, number=3, body="{}", report_json="{}",
                                   author_id=family.id))
        from sqlalchemy.exc import IntegrityError

        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_the_migrations_make_exactly_the_schema_of_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from planner.web.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def _web_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(planner.web.__path__, "planner.web.")
                  if not m.name.endswith(".wsgi"))


@pytest.mark.parametrize("name", _web_modules())
def test_docstring_examples_of_the_web_layer_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_secret_key_is_generated_into_the_instance_folder_once(tmp_path, monkeypatch):
    from planner.web import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"INSTANCE_PATH": str(tmp_path / "inst"), "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"}
    first = create_app(dict(config)).config["SECRET_KEY"]
    second = create_app(dict(config)).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "inst" / "secret_key").stat().st_mode & 0o077 == 0
