"""The ``docaudit`` entry point.

Subcommands are imported only when invoked, so ``docaudit --help`` and ``docaudit rules`` start
without loading spaCy, pdfplumber or Tesseract bindings.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from docaudit import __version__

# name -> "module:attribute", in the order ``--help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "audit": ("docaudit.cli.audit:audit", "Audit one client folder against its evidence."),
    "batch": ("docaudit.cli.batch:batch", "Audit every client folder below a directory."),
    "extract": ("docaudit.cli.extract:extract", "Show what docaudit reads in one document."),
    "crs": ("docaudit.cli.crs:crs", "Compute the CRS score of a profile, with its breakdown."),
    "diff": ("docaudit.cli.diff:diff", "List what changed between two profiles."),
    "noc": ("docaudit.cli.noc:noc", "Search and import NOC 2021 occupations."),
    "rules": ("docaudit.cli.rules:rules", "List the rule catalogue."),
    "explain": ("docaudit.cli.rules:explain", "Print one rule in full."),
    "init": ("docaudit.cli.init:init", "Write a commented profile.yaml to fill in."),
    "schema": ("docaudit.cli.init:schema", "Print a JSON Schema (profile)."),
    "cache": ("docaudit.cli.cache:cache", "Inspect or clear the extraction cache."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; missing ones are simply not listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (target, _) in COMMANDS.items() if _module_exists(target)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(target: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docaudit")
@click.option("-v", "--verbose", count=True, help="More log output (-vv: debug, may show text).")
def cli(verbose: int) -> None:
    """Audit an Express Entry client file before it is submitted. Runs offline."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("docaudit: %(levelname)s: %(name)s: %(message)s"))
    # Only docaudit's own records pass below WARNING; libraries that set their loggers to DEBUG
    # themselves (bm25s does) stay quiet unless -vv asks for everything.
    handler.addFilter(
        lambda r: verbose >= 2 or r.name.startswith("docaudit") or r.levelno >= logging.WARNING
    )
    logging.basicConfig(level=level, handlers=[handler], force=True)


def main() -> None:
    cli(prog_name="docaudit")
