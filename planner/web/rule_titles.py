"""A readable title for each rule id, for where a rule is named without its finding's message
(a comment on a finding that went away, the rule line under a finding)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

TITLES = {
    "access.door-fits-wall": _l("Doors fit their walls"),
    "access.door-off-wall": _l("Doors sit on a wall"),
    "access.door-width": _l("Door widths"),
    "access.no-entrance": _l("An entrance door"),
    "access.unreachable": _l("Every room can be reached"),
    "contribution.not-allowed": _l("Self-build work that is allowed"),
    "contribution.unknown-room": _l("Self-build work in rooms of the plan"),
    "contribution.unknown-task": _l("Known self-build tasks"),
    "geometry.invalid": _l("Shapes that can be drawn"),
    "plot.building-distance": _l("Distance between buildings"),
    "plot.bya": _l("Built-up area (%-BYA)"),
    "plot.height-gesims": _l("Eaves height"),
    "plot.height-mone": _l("Ridge height"),
    "plot.neighbour-distance": _l("Distance to the neighbour boundary"),
    "plot.outdoor-area": _l("Outdoor area"),
    "plot.outside": _l("Buildings inside the plot"),
    "plot.parking": _l("Parking"),
    "plot.road-distance": _l("Distance to the road"),
    "program.bathroom": _l("A bathroom"),
    "program.entrance-level": _l("Rooms on the entrance level"),
    "program.room-needs": _l("The rooms you asked for"),
    "program.storage": _l("Storage"),
    "room.bathroom-turning-space": _l("Turning space in the bathroom"),
    "room.ceiling-height": _l("Ceiling height"),
    "room.daylight": _l("Daylight"),
    "room.escape-window": _l("Escape window"),
    "room.min-area": _l("Room size"),
    "room.no-exterior-wall": _l("An outer wall for a window"),
    "room.outside-footprint": _l("Rooms inside the building"),
    "room.overlap": _l("Rooms that do not overlap"),
    "room.passage-width": _l("Passage width"),
    "room.turning-space": _l("Turning space for a wheelchair"),
    "room.uncovered": _l("The whole floor used by rooms"),
    "room.window-missing": _l("A window"),
    "room.window-off-wall": _l("Windows sit on an outer wall"),
    "stair.geometry": _l("The stair"),
    "unit.door-between": _l("Doors between two homes"),
    "unit.separating-wall": _l("The wall between two homes"),
}


def rule_title(rule_id: str | None) -> str:
    """The rule's title in the page's language; an unknown id in words (never the bare id).

    >>> rule_title("plot.neighbour-distance")
    'Distance to the neighbour boundary'
    >>> rule_title("plot.something-new")
    'Something new'
    """
    if not rule_id:
        return ""
    if rule_id in TITLES:
        return str(TITLES[rule_id])
    words = rule_id.rpartition(".")[2].replace("-", " ").strip()
    return words[:1].upper() + words[1:]
