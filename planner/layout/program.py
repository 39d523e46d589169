"""The room program: which rooms a household's home gets, and how big.

The family's ``room_needs`` come first. What the rules require is added when it
is missing (entry, bathroom, 5 m² of storage, a living room, a kitchen and a
bedroom), and every room without a ``min_area_m2`` gets a sensible size. Each
addition and assumption is written down so the draft can explain itself.

>>> from planner.model import Household, RoomNeed
>>> prog = program_of(Household("h", "H", accessible=False,
...                             room_needs=[RoomNeed("bedroom", 2, 8.0)]))
>>> [(r.key, r.target_m2) for r in prog.rooms]  # doctest: +NORMALIZE_WHITESPACE
[('entre', 6.0), ('stue', 25.0), ('kjokken', 10.0), ('sov1', 8.0), ('sov2', 8.0),
 ('bad', 5.5), ('bod', 5.0)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from planner.errors import LayoutError
from planner.model import PERMANENT_STAY, Household

Text = tuple[str, str]
"""A sentence in Norwegian Bokmål and English."""

NORMAL_M2 = {"entry": 6.0, "living": 25.0, "kitchen": 10.0, "bedroom": 9.0, "office": 8.0,
             "bathroom": 5.5, "wc": 2.5, "laundry": 4.0, "storage": 5.0, "technical": 3.0,
             "other": 8.0}
"""Net area of a room the family gave no size for (square metres)."""
COMPACT_M2 = {"entry": 5.0, "living": 20.0, "kitchen": 8.0, "bedroom": 7.5, "office": 7.0,
              "bathroom": 5.0, "wc": 2.0, "laundry": 3.0, "storage": 5.0, "technical": 2.5,
              "other": 7.0}
"""Smaller sizes tried when the normal ones do not fit on the plot."""
MAIN_BEDROOM_M2 = (12.0, 10.0)
ACCESSIBLE_BATHROOM_M2 = (6.5, 6.0)
RULE_MIN_M2 = {"bedroom": 7.0, "living": 15.0, "kitchen": 6.0, "bathroom": 4.0}
"""The usual minimum areas of RULES.md (room.min-area): never drafted smaller."""
STORAGE_M2 = 5.0
SMALLEST_M2 = 1.0
"""No room is drafted smaller, whatever minimum was asked for."""
MIN_SIDE_M = {"entry": 1.3, "living": 3.0, "kitchen": 2.1, "bedroom": 2.4, "office": 2.1,
              "bathroom": 1.6, "wc": 0.95, "laundry": 1.4, "storage": 1.0, "technical": 1.0,
              "other": 2.1}
"""Shortest net side of each room type (metres): furniture, or a Ø 1.5 m turning circle."""
TURNING_SIDE_M = 1.6
HALL_NET_M = (1.1, 1.5)
"""Clear hall width: ordinary home, accessible home (room for a wheelchair to turn)."""
MAX_ROOMS = 24
MAX_BEDROOMS_FROM_MEMBERS = 5

NAMES: dict[str, Text] = {
    "entry": ("Entré", "Entrance"), "living": ("Stue", "Living room"),
    "kitchen": ("Kjøkken", "Kitchen"), "bedroom": ("Soverom", "Bedroom"),
    "office": ("Arbeidsrom", "Study"), "bathroom": ("Bad", "Bathroom"), "wc": ("Toalett", "Toilet"),
    "laundry": ("Vaskerom", "Laundry"), "storage": ("Bod", "Storage"),
    "technical": ("Teknisk rom", "Technical room"), "other": ("Rom", "Room"),
    "hall": ("Gang", "Hall"), "stair": ("Trapp", "Stair"),
}
KEYS = {"entry": "entre", "living": "stue", "kitchen": "kjokken", "bedroom": "sov",
        "office": "arbeid", "bathroom": "bad", "wc": "wc", "laundry": "vask", "storage": "bod",
        "technical": "teknisk", "other": "rom", "hall": "gang", "stair": "trapp"}
ORDER = ("entry", "living", "kitchen", "bedroom", "bathroom", "wc", "laundry", "storage",
         "technical", "office", "other")
WET = frozenset({"bathroom", "wc", "laundry"})
STAIR_M2 = 3.6
"""Net area of a straight stair: about 0.9 m wide and 4 m long with its landing."""
STAIR_SIDE_M = 0.9
"""Clear width of a stair in a home."""
STAIR_RUN_M = 3.0
"""Shortest clear length of a stair between two storeys, landing included."""
ONE_STOREY_NOTE = "Trapp er ikke tatt med: utkastet har én etasje."
GROUND = {"entry", "living", "kitchen", "storage", "wc", "technical"}
"""Rooms of the ground floor in a two-storey draft; an accessible home adds a bedroom and a bathroom."""


@dataclass
class RoomSpec:
    """One room to draft: its type, name, target net area and hard limits."""

    key: str
    type: str
    name: str
    name_en: str
    target_m2: float
    min_m2: float
    """Never smaller: the family's minimum, or the usual minimum of RULES.md."""
    min_side_m: float
    assumed: bool
    """True when the family gave no size and the target is a sensible default."""
    min_length_m: float = 0.0
    """The longer net side at least this long: a stair's run."""

    @property
    def needs_window(self) -> bool:
        return self.type in PERMANENT_STAY

    @property
    def is_wet(self) -> bool:
        return self.type in WET


