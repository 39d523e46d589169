"""The building application package (byggesøknad): drawings, checklist, neighbour notice and the
self-builder's application for personal responsibility (SAK10 §6-8).

:func:`package` returns every file by name; :func:`package_zip` the same in one zip. Drawings
are A3 PDFs at true scale (status "Søknadstegning"), the documents A4 PDFs with an editable
Markdown copy beside each. Every document says it is a draft to be checked and signed by the
applicant: the tool prepares the application, the applicant submits it.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from dataclasses import dataclass

import shapely

from planner.application.documents import (
    DRAFT,
    Block,
    document_pdf,
    document_text,
    h1,
    h2,
    item,
    p,
    row,
    sign,
)
from planner.export.pdf import building_sheets, merge_svgs
from planner.export.style import area_text, clean, num, safe_name
from planner.export.svg import floor_svgs, map_source, site_svg
from planner.export.titles import gnr_bnr
from planner.geometry import BuildingGeometry, polygon
from planner.model import Building, Plan
from planner.rules import Context, Report, check

__all__ = ["SelfBuild", "checklist", "neighbour_notice", "package", "package_zip", "self_build",
           "self_build_application"]

STATUS = "Søknadstegning"
WET_TYPES = ("bathroom", "laundry")
"""Room types that are wet rooms (våtrom) for the independent control of SAK10 §14-2."""
NOTICE_DAYS = 14
"""Two weeks for the neighbours' comments (pbl §21-3)."""


# --------------------------------------------------------------------------- the checklist

CHECKED = {
    "geometry.invalid": "tomta, fotavtrykkene og rommene er gyldige flater",
    "plot.outside": "bygningene står innenfor tomtegrensen",
    "plot.neighbour-distance": "avstanden fra bygningene til nabogrensene",
    "plot.road-distance": "avstanden fra bygningene til vegen",
    "plot.bya": "bebygd areal (%-BYA) mot reguleringsplanen",
    "plot.height-gesims": "gesimshøyden mot reguleringsplanen",
    "plot.height-mone": "mønehøyden mot reguleringsplanen",
    "plot.building-distance": "avstanden mellom bygninger, også naboens",
    "plot.outdoor-area": "uteoppholdsarealet mot kravet i reguleringsplanen",
    "plot.parking": "antall parkeringsplasser",
    "room.outside-footprint": "rommene ligger innenfor bygningen",
    "room.overlap": "rommene overlapper ikke hverandre",
    "room.uncovered": "rommene dekker hele etasjen",
    "room.bathroom-turning-space": "snuareal for rullestol på badet",
    "room.turning-space": "snuareal for rullestol i rommene",
    "room.passage-width": "fri bredde i ganger og passasjer",
    "room.ceiling-height": "takhøyden i oppholdsrom",
    "room.no-exterior-wall": "oppholdsrom har yttervegg",
    "room.window-missing": "oppholdsrom har vindu",
    "room.window-off-wall": "vinduene sitter i en yttervegg",
    "room.daylight": "dagslys (vindusareal mot gulvareal)",
    "room.escape-window": "rømningsvindu fra soverom",
    "room.min-area": "rommenes minste areal",
    "access.no-entrance": "hver bolig har inngangsdør",
    "access.door-off-wall": "dørene sitter i en vegg",
    "access.door-fits-wall": "dørene får plass i veggen sin",
    "access.door-width": "fri bredde i dørene",
    "access.unreachable": "alle rom kan nås fra inngangen",
    "program.bathroom": "boligen har bad",
    "program.entrance-level": "hovedfunksjonene på inngangsplanet",
    "program.storage": "oppbevaring (bod)",
    "program.room-needs": "rommene husstanden har bedt om",
    "contribution.unknown-task": "egeninnsatsen bruker kjente oppgaver",
    "contribution.unknown-room": "egeninnsatsen nevner rom som finnes",
    "contribution.not-allowed": "egeninnsatsen er arbeid familien har lov til å gjøre",
    "stair.geometry": "trappens stigning, inntrinn og bredde",
    "unit.door-between": "ingen dør mellom to boenheter",
    "unit.separating-wall": "skillevegg mellom boenheter",
}
"""What each rule checks, in plain words, for the checklist (the rule id and source stand beside it)."""


