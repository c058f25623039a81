"""Police certificates: country from hint, authority or text; person; dates; result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from personal_docs_pdf import make_pdf, one, read_facts

SENTENCE = [
    "Regional Passport Office (Police Clearance Certificate)",
    "POLICE CLEARANCE CERTIFICATE",
    "Certificate No: PCC-IND-419339",
    "Date of issue: 27 March 2026",
    "This is to certify that Vikram MENON, born on 16 September 1988, has been checked against the",
    "criminal records held by this office. Result: No criminal record.",
]


def test_sentence_layout_and_authority_table(tmp_path: Path) -> None:
    facts = read_facts("police_certificate", make_pdf(tmp_path / "pcc.pdf", SENTENCE))
    assert one(facts, "police.country").value == "IND"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("MENON", "Vikram")
    assert one(facts, "person.date_of_birth").value == dt.date(1988, 9, 16)
    assert one(facts, "document.date").value == dt.date(2026, 3, 27)
    assert one(facts, "police.result").value == "no_record"
    assert one(facts, "document.issuer").value.startswith("Regional Passport Office")


def test_country_hint_wins(tmp_path: Path) -> None:
    facts = read_facts("police_certificate", make_pdf(tmp_path / "h.pdf", SENTENCE), "Qatar")
    assert one(facts, "police.country").value == "QAT"


@pytest.mark.parametrize(
    ("result", "code"),
    [("No criminal record", "no_record"), ("NIL", "no_record"), ("Record found", "record")],
)
def test_label_layout_and_named_country(tmp_path: Path, result: str, code: str) -> None:
    rows = [
        "NIGERIA POLICE FORCE, CRIMINAL RECORDS REGISTRY",
        "CERTIFICATE OF GOOD CONDUCT",
        "Full name: Chidi EZE",
        "Date of birth: 22.01.1989",
        "Issued on: 10.01.2026",
        f"Record: {result}",
    ]
    facts = read_facts("police_certificate", make_pdf(tmp_path / "ng.pdf", rows))
    assert one(facts, "police.country").value == "NGA"
    assert one(facts, "police.result").value == code
    assert one(facts, "document.date").value == dt.date(2026, 1, 10)


def test_unknown_authority_gives_no_country(tmp_path: Path) -> None:
    rows = ["District Office", "Certificate", "Name: Ana Lima", "Result: no record"]
    facts = read_facts("police_certificate", make_pdf(tmp_path / "x.pdf", rows))
    assert not [f for f in facts if f.kind == "police.country"]


def test_a_name_with_a_digit_ocr_glued_to_its_letters_is_still_the_holder(tmp_path: Path) -> None:
    """Seen on a scan: "IYER" read as "1YER". Without a name the certificate could not be paired
    with the applicant, and POL001 said the country had no certificate."""
    rows = [*SENTENCE]
    rows[4] = rows[4].replace("Vikram MENON", "Rahul 1YER")
    facts = read_facts("police_certificate", make_pdf(tmp_path / "pcc.pdf", rows))
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("IYER", "Rahul")
