"""``docaudit noc``: import a NOC release, look up a unit group, suggest groups for duties.

Every failure a user can fix (no import yet, a wrong CSV, a code that does not exist) is one line
on standard error and exit code 2, as for the audit itself.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn

import click

from docaudit.core.errors import DocauditError

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def _fail(message: str) -> NoReturn:
    click.echo(f"docaudit: {message}", err=True)
    sys.exit(2)


@click.group()
def noc() -> None:
    """Search and import NOC 2021 occupations."""


@noc.command("import")
@click.argument("structure", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("elements", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(structure: Path, elements: Path) -> None:
    """Load STRUCTURE.csv and ELEMENTS.csv (Statistics Canada's NOC download), replacing any
    earlier import."""
    from docaudit.noc.matcher import NocMatcher
    from docaudit.noc.store import import_csv

    try:
        stats = import_csv(structure, elements)
        NocMatcher.load(Path(stats.db))
    except DocauditError as exc:
        _fail(str(exc))
    click.echo(
        f"Imported {stats.release}: {stats.unit_groups} unit groups, {stats.main_duties} main "
        f"duties, {stats.sub_headings} sub-headings, {stats.example_titles} example titles "
        f"({stats.ignored_rows} rows of other element types ignored; {stats.encoding}) "
        f"into {stats.db}"
    )


@noc.command()
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def show(code: str, fmt: str) -> None:
    """Print a unit group: title, TEER, lead statement and main duties."""
    from docaudit.noc.store import load_catalog

    try:
        catalog = load_catalog()
    except DocauditError as exc:
        _fail(str(exc))
    group = catalog.get(code)
    if group is None:
        _fail(f"{code!r} is not a unit group in {catalog.release}")
    if fmt == "json":
        click.echo(json.dumps(asdict(group), indent=2, ensure_ascii=False))
        return
    click.echo(f"{group.code}  {group.title}")
    click.echo(f"TEER {group.teer}   ({catalog.release})")
    click.echo("")
    click.echo(group.lead_statement)
    click.echo("")
    click.echo("Main duties:")
    heading: str | None = None
    for duty in group.duties:
        if duty.heading and duty.heading != heading:
            heading = duty.heading
            click.echo(f"  {heading}")
        click.echo(f"{'    ' if duty.heading else '  '}- {duty.text}")


def _read_duties(text: str | None, file: str | None) -> list[str]:
    if text is not None and file is not None:
        _fail('give the duties as "TEXT" or with --file, not both')
    if file is None:
        if text is None:
            _fail('give the duties as "TEXT" (one duty a line) or --file FILE')
        return text.splitlines()
    if file == "-":
        return sys.stdin.read().splitlines()
    path = Path(file)
    if not path.is_file():
        _fail(f"{file}: no such file")
    data = path.read_bytes()
    if path.suffix.lower() not in _TEXT_SUFFIXES or b"\x00" in data[:4096]:
        _fail(
            f"{file}: reading duties from PDF or image letters is not supported yet; "
            "give a plain-text file, one duty a line"
        )
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").splitlines()


@noc.command()
@click.argument("text", required=False)
@click.option("--file", "file", help="Plain-text file, one duty a line; - for standard input.")
@click.option("--title", help="Job title on the letter; an extra signal.")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def suggest(text: str | None, file: str | None, title: str | None, top: int, fmt: str) -> None:
    """The NOC unit groups that best fit a list of duties (TEXT: one duty a line)."""
    duties = [d for d in _read_duties(text, file) if d.strip()]
    if not duties and not title:
        _fail("no duties given")
    from docaudit.noc.matcher import NocMatcher

    try:
        candidates = NocMatcher.load().suggest(duties, title=title, top=top)
    except DocauditError as exc:
        _fail(str(exc))
    if fmt == "json":
        payload = {
            "candidates": [
                {
                    "code": c.code,
                    "title": c.title,
                    "teer": c.teer,
                    "score": c.score,
                    "matched_duties": [asdict(m) for m in c.matched_duties],
                }
                for c in candidates
            ]
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not candidates:
        click.echo("No unit group matches these duties.")
    for c in candidates:
        click.echo(f"{c.code}  {c.score:.2f}  TEER {c.teer}  {c.title}")
        for m in c.matched_duties:
            click.echo(f"        {m.similarity:.2f}  {m.letter_duty}")
            click.echo(f"              ~ {m.noc_duty}")