def checklist(plan: Plan, report: Report) -> list[Block]:
    """Every rule that was checked, in plain words: each finding with its rule and source, then
    what was checked and passed."""
    from planner.rules.registry import RULES

    s = report.summary
    blocks = [h1(f"Sjekkliste for byggesøknaden – {plan.project.name}"),
              p("Planner har sjekket planfilen mot reglene den kjenner: avstander, høyder og "
                "utnyttelse på tomta, rom og tilgjengelighet i boligen. Sjekken erstatter ikke "
                "kommunens saksbehandling; den viser hva som bør rettes eller forklares før søknaden "
                "sendes."),
              row("Tomt", f"{area_text(s['plot_area_m2'])}, gnr/bnr {gnr_bnr(plan)}, "
                          f"{plan.project.municipality}"),
              row("Utnyttelse", f"BYA {area_text(s['bya_m2'])} ({num(s['bya_percent'], 1)} %), "
                                f"BRA {area_text(s['bra_m2'])}"),
              row("Resultat", f"{len(report.errors)} feil, {len(report.warnings)} merknader")]
    if report.findings:
        blocks.append(h2("Dette må rettes eller forklares"))
        for f in report.findings:
            source = RULES[f.rule].source if f.rule in RULES and RULES[f.rule].source else "planner"
            word = "FEIL" if f.severity == "error" else "MERKNAD"
            blocks.append(item(f"{word} – {f.message} (regel {f.rule}; kilde: {source}; gjelder {f.subject})",
                               "☐"))
    failed = {f.rule for f in report.findings}
    passed = [r for r in RULES.values() if r.id not in failed]
    blocks.append(h2(f"Sjekket og i orden ({len(passed)} regler)"))
    for r in sorted(passed, key=lambda r: r.id):
        what = CHECKED.get(r.id, r.id)
        blocks.append(item(f"{what[:1].upper()}{what[1:]}: i orden (regel {r.id}"
                           f"{f'; kilde: {r.source}' if r.source else ''})", "☑"))
    blocks += [p(DRAFT + "."), sign("Søkers underskrift og dato")]
    return blocks


# --------------------------------------------------------------------------- the neighbour notice


