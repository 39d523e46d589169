"""``draft``: candidates ranked, placed on the plot, built, checked and repaired."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from planner.errors import LayoutError, PlannerError
from planner.geometry import explain, polygon
from planner.layout import build, kinds
from planner.layout import explain as words
from planner.layout.build import Placement
from planner.layout.kinds import COMPACT, KINDS, Kind
from planner.layout.program import Program, comma, program_of, storey_splits
from planner.layout.scheme import SIDES, Layout, candidates, net_size, rebuild, upper_layout
from planner.layout.site import SUN, Frame, Site, frames
from planner.model import Building, Plan, Regulation
from planner.rules import Finding, Report, check

METHOD = "zoned-double-loaded"
SUN_WEIGHT = kinds.SUN_WEIGHTS["compact"]
"""Cost (m² equivalents) of a living room facing away from the sun."""
REPAIRS = 3
KIND_TRIES = 8
"""Placed candidates tried for a kind of suggestion before a smaller growth (or another) is tried."""
GESIMS_M = 3.0
ROOF_RISE_M = 2.5
LOWEST_STOREY_M = 2.5
STOREY_M = 2.8
"""Floor to floor: the second storey adds this to the eaves height."""


@dataclass
class _Pick:
    lay: Layout
    place: Placement
    total: float


def draft(plan: Plan, household_id: str, variants: int = 1) -> list[Plan]:
    """Draft floor plans for a household's room needs on the plan's plot, best first.

    Each plan is a full copy of ``plan`` with the household's building replaced
    (or added); its ``extra["layout"]`` explains the choices. Raises
    :class:`~planner.errors.LayoutError` with a plain explanation when no layout
    fits, and :class:`~planner.errors.PlannerError` for an unknown household.
    """
    if variants < 1:
        raise PlannerError("variants must be at least 1")
    household = plan.household(household_id)
    if household is None:
        raise PlannerError(f"no household '{household_id}' in the plan")
    if explain(polygon(plan.plot.boundary)) is not None:
        raise LayoutError("Tomtegrensen er ikke en gyldig flate; tegn den på nytt før et utkast lages.",
                          "The plot boundary is not a valid shape; redraw it before drafting.")
    _refuse_shared(plan, household_id)
    heights = _heights(plan.plot.regulation)
    base, slot = _without(plan, household_id)
    site = Site(base, household_id, heights[0])
    job = _Job(plan, base, slot, site, heights, household_id)
    two = _two_storey_heights(plan.plot.regulation)
    smallest: list[Layout] = []
    for compact in (False, True):
        prog = program_of(household, compact)
        cands = candidates(prog)
        smallest += sorted(cands, key=lambda c: c.length_m * c.depth_m)[:1]
        smallest += sorted(cands, key=lambda c: min(c.length_m, c.depth_m))[:1]
        upstairs = None
        if two is not None and not prog.accessible:
            job2 = _Job(plan, base, slot, Site(base, household_id, two[0]), two, household_id)
            upstairs = lambda number, p=prog, j=job2: j.upstairs(p, number)  # noqa: E731
        out = job.run(prog, cands, variants, upstairs)
        if out:
            return out
    two_m2: list[float] = []
    if two is not None:
        site2 = Site(base, household_id, two[0])
        for compact in (False, True):
            for ground, upper in storey_splits(program_of(household, compact)):
                cands = candidates(ground)
                two_m2 += [min(c.length_m * c.depth_m for c in cands)] if cands else []
                job2 = _Job(plan, base, slot, site2, two, household_id, upper=upper)
                out = job2.run(ground, cands, variants)
                if out:
                    return out
    raise _refusal(site, smallest, min(two_m2) if two_m2 else None)


def _refuse_shared(plan: Plan, household_id: str) -> None:
    """A home that is a unit of a building shared with other households is not redrawn alone."""
    for b in plan.buildings:
        homes = {b.household} | {u.household for u in b.units or []}
        if b.units and household_id in homes and len(homes) > 1:
            others = sorted(homes - {household_id})
            names = [(plan.household(o).name if plan.household(o) else o) for o in others]
            raise LayoutError(
                f"Boligen hører til bygning {b.id}, som deles med {', '.join(names)}. Utkast lages bare "
                "for et hus med én bolig; endre den delte bygningen for hånd.",
                f"The home belongs to building {b.id}, which is shared with {', '.join(names)}. Drafts "
                "are made only for a house with one home; change the shared building by hand.")


def _heights(reg: Regulation) -> tuple[float, float]:
    gesims = min(GESIMS_M, reg.max_gesims, reg.max_mone)
    if gesims < LOWEST_STOREY_M:
        raise LayoutError(
            f"Høydegrensen på tomten ({comma(reg.max_gesims)} m gesims, {comma(reg.max_mone)} m møne) er "
            "for lav for en etasje.",
            f"The height limit of the plot ({reg.max_gesims:g} m eaves, {reg.max_mone:g} m ridge) is "
            "too low for a storey.")
    return gesims, _ridge(gesims, reg)


def _two_storey_heights(reg: Regulation) -> tuple[float, float] | None:
    """Eaves and ridge of a two-storey house, or None when the height limits allow one storey."""
    gesims = GESIMS_M + STOREY_M
    if gesims > min(reg.max_gesims, reg.max_mone):
        return None
    return gesims, _ridge(gesims, reg)


def _ridge(gesims: float, reg: Regulation) -> float:
    """The ridge a roof rise above the eaves, within the limit for the ridge."""
    return max(gesims, min(gesims + ROOF_RISE_M, reg.max_mone))


def _without(plan: Plan, household_id: str) -> tuple[Plan, int]:
    """A copy of the plan without the household's buildings, and where its first one stood."""
    base = copy.deepcopy(plan)
    slot = next((i for i, b in enumerate(base.buildings) if b.household == household_id),
                len(base.buildings))
    base.buildings = [b for b in base.buildings if b.household != household_id]
    return base, slot


