"""ECA reports, diplomas and transcripts from real PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from personal_docs_pdf import make_pdf, one, read_facts


def test_eca_report_with_labels(tmp_path: Path) -> None:
    rows = [
        "World Education Services",
        "Educational Credential Assessment for Immigration, Refugees and Citizenship Canada",
        "WES Reference No.: 4412093",
        "Date: March 5, 2024",
        "Name: Tomasz Nowak",
        "Date of Birth: June 2, 1989",
        "Credential",
        [(0, "Credential"), (160, "Magister inzynier in Mechanical Engineering")],
        [(0, "Awarded by"), (160, "Warsaw University of Technology")],
        "Canadian Equivalency",
        "Master's degree",
    ]
    facts = read_facts("eca_report", make_pdf(tmp_path / "wes.pdf", rows))
    assert one(facts, "eca.organization").value == "WES"
    assert one(facts, "eca.reference").value == "4412093"
    assert one(facts, "eca.issued").value == dt.date(2024, 3, 5)
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("Nowak", "Tomasz")
    assert one(facts, "person.date_of_birth").value == dt.date(1989, 6, 2)
    assert one(facts, "eca.credential").value == "Magister inzynier in Mechanical Engineering"
    assert one(facts, "eca.institution").value == "Warsaw University of Technology"
    assert one(facts, "eca.equivalency").value == "masters"


@pytest.mark.parametrize(
    ("wording", "level"),
    [
        ("Bachelor's degree (four years)", "bachelors"),
        ("Two-year post-secondary diploma", "two_year"),
        ("One-year post-secondary certificate", "one_year"),
        ("Two or more post-secondary credentials, one of three years or longer", "two_or_more"),
        ("Doctoral degree", "doctoral"),
        ("Secondary school diploma", "secondary"),
    ],
)
def test_equivalency_sentence_and_organisation_names(
    tmp_path: Path, wording: str, level: str
) -> None:
    rows = [
        "INTERNATIONAL CREDENTIAL EVALUATION SERVICE",
        "File number: IC-88213",
        "Issue date: 2023-11-20",
        "Applicant: GARCIA, Lucia (born 1992-01-30)",
        "Diploma in Nursing, Instituto Superior, Chile, completed 2014-12-15, is equivalent to:",
        f"{wording} in Canada.",
    ]
    facts = read_facts("eca_report", make_pdf(tmp_path / "ices.pdf", rows))
    assert one(facts, "eca.organization").value == "ICES"
    assert one(facts, "eca.equivalency").value == level
    assert one(facts, "eca.credential").value == "Diploma in Nursing"
    assert one(facts, "eca.institution").value == "Instituto Superior"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("GARCIA", "Lucia")
    assert one(facts, "person.date_of_birth").value == dt.date(1992, 1, 30)


def test_unknown_equivalency_wording_gives_no_level(tmp_path: Path) -> None:
    rows = ["Comparative Education Service", "Canadian Equivalency: see attached letter"]
    facts = read_facts("eca_report", make_pdf(tmp_path / "ces.pdf", rows))
    assert one(facts, "eca.organization").value == "CES"
    assert not [f for f in facts if f.kind == "eca.equivalency"]


def test_diploma_in_sentences(tmp_path: Path) -> None:
    rows = [
        "University of Lagos",
        "This is to certify that",
        "Adaeze OKONKWO",
        "having completed the prescribed course of study has been awarded the degree of",
        "Bachelor of Science in Economics",
        "on July 14th, 2015",
    ]
    facts = read_facts("diploma", make_pdf(tmp_path / "dip.pdf", rows))
    assert one(facts, "edu.institution").value == "University of Lagos"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("OKONKWO", "Adaeze")
    assert one(facts, "edu.credential").value == "Bachelor of Science in Economics"
    assert one(facts, "edu.field").value == "Economics"
    assert one(facts, "edu.completed").value == dt.date(2015, 7, 14)


def test_diploma_table_and_transcript_month(tmp_path: Path) -> None:
    rows = [
        "NATIONAL INSTITUTE OF ENGINEERING",
        "DEGREE CERTIFICATE",
        [(0, "Name of graduate"), (180, "Ravi KUMAR")],
        [(0, "Degree"), (180, "Master of Technology")],
        [(0, "Major"), (180, "Structural Engineering")],
        [(0, "Date of completion"), (180, "30/06/2019")],
    ]
    facts = read_facts("diploma", make_pdf(tmp_path / "mt.pdf", rows))
    assert one(facts, "edu.credential").value == "Master of Technology"
    assert one(facts, "edu.field").value == "Structural Engineering"
    assert one(facts, "edu.completed").value == dt.date(2019, 6, 30)
    rows = [
        "National Institute of Engineering",
        "OFFICIAL ACADEMIC TRANSCRIPT",
        "Student: Ravi KUMAR",
        "Program: Master of Technology",
        "Admitted: Aug 2017",
        "Completed: Jun 2019",
    ]
    facts = read_facts("transcript", make_pdf(tmp_path / "tr.pdf", rows))
    completed = one(facts, "edu.completed")
    assert completed.value == dt.date(2019, 6, 1) and completed.note
    assert "month" in completed.note
    assert one(facts, "edu.institution").value == "National Institute of Engineering"