@dataclass
class Program:
    """Every room of the home except the hall, with the notes that explain it."""

    rooms: list[RoomSpec]
    accessible: bool
    compact: bool
    hall_net_m: float
    notes: list[Text] = field(default_factory=list)

    def with_rooms(self, rooms: list[RoomSpec], notes: list[Text]) -> Program:
        """The same program settings with other rooms and notes."""
        return Program(rooms, self.accessible, self.compact, self.hall_net_m, notes)

    def of_type(self, room_type: str) -> list[RoomSpec]:
        return [r for r in self.rooms if r.type == room_type]

    @property
    def target_m2(self) -> float:
        return sum(r.target_m2 for r in self.rooms)


@dataclass
class _Want:
    type: str
    min_m2: float | None


def comma(x: float) -> str:
    """A number as a person writes it in Norwegian: ``5`` or ``6,5``.

    >>> comma(6.5), comma(5.0)
    ('6,5', '5')
    """
    return f"{x:g}".replace(".", ",")


def _wants(household: Household, notes: list[Text]) -> list[_Want]:
    wants: list[_Want] = []
    for need in household.room_needs:
        if need.type == "stair":
            notes.append((ONE_STOREY_NOTE, "No stair is drawn: the draft has one storey."))
            continue
        if need.type == "hall":
            notes.append(("Gangen tegnes så bred og lang som planen trenger.",
                          "The hall is drawn as wide and long as the plan needs."))
            continue
        count = need.wanted if need.type != "entry" else min(need.wanted, 1)
        wants.extend(_Want(need.type, need.min_area_m2) for _ in range(count))
    if len(wants) > MAX_ROOMS:
        raise LayoutError(
            f"Dere har bedt om {len(wants)} rom; utkastet kan tegne høyst {MAX_ROOMS} rom i én bolig. "
            "Dere kan la barn dele soverom, ta bort rom dere kan klare dere uten, dele huset i to boliger "
            "(en husstand til), eller laste opp en plan tegnet av en arkitekt.",
            f"You asked for {len(wants)} rooms; the draft can draw at most {MAX_ROOMS} rooms in one home. "
            "You can let children share bedrooms, leave out rooms you can do without, split the house "
            "into two homes (a second household), or upload a plan drawn by an architect.")
    return wants


