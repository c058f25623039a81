"""Identity cards and passports share their labels (surname, date of birth, date of expiry): the
card's own title must decide, or a card's expiry is compared with the declared passport's
(ID003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docaudit.extract.classify import default_classifier
from docaudit.extract.text import read_document
from docaudit.ingest.discover import describe_file
from extract_facts.personal_docs_pdf import make_pdf

CARD_BODY = [
    "Identity Number 4605-5932-9652-5733",
    "Surname REYES",
    "Given Names Kristine",
    "Date of Birth 21 MAR 1990",
    "Date of Issue 04 SEP 2019",
    "Date of Expiry 03 SEP 2029",
]


def _classified(tmp_path: Path, rows: list[str]) -> str:
    source = describe_file(make_pdf(tmp_path / "doc.pdf", rows))
    return default_classifier().classify(read_document(source, ocr=False)).doc_type


@pytest.mark.parametrize(
    "heading",
    [
        ["PHILIPPINE STATISTICS AUTHORITY", "PHILIPPINE IDENTIFICATION CARD"],
        ["NATIONAL DATABASE AND REGISTRATION AUTHORITY", "COMPUTERIZED NATIONAL IDENTITY CARD"],
        ["REPUBLIQUE DU SENEGAL", "CARTE NATIONALE D'IDENTITÉ"],
        ["NATIONAL ID"],
    ],
)
def test_an_identity_card_with_passport_labels_is_a_national_id(
    tmp_path: Path, heading: list[str]
) -> None:
    assert _classified(tmp_path, [*heading, *CARD_BODY]) == "national_id"


def test_a_passport_data_page_stays_a_passport(tmp_path: Path) -> None:
    rows = [
        "REPUBLIC OF THE PHILIPPINES",
        "PASSPORT / PASAPORTE",
        "Passport No. P1234567A",
        *CARD_BODY[1:],
        "Authority DFA MANILA",
    ]
    assert _classified(tmp_path, rows) == "passport"
