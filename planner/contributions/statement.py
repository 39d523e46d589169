"""The signed-off statement of the family's own work, for the bank and the municipality (PDF).

The tasks, their quantities, the hours the contractor confirmed, the hour value,
the value and the total; who confirmed each task and when, whether it was done as
agreed and the quality notes; and a SHA-256 checksum of the ledger (every hour row
and every confirmation), so that a later change shows: a task whose rows changed
after it was confirmed says so, and the checksum on a new statement differs.

:func:`ledger_checksum` and :func:`task_checksum` take plain rows (dicts), so the
web app and a test compute the same figure. No files are written here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from planner.contributions.estimate import nok
from planner.contributions.workplan import _Pages
from planner.export.style import clean

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Erklæring om egeninnsats", "Statement of the family's own work"),
    "lead": ("Arbeid familien har gjort selv på boligen, timer bekreftet av entreprenøren. Verdien er "
             "timer × timeverdi (et anslag av hva arbeidet sparer).",
             "Work the family has done on the home itself, hours confirmed by the contractor. The value is "
             "hours × hour value (an estimate of what the work saves)."),
    "project": ("Prosjekt", "Project"), "municipality": ("Kommune", "Municipality"),
    "household": ("Husstand", "Household"), "date": ("Dato", "Date"),
    "rate": ("Timeverdi", "Hour value"),
    "task": ("Oppgave", "Task"), "quantity": ("Mengde", "Quantity"),
    "logged": ("Timer ført", "Hours logged"), "confirmed": ("Timer bekreftet", "Hours confirmed"),
    "value": ("Verdi", "Value"), "by": ("Bekreftet av", "Confirmed by"),
    "quality": ("Som avtalt / kvalitet", "As agreed / quality"),
    "total": ("Sum bekreftet egeninnsats", "Total confirmed self-build work"),
    "checksum": ("Kontrollsum (SHA-256) av timelisten", "Checksum (SHA-256) of the ledger"),
    "checksum_note": ("Kontrollsummen regnes av alle timeføringer og bekreftelser. Endres en time "
                      "senere, får en ny erklæring en annen kontrollsum.",
                      "The checksum is computed from every hour row and confirmation. If an hour is "
                      "changed later, a new statement gets a different checksum."),
    "changed": ("ENDRET ETTER BEKREFTELSEN: må bekreftes på nytt",
                "CHANGED AFTER CONFIRMATION: confirm again"),
    "not_confirmed": ("ikke bekreftet", "not confirmed"),
    "yes": ("ja", "yes"), "no": ("nei", "no"),
    "none": ("Ingen timer er ført ennå.", "No hours are logged yet."),
    "page": ("Side", "Page"), "estimate": ("Verdien er et anslag.", "The value is an estimate."),
    "signature": ("Underskrift entreprenør", "Contractor's signature"),
}
COLUMNS = (("task", 40.0), ("quantity", 22.0), ("logged", 16.0), ("confirmed", 18.0), ("value", 20.0),
           ("by", 30.0), ("quality", 36.0))
"""Columns of the table and their widths in mm (182 mm in all)."""


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang == "en" else 0]


def _canonical(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def task_checksum(entries: list[dict[str, Any]]) -> str:
    """SHA-256 of one task's hour rows (id, person, day, hours, note, photo's SHA-256), in id order.

    >>> task_checksum([]) == hashlib.sha256(b"[]").hexdigest()
    True
    """
    return hashlib.sha256(_canonical(sorted(entries, key=lambda e: e["id"]))).hexdigest()


def ledger_checksum(entries: list[dict[str, Any]], confirmations: list[dict[str, Any]]) -> str:
    """SHA-256 of the whole ledger: every hour row and every confirmation."""
    doc = {"entries": sorted(entries, key=lambda e: e["id"]),
           "confirmations": sorted(confirmations, key=lambda c: c["id"])}
    return hashlib.sha256(_canonical([doc])).hexdigest()


@dataclass(frozen=True)
class StatementRow:
    """One task of the statement (all text already in the statement's language but the numbers)."""

    task: str
    quantity: str
    logged_hours: float
    confirmed_hours: float | None
    value_nok: float
    confirmed_by: str = ""
    confirmed_at: str = ""
    as_agreed: bool | None = None
    quality_note: str = ""
    changed_since: bool = False


@dataclass
class Statement:
    """What the statement says."""

    project: str
    municipality: str
    household: str
    hour_value_nok: float
    rows: list[StatementRow] = field(default_factory=list)
    checksum: str = ""
    date: _dt.date | None = None

    @property
    def total_hours(self) -> float:
        return sum(r.confirmed_hours or 0.0 for r in self.rows if not r.changed_since)

    @property
    def total_nok(self) -> float:
        return sum(r.value_nok for r in self.rows if r.confirmed_hours is not None and not r.changed_since)


def _hours(v: float, lang: str) -> str:
    text = f"{v:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def statement_svgs(s: Statement, lang: str = "nb") -> list[str]:
    """The statement as A4 pages of SVG (millimetres)."""
    kr = "NOK" if lang == "en" else "kr"
    title = f"{_w('title', lang)} – {clean(s.project, 120)}"
    p = _Pages(title, lang)
    p.paragraph(_w("title", lang), size=6.0, bold=True, gap=2)
    day = s.date or _dt.date.today()
    for a, b in ((_w("project", lang), s.project), (_w("municipality", lang), s.municipality),
                 (_w("household", lang), s.household), (_w("date", lang), day.strftime("%d.%m.%Y")),
                 (_w("rate", lang), f"{nok(s.hour_value_nok, lang)} {kr}")):
        p.paragraph(f"{a}: {clean(b, 200)}", gap=0.3)
    p.paragraph(_w("lead", lang), gap=3)
    p.table_row([_w(c, lang) for c, _ in COLUMNS], bold=True, fill="#eeeeee", columns=COLUMNS)
    if not s.rows:
        p.paragraph(_w("none", lang))
    for r in s.rows:
        yes_no = "" if r.as_agreed is None else _w("yes" if r.as_agreed else "no", lang)
        quality = ", ".join(x for x in (yes_no, clean(r.quality_note, 400)) if x)
        by = (f"{clean(r.confirmed_by, 80)}, {r.confirmed_at}" if r.confirmed_hours is not None
              else _w("not_confirmed", lang))
        confirmed = "–" if r.confirmed_hours is None else _hours(r.confirmed_hours, lang)
        if r.changed_since:
            by = f"{by}. {_w('changed', lang)}"
        value = f"{nok(r.value_nok, lang)} {kr}" if r.confirmed_hours is not None and not r.changed_since \
            else "–"
        p.table_row([clean(r.task, 120), clean(r.quantity, 60), _hours(r.logged_hours, lang), confirmed,
                     value, by, quality], columns=COLUMNS)
    p.table_row([_w("total", lang), "", "", _hours(s.total_hours, lang), f"{nok(s.total_nok, lang)} {kr}",
                 "", ""], bold=True, columns=COLUMNS)
    p.y += 4
    p.paragraph(f"{_w('checksum', lang)}:", bold=True, gap=0.5)
    p.paragraph(s.checksum, size=3.2, gap=1)
    p.paragraph(_w("checksum_note", lang), gap=8)
    p.need(16)
    assert p.body is not None
    p.body.add(p.pages[-1].line((14, p.y + 10), (100, p.y + 10), stroke="#1a1a1a", stroke_width=0.3))
    p.text(14, p.y + 14, _w("signature", lang), size=2.6)
    p.y += 18
    return p.svgs()


def statement_pdf(s: Statement, lang: str = "nb") -> bytes:
    """The statement as an A4 PDF (CairoSVG draws each page, pypdf joins them)."""
    from planner.export.pdf import merge_svgs

    return merge_svgs(statement_svgs(s, lang), title=f"{_w('title', lang)} – {clean(s.project, 120)}")
