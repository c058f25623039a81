"""The batch summary, one entry per client: JSON for tools, CSV for spreadsheets, HTML for people.

The summary is rewritten from the entries as a whole (never appended to), so after an interrupted
run it is still one consistent document that says which clients are still pending.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from docaudit import __version__
from docaudit.batch.folders import SkippedFolder
from docaudit.batch.work import COUNT_KEYS
from docaudit.core.fileio import write_private

SUMMARY_SCHEMA = "docaudit/batch-summary/v1"
SEVERITIES = ("high", "medium", "low", "info")
Run = Literal["audited", "skipped_unchanged", "not_run"]

_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters a spreadsheet would run as a formula; client ids are typed by people."""


@dataclass(frozen=True)
class ClientEntry:
    id: str
    """The folder name: unique in the batch, and the stem of its report files."""
    path: str
    status: Literal["ok", "findings", "error", "pending"]
    """``findings``: an unwaived finding at or above --fail-on; ``pending``: not audited yet."""
    run: Run
    client_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    reports: dict[str, str] = field(default_factory=dict)
    as_of: str | None = None
    audited_at: str | None = None
    seconds: float | None = None
    worker: str | None = None
    """host:pid of the worker that audited it; with ``peak_rss_kb``, for sizing machines."""
    peak_rss_kb: int | None = None

    def stored(self) -> dict[str, Any]:
        """What the state keeps: everything but ``run``, which belongs to one run only."""
        data = asdict(self)
        del data["run"]
        return data

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> ClientEntry:
        return cls(**data, run="skipped_unchanged")

    def as_skipped(self) -> ClientEntry:
        return replace(self, run="skipped_unchanged")


@dataclass(frozen=True)
class BatchSummary:
    clients_dir: str
    output_dir: str
    entries: tuple[ClientEntry, ...]
    skipped: tuple[SkippedFolder, ...]
    settings: dict[str, Any]
    complete: bool
    """False while clients are pending: the run was interrupted or is still going."""

    def totals(self) -> dict[str, int]:
        totals = {"clients": len(self.entries), "skipped_folders": len(self.skipped)}
        for status in ("ok", "findings", "error", "pending"):
            totals[status] = sum(1 for e in self.entries if e.status == status)
        for run in ("audited", "skipped_unchanged", "not_run"):
            totals[run] = sum(1 for e in self.entries if e.run == run)
        for key in COUNT_KEYS:
            totals[key] = sum(e.counts.get(key, 0) for e in self.entries)
        return totals

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SUMMARY_SCHEMA,
            "tool": {"name": "docaudit", "version": __version__},
            "generated_at": _now(),
            "clients_dir": self.clients_dir,
            "complete": self.complete,
            "settings": self.settings,
            "totals": self.totals(),
            "clients": [asdict(e) for e in self.entries],
            "skipped": [asdict(s) for s in self.skipped],
        }


def write_summary(output_dir: Path, summary: BatchSummary, formats: tuple[str, ...]) -> None:
    data = summary.to_json()
    as_json = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_private(as_json, output_dir / "summary.json")
    write_private(_csv(summary, formats), output_dir / "summary.csv")
    write_private(_html(data, formats), output_dir / "index.html")


def _csv(summary: BatchSummary, formats: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["id", "client_id", "path", "status", "run", *COUNT_KEYS, "error"]
        + [f"report_{fmt}" for fmt in formats]
    )
    for e in summary.entries:
        row: list[object] = [e.id, e.client_id or "", e.path, e.status, e.run]
        row += [e.counts.get(key, "") for key in COUNT_KEYS]
        row.append(e.error or "")
        row += [e.reports.get(fmt, "") for fmt in formats]
        writer.writerow([_cell(v) for v in row])
    for s in summary.skipped:
        writer.writerow(
            [_cell(s.name), "", "", "skipped", "not_run", *[""] * len(COUNT_KEYS), _cell(s.reason)]
            + [""] * len(formats)
        )
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_CSV_RISKY):
        return "'" + value
    return value


def _html(data: dict[str, Any], formats: tuple[str, ...]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("index.html.j2").render(
        summary=data, formats=formats, severities=SEVERITIES
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
