"""Bank letters and statements from real PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from personal_docs_pdf import make_pdf, one, read_facts, values


def test_letter_in_sentences(tmp_path: Path) -> None:
    rows = [
        "HARBOUR CREST BANK",
        "12 King Street, Halifax, Canada",
        "Date: 3 April 2026",
        "BALANCE CONFIRMATION",
        "We confirm that Amina BELLO holds account number 7723-383814-63 with Harbour Crest Bank,",
        "opened on 30 May 2018.",
        "The balance as of the date of this letter is CAD 46,000; the average balance over the",
        "past six months is CAD 42,800.",
    ]
    facts = read_facts("bank_letter", make_pdf(tmp_path / "bl.pdf", rows))
    assert one(facts, "bank.institution").value == "HARBOUR CREST BANK"
    holder = one(facts, "bank.holder").value
    assert isinstance(holder, dict) and (holder["family"], holder["given"]) == ("BELLO", "Amina")
    assert values(facts, "bank.account_number") == ["7723-383814-63"]
    assert one(facts, "bank.balance").value == {"amount": 46000.0, "currency": "CAD", "per": None}
    assert one(facts, "bank.average_balance").value == {
        "amount": 42800.0,
        "currency": "CAD",
        "per": None,
    }
    assert one(facts, "document.date").value == dt.date(2026, 4, 3)


def test_letter_table_with_joint_holders_and_total(tmp_path: Path) -> None:
    rows = [
        "Margalla Savings Bank Limited",
        "Date: 14/02/2026",
        [(0, "Account holders"), (200, "Bilal KHAN and Sana KHAN")],
        [(0, "Account number"), (200, "0012-4455667-01")],
        [(0, "Account number"), (200, "0012-4455667-02")],
        [(0, "Date opened"), (200, "01/02/2015")],
        [(0, "Current balance"), (200, "2,100,000.00 PKR")],
        [(0, "Total balance across accounts"), (200, "PKR 5,600,000.00")],
    ]
    facts = read_facts("bank_letter", make_pdf(tmp_path / "joint.pdf", rows))
    holders = values(facts, "bank.holder")
    assert [h["given"] for h in holders if isinstance(h, dict)] == ["Bilal", "Sana"]
    assert values(facts, "bank.account_number") == ["0012-4455667-01", "0012-4455667-02"]
    balance = one(facts, "bank.balance").value
    assert balance == {"amount": 5600000.0, "currency": "PKR", "per": None}
    assert one(facts, "document.date").value == dt.date(2026, 2, 14)


def test_statement_period_and_closing_balance(tmp_path: Path) -> None:
    rows = [
        "Northshore Trust Bank",
        "ACCOUNT STATEMENT",
        [(0, "Account holder"), (180, "Usman MIRZA")],
        [(0, "Account number"), (180, "1419-138161-25")],
        [(0, "Statement period"), (180, "2026-03-01 to 2026-03-31")],
        [(0, "Opening balance"), (180, "CAD 41,436.58")],
        [(0, "Closing balance"), (180, "CAD 39,500.00")],
        "Statement date 2026-04-02",
    ]
    facts = read_facts("bank_statement", make_pdf(tmp_path / "st.pdf", rows))
    assert one(facts, "bank.balance").value == {"amount": 39500.0, "currency": "CAD", "per": None}
    assert one(facts, "bank.period_start").value == dt.date(2026, 3, 1)
    assert one(facts, "bank.period_end").value == dt.date(2026, 3, 31)
    assert one(facts, "document.date").value == dt.date(2026, 4, 2)


def test_statement_for_a_month(tmp_path: Path) -> None:
    rows = ["Pasig Savings Bank", [(0, "Statement period"), (180, "Feb 2024")]]
    facts = read_facts("bank_statement", make_pdf(tmp_path / "m.pdf", rows))
    assert one(facts, "bank.period_start").value == dt.date(2024, 2, 1)
    assert one(facts, "bank.period_end").value == dt.date(2024, 2, 29)


def test_dollar_sign_alone_leaves_currency_open(tmp_path: Path) -> None:
    rows = ["Example Bank", "Closing balance: $12,000.00"]
    facts = read_facts("bank_statement", make_pdf(tmp_path / "usd.pdf", rows))
    assert one(facts, "bank.balance").value == {"amount": 12000.0, "currency": None, "per": None}
