"""The zoned double-loaded scheme, drawn in the building's own frame.

The frame has ``u`` along the building (0 to ``L``) and ``v`` across it (0 to
``D``); the road is at the front (``v = 0``, mode ``front``) or at the left end
(``u = 0``, mode ``end``). The footprint is a rectangle of three parts:

- an **end column** at one end or both: rooms stacked across the whole depth, the
  middle one (the *hub*) reaching the hall's end wall, the others opening off it.
  The day column holds the living room (hub) and the kitchen; in mode ``end`` the
  column at the road holds the entry (hub) and a room or two beside it.
- a **double-loaded section**: a front band and a back band of rooms on each side of
  a central hall. Each band is sliced across its depth (a slicing layout), each
  slice as wide as its target area needs, so every room in it has the band's
  outside wall and a wall on the hall.

Every room therefore has an outside wall and is reached from the hall or from its
hub: access and daylight hold by construction. All lengths are drawn to wall
centre lines; net sizes subtract half an interior wall or a whole exterior wall
(PLAN_FORMAT.md), so target net areas are met exactly before rounding to cm.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from planner.layout.program import Program, RoomSpec

EXTERIOR_M = 0.3
INTERIOR_M = 0.1
HALF_M = INTERIOR_M / 2
EXT_DED_M = EXTERIOR_M + HALF_M
"""Net loses this much on an outside wall: the wall, then half an interior wall (PLAN_FORMAT.md)."""
GRID_M = 0.01
"""Drawn lengths are rounded to whole centimetres."""
MAX_DEPTH_M = 5.5
"""Deepest net band depth tried."""
MIN_DEPTH_M = 2.2
S_STEPS = 5
ROUNDING_MARGIN = (1.01, 0.05)
"""Targets are solved a little large, ``t * 1.01 + 0.05`` m², so rounding to cm never
takes a room below its target."""
SIDES = {"front": (0.0, -1.0), "back": (0.0, 1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}


@dataclass(frozen=True)
class Knobs:
    """The choices that shape one candidate plan (before it is placed on the plot)."""

    mode: str
    """``front``: the road faces the front band; ``end``: the road faces the left end."""
    kitchen: str
    """Where the kitchen is: ``front`` or ``back`` part of the day column (the living room
    takes the rest), or ``band-front`` / ``band-back``: first in that band, beside a living
    room that fills the day column."""
    wet_front: bool
    """Bathrooms, toilet and laundry sit together in the front band."""
    bedrooms_front: int
    """How many bedrooms sit in the front band (the rest face the back)."""
    companions: tuple[str | None, str | None] = (None, None)
    """Mode ``end``: rooms stacked in front of and behind the entry in the road column."""
    single: bool = False
    """Single-loaded: every room in the front band, the hall along the back wall (narrow plots)."""


@dataclass(frozen=True)
class Box:
    """One room (or the hall, ``spec`` None) as a rectangle in the local frame."""

    spec: RoomSpec | None
    u0: float
    v0: float
    u1: float
    v1: float

    @property
    def type(self) -> str:
        return "hall" if self.spec is None else self.spec.type


@dataclass
class Link:
    """A door between two boxes (by index), or ``outside`` (-1); ``open`` for a wide opening."""

    a: int
    b: int
    open: bool = False


@dataclass
class Layout:
    """A candidate plan in the local frame, with its cost (lower is better)."""

    knobs: Knobs
    section_m: float
    """Drawn length of the double-loaded section (the free parameter of the slicing)."""
    length_m: float
    depth_m: float
    bands: tuple[float, float, float]
    """Drawn depths of the front band, the hall strip and the back band."""
    boxes: list[Box]
    links: list[Link]
    entry: int
    entry_side: str
    cost: float
    excess_m2: float
    hall_m2: float

    def nets(self) -> list[tuple[float, float]]:
        """Net width and depth of every box."""
        return [net_size(b, self.length_m, self.depth_m) for b in self.boxes]

    def exterior_sides(self, i: int) -> list[tuple[str, float, float]]:
        """The outside walls of box ``i``: (side, start, end) along that wall."""
        b, L, D = self.boxes[i], self.length_m, self.depth_m
        out = []
        if b.v0 <= 1e-9:
            out.append(("front", b.u0, b.u1))
        if b.v1 >= D - 1e-9:
            out.append(("back", b.u0, b.u1))
        if b.u0 <= 1e-9:
            out.append(("left", b.v0, b.v1))
        if b.u1 >= L - 1e-9:
            out.append(("right", b.v0, b.v1))
        return out

    def index_of(self, room_type: str) -> int:
        return next(i for i, b in enumerate(self.boxes) if b.type == room_type)


# --------------------------------------------------------------------------- slicing


def _deduction(lo: float, hi: float, start: float, end: float) -> float:
    return (EXT_DED_M if lo <= start + 1e-9 else HALF_M) + (EXT_DED_M if hi >= end - 1e-9 else HALF_M)


def net_size(b: Box, length_m: float, depth_m: float) -> tuple[float, float]:
    """Net width and depth of a rectangular room in a rectangular footprint.

    >>> net_size(Box(None, 0, 0, 4, 3), 10, 8)
    (3.6, 2.6)
    """
    w = b.u1 - b.u0 - _deduction(b.u0, b.u1, 0.0, length_m)
    d = b.v1 - b.v0 - _deduction(b.v0, b.v1, 0.0, depth_m)
    return round(w, 9), round(d, 9)


def fill(targets: list[float], sides: list[float], avail: float) -> float | None:
    """The smallest other side ``x`` with ``sum(max(t / x, s)) <= avail`` (water-filling).

    Rooms sliced along a strip of net length ``avail`` each take ``t / x`` of it, but
    never less than their shortest side ``s``. ``None`` when even the shortest sides
    do not fit; 0 when they fill the strip by themselves.

    >>> fill([10.0, 5.0], [1.0, 1.0], 5.0)
    3.0
    >>> fill([10.0, 1.0], [1.0, 2.0], 5.0)
    3.333333333
    """
    fixed = [False] * len(targets)
    while True:
        room = avail - sum(s for s, f in zip(sides, fixed, strict=True) if f)
        free = sum(t for t, f in zip(targets, fixed, strict=True) if not f)
        if room <= 1e-9:
            return None if room < -1e-9 or free > 0 else 0.0
        if free <= 0:
            return 0.0
        x = free / room
        newly = [i for i, t in enumerate(targets) if not fixed[i] and t / x < sides[i]]
        if not newly:
            return round(x, 9)
        for i in newly:
            fixed[i] = True


def _solve_t(spec: RoomSpec, bump: dict[str, float]) -> float:
    t = spec.target_m2 * bump.get(spec.key, 1.0)
    return t * ROUNDING_MARGIN[0] + ROUNDING_MARGIN[1]


def _band(specs: list[RoomSpec], length_m: float, ext_lo: bool, ext_hi: bool,
          bump: dict[str, float]) -> tuple[float, list[float]] | None:
    """Net depth and drawn widths of ``specs`` sliced along a band of drawn length ``length_m``."""
    n = len(specs)
    ded = [INTERIOR_M] * n
    ded[0] += EXTERIOR_M if ext_lo else 0.0
    ded[-1] += EXTERIOR_M if ext_hi else 0.0
    ts = [_solve_t(s, bump) for s in specs]
    ms = [s.min_side_m for s in specs]
    d = fill(ts, ms, length_m - sum(ded))
    if not d or d < max(ms) - 1e-9 or d > MAX_DEPTH_M * 1.4 or d < max(s.min_length_m for s in specs) - 1e-9:
        return None
    return d, [max(t / d, m) + dd for t, m, dd in zip(ts, ms, ded, strict=True)]


def _band_length(specs: list[RoomSpec], depth_m: float, ext_lo: bool, ext_hi: bool,
                 bump: dict[str, float]) -> float:
    """Drawn length a band needs at net depth ``depth_m``."""
    ext = EXTERIOR_M * (ext_lo + ext_hi)
    return sum(max(_solve_t(s, bump) / depth_m, s.min_side_m) + INTERIOR_M for s in specs) + ext


def _column(specs: list[RoomSpec], hub: int, bands: tuple[float, float, float],
            bump: dict[str, float]) -> tuple[float, list[float]] | None:
    """Net width of an end column and its drawn split positions from front to back.

    Rooms before the hub fit in the front band, rooms after it in the back band, and
    the hub takes the rest, so it always reaches the hall's end wall.
    """
    a, h, b = bands
    depth = a + h + b
    k = len(specs)
    ded = [INTERIOR_M] * k
    ded[0] += EXTERIOR_M
    ded[-1] += EXTERIOR_M
    ts = [_solve_t(s, bump) for s in specs]
    ms = [s.min_side_m for s in specs]
    width = max(ms)
    parts = ((slice(0, hub), a), (slice(hub + 1, k), depth - a - h), (slice(0, k), depth))
    for sl, room in parts:
        if not ts[sl]:
            continue
        need = fill(ts[sl], ms[sl], room - sum(ded[sl]))
        if need is None:
            return None
        width = max(width, need)
    sizes = [max(t / width, m) + dd for t, m, dd in zip(ts, ms, ded, strict=True)]
    cuts = [0.0]
    for j in range(hub):
        cuts.append(cuts[-1] + sizes[j])
    tail = [depth]
    for j in range(k - 1, hub, -1):
        tail.append(tail[-1] - sizes[j])
    return width, cuts + tail[::-1]


# --------------------------------------------------------------------------- assignment


@dataclass
class _Zones:
    day: list[RoomSpec]
    day_hub: int
    road: list[RoomSpec]
    road_hub: int
    front: list[RoomSpec]
    back: list[RoomSpec]
    kitchen: str
    """Key of the kitchen that opens to the living room."""


def _zones(prog: Program, k: Knobs) -> _Zones | None:
    living, kitchen = prog.of_type("living")[0], prog.of_type("kitchen")[0]
    entry = prog.of_type("entry")[0]
    day = {"back": [living, kitchen], "front": [kitchen, living]}.get(k.kitchen, [living])
    day_hub = day.index(living)
    taken = {living.key, kitchen.key, entry.key}
    road: list[RoomSpec] = []
    road_hub = 0
    if k.mode == "end":
        pre, post = (next((r for r in prog.rooms if r.key == c), None) for c in k.companions)
        road = [r for r in (pre, entry, post) if r is not None]
        road_hub = road.index(entry)
        taken |= {r.key for r in road}
    pool = [r for r in prog.rooms if r.key not in taken]
    wet = [r for r in pool if r.is_wet]
    beds = [r for r in pool if r.type == "bedroom"]
    rest = [r for r in pool if not r.is_wet and r.type != "bedroom"]
    if k.bedrooms_front > len(beds) and not k.single:
        return None
    n_back = 0 if k.single else len(beds) - k.bedrooms_front
    front_beds, back_beds = beds[n_back:], beds[:n_back]
    front: list[RoomSpec] = []
    back: list[RoomSpec] = []
    if k.kitchen in ("band-front", "band-back"):
        (front if k.kitchen == "band-front" else back).append(kitchen)
    if k.mode == "front":
        front.append(entry)
    (front if k.wet_front else back).extend(wet)
    area = [sum(r.target_m2 for r in front + front_beds), sum(r.target_m2 for r in back + back_beds)]
    for r in rest:
        side = 0 if k.single or area[0] < area[1] else 1
        (front, back)[side].append(r)
        area[side] += r.target_m2
    if k.mode == "front":
        front += front_beds[::-1]
        back += back_beds[::-1]
    else:
        front, back = _end_order(front, front_beds, kitchen), _end_order(back, back_beds, kitchen)
    return _Zones(day, day_hub, road, road_hub, front, back, kitchen.key)


def _end_order(band: list[RoomSpec], beds: list[RoomSpec], kitchen: RoomSpec) -> list[RoomSpec]:
    """Mode ``end``, from the road to the day column: other rooms, bedrooms, wet rooms, kitchen."""
    last = [r for r in band if r is kitchen]
    wet = [r for r in band if r.is_wet]
    other = [r for r in band if not r.is_wet and r is not kitchen]
    return other + beds + wet + last


KITCHENS = ("front", "back", "band-front", "band-back")


def knob_choices(prog: Program) -> Iterator[Knobs]:
    """Every candidate's knobs for this program, in a fixed order."""
    beds = len(prog.of_type("bedroom"))
    for kitchen in KITCHENS:
        for wet_front in (False, True):
            for k in _bedroom_splits(prog, beds, wet_front):
                yield Knobs("front", kitchen, wet_front, k)
    small = [r.key for r in prog.rooms if r.type == "storage"][:1]
    bed = [r.key for r in prog.rooms if r.type == "bedroom"][-1:]
    pairs: list[tuple[str | None, str | None]] = []
    for s in small:
        pairs += [(None, s), (s, None)]
        for b in bed:
            pairs += [(b, s), (s, b)]
    for kitchen in KITCHENS:
        for wet_front in (False, True):
            for k in _bedroom_splits(prog, beds, wet_front, keep=2):
                for pair in pairs or [(None, None)]:
                    yield Knobs("end", kitchen, wet_front, k, pair)
    for mode in ("front", "end"):
        for pair in [(None, None)] + [p for p in pairs if p[1] is None and mode == "end"]:
            for kitchen in ("front", "band-front"):
                yield Knobs(mode, kitchen, True, beds, pair, single=True)