def neighbour_notice(plan: Plan, report: Report) -> list[Block]:
    """The neighbour notice (nabovarsel, pbl §21-3): the neighbouring plots by gnr/bnr and address
    from the map extract, and a letter draft describing the project."""
    from planner.building.heights import heights_of

    nb = plan.plot.neighbours
    plots = nb.plots if nb else []
    heights = heights_of(plan)
    households = ", ".join(h.name for h in plan.households) or plan.project.name
    blocks = [h1(f"Nabovarsel – {plan.project.name}"),
              p(f"Varsel om planlagt byggearbeid på gnr/bnr {gnr_bnr(plan)} i {plan.project.municipality} "
                "kommune, etter plan- og bygningsloven § 21-3.")]
    blocks.append(h2("Naboer og gjenboere som varsles"))
    if not plots:
        blocks.append(p("Kartutsnittet er ikke lastet opp: listen over naboer må fylles inn for hånd "
                        "(gnr/bnr, adresse og eier fra matrikkelen)."))
    for k, n in enumerate(plots, start=1):
        g = f"{n.gnr}/{n.bnr}" if n.gnr is not None else "gnr/bnr ikke oppgitt"
        who = n.owner or "eier etter matrikkelen"
        blocks.append(row(f"{k}. Gnr/bnr {g}", f"{n.address or 'adresse ikke oppgitt'} – {who}"))
    if nb and nb.extra.get("source"):
        blocks.append(p(f"Kilde for naboliste: {clean(map_source(plan), 120)}."))
    blocks.append(h2("Brev til naboene (utkast)"))
    blocks.append(p("Hei,"))
    blocks.append(p(f"Vi, {households}, planlegger å bygge på eiendommen gnr/bnr {gnr_bnr(plan)} i "
                    f"{plan.project.municipality}. Her er det viktigste om prosjektet:"))
    ctx_plot = polygon(plan.plot.boundary)
    for b in plan.buildings:
        geo = BuildingGeometry.of(b)
        if not geo.is_valid:
            continue
        h = heights.get(b.id)
        kind = {"dwelling": "bolig", "garage": "garasje", "annex": "uthus/anneks"}[b.building_kind]
        state = {"new": "ny", "existing": "eksisterende", "demolish": "skal rives"}[b.state]
        units = f", {len(b.units)} boenheter" if b.units and len(b.units) > 1 else ""
        floors = f"{b.storeys} etasje" if b.storeys == 1 else f"{b.storeys} etasjer"
        text = (f"Bygning {b.id}: {state} {kind}{units}, {floors}, bebygd areal "
                f"{area_text(geo.footprint.area)}, bruksareal {area_text(geo.bra_m2)}")
        if h is not None:
            text += f", gesimshøyde {num(h.gesims_m, 1)} m og mønehøyde {num(h.mone_m, 1)} m over terrenget"
        if ctx_plot.is_valid:
            d = float(shapely.distance(geo.footprint, ctx_plot.exterior))
            text += f", minst {num(d, 1)} m fra tomtegrensen"
        blocks.append(item(text + "."))
    blocks.append(p("Situasjonsplanen og tegningene ligger ved. Har dere merknader, send dem skriftlig til "
                    f"oss innen {NOTICE_DAYS} dager etter at dere fikk dette varselet; vi sender merknadene "
                    "videre til kommunen sammen med søknaden. Spørsmål kan også rettes til "
                    f"{plan.project.municipality} kommune."))
    blocks.append(p("Vennlig hilsen"))
    blocks.append(sign(f"{households} (tiltakshaver)"))
    blocks.append(p(DRAFT + "."))
    return blocks


# --------------------------------------------------------------------------- §6-8


@dataclass(frozen=True)
class SelfBuild:
    """Whether a building can be applied for with personal responsibility (SAK10 §6-8) and why."""

    building: Building
    applies: bool
    reason: str
    tiltaksklasse: int
    assumed_class: bool


def self_build(plan: Plan) -> list[SelfBuild]:
    """For each new dwelling: does SAK10 §6-8 (selvbygger) apply, and why or why not."""
    out = []
    for b in plan.buildings:
        if not b.is_dwelling or b.state != "new":
            continue
        given = b.extra.get("tiltaksklasse", plan.extra.get("tiltaksklasse"))
        tk = given if isinstance(given, int) and given in (1, 2, 3) else (1 if b.storeys <= 2 else 2)
        assumed = not (isinstance(given, int) and given in (1, 2, 3))
        hh = plan.household(b.household) if b.household else None
        others = [polygon(o.footprint) for o in plan.buildings if o is not b and o.is_dwelling]
        fp = polygon(b.footprint)
        attached = any(fp.is_valid and o.is_valid and fp.buffer(0.05).intersects(o) for o in others)
        tasks = [c for c in (hh.contributions if hh else []) if c.status != "declined"]
        if b.units and len(b.units) > 1:
            out.append(SelfBuild(b, False, f"Bygning {b.id} har {len(b.units)} boenheter (tomannsbolig eller "
                                 "rekkehus). SAK10 § 6-8 gjelder bare en enebolig som er familiens egen; "
                                 "her må ansvarlige foretak søke og prosjektere.", tk, assumed))
        elif attached:
            out.append(SelfBuild(b, False, f"Bygning {b.id} er bygd sammen med en annen bolig. SAK10 § 6-8 "
                                 "gjelder bare en frittliggende enebolig.", tk, assumed))
        elif tk != 1:
            out.append(SelfBuild(b, False, f"Bygning {b.id} er i tiltaksklasse {tk}. SAK10 § 6-8 gjelder "
                                 "bare tiltaksklasse 1.", tk, assumed))
        elif not tasks:
            out.append(SelfBuild(b, False, "Husstanden har ikke tatt på seg egeninnsats i planen; en "
                                 "søknad om personlig ansvar trengs ikke.", tk, assumed))
        else:
            out.append(SelfBuild(b, True, f"Bygning {b.id} er en frittliggende enebolig i tiltaksklasse 1 "
                                 "som husstanden bygger selv.", tk, assumed))
    return out


