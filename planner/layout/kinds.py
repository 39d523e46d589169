"""The kinds of suggestion: what sets the three variants of a draft apart, in a family's words.

A family choosing between floor plans weighs a few things: what the house costs (its
floor area), how much room there is to be together (living room and kitchen), and how
much room each person has to themselves (the bedrooms). The three kinds each draw the
same room needs with a different weight on one of them:

- **compact** (*Kompakt*): the rooms at the sizes asked for, the least floor area and
  so the lowest cost; the generator's best-ranked plan;
- **living** (*Stor stue og kjøkken*): the living room 40 % larger (at least 6 m², a
  sofa group) and the kitchen 25 % (at least 2 m², room around a dining table), open to
  each other, the living room turned to the sun before anything else;
- **bedrooms** (*Større soverom*): every bedroom a quarter larger, at least 2 m² (a
  7.5 m² child's room becomes 9.5 m²: room for a desk beside the bed and wardrobe).

A kind that does not fit on the plot is tried again at half its growth; one that fits
but comes out hardly different from another suggestion (:func:`noticeable`) is not
offered as a kind of its own. In its place, or as a fourth suggestion, comes the home on
two storeys (**storeys**, *To etasjer*: a smaller footprint and a larger garden) where the
heights allow it and nobody in the household needs every room on one level; after that,
compact variants placed or zoned another way.

>>> from planner.model import Household, RoomNeed
>>> from planner.layout.program import program_of
>>> prog = program_of(Household("h", "H", room_needs=[RoomNeed("bedroom", 2, 7.5)]))
>>> [(r.key, r.target_m2) for r in grown(prog, LIVING).rooms if r.type in ("living", "kitchen")]
[('stue', 35.0), ('kjokken', 12.5)]
>>> [r.target_m2 for r in grown(prog, BEDROOMS).rooms if r.type == "bedroom"]
[9.5, 9.5]
>>> grown(prog, BEDROOMS, 0.5).of_type("bedroom")[0].target_m2
8.5
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from planner.layout.program import Program, Text, comma

LIVING_GROWTH = (0.4, 6.0)
"""Living room: grown by this share of its size, at least this many square metres (a sofa group)."""
KITCHEN_GROWTH = (0.25, 2.0)
"""Kitchen: grown by this share, at least this many square metres (room for a dining table)."""
BEDROOM_GROWTH = (0.25, 2.0)
"""Each bedroom: grown by this share, at least this many square metres (room for a desk)."""
STEPS = (1.0, 0.5)
"""Growths tried, the whole first: half when the whole does not fit on the plot."""
SUN_WEIGHTS = {"compact": 12.0, "living": 40.0, "bedrooms": 12.0, "storeys": 12.0}
"""Cost (m² equivalents) of a living room facing away from the sun, by kind."""


@dataclass(frozen=True)
class Kind:
    """One kind of suggestion: its key, its short name and how it weighs the sun."""

    key: str
    name: Text
    kitchen_open: bool = True

    @property
    def sun_weight(self) -> float:
        return SUN_WEIGHTS[self.key]


COMPACT = Kind("compact", ("Kompakt", "Compact"))
LIVING = Kind("living", ("Stor stue og kjøkken", "Large living room and kitchen"))
BEDROOMS = Kind("bedrooms", ("Større soverom", "Larger bedrooms"))
KINDS = (COMPACT, LIVING, BEDROOMS)
STOREYS = Kind("storeys", ("To etasjer", "Two storeys"))
"""The home on two storeys although one fits: where a kind does not fit, or as a fourth suggestion."""
GROWS = {"living": {"living": LIVING_GROWTH, "kitchen": KITCHEN_GROWTH},
         "bedrooms": {"bedroom": BEDROOM_GROWTH}}


def _grow(m2: float, growth: tuple[float, float], step: float) -> float:
    share, least = growth
    return round(max(m2 * (1 + share * step), m2 + least * step), 2)


def grows(prog: Program, kind: Kind) -> bool:
    """True when the kind makes some room of the program larger."""
    return any(r.type in GROWS.get(kind.key, {}) for r in prog.rooms)


def grown(prog: Program, kind: Kind, step: float = 1.0) -> Program:
    """The program with the kind's rooms grown by ``step`` of its growth (a copy; the
    family's minimums stay what they asked for), and a note that says so."""
    out = copy.deepcopy(prog)
    growth = GROWS.get(kind.key, {})
    changed = [r for r in out.rooms if r.type in growth]
    for r in changed:
        r.target_m2 = _grow(r.target_m2, growth[r.type], step)
        r.assumed = False
    if not changed:
        return out
    if kind is LIVING:
        parts_nb = [f"{r.name.lower()} {comma(round(r.target_m2, 1))} m²" for r in changed]
        parts_en = [f"{r.name_en.lower()} {round(r.target_m2, 1):g} m²" for r in changed]
        out.notes.append(("Stue og kjøkken er gjort større enn det minste dere trenger: "
                          + ", ".join(parts_nb) + ".",
                          "Living room and kitchen are larger than the least you need: "
                          + ", ".join(parts_en) + "."))
    else:
        sizes = sorted({round(r.target_m2, 1) for r in changed})
        out.notes.append(("Soverommene er gjort større enn det minste dere trenger, "
                          f"{' / '.join(comma(s) for s in sizes)} m², med plass til et skrivebord.",
                          "The bedrooms are larger than the least you need, "
                          f"{' / '.join(f'{s:g}' for s in sizes)} m², with room for a desk."))
    return out