def _bedroom_splits(prog: Program, beds: int, wet_front: bool, keep: int = 3) -> list[int]:
    """Bedroom counts for the front band that balance the two bands best."""
    wet = sum(r.target_m2 for r in prog.rooms if r.is_wet)
    bed_m2 = sorted((r.target_m2 for r in prog.of_type("bedroom")), reverse=True)
    scored = []
    for k in range(beds + 1):
        front = wet * wet_front + sum(bed_m2[beds - k:])
        back = wet * (not wet_front) + sum(bed_m2[:beds - k])
        scored.append((abs(front - back), k))
    return sorted(k for _, k in sorted(scored)[:keep])


# --------------------------------------------------------------------------- candidates


def _snap(x: float) -> float:
    return round(round(x / GRID_M) * GRID_M, 6)


def candidates(prog: Program, bump: dict[str, float] | None = None) -> list[Layout]:
    """Every valid candidate plan for the program, in the local frame."""
    bump = bump or {}
    out = []
    for k in knob_choices(prog):
        zones = _zones(prog, k)
        if zones is None:
            continue
        for s in _lengths(zones, k, bump):
            lay = _layout(prog, k, zones, s, bump)
            if lay is not None:
                out.append(lay)
    return out


def rebuild(prog: Program, lay: Layout) -> Layout | None:
    """The same candidate drawn again for a changed program (a repair)."""
    zones = _zones(prog, lay.knobs)
    return None if zones is None else _layout(prog, lay.knobs, zones, lay.section_m, {})


