"""Every edit kind of planner.edits on real Shapely geometry: what it changes, each refusal, and that
an edit followed by its inverse gives back the plan it started from."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from planner import edits, model, rules
from planner.edits import EditError

ROOT = Path(__file__).resolve().parent.parent.parent
DEMO = ROOT / "planner" / "web" / "data" / "demo.plan.json"


@pytest.fixture
def plan() -> model.Plan:
    return model.loads(DEMO.read_bytes())


def _doc(p: model.Plan) -> dict:
    return json.loads(model.dumps(p))


def _room(p: model.Plan, rid: str) -> model.Room:
    return edits.find_room(p, rid)[1]


def _rules(p: model.Plan, subject: str | None = None) -> set[str]:
    return {f.rule for f in rules.check(p).findings if subject is None or f.subject == subject}


def _refused(p: model.Plan, edit: dict, key: str) -> EditError:
    start = _doc(p)
    with pytest.raises(EditError) as e:
        edits.apply(p, edit)
    assert e.value.key == key
    assert _doc(p) == start  # nothing changed
    return e.value


# ---------------------------------------------------------------------------- walls


def test_moving_a_wall_moves_the_rooms_on_both_sides_and_leaves_the_original_alone(plan):
    start = _doc(plan)
    done = edits.apply(plan, {"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": 0.4})
    assert _room(done.plan, "r-sov1").polygon[1] == [12.0, 15]
    assert _room(done.plan, "r-sov2").polygon[0] == [12.0, 15]
    assert done.stopped is None
    assert _doc(plan) == start


def test_a_wall_move_and_its_inverse_give_back_the_starting_plan(plan):
    start = _doc(plan)
    there = edits.apply(plan, {"kind": "move_wall", "room": "r-gang", "edge": 2, "offset_m": 0.35})
    back = edits.apply(there.plan, {"kind": "move_wall", "room": "r-gang", "edge": 2, "offset_m": -0.35})
    assert _doc(back.plan) == start


def test_a_typed_dimension_sets_the_size_across_the_wall_exactly(plan):
    done = edits.apply(plan, {"kind": "set_dimension", "room": "r-sov2", "edge": 1, "value_m": 3.4})
    r = _room(done.plan, "r-sov2")
    assert r.polygon[1][0] - r.polygon[0][0] == pytest.approx(3.4)
    assert _room(done.plan, "r-sov3").polygon[0][0] == pytest.approx(15.0)


def test_a_typed_size_that_makes_a_bedroom_half_a_metre_wide_is_refused(plan):
    e = _refused(plan, {"kind": "set_dimension", "room": "r-sov2", "edge": 1, "value_m": 0.5},
                 "a room would be narrower than 1 m")
    assert e.where == "room:r-sov2" and e.params["limit"] == 1.0


def test_a_drag_past_a_door_stops_where_the_door_still_fits_its_wall(plan):
    done = edits.apply(plan, {"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": -2.5,
                              "clamp": True})
    assert done.stopped is not None and done.stopped.key == "a door would be off its wall"
    east = _room(done.plan, "r-sov1").polygon[1][0]
    assert 10.85 <= east <= 11.0   # the door at x 10.5 is 0.9 m wide
    assert "access.door-off-wall" not in _rules(done.plan)


def test_the_same_move_without_clamp_is_refused_naming_the_door(plan):
    e = _refused(plan, {"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": -2.5},
                 "a door would be off its wall")
    assert e.where == "door:4"


@pytest.mark.parametrize("edit, key", [
    ({"kind": "move_wall", "room": "nope", "edge": 1, "offset_m": 0.1}, "no such room"),
    ({"kind": "move_wall", "room": "r-sov1", "edge": 9, "offset_m": 0.1}, "no such wall"),
    ({"kind": "move_wall", "room": "r-sov1", "edge": True, "offset_m": 0.1}, "no such wall"),
    ({"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": float("nan")}, "not a number"),
    ({"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": "1"}, "not a number"),
    ({"kind": "set_dimension", "room": "r-sov1", "edge": 1, "value_m": 500}, "number out of range"),
    ({"kind": "teleport"}, "unknown edit"),
    ({"kind": "move_wall", "room": "r-sov1"}, "unknown edit"),
    ({"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": 0.1, "extra": 1}, "unknown edit"),
])
def test_bad_wall_edits_are_refused_with_a_reason(plan, edit, key):
    _refused(plan, edit, key)


# ---------------------------------------------------------------------------- rooms


def test_splitting_a_room_makes_two_rooms_and_gives_each_its_own_window_and_door(plan):
    done = edits.apply(plan, {"kind": "split_room", "room": "r-stue", "a": [13.0, 9.0], "b": [13.0, 13.5],
                              "name": "Lekerom"})
    b = done.plan.buildings[0]
    new = b.room(done.made)
    assert new is not None and new.name == "Lekerom"
    assert model._ring(b.room("r-stue").polygon) != model._ring(plan.buildings[0].room("r-stue").polygon)
    assert polygon_area(b.room("r-stue")) + polygon_area(new) == pytest.approx(5.8 * 4.5)
    assert new.polygon == [[10.6, 9.0], [13.0, 9.0], [13.0, 13.5], [10.6, 13.5]] or polygon_area(new) == \
        pytest.approx(2.4 * 4.5)   # the smaller part is the new room; the larger keeps the id
    window = next(w for w in b.windows if w.at == [13.5, 9.0])
    assert window.room == "r-stue"   # the window at x 13.5 stays on the larger part
    door = next(d for d in b.doors if d.at == [10.6, 11.0])
    assert set(door.rooms) == {"r-entre", new.id}


def polygon_area(room: model.Room) -> float:
    from planner.geometry import polygon

    return polygon(room.polygon).area


def test_a_split_that_leaves_a_sliver_or_misses_the_room_is_refused(plan):
    _refused(plan, {"kind": "split_room", "room": "r-stue", "a": [11.0, 9.0], "b": [11.0, 13.5]},
             "a room would be narrower than 1 m")
    _refused(plan, {"kind": "split_room", "room": "r-stue", "a": [30.0, 0.0], "b": [30.0, 5.0]},
             "the line must cross the room once")
    _refused(plan, {"kind": "split_room", "room": "r-stue", "a": [13.0, 9.0], "b": [13.0, 9.01]},
             "draw a longer line")


def test_merging_two_neighbours_makes_one_room_and_drops_the_door_between_them(plan):
    done = edits.apply(plan, {"kind": "merge_rooms", "room": "r-sov2", "other": "r-sov3"})
    b = done.plan.buildings[0]
    assert b.room("r-sov3") is None
    assert polygon_area(b.room("r-sov2")) == pytest.approx(6.0 * 4.0)
    assert all("r-sov3" not in d.rooms for d in b.doors)
    assert {w.room for w in b.windows if w.at[1] == 19.0} >= {"r-sov2"}


def test_a_split_and_a_merge_give_back_the_room_it_started_from(plan):
    from shapely.testing import assert_geometries_equal

    from planner.geometry import polygon

    split = edits.apply(plan, {"kind": "split_room", "room": "r-stue", "a": [13.0, 9.0], "b": [13.0, 13.5]})
    merged = edits.apply(split.plan, {"kind": "merge_rooms", "room": "r-stue", "other": split.made})
    assert_geometries_equal(polygon(_room(merged.plan, "r-stue").polygon),
                            polygon(_room(plan, "r-stue").polygon), normalize=True)


def test_rooms_that_share_no_wall_cannot_be_merged(plan):
    _refused(plan, {"kind": "merge_rooms", "room": "r-sov1", "other": "r-sov3"},
             "these rooms are not neighbours")
    _refused(plan, {"kind": "merge_rooms", "room": "r-sov1", "other": "r-sov1"}, "choose two different rooms")


def test_changing_a_room_s_name_and_kind(plan):
    done = edits.apply(plan, {"kind": "set_room", "room": "r-bod", "name": " Arbeidsrom ", "type": "office"})
    assert (_room(done.plan, "r-bod").name, _room(done.plan, "r-bod").type) == ("Arbeidsrom", "office")
    _refused(plan, {"kind": "set_room", "room": "r-bod", "name": "  "}, "a room needs a name")
    _refused(plan, {"kind": "set_room", "room": "r-bod", "type": "ballroom"}, "no such room type")


def _small_building_plan(plan: model.Plan) -> model.Plan:
    """The demo plan with its bod removed: 2 × 4 m of uncovered space in the north-east corner."""
    p = copy.deepcopy(plan)
    b = p.buildings[0]
    b.rooms = [r for r in b.rooms if r.id != "r-bod"]
    b.doors = [d for d in b.doors if "r-bod" not in d.rooms]
    return p


def test_a_room_drawn_in_uncovered_space_is_added(plan):
    p = _small_building_plan(plan)
    done = edits.apply(p, {"kind": "add_room", "building": "A", "storey": 1, "a": [20, 15], "b": [22, 19],
                           "type": "storage", "name": "Bod"})
    new = done.plan.buildings[0].room(done.made)
    assert new.polygon == [[20, 15], [22, 15], [22, 19], [20, 19]] and new.type == "storage"
    assert "room.uncovered" not in _rules(done.plan)


@pytest.mark.parametrize("a, b, key", [
    ([20, 15], [20.5, 19], "a room would be narrower than 1 m"),
    ([21, 15], [23, 19], "the new room must lie inside the outline"),
    ([19, 15], [22, 19], "the new room would cover another room"),
])
def test_a_new_room_over_another_outside_or_too_narrow_is_refused(plan, a, b, key):
    _refused(_small_building_plan(plan), {"kind": "add_room", "building": "A", "storey": 1, "a": a, "b": b},
             key)


# ---------------------------------------------------------------------------- doors and windows


def test_a_door_added_by_tapping_a_shared_wall_sits_on_it_and_opens_into_the_chosen_room(plan):
    done = edits.apply(plan, {"kind": "add_door", "building": "A", "at": [13.0, 13.52]})
    d = done.plan.buildings[0].doors[done.made]
    assert set(d.rooms) == {"r-stue", "r-gang"} and d.at == [13.0, 13.5]
    assert edits.door_fits(done.plan.buildings[0], d)
    flipped = edits.apply(done.plan, {"kind": "flip_door", "building": "A", "door": done.made})
    d2 = flipped.plan.buildings[0].doors[done.made]
    assert d2.opens_into != d.opens_into
    hinge = edits.apply(flipped.plan, {"kind": "flip_door", "building": "A", "door": done.made,
                                       "what": "hinge"})
    assert hinge.plan.buildings[0].doors[done.made].hinge == "right"


def test_a_door_tapped_near_a_corner_is_pulled_in_until_it_fits_the_wall(plan):
    done = edits.apply(plan, {"kind": "add_door", "building": "A", "rooms": ["r-stue", "r-gang"],
                              "at": [10.7, 13.5], "width_m": 0.9, "swing_into": "r-stue", "hinge": "left"})
    d = done.plan.buildings[0].doors[done.made]
    assert d.at == [pytest.approx(11.05, abs=0.015), 13.5] and d.swing_into == "r-stue" and d.hinge == "left"


@pytest.mark.parametrize("edit, key", [
    ({"kind": "add_door", "building": "A", "at": [15.0, 11.0]}, "tap a wall"),
    ({"kind": "add_door", "building": "A", "rooms": ["r-sov1", "r-sov3"]}, "these rooms share no wall"),
    ({"kind": "add_door", "building": "A", "rooms": ["r-sov1", "r-sov1"]},
     "a door joins two different rooms"),
    ({"kind": "add_door", "building": "A", "rooms": ["r-bod", "r-gang"], "width_m": 2.5},
     "the wall is shorter than the door"),
    ({"kind": "add_door", "building": "A", "rooms": ["r-bod", "r-gang"], "swing_into": "outside"},
     "a door opens into one of its rooms"),
    ({"kind": "add_door", "building": "X", "rooms": ["r-bod", "r-gang"]}, "no such building"),
    ({"kind": "set_door", "building": "A", "door": 99, "width_m": 1.0}, "no such door"),
    ({"kind": "set_door", "building": "A", "door": 1, "hinge": "up"}, "a hinge is left or right"),
    ({"kind": "set_door", "building": "A", "door": 8, "width_m": 2.5}, "the wall is shorter than the door"),
    ({"kind": "flip_door", "building": "A", "door": 1, "what": "colour"}, "flip the swing or the hinge"),
    ({"kind": "add_window", "room": "r-gang", "width_m": 1.6}, "the wall is shorter than the window"),
    ({"kind": "add_window", "room": "r-bod", "width_m": 4.5}, "the wall is shorter than the window"),
    ({"kind": "delete_window", "building": "A", "window": 9}, "no such window"),
    ({"kind": "move_window", "building": "A", "window": 0, "at": [1, "x"]}, "not a point"),
])
def test_bad_door_and_window_edits_are_refused(plan, edit, key):
    _refused(plan, edit, key)


def test_sliding_and_resizing_a_door_keeps_it_on_its_wall(plan):
    moved = edits.apply(plan, {"kind": "move_door", "building": "A", "door": 5, "at": [14.55, 15.3]})
    d = moved.plan.buildings[0].doors[5]
    assert d.at == [pytest.approx(14.15), 15.0]
    wider = edits.apply(moved.plan, {"kind": "set_door", "building": "A", "door": 5, "width_m": 1.0})
    assert wider.plan.buildings[0].doors[5].width_m == 1.0
    assert edits.door_fits(wider.plan.buildings[0], wider.plan.buildings[0].doors[5])


def test_a_bedroom_that_loses_its_window_gets_window_missing_and_a_new_one_clears_it(plan):
    k = next(i for i, w in enumerate(plan.buildings[0].windows) if w.room == "r-sov3")
    gone = edits.apply(plan, {"kind": "delete_window", "building": "A", "window": k})
    assert "room.window-missing" in _rules(gone.plan, "room:r-sov3")
    back = edits.apply(gone.plan, {"kind": "add_window", "room": "r-sov3", "at": [16.0, 19.2],
                                   "width_m": 1.2, "height_m": 1.3, "sill_m": 0.6})
    w = back.plan.buildings[0].windows[back.made]
    assert w.at == [16.0, 19.0] and w.sill_m == 0.6
    assert "room.window-missing" not in _rules(back.plan, "room:r-sov3")


def test_a_window_on_a_chosen_wall_lands_on_that_wall_not_the_longest(plan):
    done = edits.apply(plan, {"kind": "add_window", "room": "r-bod", "at": [22.1, 17.0], "width_m": 0.8})
    assert done.plan.buildings[0].windows[done.made].at == [22.0, 17.0]
    assert edits.window_fits(done.plan.buildings[0], done.plan.buildings[0].windows[done.made])


def test_sliding_and_resizing_a_window_and_setting_its_sill(plan):
    moved = edits.apply(plan, {"kind": "move_window", "building": "A", "window": 0, "at": [11.0, 8.0]})
    assert moved.plan.buildings[0].windows[0].at == [pytest.approx(11.8, abs=0.015), 9.0]  # 2.4 m wide
    sized = edits.apply(moved.plan, {"kind": "set_window", "building": "A", "window": 0, "width_m": 1.8,
                                     "height_m": 1.2, "sill_m": 0.9})
    w = sized.plan.buildings[0].windows[0]
    assert (w.width_m, w.height_m, w.sill_m) == (1.8, 1.2, 0.9)


def test_deleting_a_door_and_undoing_it_by_the_earlier_document(plan):
    start = _doc(plan)
    done = edits.apply(plan, {"kind": "delete_door", "building": "A", "door": 0})
    assert len(done.plan.buildings[0].doors) == len(plan.buildings[0].doors) - 1
    assert "access.no-entrance" in _rules(done.plan)
    assert _doc(plan) == start


# ---------------------------------------------------------------------------- the outline


def test_moving_an_outer_edge_takes_the_rooms_along_it(plan):
    done = edits.apply(plan, {"kind": "move_footprint_edge", "building": "A", "edge": 1, "offset_m": 1.0})
    b = done.plan.buildings[0]
    assert b.footprint[1] == [23.0, 9] and b.room("r-kjokken").polygon[1] == [23.0, 9]
    assert b.room("r-bod").polygon[1] == [23.0, 15]
    back = edits.apply(done.plan, {"kind": "move_footprint_edge", "building": "A", "edge": 1,
                                   "offset_m": -1.0})
    assert _doc(back.plan) == _doc(plan)


def test_moving_an_outer_corner_takes_the_room_corner_there_and_a_crossing_is_refused(plan):
    done = edits.apply(plan, {"kind": "move_footprint_corner", "building": "A", "corner": 2,
                              "to": [22.5, 19.5]})
    assert done.plan.buildings[0].room("r-bod").polygon[2] == [22.5, 19.5]
    e = _refused(plan, {"kind": "move_footprint_corner", "building": "A", "corner": 2, "to": [15.0, 5.0]},
                 "the outline would cross itself")
    assert e.where is not None
    _refused(plan, {"kind": "move_footprint_corner", "building": "A", "corner": 2, "to": [7.0, 8.0]},
             "rooms would overlap")


def test_a_room_without_an_outer_wall_gets_no_window():
    def r(rid, x0, y0):
        return model.Room(rid, "bedroom", rid, 1, [[x0, y0], [x0 + 3, y0], [x0 + 3, y0 + 3], [x0, y0 + 3]])

    rooms = [r(f"r{i}{j}", 3 * i, 3 * j) for i in range(3) for j in range(3)]
    p = model.Plan(model.Project("P", "K"), model.Plot([[-5, -5], [15, -5], [15, 15], [-5, 15]], [0]),
                   [model.Household("h", "H")], [model.Building("A", "h", [[0, 0], [9, 0], [9, 9], [0, 9]], 1,
                                                               rooms=rooms)])
    _refused(p, {"kind": "add_window", "room": "r11"}, "this room has no outer wall")


def test_an_outer_edge_dragged_into_the_rooms_stops_at_one_metre(plan):
    done = edits.apply(plan, {"kind": "move_footprint_edge", "building": "A", "edge": 1, "offset_m": -3.0,
                              "clamp": True})
    assert done.stopped is not None
    assert done.plan.buildings[0].room("r-bod").polygon[1][0] >= 21.0 - 1e-9


# ---------------------------------------------------------------------------- the plot


def test_a_plot_from_side_lengths_and_angles_closes_itself(plan):
    done = edits.apply(plan, {"kind": "plot_sides", "sides": [
        {"length_m": 30, "angle_deg": 90}, {"length_m": 25, "angle_deg": 90},
        {"length_m": 30, "angle_deg": 90}]})
    assert done.plan.plot.boundary == [[0.0, 0.0], [30.0, 0.0], [30.0, 25.0], [0.0, 25.0]]
    assert done.plan.plot.road_edges == [0]


def test_a_surveyor_s_sketch_with_a_skew_corner(plan):
    corners = edits.outline_from_sides([{"length_m": 20, "angle_deg": 100}, {"length_m": 15, "angle_deg": 80},
                                        {"length_m": 22.6}], start=[5, 5], bearing_deg=0)
    assert corners[0] == [5.0, 5.0] and corners[1] == [25.0, 5.0] and len(corners) == 4


def test_a_self_crossing_plot_is_refused_with_the_crossing_marked(plan):
    e = _refused(plan, {"kind": "plot_corners", "corners": [[0, 0], [10, 10], [10, 0], [0, 10]]},
                 "the outline crosses itself")
    assert e.where == [5.0, 5.0]


@pytest.mark.parametrize("edit, key", [
    ({"kind": "plot_corners", "corners": [[0, 0], [10, 0]]}, "a plot needs at least three corners"),
    ({"kind": "plot_corners", "corners": [[0, 0], [10, 0], [20, 0]]}, "the outline has no area"),
    ({"kind": "plot_corners", "corners": [[0, 0], [0.01, 0], [10, 10]]},
     "two corners lie on top of each other"),
    ({"kind": "plot_sides", "sides": [{"length_m": 10}]}, "give at least two sides"),
    ({"kind": "plot_sides", "sides": [{"length_m": -1}, {"length_m": 5}]}, "number out of range"),
    ({"kind": "plot_sides", "sides": [{"length_m": 10, "angle_deg": 180}, {"length_m": 10}]},
     "the outline has no area"),
    ({"kind": "move_plot_corner", "corner": 7, "to": [1, 1]}, "no such corner"),
    ({"kind": "move_plot_corner", "corner": 0, "to": [30, 30]}, "the outline crosses itself"),
    ({"kind": "set_road_edge", "edge": 12}, "no such edge"),
])
def test_degenerate_plots_are_refused(plan, edit, key):
    _refused(plan, edit, key)


def test_dragging_a_plot_corner_and_marking_a_road_edge(plan):
    done = edits.apply(plan, {"kind": "move_plot_corner", "corner": 2, "to": [32.5, 27.0]})
    assert done.plan.plot.boundary[2] == [32.5, 27.0]
    road = edits.apply(done.plan, {"kind": "set_road_edge", "edge": 1})
    assert road.plan.plot.road_edges == sorted(set(plan.plot.road_edges) | {1})
    off = edits.apply(road.plan, {"kind": "set_road_edge", "edge": 1, "road": False})
    assert off.plan.plot.road_edges == plan.plot.road_edges


def test_every_edit_kind_is_covered_here():
    covered = {"move_wall", "set_dimension", "split_room", "merge_rooms", "set_room", "add_room", "add_door",
               "move_door", "set_door", "flip_door", "delete_door", "add_window", "move_window", "set_window",
               "delete_window", "move_footprint_corner", "move_footprint_edge", "plot_sides", "plot_corners",
               "move_plot_corner", "set_road_edge"}
    assert set(edits.KINDS) == covered
