from __future__ import annotations

import pytest
from reportdata import IDENTIFIERS

from docaudit.core.models import Report
from docaudit.report import RenderContext, formats, get_formatter
from docaudit.report.redact import Redactor, date_spellings, mask, masked_boxes, redact_report


def test_mask_keeps_the_last_three() -> None:
    assert mask("AB1234567") == "******567"
    assert mask("1234") == "****"


def test_date_spellings_cover_printed_forms() -> None:
    spellings = date_spellings("1990-03-12")
    assert {"12 March 1990", "March 12, 1990", "12/03/1990", "12 Mar 1990", "900312"} <= set(
        spellings
    )
    assert date_spellings("not a date") == ()


@pytest.mark.parametrize("name", ["text", "json", "markdown", "html", "sarif", "junit"])
def test_no_identifier_survives_in_any_format(
    name: str, report: Report, ctx: RenderContext
) -> None:
    redacting = RenderContext(catalogue=ctx.catalogue, redact=True)
    out = get_formatter(name)(report, redacting)
    leaked = [i for i in (*IDENTIFIERS, "12 March 1990", "03 DEC 1990") if i in out]
    assert not leaked
    assert "******567" in out.replace("\\", "")  # Markdown escapes each asterisk


def test_formats_are_all_covered() -> None:
    assert set(formats()) >= {"text", "json", "markdown", "html", "sarif", "junit"}


def test_redaction_leaves_other_facts_alone(report: Report) -> None:
    redacted = redact_report(report)
    wrk003 = redacted.findings[0]
    assert (wrk003.declared, wrk003.found) == ("2016-08-01", "2016-09-01")
    assert wrk003.evidence[0].text == "employed with us from September 1, 2016"
    assert redacted.findings[1].evidence[0].text == "Passport No. ******576"
    assert redacted.findings[5].evidence[0].text.startswith("Account number: ********789")
    assert [f.fingerprint for f in redacted.findings] == [f.fingerprint for f in report.findings]
    assert redacted.summary == report.summary


def test_explicit_identifiers_are_masked_even_without_a_pattern() -> None:
    redactor = Redactor(["Zeta-Quill 42"])
    assert redactor("holder zeta-quill 42 signed") == "holder ********** 42 signed"


def test_spaced_out_identifier_is_still_found() -> None:
    assert "567" in Redactor(["AB1234567"])("No. AB 123 4567")
    assert "AB 123" not in Redactor(["AB1234567"])("No. AB 123 4567")


def test_shapes_catch_identifiers_no_finding_is_about() -> None:
    redactor = Redactor([])
    assert redactor("DOB: 14/07/1985") == "DOB: *******985"
    assert redactor("IBAN GB82 WEST 1234 5698 7654 32") == "IBAN " + "*" * 24 + " 32"
    assert redactor("Date of Birth 4 July 1985") == "Date of Birth ********985"
    assert redactor("Employment dates 2016-09-01 to 2021-12-31") == (
        "Employment dates 2016-09-01 to 2021-12-31"
    )


def test_masked_boxes_are_the_evidence_redaction_changed(report: Report) -> None:
    boxes = masked_boxes(report)
    documents = {b.document for b in boxes}
    assert documents == {
        "documents/passport.jpg",
        "documents/ielts_trf.pdf",
        "documents/wes_eca.pdf",
        "documents/bank_letter.pdf",
    }
