"""``docaudit init`` and ``docaudit schema``: starting a profile right."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import click

from docaudit.cli.common import fail


@click.command()
@click.argument("client_dir", type=click.Path(path_type=Path, file_okay=False))
def init(client_dir: Path) -> None:
    """Write a commented profile.yaml into CLIENT_DIR (never over an existing one)."""
    target = client_dir / "profile.yaml"
    existing = [
        p.name
        for p in (target, client_dir / "profile.yml", client_dir / "profile.json")
        if p.exists()
    ]
    if existing:
        fail(f"{client_dir / existing[0]}: a profile already exists; not overwritten")
    client_dir.mkdir(parents=True, exist_ok=True)
    (client_dir / "documents").mkdir(exist_ok=True)
    template = resources.files("docaudit").joinpath("templates/profile.yaml").read_text("utf-8")
    with target.open("x", encoding="utf-8") as fh:
        fh.write(template)
    click.echo(f"wrote {target}; put the client's documents in {client_dir / 'documents'}")


@click.command()
@click.argument("what", type=click.Choice(["profile"]), default="profile")
def schema(what: str) -> None:
    """Print the JSON Schema of the profile, for editors that validate YAML."""
    from docaudit.core.profile import Profile

    document = Profile.model_json_schema(by_alias=True)
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "docaudit profile v1"
    click.echo(json.dumps(document, indent=2))
