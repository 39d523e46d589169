"""Plain words for a draft: the choices behind each variant, and why nothing fits."""

from __future__ import annotations

import math

import numpy as np

from planner.errors import LayoutError
from planner.layout.build import Placement
from planner.layout.program import NAMES, Program, Text, comma, listed
from planner.layout.scheme import Layout

COMPASS: tuple[Text, ...] = (
    ("øst", "east"), ("nordøst", "north-east"), ("nord", "north"), ("nordvest", "north-west"),
    ("vest", "west"), ("sørvest", "south-west"), ("sør", "south"), ("sørøst", "south-east"))


def compass(direction: np.ndarray) -> Text:
    """The compass point nearest a world direction (x east, y north).

    >>> compass(np.array([0.0, -1.0]))
    ('sør', 'south')
    >>> compass(np.array([-1.0, 1.0]))
    ('nordvest', 'north-west')
    """
    angle = math.degrees(math.atan2(direction[1], direction[0]))
    return COMPASS[round(angle / 45) % 8]


def _directions(lay: Layout, i: int, place: Placement) -> list[Text]:
    out: list[Text] = []
    for side, _, _ in sorted(lay.exterior_sides(i), key=lambda s: -(s[2] - s[1])):
        c = compass(place.normal(side))
        if c not in out:
            out.append(c)
    return out


def _living(lay: Layout, place: Placement, living_dir: Text) -> Text:
    dirs = _directions(lay, lay.index_of("living"), place)
    nb = f"Stua vender mot {living_dir[0]}"
    en = f"The living room faces {living_dir[1]}"
    if len(dirs) > 1:
        nb += f", med vinduer mot {listed([d[0] for d in dirs], 'og')}"
        en += f", with windows to the {listed([d[1] for d in dirs], 'and')}"
    return nb + ".", en + "."


def _bedrooms(lay: Layout, place: Placement) -> Text:
    if lay.knobs.mode == "front":
        beds = [b for b in lay.boxes if b.type == "bedroom"]
        k = sum(1 for b in beds if b.v0 <= 1e-9)
        if k == 0:
            return ("Soverommene ligger på baksiden, bort fra vegen.",
                    "The bedrooms are at the back, away from the road.")
        if k == len(beds):
            return ("Soverommene ligger mot vegen.", "The bedrooms face the road.")
        if k == 1:
            return ("Ett soverom ligger mot vegen, de andre på baksiden.",
                    "One bedroom faces the road, the others the back.")
        return (f"{k} soverom ligger mot vegen, de andre på baksiden.",
                f"{k} bedrooms face the road, the others the back.")
    dirs: list[Text] = []
    for i, b in enumerate(lay.boxes):
        if b.type == "bedroom":
            for d in _directions(lay, i, place):
                if d not in dirs:
                    dirs.append(d)
    return (f"Soverommene har vinduer mot {listed([d[0] for d in dirs], 'og')}.",
            f"The bedrooms have windows to the {listed([d[1] for d in dirs], 'and')}.")


def _wet(lay: Layout) -> Text | None:
    wet = [b.spec for b in lay.boxes if b.spec is not None and b.spec.is_wet]
    if len(wet) < 2:
        return None
    return (_first_up(f"{listed([w.name.lower() for w in wet], 'og')} ligger vegg i vegg."),
            _first_up(f"{listed([w.name_en.lower() for w in wet], 'and')} are side by side."))


def _first_up(text: str) -> str:
    """The sentence with its first letter a capital (room names are lower case within it).

    >>> _first_up("bad og toalett ligger vegg i vegg.")
    'Bad og toalett ligger vegg i vegg.'
    """
    return text[:1].upper() + text[1:]


def _sizes(prog: Program) -> Text | None:
    seen: dict[str, list[float]] = {}
    for r in prog.rooms:
        if r.assumed:
            seen.setdefault(r.type, [])
            if round(r.target_m2, 1) not in seen[r.type]:
                seen[r.type].append(round(r.target_m2, 1))
    if not seen:
        return None
    nb = [f"{NAMES[t][0].lower()} {' / '.join(comma(a) for a in sizes)} m²" for t, sizes in seen.items()]
    en = [f"{NAMES[t][1].lower()} {' / '.join(f'{a:g}' for a in sizes)} m²" for t, sizes in seen.items()]
    return ("Rom uten oppgitt størrelse har vanlige mål: " + ", ".join(nb) + ".",
            "Rooms without a given size have usual sizes: " + ", ".join(en) + ".")


def living_direction(lay: Layout, place: Placement) -> Text:
    """Where the living room's main window looks (its side nearest the sun)."""
    from planner.layout.site import SUN

    sides = lay.exterior_sides(lay.index_of("living"))
    best = max(sides, key=lambda s: (float(place.normal(s[0]) @ SUN), s[2] - s[1]))
    return compass(place.normal(best[0]))


