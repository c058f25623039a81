"""What every human-readable format shows the same way: order, grouping, verdict, evidence lines.

Formats differ in markup only; deciding here what a finding's evidence line or the verdict says
keeps the text, Markdown and HTML reports from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.core.models import Evidence, Finding, Report, Severity
from docaudit.report.context import RenderContext, counts_toward_failure
from docaudit.report.redact import redact_report

SEVERITIES: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -s.rank))


def prepared(report: Report, ctx: RenderContext) -> Report:
    """The report as the format must show it: masked when the caller asked for redaction."""
    return redact_report(report, ctx.redact_identifiers) if ctx.redact else report


def open_findings(report: Report) -> list[Finding]:
    """Unwaived findings, worst first, in the audit's order within a severity."""
    active = [f for f in report.findings if f.waived is None]
    return sorted(active, key=lambda f: -f.severity.rank)


def waived_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.waived is not None]


def by_severity(findings: Iterable[Finding]) -> list[tuple[Severity, list[Finding]]]:
    """Non-empty groups, high first."""
    items = list(findings)
    groups = [(s, [f for f in items if f.severity == s]) for s in SEVERITIES]
    return [(s, fs) for s, fs in groups if fs]


def section_of(subject: str) -> str:
    """The profile section a subject path belongs to: ``work_history[0].title`` -> ``work_history``.

    Subjects that are document paths (a finding about a file alone) group under ``documents``.
    """
    if "/" in subject or subject.startswith("documents"):
        return "documents"
    head = subject.split(".", 1)[0]
    return head.split("[", 1)[0] or "other"


def by_section(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Groups in order of first appearance, so the worst section's findings lead."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(section_of(finding.subject), []).append(finding)
    return list(groups.items())


def evidence_line(evidence: Evidence) -> str:
    """``document p.N: "text"``, the one line that lets a consultant find the fact on paper."""
    where = evidence.document
    if evidence.page is not None:
        where += f" p.{evidence.page}"
    method = " (OCR)" if evidence.method == "ocr" else ""
    return f'{where}{method}: "{evidence.text}"' if evidence.text else where + method


def waiver_line(finding: Finding) -> str:
    waiver = finding.waived
    if waiver is None:
        return ""
    parts = []
    if waiver.by:
        parts.append(f"by {waiver.by}")
    if waiver.until:
        parts.append(f"until {waiver.until.isoformat()}")
    return f"{waiver.reason} ({', '.join(parts)})" if parts else waiver.reason


@dataclass(frozen=True)
class Verdict:
    failed: bool
    failing: int
    text: str


def verdict(report: Report, ctx: RenderContext) -> Verdict:
    """Whether the run fails ``--fail-on``, with the sentence every format prints."""
    failing = sum(1 for f in report.findings if counts_toward_failure(f, ctx.fail_on))
    open_count = sum(1 for f in report.findings if f.waived is None)
    if ctx.fail_on is None:
        return Verdict(False, 0, f"No failure threshold: {open_count} open finding(s) reported.")
    level = ctx.fail_on.value
    if failing:
        noun = "finding" if failing == 1 else "findings"
        return Verdict(True, failing, f"FAIL: {failing} {noun} at or above {level}.")
    return Verdict(False, 0, f"PASS: no finding at or above {level} ({open_count} open below it).")


def rule_title(ctx: RenderContext, finding: Finding) -> str:
    """The finding's own title; the catalogue is the fallback for reports written without one."""
    if finding.title:
        return finding.title
    try:
        return ctx.catalogue.get(finding.rule).title
    except KeyError:
        return finding.rule


def fmt_confidence(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"
