"""Marriage, divorce and birth certificates from real PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from personal_docs_pdf import make_pdf, one, read_facts

from docaudit.core.models import Fact


def _parties(facts: tuple[Fact, ...]) -> list[tuple[str, str]]:
    return [
        (f.value["family"], f.value["given"])
        for f in facts
        if f.kind == "civil.party" and isinstance(f.value, dict)
    ]


def test_marriage_sentence_wrapping_onto_the_next_line(tmp_path: Path) -> None:
    rows = [
        "Registrar of Births and Deaths",
        "CERTIFICATE OF MARRIAGE",
        "This certifies that Vikram MENON and Pooja KULKARNI were joined in marriage on 4 Sept.",
        "2024 at Calgary, Canada.",
        "Date of issue: 28 October 2024",
    ]
    facts = read_facts("marriage_certificate", make_pdf(tmp_path / "m.pdf", rows))
    assert _parties(facts) == [("MENON", "Vikram"), ("KULKARNI", "Pooja")]
    assert one(facts, "civil.event_date").value == dt.date(2024, 9, 4)
    assert one(facts, "civil.place").value == "Calgary, Canada"
    assert one(facts, "document.date").value == dt.date(2024, 10, 28)


def test_marriage_table(tmp_path: Path) -> None:
    rows = [
        "Certificate Of Marriage",
        [(0, "Bride / Groom"), (180, "Maria SANTOS")],
        [(0, "Groom / Bride"), (180, "Jose CRUZ")],
        [(0, "Date of marriage"), (180, "23/04/2015")],
        [(0, "Place of marriage"), (180, "Quezon City, Philippines")],
    ]
    facts = read_facts("marriage_certificate", make_pdf(tmp_path / "t.pdf", rows))
    assert _parties(facts) == [("SANTOS", "Maria"), ("CRUZ", "Jose")]
    assert one(facts, "civil.event_date").value == dt.date(2015, 4, 23)
    assert one(facts, "civil.place").value == "Quezon City, Philippines"


def test_divorce_takes_the_effective_date(tmp_path: Path) -> None:
    rows = [
        "Family Court, Quezon City, Philippines",
        "CERTIFICATE OF DIVORCE",
        "In case FC/2018/4208, the marriage between Rafael REYES and Rhea GARCIA, solemnized on",
        "April 23rd, 2015, was dissolved by decree, effective February 19th, 2018.",
        "Issued March 31st, 2018",
    ]
    facts = read_facts("divorce_certificate", make_pdf(tmp_path / "d.pdf", rows))
    assert _parties(facts) == [("REYES", "Rafael"), ("GARCIA", "Rhea")]
    assert one(facts, "civil.event_date").value == dt.date(2018, 2, 19)
    assert one(facts, "document.date").value == dt.date(2018, 3, 31)


def test_birth_certificate(tmp_path: Path) -> None:
    rows = [
        "Union Council Registrar",
        "CERTIFICATE OF BIRTH",
        "Name of child: Mahnoor MIRZA",
        "Sex: Female",
        "Date of birth: 1 September 2025",
        "Place of birth: Karachi, Pakistan",
        "Father: Asad MIRZA",
        "Mother: Iqra MIRZA",
        "Date of registration: 30 September 2025",
    ]
    facts = read_facts("birth_certificate", make_pdf(tmp_path / "b.pdf", rows))
    child = one(facts, "person.name").value
    assert isinstance(child, dict) and child["given"] == "Mahnoor"
    assert _parties(facts) == [("MIRZA", "Mahnoor"), ("MIRZA", "Asad"), ("MIRZA", "Iqra")]
    assert one(facts, "person.sex").value == "F"
    assert one(facts, "civil.event_date").value == dt.date(2025, 9, 1)
    assert one(facts, "person.date_of_birth").value == dt.date(2025, 9, 1)
    assert one(facts, "civil.place").value == "Karachi, Pakistan"
    assert one(facts, "document.date").value == dt.date(2025, 9, 30)
