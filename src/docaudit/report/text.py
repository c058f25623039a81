"""The terminal report: worst findings first, each with the line of evidence that supports it.

Rendered by rich into a string so the caller decides where it goes; colour and box-drawing only
when the caller says the output is a terminal, plain ASCII decoration otherwise (logs, CI, pipes).
"""

from __future__ import annotations

from io import StringIO

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from docaudit.core.models import Finding, Report, Severity
from docaudit.report.context import RenderContext
from docaudit.report.registry import formatter
from docaudit.report.view import (
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

_STYLE = {
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


@formatter("text")
def render(report: Report, ctx: RenderContext) -> str:
    report = prepared(report, ctx)
    out = StringIO()
    console = Console(
        file=out,
        force_terminal=ctx.color,
        no_color=not ctx.color,
        color_system="standard" if ctx.color else None,
        width=ctx.width,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    _header(console, report)
    for severity, findings in by_severity(open_findings(report)):
        console.print()
        console.print(Text(f"{severity.value.upper()} ({len(findings)})", style=_STYLE[severity]))
        for finding in findings:
            _finding(console, ctx, finding)
    waived = waived_findings(report)
    if waived:
        console.print()
        console.print(Text(f"WAIVED ({len(waived)})", style="bold"))
        for finding in waived:
            _finding(console, ctx, finding)
    if not report.findings:
        console.print()
        console.print("No findings.")
    console.print()
    console.print(_documents(report, ctx))
    for doc in report.documents:
        if doc.problem:
            _field(console, doc.path, doc.problem)
    result = verdict(report, ctx)
    console.print()
    console.print(Text(result.text, style="bold red" if result.failed else "bold green"))
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _header(console: Console, report: Report) -> None:
    case = report.case
    s = report.summary
    console.print(
        Text(f"docaudit {report.tool.version} - {case.client_id or case.path}", style="bold")
    )
    where = f"folder {case.path}, as of {case.as_of.isoformat()}"
    console.print(Text(f"{where}, rules {report.tool.rules_version}"))
    console.print(
        f"high {s.high}  medium {s.medium}  low {s.low}  info {s.info}  waived {s.waived}  "
        f"documents {s.documents}  unreadable {s.unreadable}",
        markup=False,
        highlight=False,
    )


def _finding(console: Console, ctx: RenderContext, finding: Finding) -> None:
    head = Text("  ")
    head.append(finding.rule, style="bold")
    head.append(f" [{finding.severity.value}] ", style=_STYLE[finding.severity])
    head.append(rule_title(ctx, finding), style="bold")
    console.print(head)
    _field(console, "subject", finding.subject)
    _field(console, "", finding.message)
    if finding.declared is not None or finding.found is not None:
        declared = finding.declared if finding.declared is not None else "-"
        found = finding.found if finding.found is not None else "-"
        _field(console, "declared", f"{declared}  |  found: {found}")
    for evidence in finding.evidence:
        _field(console, "evidence", evidence_line(evidence))
    if finding.remediation:
        _field(console, "remedy", finding.remediation)
    if finding.waived is not None:
        _field(console, "waived", waiver_line(finding))


def _field(console: Console, label: str, value: str) -> None:
    """One labelled line; long values wrap under themselves, not under the finding's heading."""
    line = Text()
    if label:
        line.append(f"{label}: ", style="dim")
    line.append(value)
    console.print(Padding(line, (0, 0, 0, 6), expand=False))


def _documents(report: Report, ctx: RenderContext) -> Table:
    table = Table(
        title="Documents",
        title_justify="left",
        box=box.SIMPLE_HEAD if ctx.color else box.ASCII,
        safe_box=not ctx.color,
        show_edge=False,
    )
    table.add_column("path", overflow="fold", min_width=20)
    for column in ("type", "person"):
        table.add_column(column, no_wrap=True)
    for column in ("pages", "OCR conf"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for doc in report.documents:
        table.add_row(
            Text(doc.path),
            doc.type or "-",
            doc.person or "-",
            str(doc.pages),
            fmt_confidence(doc.mean_ocr_confidence) if doc.ocr else "-",
            Text(doc.status, style="" if doc.status == "ok" else "yellow"),
        )
    return table
