"""The plan edits now live in :mod:`planner.edits`; this name stays for the form views and old imports."""

from planner.edits import (  # noqa: F401
    EditError,
    add_door,
    add_window,
    find_room,
    moved_with,
    remove_door,
    remove_window,
    suggest_room_needs,
    walls_of,
)
from planner.edits import move_wall as _move_wall


def move_wall(plan, room_id: str, edge: int, new_depth_m: float) -> None:  # type: ignore[no-untyped-def]
    """Move a wall so the room measures ``new_depth_m`` across it (refused past the limits)."""
    _move_wall(plan, room_id, edge, new_depth_m)
