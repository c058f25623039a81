"""What every command shares: turning errors into exit code 2 and writing output files safely."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from docaudit.core.errors import DocauditError, InputFileError
from docaudit.core.fileio import write_private

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"docaudit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@contextmanager
def user_errors() -> Iterator[None]:
    """Exit 2 with one line per problem for errors in what the user gave us; never a traceback."""
    try:
        yield
    except InputFileError as exc:
        for problem in exc.problems:
            click.echo(f"docaudit: error: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    except DocauditError as exc:
        fail(str(exc))


def write_output(text: str, output: Path | None) -> None:
    """Print, or write atomically with owner-only permissions: reports hold personal data."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_private(text, output)


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _limit_specs() -> dict[str, dict[str, Any]]:
    from docaudit.core import paths
    from docaudit.core.yamlio import load_located

    data = load_located(paths.rules_dir() / "limits.yaml").data
    specs: dict[str, dict[str, Any]] = data["limits"]
    return specs


def limit_options(command: F) -> F:
    """One option per limit in rules/limits.yaml, so a new limit gets its flag without code."""
    for name, spec in reversed(list(_limit_specs().items())):
        command = click.option(
            spec["flag"],
            name,
            type=float,
            default=None,
            help=f"Limit: {spec['means']} (default {spec['default']}).",
        )(command)
    return command


def limits_from(values: dict[str, Any]) -> Any:
    """A Limits with the defaults, raised or lowered by the flags the user gave."""
    import dataclasses

    from docaudit.extract.text.limits import Limits

    given = {k: v for k, v in values.items() if k in _limit_specs() and v is not None}
    defaults = Limits.defaults()
    typed = {k: type(getattr(defaults, k))(v) for k, v in given.items()}
    return dataclasses.replace(defaults, **typed)


def audit_options(command: F) -> F:
    """The options every auditing command shares, so audit and batch read them alike."""
    from docaudit.report.result import SEVERITY_CHOICES

    decorators = [
        click.option(
            "--fail-on",
            type=click.Choice(SEVERITY_CHOICES),
            default="high",
            show_default=True,
            help="Findings at or above this severity, unless waived, make the exit code 1.",
        ),
        click.option(
            "--as-of", callback=parse_date, help="Judge validity on this date (YYYY-MM-DD)."
        ),
        click.option(
            "--redact", is_flag=True, help="Mask passport, registration, account numbers, DOBs."
        ),
        click.option("--no-ocr", is_flag=True, help="Do not OCR scans (fast; scans: DOC001)."),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="Extraction cache folder (default: the user cache; env DOCAUDIT_CACHE_DIR).",
        ),
        limit_options,
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command
