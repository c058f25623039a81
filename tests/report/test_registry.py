from __future__ import annotations

import json

import pytest

from docaudit.core.models import Report, Severity
from docaudit.report import (
    RenderContext,
    UnknownFormatError,
    evidence_key,
    formats,
    formatter,
    get_formatter,
    render,
)
from docaudit.report.registry import _REGISTRY


def test_builtin_formats_are_listed_in_cli_order() -> None:
    assert formats()[:6] == ("text", "json", "markdown", "html", "sarif", "junit")


def test_unknown_format_suggests_the_closest(report: Report, ctx: RenderContext) -> None:
    with pytest.raises(UnknownFormatError, match="did you mean 'sarif'"):
        render(report, ctx, "sarf")


def test_a_new_format_registers_with_the_decorator(report: Report, ctx: RenderContext) -> None:
    @formatter("count-test")
    def count(report: Report, ctx: RenderContext) -> str:
        return str(len(report.findings))

    try:
        assert "count-test" in formats()
        assert render(report, ctx, "count-test") == "10"
        with pytest.raises(ValueError, match="registered twice"):
            formatter("count-test")(lambda r, c: "")
    finally:
        del _REGISTRY["count-test"]


def test_json_is_the_v1_contract(report: Report, ctx: RenderContext) -> None:
    out = get_formatter("json")(report, ctx)
    assert out.endswith("}\n")
    data = json.loads(out)
    assert data == report.to_json_dict()
    assert list(data)[:3] == ["schema", "tool", "case"]
    assert data["schema"] == "docaudit/report/v1"
    assert data["findings"][0]["evidence"][0]["bbox"] == [72.0, 210.5, 388.2, 224.0]


def test_evidence_key_ignores_text_so_redacted_evidence_finds_its_crop(report: Report) -> None:
    ev = report.findings[0].evidence[0]
    assert evidence_key(ev) == evidence_key(ev.model_copy(update={"text": "*****"}))
    assert evidence_key(ev) != evidence_key(ev.model_copy(update={"page": 2}))


@pytest.mark.parametrize(
    ("fail_on", "failed", "phrase"),
    [
        (Severity.HIGH, True, "FAIL: 4 findings at or above high."),
        (Severity.MEDIUM, True, "FAIL: 7 findings at or above medium."),
        (Severity.INFO, True, "FAIL: 9 findings at or above info."),
        (None, False, "No failure threshold: 9 open finding(s) reported."),
    ],
)
def test_verdict_follows_fail_on_and_ignores_waived(
    report: Report, ctx: RenderContext, fail_on: Severity | None, failed: bool, phrase: str
) -> None:
    context = RenderContext(catalogue=ctx.catalogue, fail_on=fail_on)
    for name in ("text", "markdown", "html"):
        assert phrase in get_formatter(name)(report, context)


def test_pass_verdict_when_only_lower_findings(report: Report, ctx: RenderContext) -> None:
    low_only = report.model_copy(
        update={"findings": tuple(f for f in report.findings if f.severity != Severity.HIGH)}
    )
    out = get_formatter("text")(low_only, ctx)
    assert "PASS: no finding at or above high (5 open below it)." in out