def self_build_application(plan: Plan) -> list[Block]:
    """The application for personal responsibility as a self-builder (SAK10 §6-8), or a plain
    statement of why it does not apply."""
    from planner.contributions.catalogue import catalogue

    tasks = catalogue()
    blocks = [h1(f"Søknad om personlig ansvarsrett som selvbygger (SAK10 § 6-8) – {plan.project.name}")]
    cases = self_build(plan)
    if not cases:
        blocks.append(p("SAK10 § 6-8 gjelder ikke: planen har ingen ny bolig."))
    for sb in cases:
        b = sb.building
        hh = plan.household(b.household) if b.household else None
        blocks.append(h2(f"Bygning {b.id}" + (f" – {hh.name}" if hh else "")))
        assumed = (" (antatt: en enebolig i inntil to etasjer; kommunen fastsetter klassen)"
                   if sb.assumed_class else "")
        blocks.append(row("Tiltaksklasse", f"{sb.tiltaksklasse}{assumed}"))
        if not sb.applies:
            blocks.append(p("SAK10 § 6-8 gjelder ikke her. " + sb.reason))
            continue
        blocks.append(p(sb.reason + " Søker ber om personlig ansvarsrett for arbeidet familien gjør selv, "
                        "og bekrefter å ha kunnskap nok til å gjøre det etter plan- og bygningsloven."))
        members = [m.name for m in hh.members if m.name] if hh else []
        blocks.append(row("Husstanden", ", ".join(members) if members else f"{len(hh.members)} personer"))
        blocks.append(h2("Oppgavene familien tar på seg (fra egeninnsatsplanen)"))
        geo = BuildingGeometry.of(b)
        names = {r.id: r.name for r in b.rooms}
        for c in hh.contributions:
            if c.status == "declined":
                continue
            t = tasks.get(c.task)
            what = t.name_nb if t else c.task
            rooms = ", ".join(names.get(r, r) for r in c.rooms or [])
            parts = [what]
            if rooms:
                parts.append(f"i {rooms}")
            if c.who:
                parts.append(f"utføres av {c.who}")
            if c.hours:
                parts.append(f"ca. {num(c.hours, 0)} timer")
            state = {"proposed": "foreslått", "accepted": "avtalt med entreprenøren", "done": "utført"}.get(
                c.status, c.status)
            blocks.append(item(f"{', '.join(parts)} ({state})"))
        blocks.append(h2("Uavhengig kontroll (SAK10 § 14-2)"))
        wet = [r.name for r in geo.rooms if r.type in WET_TYPES]
        blocks.append(item("Våtrom: " + (", ".join(wet) if wet else "ingen våtrom i planen") +
                           " – kontrolleres av et uavhengig foretak (SAK10 § 14-2 annet ledd bokstav a)."))
        blocks.append(item("Lufttetthet i ny bolig – kontrolleres av et uavhengig foretak (SAK10 § 14-2 "
                           "annet ledd bokstav b)."))
        blocks.append(p("Selvbyggeren kan ikke kontrollere eget arbeid; kontrollen gjøres av et foretak med "
                        "ansvarsrett for uavhengig kontroll."))
        blocks.append(sign(f"Søker (selvbygger){' – ' + hh.name if hh else ''}, dato"))
    blocks.append(p(DRAFT + "."))
    return blocks


