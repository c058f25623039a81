"""Scanned ECA reports (300 dpi, real Tesseract) fed in askew: OCR reads the two-column credential
table column by column, and the value column sits a few points above or below its labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from generated_scans import skewed_scan
from personal_docs_pdf import one, read_facts

pytestmark = [pytest.mark.ocr, pytest.mark.slow]

ECA: dict[str, Any] = {
    "organization": "IQAS",
    "reference": "1171409",
    "issued": dt.date(2022, 3, 19),
    "family_name": "ALMEIDA",
    "given_names": "Lucas",
    "date_of_birth": dt.date(1997, 7, 18),
    "credential": "Bachelor of Science in Computer Science",
    "institution": "Universidade Serra Azul",
    "country": "BRA",
    "completed": dt.date(2018, 6, 30),
    "program_years": 4,
    "equivalency": "bachelors",
}


@pytest.mark.parametrize("degrees", [-1.5, 1.5])
def test_a_skewed_credential_table_pairs_each_label_with_its_value(
    tmp_path: Path, tesseract: str, degrees: float
) -> None:
    facts = read_facts("eca_report", skewed_scan(tmp_path, "eca_report", ECA, "a", degrees))
    assert one(facts, "eca.credential").value == ECA["credential"]
    assert one(facts, "eca.institution").value == ECA["institution"]
    assert one(facts, "eca.equivalency").value == "bachelors"
