"""Scanned bank documents (300 dpi, real Tesseract) that produced FND002 false alarms in the
detection benchmark: the table's next label (``Date``, ``Date opened``) read as the holder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from generated_scans import generated_scan
from personal_docs_pdf import Row, make_pdf, make_scan, read_facts, values

pytestmark = pytest.mark.ocr

LETTER: dict[str, Any] = {
    "institution": "Kaveri National Bank",
    "holder": "Aditya RAMAN",
    "account_number": "2469-449315-81",
    "currency": "INR",
    "balance": {"amount": 1852800.0, "currency": "INR"},
    "balance_cad": 30200.0,
    "bank_address": "196 Residency Road, Bengaluru, India",
    "bank_phone": "+91 80 4127 2703",
    "letter_date": dt.date(2025, 12, 28),
    "opened": dt.date(2020, 2, 16),
    "average_balance_6m": {"amount": 1723100.0, "currency": "INR"},
    "outstanding_debts": None,
}

STATEMENT: dict[str, Any] = {
    "institution": "Luzon Bay Savings Bank",
    "bank_address": "12 Ayala Avenue, Makati, Philippines",
    "holder": "Kristine REYES",
    "account_number": "8414-646769-14",
    "currency": "PHP",
    "period_start": dt.date(2026, 3, 1),
    "period_end": dt.date(2026, 3, 31),
    "opening_balance": {"amount": 1801200.0, "currency": "PHP"},
    "closing_balance": {"amount": 1855400.0, "currency": "PHP"},
    "transactions": [
        {"date": dt.date(2026, 3, 5), "description": "Salary credit", "amount": 84200.0},
        {"date": dt.date(2026, 3, 18), "description": "Rent", "amount": -30000.0},
    ],
    "statement_date": dt.date(2026, 4, 2),
    "balance_cad": None,
}


def _holders(facts: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(h["family"], h["given"]) for h in values(facts, "bank.holder") if isinstance(h, dict)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("doc_type", "facts", "layout", "holder"),
    [
        ("bank_letter", LETTER, "b", ("RAMAN", "Aditya")),
        ("bank_statement", STATEMENT, "a", ("REYES", "Kristine")),
        ("bank_statement", STATEMENT, "b", ("REYES", "Kristine")),
    ],
)
def test_generated_bank_scans_name_the_holder(
    tmp_path: Path,
    tesseract: str,
    doc_type: str,
    facts: dict[str, Any],
    layout: str,
    holder: tuple[str, str],
) -> None:
    read = read_facts(doc_type, generated_scan(tmp_path, doc_type, facts, layout))
    assert _holders(read) == [holder]


@pytest.mark.parametrize("misread", ["Date opened", "Date", "Statement period"])
def test_a_label_read_as_the_holder_gives_way_to_the_name(
    tmp_path: Path, tesseract: str, misread: str
) -> None:
    rows: list[Row] = [
        "Kaveri National Bank",
        [(0, "Account holder"), (200, misread)],
        [(0, "Account number"), (200, "2469-449315-81")],
        "We confirm that Aditya RAMAN holds the account above with us.",
    ]
    scan = make_scan(make_pdf(tmp_path / "letter.pdf", rows, size=12))
    assert _holders(read_facts("bank_letter", scan)) == [("RAMAN", "Aditya")]