@dataclass
class Suggestion:
    """Room needs suggested from who lives in the home, with the reasons in both languages."""

    needs: list[tuple[str, int, float]]
    """``(room type, how many, smallest net area m²)``."""
    reasons: list[Text]


SHARED_BEDROOM_M2 = 10.0
SINGLE_BEDROOM_M2 = 7.5
SHARING_AGE = 13
"""Children younger than this share a bedroom two by two; older ones get a room of their own."""
PEOPLE_PER_BATHROOM = 5
ROOM_EACH_UP_TO = 3
"""Up to this many children each get a room; more, and the young ones share."""


def suggest(household: Household) -> Suggestion:
    """Sensible room needs for the household: bedrooms for the adults (two to a room) and the
    children (each a room up to three children; from four, the young ones two to a room), a
    bathroom for every five people and a toilet of its own from four, a laundry from five, and
    living room, kitchen and storage growing with the household; never more rooms than a draft
    can draw (children share more when needed).

    >>> from planner.model import Member
    >>> five = Household("h", "H", members=[Member("adult"), Member("adult"), Member("child", 4),
    ...                                     Member("child", 7), Member("child", 15)])
    >>> [(t, n) for t, n, _ in suggest(five).needs]  # doctest: +NORMALIZE_WHITESPACE
    [('entry', 1), ('living', 1), ('kitchen', 1), ('bedroom', 1), ('bedroom', 3), ('bathroom', 1),
     ('wc', 1), ('laundry', 1), ('storage', 1)]
    >>> twenty = Household("h", "H", members=[Member("adult")] * 4 + [Member("child", 3 + i % 12)
    ...                                                               for i in range(16)])
    >>> s = suggest(twenty)
    >>> sum(n for t, n, _ in s.needs if t == "bedroom"), sum(n for t, n, _ in s.needs if t == "bathroom")
    (11, 4)
    >>> sum(n for _, n, _ in s.needs) <= MAX_ROOMS
    True
    """
    adults = [m for m in household.members if m.role == "adult"]
    children = [m for m in household.members if m.role != "adult"]
    people = max(1, len(household.members))
    young = sum(1 for c in children if c.age is None or c.age < SHARING_AGE)
    older = len(children) - young
    adult_rooms = max(1 if adults or not children else 0, math.ceil(len(adults) / 2))
    bathrooms = max(1, math.ceil(people / PEOPLE_PER_BATHROOM))
    wc = 1 if people >= 4 and bathrooms == 1 else 0
    laundry = 1 if people >= 5 else 0
    fixed = 4 + bathrooms + wc + laundry  # entry, living, kitchen, storage
    if len(children) <= ROOM_EACH_UP_TO:
        shared, single = 0, len(children)
    else:
        shared, single = young // 2, young % 2 + older
    while fixed + adult_rooms + shared + single > MAX_ROOMS and single >= 2:
        shared, single = shared + 1, single - 2  # older children share too
    reasons: list[Text] = []
    living = min(60.0, 15.0 + 2.0 * max(0, people - 2))
    kitchen = min(25.0, 8.0 + 0.5 * people)
    storage = STORAGE_M2 + 0.5 * max(0, people - 4)
    bath = ACCESSIBLE_BATHROOM_M2[0] if household.is_accessible else NORMAL_M2["bathroom"]
    needs: list[tuple[str, int, float]] = [("entry", 1, 6.0 if people < 6 else 8.0), ("living", 1, living),
                                           ("kitchen", 1, kitchen)]
    if adult_rooms:
        needs.append(("bedroom", 1, MAIN_BEDROOM_M2[0]))
        if adult_rooms > 1:
            needs.append(("bedroom", adult_rooms - 1, SHARED_BEDROOM_M2))
    if shared:
        needs.append(("bedroom", shared, SHARED_BEDROOM_M2))
    if single:
        needs.append(("bedroom", single, SINGLE_BEDROOM_M2))
    needs.append(("bathroom", bathrooms, bath))
    if wc:
        needs.append(("wc", 1, NORMAL_M2["wc"]))
    if laundry:
        needs.append(("laundry", 1, NORMAL_M2["laundry"]))
    needs.append(("storage", 1, storage))
    beds = adult_rooms + shared + single
    s_nb, s_en = ("", "s") if beds != 1 else ("", "")
    if shared == 0:
        reasons.append((f"{beds} soverom: de voksne to og to, og hvert barn har eget rom.",
                        f"{beds} bedroom{s_en}: adults two to a room, and each child a room of their own."))
    elif older and shared > young // 2:
        reasons.append((f"{beds} soverom: de voksne to og to, og barna deler to og to, så alle rommene "
                        "får plass.",
                        f"{beds} bedroom{s_en}: adults two to a room and the children two to a room, so "
                        "that every room fits."))
    else:
        reasons.append((f"{beds} soverom{s_nb}: de voksne to og to, barn under {SHARING_AGE} år to og to, "
                        "eldre barn har eget rom.",
                        f"{beds} bedroom{s_en}: adults two to a room, children under {SHARING_AGE} two to "
                        "a room, older children a room of their own."))
    extra_nb = (", og et eget toalett" if wc else "") + (", og vaskerom" if laundry else "")
    extra_en = (", and a toilet of its own" if wc else "") + (", and a laundry" if laundry else "")
    reasons.append((f"{bathrooms} bad, ett for hver {PEOPLE_PER_BATHROOM}. person{extra_nb}.",
                    f"{bathrooms} bathroom{'s' if bathrooms != 1 else ''}, one for every "
                    f"{PEOPLE_PER_BATHROOM} people{extra_en}."))
    reasons.append((f"Stue {comma(living)} m² og kjøkken {comma(kitchen)} m², etter hvor mange dere er.",
                    f"Living room {living:g} m² and kitchen {kitchen:g} m², for the number of people."))
    return Suggestion(needs, reasons)


