"""What the title blocks say, the same on the SVG sheets and in the DXF's paper space."""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass

from planner.export.style import area_text, clean, num, storey_label
from planner.geometry import BuildingGeometry
from planner.model import Building, Plan, dumps
from planner.rules import Report

STATUSES = ("Arbeidstegning", "Søknadstegning")
"""What a sheet is for, as its title block says: a working drawing, or a drawing for the application."""


@dataclass(frozen=True)
class SheetInfo:
    """What every title block says besides the drawing itself."""

    date: str
    version: str
    digest: str = ""
    status: str = "Arbeidstegning"

    @classmethod
    def of(cls, plan: Plan, date: _dt.date | str | None = None, version: str | None = None,
           status: str = "Arbeidstegning") -> SheetInfo:
        """Today's date and the plan's version number (``version``, else ``extra["version"]``, else
        "utkast"), with a short fingerprint of the plan's content (in the sheet's footer) so two
        prints of different plans never look alike."""
        if date is None:
            date = _dt.date.today()
        text = date.strftime("%d.%m.%Y") if isinstance(date, _dt.date) else clean(date)
        digest = hashlib.sha256(dumps(plan, indent=None).encode()).hexdigest()[:8]
        name = version if version is not None else plan.extra.get("version")
        shown = "utkast" if name is None else clean(str(name), limit=40)
        if shown.isdigit():
            shown = f"versjon {shown}"
        return cls(text, shown, digest, status if status in STATUSES else STATUSES[0])


def drawing_number(kind: str, plan: Plan | None = None, building: Building | None = None,
                   storey: int = 1, k: int = 1) -> str:
    """The sheet's number: ``A-100`` the site plan, ``A-2BS`` the plan of storey S of building
    number B, ``A-30k`` the elevations, ``A-40k`` the sections.

    >>> drawing_number("site"), drawing_number("elevation", k=2)
    ('A-100', 'A-302')
    """
    if kind == "site":
        return "A-100"
    if kind == "floor":
        index = 1
        if plan is not None and building is not None:
            index = next((i + 1 for i, b in enumerate(plan.buildings) if b is building), 1)
        return f"A-2{index}{storey}"
    return f"A-{3 if kind == 'elevation' else 4}{k:02d}"


def gnr_bnr(plan: Plan) -> str:
    """``33/88``; a plan without them says so instead of ``-/-``."""
    p = plan.project
    if p.gnr is None and p.bnr is None:
        return "ikke oppgitt"
    return f"{p.gnr if p.gnr is not None else '?'}/{p.bnr if p.bnr is not None else '?'}"


def households_text(plan: Plan, building: Building) -> tuple[str, str]:
    """("Husstand", name), or ("Husstander", "A / B") for a building of several homes."""
    ids = [u.household for u in building.units or []] or [building.household]
    names = []
    for hid in dict.fromkeys(i for i in ids if i):
        household = plan.household(hid)
        names.append(household.name if household else hid)
    return ("Husstander" if len(names) > 1 else "Husstand", " / ".join(names))


def title_values(plan: Plan, info: SheetInfo, heading: str, subtitle: str, drawing: str,
                 scale: int) -> dict[str, str]:
    """The title block's fields by attribute tag (the DXF block's attributes, the SVG's rows)."""
    p = plan.project
    return {"TITTEL": heading, "UNDERTITTEL": subtitle, "PROSJEKT": p.name, "KOMMUNE": p.municipality,
            "GNR_BNR": gnr_bnr(plan), "TEGNING_NR": drawing, "REVISJON": info.version, "DATO": info.date,
            "STATUS": info.status, "MALESTOKK": f"1:{scale}"}


def project_rows(plan: Plan, info: SheetInfo, building: Building | None = None, *,
                 drawing: str = "") -> list[tuple[str, str]]:
    """Label and value rows: project, municipality, (households), gnr/bnr, drawing number, revision
    (the plan's version), date and status."""
    p = plan.project
    rows = [("Prosjekt", p.name), ("Kommune", p.municipality)]
    if building is not None:
        label, names = households_text(plan, building)
        if names:
            rows.append((label, names))
    rows.append(("Gnr/Bnr", gnr_bnr(plan)))
    if drawing:
        rows.append(("Tegning nr.", drawing))
    return rows + [("Revisjon", info.version), ("Dato", info.date), ("Status", info.status)]


def site_figures(plan: Plan, report: Report) -> list[tuple[str, str, bool]]:
    """The plot's figures (label, value, whether a rule fails on it): plot area, buildable area,
    BYA, %-BYA against the limit, BRA."""
    s = report.summary
    reg = plan.plot.regulation
    bya_bad = any(f.rule == "plot.bya" for f in report.errors)
    limit = "" if reg.max_bya_percent is None else f" (maks {num(reg.max_bya_percent, 1)} %)"
    parking = f", medregnet parkering {num(reg.parking_area_m2, 1)} m²" if reg.parking_area_m2 else ""
    return [("Tomteareal", area_text(s["plot_area_m2"]), False),
            ("Byggbart areal", area_text(s["buildable_area_m2"]), False),
            ("BYA" + parking, area_text(s["bya_m2"]), bya_bad),
            ("%-BYA" + limit, f"{num(s['bya_percent'], 1)} %", bya_bad),
            ("BRA", area_text(s["bra_m2"]), False)]


def floor_figures(geo: BuildingGeometry, storey: int) -> list[tuple[str, str]]:
    """BRA of the storey and of the building, and how the plan is dimensioned."""
    return [(f"BRA {storey_label(storey)}", area_text(geo.storey_bra_m2)),
            (f"BRA bygning {geo.building.id}", area_text(geo.bra_m2)),
            ("Mål", "millimeter, til senter innervegg")]
