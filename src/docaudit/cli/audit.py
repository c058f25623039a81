"""``docaudit audit``: one client folder, one report, an exit code CI can act on."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docaudit.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    audit_options,
    limits_from,
    user_errors,
    write_output,
)
from docaudit.report.result import FORMATS, fail_on_level, render_report


@click.command()
@click.argument("client_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report here (owner-only permissions) instead of standard output.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A previous JSON report: hide the findings it already has.",
)
@click.option(
    "--previous-profile",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The profile as it stood at the ITA (default: profile.ita.yaml in the folder).",
)
@click.option("--no-cache", is_flag=True, help="Read every document afresh; store nothing.")
@audit_options
def audit(
    client_dir: Path,
    fmt: str,
    output: Path | None,
    fail_on: str,
    as_of: object,
    baseline: Path | None,
    previous_profile: Path | None,
    redact: bool,
    no_ocr: bool,
    cache_dir: Path | None,
    no_cache: bool,
    **limits: float | None,
) -> None:
    """Audit CLIENT_DIR: its profile against its documents.

    Exit 0: no unwaived finding at or above --fail-on; 1: at least one; 2: the audit could not run.
    """
    from docaudit.api import AuditOptions, audit_folder, fails
    from docaudit.cli.progress import progress_bar

    options = AuditOptions(
        as_of=as_of,  # type: ignore[arg-type]
        ocr=not no_ocr,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        previous_profile=previous_profile,
        baseline=baseline,
        limits=limits_from(limits),
    )
    with user_errors():
        with progress_bar("Reading documents") as progress:
            result = audit_folder(client_dir, options, progress)
        text = render_report(result, fmt, fail_on, redact=redact, to_tty=output is None)
        write_output(text, output)
    failing = fails(result.report, fail_on_level(fail_on))
    if failing:
        worst = failing[0]
        click.echo(
            f"docaudit: {len(failing)} finding(s) at or above {fail_on}, first {worst.rule} "
            f"({worst.severity}) on {worst.subject}",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
