"""Room needs suggested from the household's size (the room-needs form's starting point)."""

from __future__ import annotations

from planner import model


def suggest_room_needs(household: model.Household) -> list[model.RoomNeed]:
    """Room needs from the household's size: a bedroom for the adults and one per child.

    >>> h = model.Household("h", "H", members=[model.Member("adult"), model.Member("adult"),
    ...                                        model.Member("child", age=4)])
    >>> [(n.type, n.count) for n in suggest_room_needs(h)]  # doctest: +NORMALIZE_WHITESPACE
    [('entry', 1), ('living', 1), ('kitchen', 1), ('bedroom', 2), ('bathroom', 1), ('storage', 1)]
    """
    adults = sum(1 for m in household.members if m.role == "adult")
    children = sum(1 for m in household.members if m.role == "child")
    bedrooms = max(1, (1 if adults else 0) + max(0, adults - 2) + children)
    people = max(1, adults + children)
    return [model.RoomNeed("entry", 1), model.RoomNeed("living", 1, 15.0 + 2.0 * max(0, people - 2)),
            model.RoomNeed("kitchen", 1, 6.0), model.RoomNeed("bedroom", bedrooms, 7.0),
            model.RoomNeed("bathroom", 1, 4.0), model.RoomNeed("storage", 1, 5.0)]