def _lengths(z: _Zones, k: Knobs, bump: dict[str, float]) -> list[float]:
    """Section lengths to try: from the deepest bands to the shallowest."""
    bands = [b for b in (z.front, z.back) if b]
    if not bands:
        return []
    ext_hi = k.mode == "front"
    lo = max(_band_length(b, MAX_DEPTH_M, False, ext_hi, bump) for b in bands)
    hi = max(_band_length(b, max(MIN_DEPTH_M, max(r.min_side_m for r in b)), False, ext_hi, bump)
             for b in bands)
    if hi <= lo:
        return [lo]
    return [lo + (hi - lo) * i / (S_STEPS - 1) for i in range(S_STEPS)]


def _layout(prog: Program, k: Knobs, z: _Zones, length_m: float,
            bump: dict[str, float]) -> Layout | None:
    ext_hi = k.mode == "front"
    front = _band(z.front, length_m, False, ext_hi, bump) if z.front else None
    back = _band(z.back, length_m, False, ext_hi, bump) if z.back else None
    if (z.front and front is None) or (z.back and back is None) or not z.front:
        return None
    a = front[0] + EXT_DED_M + HALF_M
    if back is not None:
        h, b = prog.hall_net_m + INTERIOR_M, back[0] + HALF_M + EXT_DED_M
    else:
        h, b = prog.hall_net_m + HALF_M + EXT_DED_M, 0.0
    bands = (_snap(a), _snap(h), _snap(b))
    day = _column(z.day, z.day_hub, bands, bump)
    road = _column(z.road, z.road_hub, bands, bump) if z.road else None
    if day is None or (z.road and road is None):
        return None
    return _assemble(prog, k, z, bands, length_m, front, back, day, road)


