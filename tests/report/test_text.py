from __future__ import annotations

from docaudit.core.models import Report
from docaudit.report import RenderContext, get_formatter


def test_plain_text_has_no_escape_codes_and_ascii_decoration(
    report: Report, ctx: RenderContext
) -> None:
    out = get_formatter("text")(report, ctx)
    assert "\x1b[" not in out
    assert out.isascii()


def test_colour_only_when_asked(report: Report, ctx: RenderContext) -> None:
    coloured = RenderContext(catalogue=ctx.catalogue, color=True)
    assert "\x1b[1;31m" in get_formatter("text")(report, coloured)


def test_findings_are_grouped_high_first_with_waived_apart(
    report: Report, ctx: RenderContext
) -> None:
    out = get_formatter("text")(report, ctx)
    order = [out.index(h) for h in ("HIGH (4)", "MEDIUM (3)", "LOW (1)", "INFO (1)", "WAIVED (1)")]
    assert order == sorted(order)
    waived_block = out[out.index("WAIVED (1)") : out.index("Documents")]
    assert "WRK010" in waived_block and "RCIC R000000" in waived_block
    assert "WRK010" not in out[: out.index("WAIVED (1)")]


def test_a_finding_block_shows_evidence_and_remedy(report: Report, ctx: RenderContext) -> None:
    out = get_formatter("text")(report, ctx)
    block = out[out.index("WRK003") : out.index("ID003")]
    assert 'documents/reference_systems_ltd.pdf p.1: "employed with us from September 1, 2016"' in (
        " ".join(block.split())
    )
    assert "declared: 2016-08-01  |  found: 2016-09-01" in block
    assert "remedy: Obtain a corrected letter" in block


def test_rich_markup_in_document_text_is_printed_literally(
    report: Report, ctx: RenderContext
) -> None:
    finding = report.findings[0]
    evidence = finding.evidence[0].model_copy(update={"text": "[bold]Manager[/bold] [red]x"})
    tricky = report.model_copy(
        update={"findings": (finding.model_copy(update={"evidence": (evidence,)}),)}
    )
    assert '"[bold]Manager[/bold] [red]x"' in get_formatter("text")(tricky, ctx)


def test_document_table_lists_unreadable_with_reason(report: Report, ctx: RenderContext) -> None:
    out = get_formatter("text")(report, ctx)
    assert "documents/scan_blurry.jpg" in out
    assert "unreadable" in out
    assert "OCR produced too little text (mean confidence 31)" in out