def _refusal(site: Site, smallest: list[Layout], two_storey_m2: float | None = None) -> LayoutError:
    if not smallest:
        return LayoutError("Rommene lar seg ikke ordne i en plan; prøv færre eller mindre rom.",
                           "The rooms cannot be arranged in a plan; try fewer or smaller rooms.")
    best = min(smallest, key=lambda c: c.length_m * c.depth_m)
    need = best.length_m * best.depth_m
    if need > site.allowance_m2:
        reg = site.plan.plot.regulation
        others = sum(polygon(b.footprint).area for b in site.others)
        return words.too_much_bya(need, site.allowance_m2, float(reg.max_bya_percent or 0),
                                  reg.parking_area_m2, others, two_storey_m2)
    narrowest = min(min(c.length_m, c.depth_m) for c in smallest)
    return words.no_room_on_plot(need, narrowest, float(site.buildable.area))


def _sun_penalty(lay: Layout, sun: dict[str, float], weight: float = SUN_WEIGHT) -> float:
    """Cost of the living room's best outside wall facing away from the sun."""
    best = max(sun[s[0]] for s in lay.exterior_sides(lay.index_of("living")))
    return weight * (1.0 - best)


def _sun_by_side(frame: Frame, flip: bool) -> dict[str, float]:
    place = Placement(frame, (0.0, 0.0), flip)
    return {side: float(place.normal(side) @ SUN) for side in SIDES}


def _finding_key(f: Finding) -> tuple[str, str]:
    return f.rule, f.subject


