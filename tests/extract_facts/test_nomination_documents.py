"""Provincial nomination certificates and medical exam confirmations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from personal_docs_pdf import make_pdf, one, read_facts


def test_nomination_certificate(tmp_path: Path) -> None:
    rows = [
        "Government of British Columbia",
        "Provincial Nominee Program - Nomination Certificate",
        [(0, "Nominee"), (180, "Usman MIRZA")],
        [(0, "Certificate number"), (180, "PN-2026-87099")],
        [(0, "Nomination date"), (180, "April 2, 2026")],
        [(0, "Valid until"), (180, "September 29, 2026")],
    ]
    facts = read_facts("provincial_nomination", make_pdf(tmp_path / "pn.pdf", rows))
    assert one(facts, "pnp.province").value == "BC"
    assert one(facts, "pnp.certificate_number").value == "PN-2026-87099"
    assert one(facts, "pnp.issued").value == dt.date(2026, 4, 2)
    assert one(facts, "pnp.expiry").value == dt.date(2026, 9, 29)
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and name["family"] == "MIRZA"


def test_medical_exam_date(tmp_path: Path) -> None:
    rows = [
        "Immigration Medical Examination - Confirmation",
        "Name: Ana LIMA",
        "Date of medical examination: 2026-01-15",
    ]
    facts = read_facts("medical", make_pdf(tmp_path / "med.pdf", rows))
    assert one(facts, "medical.exam_date").value == dt.date(2026, 1, 15)
    rows = ["The applicant underwent the immigration medical examination on 3 February 2026."]
    facts = read_facts("medical", make_pdf(tmp_path / "med2.pdf", rows))
    assert one(facts, "medical.exam_date").value == dt.date(2026, 2, 3)