def choices(prog: Program, lay: Layout, place: Placement, kitchen_open: bool,
            upper: Layout | None = None) -> list[Text]:
    """The short list of choices behind one variant, in both languages; ``upper`` is the second
    storey of a two-storey draft."""
    entry_dir = compass(place.normal(lay.entry_side))
    out: list[Text] = [
        (f"Inngangen ligger mot vegen, mot {entry_dir[0]}.",
         f"The entrance faces the road, to the {entry_dir[1]}."),
        _living(lay, place, living_direction(lay, place)),
        ("Kjøkkenet er åpent mot stua." if kitchen_open else
         "Kjøkkenet er et eget rom med dør til stua.",
         "The kitchen is open to the living room." if kitchen_open else
         "The kitchen is a room of its own with a door to the living room."),
        ("Stue og kjøkken ligger samlet i den ene enden av huset; soverommene ligger langs gangen.",
         "Living room and kitchen share one end of the house; the bedrooms are along the hall.")
        if not lay.knobs.single and upper is None else
        ("Stue og kjøkken ligger samlet i den ene enden av huset; i 2. etasje ligger rommene langs en "
         "gang over hele huset, rett over gangen i 1. etasje.",
         "Living room and kitchen share one end of the house; upstairs the rooms are along a hall "
         "the length of the house, right above the hall below.")
        if upper is not None else
        ("Stue og kjøkken ligger i den ene enden; de andre rommene ligger på rad langs én gang, så "
         "huset blir smalt nok for tomten.",
         "Living room and kitchen are at one end; the other rooms are in a row along one hall, so the "
         "house is narrow enough for the plot."),
    ]
    if any(b.type == "bedroom" for b in (upper or lay).boxes):
        out.append(_bedrooms(upper or lay, place))
    wet = _wet(lay)
    if wet:
        out.append(wet)
    hall = comma(prog.hall_net_m)
    if prog.accessible and upper is not None:
        out.append((f"Gangen er {hall} m bred, så en rullestol kan snu; stue, kjøkken, et soverom og "
                    "badet ligger på inngangsplanet, og dørene er minst 0,9 m brede.",
                    f"The hall is {prog.hall_net_m:g} m wide so a wheelchair can turn; living room, "
                    "kitchen, a bedroom and the bathroom are on the entrance level and the doors are at "
                    "least 0.9 m wide."))
    elif prog.accessible:
        out.append((f"Gangen er {hall} m bred, så en rullestol kan snu; alle rom ligger på "
                    "inngangsplanet, og dørene er minst 0,9 m brede.",
                    f"The hall is {prog.hall_net_m:g} m wide so a wheelchair can turn; every room is on "
                    "the entrance level and the doors are at least 0.9 m wide."))
    else:
        out.append((f"Gangen er {hall} m bred.", f"The hall is {prog.hall_net_m:g} m wide."))
    out.append(("Huset står så langt nord på tomten som avstandskravene tillater, så hagen får mest sol.",
                "The house stands as far north on the plot as the distance rules allow, so the "
                "garden gets the most sun."))
    out.extend(prog.notes)
    sizes = _sizes(prog)
    if sizes:
        out.append(sizes)
    return out


# --------------------------------------------------------------------------- refusals


def too_much_bya(need_m2: float, allowance_m2: float, percent: float, parking_m2: float,
                 others_m2: float, two_storey_m2: float | None = None) -> LayoutError:
    """The program needs more footprint than %-BYA leaves, on one storey and (when the height
    limits allow them and they were tried) on two."""
    extra_nb = extra_en = ""
    if parking_m2 > 0 or others_m2 > 0:
        parts = [(f"{comma(round(parking_m2))} m² parkering", f"{round(parking_m2):g} m² of parking")] \
            if parking_m2 > 0 else []
        if others_m2 > 0:
            parts.append((f"{comma(round(others_m2))} m² andre bygninger",
                          f"{round(others_m2):g} m² of other buildings"))
        extra_nb = ", etter " + " og ".join(p[0] for p in parts)
        extra_en = ", after " + " and ".join(p[1] for p in parts)
    pct = comma(percent)
    two_nb = two_en = ""
    if two_storey_m2 is not None:
        need_m2 = min(need_m2, two_storey_m2)
        two_nb, two_en = " i to etasjer", " on two storeys"
    short = need_m2 - max(allowance_m2, 0.0)
    return LayoutError(
        f"Rommene dere trenger krever om lag {round(need_m2)} m² fotavtrykk{two_nb}, men tomten tillater "
        f"{round(max(allowance_m2, 0.0))} m² ({pct} %-BYA{extra_nb}): {math.ceil(short)} m² for lite. "
        "Færre eller mindre rom, eller en tomt med høyere utnyttelse, kan gi plass.",
        f"The rooms you need take about {round(need_m2)} m² of footprint{two_en}, but the plot allows "
        f"{round(max(allowance_m2, 0.0))} m² ({percent:g} %-BYA{extra_en}): {math.ceil(short)} m² too "
        "little. Fewer or smaller rooms, or a plot that allows more, can make room.")


def no_room_on_plot(area_m2: float, width_m: float, buildable_m2: float) -> LayoutError:
    """No placement of any candidate fits inside the setbacks."""
    return LayoutError(
        f"Huset trenger om lag {round(area_m2)} m² grunnflate og minst {comma(round(width_m, 1))} m i "
        f"bredden, men det får ikke plass innenfor avstandene til nabogrenser, veg og andre hus "
        f"(byggbart område {round(buildable_m2)} m²). Færre eller mindre rom kan gi plass.",
        f"The house needs about {round(area_m2)} m² of footprint and at least {width_m:.1f} m of "
        f"width, but it does not fit within the distances to neighbours, road and other houses "
        f"(buildable area {round(buildable_m2)} m²). Fewer or smaller rooms can make room.")


# --------------------------------------------------------------------------- comparing variants


def differences(choices: list[list[str]]) -> list[list[str]]:
    """For each variant, the choices no other variant shares (in the order given): what a family
    sees as its own in a side-by-side comparison.

    >>> differences([["a", "open", "x"], ["a", "closed", "x"], ["a", "open", "y"]])
    [[], ['closed'], ['y']]
    """
    return [[c for c in mine if sum(c in other for other in choices) == 1] for mine in choices]
