"""Language test reports: test variants, candidate, dates and scores in the three table shapes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from personal_docs_pdf import make_pdf, make_scan, one, read_facts

from docaudit.core.models import Fact


def _scores(facts: tuple[Fact, ...]) -> dict[str, object]:
    return {f.kind.rsplit(".", 1)[1]: f.value for f in facts if f.kind.startswith("test.score.")}


def test_ielts_row_of_abilities_over_row_of_scores(tmp_path: Path) -> None:
    rows = [
        "IELTS",
        "Test Report Form",
        "GENERAL TRAINING",
        "Date 07/03/2025",
        [(0, "Family Name"), (180, "HAIDER")],
        [(0, "First Name(s)"), (180, "SANA")],
        [(0, "Date of Birth"), (180, "19/08/1996")],
        [(0, "Listening"), (120, "Reading"), (240, "Writing"), (360, "Speaking")],
        [(0, "8.5"), (120, "7.0"), (240, "6.5"), (360, "7.5")],
        "Overall Band Score 7.5",
        "Test Report Form Number 25PK004211HAIS001G",
    ]
    facts = read_facts("language_test", make_pdf(tmp_path / "ielts.pdf", rows))
    assert one(facts, "test.name").value == "IELTS_GT"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("HAIDER", "SANA")
    assert one(facts, "test.date").value == dt.date(2025, 3, 7)
    assert one(facts, "person.date_of_birth").value == dt.date(1996, 8, 19)
    assert one(facts, "test.registration_number").value == "25PK004211HAIS001G"
    assert _scores(facts) == {
        "listening": 8.5,
        "reading": 7.0,
        "writing": 6.5,
        "speaking": 7.5,
        "overall": 7.5,
    }


def test_scores_on_one_line_and_academic_variant(tmp_path: Path) -> None:
    rows = [
        "IELTS Academic Test Report Form",
        "Listening 6.0 Reading 6.5 Writing 5.5 Speaking 6.0 Overall 6.0",
    ]
    facts = read_facts("language_test", make_pdf(tmp_path / "ac.pdf", rows))
    assert one(facts, "test.name").value == "IELTS_ACADEMIC"
    assert _scores(facts) == {
        "listening": 6.0,
        "reading": 6.5,
        "writing": 5.5,
        "speaking": 6.0,
        "overall": 6.0,
    }


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("CELPIP-General Official Score Report", "CELPIP_G"),
        ("CELPIP-General LS Official Score Report", "CELPIP_GLS"),
        ("PTE Core Score Report", "PTE_CORE"),
        ("PTE Academic Score Report", "PTE_ACADEMIC"),
        ("Attestation de résultats - TEF Canada", "TEF_CANADA"),
        ("Attestation de résultats - TEF", "TEF_OTHER"),
        ("Attestation de résultats - TCF Canada", "TCF_CANADA"),
        ("Attestation de résultats - TCF tout public", "TCF_OTHER"),
    ],
)
def test_variants(tmp_path: Path, title: str, code: str) -> None:
    facts = read_facts("language_test", make_pdf(tmp_path / "t.pdf", [title]))
    assert one(facts, "test.name").value == code


def test_family_first_candidate_and_label_value_rows(tmp_path: Path) -> None:
    rows = [
        "PTE Core Score Report",
        [(0, "Test Taker ID"), (160, "PTE771234567")],
        [(0, "Candidate"), (160, "SANTOS, Maria Clara")],
        [(0, "Test Date"), (160, "12 January 2025")],
        "Overall Score 71",
        [(0, "Listening"), (160, "73")],
        [(0, "Reading"), (160, "68")],
        [(0, "Writing"), (160, "70")],
        [(0, "Speaking"), (160, "74")],
    ]
    facts = read_facts("language_test", make_pdf(tmp_path / "pte.pdf", rows))
    name = one(facts, "person.name").value
    assert isinstance(name, dict)
    assert (name["family"], name["given"], name["middle"]) == ("SANTOS", "Maria", "Clara")
    assert one(facts, "test.registration_number").value == "PTE771234567"
    assert _scores(facts) == {
        "listening": 73.0,
        "reading": 68.0,
        "writing": 70.0,
        "speaking": 74.0,
        "overall": 71.0,
    }


def test_french_report(tmp_path: Path) -> None:
    rows = [
        "Attestation de résultats - TEF Canada",
        "Nom: LAMBERT",
        "Prénom(s): Chloé",
        "Date de naissance: 30.04.1994",
        "Date de l'épreuve: 15.02.2025",
        "Numéro d'inscription: TEF-2025-88412",
        [(0, "Compréhension de l'oral"), (220, "420/699")],
        [(0, "Compréhension de l'écrit"), (220, "388/699")],
        [(0, "Expression écrite"), (220, "401/699")],
        [(0, "Expression orale"), (220, "415/699")],
    ]
    facts = read_facts("language_test", make_pdf(tmp_path / "tef.pdf", rows))
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("LAMBERT", "Chloé")
    assert one(facts, "test.date").value == dt.date(2025, 2, 15)
    assert one(facts, "test.registration_number").value == "TEF-2025-88412"
    assert _scores(facts) == {
        "listening": 420.0,
        "reading": 388.0,
        "writing": 401.0,
        "speaking": 415.0,
    }


@pytest.mark.ocr
@pytest.mark.slow
def test_scanned_celpip(tmp_path: Path, tesseract: str) -> None:
    rows = [
        "CELPIP-General Official Score Report",
        "Test Taker: Daniel Osei",
        "Date of Birth: March 3, 1990",
        "Test Date: January 18, 2025",
        "Registration Number: CEL25-1234-5678",
        [(0, "Listening"), (120, "Reading"), (240, "Writing"), (360, "Speaking")],
        [(0, "10"), (120, "9"), (240, "8"), (360, "9")],
    ]
    scan = make_scan(make_pdf(tmp_path / "celpip.pdf", rows, size=12))
    facts = read_facts("language_test", scan)
    assert one(facts, "test.name").value == "CELPIP_G"
    assert one(facts, "test.date").value == dt.date(2025, 1, 18)
    assert _scores(facts) == {"listening": 10.0, "reading": 9.0, "writing": 8.0, "speaking": 9.0}
