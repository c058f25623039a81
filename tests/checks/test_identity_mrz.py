"""ID004 on zones read by the real MRZ parser: an altered digit is named, a clean zone is quiet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docaudit.checks.identity import mrz_check_digit
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.registry import AuditContext
from docaudit.extract.facts.parse import MrzResult, build_td3, parse_td3

TODAY = dt.date(2026, 9, 14)


def _zone(number: str = "Z1234567") -> tuple[str, str]:
    return build_td3(
        "TESTINGTON", "MIRA JANE", number, "IND", dt.date(1994, 5, 17), "F", dt.date(2031, 2, 11)
    )


def _fact_value(result: MrzResult) -> dict[str, Any]:
    return {
        "valid": result.valid,
        "confident": result.confident,
        "reconciled": result.reconciled,
        "checks": dict(result.checks),
        "failed": list(result.failed),
        "fields": {"number": result.number},
    }


def _audit(result: MrzResult) -> list[tuple[str, str | None, str | None]]:
    evidence = Evidence(document="documents/passport.pdf", sha256="0" * 64, page=1, method="text")
    doc = Document(
        rel="documents/passport.pdf",
        sha256="0" * 64,
        size=1,
        file_type="pdf",
        text=None,
        status="ok",
        doc_type="passport",
        person="applicant",
        facts=(Fact(kind="passport.mrz", value=_fact_value(result), evidence=evidence),),
    )
    ctx = AuditContext(profile=None, documents=(doc,), as_of=TODAY)
    return [(d.subject, d.found, d.severity) for d in mrz_check_digit(ctx)]


def test_a_clean_zone_is_quiet() -> None:
    result = parse_td3(*_zone(), today=TODAY)
    assert result is not None and result.valid and result.confident
    assert _audit(result) == []


def test_an_altered_passport_number_names_its_check_digit() -> None:
    line1, line2 = _zone()
    altered = "Z1234568" + line2[8:]
    result = parse_td3(line1, altered, today=TODAY)
    assert result is not None and result.confident and not result.valid
    [(subject, found, severity)] = _audit(result)
    assert subject == "documents/passport.pdf"
    assert found is not None and "number" in found and "composite" in found
    assert severity is None


def test_an_altered_expiry_names_the_expiry_digit() -> None:
    line1, line2 = _zone()
    altered = line2[:21] + "320211" + line2[27:]
    result = parse_td3(line1, altered, today=TODAY)
    assert result is not None
    [(_, found, _)] = _audit(result)
    assert found is not None and "expiry date" in found
