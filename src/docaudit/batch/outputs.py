"""Where a batch puts each client's reports, and writing them so no reader sees half a file."""

from __future__ import annotations

from pathlib import Path

from docaudit.core.fileio import write_private
from docaudit.core.paths import private_dir

REPORTS_DIR = "reports"
"""Reports live one level down, so a client named ``summary`` or ``index`` clashes with nothing."""

EXTENSIONS = {
    "json": "json",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit.xml",
    "markdown": "md",
    "text": "txt",
}


def default_output_dir(clients_dir: Path) -> Path:
    """Beside the clients directory, never inside it: client folders hold evidence only."""
    return clients_dir.absolute().parent / "docaudit-reports"


def prepare_output_dir(output_dir: Path) -> None:
    """Create it owner-only if new; a folder the firm already set up keeps its permissions."""
    if not output_dir.exists():
        output_dir.mkdir(parents=True, mode=0o700)
    private_dir(output_dir / REPORTS_DIR)


def report_path(name: str, fmt: str) -> str:
    """Relative to the output folder, with forward slashes: how summaries and links name it."""
    return f"{REPORTS_DIR}/{name}.{EXTENSIONS[fmt]}"


def write_reports(output_dir: Path, name: str, rendered: dict[str, str]) -> dict[str, str]:
    """Write each format atomically, owner-only; returns format -> relative path."""
    written: dict[str, str] = {}
    for fmt, text in rendered.items():
        rel = report_path(name, fmt)
        write_private(text, output_dir / rel)
        written[fmt] = rel
    return written


def remove_reports(output_dir: Path, name: str) -> None:
    """Drop a client's old reports when it now fails: they describe files that have changed."""
    for fmt in EXTENSIONS:
        (output_dir / report_path(name, fmt)).unlink(missing_ok=True)
