"""The editor's refusals in the page's language: message key (from :mod:`planner.edits`) -> text."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from planner.edits import EditError
from planner.web.templating import num

REFUSALS = {
    "unknown edit": _l("The editor sent an edit the server does not know. Reload the page."),
    "no such room": _l("That room is not in the plan any more."),
    "no such building": _l("That building is not in the plan any more."),
    "no such wall": _l("Choose one of the room's walls."),
    "no such door": _l("That door is not in the plan any more."),
    "no such window": _l("That window is not in the plan any more."),
    "no such edge": _l("That edge is not in the outline any more."),
    "no such corner": _l("That corner is not in the outline any more."),
    "no such floor": _l("The building has no such floor."),
    "no such room type": _l("Choose one of the room kinds."),
    "not a number": _l("%(field)s must be a number."),
    "number out of range": _l("%(field)s must be between %(low)s and %(high)s."),
    "not a point": _l("%(field)s must be a point on the drawing."),
    "dimension out of range": _l("Choose a size between 0,5 and 100 m."),
    "the outline would cross itself": _l("The building's outline would cross itself here."),
    "the room would cross itself": _l("%(room)s would cross itself."),
    "a room would be narrower than 1 m": _l("Stopped: %(room)s would be narrower than %(limit)s m."),
    "rooms would overlap": _l("Stopped: %(room)s would overlap %(other)s."),
    "a door would be off its wall": _l("Stopped: a door would no longer be on its wall."),
    "a window would be off its wall": _l("Stopped: a window would no longer be on its outer wall."),
    "a room needs a name": _l("A room needs a name (at most 80 characters)."),
    "draw a longer line": _l("Draw a longer line across the room."),
    "the line must cross the room once": _l("The line must cross %(room)s once, from wall to wall."),
    "choose two different rooms": _l("Choose two different rooms."),
    "these rooms are not neighbours": _l("These rooms do not share a wall on the same floor."),
    "the new room must lie inside the outline": _l("The new room must lie inside the building's outline."),
    "the new room would cover another room": _l("The new room would cover %(room)s. Draw it in empty space."),
    "the wall is shorter than the opening": _l("The wall is shorter than the opening."),
    "a door joins two different rooms": _l("A door joins two different rooms."),
    "these rooms share no wall": _l("These rooms share no wall. Choose a room next to this one."),
    "the wall is shorter than the door": _l("The shared wall is shorter than the door."),
    "tap a wall": _l("Tap a wall between two rooms, or an outer wall."),
    "a door opens into one of its rooms": _l("A door opens into one of the two rooms it joins."),
    "a hinge is left or right": _l("The hinge is on the left or the right."),
    "flip the swing or the hinge": _l("Flip the swing or the hinge."),
    "this room has no outer wall": _l("This room has no outer wall for a window."),
    "the wall is shorter than the window": _l("The outer wall is shorter than the window."),
    "a plot needs at least three corners": _l("A plot needs at least three corners."),
    "the outline has too many corners": _l("The outline has more than %(limit)s corners."),
    "two corners lie on top of each other": _l("Corner %(corner)s lies on top of the next one."),
    "the outline crosses itself": _l("The outline crosses itself at the marked place."),
    "the outline has no area": _l("The outline has no area: the corners lie on one line."),
    "give at least two sides": _l("Give at least two sides."),
    "a road edge is marked or not": _l("An edge is a road edge or not: send true or false."),
    "choose the kind of road": _l("Choose the kind of road: municipal, county, national or private."),
    "the road's name is too long": _l("The road's name can have at most %(limit)s characters."),
}

FIELDS = {
    "width_m": _l("The width"), "height_m": _l("The height"), "sill_m": _l("The sill height"),
    "offset_m": _l("The move"), "value_m": _l("The size"), "depth_m": _l("The size"),
    "centre_m": _l("The distance to the road's centre line"), "bearing_deg": _l("The bearing"),
    "road_kind": _l("The kind of road"), "name": _l("The name"), "road": _l("Road edge"),
    "at": _l("The place"), "to": _l("The new place"), "start": _l("The start"),
}
"""The edit's fields as a refusal names them (a side's length keeps its path, sides[2].length_m)."""


class _Params(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return ""


def refusal_text(e: EditError) -> str:
    """The refusal as a sentence in the page's language, numbers with the page's decimal mark."""
    params = _Params({k: num(v, 2) if isinstance(v, float) else str(v) for k, v in e.params.items()})
    if "field" in params:
        params["field"] = str(FIELDS.get(params["field"], params["field"]))
    text = REFUSALS.get(e.key)
    return str(text) % params if text is not None else e.key


def refusal(e: EditError) -> dict[str, Any]:
    """The refusal as the API answers it: its key, the sentence, where to mark it, and the JSON path
    of the request's value it is about (``edit.centre_m``) when it is about one."""
    where = e.where
    field = e.params.get("field")
    return {"key": e.key, "message": refusal_text(e),
            "subject": where if isinstance(where, str) else None,
            "at": where if isinstance(where, list) else None,
            "path": f"edit.{field}" if isinstance(field, str) else None}