def _bedrooms_from_members(household: Household) -> int:
    """One bedroom for the adults, one for each child, at most five in all."""
    adults = sum(1 for m in household.members if m.role == "adult")
    children = sum(1 for m in household.members if m.role == "child")
    return max(1, min(MAX_BEDROOMS_FROM_MEMBERS, math.ceil(adults / 2) + children))


def _add_required(household: Household, wants: list[_Want], notes: list[Text]) -> None:
    have = {w.type for w in wants}
    added: list[Text] = []
    for kind, nb, en in (("entry", "entré", "an entrance"), ("living", "stue", "a living room"),
                         ("kitchen", "kjøkken", "a kitchen")):
        if kind not in have:
            wants.append(_Want(kind, None))
            added.append((nb, en))
    if "bedroom" not in have:
        n = _bedrooms_from_members(household)
        wants.extend(_Want("bedroom", None) for _ in range(n))
        added.append((f"{n} soverom ut fra hvem som bor i huset",
                      f"{n} bedroom{'s' if n > 1 else ''} for the people in the household"))
    if added:
        notes.append(("Lagt til fordi en bolig trenger det: " + ", ".join(a[0] for a in added) + ".",
                      "Added because a home needs it: " + ", ".join(a[1] for a in added) + "."))
    if "bathroom" not in have:
        wants.append(_Want("bathroom", None))
        notes.append(("Lagt til bad med toalett: hver bolig skal ha det (TEK17 § 12-9).",
                      "Added a bathroom with a toilet: every home needs one (TEK17 § 12-9)."))
    if "storage" not in have:
        wants.append(_Want("storage", None))
        notes.append((f"Lagt til bod på {comma(STORAGE_M2)} m²: boligen skal ha minst "
                      f"{comma(STORAGE_M2)} m² oppbevaring (TEK17 § 12-10).",
                      f"Added a storage room of {STORAGE_M2:g} m²: a home needs at least "
                      f"{STORAGE_M2:g} m² of storage (TEK17 § 12-10)."))


