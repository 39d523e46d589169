"""The ``plan/1`` document as dataclasses, with load, dump and validation.

Every dataclass keeps the keys it does not know in ``extra`` so that a
load/dump round trip loses nothing. Optional keys that were absent stay
``None`` and are left out again on dump; the effective value (with the
default of RULES.md) is read through a property.

>>> plan = loads('{"format": "plan/1", "project": {"name": "P", "municipality": "M"},'
...              ' "plot": {"boundary": [[0,0],[10,0],[10,10],[0,10]], "road_edges": [0]},'
...              ' "households": [], "buildings": []}')
>>> plan.plot.regulation.road_distance
4.0
>>> dumps(plan) == dumps(loads(dumps(plan)))
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import IO, Any

from planner.errors import Found, PlanFormatError, short

FORMAT = "plan/1"
MAX_VERTICES = 5000
"""Most vertices one polygon may have; a drawn room or plot never needs more."""
MAX_ITEMS = 5000
"""Most entries one list (rooms, doors, windows, buildings ...) may have."""

ROOM_TYPES = (
    "entry", "hall", "living", "kitchen", "bedroom", "office", "bathroom", "wc",
    "laundry", "storage", "technical", "stair", "other",
)
PERMANENT_STAY = frozenset({"living", "kitchen", "bedroom", "office"})
MEMBER_ROLES = ("adult", "child")
PHASES = ("before_build", "shell", "finishing", "outdoor")
STATUSES = ("proposed", "accepted", "declined", "done")
OUTSIDE = "outside"
ROAD_KINDS = ("municipal", "county", "national", "private")
BUILDING_KINDS = ("dwelling", "garage", "annex")
BUILDING_STATUSES = ("new", "existing", "demolish")
ROOF_TYPES = ("gable", "hip", "mono", "flat")
FIXTURE_KINDS = ("wc", "basin", "shower", "bath", "washer", "kitchen_bench", "bed", "wardrobe")
HINGES = ("left", "right")
MAX_COORDINATE = 1e8
"""Largest coordinate or length (m) a plan may hold: UTM northings are below 1e7."""
MAX_NUMBER = 1e15
"""Largest magnitude of any number in a plan (money included); beyond it floats lose whole units."""
MAX_STOREYS = 20
"""Most storeys a building may have: a family home has one to three."""
MAX_DEPTH = 64
"""Deepest nesting of lists and objects a plan may have; plan/1 itself needs eight."""

Point = tuple[float, float]
Coords = list[list[float]]


# --------------------------------------------------------------------------- data


@dataclass
class Regulation:
    """The zoning plan's values for a plot; ``None`` means "not set"."""

    max_bya_percent: float | None = None
    neighbour_distance_m: float | None = None
    road_distance_m: float | None = None
    max_gesims_m: float | None = None
    max_mone_m: float | None = None
    parking_spaces: int | None = None
    parking_space_m2: float | None = None
    min_outdoor_m2: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def neighbour_distance(self) -> float:
        return 4.0 if self.neighbour_distance_m is None else float(self.neighbour_distance_m)

    @property
    def road_distance(self) -> float:
        return 4.0 if self.road_distance_m is None else float(self.road_distance_m)

    @property
    def max_gesims(self) -> float:
        return 8.0 if self.max_gesims_m is None else float(self.max_gesims_m)

    @property
    def max_mone(self) -> float:
        return 9.0 if self.max_mone_m is None else float(self.max_mone_m)

    @property
    def parking_area_m2(self) -> float:
        """Area counted in BYA for parking: spaces × area of a space (18 m² default)."""
        spaces = self.parking_spaces or 0
        size = 18.0 if self.parking_space_m2 is None else float(self.parking_space_m2)
        return spaces * size


