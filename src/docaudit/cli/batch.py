"""``docaudit batch``: every client folder below a directory, in parallel, changed ones only."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from docaudit.cli.common import EXIT_ERROR, audit_options, limits_from, user_errors
from docaudit.report.result import FORMATS

if TYPE_CHECKING:
    from docaudit.batch.runner import BatchProgress, BatchResult


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [v for v in chosen if v not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'}: choose from {', '.join(FORMATS)}, comma-separated"
        )
    return chosen


@click.command()
@click.argument("clients_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes on this machine (default: one per CPU).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on a dask.distributed cluster (e.g. tcp://10.0.0.5:8786) instead of local processes.",
)
@click.option(
    "--output-dir",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where reports, summary and state go (default: docaudit-reports beside CLIENTS_DIR).",
)
@click.option(
    "--format",
    "formats",
    default="json,html",
    show_default=True,
    callback=_formats,
    help=f"Report formats per client, comma-separated: {', '.join(FORMATS)}.",
)
@click.option("--force", is_flag=True, help="Audit every client, even those unchanged.")
@audit_options
def batch(
    clients_dir: Path,
    jobs: int | None,
    scheduler: str | None,
    output_dir: Path | None,
    formats: tuple[str, ...],
    force: bool,
    fail_on: str,
    as_of: object,
    redact: bool,
    no_ocr: bool,
    cache_dir: Path | None,
    **limits: float | None,
) -> None:
    """Audit every client folder (a sub-folder with profile.yaml) of CLIENTS_DIR.

    Writes reports/<folder>.<format> per client plus summary.json, summary.csv and index.html
    to the output folder, never into client folders. A re-run audits only clients whose files,
    profile or options changed since their last report (--force: all).

    Exit 0: no client has an unwaived finding at or above --fail-on; 1: at least one has;
    2: a client could not be audited (invalid profile, crashed audit), the batch was
    interrupted, or the batch could not start.
    """
    from docaudit.batch.runner import BatchOptions, run_batch

    if jobs is not None and scheduler is not None:
        raise click.UsageError("--jobs sets local processes; with --scheduler the cluster decides")
    options = BatchOptions(
        output_dir=output_dir,
        formats=formats,
        fail_on=fail_on,
        as_of=as_of,  # type: ignore[arg-type]
        ocr=not no_ocr,
        redact=redact,
        cache_dir=cache_dir,
        force=force,
        jobs=jobs,
        scheduler=scheduler,
        limits=limits_from(limits),
    )
    with user_errors(), _sigterm_as_interrupt(), _progress() as progress:
        try:
            result = run_batch(clients_dir, options, progress)
        except KeyboardInterrupt:
            click.echo("docaudit: interrupted before any client was audited", err=True)
            sys.exit(EXIT_ERROR)
    _report(result)
    sys.exit(result.exit_code)


def _report(result: BatchResult) -> None:
    totals = result.summary.totals()
    click.echo(
        f"docaudit: {totals['clients']} clients: {totals['audited']} audited, "
        f"{totals['skipped_unchanged']} unchanged, {totals['ok']} ok, "
        f"{totals['findings']} with findings, {totals['error']} error(s), "
        f"{totals['pending']} pending; summary in {result.output_dir / 'index.html'}",
        err=True,
    )
    if result.interrupted:
        click.echo(
            "docaudit: interrupted; finished reports are kept, run the same command to finish",
            err=True,
        )
    for entry in result.summary.entries:
        if entry.status == "error":
            click.echo(f"docaudit: error: {entry.id}: {entry.error}", err=True)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A batch stopped by a scheduler or ``kill`` saves its summary as Ctrl-C does."""

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _progress() -> Iterator[BatchProgress | None]:
    """A bar of clients on a terminal; folder names are not shown (they are often client names)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[bold]Auditing clients",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task("clients", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