class _Job:
    """One call of :func:`draft`: walks the ranked candidates until enough variants pass."""

    def __init__(self, plan: Plan, base: Plan, slot: int, site: Site,
                 heights: tuple[float, float], household_id: str, upper: Program | None = None) -> None:
        self.plan, self.base, self.slot, self.site = plan, base, slot, site
        self.heights, self.household_id = heights, household_id
        self.upper = upper
        """The second storey's rooms of a two-storey draft (the candidates are its ground floor)."""
        self.frames = frames(plan.plot)
        self.building_id = _building_id(plan, household_id)
        self.taken = {r.id for b in base.buildings for r in b.rooms}
        self._baseline: set[tuple[str, str]] | None = None

    @property
    def baseline(self) -> set[tuple[str, str]]:
        """Errors the plan has without this household's house: not ours to mend."""
        if self._baseline is None:
            self._baseline = {_finding_key(f) for f in check(self.base).errors}
        return self._baseline

    def walk(self, cands: list[Layout], sun_weight: float = SUN_WEIGHT) -> Iterator[_Pick]:
        """Placed candidates, cheapest first (cost of the plan plus its sun penalty)."""
        entries = []
        suns = {(fi, flip): _sun_by_side(frame, flip) for fi, frame in enumerate(self.frames)
                for flip in (False, True)}
        for ci, lay in enumerate(cands):
            if lay.length_m * lay.depth_m > self.site.allowance_m2:
                continue
            for fi, frame in enumerate(self.frames):
                if frame.mode != lay.knobs.mode:
                    continue
                for flip in (False, True):
                    total = lay.cost + _sun_penalty(lay, suns[fi, flip], sun_weight)
                    entries.append((round(total, 6), ci, fi, flip))
        entries.sort()
        fits: dict[tuple[int, float, float], tuple[float, float] | None] = {}
        for total, ci, fi, flip in entries:
            lay = cands[ci]
            key = (fi, lay.length_m, lay.depth_m)
            if key not in fits:
                fits[key] = self.site.fit(self.frames[fi], lay.length_m, lay.depth_m)
            if fits[key] is not None:
                yield _Pick(lay, Placement(self.frames[fi], fits[key], flip), total)

    def run(self, prog: Program, cands: list[Layout], variants: int,
            upstairs: Callable[[int], Plan | None] | None = None) -> list[Plan]:
        """Suggestion 1 is the compact one (the best-ranked candidate that passes); then one of
        each other kind (:mod:`planner.layout.kinds`); then, where a kind does not fit or for a
        fourth, the home on two storeys (``upstairs``, when the heights allow it); then compact
        ones placed or zoned another way, until there are ``variants``. Empty when not even the
        first passes."""
        out: list[Plan] = []
        majors: set[tuple] = set()
        fulls: set[tuple] = set()
        later: list[_Pick] = []
        walk = self.walk(cands)
        for pick in walk:
            if self._take(prog, pick, out, COMPACT):
                major, full = _signature(pick)
                majors.add(major)
                fulls.add(full)
                break
        if not out:
            return out
        for kind in KINDS[1:]:
            if len(out) == variants:
                break
            if not self._kind(prog, kind, out) and upstairs is not None:
                out += [p for p in [upstairs(len(out) + 1)] if p is not None]
                upstairs = None
        if len(out) < variants and upstairs is not None:
            out += [p for p in [upstairs(len(out) + 1)] if p is not None]
        for pick in walk:
            if len(out) == variants:
                break
            major, full = _signature(pick)
            if major in majors:
                later.append(pick)
                continue
            if self._take(prog, pick, out, None):
                majors.add(major)
                fulls.add(full)
        for pick in later:
            if len(out) == variants:
                break
            major, full = _signature(pick)
            if full not in fulls and self._take(prog, pick, out, None):
                fulls.add(full)
        _name(out, self.household_id)
        return out

    def _kind(self, prog: Program, kind: Kind, out: list[Plan]) -> bool:
        """Add a variant of ``kind``: its rooms grown, the whole growth first, then half."""
        upper = self.upper
        if not (kinds.grows(prog, kind) or (upper is not None and kinds.grows(upper, kind))):
            return False
        for step in kinds.STEPS:
            ground = kinds.grown(prog, kind, step)
            up = kinds.grown(upper, kind, step) if upper is not None else None
            if up is not None:
                ground.notes += up.notes
                up.notes = []
            for tries, pick in enumerate(self.walk(candidates(ground), kind.sun_weight)):
                if tries == KIND_TRIES:
                    break
                if self._take(ground, pick, out, kind, up):
                    mine = kinds.figures_of(_own(out[-1], self.household_id))
                    if all(kinds.noticeable(mine, kinds.figures_of(_own(p, self.household_id)))
                           for p in out[:-1]):
                        return True
                    out.pop()  # the plot leaves it too like another suggestion: not a kind of its own
                    break
        return False

    def upstairs(self, prog: Program, number: int) -> Plan | None:
        """Suggestion ``number``: the one-storey program on two storeys, for a smaller footprint and
        a larger garden (the bedrooms upstairs); None when no split of the rooms passes."""
        for ground, upper in storey_splits(prog):
            ground.notes = [kinds.by_choice(n) for n in ground.notes]
            for tries, pick in enumerate(self.walk(candidates(ground))):
                if tries == KIND_TRIES:
                    break
                made = self._two_storeys(ground, upper, pick, number, True)
                if made is not None:
                    _own(made, self.household_id).extra["layout"]["kind"] = kinds.STOREYS.key
                    return made
        return None

    def _take(self, prog: Program, pick: _Pick, out: list[Plan], kind: Kind | None,
              upper: Program | None = None) -> bool:
        """Make the next suggestion of ``kind`` (None: another compact one) and add it when it
        passes. A kind's kitchen is as the kind has it; the others alternate open and separate."""
        kitchen_open = kind.kitchen_open if kind is not None else len(out) % 2 == 0
        made = self.make(prog, pick, len(out) + 1, kitchen_open, upper)
        if made is not None:
            _own(made, self.household_id).extra["layout"]["kind"] = kind.key if kind else "other"
            out.append(made)
        return made is not None

    def make(self, prog: Program, pick: _Pick, number: int, kitchen_open: bool = True,
             upper: Program | None = None) -> Plan | None:
        """Build, check and repair one variant; None when it cannot be made to pass. ``upper`` is
        the second storey's program of a two-storey draft (the job's own when not given)."""
        if self.upper is not None:
            return self._two_storeys(prog, upper or self.upper, pick, number, kitchen_open)
        lay, place, asked = pick.lay, pick.place, prog
        last: Plan | None = None
        for _ in range(REPAIRS):
            ids = build.room_ids(lay, self.building_id, set(self.taken))
            b = build.building(lay, place, self.building_id, self.household_id, ids, kitchen_open,
                               self.heights)
            if b is None:
                return None
            plan = self._with(b, asked, lay, place, kitchen_open, number, ids)
            report = check(plan)
            errors = [f for f in report.errors if _finding_key(f) not in self.baseline]
            if not errors:
                last = plan
            todo = errors + _own_warnings(report, b, self.household_id)
            if not todo:
                return plan
            fixed = _repair(prog, lay, ids, todo)
            if fixed is None:
                return last
            prog = fixed
            lay = rebuild(prog, lay)
            corner = None if lay is None else self.site.fit(place.frame, lay.length_m, lay.depth_m)
            if lay is None or corner is None:
                return last
            place = Placement(place.frame, corner, place.flip)
        return last

    def _two_storeys(self, ground: Program, upper: Program, pick: _Pick, number: int,
                     kitchen_open: bool) -> Plan | None:
        """A two-storey variant: the candidate as its ground floor, the upper storey over it.
        Not repaired: a variant with an error is left out for the next candidate."""
        lay, place = pick.lay, pick.place
        up = upper_layout(lay, upper)
        if up is None:
            return None
        ids = build.room_ids(lay, self.building_id, set(self.taken))
        ids_up = build.room_ids(up, self.building_id, set(self.taken) | set(ids))
        b = build.building(lay, place, self.building_id, self.household_id, ids, kitchen_open, self.heights)
        if b is None or not build.add_storey(b, up, place, ids_up):
            return None
        notes = list(ground.notes)
        family = [bx for bx in up.boxes if bx.spec is not None and bx.spec.key == "allrom"]
        if family:
            w, d = net_size(family[0], up.length_m, up.depth_m)
            notes.append((f"2. etasje har plass til et allrom på {comma(round(w * d, 1))} m² i tillegg.",
                          f"The upper storey has room for a family room of {w * d:.1f} m² as well."))
        whole = ground.with_rooms(ground.rooms + [r for r in upper.rooms if r.type != "stair"], notes)
        plan = self._with(b, whole, lay, place, kitchen_open, number, ids, (up, ids_up))
        errors = [f for f in check(plan).errors if _finding_key(f) not in self.baseline]
        return None if errors else plan

    def _with(self, b: Building, prog: Program, lay: Layout, place: Placement, kitchen_open: bool,
              number: int, ids: list[str], upper: tuple[Layout, list[str]] | None = None) -> Plan:
        plan = copy.deepcopy(self.base)
        plan.buildings.insert(self.slot, b)
        nb_en = words.choices(prog, lay, place, kitchen_open, upper[0] if upper else None)
        moved = _remap_contributions(self.plan, plan, self.household_id, b)
        if moved:
            nb_en.append(("Egeninnsatsen er koblet til rommene av samme slag i utkastet.",
                          "The self-build tasks are tied to rooms of the same kind in the draft."))
        storeys = [(lay, ids)] + ([upper] if upper else [])
        b.extra["layout"] = _explanation(prog, storeys, number, nb_en)
        return plan


