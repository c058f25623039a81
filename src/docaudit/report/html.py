"""One self-contained HTML file a consultant can open offline and attach to the client's file.

Everything is inline (CSS, crops as data-URIs) and nothing is fetched. Autoescaping is on because
evidence is text read from documents the client supplied, which the report must never execute.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from docaudit.core.models import Report
from docaudit.report.context import RenderContext, evidence_key
from docaudit.report.registry import formatter
from docaudit.report.view import (
    SEVERITIES,
    by_section,
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

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_IMAGE_PREFIX = "data:image/png;base64,"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@formatter("html")
def render(report: Report, ctx: RenderContext) -> str:
    report = prepared(report, ctx)
    active = open_findings(report)
    groups = [(severity, by_section(findings)) for severity, findings in by_severity(active)]
    variables: dict[str, Any] = {
        "report": report,
        "verdict": verdict(report, ctx),
        "severities": SEVERITIES,
        "groups": groups,
        "waived": waived_findings(report),
        "title_of": lambda finding: rule_title(ctx, finding),
        "evidence_line": evidence_line,
        "waiver_line": waiver_line,
        "crop_of": lambda evidence: _crop(ctx, evidence),
        "conf": fmt_confidence,
        "breakdown": _breakdown(report.crs),
    }
    return _environment().get_template("report.html.j2").render(**variables)


def _crop(ctx: RenderContext, evidence: Any) -> str | None:
    """Only PNG data-URIs are embedded: anything else could make the page fetch or run something."""
    uri = ctx.assets.get(evidence_key(evidence))
    return uri if uri is not None and uri.startswith(_IMAGE_PREFIX) else None


def _breakdown(crs: dict[str, Any] | None) -> list[tuple[str, Any]]:
    if not crs or not isinstance(crs.get("breakdown"), dict):
        return []
    return list(crs["breakdown"].items())
