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
class Plot:
    boundary: Coords
    road_edges: list[int]
    regulation: Regulation = field(default_factory=Regulation)
    has_regulation: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


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
        """Whether the accessible-dwelling rules apply (default true)."""
        return True if self.accessible is None else self.accessible


@dataclass
class Walls:
    exterior_m: float | None = None
    interior_m: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Room:
    id: str
    type: str
    name: str
    storey: int
    polygon: Coords
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Door:
    rooms: list[str]
    at: list[float]
    width_m: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_entrance(self) -> bool:
        return OUTSIDE in self.rooms


@dataclass
class Window:
    room: str
    at: list[float]
    width_m: float
    height_m: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def glass_m2(self) -> float:
        return self.width_m * self.height_m


@dataclass
class Unit:
    household: str
    rooms: list[str]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Building:
    id: str
    household: str
    footprint: Coords
    storeys: int
    rooms: list[Room] = field(default_factory=list)
    doors: list[Door] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    gesims_m: float | None = None
    mone_m: float | None = None
    walls: Walls | None = None
    units: list[Unit] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

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
               positive: bool = False) -> Any:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        return _number(v, self._p(key), minimum=minimum, positive=positive)

    def integer(self, key: str, required: bool = True, minimum: int | None = None) -> Any:
        v = self.req(key) if required else self.get(key)
        if v is None and not required:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            else:
                raise PlanFormatError(self._p(key), "not-integer", got=Found(v))
        if minimum is not None and v < minimum:
            raise PlanFormatError(self._p(key), "below-minimum", minimum=minimum, value=v)
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


def _number(v: Any, path: str, minimum: float | None = None, positive: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise PlanFormatError(path, "not-number", got=Found(v))
    if not math.isfinite(v):
        raise PlanFormatError(path, "not-finite")
    if positive and v <= 0:
        raise PlanFormatError(path, "not-positive", value=v)
    if minimum is not None and v < minimum:
        raise PlanFormatError(path, "below-minimum", minimum=minimum, value=v)
    return v


def _point(v: Any, path: str) -> list[float]:
    if (not isinstance(v, list) or len(v) != 2
            or any(isinstance(c, bool) or not isinstance(c, (int, float)) for c in v)):
        raise PlanFormatError(path, "not-point")
    if not all(math.isfinite(c) for c in v):
        raise PlanFormatError(path, "point-not-finite")
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
    )
    reg.extra = o.extra()
    return reg


def _plot(o: _Obj) -> Plot:
    boundary = o.polygon("boundary")
    edges = o.array("road_edges")
    n = len(_ring(boundary))
    for i, e in enumerate(edges):
        if isinstance(e, bool) or not isinstance(e, int) or not 0 <= e < max(n, 1):
            raise PlanFormatError(f"{o._p('road_edges')}[{i}]", "not-edge", last=n - 1, value=repr(e))
    reg = o.child("regulation", required=False)
    plot = Plot(boundary=boundary, road_edges=list(edges), regulation=_regulation(reg),
                has_regulation=reg is not None)
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
                     age=m.integer("age", False, minimum=0), name=m.string("name", False))
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
    rooms = []
    for r in o.items("rooms"):
        room = Room(id=r.ident("id"), type=r.string("type", choices=ROOM_TYPES),
                    name=r.string("name"), storey=r.integer("storey", minimum=0),
                    polygon=r.polygon("polygon"))
        room.extra = r.extra()
        rooms.append(room)
    doors = []
    for d in o.items("doors", required=False):
        door_rooms = d.strings("rooms")
        if len(door_rooms) != 2:
            raise PlanFormatError(d._p("rooms"), "not-two-rooms", count=len(door_rooms))
        door = Door(rooms=door_rooms, at=d.point("at"), width_m=d.number("width_m", positive=True))
        door.extra = d.extra()
        doors.append(door)
    windows = []
    for w in o.items("windows", required=False):
        win = Window(room=w.string("room"), at=w.point("at"),
                     width_m=w.number("width_m", positive=True),
                     height_m=w.number("height_m", positive=True))
        win.extra = w.extra()
        windows.append(win)
    walls = None
    wo = o.child("walls", required=False)
    if wo is not None:
        walls = Walls(exterior_m=wo.number("exterior_m", False, minimum=0),
                      interior_m=wo.number("interior_m", False, minimum=0))
        walls.extra = wo.extra()
    units = None
    if o.get("units") is not None:
        units = []
        for u in o.items("units"):
            unit = Unit(household=u.ident("household"), rooms=u.strings("rooms"))
            unit.extra = u.extra()
            units.append(unit)
    b = Building(id=o.ident("id"), household=o.ident("household"),
                 footprint=o.polygon("footprint"), storeys=o.integer("storeys", minimum=1),
                 rooms=rooms, doors=doors, windows=windows,
                 gesims_m=o.number("gesims_m", False, minimum=0),
                 mone_m=o.number("mone_m", False, minimum=0), walls=walls, units=units)
    b.extra = o.extra()
    return b


