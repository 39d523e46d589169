"""The statement of the family's own work: its checksum changes with any row, and the PDF opens."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from planner.contributions.statement import (
    Statement,
    StatementRow,
    ledger_checksum,
    statement_pdf,
    task_checksum,
)

ROWS = [{"id": 1, "task": "c1", "person": "Amina", "day": "2026-11-14", "hours": 6.5, "note": "",
         "photo": ""},
        {"id": 2, "task": "c1", "person": "Jonas", "day": "2026-11-15", "hours": 4.0, "note": "",
         "photo": ""}]
CONFIRMED = [{"id": 1, "task": "c1", "as_agreed": True, "quality_note": "", "hours": 10.5,
              "task_sha256": task_checksum(ROWS), "by": 3, "at": "2026-11-16T10:00:00"}]


def test_the_checksum_changes_when_an_hour_is_edited_and_not_when_the_rows_are_reordered():
    before = ledger_checksum(ROWS, CONFIRMED)
    assert ledger_checksum(list(reversed(ROWS)), CONFIRMED) == before
    edited = [dict(ROWS[0], hours=7.0), ROWS[1]]
    assert ledger_checksum(edited, CONFIRMED) != before
    assert task_checksum(edited) != CONFIRMED[0]["task_sha256"]
    assert len(before) == 64 and int(before, 16) >= 0


def test_the_statement_pdf_lists_the_confirmed_work_and_marks_a_change_after_confirmation():
    s = Statement("Nanset", "Larvik", "Familien Haugen", 400.0, [
        StatementRow("Male vegger", "84,7 m² vegg", 10.5, 10.5, 4200.0, "Ola Bygg", "16.11.2026 11:00", True,
                     "Jevne flater."),
        StatementRow("Legge gulv", "23,4 m² gulv", 12.0, 11.0, 4400.0, "Ola Bygg", "17.11.2026 09:00", True,
                     "", changed_since=True),
    ], ledger_checksum(ROWS, CONFIRMED), dt.date(2026, 12, 1))
    assert s.total_hours == 10.5 and s.total_nok == 4200.0  # the changed task does not count
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(statement_pdf(s))).pages).split())
    assert "Erklæring om egeninnsats" in text and "01.12.2026" in text
    assert "4 200 kr" in text.replace("\xa0", " ") and "ENDRET ETTER BEKREFTELSEN" in text
    assert s.checksum in text.replace(" ", "")
