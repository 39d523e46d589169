"""Forms of the building application page: the map extract upload and its correction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import FieldList, FormField, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional

from planner.web.fields import BaseForm, EditForm


class MapUploadForm(EditForm):
    file = FileField(_l("Map extract from the municipality"),
                     validators=[FileRequired(_l("Choose a file.")),
                                 FileAllowed(["dxf", "geojson", "json", "gml"],
                                             _l("Choose a DXF, GeoJSON or GML file."))],
                     description=_l("The map around the plot: plots with gnr/bnr and addresses, buildings "
                                    "and roads (FKB as DXF, GeoJSON or GML)."))
    source = StringField(_l("Source of the map"), validators=[Length(max=120)],
                         description=_l("For example: the municipality's base map (FKB)."))
    date = StringField(_l("Date of the map"), validators=[Length(max=40)],
                       description=_l("The date the extract was made, as on the map."))


class NeighbourRow(BaseForm):
    class Meta:
        csrf = False

    gnr = IntegerField(_l("Gnr"), validators=[Optional(), NumberRange(min=0, max=99999)])
    bnr = IntegerField(_l("Bnr"), validators=[Optional(), NumberRange(min=0, max=99999)])
    address = StringField(_l("Address"), validators=[Length(max=120)])
    owner = StringField(_l("Owner"), validators=[Length(max=120)])


class RoadRow(BaseForm):
    class Meta:
        csrf = False

    road = StringField(_l("Road name"), validators=[Length(max=120)])


class MapCorrectForm(EditForm):
    neighbours = FieldList(FormField(NeighbourRow), max_entries=200)
    roads = FieldList(FormField(RoadRow), max_entries=50)