def _sizes(accessible: bool, compact: bool, wants: list[_Want]) -> list[float]:
    table = COMPACT_M2 if compact else NORMAL_M2
    main_given = any(w.type == "bedroom" and (w.min_m2 or 0) >= MAIN_BEDROOM_M2[1] for w in wants)
    main_done = main_given
    out = []
    for w in wants:
        size = table[w.type]
        if w.type == "bedroom" and not main_done and w.min_m2 is None:
            size, main_done = MAIN_BEDROOM_M2[compact], True
        if w.type == "bathroom" and accessible:
            size = ACCESSIBLE_BATHROOM_M2[compact]
        out.append(size if w.min_m2 is None else max(w.min_m2, RULE_MIN_M2.get(w.type, SMALLEST_M2)))
    return out


def _name(room_type: str, number: int, total: int) -> Text:
    nb, en = NAMES[room_type]
    if room_type == "bedroom" and total > 1:
        return f"{nb} {number}", f"{en} {number}"
    if number > 1:
        return f"{nb} {number}", f"{en} {number}"
    return nb, en


def _specs(wants: list[_Want], sizes: list[float], accessible: bool) -> list[RoomSpec]:
    order = sorted(range(len(wants)), key=lambda i: (ORDER.index(wants[i].type), -sizes[i], i))
    totals = {t: sum(1 for w in wants if w.type == t) for t in ORDER}
    seen: dict[str, int] = {}
    specs = []
    for i in order:
        w = wants[i]
        seen[w.type] = seen.get(w.type, 0) + 1
        n = seen[w.type]
        nb, en = _name(w.type, n, totals[w.type])
        key = KEYS[w.type] + (str(n) if w.type == "bedroom" or n > 1 else "")
        min_side = MIN_SIDE_M[w.type]
        if accessible and w.type in ("entry", "kitchen", "bathroom"):
            min_side = max(min_side, TURNING_SIDE_M)
        hard = max(w.min_m2 or 0.0, RULE_MIN_M2.get(w.type, 0.0))
        specs.append(RoomSpec(key, w.type, nb, en, sizes[i], hard, min_side, w.min_m2 is None))
    return specs


def _enough_storage(specs: list[RoomSpec], notes: list[Text]) -> None:
    """Storage rooms total at least 5 m² and are never drafted below their target."""
    stores = [r for r in specs if r.type == "storage"]
    total = sum(r.target_m2 for r in stores)
    if stores and total < STORAGE_M2:
        for r in stores:
            r.target_m2 *= STORAGE_M2 / total
        notes.append((f"Bodene er gjort større, til {comma(STORAGE_M2)} m² til sammen (TEK17 § 12-10).",
                      f"The storage rooms are enlarged to {STORAGE_M2:g} m² in all (TEK17 § 12-10)."))
    for r in stores:
        r.min_m2 = max(r.min_m2, r.target_m2)


def program_of(household: Household, compact: bool = False) -> Program:
    """The rooms to draft for ``household``; ``compact`` uses smaller default sizes."""
    notes: list[Text] = []
    accessible = household.is_accessible
    wants = _wants(household, notes)
    _add_required(household, wants, notes)
    specs = _specs(wants, _sizes(accessible, compact, wants), accessible)
    _enough_storage(specs, notes)
    if compact:
        notes.append(("Rom uten oppgitt størrelse er gjort mindre enn vanlig for å få plass på tomten.",
                      "Rooms without a given size are smaller than usual so the home fits on the plot."))
    return Program(specs, accessible, compact, HALL_NET_M[accessible], notes)


