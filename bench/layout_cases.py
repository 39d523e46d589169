"""The benchmark set of the floor-plan generator: plots × households, as plan/1 documents.

Plots: rectangular, wide, narrow (road on the short edge), irregular, rotated and
corner plots with two road edges. Households: from one adult to two adults with
six children, one to five bedrooms, accessible and not, with and without sizes.
Four more cases cannot fit at all (the rooms alone exceed what %-BYA allows, even on two
storeys). On the tight-bya plot the larger households get two-storey drafts.

    from layout_cases import cases
    for case in cases(): ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    name: str
    doc: dict[str, Any]
    household: str
    rooms_wanted: int


def _rect(w: float, h: float) -> list[list[float]]:
    return [[0, 0], [w, 0], [w, h], [0, h]]


def _turn(points: list[list[float]], degrees: float) -> list[list[float]]:
    a = math.radians(degrees)
    return [[round(x * math.cos(a) - y * math.sin(a), 4), round(x * math.sin(a) + y * math.cos(a), 4)]
            for x, y in points]


def _reg(bya: float, parking: int = 2, road: float = 4.0, neighbour: float = 4.0) -> dict[str, Any]:
    return {"max_bya_percent": bya, "neighbour_distance_m": neighbour, "road_distance_m": road,
            "max_gesims_m": 8.0, "max_mone_m": 9.0, "parking_spaces": parking, "parking_space_m2": 18.0}


PLOTS: dict[str, dict[str, Any]] = {
    "rect-road-s": {"boundary": _rect(30, 28), "road_edges": [0], "regulation": _reg(30, road=5.0)},
    "rect-road-n": {"boundary": _rect(32, 26), "road_edges": [2], "regulation": _reg(30, 1, road=6.0)},
    "wide-shallow": {"boundary": _rect(44, 22), "road_edges": [0], "regulation": _reg(25)},
    "narrow-road-n": {"boundary": _rect(15, 46), "road_edges": [2], "regulation": _reg(30, 1, road=8.0)},
    "narrow-road-s": {"boundary": _rect(17, 40), "road_edges": [0], "regulation": _reg(30, 1)},
    "irregular": {"boundary": [[0, 0], [31, 3], [35, 20], [22, 33], [4, 30], [-2, 14]],
                  "road_edges": [0], "regulation": _reg(30)},
    "irregular-road-ne": {"boundary": [[0, 0], [28, 0], [34, 18], [20, 32], [0, 26]],
                          "road_edges": [2], "regulation": _reg(30, 1)},
    "rotated-23": {"boundary": _turn(_rect(30, 28), 23), "road_edges": [0], "regulation": _reg(30)},
    "rotated-58": {"boundary": _turn(_rect(26, 34), 58), "road_edges": [1], "regulation": _reg(30, 1)},
    "tight-bya": {"boundary": _rect(24, 25), "road_edges": [0], "regulation": _reg(24, 2)},
    "very-narrow": {"boundary": _rect(13, 48), "road_edges": [2], "regulation": _reg(30, 1, road=6.0)},
    "corner-s-e": {"boundary": _rect(30, 30), "road_edges": [0, 1], "regulation": _reg(30, 2, road=5.0)},
    "corner-n-w": {"boundary": _turn(_rect(28, 32), -12), "road_edges": [2, 3],
                   "regulation": _reg(30, 2, road=5.0)},
}


def _people(adults: int, children: int) -> list[dict[str, Any]]:
    return [{"role": "adult"}] * adults + [{"role": "child", "age": 3 + 2 * i} for i in range(children)]


HOUSEHOLDS: dict[str, dict[str, Any]] = {
    "one-adult": {"members": _people(1, 0), "room_needs": [{"type": "bedroom", "count": 1}]},
    "one-adult-sized": {"members": _people(1, 0),
                        "room_needs": [{"type": "bedroom", "count": 1, "min_area_m2": 10.0},
                                       {"type": "living", "min_area_m2": 20.0}]},
    "couple-one-child": {"members": _people(2, 1),
                         "room_needs": [{"type": "bedroom", "count": 1, "min_area_m2": 12.0},
                                        {"type": "bedroom", "count": 1, "min_area_m2": 8.0}]},
    "parent-two-children": {"members": _people(1, 2)},
    "couple-two-children": {"members": _people(2, 2),
                            "room_needs": [{"type": "bedroom", "count": 3, "min_area_m2": 7.0},
                                           {"type": "living", "min_area_m2": 20.0}]},
    "couple-three-children": {"members": _people(2, 3),
                              "room_needs": [{"type": "bedroom", "count": 4},
                                             {"type": "wc"}, {"type": "kitchen", "min_area_m2": 12.0}]},
    "couple-four-children": {"members": _people(2, 4),
                             "room_needs": [{"type": "bedroom", "count": 4, "min_area_m2": 8.0},
                                            {"type": "office"}, {"type": "storage", "min_area_m2": 6.0}]},
    "couple-six-children": {"members": _people(2, 6),
                            "room_needs": [{"type": "bedroom", "count": 5},
                                           {"type": "bathroom", "count": 2}, {"type": "laundry"}]},
    "couple-two-sized": {"members": _people(2, 2),
                         "room_needs": [{"type": "bedroom", "count": 3, "min_area_m2": 9.0},
                                        {"type": "living", "min_area_m2": 28.0},
                                        {"type": "kitchen", "min_area_m2": 12.0},
                                        {"type": "technical"}]},
}


def _doc(name: str, plot: dict[str, Any], household: dict[str, Any], accessible: bool) -> dict[str, Any]:
    return {
        "format": "plan/1",
        "project": {"name": name, "municipality": "Benk"},
        "plot": plot,
        "households": [{"id": "h", "name": "Familien Benk", "accessible": accessible, **household}],
        "buildings": [],
    }


def _wanted(household: dict[str, Any]) -> int:
    needs = household.get("room_needs", [])
    return sum(n.get("count", 1) for n in needs)


def cases() -> list[Case]:
    """Every plot with every household, accessible on alternate cases; then four that cannot fit."""
    out = []
    k = 0
    for pname, plot in PLOTS.items():
        for hname, household in HOUSEHOLDS.items():
            accessible = k % 2 == 0 or hname == "one-adult-sized"
            if pname.startswith("narrow") and hname in ("couple-six-children", "couple-two-sized"):
                accessible = False
            k += 1
            name = f"{pname}/{hname}{'/A' if accessible else ''}"
            out.append(Case(name, _doc(name, plot, household, accessible), "h", _wanted(household)))
    for name, w, h, bya, household in (("tiny", 18, 20, 25, "couple-six-children"),
                                       ("low-bya", 25, 25, 12, "couple-four-children"),
                                       ("small-lot", 16, 18, 30, "couple-three-children"),
                                       ("parking-eats-it", 20, 22, 20, "couple-two-children")):
        plot = {"boundary": _rect(w, h), "road_edges": [0], "regulation": _reg(bya, 2)}
        out.append(Case(f"cannot-fit/{name}", _doc(name, plot, HOUSEHOLDS[household], True), "h",
                        _wanted(HOUSEHOLDS[household])))
    return out
