"""JUnit XML, for CI dashboards: one test case per rule, so the checks that passed show as well.

A rule fails when it has findings at or above ``--fail-on``; one whose findings are all waived is
skipped (with the waiver as reason); findings below the threshold are listed in ``system-out`` of
a passing case. ``render_many`` puts several clients in one file, one ``testsuite`` each.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from docaudit.core.models import Finding, Report
from docaudit.report.context import RenderContext, counts_toward_failure
from docaudit.report.registry import formatter
from docaudit.report.view import evidence_line, prepared, rule_title, waiver_line

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """OCR output can hold control characters XML 1.0 forbids; parsers would reject the file."""
    return _XML_ILLEGAL.sub("\ufffd", text)


@dataclass(frozen=True)
class _Case:
    rule: str
    title: str
    family: str
    findings: tuple[Finding, ...]


@formatter("junit")
def render(report: Report, ctx: RenderContext) -> str:
    return render_many([report], ctx)


def render_many(reports: Sequence[Report], ctx: RenderContext) -> str:
    """One ``testsuites`` document holding a ``testsuite`` per report, e.g. for a batch run."""
    root = ET.Element("testsuites", name="docaudit")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        suite = _suite(prepared(report, ctx), ctx)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cases(report: Report, ctx: RenderContext) -> list[_Case]:
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    cases = [
        _Case(m.id, m.title, m.family, tuple(by_rule.pop(m.id, ()))) for m in ctx.catalogue.rules
    ]
    for rule, findings in by_rule.items():
        title = rule_title(ctx, findings[0])
        cases.append(_Case(rule, title, rule.rstrip("0123456789"), tuple(findings)))
    return cases


def _suite(report: Report, ctx: RenderContext) -> ET.Element:
    name = report.case.client_id or report.case.path
    suite = ET.Element("testsuite", name=name, timestamp=report.case.audited_at)
    properties = ET.SubElement(suite, "properties")
    for key, value in (
        ("client_dir", report.case.path),
        ("as_of", report.case.as_of.isoformat()),
        ("docaudit_version", report.tool.version),
        ("rules_version", report.tool.rules_version),
        ("fail_on", ctx.fail_on.value if ctx.fail_on else "never"),
    ):
        ET.SubElement(properties, "property", name=key, value=value)
    failures = skipped = 0
    cases = _cases(report, ctx)
    for case in cases:
        element = ET.SubElement(
            suite,
            "testcase",
            name=_safe(f"{case.rule} {case.title}"),
            classname=f"docaudit.{case.family}.{case.rule}",
            time="0",
        )
        failing = [f for f in case.findings if counts_toward_failure(f, ctx.fail_on)]
        waived = [f for f in case.findings if f.waived is not None]
        others = [f for f in case.findings if f not in failing]
        if failing:
            failures += 1
            worst = max(failing, key=lambda f: f.severity.rank)
            failure = ET.SubElement(
                element,
                "failure",
                message=f"{len(failing)} finding(s) at or above {ctx.fail_on}",
                type=worst.severity.value,
            )
            failure.text = _safe("\n\n".join(_describe(f) for f in failing))
        elif waived and len(waived) == len(case.findings):
            skipped += 1
            ET.SubElement(element, "skipped", message=_safe("waived: " + waiver_line(waived[0])))
        if others:
            ET.SubElement(element, "system-out").text = _safe(
                "\n\n".join(_describe(f) for f in others)
            )
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    return suite


def _describe(finding: Finding) -> str:
    lines = [f"[{finding.severity.value}] {finding.subject}: {finding.message}"]
    if finding.declared is not None or finding.found is not None:
        lines.append(f"declared: {finding.declared or '-'} | found: {finding.found or '-'}")
    lines += [f"evidence: {evidence_line(e)}" for e in finding.evidence]
    if finding.remediation:
        lines.append(f"remedy: {finding.remediation}")
    if finding.waived is not None:
        lines.append(f"waived: {waiver_line(finding)}")
    return "\n".join(lines)