def _signature(pick: _Pick) -> tuple[tuple, tuple]:
    """What a family notices: orientation and zoning (major), then the bedroom and wet sides."""
    k = pick.lay.knobs
    major = (round(pick.place.frame.angle, 6), pick.place.frame.mode, pick.place.flip, k.kitchen)
    return major, major + (k.wet_front, k.bedrooms_front, k.companions)


def _own(plan: Plan, household_id: str) -> Building:
    return next(b for b in plan.buildings if b.household == household_id)


def _name(out: list[Plan], household_id: str) -> None:
    """Give every variant its short name and its one line of what it gives the family, in both
    languages (``name``, ``name_en``, ``summary``, ``summary_en`` of ``extra["layout"]``)."""
    houses = [_own(p, household_id) for p in out]
    figs = [kinds.figures_of(b) for b in houses]
    least = min(f.bra_m2 for f in figs)
    first = houses[0].extra["layout"]
    used: set[str] = set()
    present = {b.extra["layout"]["kind"] for b in houses}
    missing = [k for k in KINDS[:len(houses)] if k.key not in present]
    for i, (b, fig) in enumerate(zip(houses, figs, strict=True)):
        info = b.extra["layout"]
        mine = (info["choices"], info["choices_en"])
        if info["kind"] == "other":
            name, line = kinds.other_name(mine, (first["choices"], first["choices_en"]))
            if missing:
                line = kinds.instead_of(missing.pop(0), line)
        else:
            kind = next(k for k in (*KINDS, kinds.STOREYS) if k.key == info["kind"])
            name = kind.name
            line = kinds.summary(kind.key, fig, figs[0] if i else None,
                                 len(figs) > 1 and fig.bra_m2 <= least + 0.05, mine)
        n = 2
        nb, en = name
        while nb in used:
            nb, en, n = f"{name[0]} {n}", f"{name[1]} {n}", n + 1
        used.add(nb)
        info.update({"name": nb, "name_en": en, "summary": line[0], "summary_en": line[1]})


