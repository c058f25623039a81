"""``docaudit diff OLD NEW``: every changed fact between two profiles, material ones marked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from docaudit.changes import ProfileDiff, diff_profiles, short
from docaudit.cli.common import parse_date, user_errors
from docaudit.core.profile_loader import load_profile


def _text(diff: ProfileDiff) -> str:
    lines = [
        f"CRS on {diff.crs_on}: {diff.crs_before} -> {diff.crs_after}"
        + ("" if diff.crs_before == diff.crs_after else "  (changed)")
    ]
    for program, was in diff.eligible_before.items():
        now = diff.eligible_after.get(program)
        verdict = "eligible" if now else "not eligible"
        moved = "" if now == was else f"  (was {'eligible' if was else 'not eligible'})"
        lines.append(f"{program} on {diff.eligibility_on}: {verdict}{moved}")
    if not diff.changes:
        lines.append("No changes.")
    for c in diff.changes:
        mark = f"MATERIAL ({c.reason})" if c.material else "not material"
        lines.append(f"{c.path}: {short(c.old)} -> {short(c.new)}  [{c.kind}; {mark}]")
    lines.append(f"{len(diff.material)} material change(s) of {len(diff.changes)}.")
    return "\n".join(lines)


@click.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--on", "on", callback=parse_date, help="Judge eligibility on this date.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def diff(old: Path, new: Path, on: dt.date | None, fmt: str) -> None:
    """List what changed from OLD to NEW profile and which changes are material after an ITA."""
    with user_errors():
        result = diff_profiles(load_profile(old), load_profile(new), on)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(_text(result))