@dataclass
class Road:
    """The road beside a road edge: its kind (for veglova §29), name and centre line."""

    edge: int
    kind: str
    name: str | None = None
    centreline: Coords | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outdoor:
    """A usable outdoor area (uteoppholdsareal), optionally of one household."""

    polygon: Coords
    household: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class NeighbourPlot:
    boundary: Coords
    gnr: int | None = None
    bnr: int | None = None
    address: str | None = None
    owner: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class NeighbourBuilding:
    footprint: Coords
    kind: str | None = None
    status: str | None = None
    gesims_m: float | None = None
    mone_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Neighbours:
    """What the municipality's map shows around the plot."""

    plots: list[NeighbourPlot] = field(default_factory=list)
    buildings: list[NeighbourBuilding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plot:
    boundary: Coords
    road_edges: list[int]
    regulation: Regulation = field(default_factory=Regulation)
    has_regulation: bool = True
    terrain: list[list[float]] | None = None
    roads: list[Road] | None = None
    driveway: Coords | None = None
    parking: list[Coords] | None = None
    outdoor: list[Outdoor] | None = None
    neighbours: Neighbours | None = None
    neighbour_consent_edges: list[int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def road(self, edge: int) -> Road | None:
        """The road given for a road edge, if any."""
        for r in self.roads or []:
            if r.edge == edge:
                return r
        return None


@dataclass
class Member:
    role: str
    age: int | None = None
    name: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RoomNeed:
    type: str
    count: int | None = None
    min_area_m2: float | None = None
    wish: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def wanted(self) -> int:
        return 1 if self.count is None else self.count


@dataclass
class Contribution:
    id: str
    task: str
    phase: str
    status: str
    rooms: list[str] | None = None
    who: str | None = None
    hours: float | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Household:
    id: str
    name: str
    members: list[Member] = field(default_factory=list)
    accessible: bool | None = None
    wishes: str | None = None
    room_needs: list[RoomNeed] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_accessible(self) -> bool:
        """Whether the household says it needs an accessible home (default true).

        Not whether the accessible-dwelling rules apply: a dwelling with every main function
        on its entrance level gets them whatever this says (RULES.md, TEK17 §12-2(3)).
        """
        return True if self.accessible is None else self.accessible


@dataclass
class Walls:
    exterior_m: float | None = None
    interior_m: float | None = None
    separating_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fixture:
    """A fixed piece of furniture or sanitary ware drawn in a room (``wc``, ``shower`` ...)."""

    kind: str
    polygon: Coords
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Stair:
    """A stair's run: from storey to storey, its width, risers and walking line (foot to head)."""

    from_storey: int
    to_storey: int
    width_m: float | None = None
    risers: int | None = None
    walk: Coords | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Room:
    id: str
    type: str
    name: str
    storey: int
    polygon: Coords
    fixtures: list[Fixture] | None = None
    ceiling_m: float | None = None
    stair: Stair | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Door:
    rooms: list[str]
    at: list[float]
    width_m: float
    swing_into: str | None = None
    hinge: str | None = None
    height_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_entrance(self) -> bool:
        return OUTSIDE in self.rooms

    @property
    def opens_into(self) -> str:
        """The room the leaf opens into: ``swing_into``, else the second id (inward for an entrance).

        >>> Door(["outside", "e"], [0, 0], 1.0).opens_into, Door(["e", "outside"], [0, 0], 1.0).opens_into
        ('e', 'e')
        """
        if self.swing_into is not None:
            return self.swing_into
        if self.rooms[1] == OUTSIDE:
            return self.rooms[0]
        return self.rooms[1]

    @property
    def clear_height(self) -> float:
        return 2.1 if self.height_m is None else float(self.height_m)


@dataclass
class Window:
    room: str
    at: list[float]
    width_m: float
    height_m: float
    sill_m: float | None = None
    opening_m: list[float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def glass_m2(self) -> float:
        return self.width_m * self.height_m

    @property
    def sill(self) -> float:
        """The glass's lowest edge above the floor (default 0.8 m)."""
        return 0.8 if self.sill_m is None else float(self.sill_m)

    @property
    def clear_opening(self) -> tuple[float, float]:
        """Width and height of the clear opening: ``opening_m``, else the glass."""
        if self.opening_m is not None:
            return float(self.opening_m[0]), float(self.opening_m[1])
        return float(self.width_m), float(self.height_m)


@dataclass
class Unit:
    household: str
    rooms: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Level:
    """Floor-to-floor and clear ceiling height of one storey."""

    storey: int
    height_m: float | None = None
    ceiling_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Roof:
    type: str
    pitch_deg: float | None = None
    ridge_along: int | None = None
    overhang_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pitch(self) -> float:
        """Pitch in degrees: 0 for a flat roof, else ``pitch_deg`` (default 30)."""
        if self.type == "flat":
            return 0.0
        return 30.0 if self.pitch_deg is None else float(self.pitch_deg)

    @property
    def overhang(self) -> float:
        return 0.0 if self.overhang_m is None else float(self.overhang_m)


@dataclass
class Building:
    id: str
    household: str | None
    footprint: Coords
    storeys: int
    rooms: list[Room] = field(default_factory=list)
    doors: list[Door] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    gesims_m: float | None = None
    mone_m: float | None = None
    walls: Walls | None = None
    units: list[Unit] | None = None
    kind: str | None = None
    belongs_to: str | None = None
    status: str | None = None
    floor_z: float | None = None
    levels: list[Level] | None = None
    roof: Roof | None = None
    facade_fire_rated: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def building_kind(self) -> str:
        """``dwelling`` (default), ``garage`` or ``annex``."""
        return self.kind or "dwelling"

    @property
    def is_dwelling(self) -> bool:
        return self.building_kind == "dwelling"

    @property
    def state(self) -> str:
        """``new`` (default), ``existing`` or ``demolish``."""
        return self.status or "new"

    @property
    def separating_wall_m(self) -> float:
        w = self.walls.separating_m if self.walls else None
        return 0.2 if w is None else float(w)

    def level(self, storey: int) -> Level | None:
        for lv in self.levels or []:
            if lv.storey == storey:
                return lv
        return None

    def storey_height(self, storey: int) -> float:
        """Floor-to-floor height of a storey (default 2.7 m)."""
        lv = self.level(storey)
        return 2.7 if lv is None or lv.height_m is None else float(lv.height_m)

    def ceiling_height(self, storey: int, room: Room | None = None) -> float:
        """Clear ceiling height: the room's own, else its storey's (default 2.4 m)."""
        if room is not None and room.ceiling_m is not None:
            return float(room.ceiling_m)
        lv = self.level(storey)
        return 2.4 if lv is None or lv.ceiling_m is None else float(lv.ceiling_m)

    @property
    def exterior_wall_m(self) -> float:
        w = self.walls.exterior_m if self.walls else None
        return 0.3 if w is None else float(w)

    @property
    def interior_wall_m(self) -> float:
        w = self.walls.interior_m if self.walls else None
        return 0.1 if w is None else float(w)

    def room(self, room_id: str) -> Room | None:
        for r in self.rooms:
            if r.id == room_id:
                return r
        return None


@dataclass
class Origin:
    crs: str
    e: float
    n: float
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Project:
    name: str
    municipality: str
    gnr: int | None = None
    bnr: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    project: Project
    plot: Plot
    households: list[Household] = field(default_factory=list)
    buildings: list[Building] = field(default_factory=list)
    units: str = "m"
    has_units: bool = False
    origin: Origin | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def household(self, household_id: str) -> Household | None:
        for h in self.households:
            if h.id == household_id:
                return h
        return None

    def building(self, building_id: str) -> Building | None:
        for b in self.buildings:
            if b.id == building_id:
                return b
        return None

    def all_rooms(self) -> list[tuple[Building, Room]]:
        return [(b, r) for b in self.buildings for r in b.rooms]


# --------------------------------------------------------------------------- reading


class _Obj:
    """One JSON object being read, with its path and the keys it consumed."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise PlanFormatError(path or "(document)", "not-object", got=Found(value))
        self.d = value
        self.path = path
        self.used: set[str] = set()

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str) -> Any:
        self.used.add(key)
        return self.d.get(key)

    def has(self, key: str) -> bool:
        return key in self.d

    def req(self, key: str) -> Any:
        self.used.add(key)
        if key not in self.d:
            raise PlanFormatError(self._p(key), "missing")
        return self.d[key]

    def string(self, key: str, required: bool = True, choices: tuple[str, ...] = ()) -> Any:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        if not isinstance(v, str):
            raise PlanFormatError(self._p(key), "not-text", got=Found(v))
        if choices and v not in choices:
            raise PlanFormatError(self._p(key), "not-choice", value=short(v), choices=", ".join(choices))
        return v

    def ident(self, key: str) -> str:
        v = self.string(key)
        if not v.strip():
            raise PlanFormatError(self._p(key), "empty")
        return v

    def number(self, key: str, required: bool = True, minimum: float | None = None,
               positive: bool = False, maximum: float = MAX_COORDINATE) -> Any:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        return _number(v, self._p(key), minimum=minimum, positive=positive, maximum=maximum)

    def integer(self, key: str, required: bool = True, minimum: int | None = None,
                maximum: int | None = int(MAX_NUMBER)) -> Any:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            if isinstance(v, float) and math.isfinite(v) and v.is_integer():
                v = int(v)
            else:
                raise PlanFormatError(self._p(key), "not-integer", got=Found(v))
        if minimum is not None and v < minimum:
            raise PlanFormatError(self._p(key), "below-minimum", minimum=minimum, value=v)
        if maximum is not None and v > maximum:
            raise PlanFormatError(self._p(key), "above-maximum", maximum=maximum, value=short(str(v)))
        return v

    def boolean(self, key: str) -> bool | None:
        v = self.get(key)
        if v is None:
            return None
        if not isinstance(v, bool):
            raise PlanFormatError(self._p(key), "not-bool", got=Found(v))
        return v

    def array(self, key: str, required: bool = True) -> list[Any] | None:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        if not isinstance(v, list):
            raise PlanFormatError(self._p(key), "not-list", got=Found(v))
        if len(v) > MAX_ITEMS:
            raise PlanFormatError(self._p(key), "too-many-entries", count=len(v), limit=MAX_ITEMS)
        return v

    def strings(self, key: str, required: bool = True) -> list[str] | None:
        v = self.array(key, required)
        if v is None:
            return None
        for i, s in enumerate(v):
            if not isinstance(s, str):
                raise PlanFormatError(f"{self._p(key)}[{i}]", "not-text", got=Found(s))
        return list(v)

    def polygon(self, key: str) -> Coords:
        return _polygon(self.req(key), self._p(key))

    def point(self, key: str) -> list[float]:
        return _point(self.req(key), self._p(key))

    def polygons(self, key: str) -> list[Coords] | None:
        v = self.array(key, required=False)
        if v is None:
            return None
        return [_polygon(x, f"{self._p(key)}[{i}]") for i, x in enumerate(v)]

    def edges(self, key: str, n: int) -> list[int] | None:
        v = self.array(key, required=False)
        if v is None:
            return None
        for i, e in enumerate(v):
            if isinstance(e, bool) or not isinstance(e, int) or not 0 <= e < max(n, 1):
                raise PlanFormatError(f"{self._p(key)}[{i}]", "not-edge", last=n - 1, value=short(repr(e)))
        return list(v)

    def child(self, key: str, required: bool = True) -> _Obj | None:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        return _Obj(v, self._p(key))

    def items(self, key: str, required: bool = True) -> list[_Obj]:
        v = self.array(key, required)
        return [_Obj(x, f"{self._p(key)}[{i}]") for i, x in enumerate(v or [])]

    def extra(self) -> dict[str, Any]:
        return {k: v for k, v in self.d.items() if k not in self.used}


def _number(v: Any, path: str, minimum: float | None = None, positive: bool = False,
            maximum: float = MAX_COORDINATE) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise PlanFormatError(path, "not-number", got=Found(v))
    if isinstance(v, int) and abs(v) > MAX_NUMBER:
        raise PlanFormatError(path, "too-large-number", limit=_g(maximum))
    if not math.isfinite(v):
        raise PlanFormatError(path, "not-finite")
    if abs(v) > maximum:
        raise PlanFormatError(path, "too-large-number", limit=_g(maximum))
    if positive and v <= 0:
        raise PlanFormatError(path, "not-positive", value=v)
    if minimum is not None and v < minimum:
        raise PlanFormatError(path, "below-minimum", minimum=minimum, value=v)
    return v


def _g(x: float) -> str:
    return f"{x:g}"


def _point(v: Any, path: str, dims: int = 2) -> list[float]:
    if (not isinstance(v, list) or len(v) != dims
            or any(isinstance(c, bool) or not isinstance(c, (int, float)) for c in v)):
        raise PlanFormatError(path, "not-point" if dims == 2 else "not-point3")
    for c in v:
        if isinstance(c, int) and abs(c) > MAX_NUMBER:
            raise PlanFormatError(path, "coordinate-too-large", limit=_g(MAX_COORDINATE))
    if not all(math.isfinite(c) for c in v):
        raise PlanFormatError(path, "point-not-finite")
    if any(abs(c) > MAX_COORDINATE for c in v):
        raise PlanFormatError(path, "coordinate-too-large", limit=_g(MAX_COORDINATE))
    return v


def _polygon(v: Any, path: str) -> Coords:
    if not isinstance(v, list):
        raise PlanFormatError(path, "not-vertices", got=Found(v))
    if len(v) > MAX_VERTICES:
        raise PlanFormatError(path, "too-many-vertices", count=len(v), limit=MAX_VERTICES)
    for i, p in enumerate(v):
        _point(p, f"{path}[{i}]")
    return v


# --------------------------------------------------------------------------- load


def _regulation(o: _Obj | None) -> Regulation:
    if o is None:
        return Regulation()
    reg = Regulation(
        max_bya_percent=o.number("max_bya_percent", False, positive=True),
        neighbour_distance_m=o.number("neighbour_distance_m", False, minimum=0),
        road_distance_m=o.number("road_distance_m", False, minimum=0),
        max_gesims_m=o.number("max_gesims_m", False, positive=True),
        max_mone_m=o.number("max_mone_m", False, positive=True),
        parking_spaces=o.integer("parking_spaces", False, minimum=0),
        parking_space_m2=o.number("parking_space_m2", False, minimum=0),
        min_outdoor_m2=o.number("min_outdoor_m2", False, minimum=0, maximum=MAX_NUMBER),
    )
    reg.extra = o.extra()
    return reg


def _plot(o: _Obj) -> Plot:
    boundary = o.polygon("boundary")
    edges = o.array("road_edges")
    n = len(_ring(boundary))
    for i, e in enumerate(edges):
        if isinstance(e, bool) or not isinstance(e, int) or not 0 <= e < max(n, 1):
            raise PlanFormatError(f"{o._p('road_edges')}[{i}]", "not-edge", last=n - 1, value=short(repr(e)))
    reg = o.child("regulation", required=False)
    plot = Plot(boundary=boundary, road_edges=list(edges), regulation=_regulation(reg),
                has_regulation=reg is not None)
    terrain = o.array("terrain", required=False)
    if terrain is not None:
        plot.terrain = [_point(p, f"{o._p('terrain')}[{i}]", dims=3) for i, p in enumerate(terrain)]
    if o.get("roads") is not None:
        plot.roads = []
        for ro in o.items("roads"):
            edge = ro.integer("edge", minimum=0)
            if edge >= max(n, 1):
                raise PlanFormatError(ro._p("edge"), "not-edge", last=n - 1, value=edge)
            road = Road(edge=edge, kind=ro.string("kind", choices=ROAD_KINDS), name=ro.string("name", False))
            if ro.get("centreline") is not None:
                road.centreline = ro.polygon("centreline")
                if len(road.centreline) < 2:
                    raise PlanFormatError(ro._p("centreline"), "too-few-points", minimum=2)
            road.extra = ro.extra()
            plot.roads.append(road)
    if o.get("driveway") is not None:
        plot.driveway = o.polygon("driveway")
    plot.parking = o.polygons("parking")
    if o.get("outdoor") is not None:
        plot.outdoor = []
        for oo in o.items("outdoor"):
            area = Outdoor(polygon=oo.polygon("polygon"), household=oo.string("household", False))
            area.extra = oo.extra()
            plot.outdoor.append(area)
    no = o.child("neighbours", required=False)
    if no is not None:
        nb = Neighbours()
        for po in no.items("plots", required=False):
            np_ = NeighbourPlot(boundary=po.polygon("boundary"), gnr=po.integer("gnr", False, minimum=0),
                                bnr=po.integer("bnr", False, minimum=0),
                                address=po.string("address", False), owner=po.string("owner", False))
            np_.extra = po.extra()
            nb.plots.append(np_)
        for bo in no.items("buildings", required=False):
            nbb = NeighbourBuilding(footprint=bo.polygon("footprint"), kind=bo.string("kind", False),
                                    status=bo.string("status", False, choices=BUILDING_STATUSES),
                                    gesims_m=bo.number("gesims_m", False, minimum=0),
                                    mone_m=bo.number("mone_m", False, minimum=0))
            nbb.extra = bo.extra()
            nb.buildings.append(nbb)
        nb.extra = no.extra()
        plot.neighbours = nb
    plot.neighbour_consent_edges = o.edges("neighbour_consent_edges", n)
    plot.extra = o.extra()
    return plot


def _ring(coords: Coords) -> Coords:
    """The vertices without a repeated closing vertex."""
    if len(coords) > 1 and coords[0] == coords[-1]:
        return coords[:-1]
    return coords


def _household(o: _Obj) -> Household:
    members = []
    for m in o.items("members", required=False):
        mem = Member(role=m.string("role", choices=MEMBER_ROLES),
                     age=m.integer("age", False, minimum=0, maximum=130), name=m.string("name", False))
        mem.extra = m.extra()
        members.append(mem)
    needs = []
    for n in o.items("room_needs", required=False):
        need = RoomNeed(type=n.string("type", choices=ROOM_TYPES),
                        count=n.integer("count", False, minimum=0),
                        min_area_m2=n.number("min_area_m2", False, minimum=0),
                        wish=n.string("wish", False))
        need.extra = n.extra()
        needs.append(need)
    contributions = []
    for c in o.items("contributions", required=False):
        con = Contribution(id=c.ident("id"), task=c.string("task"),
                           phase=c.string("phase", choices=PHASES),
                           status=c.string("status", choices=STATUSES),
                           rooms=c.strings("rooms", False), who=c.string("who", False),
                           hours=c.number("hours", False, minimum=0), note=c.string("note", False))
        con.extra = c.extra()
        contributions.append(con)
    h = Household(id=o.ident("id"), name=o.string("name"), members=members,
                  accessible=o.boolean("accessible"), wishes=o.string("wishes", False),
                  room_needs=needs, contributions=contributions)
    h.extra = o.extra()
    return h


def _building(o: _Obj) -> Building:
    footprint = o.polygon("footprint")
    n = len(_ring(footprint))
    rooms = []
    for r in o.items("rooms"):
        room = Room(id=r.ident("id"), type=r.string("type", choices=ROOM_TYPES),
                    name=r.string("name"), storey=r.integer("storey", minimum=0, maximum=MAX_STOREYS),
                    polygon=r.polygon("polygon"))
        if r.get("fixtures") is not None:
            room.fixtures = []
            for f in r.items("fixtures"):
                fx = Fixture(kind=f.string("kind", choices=FIXTURE_KINDS), polygon=f.polygon("polygon"))
                fx.extra = f.extra()
                room.fixtures.append(fx)
        room.ceiling_m = r.number("ceiling_m", False, positive=True)
        so = r.child("stair", required=False)
        if so is not None:
            if room.type != "stair":
                raise PlanFormatError(r._p("stair"), "stair-not-stair", type=room.type)
            st = Stair(from_storey=so.integer("from", minimum=0, maximum=MAX_STOREYS),
                       to_storey=so.integer("to", minimum=0, maximum=MAX_STOREYS),
                       width_m=so.number("width_m", False, positive=True),
                       risers=so.integer("risers", False, minimum=2, maximum=100))
            if st.to_storey <= st.from_storey:
                raise PlanFormatError(so._p("to"), "stair-direction", start=st.from_storey, end=st.to_storey)
            if so.get("walk") is not None:
                st.walk = so.polygon("walk")
                if len(st.walk) != 2:
                    raise PlanFormatError(so._p("walk"), "walk-two-points", count=len(st.walk))
            st.extra = so.extra()
            room.stair = st
        room.extra = r.extra()
        rooms.append(room)
    doors = []
    for d in o.items("doors", required=False):
        door_rooms = d.strings("rooms")
        if len(door_rooms) != 2:
            raise PlanFormatError(d._p("rooms"), "not-two-rooms", count=len(door_rooms))
        door = Door(rooms=door_rooms, at=d.point("at"), width_m=d.number("width_m", positive=True),
                    swing_into=d.string("swing_into", False), hinge=d.string("hinge", False, choices=HINGES),
                    height_m=d.number("height_m", False, positive=True))
        if door.swing_into is not None and (door.swing_into not in door_rooms or door.swing_into == OUTSIDE):
            raise PlanFormatError(d._p("swing_into"), "swing-not-room", id=short(door.swing_into))
        door.extra = d.extra()
        doors.append(door)
    windows = []
    for w in o.items("windows", required=False):
        win = Window(room=w.string("room"), at=w.point("at"),
                     width_m=w.number("width_m", positive=True),
                     height_m=w.number("height_m", positive=True),
                     sill_m=w.number("sill_m", False, minimum=0))
        if w.get("opening_m") is not None:
            op = w.point("opening_m")
            if op[0] <= 0 or op[1] <= 0:
                raise PlanFormatError(w._p("opening_m"), "not-positive", value=short(repr(op)))
            win.opening_m = op
        win.extra = w.extra()
        windows.append(win)
    walls = None
    wo = o.child("walls", required=False)
    if wo is not None:
        walls = Walls(exterior_m=wo.number("exterior_m", False, minimum=0),
                      interior_m=wo.number("interior_m", False, minimum=0),
                      separating_m=wo.number("separating_m", False, minimum=0))
        walls.extra = wo.extra()
    units = None
    if o.get("units") is not None:
        units = []
        for u in o.items("units"):
            unit = Unit(household=u.ident("household"), rooms=u.strings("rooms"))
            unit.extra = u.extra()
            units.append(unit)
    storeys = o.integer("storeys", minimum=1, maximum=MAX_STOREYS)
    kind = o.string("kind", False, choices=BUILDING_KINDS)
    household = o.ident("household") if (kind or "dwelling") == "dwelling" or o.get("household") is not None \
        else None
    levels = None
    if o.get("levels") is not None:
        levels = []
        seen: set[int] = set()
        for lo in o.items("levels"):
            lv = Level(storey=lo.integer("storey", minimum=0, maximum=MAX_STOREYS),
                       height_m=lo.number("height_m", False, positive=True, maximum=100),
                       ceiling_m=lo.number("ceiling_m", False, positive=True, maximum=100))
            if lv.storey in seen:
                raise PlanFormatError(lo._p("storey"), "used-twice", id=lv.storey)
            seen.add(lv.storey)
            lv.extra = lo.extra()
            levels.append(lv)
    roof = None
    ro = o.child("roof", required=False)
    if ro is not None:
        roof = Roof(type=ro.string("type", choices=ROOF_TYPES),
                    pitch_deg=ro.number("pitch_deg", False, minimum=0),
                    ridge_along=ro.integer("ridge_along", False, minimum=0),
                    overhang_m=ro.number("overhang_m", False, minimum=0, maximum=10))
        if roof.pitch_deg is not None and roof.pitch_deg >= 75:
            raise PlanFormatError(ro._p("pitch_deg"), "above-maximum", maximum=75, value=roof.pitch_deg)
        if roof.ridge_along is not None and roof.ridge_along >= max(n, 1):
            raise PlanFormatError(ro._p("ridge_along"), "not-edge", last=n - 1, value=roof.ridge_along)
        roof.extra = ro.extra()
    b = Building(id=o.ident("id"), household=household,
                 footprint=footprint, storeys=storeys,
                 rooms=rooms, doors=doors, windows=windows,
                 gesims_m=o.number("gesims_m", False, minimum=0),
                 mone_m=o.number("mone_m", False, minimum=0), walls=walls, units=units,
                 kind=kind, belongs_to=o.string("belongs_to", False),
                 status=o.string("status", False, choices=BUILDING_STATUSES),
                 floor_z=o.number("floor_z", False), levels=levels, roof=roof,
                 facade_fire_rated=o.boolean("facade_fire_rated"))
    b.extra = o.extra()
    return b


def _bad_text(text: str) -> bool:
    """NUL or a lone surrogate: text no database column or UTF-8 file can hold."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_document(doc: Any) -> None:
    """Refuse what no part of a plan may hold, wherever it sits (unknown keys included).

    Nesting deeper than :data:`MAX_DEPTH`, numbers that are not finite or larger than
    :data:`MAX_NUMBER`, and text with NUL or lone surrogates raise :class:`PlanFormatError`
    naming the path.

    >>> check_document({"a": [1, {"b": float("inf")}]})
    Traceback (most recent call last):
    ...
    planner.errors.PlanFormatError: a[1].b: expected a finite number, got NaN or infinity
    """
    if _document_ok(doc):
        return
    stack: list[tuple[Any, str, int]] = [(doc, "", 0)]  # again, naming the path of what is wrong
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            if depth >= MAX_DEPTH:
                raise PlanFormatError(path, "too-deep", limit=MAX_DEPTH)
            for k, v in value.items():
                if not isinstance(k, str) or _bad_text(k):
                    raise PlanFormatError(path, "bad-text")
                stack.append((v, f"{path}.{k}" if path else k, depth + 1))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                raise PlanFormatError(path, "too-deep", limit=MAX_DEPTH)
            if value and all(type(v) in (int, float) for v in value):
                # a point or a list of numbers: named by the list's own path, as the reader names it
                for v in value:
                    _check_scalar(v, path)
            else:
                stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
        elif isinstance(value, str):
            if _bad_text(value):
                raise PlanFormatError(path, "bad-text")
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, (int, float)):
            _check_scalar(value, path)
        else:
            raise PlanFormatError(path, "not-json")


def _text_ok(text: str) -> bool:
    return text.isascii() and "\x00" not in text or not _bad_text(text)


def _document_ok(doc: Any) -> bool:
    """Whether :func:`check_document` finds nothing: the same tests without building the path of
    every value (a plan of 200 rooms has some 40,000), which only a refusal needs."""
    stack = [(doc, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        t = type(value)
        if t is dict:
            if depth >= MAX_DEPTH:
                return False
            children = value.values()
            if not all(type(k) is str and _text_ok(k) for k in value):
                return False
        elif t is list:
            if depth >= MAX_DEPTH:
                return False
            children = value
        else:
            children = (value,)
            depth -= 1
        for v in children:
            tv = type(v)
            if tv is float:
                if not -MAX_NUMBER <= v <= MAX_NUMBER:  # NaN and infinity fail the comparison too
                    return False
            elif tv is str:
                if not _text_ok(v):
                    return False
            elif tv is int:
                if not -MAX_NUMBER <= v <= MAX_NUMBER:
                    return False
            elif tv is dict or tv is list:
                push((v, depth + 1))
            elif v is not None and tv is not bool:
                return False
    return True


def _check_scalar(value: float, path: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise PlanFormatError(path, "not-finite")
    if abs(value) > MAX_NUMBER:
        raise PlanFormatError(path, "too-large-number", limit=_g(MAX_NUMBER))


def from_dict(doc: Any) -> Plan:
    """Read a parsed JSON document as a :class:`Plan`, or raise :class:`PlanFormatError`."""
    check_document(doc)
    o = _Obj(doc, "")
    fmt = o.req("format")
    if fmt != FORMAT:
        raise PlanFormatError("format", "wrong-value", want=json.dumps(FORMAT), value=json.dumps(fmt)[:40])
    units = o.get("units")
    if units is not None and units != "m":
        raise PlanFormatError("units", "wrong-value", want='"m"', value=json.dumps(units)[:40])
    po = o.child("project")
    project = Project(name=po.string("name"), municipality=po.string("municipality"),
                      gnr=po.integer("gnr", False, minimum=0), bnr=po.integer("bnr", False, minimum=0))
    project.extra = po.extra()
    origin = None
    oo = o.child("origin", required=False)
    if oo is not None:
        origin = Origin(crs=oo.string("crs"), e=oo.number("e"), n=oo.number("n"))
        origin.extra = oo.extra()
    plan = Plan(project=project, plot=_plot(o.child("plot")),
                households=[_household(h) for h in o.items("households")],
                buildings=[_building(b) for b in o.items("buildings")],
                has_units=units is not None, origin=origin)
    plan.extra = o.extra()
    _check_references(plan)
    for i, area in enumerate(plan.plot.outdoor or []):
        if area.household is not None and plan.household(area.household) is None:
            raise PlanFormatError(f"plot.outdoor[{i}].household", "no-household", id=short(area.household))
    return plan


def _check_references(plan: Plan) -> None:
    """Ids are unique and every reference names something that exists."""
    seen: dict[str, str] = {}
    for i, h in enumerate(plan.households):
        if h.id in seen:
            raise PlanFormatError(f"households[{i}].id", "used-twice", id=short(h.id))
        seen[h.id] = "household"
    building_ids: set[str] = set()
    room_ids: set[str] = set()
    for bi, b in enumerate(plan.buildings):
        bp = f"buildings[{bi}]"
        if b.id in building_ids:
            raise PlanFormatError(f"{bp}.id", "used-twice", id=short(b.id))
        building_ids.add(b.id)
        if b.household is not None and plan.household(b.household) is None:
            raise PlanFormatError(f"{bp}.household", "no-household", id=short(b.household))
        if b.belongs_to is not None and plan.household(b.belongs_to) is None:
            raise PlanFormatError(f"{bp}.belongs_to", "no-household", id=short(b.belongs_to))
        own = set()
        for ri, r in enumerate(b.rooms):
            if r.id == OUTSIDE:
                raise PlanFormatError(f"{bp}.rooms[{ri}].id", "outside-reserved")
            if r.id in room_ids:
                raise PlanFormatError(f"{bp}.rooms[{ri}].id", "used-twice", id=short(r.id))
            room_ids.add(r.id)
            own.add(r.id)
        for di, d in enumerate(b.doors):
            for k, rid in enumerate(d.rooms):
                if rid != OUTSIDE and rid not in own:
                    raise PlanFormatError(f"{bp}.doors[{di}].rooms[{k}]", "no-room", id=short(rid),
                                          building=b.id)
            if d.rooms[0] == d.rooms[1]:
                raise PlanFormatError(f"{bp}.doors[{di}].rooms", "same-room")
        for wi, w in enumerate(b.windows):
            if w.room not in own:
                raise PlanFormatError(f"{bp}.windows[{wi}].room", "no-room", id=short(w.room), building=b.id)
        for ri, r in enumerate(b.rooms):
            if r.stair is not None and r.stair.to_storey > b.storeys:
                raise PlanFormatError(f"{bp}.rooms[{ri}].stair.to", "above-maximum", maximum=b.storeys,
                                      value=r.stair.to_storey)
        for ui, u in enumerate(b.units or []):
            if plan.household(u.household) is None:
                raise PlanFormatError(f"{bp}.units[{ui}].household", "no-household", id=short(u.household))
            for k, rid in enumerate(u.rooms):
                if rid not in own:
                    raise PlanFormatError(f"{bp}.units[{ui}].rooms[{k}]", "no-room", id=short(rid),
                                          building=b.id)


def _reject_constant(name: str) -> float:
    raise PlanFormatError("", "json-constant", name=name)


def loads(text: str | bytes) -> Plan:
    """Parse a ``plan/1`` JSON text."""
    doc = parse_json(text)
    return from_dict(doc)


def parse_json(text: str | bytes) -> Any:
    """JSON text as Python values, refusing NaN/Infinity literals, numbers of more digits than
    any plan needs and nesting too deep to read: every refusal a :class:`PlanFormatError`.
    Numbers beyond float range (``1e999``) come back infinite; :func:`check_document` names them.
    """
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise PlanFormatError("", "json-syntax", reason=e.msg, line=e.lineno, column=e.colno) from None
    except UnicodeDecodeError:
        raise PlanFormatError("", "json-encoding") from None
    except RecursionError:
        raise PlanFormatError("", "json-depth") from None


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 30:
        raise PlanFormatError("", "json-long-number", count=len(digits.lstrip("-")))
    return int(digits)


def load(fp: IO[Any]) -> Plan:
    """Read a ``plan/1`` document from an open text or binary file."""
    return loads(fp.read())


# --------------------------------------------------------------------------- dump


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _with_extra(out: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for k, v in extra.items():
        out.setdefault(k, v)
    return out


def _regulation_dict(r: Regulation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in ("max_bya_percent", "neighbour_distance_m", "road_distance_m", "max_gesims_m",
              "max_mone_m", "parking_spaces", "parking_space_m2", "min_outdoor_m2"):
        _put(out, k, getattr(r, k))
    return _with_extra(out, r.extra)


def _household_dict(h: Household) -> dict[str, Any]:
    out: dict[str, Any] = {"id": h.id, "name": h.name}
    members = []
    for m in h.members:
        md: dict[str, Any] = {"role": m.role}
        _put(md, "age", m.age)
        _put(md, "name", m.name)
        members.append(_with_extra(md, m.extra))
    _put(out, "members", members or None)
    _put(out, "accessible", h.accessible)
    _put(out, "wishes", h.wishes)
    needs = []
    for n in h.room_needs:
        nd: dict[str, Any] = {"type": n.type}
        _put(nd, "count", n.count)
        _put(nd, "min_area_m2", n.min_area_m2)
        _put(nd, "wish", n.wish)
        needs.append(_with_extra(nd, n.extra))
    _put(out, "room_needs", needs or None)
    cons = []
    for c in h.contributions:
        cd: dict[str, Any] = {"id": c.id, "task": c.task}
        _put(cd, "rooms", c.rooms)
        _put(cd, "who", c.who)
        _put(cd, "hours", c.hours)
        cd["phase"] = c.phase
        cd["status"] = c.status
        _put(cd, "note", c.note)
        cons.append(_with_extra(cd, c.extra))
    _put(out, "contributions", cons or None)
    return _with_extra(out, h.extra)


def _room_dict(r: Room) -> dict[str, Any]:
    out: dict[str, Any] = {"id": r.id, "type": r.type, "name": r.name, "storey": r.storey,
                           "polygon": r.polygon}
    if r.fixtures is not None:
        out["fixtures"] = [_with_extra({"kind": f.kind, "polygon": f.polygon}, f.extra) for f in r.fixtures]
    _put(out, "ceiling_m", r.ceiling_m)
    if r.stair is not None:
        sd: dict[str, Any] = {"from": r.stair.from_storey, "to": r.stair.to_storey}
        _put(sd, "width_m", r.stair.width_m)
        _put(sd, "risers", r.stair.risers)
        _put(sd, "walk", r.stair.walk)
        out["stair"] = _with_extra(sd, r.stair.extra)
    return _with_extra(out, r.extra)


def _door_dict(d: Door) -> dict[str, Any]:
    out: dict[str, Any] = {"rooms": d.rooms, "at": d.at, "width_m": d.width_m}
    _put(out, "swing_into", d.swing_into)
    _put(out, "hinge", d.hinge)
    _put(out, "height_m", d.height_m)
    return _with_extra(out, d.extra)


def _window_dict(w: Window) -> dict[str, Any]:
    out: dict[str, Any] = {"room": w.room, "at": w.at, "width_m": w.width_m, "height_m": w.height_m}
    _put(out, "sill_m", w.sill_m)
    _put(out, "opening_m", w.opening_m)
    return _with_extra(out, w.extra)


def _building_dict(b: Building) -> dict[str, Any]:
    out: dict[str, Any] = {"id": b.id}
    _put(out, "household", b.household)
    _put(out, "kind", b.kind)
    _put(out, "belongs_to", b.belongs_to)
    _put(out, "status", b.status)
    out["footprint"] = b.footprint
    out["storeys"] = b.storeys
    _put(out, "gesims_m", b.gesims_m)
    _put(out, "mone_m", b.mone_m)
    _put(out, "floor_z", b.floor_z)
    if b.levels is not None:
        levels = []
        for lv in b.levels:
            ld: dict[str, Any] = {"storey": lv.storey}
            _put(ld, "height_m", lv.height_m)
            _put(ld, "ceiling_m", lv.ceiling_m)
            levels.append(_with_extra(ld, lv.extra))
        out["levels"] = levels
    if b.roof is not None:
        rd: dict[str, Any] = {"type": b.roof.type}
        _put(rd, "pitch_deg", b.roof.pitch_deg)
        _put(rd, "ridge_along", b.roof.ridge_along)
        _put(rd, "overhang_m", b.roof.overhang_m)
        out["roof"] = _with_extra(rd, b.roof.extra)
    _put(out, "facade_fire_rated", b.facade_fire_rated)
    if b.walls is not None:
        wd: dict[str, Any] = {}
        _put(wd, "exterior_m", b.walls.exterior_m)
        _put(wd, "interior_m", b.walls.interior_m)
        _put(wd, "separating_m", b.walls.separating_m)
        out["walls"] = _with_extra(wd, b.walls.extra)
    out["rooms"] = [_room_dict(r) for r in b.rooms]
    _put(out, "doors", [_door_dict(d) for d in b.doors] or None)
    _put(out, "windows", [_window_dict(w) for w in b.windows] or None)
    if b.units is not None:
        out["units"] = [_with_extra({"household": u.household, "rooms": u.rooms}, u.extra)
                        for u in b.units]
    return _with_extra(out, b.extra)


def _plot_dict(p: Plot) -> dict[str, Any]:
    out: dict[str, Any] = {"boundary": p.boundary, "road_edges": p.road_edges}
    if p.has_regulation:
        out["regulation"] = _regulation_dict(p.regulation)
    _put(out, "terrain", p.terrain)
    if p.roads is not None:
        roads = []
        for r in p.roads:
            rd: dict[str, Any] = {"edge": r.edge, "kind": r.kind}
            _put(rd, "name", r.name)
            _put(rd, "centreline", r.centreline)
            roads.append(_with_extra(rd, r.extra))
        out["roads"] = roads
    _put(out, "driveway", p.driveway)
    _put(out, "parking", p.parking)
    if p.outdoor is not None:
        areas = []
        for a in p.outdoor:
            ad: dict[str, Any] = {"polygon": a.polygon}
            _put(ad, "household", a.household)
            areas.append(_with_extra(ad, a.extra))
        out["outdoor"] = areas
    if p.neighbours is not None:
        plots = []
        for np_ in p.neighbours.plots:
            pd: dict[str, Any] = {}
            for k in ("gnr", "bnr", "address", "owner"):
                _put(pd, k, getattr(np_, k))
            pd["boundary"] = np_.boundary
            plots.append(_with_extra(pd, np_.extra))
        buildings = []
        for nb in p.neighbours.buildings:
            bd: dict[str, Any] = {"footprint": nb.footprint}
            for k in ("kind", "status", "gesims_m", "mone_m"):
                _put(bd, k, getattr(nb, k))
            buildings.append(_with_extra(bd, nb.extra))
        out["neighbours"] = _with_extra({"plots": plots, "buildings": buildings}, p.neighbours.extra)
    _put(out, "neighbour_consent_edges", p.neighbour_consent_edges)
    return _with_extra(out, p.extra)


def to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON-ready dict; unknown keys read in are written back."""
    project: dict[str, Any] = {"name": plan.project.name, "municipality": plan.project.municipality}
    _put(project, "gnr", plan.project.gnr)
    _put(project, "bnr", plan.project.bnr)
    out: dict[str, Any] = {"format": FORMAT}
    if plan.has_units:
        out["units"] = plan.units
    out["project"] = _with_extra(project, plan.project.extra)
    if plan.origin is not None:
        out["origin"] = _with_extra({"crs": plan.origin.crs, "e": plan.origin.e, "n": plan.origin.n},
                                    plan.origin.extra)
    out["plot"] = _plot_dict(plan.plot)
    out["households"] = [_household_dict(h) for h in plan.households]
    out["buildings"] = [_building_dict(b) for b in plan.buildings]
    return _with_extra(out, plan.extra)


def dumps(plan: Plan, indent: int | None = 2) -> str:
    """The plan as ``plan/1`` JSON text (``indent=None``: compact, as the web app stores it)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(to_dict(plan), indent=indent, ensure_ascii=False, allow_nan=False,
                      separators=separators)


def dump(plan: Plan, fp: IO[str]) -> None:
    """Write the plan as ``plan/1`` JSON to an open text file."""
    fp.write(dumps(plan))
    fp.write("\n")