def from_dict(doc: Any) -> Plan:
    """Read a parsed JSON document as a :class:`Plan`, or raise :class:`PlanFormatError`."""
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
        if plan.household(b.household) is None:
            raise PlanFormatError(f"{bp}.household", "no-household", id=short(b.household))
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
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise PlanFormatError("", "json-syntax", reason=e.msg, line=e.lineno, column=e.colno) from None
    except UnicodeDecodeError:
        raise PlanFormatError("", "json-encoding") from None
    except RecursionError:
        raise PlanFormatError("", "json-depth") from None
    return from_dict(doc)


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
              "max_mone_m", "parking_spaces", "parking_space_m2"):
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


def _building_dict(b: Building) -> dict[str, Any]:
    out: dict[str, Any] = {"id": b.id, "household": b.household, "footprint": b.footprint,
                           "storeys": b.storeys}
    _put(out, "gesims_m", b.gesims_m)
    _put(out, "mone_m", b.mone_m)
    if b.walls is not None:
        wd: dict[str, Any] = {}
        _put(wd, "exterior_m", b.walls.exterior_m)
        _put(wd, "interior_m", b.walls.interior_m)
        out["walls"] = _with_extra(wd, b.walls.extra)
    out["rooms"] = [_with_extra({"id": r.id, "type": r.type, "name": r.name, "storey": r.storey,
                                 "polygon": r.polygon}, r.extra) for r in b.rooms]
    _put(out, "doors", [_with_extra({"rooms": d.rooms, "at": d.at, "width_m": d.width_m}, d.extra)
                        for d in b.doors] or None)
    _put(out, "windows", [_with_extra({"room": w.room, "at": w.at, "width_m": w.width_m,
                                       "height_m": w.height_m}, w.extra)
                          for w in b.windows] or None)
    if b.units is not None:
        out["units"] = [_with_extra({"household": u.household, "rooms": u.rooms}, u.extra)
                        for u in b.units]
    return _with_extra(out, b.extra)


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
    plot: dict[str, Any] = {"boundary": plan.plot.boundary, "road_edges": plan.plot.road_edges}
    if plan.plot.has_regulation:
        plot["regulation"] = _regulation_dict(plan.plot.regulation)
    out["plot"] = _with_extra(plot, plan.plot.extra)
    out["households"] = [_household_dict(h) for h in plan.households]
    out["buildings"] = [_building_dict(b) for b in plan.buildings]
    return _with_extra(out, plan.extra)


def dumps(plan: Plan, indent: int | None = 2) -> str:
    """The plan as ``plan/1`` JSON text."""
    return json.dumps(to_dict(plan), indent=indent, ensure_ascii=False)


def dump(plan: Plan, fp: IO[str]) -> None:
    """Write the plan as ``plan/1`` JSON to an open text file."""
    fp.write(dumps(plan))
    fp.write("\n")