def _assemble(prog: Program, k: Knobs, z: _Zones, bands: tuple[float, float, float],
              length_m: float, front, back, day, road) -> Layout | None:
    a, h, b = bands
    depth = a + h + b
    boxes: list[Box] = []
    links: list[Link] = []
    col_w = EXT_DED_M + HALF_M
    u = 0.0
    road_hub = day_hub = -1
    if road is not None:
        u = _snap(road[0] + col_w)
        road_hub = _stack(boxes, links, z.road, z.road_hub, road[1], 0.0, u)
    start = u
    end = _snap(start + length_m)
    hall = len(boxes)
    boxes.append(Box(None, start, a, end, a + h))
    for specs, sizes, v0, v1 in ((z.front, front, 0.0, a), (z.back, back, a + h, depth)):
        if sizes is None:
            continue
        x = start
        for j, (spec, w) in enumerate(zip(specs, sizes[1], strict=True)):
            x1 = end if j == len(specs) - 1 else _snap(x + w)
            boxes.append(Box(spec, x, v0, x1, v1))
            links.append(Link(hall, len(boxes) - 1))
            x = x1
    if k.mode == "front":
        # the day column sits at u = 0: shift everything right by its width
        shift = _snap(day[0] + col_w)
        boxes = [Box(bx.spec, bx.u0 + shift, bx.v0, bx.u1 + shift, bx.v1) for bx in boxes]
        day_hub = _stack(boxes, links, z.day, z.day_hub, day[1], 0.0, shift)
        length = end + shift
    else:
        length = _snap(end + day[0] + col_w)
        day_hub = _stack(boxes, links, z.day, z.day_hub, day[1], end, length)
    for hub in (road_hub, day_hub):
        if hub >= 0:
            links.append(Link(hall, hub))
    if k.kitchen.startswith("band"):
        kitchen = next(i for i, bx in enumerate(boxes) if bx.spec and bx.spec.key == z.kitchen)
        links.append(Link(day_hub, kitchen, open=True))
    entry = next(i for i, bx in enumerate(boxes) if bx.type == "entry")
    links.append(Link(-1, entry))
    lay = Layout(k, length_m, round(length, 6), round(depth, 6), bands, boxes, links, entry,
                 "front" if k.mode == "front" else "left", 0.0, 0.0, 0.0)
    return _score(prog, lay)