def _own_warnings(report: Report, b: Building, household_id: str) -> list[Finding]:
    """Warnings the generator mends: room sizes and room needs of its own house."""
    own = {f"room:{r.id}" for r in b.rooms} | {f"household:{household_id}"}
    return [f for f in report.warnings
            if f.rule in ("program.room-needs", "room.min-area") and f.subject in own]


def _repair(prog: Program, lay: Layout, ids: list[str], findings: list[Finding]) -> Program | None:
    """A changed program that mends what the checker found, or None when it cannot be mended."""
    fixed = copy.deepcopy(prog)
    by_id = {rid: box.spec.key for rid, box in zip(ids, lay.boxes, strict=True) if box.spec}
    specs = {s.key: s for s in fixed.rooms}
    for f in findings:
        room = specs.get(by_id.get(f.subject.removeprefix("room:"), ""))
        short = (f.limit or 0.0) - (f.measured or 0.0)
        if f.rule in ("room.turning-space", "room.bathroom-turning-space") and room:
            room.min_side_m += short + 0.05
        elif f.rule == "room.passage-width":
            if room:
                room.min_side_m += short + 0.05
            else:
                fixed.hall_net_m += short + 0.05
        elif f.rule == "program.storage":
            for s in fixed.of_type("storage"):
                s.target_m2 = s.min_m2 = s.target_m2 * (f.limit or 5.0) / max(f.measured or 1.0, 1.0) + 0.1
        elif f.rule == "room.min-area" and room:
            room.target_m2 = max(room.target_m2, (f.limit or 0.0) + 0.1)
        elif f.rule == "program.room-needs":
            for s in fixed.rooms:
                s.target_m2 = max(s.target_m2, s.min_m2) * 1.02
        else:
            return None
    return fixed


