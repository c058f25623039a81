from __future__ import annotations

from pathlib import Path

from junitparser import Failure, JUnitXml, Skipped

from docaudit.core.models import Report, Severity
from docaudit.report import RenderContext, get_formatter
from docaudit.report.junit import render_many


def _parse(text: str, tmp_path: Path) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_one_case_per_rule_with_failures_at_fail_on(
    report: Report, ctx: RenderContext, tmp_path: Path
) -> None:
    xml = _parse(get_formatter("junit")(report, ctx), tmp_path)
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    assert suite.name == "TST-2026-0007"
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (11, 4, 0, 1)
    cases = {case.name.split()[0]: case for case in suite}
    assert set(cases) == set(ctx.catalogue.ids)
    failing = {r for r, case in cases.items() if any(isinstance(x, Failure) for x in case.result)}
    assert failing == {"WRK003", "ID003", "ID002", "LNG005"}
    skipped = {r for r, case in cases.items() if any(isinstance(x, Skipped) for x in case.result)}
    assert skipped == {"WRK010"}
    assert cases["WRK001"].is_passed
    assert "documents/passport.jpg p.1" in (cases["ID003"].result[0].text or "")


def test_fail_on_medium_and_never(report: Report, ctx: RenderContext, tmp_path: Path) -> None:
    medium = RenderContext(catalogue=ctx.catalogue, fail_on=Severity.MEDIUM)
    suite = next(iter(_parse(get_formatter("junit")(report, medium), tmp_path)))
    assert suite.failures == 7  # rules with an open finding at medium or above
    never = RenderContext(catalogue=ctx.catalogue, fail_on=None)
    suite = next(iter(_parse(get_formatter("junit")(report, never), tmp_path)))
    assert (suite.tests, suite.failures, suite.skipped) == (11, 0, 1)


def test_render_many_puts_each_client_in_its_own_suite(
    report: Report, ctx: RenderContext, tmp_path: Path
) -> None:
    other = report.model_copy(
        update={
            "case": report.case.model_copy(update={"client_id": "TST-2026-0008"}),
            "findings": (),
        }
    )
    xml = _parse(render_many([report, other], ctx), tmp_path)
    assert [s.name for s in xml] == ["TST-2026-0007", "TST-2026-0008"]
    assert (xml.tests, xml.failures, xml.skipped) == (22, 4, 1)


def test_control_characters_from_ocr_do_not_break_the_xml(
    report: Report, ctx: RenderContext, tmp_path: Path
) -> None:
    finding = report.findings[0]
    evidence = finding.evidence[0].model_copy(update={"text": "form\x0cfeed\x00nul"})
    dirty = report.model_copy(
        update={"findings": (finding.model_copy(update={"evidence": (evidence,)}),)}
    )
    suite = next(iter(_parse(get_formatter("junit")(dirty, ctx), tmp_path)))
    assert suite.failures == 1
