"""The message catalogue of the checker: Norwegian Bokmål first, English second.

A finding keeps its message key and parameters, so the web app can show the
same finding in either language. Numbers are written with a decimal comma in
Bokmål. Every message says what is wrong, by how much, and names its source
in plain words.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("nb", "en")

ROOM_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "entry": ("entré", "entrance"),
    "hall": ("gang", "hall"),
    "living": ("stue", "living room"),
    "kitchen": ("kjøkken", "kitchen"),
    "bedroom": ("soverom", "bedroom"),
    "office": ("arbeidsrom", "study"),
    "bathroom": ("bad", "bathroom"),
    "wc": ("toalett", "toilet"),
    "laundry": ("vaskerom", "laundry"),
    "storage": ("bod", "storage room"),
    "technical": ("teknisk rom", "technical room"),
    "stair": ("trapp", "stair"),
    "other": ("annet rom", "other room"),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    "geometry.invalid/plot": (
        "Tomtegrensen er ikke en gyldig flate ({reason}). Tegn den på nytt uten kryssende linjer; "
        "tomteregler kan ikke sjekkes før den er rettet.",
        "The plot boundary is not a valid shape ({reason}). Redraw it without crossing lines; "
        "plot rules cannot be checked until it is fixed."),
    "geometry.invalid/footprint": (
        "Fotavtrykket til bygning {building} er ikke en gyldig flate ({reason}). Tegn det på nytt "
        "uten kryssende linjer.",
        "The footprint of building {building} is not a valid shape ({reason}). Redraw it without "
        "crossing lines."),
    "geometry.invalid/room": (
        "Rommet {room} er ikke en gyldig flate ({reason}). Tegn det på nytt uten kryssende linjer; "
        "de andre rommene er sjekket.",
        "The room {room} is not a valid shape ({reason}). Redraw it without crossing lines; the "
        "other rooms were checked."),
    "plot.outside": (
        "Bygning {building} går {measured} m² utenfor tomtegrensen. Hele bygningen må stå på tomten.",
        "Building {building} reaches {measured} m² beyond the plot boundary. The whole building "
        "must stand on the plot."),
    "plot.neighbour-distance": (
        "Bygning {building} står {measured} m fra nabogrensen (kant {edge}); minst {limit} m kreves "
        "(plan- og bygningsloven § 29-4 andre ledd).",
        "Building {building} stands {measured} m from the neighbour boundary (edge {edge}); at least "
        "{limit} m is required (Planning and Building Act § 29-4, second paragraph)."),
    "plot.road-distance": (
        "Bygning {building} står {measured} m fra vegen (kant {edge}); minst {limit} m kreves "
        "(byggegrensen i reguleringsplanen; der planen ikke har byggegrense, gjelder veglova § 29).",
        "Building {building} stands {measured} m from the road (edge {edge}); at least {limit} m is "
        "required (the building line of the zoning plan; where there is none, the Roads Act § 29 "
        "applies)."),
    "plot.bya": (
        "Bebygd areal er {measured} %-BYA ({bya} m², medregnet {parking} m² parkering); "
        "reguleringsplanen tillater høyst {limit} %, altså {over} m² for mye (TEK17 § 5-2 og § 5-3).",
        "The built-up area is {measured} %-BYA ({bya} m², including {parking} m² of parking); the "
        "zoning plan allows at most {limit} %, which is {over} m² too much (TEK17 § 5-2 and § 5-3)."),
    "plot.height-gesims": (
        "Gesimshøyden til bygning {building} er {measured} m; høyst {limit} m er tillatt "
        "(plan- og bygningsloven § 29-4 første ledd).",
        "The eaves height of building {building} is {measured} m; at most {limit} m is allowed "
        "(Planning and Building Act § 29-4, first paragraph)."),
    "plot.height-mone": (
        "Mønehøyden til bygning {building} er {measured} m; høyst {limit} m er tillatt "
        "(plan- og bygningsloven § 29-4 første ledd).",
        "The ridge height of building {building} is {measured} m; at most {limit} m is allowed "
        "(Planning and Building Act § 29-4, first paragraph)."),
    "plot.building-distance": (
        "Bygning {building} og {other} står {measured} m fra hverandre; minst {limit} m kreves mellom "
        "lave bygninger på samme tomt (TEK17 § 11-6).",
        "Buildings {building} and {other} stand {measured} m apart; at least {limit} m is required "
        "between low buildings on one plot (TEK17 § 11-6)."),
    "room.outside-footprint": (
        "Rommet {room} går {measured} m² utenfor ytterveggene til bygning {building}.",
        "The room {room} reaches {measured} m² beyond the outer walls of building {building}."),
    "room.overlap": (
        "Rommene {room} og {other} overlapper med {measured} m². Rom i samme etasje skal ligge inntil "
        "hverandre, ikke over hverandre.",
        "The rooms {room} and {other} overlap by {measured} m². Rooms on one storey should meet, not "
        "overlap."),
    "room.uncovered": (
        "{measured} m² av etasje {storey} i bygning {building} hører ikke til noe rom. Tegn rommene "
        "helt ut til veggene, eller legg til et rom der.",
        "{measured} m² of storey {storey} in building {building} belongs to no room. Draw the rooms "
        "out to the walls, or add a room there."),
    "room.bathroom-turning-space": (
        "Badet {room} har plass til en snusirkel på Ø {measured} m; minst ett bad i boligen må ha "
        "plass til Ø {limit} m (TEK17 § 12-9).",
        "The bathroom {room} holds a turning circle of Ø {measured} m; at least one bathroom in the "
        "home must hold Ø {limit} m (TEK17 § 12-9)."),
    "room.turning-space": (
        "{Room} har plass til en snusirkel på Ø {measured} m; i en tilgjengelig bolig må det være "
        "plass til Ø {limit} m for rullestol (TEK17 § 12-7 fjerde ledd og § 12-8).",
        "{Room} holds a turning circle of Ø {measured} m; an accessible home needs room for "
        "Ø {limit} m for a wheelchair (TEK17 § 12-7 fourth paragraph and § 12-8)."),
    "room.turning-space/bedroom": (
        "Ingen soverom har plass til en snusirkel på Ø {limit} m; det største, {room}, har Ø {measured} m. "
        "Minst ett soverom må ha det i en tilgjengelig bolig (TEK17 § 12-8).",
        "No bedroom holds a turning circle of Ø {limit} m; the largest, {room}, holds Ø {measured} m. "
        "An accessible home needs at least one such bedroom (TEK17 § 12-8)."),
    "room.passage-width": (
        "{Room} er {measured} m bred på det smaleste; entré og gang må være minst {limit} m brede "
        "(TEK17 § 12-7 fjerde ledd og § 12-8).",
        "{Room} is {measured} m wide at its narrowest; entrances and halls must be at least {limit} m "
        "wide (TEK17 § 12-7 fourth paragraph and § 12-8)."),
    "room.no-exterior-wall": (
        "{Room} har {measured} m yttervegg; et rom for varig opphold trenger minst {limit} m yttervegg "
        "for å få vindu (TEK17 § 13-8).",
        "{Room} has {measured} m of outer wall; a room for permanent stay needs at least {limit} m "
        "of outer wall to have a window (TEK17 § 13-8)."),
    "room.window-missing": (
        "{Room} har ikke vindu. Rom for varig opphold skal ha vindu med utsyn (TEK17 § 13-8).",
        "{Room} has no window. Rooms for permanent stay need a window with a view (TEK17 § 13-8)."),
    "room.daylight": (
        "Vinduene i {room} har {measured} m² glass; et rom på {net} m² trenger minst {limit} m² for nok "
        "dagslys (forenklet regel etter TEK17 § 13-7: glassareal minst 7 % av gulvet delt på 0,75).",
        "The windows of {room} have {measured} m² of glass; a room of {net} m² needs at least "
        "{limit} m² for enough daylight (simplified rule after TEK17 § 13-7: glass at least 7 % of "
        "the floor divided by 0.75)."),
    "room.escape-window": (
        "{Room} har ikke et vindu som kan brukes til rømning: minst 0,5 m bredt, 0,6 m høyt og "
        "bredde + høyde minst 1,5 m (TEK17 § 11-13).",
        "{Room} has no window that can serve as an escape route: at least 0.5 m wide, 0.6 m high "
        "and width + height at least 1.5 m (TEK17 § 11-13)."),
    "room.min-area": (
        "{Room} har {measured} m² netto; {type} er vanligvis minst {limit} m². Dette er vanlig "
        "praksis, ikke et krav i forskriften.",
        "{Room} has {measured} m² net; a {type} is usually at least {limit} m². This is common "
        "practice, not a legal requirement."),
    "access.no-entrance": (
        "Bygning {building} har ingen inngangsdør. Legg til en dør fra et rom og ut.",
        "Building {building} has no entrance door. Add a door from a room to the outside."),
    "access.no-entrance/unit": (
        "Boligen til {household} i bygning {building} har ingen inngangsdør. Legg til en dør fra et "
        "av boligens rom og ut.",
        "The home of {household} in building {building} has no entrance door. Add a door from one "
        "of its rooms to the outside."),
    "access.door-off-wall": (
        "Døren mellom {room} og {other} står ikke på veggen mellom dem (mer enn {limit} m unna). "
        "Flytt døren inn på den felles veggen.",
        "The door between {room} and {other} is not on the wall between them (more than {limit} m "
        "away). Move it onto their shared wall."),
    "access.door-width": (
        "Døren mellom {room} og {other} har {measured} m fri bredde; minst {limit} m kreves "
        "(TEK17 § 12-13).",
        "The door between {room} and {other} has a clear width of {measured} m; at least {limit} m "
        "is required (TEK17 § 12-13)."),
    "access.door-width/entrance": (
        "Inngangsdøren til {room} har {measured} m fri bredde; en inngangsdør må ha minst {limit} m "
        "(TEK17 § 12-13).",
        "The entrance door to {room} has a clear width of {measured} m; an entrance door needs at "
        "least {limit} m (TEK17 § 12-13)."),
    "access.unreachable": (
        "{Room} kan ikke nås fra inngangen gjennom dører. Legg til en dør til et rom som henger "
        "sammen med inngangen.",
        "{Room} cannot be reached from the entrance through doors. Add a door to a room that is "
        "connected to the entrance."),
    "program.bathroom": (
        "Boligen til {household} har ikke bad. Hver bolig skal ha bad med toalett (TEK17 § 12-9).",
        "The home of {household} has no bathroom. Every home needs a bathroom with a toilet "
        "(TEK17 § 12-9)."),
    "program.entrance-level": (
        "På inngangsplanet i boligen til {household} mangler: {missing}. I en tilgjengelig bolig skal "
        "stue, kjøkken, et soverom og bad ligge på inngangsplanet (TEK17 § 12-2 tredje ledd).",
        "The entrance level of the home of {household} lacks: {missing}. In an accessible home the "
        "living room, kitchen, a bedroom and a bathroom are on the entrance level (TEK17 § 12-2 "
        "third paragraph)."),
    "program.storage": (
        "Boligen til {household} har {measured} m² bod; minst {limit} m² oppbevaring kreves "
        "(TEK17 § 12-10).",
        "The home of {household} has {measured} m² of storage; at least {limit} m² is required "
        "(TEK17 § 12-10)."),
    "program.room-needs": (
        "{household} ønsket {wanted} {type}{size}; planen har {measured} som passer.",
        "{household} asked for {wanted} {type}{size}; the plan has {measured} that fit."),
    "program.husbanken-area": (
        "Boligen til {household} har {measured} m² BRA; Husbanken finansierer boliger på høyst "
        "{limit} m² (Husbankens miljøkvaliteter).",
        "The home of {household} has {measured} m² BRA; Husbanken finances homes of at most "
        "{limit} m² (Husbanken's environmental qualities)."),
    "contribution.unknown-task": (
        "Egeninnsats {contribution} hos {household}: oppgaven «{task}» finnes ikke i oppgavelisten. "
        "Velg en oppgave fra listen, for eksempel å male vegger eller legge gulv.",
        "Self-build task {contribution} of {household}: the task “{task}” is not in the task list. "
        "Choose a task from the list, such as painting walls or laying floors."),
    "contribution.unknown-room": (
        "Egeninnsats {contribution} hos {household} gjelder rom som ikke finnes i boligen: {rooms}. "
        "Velg rommene fra tegningen av boligen.",
        "Self-build task {contribution} of {household} names rooms that are not in the home: {rooms}. "
        "Choose the rooms from the drawing of the home."),
    "contribution.not-allowed": (
        "{task} ({contribution}) kan ikke gjøres som egeninnsats. {who_must}",
        "{task} ({contribution}) cannot be done as self-build work. {who_must}"),
    "contribution.not-allowed/wet-room": (
        "{task} ({contribution}) kan ikke gjøres som egeninnsats i våtrom ({rooms}): der ligger "
        "arbeidet på membranen, og det skal gjøres av et våtromssertifisert foretak (kravene til "
        "våtrom i TEK17 § 13-15). Velg de tørre rommene.",
        "{task} ({contribution}) cannot be done as self-build work in a wet room ({rooms}): there the "
        "work lies on the membrane and must be done by a company certified for wet rooms (the "
        "wet-room requirements of TEK17 § 13-15). Choose the dry rooms."),
}


class Num(float):
    """A number that formats itself for a language: ``2,5`` in Bokmål, ``2.5`` in English.

    With no format spec it shows up to two decimals and at least one.
    """

    lang = "nb"

    def __new__(cls, value: float, lang: str = "nb") -> Num:
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj

    def __format__(self, spec: str) -> str:
        if spec:
            text = float.__format__(float(self), spec)
        else:
            text = f"{float(self):.2f}"
            if text.endswith("0"):
                text = text[:-1]
        if text in ("-0.0", "-0.00"):
            text = text[1:]
        return text.replace(".", ",") if self.lang == "nb" else text


def render(key: str, params: dict[str, Any], lang: str = "nb") -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    nb, en = CATALOGUE[key]
    template = en if lang == "en" else nb
    values: dict[str, Any] = {}
    for k, v in params.items():
        if isinstance(v, bool):
            values[k] = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            values[k] = Num(v, lang) if isinstance(v, float) else v
        elif isinstance(v, tuple) and len(v) == 2:
            values[k] = v[1] if lang == "en" else v[0]
        else:
            values[k] = v
    if "room" in values:
        values["Room"] = _capital(str(values["room"]))
    return template.format(**values)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def type_name(room_type: str) -> tuple[str, str]:
    return ROOM_TYPE_NAMES.get(room_type, (room_type, room_type))


def room_label(name: str) -> tuple[str, str]:
    """How a message names a room: ``«Stue»`` / ``“Stue”`` (the subject carries the id)."""
    return (f"«{name}»", f"“{name}”")
