"""Plans for the benchmarks: a 12-room home and a row of 16 homes (200 rooms).

Each home is 14 × 11 m with entry, office, living, kitchen, hall, three
bedrooms, bathroom, laundry, technical room and storage (12 rooms); a home
built with ``wc=True`` splits a WC off the kitchen (13 rooms).
"""

from __future__ import annotations

from typing import Any


def _rect(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def home(n: int, x0: float, y0: float, wc: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """(household, building) of home ``n`` with its south-west corner at (x0, y0)."""
    p = f"h{n}-"

    def r(rid: str, rtype: str, name: str, a: float, b: float, c: float, d: float) -> dict[str, Any]:
        return {"id": p + rid, "type": rtype, "name": name, "storey": 1,
                "polygon": _rect(x0 + a, y0 + b, x0 + c, y0 + d)}

    kitchen_end = 12.6 if wc else 14
    rooms = [
        r("entre", "entry", "Entré", 0, 0, 2.6, 4.5),
        r("kontor", "office", "Arbeidsrom", 2.6, 0, 5.4, 4.5),
        r("stue", "living", "Stue", 5.4, 0, 10.2, 4.5),
        r("kjokken", "kitchen", "Kjøkken", 10.2, 0, kitchen_end, 4.5),
        r("gang", "hall", "Gang", 0, 4.5, 14, 6),
        r("sov1", "bedroom", "Soverom 1", 0, 6, 3.2, 11),
        r("sov2", "bedroom", "Soverom 2", 3.2, 6, 6.2, 11),
        r("sov3", "bedroom", "Soverom 3", 6.2, 6, 9.2, 11),
        r("bad", "bathroom", "Bad", 9.2, 6, 11.4, 11),
        r("vask", "laundry", "Vaskerom", 11.4, 6, 12.4, 8.5),
        r("teknisk", "technical", "Teknisk rom", 11.4, 8.5, 12.4, 11),
        r("bod", "storage", "Bod", 12.4, 6, 14, 11),
    ]
    if wc:
        rooms.append(r("wc", "wc", "WC", 12.6, 0, 14, 4.5))

    def door(a: str, b: str, x: float, y: float, w: float = 0.9) -> dict[str, Any]:
        ids = [a if a == "outside" else p + a, p + b]
        return {"rooms": ids, "at": [x0 + x, y0 + y], "width_m": w}

    doors = [door("outside", "entre", 1.3, 0, 1.0), door("entre", "gang", 1.3, 4.5),
             door("gang", "kontor", 4.0, 4.5), door("gang", "stue", 7.8, 4.5),
             door("gang", "kjokken", 11.2, 4.5), door("gang", "sov1", 1.6, 6),
             door("gang", "sov2", 4.7, 6), door("gang", "sov3", 7.7, 6), door("gang", "bad", 10.3, 6),
             door("gang", "vask", 11.9, 6), door("vask", "teknisk", 11.9, 8.5),
             door("gang", "bod", 13.2, 6)]
    if wc:
        doors.append(door("gang", "wc", 13.25, 4.5))   # clear of the outer wall (access.door-fits-wall)

    def win(rid: str, x: float, y: float, w: float, h: float = 1.3) -> dict[str, Any]:
        return {"room": p + rid, "at": [x0 + x, y0 + y], "width_m": w, "height_m": h}

    windows = [win("kontor", 4.0, 0, 1.2), win("stue", 7.8, 0, 2.4), win("kjokken", 11.3, 0, 1.6),
               win("sov1", 1.6, 11, 1.2), win("sov2", 4.7, 11, 1.2), win("sov3", 7.7, 11, 1.2)]
    household = {"id": f"h{n}", "name": f"Familie {n}", "accessible": True,
                 "members": [{"role": "adult"}, {"role": "adult"}, {"role": "child", "age": 8}]}
    building = {"id": f"B{n}", "household": f"h{n}", "footprint": _rect(x0, y0, x0 + 14, y0 + 11),
                "storeys": 1, "gesims_m": 3.0, "mone_m": 5.5,
                "walls": {"exterior_m": 0.3, "interior_m": 0.1},
                "rooms": rooms, "doors": doors, "windows": windows}
    return household, building


def plan(homes: int = 1, wc_homes: int = 0) -> dict[str, Any]:
    """A plan of ``homes`` homes side by side, 8 m apart, on one long plot by a road."""
    households, buildings = [], []
    for n in range(homes):
        h, b = home(n, 8 + 22 * n, 6, wc=n < wc_homes)
        households.append(h)
        buildings.append(b)
    return {
        "format": "plan/1",
        "project": {"name": f"Rekke med {homes} hjem", "municipality": "Larvik"},
        "plot": {"boundary": _rect(0, 0, 22 * homes + 8, 22), "road_edges": [0],
                 "regulation": {"max_bya_percent": 40, "road_distance_m": 5.0,
                                "parking_spaces": homes, "parking_space_m2": 18.0}},
        "households": households,
        "buildings": buildings,
    }


def small() -> dict[str, Any]:
    """One home, 12 rooms."""
    return plan(1)


def row() -> dict[str, Any]:
    """A row of 16 homes, 200 rooms (8 homes of 13 rooms, 8 of 12)."""
    return plan(16, wc_homes=8)
