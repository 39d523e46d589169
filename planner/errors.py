"""The small error family of planner.

The CLI maps every :class:`PlannerError` to exit status 2 with its one-line
message; the web layer maps it to a form error or a 400 answer.
"""

from __future__ import annotations


class PlannerError(Exception):
    """Base class of every error planner raises on purpose."""


FORMAT_PROBLEMS: dict[str, tuple[str, str]] = {
    # key: (Norwegian Bokmål, English); {got} describes the JSON value found
    "not-object": ("ventet et objekt, fikk {got}", "expected an object, got {got}"),
    "missing": ("mangler", "missing"),
    "not-text": ("ventet tekst, fikk {got}", "expected text, got {got}"),
    "not-choice": ("«{value}» er ikke en av {choices}", "'{value}' is not one of {choices}"),
    "empty": ("kan ikke være tom", "must not be empty"),
    "not-integer": ("ventet et heltall, fikk {got}", "expected a whole number, got {got}"),
    "below-minimum": ("må være minst {minimum}, fikk {value}", "must be at least {minimum}, got {value}"),
    "not-positive": ("må være større enn 0, fikk {value}", "must be greater than 0, got {value}"),
    "not-bool": ("ventet true eller false, fikk {got}", "expected true or false, got {got}"),
    "not-list": ("ventet en liste, fikk {got}", "expected a list, got {got}"),
    "too-many-entries": ("{count} oppføringer; høyst {limit} er tillatt",
                         "{count} entries; at most {limit} are allowed"),
    "not-number": ("ventet et tall, fikk {got}", "expected a number, got {got}"),
    "not-finite": ("ventet et endelig tall, fikk NaN eller uendelig",
                   "expected a finite number, got NaN or infinity"),
    "not-point": ("ventet tallene [x, y]", "expected [x, y] numbers"),
    "point-not-finite": ("ventet endelige tall [x, y], fikk NaN eller uendelig",
                         "expected [x, y] finite numbers, got NaN or infinity"),
    "not-vertices": ("ventet en liste med hjørner [x, y], fikk {got}",
                     "expected a list of [x, y] vertices, got {got}"),
    "too-many-vertices": ("{count} hjørner; høyst {limit} er tillatt",
                          "{count} vertices; at most {limit} are allowed"),
    "not-edge": ("ventet et kantnummer fra 0 til {last}, fikk {value}",
                 "expected an edge number from 0 to {last}, got {value}"),
    "not-two-rooms": ("ventet to rom-id-er, fikk {count}", "expected two room ids, got {count}"),
    "wrong-value": ("ventet {want}, fikk {value}", "expected {want}, got {value}"),
    "used-twice": ("«{id}» er brukt to ganger", "'{id}' is used twice"),
    "no-household": ("ingen husstand har id «{id}»", "no household with id '{id}'"),
    "outside-reserved": ("«outside» er reservert for dører", "'outside' is reserved for doors"),
    "no-room": ("bygning {building} har ikke noe rom «{id}»", "no room '{id}' in building {building}"),
    "same-room": ("en dør forbinder to forskjellige rom", "a door joins two different rooms"),
    "json-constant": ("ikke JSON: {name} er ikke et tall JSON tillater",
                      "not JSON: {name} is not a number JSON allows"),
    "json-syntax": ("ikke JSON: {reason} på linje {line}, kolonne {column}",
                    "not JSON: {reason} at line {line} column {column}"),
    "json-encoding": ("ikke JSON: filen er ikke UTF-8-tekst", "not JSON: the file is not UTF-8 text"),
    "json-depth": ("ikke JSON: for dypt nøstet", "not JSON: nested too deeply"),
    "too-large": ("filen er for stor", "the file is too large"),
    "above-maximum": ("kan være høyst {maximum}, fikk {value}", "must be at most {maximum}, got {value}"),
    "too-large-number": ("tallet er for stort (høyst {limit})", "the number is too large (at most {limit})"),
    "coordinate-too-large": ("en koordinat er for stor (høyst {limit} m fra origo)",
                             "a coordinate is too large (at most {limit} m from the origin)"),
    "not-point3": ("ventet tallene [x, y, z]", "expected [x, y, z] numbers"),
    "too-few-points": ("trenger minst {minimum} punkter", "needs at least {minimum} points"),
    "stair-not-stair": ("trappedata hører til et rom av typen stair, ikke {type}",
                        "stair data belongs to a room of type stair, not {type}"),
    "stair-direction": ("en trapp går fra en lavere etasje ({start}) til en høyere, ikke til {end}",
                        "a stair runs from a lower storey ({start}) to a higher one, not to {end}"),
    "walk-two-points": ("ganglinjen er to punkter (fra foten til toppen), fikk {count}",
                        "the walking line is two points (foot to head), got {count}"),
    "swing-not-room": ("«{id}» er ikke et av dørens to rom", "'{id}' is not one of the door's two rooms"),
    "too-deep": ("for dypt nøstet (høyst {limit} nivåer)", "nested too deeply (at most {limit} levels)"),
    "bad-text": ("teksten har et tegn som ikke kan lagres (NUL eller et ensomt surrogattegn)",
                 "the text holds a character that cannot be stored (NUL or a lone surrogate)"),
    "not-json": ("ikke en JSON-verdi", "not a JSON value"),
    "json-long-number": ("ikke JSON som en plan kan ha: et tall med {count} sifre",
                         "not JSON a plan can hold: a number of {count} digits"),
}