def _stack(boxes: list[Box], links: list[Link], specs: list[RoomSpec], hub: int, cuts: list[float],
           u0: float, u1: float) -> int:
    """Add an end column's rooms; each joins the next toward the hub. Returns the hub's index."""
    first = len(boxes)
    for spec, v0, v1 in zip(specs, cuts, cuts[1:], strict=False):
        boxes.append(Box(spec, u0, _snap(v0), u1, _snap(v1)))
    for j in range(len(specs)):
        if j != hub:
            nxt = j + 1 if j < hub else j - 1
            kitchen = {specs[j].type, specs[nxt].type} == {"living", "kitchen"}
            links.append(Link(first + nxt, first + j, open=kitchen))
    return first + hub


# --------------------------------------------------------------------------- cost

ASPECT_LIMIT = {"living": 2.0, "kitchen": 2.2, "bedroom": 1.8, "office": 2.0, "entry": 2.6,
                "bathroom": 2.4}
ASPECT_DEFAULT = 3.5


def _score(prog: Program, lay: Layout) -> Layout | None:
    """Cost in square-metre equivalents: area beyond the targets, hall, odd shapes, outline."""
    excess = hall_m2 = shape = 0.0
    for bx, (w, d) in zip(lay.boxes, lay.nets(), strict=True):
        if w <= 0 or d <= 0:
            return None
        if bx.spec is None:
            hall_m2 += w * d
            continue
        if w < bx.spec.min_side_m - 0.011 or d < bx.spec.min_side_m - 0.011:
            return None
        excess += max(0.0, w * d - bx.spec.target_m2)
        ratio = max(w, d) / min(w, d)
        shape += 3.0 * max(0.0, ratio - ASPECT_LIMIT.get(bx.type, ASPECT_DEFAULT)) * \
            math.sqrt(bx.spec.target_m2)
    outline = 2 * (lay.length_m + lay.depth_m)
    front_beds = lay.knobs.bedrooms_front if lay.knobs.mode == "front" else 0
    lay.cost = excess + hall_m2 + shape + 0.25 * outline + 0.5 * front_beds
    lay.excess_m2, lay.hall_m2 = excess, hall_m2
    return lay


