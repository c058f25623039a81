"""``docaudit crs``: the CRS score of a profile with its breakdown and program eligibility."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from docaudit.cli.common import parse_date, user_errors
from docaudit.core.profile_loader import load_profile
from docaudit.crs import CrsResult, EligibilityResult, compute_crs, eligibility
from docaudit.crs.calculator import SECTIONS


def _text(result: CrsResult, programs: dict[str, EligibilityResult]) -> str:
    scored = "with spouse" if result.with_spouse else "without spouse"
    lines = [f"CRS {result.total} on {result.on} (scored {scored})"]
    for name in SECTIONS:
        section = getattr(result.breakdown, name)
        lines.append(f"  {name}: {section.points} (max {section.maximum})")
        lines.extend(f"    {i.points:>4}  {i.factor}: {i.reason}" for i in section.items)
    lines.append("Eligibility:")
    for program, outcome in programs.items():
        verdict = "eligible" if outcome.eligible else "not eligible"
        lines.append(f"  {program}: {verdict}")
        lines.extend(f"    {reason}" for reason in outcome.reasons)
    return "\n".join(lines)


@click.command()
@click.argument("profile", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--on", "on", callback=parse_date, help="Score on this date (default: ITA, else as-of)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def crs(profile: Path, on: dt.date | None, fmt: str) -> None:
    """Compute the CRS score of PROFILE, with its breakdown and program eligibility."""
    with user_errors():
        loaded = load_profile(profile)
        result = compute_crs(loaded, on)
        programs = eligibility(loaded, on or loaded.as_of())
    if fmt == "json":
        payload = result.model_dump(mode="json")
        payload["eligibility"] = {k: v.model_dump(mode="json") for k, v in programs.items()}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(_text(result, programs))