def short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis where it was cut.

    >>> short("a" * 50)
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'
    """
    return text if len(text) <= limit else text[:limit - 3] + "..."


class Found:
    """A JSON value as a format message describes it: "a list", "text 'abc'" (or in Bokmål).

    >>> Found([1]).describe("en"), Found("abc").describe("nb")
    ('a list', 'teksten «abc»')
    """

    def __init__(self, value: object) -> None:
        self.value = value

    def describe(self, lang: str) -> str:
        v, nb = self.value, lang == "nb"
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true/false"
        if isinstance(v, (int, float)):
            return "et tall" if nb else "a number"
        if isinstance(v, str):
            return f"teksten «{short(v)}»" if nb else f"text '{short(v)}'"
        if isinstance(v, list):
            return "en liste" if nb else "a list"
        return "et objekt" if nb else "an object"


class PlanFormatError(PlannerError):
    """A document cannot be read as ``plan/1``.

    ``path`` is the JSON path at fault (``buildings[0].rooms[3].polygon[1]``),
    or the empty string for the document as a whole; ``key`` names the problem in
    :data:`FORMAT_PROBLEMS` and ``params`` fill it in. ``str()`` is the English
    line the CLI prints; :meth:`message_in` gives it in Bokmål for the web app.

    >>> e = PlanFormatError("plot.regulation.max_bya_percent", "below-minimum", minimum=0, value=-2.5)
    >>> str(e)
    'plot.regulation.max_bya_percent: must be at least 0, got -2.5'
    >>> e.message_in("nb")
    'plot.regulation.max_bya_percent: må være minst 0, fikk -2,5'
    """

    def __init__(self, path: str, key: str, **params: object) -> None:
        self.path = path
        self.key = key
        self.params = params
        self.problem = self.problem_in("en")
        super().__init__(self.message_in("en"))

    def problem_in(self, lang: str) -> str:
        """What is wrong, without the path, in ``nb`` or ``en``."""
        nb, en = FORMAT_PROBLEMS[self.key]
        values = {k: _param(v, lang) for k, v in self.params.items()}
        return (nb if lang == "nb" else en).format(**values)

    def message_in(self, lang: str) -> str:
        """The path at fault and what is wrong there, in ``nb`` or ``en``."""
        problem = self.problem_in(lang)
        return f"{self.path}: {problem}" if self.path else problem


def _param(value: object, lang: str) -> object:
    if isinstance(value, Found):
        return value.describe(lang)
    if isinstance(value, float) and lang == "nb":
        return str(value).replace(".", ",")
    return value


class LayoutError(PlannerError):
    """No layout fits; the message explains why in plain words.

    The message is Norwegian Bokmål; ``message_en`` (the same text when not given)
    is the English one.

    >>> LayoutError("For lite.", "Too small.").message_in("en")
    'Too small.'
    """

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message_en = message if message_en is None else message_en

    def message_in(self, lang: str) -> str:
        """The explanation in ``nb`` or ``en``."""
        return self.message_en if lang == "en" else str(self)
