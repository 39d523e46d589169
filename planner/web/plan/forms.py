"""Forms of the plot and the floor plan."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from planner import model
from planner.web import limits
from planner.web.fields import EditForm, LocalFloatField, MultiCheckboxField, opts, parse_number

REGULATION_FIELDS = ("max_bya_percent", "neighbour_distance_m", "road_distance_m", "max_gesims_m",
                     "max_mone_m", "parking_spaces", "parking_space_m2")


def parse_corners(text: str) -> list[list[float]]:
    """Corners typed one a line: east and north in metres, a space or ``;`` between.

    >>> parse_corners("0 0\\n30 0\\n30; 25,5\\n0, 25.5")
    [[0.0, 0.0], [30.0, 0.0], [30.0, 25.5], [0.0, 25.5]]
    """
    corners = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        parts = [p.rstrip(",") for p in re.split(r"[;\s]+", line) if p.rstrip(",")]
        if len(parts) == 1 and parts[0].count(",") == 1:
            parts = parts[0].split(",")
        if len(parts) != 2:
            raise ValueError(line)
        corners.append([parse_number(parts[0]), parse_number(parts[1])])
    return corners


def format_corners(coords: model.Coords) -> str:
    return "\n".join(f"{x:g} {y:g}" for x, y in model._ring(coords))


class PlotForm(EditForm):
    corners = TextAreaField(
        _l("Corners of the plot"), validators=[DataRequired()],
        description=_l("One corner a line, going round the plot: east and north in metres with a space "
                       "between, for example 0 0, then 30 0. Decimal comma or point both work."),
        render_kw={"rows": 8, "spellcheck": "false", "autocomplete": "off"})
    road_edges = MultiCheckboxField(_l("Which edges face the road?"), coerce=int, choices=[],
                                    description=_l("Edge 0 runs from the first corner to the second, and "
                                                   "so on. The numbers are shown on the drawing."))
    max_bya_percent = LocalFloatField(_l("Largest built-up area, %-BYA"), minimum=0.1, maximum=100,
                                      description=_l("From the zoning plan. Empty if it sets no limit."))
    neighbour_distance_m = LocalFloatField(_l("Distance to neighbour boundary (m)"), minimum=0, maximum=50,
                                           description=_l("Empty means the law's 4 m."))
    road_distance_m = LocalFloatField(_l("Distance to the road (metres)"), minimum=0, maximum=100,
                                      description=_l("The zoning plan's building line. Empty means 4 m."))
    max_gesims_m = LocalFloatField(_l("Highest eaves height (m)"), minimum=0.1, maximum=50,
                                   description=_l("Empty means 8 m."))
    max_mone_m = LocalFloatField(_l("Highest ridge height (m)"), minimum=0.1, maximum=50,
                                 description=_l("Empty means 9 m."))
    parking_spaces = IntegerField(_l("Parking spaces on the plot"),
                                  validators=[Optional(), NumberRange(0, 20)])
    parking_space_m2 = LocalFloatField(_l("Area of one parking space (m²)"), minimum=0, maximum=100,
                                       description=_l("Empty means 18 m²."))

    def validate_corners(self, field: TextAreaField) -> None:
        try:
            corners = parse_corners(field.data or "")
        except ValueError:
            raise ValidationError(_l("Each line needs two numbers: east and north, for example 12,5 30.")) \
                from None
        if len(corners) < 3:
            raise ValidationError(_l("A plot needs at least three corners."))
        if len(corners) > 500:
            raise ValidationError(_l("At most 500 corners can be typed; upload a file for more."))
        try:
            limits.check_plot(corners)
        except limits.TooMuch as e:
            raise ValidationError(e.message()) from None
        problem = limits.outline_problem(corners)
        if problem:
            raise ValidationError(problem)

    def load(self, plot: model.Plot) -> None:
        self.corners.data = format_corners(plot.boundary)
        self.road_edges.data = list(plot.road_edges)
        for key in REGULATION_FIELDS:
            getattr(self, key).data = getattr(plot.regulation, key)

    def to_plot(self, plot: model.Plot) -> None:
        plot.boundary = parse_corners(self.corners.data)
        n = len(plot.boundary)
        plot.road_edges = sorted({e for e in self.road_edges.data or [] if 0 <= e < n})
        if plot.roads:  # the road named beside an edge goes when the edge is no longer a road edge
            plot.roads = [r for r in plot.roads if r.edge in plot.road_edges] or None
        for key in REGULATION_FIELDS:
            setattr(plot.regulation, key, getattr(self, key).data)
        plot.has_regulation = True


class PlotUploadForm(EditForm):
    file = FileField(_l("File from the municipality"),
                     validators=[FileRequired(_l("Choose a file.")),
                                 FileAllowed(["geojson", "json", "dxf"],
                                             _l("Choose a GeoJSON or DXF file."))],
                     description=_l("GeoJSON with the plot as a polygon, or DXF with the boundary as a "
                                    "closed polyline."))


class PlotChoiceForm(EditForm):
    candidates = HiddenField()
    choice = RadioField(_l("Which outline is the plot?"), coerce=int, choices=[],
                        validators=[InputRequired(_l("Choose one outline."))])


class PlanUploadForm(EditForm):
    file = FileField(_l("Plan file (plan/1 JSON)"),
                     validators=[FileRequired(_l("Choose a file.")),
                                 FileAllowed(["json"], _l("Choose a .json file in the plan/1 format."))],
                     description=_l("The whole plan is replaced by the file. Earlier versions are kept."))


class VariantForm(EditForm):
    plan = HiddenField()


class RoomForm(EditForm):
    name = StringField(_l("Name of the room"), validators=[DataRequired(), Length(max=60)])
    type = SelectField(_l("Kind of room"), choices=opts([(t, t) for t in model.ROOM_TYPES]))


class WallForm(EditForm):
    wall = SelectField(_l("Which wall moves?"), coerce=int, choices=[])
    depth_m = LocalFloatField(_l("New size across that wall (m)"), minimum=0.5, maximum=100,
                              validators=[InputRequired()],
                              description=_l("Measured from wall centre to wall centre. The whole wall line "
                                             "moves, with the rooms on its other side."))


class DoorForm(EditForm):
    to_room = SelectField(_l("Door to"), choices=[])
    width_m = LocalFloatField(_l("Clear width (m)"), minimum=0.5, maximum=3, default=0.9,
                              validators=[InputRequired()],
                              description=_l("At least 0,86 m for the entrance and 0,76 m inside."))
    height_m = LocalFloatField(_l("Clear height (m)"), minimum=1.8, maximum=3, default=2.1,
                               description=_l("At least 2,0 m; empty: 2,1 m."))


class WindowForm(EditForm):
    width_m = LocalFloatField(_l("Width of the glass (m)"), minimum=0.2, maximum=6, default=1.2,
                              validators=[InputRequired()])
    height_m = LocalFloatField(_l("Height of the glass (m)"), minimum=0.2, maximum=3, default=1.3,
                               validators=[InputRequired()])


class RemoveForm(EditForm):
    index = IntegerField(validators=[InputRequired()])
