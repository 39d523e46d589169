"""What the title blocks say, the same on the SVG sheets and in the DXF's paper space."""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass

from planner.export.style import area_text, clean, num, storey_label
from planner.geometry import BuildingGeometry
from planner.model import Building, Plan, dumps
from planner.rules import Report


@dataclass(frozen=True)
class SheetInfo:
    """What every title block says besides the drawing itself."""

    date: str
    version: str

    @classmethod
    def of(cls, plan: Plan, date: _dt.date | str | None = None, version: str | None = None) -> SheetInfo:
        """Today's date and the plan's version (``extra["version"]``, else "utkast"), with a short
        fingerprint of the plan's content so two prints of different plans never look alike."""
        if date is None:
            date = _dt.date.today()
        text = date.strftime("%d.%m.%Y") if isinstance(date, _dt.date) else clean(date)
        digest = hashlib.sha256(dumps(plan, indent=None).encode()).hexdigest()[:8]
        name = version if version is not None else plan.extra.get("version", "utkast")
        return cls(text, f"{clean(name, limit=40)} ({digest})")


def project_rows(plan: Plan, info: SheetInfo, building: Building | None = None) -> list[tuple[str, str]]:
    """Label and value rows: project, municipality, (household), gnr/bnr, date, plan version."""
    p = plan.project
    gnr = "-" if p.gnr is None else str(p.gnr)
    bnr = "-" if p.bnr is None else str(p.bnr)
    rows = [("Prosjekt", p.name), ("Kommune", p.municipality)]
    if building is not None:
        ids = [u.household for u in building.units or []] or [building.household]
        names = []
        for hid in dict.fromkeys(i for i in ids if i):
            household = plan.household(hid)
            names.append(household.name if household else hid)
        if names:
            rows.append(("Husstander" if len(names) > 1 else "Husstand", " / ".join(names)))
    return rows + [("Gnr/Bnr", f"{gnr}/{bnr}"), ("Dato", info.date), ("Planversjon", info.version)]


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