# --------------------------------------------------------------------------- figures and words


@dataclass(frozen=True)
class Figures:
    """What a family compares between suggestions: the home's own figures."""

    bra_m2: float
    footprint_m2: float
    storeys: int
    living_m2: float
    """Net area of the living rooms and kitchens (a family room upstairs included)."""
    bedrooms_m2: tuple[float, ...]
    """Net area of each bedroom, largest first."""

    @property
    def bedroom_total_m2(self) -> float:
        return round(sum(self.bedrooms_m2), 1)

    def to_dict(self) -> dict[str, Any]:
        return {"bra_m2": self.bra_m2, "footprint_m2": self.footprint_m2, "storeys": self.storeys,
                "living_kitchen_m2": self.living_m2, "bedrooms_m2": list(self.bedrooms_m2)}


def figures_of(building: Any) -> Figures:
    """The figures of a drafted (or any readable) building."""
    from planner.geometry import BuildingGeometry

    geo = BuildingGeometry.of(building)
    nets = [(r.type, float(a)) for r, a in zip(geo.rooms, geo.net_areas, strict=True)]
    return Figures(round(float(geo.bra_m2), 1), round(float(geo.footprint.area), 1), int(building.storeys),
                   round(sum(a for t, a in nets if t in ("living", "kitchen")), 1),
                   tuple(sorted((round(a, 1) for t, a in nets if t == "bedroom"), reverse=True)))


NOTICEABLE = {"bra": 0.05, "living": 0.15, "bedrooms": 0.15}
"""How much larger one variant must be than another for a family to notice, as a share: 5 % of BRA
(about 5 m² in a home of a hundred, some 200 000 kr at the planning price), or 15 % of living room and
kitchen (about 5 m²: a sofa group, or room around a dining table for five), or 15 % of the bedrooms'
floor (a child's room of 7.5 m² becoming 9: room for a desk). Another storey count always shows."""


def _more(a: float, b: float) -> float:
    lo, hi = sorted((a, b))
    return hi / lo - 1 if lo > 0 else (1.0 if hi > 0 else 0.0)


def noticeable(a: Figures, b: Figures) -> bool:
    """Whether a family sees two variants differ in what they can choose by (:data:`NOTICEABLE`).

    >>> f = Figures(100.0, 110.0, 1, 30.0, (12.0, 8.0))
    >>> noticeable(f, Figures(103.0, 113.0, 1, 33.0, (12.0, 8.0)))  # 3 % more BRA, 10 % more living
    False
    >>> noticeable(f, Figures(106.0, 117.0, 1, 30.0, (12.0, 8.0)))
    True
    """
    return (a.storeys != b.storeys or _more(a.bra_m2, b.bra_m2) >= NOTICEABLE["bra"]
            or _more(a.living_m2, b.living_m2) >= NOTICEABLE["living"]
            or _more(a.bedroom_total_m2, b.bedroom_total_m2) >= NOTICEABLE["bedrooms"])


LIVING_DIRECTIONS = {"nb": "Stua vender mot ", "en": "The living room faces "}


def _facing(choices: list[str], lang: str) -> str:
    """Where the living room faces, from the variant's choices (``sør``), or empty."""
    head = LIVING_DIRECTIONS[lang]
    for c in choices:
        if c.startswith(head):
            return c[len(head):].split(",")[0].rstrip(".")
    return ""


