"""From an audit result to the text of a report: redaction, crops and the render context.

The CLI and the batch runner both turn audit results into report text; this is the one place
that decides how (which identifiers to mask, which crops to embed, colour and width).
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING

from docaudit.core.models import Severity

if TYPE_CHECKING:
    from docaudit.api import AuditResult

FORMATS = ("text", "json", "html", "sarif", "junit", "markdown")
SEVERITY_CHOICES = ("high", "medium", "low", "info", "never")
PIPED_WIDTH = 150


def fail_on_level(value: str) -> Severity | None:
    return None if value == "never" else Severity(value)


def profile_identifiers(result: AuditResult) -> tuple[str, ...]:
    """The identifiers the profile declares, masked in every format on --redact."""
    p = result.case.profile
    values: list[str | None] = [str(p.applicant.date_of_birth)]
    if p.applicant.passport:
        values.append(p.applicant.passport.number)
    tests = [*p.language_tests, *(p.spouse.language_tests if p.spouse else [])]
    education = [*p.education, *(p.spouse.education if p.spouse else [])]
    values.extend(t.registration_number for t in tests)
    values.extend(e.eca.reference for e in education if e.eca)
    if p.spouse is not None:
        values.append(str(p.spouse.date_of_birth) if p.spouse.date_of_birth else None)
        values.append(p.spouse.passport.number if p.spouse.passport else None)
    values.extend(str(c.date_of_birth) for c in p.children)
    return tuple(v for v in values if v)


def render_report(
    result: AuditResult, fmt: str, fail_on: str, *, redact: bool, to_tty: bool
) -> str:
    from docaudit.core.catalogue import load_catalogue
    from docaudit.report import RenderContext, render

    report = result.report
    identifiers = profile_identifiers(result) if redact else ()
    if redact:
        from docaudit.report.redact import redact_report

        report = redact_report(report, identifiers)
    assets: dict[str, str] = {}
    if fmt == "html":
        from docaudit.report.crops import make_crops
        from docaudit.report.redact import masked_boxes

        boxes = masked_boxes(result.report, identifiers) if redact else ()
        assets = make_crops(result.report, result.case.root, redact_boxes=boxes)
    tty = to_tty and sys.stdout.isatty()
    ctx = RenderContext(
        catalogue=load_catalogue(),
        fail_on=fail_on_level(fail_on),
        color=tty and fmt == "text",
        # A terminal wraps at its own width; a file or a CI log reads better unwrapped paths.
        width=shutil.get_terminal_size((100, 24)).columns if tty else PIPED_WIDTH,
        redact=redact,
        redact_identifiers=identifiers,
        assets=assets,
    )
    return render(report, ctx, fmt)
