"""Scanned test reports (300 dpi, real Tesseract) that produced false alarms in the detection
benchmark: score-table headings read as the candidate's name (ID001), scores no test awards
(LNG001) and a label and score read as the registration number (LNG005).

The generator's own layouts are scanned to show the whole report still reads right; documents
that print the misreadings outright show the guards hold whatever the OCR pairs up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from generated_scans import generated_scan
from personal_docs_pdf import Row, make_pdf, make_scan, ocr_text, one, read_facts

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extract_facts

pytestmark = pytest.mark.ocr


def _scores(facts: tuple[Fact, ...]) -> dict[str, object]:
    return {f.kind.rsplit(".", 1)[1]: f.value for f in facts if f.kind.startswith("test.score.")}


def _report(test: str, scores: dict[str, float], overall: float | None) -> dict[str, Any]:
    return {
        "test": test,
        "family_name": "ADEYEMI",
        "given_names": "Adaeze",
        "date_of_birth": dt.date(1991, 8, 19),
        "test_date": dt.date(2025, 3, 22),
        "result_date": dt.date(2025, 4, 4),
        "registration_number": {
            "IELTS_GT": "25NG610234ADEA001G",
            "PTE_CORE": "PTE617195415",
            "TCF_CANADA": "TCF2548732416",
            "CELPIP_G": "CEL25-0918-1895",
        }[test],
        "scores": scores,
        "overall": overall,
    }


REPORTS = [
    ("IELTS_GT", "a", {"listening": 7.5, "reading": 8.0, "writing": 7.5, "speaking": 7.0}, 7.5),
    ("IELTS_GT", "b", {"listening": 8.0, "reading": 6.0, "writing": 7.0, "speaking": 7.0}, 7.0),
    ("PTE_CORE", "b", {"listening": 85.0, "reading": 62.0, "writing": 88.0, "speaking": 90.0}, 81),
    ("TCF_CANADA", "b", {"listening": 510, "reading": 530, "writing": 10, "speaking": 15}, None),
    ("CELPIP_G", "b", {"listening": 8, "reading": 8, "writing": 9, "speaking": 7}, None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("test", "layout", "scores", "overall"), REPORTS)
def test_generated_report_scans_read_the_candidate_and_scores(
    tmp_path: Path,
    tesseract: str,
    test: str,
    layout: str,
    scores: dict[str, float],
    overall: float | None,
) -> None:
    report = _report(test, scores, overall)
    facts = read_facts("language_test", generated_scan(tmp_path, "language_test", report, layout))
    name = one(facts, "person.name").value
    assert isinstance(name, dict)
    assert (name["family"].upper(), name["given"].upper()) == ("ADEYEMI", "ADAEZE")
    assert one(facts, "test.registration_number").value == report["registration_number"]
    expected = {k: float(v) for k, v in scores.items()}
    if overall is not None:
        expected["overall"] = float(overall)
    read = _scores(facts)
    assert {k: v for k, v in read.items() if v != expected.get(k)} == {}
    assert len(read) >= len(expected) - 1


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            [
                "IELTS",
                "GENERAL TRAINING",
                "Family Name",
                "Test Results",
                [(0, "First Name(s)"), (180, "ADAEZE")],
                [(0, "Listening"), (120, "Reading"), (240, "Writing"), (360, "Speaking")],
                [(0, "7.5"), (120, "8.0"), (240, "7.5"), (360, "7.0")],
            ],
            id="Test Results",
        ),
        pytest.param(
            [
                "Attestation de résultats - TCF Canada",
                "Nom",
                "Résultats",
                [(0, "Prénom(s)"), (180, "Adaeze")],
                [(0, "Compréhension de l'oral"), (220, "510/699")],
            ],
            id="Résultats",
        ),
        pytest.param(
            [
                "PTE Core Score Report",
                "Candidate",
                "Communicative Skills",
                [(0, "Listening"), (220, "85")],
            ],
            id="Communicative Skills",
        ),
    ],
)
def test_a_heading_under_an_empty_name_label_is_no_name(
    tmp_path: Path, tesseract: str, rows: list[Row]
) -> None:
    facts = read_facts("language_test", make_scan(make_pdf(tmp_path / "r.pdf", rows, size=12)))
    assert [f.value for f in facts if f.kind == "person.name"] == []


def _ielts(tmp_path: Path, scores: list[str], overall: str) -> tuple[Fact, ...]:
    rows: list[Row] = [
        "IELTS",
        "Test Report Form",
        "GENERAL TRAINING",
        [(0, "Family Name"), (180, "ADEYEMI")],
        [(0, "First Name(s)"), (180, "ADAEZE")],
        [(0, "Listening"), (120, "Reading"), (240, "Writing"), (360, "Speaking")],
        [(i * 120.0, s) for i, s in enumerate(scores)],
        f"Overall Band Score {overall}",
    ]
    return read_facts("language_test", make_scan(make_pdf(tmp_path / "ielts.pdf", rows, size=12)))


def test_an_ielts_band_no_test_awards_is_not_reported(tmp_path: Path, tesseract: str) -> None:
    facts = _ielts(tmp_path, ["7.5", "8.0", "120", "7.0"], "7.5")
    assert _scores(facts) == {"listening": 7.5, "reading": 8.0, "speaking": 7.0, "overall": 7.5}


def test_a_lost_decimal_point_is_restored_only_when_the_overall_proves_it(
    tmp_path: Path, tesseract: str
) -> None:
    proven = _ielts(tmp_path, ["80", "8.0", "7.5", "7.0"], "7.5")
    listening = one(proven, "test.score.listening")
    assert listening.value == 8.0
    assert listening.note is not None and "OCR read 80" in listening.note
    unproven = _ielts(tmp_path, ["80", "8.0", "7.5", "7.0"], "6.5")
    assert "listening" not in _scores(unproven)


def test_a_band_that_breaks_the_overall_mean_and_lost_its_decimal_is_left_out(
    tmp_path: Path, tesseract: str
) -> None:
    facts = _ielts(tmp_path, ["8.0", "6.5", "6.0", "5"], "7.0")
    assert _scores(facts) == {"listening": 8.0, "reading": 6.5, "writing": 6.0, "overall": 7.0}


def test_a_tcf_score_above_its_scale_is_not_reported(tmp_path: Path, tesseract: str) -> None:
    rows: list[Row] = [
        "Attestation de résultats - TCF Canada",
        [(0, "Nom"), (200, "ADEYEMI")],
        [(0, "Prénom(s)"), (200, "Adaeze")],
        [(0, "Compréhension de l'oral"), (200, "510/699")],
        [(0, "Compréhension de l'écrit"), (200, "530/699")],
        [(0, "Expression écrite"), (200, "10/20")],
        [(0, "Expression orale"), (200, "28/20")],
    ]
    facts = read_facts("language_test", make_scan(make_pdf(tmp_path / "tcf.pdf", rows, size=12)))
    assert _scores(facts) == {"listening": 510.0, "reading": 530.0, "writing": 10.0}


def test_a_date_under_an_unreadable_score_is_no_score(tmp_path: Path, tesseract: str) -> None:
    rows: list[Row] = [
        "CELPIP-General Official Score Report",
        [(0, "Listening"), (200, "8")],
        [(0, "Reading"), (200, "8")],
        [(0, "Writing"), (200, "9")],
        "Speaking",
        "Report issued 2024-11-01",
    ]
    facts = read_facts("language_test", make_scan(make_pdf(tmp_path / "c.pdf", rows, size=12)))
    assert _scores(facts) == {"listening": 8.0, "reading": 8.0, "writing": 9.0}


def test_a_label_and_score_are_no_registration_number(tmp_path: Path, tesseract: str) -> None:
    rows: list[Row] = [
        "PTE Core Score Report",
        "Test Taker ID Overall Score 75",
        "Registration Number PTE617195415",
    ]
    facts = read_facts("language_test", make_scan(make_pdf(tmp_path / "p.pdf", rows, size=12)))
    assert one(facts, "test.registration_number").value == "PTE617195415"


@pytest.mark.parametrize(
    ("printed", "shaped"),
    [
        ("25NG649937OKONO09G", "25NG649937OKON009G"),
        ("25PH249158REYMO007G", "25PH249158REYM007G"),
    ],
)
def test_a_trf_number_read_with_a_letter_for_a_digit_gets_its_shape_back(
    tmp_path: Path, tesseract: str, printed: str, shaped: str
) -> None:
    rows: list[Row] = ["IELTS", "GENERAL TRAINING", f"Test Report Form Number {printed}"]
    pdf = make_pdf(tmp_path / "trf.pdf", rows, size=12)
    scanned = one(read_facts("language_test", make_scan(pdf)), "test.registration_number")
    assert scanned.value == shaped
    assert scanned.note is not None and printed in scanned.note
    as_printed = one(read_facts("language_test", pdf), "test.registration_number")
    assert as_printed.value == printed


def test_a_mark_ocr_printed_for_i_inside_a_trf_number_keeps_it_whole() -> None:
    """Seen on a scan: "25IN073341REDV003G" read as "25!N073341REDV003G", and only the part
    after the mark taken (LNG005 at high)."""
    rows = [
        ["IELTS"],
        ["GENERAL", "TRAINING"],
        ["Test", "Report", "Form", "Number", "25!N073341REDV003G"],
    ]
    facts = extract_facts("language_test", Source("trf.png", "0" * 64, ocr_text(rows)))
    assert one(facts, "test.registration_number").value == "25IN073341REDV003G"


def test_a_band_whose_point_ocr_read_as_a_colon_keeps_its_half() -> None:
    """Seen on a scanned TRF of seed 103: "Listening 8:5)" was read as 8, LNG001 against 8.5."""
    rows = [
        ["IELTS"],
        ["GENERAL", "TRAINING"],
        ["Listening", "8:5)"],
        ["Reading", "8.0"],
        ["Writing", "6.0"],
        ["Speaking", "7.0"],
        ["Overall", "Band", "Score", "7.5"],
    ]
    facts = extract_facts("language_test", Source("trf.png", "0" * 64, ocr_text(rows)))
    assert _scores(facts) == {
        "listening": 8.5,
        "reading": 8.0,
        "writing": 6.0,
        "speaking": 7.0,
        "overall": 7.5,
    }
