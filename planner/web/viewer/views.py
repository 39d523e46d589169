"""The 3D view's data: ``model.glb`` of a version, for the members of the project."""

from __future__ import annotations

from flask import Blueprint, abort, current_app

from planner.web import services
from planner.web.access import EVERYONE, project_view

bp = Blueprint("viewer", __name__, url_prefix="/prosjekt")


@bp.route("/<int:project_id>/v<int:number>/modell.glb")
@project_view(*EVERYONE)
def model(project_id: int, number: int):
    """The version's site and buildings in 3D (glTF 2.0 binary), for the viewer on the pages."""
    from planner.export.gltf import model_glb

    v = services.version(project_id, number) or abort(404)
    data = model_glb(services.plan_of(v))
    response = current_app.response_class(data, mimetype="model/gltf-binary")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Disposition"] = "inline"
    return response