def summary(kind: str, mine: Figures, first: Figures | None, smallest: bool,
            choices: tuple[list[str], list[str]]) -> Text:
    """One line, in plain words, of what this variant gives the family; ``first`` is the
    figures of suggestion 1 (None for suggestion 1 itself), ``smallest`` whether it has the
    least floor area of all."""
    bra = comma(round(mine.bra_m2))
    if kind == "compact" and first is None:
        if smallest:
            return (f"Rommene i de størrelsene dere trenger, på minst mulig gulv: det minste huset, {bra} m² "
                    "BRA, og den laveste prisen.",
                    f"The rooms at the sizes you need on the least floor: the smallest house, "
                    f"{round(mine.bra_m2):g} m² BRA, and the lowest price.")
        return (f"Rommene i de størrelsene dere trenger, på lite gulv: {bra} m² BRA.",
                f"The rooms at the sizes you need on little floor: {round(mine.bra_m2):g} m² BRA.")
    if kind == "living" and first is not None:
        more = round(mine.living_m2 - first.living_m2)
        face_nb, face_en = _facing(choices[0], "nb"), _facing(choices[1], "en")
        now, then = round(mine.living_m2), round(first.living_m2)
        return (f"Stue og kjøkken har {comma(more)} m² mer gulv enn i forslag 1 ({comma(now)} m² i stedet "
                f"for {comma(then)} m²), åpne mot hverandre, med stua mot {face_nb}.",
                f"Living room and kitchen have {more:g} m² more floor than in suggestion 1 ({now:g} m² "
                f"instead of {then:g} m²), open to each other, with the living room facing {face_en}.")
    if kind == "bedrooms" and first is not None:
        more = round(mine.bedroom_total_m2 - first.bedroom_total_m2)
        least = comma(min(mine.bedrooms_m2)) if mine.bedrooms_m2 else "0"
        return (f"Soverommene har til sammen {comma(more)} m² mer gulv enn i forslag 1; det minste er "
                f"{least} m², med plass til seng, skap og skrivebord.",
                f"The bedrooms have {more:g} m² more floor in all than in suggestion 1; the smallest is "
                f"{min(mine.bedrooms_m2) if mine.bedrooms_m2 else 0:g} m², with room for a bed, a wardrobe "
                "and a desk.")
    if kind == "storeys" and first is not None:
        less = round(first.footprint_m2 - mine.footprint_m2)
        least = min(mine.bedrooms_m2) if mine.bedrooms_m2 else 0.0
        if less > 0:
            return (f"Huset har to etasjer: {comma(less)} m² mindre fotavtrykk enn forslag 1 og større hage; "
                    f"soverommene ligger i 2. etasje, det minste er {comma(least)} m².",
                    f"The house has two storeys: {less:g} m² less footprint than suggestion 1 and a larger "
                    f"garden; the bedrooms are upstairs, the smallest {least:g} m².")
        return (f"Huset har to etasjer: dagligrommene nede, soverommene oppe; det minste er {comma(least)} "
                "m².",
                f"The house has two storeys: the day rooms below, the bedrooms upstairs, the smallest "
                f"{least:g} m².")
    return ("", "")


TWO_STOREYS_NEEDED = ("Huset har to etasjer, fordi én etasje ikke får plass på tomten:",
                      "The house has two storeys, because one storey does not fit on the plot:")
TWO_STOREYS_CHOSEN = ("Huset har to etasjer, så fotavtrykket blir mindre og hagen større:",
                      "The house has two storeys, so that the footprint is smaller and the garden larger:")


def by_choice(note: Text) -> Text:
    """A two-storey draft's note when one storey would fit too: two storeys by choice, not need.

    >>> by_choice(("Huset har to etasjer, fordi én etasje ikke får plass på tomten: entré.", "x"))[0]
    'Huset har to etasjer, så fotavtrykket blir mindre og hagen større: entré.'
    """
    return (note[0].replace(TWO_STOREYS_NEEDED[0], TWO_STOREYS_CHOSEN[0]),
            note[1].replace(TWO_STOREYS_NEEDED[1], TWO_STOREYS_CHOSEN[1]))


def instead_of(kind: Kind, line: Text) -> Text:
    """The line of a variant that stands where a kind of suggestion would: it says that kind came out
    too like the others on this plot (or did not fit), then what this one is.

    >>> instead_of(BEDROOMS, ("Stua vender mot vest.", "The living room faces west."))[1]
    'A suggestion with larger bedrooms does not fit on this plot or hardly differs, so this is \
suggestion 1 arranged another way: the living room faces west.'
    """
    what = {"living": ("stor stue og kjøkken", "a large living room and kitchen"),
            "bedrooms": ("større soverom", "larger bedrooms")}[kind.key]
    return (f"Et forslag med {what[0]} får ikke plass på denne tomten eller blir nesten likt, så dette er "
            f"forslag 1 ordnet på en annen måte: {line[0][:1].lower()}{line[0][1:]}",
            f"A suggestion with {what[1]} does not fit on this plot or hardly differs, so this is "
            f"suggestion 1 arranged another way: {line[1][:1].lower()}{line[1][1:]}")


def other_name(choices: tuple[list[str], list[str]], first: tuple[list[str], list[str]]) -> tuple[Text, Text]:
    """Name and line of a compact variant placed or zoned another way than suggestion 1:
    what differs first among the entrance, the living room's side and the kitchen."""
    nb, en = choices
    for i in (2, 1, 0):
        if i < len(nb) and i < len(first[0]) and nb[i] != first[0][i]:
            if i == 2:
                tag = ("eget kjøkken", "separate kitchen") if "eget rom" in nb[i] else \
                    ("åpent kjøkken", "open kitchen")
            elif i == 1 and _facing(nb, "nb") != _facing(first[0], "nb"):
                tag = (f"stue mot {_facing(nb, 'nb')}", f"living room to the {_facing(en, 'en')}")
            elif i == 1:
                tag = ("speilvendt", "mirrored")
            else:
                tag = ("inngang på en annen side", "entrance on another side")
            return ((f"Kompakt, {tag[0]}", f"Compact, {tag[1]}"), (nb[i], en[i]))
    return (("Kompakt, annen planløsning", "Compact, another arrangement"),
            ("Samme rom som forslag 1, ordnet på en annen måte i huset.",
             "The same rooms as suggestion 1, arranged another way in the house."))
