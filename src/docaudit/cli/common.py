"""What every command shares: turning errors into exit code 2 and writing output files safely."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from docaudit.core.errors import DocauditError, InputFileError

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
    output = output.expanduser()
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).chmod(0o600)
        Path(tmp).replace(output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None