# --------------------------------------------------------------------------- the upper storey

LANDING_MAX_M = 1.6
"""A stretch beside the stair up to this long becomes part of its landing upstairs."""
FAMILY_ROOM_M2 = (18.0, 25.0)
"""An upper storey with this much floor to spare gets a family room (allrom) of at least 15 m²
(a living room's usual minimum), at most 25 m²."""


def upper_layout(ground: Layout, prog: Program) -> Layout | None:
    """The upper storey over a ground-floor candidate: the same outline, the stair where it is
    below, and a hall along the whole house on the ground floor's hall line, with the rooms
    sliced along the front and the back wall, each with a door to the hall and a window.

    None when the stair is too short to climb a storey, or the rooms do not fit.
    """
    L, D = ground.length_m, ground.depth_m
    a, h, b = ground.bands
    stairs = [bx for bx in ground.boxes if bx.type == "stair"]
    if len(stairs) != 1 or max(net_size(stairs[0], L, D)) < stairs[0].spec.min_length_m - 1e-9:
        return None
    stair = stairs[0]
    bands = [(0.0, a)] + ([(a + h, D)] if b > 0 else [])
    segments: list[tuple[float, float, float, float]] = []  # u0, u1, v0, v1
    for v0, v1 in bands:
        if stair.v0 <= v0 + 1e-9 and stair.v1 >= v1 - 1e-9:
            parts = [(0.0, stair.u0), (stair.u1, L)]
        else:
            parts = [(0.0, L)]
        segments += [(u0, u1, v0, v1) for u0, u1 in parts if u1 - u0 > 1e-6]
    rooms = [r for r in prog.rooms if r.type != "stair"]
    spare = _spare_m2(rooms, segments, L, D)
    if spare >= FAMILY_ROOM_M2[0]:
        # a living room by type, so at least the usual minimum of one (RULES.md room.min-area)
        rooms.append(RoomSpec("allrom", "living", "Allrom", "Family room",
                              min(spare - 3.0, FAMILY_ROOM_M2[1]), 15.0, 2.4, True))
    up = next(r for r in prog.rooms if r.type == "stair")
    boxes: list[Box] = [Box(None, 0.0, a, L, a + h), Box(up, stair.u0, stair.v0, stair.u1, stair.v1)]
    placed = _slice_segments(rooms, segments, L, D)
    if placed is None:
        return None
    for box in placed:
        if box.spec is not None:
            boxes.append(box)
            continue
        s = boxes[1]  # a stretch too short for a room beside the stair: its landing takes it
        beside = abs(box.u1 - s.u0) < 1e-6 or abs(box.u0 - s.u1) < 1e-6
        if not beside or box.v0 != s.v0 or box.u1 - box.u0 > LANDING_MAX_M:
            return None
        boxes[1] = Box(s.spec, min(s.u0, box.u0), s.v0, max(s.u1, box.u1), s.v1)
    links = [Link(0, i) for i in range(1, len(boxes))]
    lay = Layout(ground.knobs, ground.section_m, L, D, ground.bands, boxes, links, 0, ground.entry_side,
                 0.0, 0.0, 0.0)
    for bx, (w, d) in zip(lay.boxes, lay.nets(), strict=True):
        if bx.spec is not None and (w < bx.spec.min_side_m - 0.011 or d < bx.spec.min_side_m - 0.011):
            return None
    return lay