def storey_splits(prog: Program) -> list[tuple[Program, Program]]:
    """The program on two storeys, each with a stair: ways to share the rooms out, the fewest
    on the ground floor first.

    The day rooms are below and the bedrooms above; then a study, laundry or other room
    moves down too, then a bedroom as well, for when the upper storey (its hall runs the
    length of the house) needs more room than the ground floor gives it. An accessible home
    keeps a bedroom and a bathroom on the entrance level (TEK17 § 12-2).

    >>> from planner.model import Household
    >>> ground, upper = storey_splits(program_of(Household("h", "H", accessible=False)))[0]
    >>> [r.type for r in ground.rooms], [r.type for r in upper.rooms]
    (['entry', 'living', 'kitchen', 'storage', 'wc', 'stair'], ['bedroom', 'bathroom', 'stair'])
    """
    below = set(GROUND) | ({"bedroom", "bathroom"} if prog.accessible else set())
    ground, upper, kept = [], [], set()
    for r in prog.rooms:
        if r.type in below and (r.type not in ("bedroom", "bathroom") or r.type not in kept):
            ground.append(r)
            kept.add(r.type)
        else:
            upper.append(r)
    if not upper:
        return []
    notes = [n for n in prog.notes if n[0] != ONE_STOREY_NOTE]
    if not any(r.type in ("wc", "bathroom") for r in ground):
        size = (COMPACT_M2 if prog.compact else NORMAL_M2)["wc"]
        ground.append(RoomSpec("wc1", "wc", NAMES["wc"][0], NAMES["wc"][1], size, 0.0, MIN_SIDE_M["wc"],
                               True))
        notes.append((f"Lagt til toalett på {comma(size)} m² i 1. etasje, så ingen må opp trappen.",
                      f"Added a toilet of {size:g} m² on the ground floor, so nobody has to climb the "
                      "stair for it."))
    splits = [(ground, upper)]
    down = [r for r in upper if r.type in ("office", "laundry", "other")]
    if down and len(down) < len(upper):
        splits.append((ground + down, [r for r in upper if r not in down]))
    beds = sorted((r for r in splits[-1][1] if r.type == "bedroom"), key=lambda r: (r.target_m2, r.key))
    if len(beds) > 1:
        g, u = splits[-1]
        splits.append((g + beds[:1], [r for r in u if r is not beds[0]]))
    return [(prog.with_rooms(g + [_stair(1)], _two_storey_notes(prog, g, notes)),
             prog.with_rooms(u + [_stair(2)], [])) for g, u in splits]


def _two_storey_notes(prog: Program, ground: list[RoomSpec], notes: list[Text]) -> list[Text]:
    below = [r for r in ground if r.type not in ("entry", "living", "kitchen", "storage", "wc", "technical")]
    nb = listed(["entré", "stue", "kjøkken"] + [r.name.lower() for r in below], "og")
    en = listed(["entrance", "living room", "kitchen"] + [r.name_en.lower() for r in below], "and")
    return [(f"Huset har to etasjer, fordi én etasje ikke får plass på tomten: {nb} ligger i 1. etasje, "
             "de andre rommene i 2. etasje, med trapp mellom.",
             f"The house has two storeys, because one storey does not fit on the plot: {en} on the ground "
             "floor, the other rooms upstairs, with a stair between.")] + ([(
                 "Ett soverom og badet ligger på inngangsplanet, som i en tilgjengelig bolig (TEK17 § 12-2).",
                 "One bedroom and the bathroom are on the entrance level, as in an accessible home "
                 "(TEK17 § 12-2).")] if prog.accessible else []) + notes


def listed(words: list[str], conj: str) -> str:
    """``a, b og c``.

    >>> listed(["entré", "stue", "kjøkken"], "og"), listed(["sør"], "og")
    ('entré, stue og kjøkken', 'sør')
    """
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conj} {words[-1]}"


def _stair(storey: int) -> RoomSpec:
    nb, en = NAMES["stair"]
    return RoomSpec(f"trapp{storey}", "stair", nb, en, STAIR_M2, 0.0, STAIR_SIDE_M, False, STAIR_RUN_M)
