"""Sizes no family's plan comes near, so that no upload or form can make a page, a stored version
or a drawing too large to serve: counts of rooms, buildings and other lists, the length of every
text, and the plot's coordinates (in local metres) and area.

:func:`check_plan` is run on every plan the web reads from a person; :func:`check_plot` on every
plot outline typed or read from a file.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from planner import model
from planner.errors import PlannerError

MAX_TEXT = 2000
"""Longest text anywhere in a plan (a wish, a note); names are shorter in the forms."""
MAX_ROOMS = 300
MAX_BUILDINGS = 20
MAX_HOUSEHOLDS = 10
MAX_MEMBERS = 20
MAX_ROOM_NEEDS = 40
MAX_OPENINGS = 1000
"""Most doors, and most windows, of one building."""
MAX_PLOT_EXTENT_M = 20_000.0
"""Farthest any plot corner may lie from the plot's south-west corner, in local metres."""
MAX_COORDINATE = 1e7
"""Largest coordinate of a typed corner (as the plan format allows)."""
MAX_PLOT_AREA_M2 = 10_000_000.0
"""Largest plot area (10 km²)."""
MAX_FEATURES = 500
"""Most features (or outlines) read from one GeoJSON or DXF file."""
MAX_CANDIDATES = 50
"""Most outlines offered to choose from."""


def short_num(value: float) -> str:
    """A number with at most two decimals and none it does not need, in the page's language.

    >>> short_num(12.5), short_num(0.0), short_num(100.004)
    ('12,5', '0', '100')
    """
    from planner.web.templating import lang

    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return text if lang() == "en" else text.replace(".", ",")


class TooMuch(PlannerError):
    """A plan or plot beyond the sizes above; ``key`` names which, ``params`` the figures."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(key)

    def message(self) -> str:
        p = self.params
        if self.key == "text":
            return _("a text is %(n)d characters long; at most %(limit)d are allowed", **p)
        if self.key == "extent":
            return _("corner %(corner)d lies %(m)s m from the plot's south-west corner; a plot must fit "
                     "within %(limit)s m", **p)
        if self.key == "area":
            return _("the plot is %(area)s m²; at most %(limit)s m² can be planned here", **p)
        return _("the plan has %(n)d %(what)s; at most %(limit)d are allowed", n=p["n"], limit=p["limit"],
                 what=_what(p["what"]))


def _what(key: str) -> str:
    return {"rooms": _("rooms"), "buildings": _("buildings"), "households": _("households"),
            "members": _("people in a household"), "room_needs": _("room needs in a household"),
            "doors": _("doors in a building"), "windows": _("windows in a building")}.get(key, key)


def _count(what: str, n: int, limit: int) -> None:
    if n > limit:
        raise TooMuch("count", what=what, n=n, limit=limit)


def _texts(value: Any) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) > MAX_TEXT:
                raise TooMuch("text", n=len(v), limit=MAX_TEXT)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def check_plan(plan: model.Plan) -> None:
    """:class:`TooMuch` when the plan goes past any limit above."""
    _count("buildings", len(plan.buildings), MAX_BUILDINGS)
    _count("rooms", sum(len(b.rooms) for b in plan.buildings), MAX_ROOMS)
    _count("households", len(plan.households), MAX_HOUSEHOLDS)
    for h in plan.households:
        _count("members", len(h.members), MAX_MEMBERS)
        _count("room_needs", len(h.room_needs), MAX_ROOM_NEEDS)
    for b in plan.buildings:
        _count("doors", len(b.doors), MAX_OPENINGS)
        _count("windows", len(b.windows), MAX_OPENINGS)
    _texts(model.to_dict(plan))
    if len(model._ring(plan.plot.boundary)) >= 3:
        check_plot(plan.plot.boundary)


def check_plot(coords: list[list[float]]) -> None:
    """:class:`TooMuch` when an outline in local metres is larger than any plot.

    >>> check_plot([[0, 0], [30, 0], [30, 20]])
    >>> try:
    ...     check_plot([[0, 0], [1e300, 0], [0, 1]])
    ... except TooMuch as e:
    ...     print(e.key, e.params["corner"])
    extent 2
    """
    from planner.geometry import polygon
    from planner.web.templating import num

    x0 = min(p[0] for p in coords)
    y0 = min(p[1] for p in coords)
    for i, (x, y) in enumerate(coords):
        d = max(x - x0, y - y0)
        if not (d <= MAX_PLOT_EXTENT_M and abs(x) <= MAX_COORDINATE and abs(y) <= MAX_COORDINATE):
            raise TooMuch("extent", corner=i + 1, m=num(d, 0) if d < 1e15 else f"{d:.3g}",
                          limit=num(MAX_PLOT_EXTENT_M, 0))
    try:
        area = abs(polygon(coords).area)
    except Exception:  # noqa: BLE001 - an outline Shapely cannot read has no area to bound
        return
    if area > MAX_PLOT_AREA_M2:
        raise TooMuch("area", area=num(area, 0), limit=num(MAX_PLOT_AREA_M2, 0))


def outline_problem(coords: list[list[float]]) -> str | None:
    """What is wrong with a plot outline, in the page's language, with the place marked; None when
    it is a simple polygon. (Shapely's own reason is English and names no edge.)"""
    import re

    import shapely

    from planner.geometry import polygon
    from planner.geometry.shapes import edges
    if len({(x, y) for x, y in coords}) < 3:
        return _("The plot needs at least three different corners.")
    if shapely.MultiPoint(coords).convex_hull.area == 0:
        return _("The corners lie on one line; a plot must enclose an area.")
    poly = polygon(coords)
    if poly.is_valid:
        return None
    reason = shapely.is_valid_reason(poly)
    found = re.search(r"\[(-?[\d.e+-]+) (-?[\d.e+-]+)\]", reason)
    if found is None:
        return _("The plot's outline is not a simple shape. Check the order of the corners.")
    x, y = float(found.group(1)), float(found.group(2))
    near = [int(i) for i in
            (shapely.distance(edges(coords), shapely.Point(x, y)) < 1e-6).nonzero()[0]]
    where = _("near east %(x)s, north %(y)s", x=short_num(x), y=short_num(y))
    if len(near) >= 2:
        labels = ", ".join(_("edge %(i)d (corners %(a)d–%(b)d)", i=i, a=i + 1, b=(i + 1) % len(coords) + 1)
                           for i in near[:4])
        return _("The plot's outline crosses itself: %(edges)s meet %(where)s. Check the order of the "
                 "corners.", edges=labels, where=where)
    return _("The plot's outline crosses itself %(where)s. Check the order of the corners.", where=where)