# --------------------------------------------------------------------------- the package


def _drawing_pdfs(plan: Plan, report: Report, date, version, ctx: Context) -> dict[str, bytes]:
    """The drawings as A3 PDFs, all on the geometry and terrain of ``ctx`` (the check's)."""
    from planner.building.model3d import site_model

    out: dict[str, bytes] = {}
    site = site_svg(plan, report, date=date, version=version, ctx=ctx, status=STATUS)
    out["01-situasjonsplan.pdf"] = merge_svgs([site], title=f"Situasjonsplan – {plan.project.name}")
    for name, svg in floor_svgs(plan, report, date=date, version=version, ctx=ctx, status=STATUS).items():
        stem = name.removesuffix(".svg").removeprefix("floor-")
        out[f"02-plan-{stem}.pdf"] = merge_svgs([svg], title=f"Plantegning {stem} – {plan.project.name}")
    # the elevations, then the sections, from one 3D model of the site
    model = site_model(plan, ctx.buildings, ctx.terrain)
    for name, svg in building_sheets(plan, model, date=date, version=version).items():
        elevation = name.startswith("elevation-")
        kind, prefix = ("elevation", "03-fasade") if elevation else ("section", "04-snitt")
        stem = name.removesuffix(".svg").removeprefix(f"{kind}-")
        svg = svg.replace(">Arbeidstegning<", f">{STATUS}<")  # what the sheet is for
        out[f"{prefix}-{stem}.pdf"] = merge_svgs([svg], title=f"{prefix[3:].title()} {stem} – "
                                                               f"{plan.project.name}")
    return out


def package(plan: Plan, report: Report | None = None, *, date: _dt.date | str | None = None,
            version: str | None = None) -> dict[str, bytes]:
    """Every file of the application by name: drawings (A3 PDF), checklist, neighbour notice and
    the §6-8 application or the note that it does not apply (each an A4 PDF and Markdown)."""
    ctx = Context(plan)
    report = report if report is not None else check(plan, ctx=ctx)
    out = _drawing_pdfs(plan, report, date, version, ctx)
    docs = (("05-sjekkliste", "Sjekkliste", checklist(plan, report)),
            ("06-nabovarsel", "Nabovarsel", neighbour_notice(plan, report)),
            ("07-selvbygger-sak10-6-8", "Søknad om personlig ansvarsrett (SAK10 § 6-8)",
             self_build_application(plan)))
    for stem, title, blocks in docs:
        full = f"{title} – {plan.project.name}"
        out[f"{stem}.pdf"] = document_pdf(full, blocks)
        out[f"{stem}.md"] = document_text(full, blocks).encode("utf-8")
    out["00-innhold.txt"] = _contents(plan, out).encode("utf-8")
    return dict(sorted(out.items()))


def _contents(plan: Plan, files: dict[str, bytes]) -> str:
    lines = [DRAFT, "", f"Byggesøknad – {clean(plan.project.name)}", f"Gnr/bnr {gnr_bnr(plan)}, "
             f"{clean(plan.project.municipality)}", "", "Filer:"]
    lines += [f"  {name}" for name in sorted(files)]
    lines += ["", "Tegningene er A3 i riktig målestokk (skriv ut i 100 %, uten tilpasning til arket).",
              "PDF-filene er vanlige PDF-er (ikke PDF/A): last dem opp som de er, eller konverter dem "
              "hvis kommunens mottak krever PDF/A."]
    return "\n".join(lines) + "\n"


def package_zip(files: dict[str, bytes], folder: str = "byggesoknad") -> bytes:
    """The package's files in one zip, in a folder of their own."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(f"{safe_name(folder)}/{safe_name(name)}", data)
    return buf.getvalue()