def _explanation(asked: Program, storeys: list[tuple[Layout, list[str]]], number: int,
                 nb_en: list[tuple[str, str]]) -> dict[str, Any]:
    """``extra["layout"]``: method, variant, choices and the targets as asked (before repairs)."""
    specs = {s.key: s for s in asked.rooms}
    rooms = [(rid, specs[box.spec.key]) for lay, ids in storeys
             for rid, box in zip(ids, lay.boxes, strict=True) if box.spec and box.spec.key in specs]
    targets = {rid: round(spec.target_m2, 2) for rid, spec in rooms}
    assumed = [{"room": rid, "name": spec.name, "type": spec.type, "m2": round(spec.target_m2, 2)}
               for rid, spec in rooms if spec.assumed]
    return {"method": METHOD, "variant": number, "choices": [c[0] for c in nb_en],
            "choices_en": [c[1] for c in nb_en], "sizes_assumed": assumed, "targets_m2": targets}


def _building_id(plan: Plan, household_id: str) -> str:
    """The replaced building's id, or the first free letter."""
    for b in plan.buildings:
        if b.household == household_id:
            return b.id
    used = {b.id for b in plan.buildings}
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if letter not in used:
            return letter
    n = 1
    while f"H{n}" in used:
        n += 1
    return f"H{n}"


def _remap_contributions(old: Plan, new: Plan, household_id: str, b: Building) -> bool:
    """Tie self-build tasks that named rooms of the old drawing to new rooms of the same type."""
    old_rooms = {r.id: (bb, r) for bb in old.buildings if bb.household == household_id
                 for r in bb.rooms}
    by_type: dict[str, list[str]] = {}
    for r in b.rooms:
        by_type.setdefault(r.type, []).append(r.id)
    household = new.household(household_id)
    ours = {r.id for r in b.rooms}
    moved = False
    for c in household.contributions if household else []:
        if not c.rooms or all(rid in ours for rid in c.rooms):
            continue
        mapped = []
        for rid in c.rooms:
            if rid in ours:
                mapped.append(rid)
            elif rid in old_rooms:
                bb, r = old_rooms[rid]
                same = [x.id for x in bb.rooms if x.type == r.type]
                pool = by_type.get(r.type, [])
                k = same.index(rid)
                if k < len(pool) and pool[k] not in mapped:
                    mapped.append(pool[k])
        c.rooms = mapped
        moved = True
    return moved

