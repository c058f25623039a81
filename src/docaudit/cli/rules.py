"""``docaudit rules`` and ``docaudit explain``: the rule catalogue, for consultants and CI authors.

Only the catalogue loader is imported, so listing rules starts fast and never loads spaCy,
pdfplumber or the OCR bindings.
"""

from __future__ import annotations

import difflib
import json
import textwrap

import click

from docaudit.cli.common import EXIT_ERROR, user_errors
from docaudit.core.catalogue import RuleMeta, load_catalogue


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def rules(fmt: str) -> None:
    """List every rule id with its default severity and title."""
    with user_errors():
        catalogue = load_catalogue()
    if fmt == "json":
        click.echo(json.dumps(catalogue.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    click.echo(f"{'ID':<8}{'SEVERITY':<10}TITLE")
    for rule in catalogue.rules:
        click.echo(f"{rule.id:<8}{rule.severity.value:<10}{rule.title}")
    click.echo(f"\n{len(catalogue.rules)} rules, catalogue version {catalogue.version}")


def _describe(rule: RuleMeta, family: str) -> str:
    def wrap(text: str) -> str:
        return textwrap.fill(
            " ".join(text.split()), width=96, initial_indent="  ", subsequent_indent="  "
        )

    parts = [
        f"{rule.id}: {rule.title}",
        f"family: {rule.family} ({family})",
        f"default severity: {rule.severity.value}",
        "",
        "Why it matters:",
        wrap(rule.rationale),
        "",
        "What to do:",
        wrap(rule.remediation),
    ]
    if rule.references:
        parts += ["", "References:", *(f"  {ref}" for ref in rule.references)]
    return "\n".join(parts)


@click.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print everything about RULE_ID: severity, why IRCC cares, what to do, references."""
    with user_errors():
        catalogue = load_catalogue()
    wanted = rule_id.strip().upper()
    try:
        rule = catalogue.get(wanted)
    except KeyError:
        close = difflib.get_close_matches(wanted, catalogue.ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `docaudit rules` lists them"
        click.echo(f"docaudit: error: unknown rule {rule_id!r}{hint}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    click.echo(_describe(rule, catalogue.families.get(rule.family, "")))
