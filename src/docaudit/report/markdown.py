"""Markdown for case notes and pull-request comments: a summary table, then findings to expand.

Document text is untrusted and Markdown renderers pass HTML through, so every value is escaped
before it lands in a table cell or a list item.
"""

from __future__ import annotations

import html
import re

from docaudit.core.models import Finding, Report
from docaudit.report.context import RenderContext
from docaudit.report.registry import formatter
from docaudit.report.view import (
    SEVERITIES,
    by_severity,
    evidence_line,
    fmt_confidence,
    open_findings,
    prepared,
    rule_title,
    verdict,
    waived_findings,
    waiver_line,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(value: str) -> str:
    """Neutralise HTML and Markdown syntax; newlines become spaces so a table row stays one row."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return " ".join(value.split())


@formatter("markdown")
def render(report: Report, ctx: RenderContext) -> str:
    report = prepared(report, ctx)
    result = verdict(report, ctx)
    case = report.case
    s = report.summary
    lines = [
        f"## docaudit: {escape(case.client_id or case.path)}",
        "",
        f"**{escape(result.text)}**",
        "",
        f"Folder {code(case.path)}, as of {case.as_of.isoformat()}, "
        f"docaudit {escape(report.tool.version)}, rules {escape(report.tool.rules_version)}.",
        "",
        "| " + " | ".join(s_.value for s_ in SEVERITIES) + " | waived | documents | unreadable |",
        "|" + "---:|" * (len(SEVERITIES) + 3),
        f"| {s.high} | {s.medium} | {s.low} | {s.info} | {s.waived} | {s.documents} "
        f"| {s.unreadable} |",
    ]
    active = open_findings(report)
    if active:
        lines += ["", "### Findings", ""]
        lines += [
            "| rule | severity | subject | title | declared | found |",
            "|---|---|---|---|---|---|",
        ]
        lines += [_row(ctx, f) for f in active]
        for severity, findings in by_severity(active):
            lines += ["", f"#### {severity.value.capitalize()}", ""]
            for finding in findings:
                lines += _details(ctx, finding)
    else:
        lines += ["", "No open findings."]
    waived = waived_findings(report)
    if waived:
        lines += ["", "### Waived", ""]
        for finding in waived:
            lines.append(
                f"- **{finding.rule}** {escape(rule_title(ctx, finding))} "
                f"({code(finding.subject)}): {escape(waiver_line(finding))}"
            )
    lines += ["", "### Documents", "", "| path | type | person | pages | OCR conf | status |"]
    lines.append("|---|---|---|---:|---:|---|")
    for doc in report.documents:
        status = doc.status if doc.problem is None else f"{doc.status}: {doc.problem}"
        conf = fmt_confidence(doc.mean_ocr_confidence) if doc.ocr else "-"
        lines.append(
            f"| {code(doc.path)} | {doc.type or '-'} | {doc.person or '-'} | {doc.pages} "
            f"| {conf} | {escape(status)} |"
        )
    return "\n".join(lines) + "\n"


def code(value: str) -> str:
    """Profile paths and file names read best as code, which Markdown shows literally."""
    if "`" in value or "\n" in value:
        return escape(value)
    return f"`{value}`"


def _cell(value: str | None) -> str:
    return escape(value) if value is not None else "-"


def _row(ctx: RenderContext, finding: Finding) -> str:
    return (
        f"| {finding.rule} | {finding.severity.value} | {code(finding.subject)} "
        f"| {escape(rule_title(ctx, finding))} | {_cell(finding.declared)} "
        f"| {_cell(finding.found)} |"
    )


def _details(ctx: RenderContext, finding: Finding) -> list[str]:
    lines = [
        "<details>",
        f"<summary><b>{finding.rule}</b> {html.escape(rule_title(ctx, finding))} "
        f"(<code>{html.escape(finding.subject)}</code>)</summary>",
        "",
        escape(finding.message),
        "",
    ]
    lines += [f"- evidence: {escape(evidence_line(e))}" for e in finding.evidence]
    if finding.remediation:
        lines.append(f"- remedy: {escape(finding.remediation)}")
    return [*lines, "", "</details>", ""]