def _segment_nets(segments: list[tuple[float, float, float, float]], L: float,
                  D: float) -> list[tuple[float, float]]:
    """Net depth and net length (less the outside walls at its ends) of each wall segment."""
    nets = []
    for u0, u1, v0, v1 in segments:
        depth = v1 - v0 - _deduction(v0, v1, 0.0, D)
        length = u1 - u0 - (EXTERIOR_M if u0 <= 1e-9 else 0.0) - (EXTERIOR_M if u1 >= L - 1e-9 else 0.0)
        nets.append((depth, length))
    return nets


def _spare_m2(rooms: list[RoomSpec], segments: list[tuple[float, float, float, float]],
              L: float, D: float) -> float:
    """Floor the upper storey has beyond what its rooms need (walls between them counted)."""
    nets = [(d, n) for d, n in _segment_nets(segments, L, D) if n >= 1.0]
    depth = sum(d for d, _ in nets) / max(len(nets), 1)
    return sum(d * n for d, n in nets) - sum(_solve_t(r, {}) + INTERIOR_M * depth for r in rooms)


def _slice_segments(rooms: list[RoomSpec], segments: list[tuple[float, float, float, float]],
                    L: float, D: float) -> list[Box] | None:
    """Rooms given to wall segments (largest first, to the one with most room left), then sliced
    along each so they fill it: rooms grow beyond their targets, never below them."""
    nets = _segment_nets(segments, L, D)
    usable = [i for i, (d, n) in enumerate(nets) if n >= 1.0]
    given: dict[int, list[RoomSpec]] = {i: [] for i in usable}
    left = {i: nets[i][0] * nets[i][1] for i in usable}
    for r in sorted(rooms, key=lambda r: (-r.target_m2, r.key)):
        fits = [i for i in usable if nets[i][0] >= r.min_side_m - 1e-9]
        if not fits:
            return None
        i = max(fits, key=lambda k: (left[k], -k))
        given[i].append(r)
        left[i] -= _solve_t(r, {}) + INTERIOR_M * nets[i][0]
    out: list[Box] = []
    for i, (u0, u1, v0, v1) in enumerate(segments):
        specs = sorted(given.get(i, []), key=lambda r: (r.is_wet, ORDER_UP.get(r.type, 9), r.key))
        if not specs:
            out.append(Box(None, u0, v0, u1, v1))
            continue
        depth, length = nets[i]
        ts = [_solve_t(r, {}) for r in specs]
        ms = [r.min_side_m for r in specs]
        x = fill(ts, ms, length - INTERIOR_M * len(specs))
        if x is None or x > depth + 1e-9:
            return None
        widths = [max(t / x, m) + INTERIOR_M for t, m in zip(ts, ms, strict=True)] if x else \
            [m + INTERIOR_M for m in ms]
        u = u0
        for j, (spec, w) in enumerate(zip(specs, widths, strict=True)):
            end = u1 if j == len(specs) - 1 else _snap(u + w + (EXTERIOR_M if j == 0 and u0 <= 1e-9 else 0.0))
            out.append(Box(spec, u, v0, end, v1))
            u = end
    return out


ORDER_UP = {"bedroom": 0, "office": 1, "other": 2, "storage": 3}
