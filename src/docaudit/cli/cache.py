"""``docaudit cache``: see and clear what the extraction cache holds."""

from __future__ import annotations

from pathlib import Path

import click

_DIR = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Cache folder (default: the user cache; env DOCAUDIT_CACHE_DIR).",
)


@click.group()
def cache() -> None:
    """Inspect or clear the extraction cache (text read from client documents)."""


@cache.command()
@_DIR
def stats(cache_dir: Path | None) -> None:
    """Entries, size and location of the cache."""
    from docaudit.ingest.cache import ExtractionCache

    info = ExtractionCache(cache_dir).stats()
    for key, value in info.items():
        click.echo(f"{key}: {value}")


@cache.command()
@_DIR
def clear(cache_dir: Path | None) -> None:
    """Delete every cached extraction (text of client documents included)."""
    from docaudit.ingest.cache import CacheUnavailable, ExtractionCache, remove_cache_files

    try:
        removed = ExtractionCache(cache_dir).clear()
    except CacheUnavailable:
        files = remove_cache_files(cache_dir)
        click.echo(f"the cache could not be opened; deleted its {len(files)} file(s)")
        return
    click.echo(f"removed {removed} cached extraction(s)")
