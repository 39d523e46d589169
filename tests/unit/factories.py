"""Named sample plans and small factories for the unit tests.

``house()`` is the shared conformance example (a one-storey accessible house of
14 × 10 m with three bedrooms on a 30 × 28 m plot, road to the south), as a
dict the tests change before loading. ``studio()`` is a 7 × 7 m home whose BRA
is under 50 m².
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

from planner import model
from planner.rules import Report, check

DATA = Path(__file__).parent / "data"
_HOUSE = json.loads((DATA / "haugen-nanset.plan.json").read_text(encoding="utf-8"))


def house() -> dict[str, Any]:
    """A fresh copy of the passing example house as a plan/1 dict."""
    return copy.deepcopy(_HOUSE)


def building(doc: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return doc["buildings"][index]


def room(doc: dict[str, Any], room_id: str) -> dict[str, Any]:
    for b in doc["buildings"]:
        for r in b["rooms"]:
            if r["id"] == room_id:
                return r
    raise KeyError(room_id)


def rect(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def make_room(room_id: str, room_type: str, polygon: list[list[float]], storey: int = 1,
              name: str | None = None) -> dict[str, Any]:
    return {"id": room_id, "type": room_type, "name": name or room_id, "storey": storey,
            "polygon": polygon}


def studio() -> dict[str, Any]:
    """A 7 × 7 m home (BRA 40.96 m²): living, bathroom, storage and bedroom."""
    return {
        "format": "plan/1",
        "project": {"name": "Hybel", "municipality": "Larvik"},
        "plot": {"boundary": rect(0, 0, 20, 20), "road_edges": [0]},
        "households": [{"id": "h", "name": "Familien Lie", "members": [{"role": "adult"}],
                        "accessible": True}],
        "buildings": [{
            "id": "S", "household": "h", "footprint": rect(6, 6, 13, 13), "storeys": 1,
            "rooms": [
                make_room("liv", "living", rect(6, 6, 13, 10.5)),
                make_room("bath", "bathroom", rect(6, 10.5, 8.5, 13)),
                make_room("store", "storage", rect(8.5, 10.5, 10, 13)),
                make_room("bed", "bedroom", rect(10, 10.5, 13, 13)),
            ],
            "doors": [
                {"rooms": ["outside", "liv"], "at": [9, 6], "width_m": 1.0},
                {"rooms": ["liv", "bath"], "at": [7.2, 10.5], "width_m": 0.9},
                {"rooms": ["liv", "store"], "at": [9.2, 10.5], "width_m": 0.9},
                {"rooms": ["liv", "bed"], "at": [11.5, 10.5], "width_m": 0.9},
            ],
            "windows": [
                {"room": "liv", "at": [12, 6], "width_m": 2.0, "height_m": 1.4},
                {"room": "bed", "at": [11.5, 13], "width_m": 1.0, "height_m": 1.3},
            ],
        }],
    }


def load(doc: dict[str, Any]) -> model.Plan:
    return model.from_dict(copy.deepcopy(doc))


def run(doc: dict[str, Any], lang: str = "nb") -> Report:
    """Check a plan dict."""
    return check(load(doc), lang=lang)


def only(report: Report, rule_id: str) -> list:
    return report.by_rule(rule_id)


def transform(doc: dict[str, Any], angle_deg: float, dx: float = 0.0, dy: float = 0.0) -> dict[str, Any]:
    """The plan rotated about the origin by ``angle_deg`` and moved by (dx, dy)."""
    a = math.radians(angle_deg)
    c, s = math.cos(a), math.sin(a)

    def pt(p: list[float]) -> list[float]:
        x, y = p
        return [c * x - s * y + dx, s * x + c * y + dy]

    out = copy.deepcopy(doc)
    out["plot"]["boundary"] = [pt(p) for p in out["plot"]["boundary"]]
    for b in out["buildings"]:
        b["footprint"] = [pt(p) for p in b["footprint"]]
        for r in b["rooms"]:
            r["polygon"] = [pt(p) for p in r["polygon"]]
        for d in b.get("doors", []):
            d["at"] = pt(d["at"])
        for w in b.get("windows", []):
            w["at"] = pt(w["at"])
    return out
