"""The unit of work a worker process (local or on a dask worker) runs: one client, every format.

Tasks and outcomes are plain picklable dataclasses and ``audit_client`` is a top-level function,
so the same code runs under ``spawn`` and on remote dask workers. Workers return report texts
rather than writing them: only the coordinating process writes, so the output folder has one
writer and need not be shared with the cluster.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import resource
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from docaudit.extract.text.limits import Limits

log = logging.getLogger(__name__)

Status = Literal["ok", "findings", "error"]
COUNT_KEYS = ("high", "medium", "low", "info", "documents", "unreadable", "waived")
_MAX_REASON = 400
_WARM_MODULES = (
    "docaudit.api",
    "docaudit.ingest.cache",
    "docaudit.checks",
    "docaudit.report.result",
)


@dataclass(frozen=True)
class ClientTask:
    name: str
    path: str
    """Absolute; on a cluster it must be the same path on every worker (a shared mount)."""
    formats: tuple[str, ...]
    fail_on: str
    as_of: dt.date | None
    ocr: bool
    redact: bool
    cache_dir: str | None
    docaudit_version: str
    rules_digest: str
    """The coordinator's rules; a worker with other rules would make the fingerprint a lie."""
    limits: Limits | None = None


@dataclass(frozen=True)
class ClientOutcome:
    name: str
    status: Status
    client_id: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    as_of: str | None = None
    rendered: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    worker: str = ""
    """host:pid of the process that ran the audit, to tell workers apart in measurements."""
    peak_rss_kb: int = 0


def init_worker() -> None:
    """Leave Ctrl-C to the coordinator, which stops workers itself once finished work is saved.

    The audit's imports (spaCy alone takes seconds) are paid here, before the first client, so
    each client's ``seconds`` measures its own audit. A failure here is left for the first
    audit to report against a client, where it is visible.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for module in _WARM_MODULES:
            importlib.import_module(module)
        from docaudit.core.catalogue import load_catalogue
        from docaudit.core.tables import load_table, table_names
        from docaudit.core.thresholds import raw_thresholds, threshold_families
        from docaudit.extract.classify import default_classifier
        from docaudit.noc.matcher import NocMatcher

        default_classifier()
        load_catalogue()
        NocMatcher.load()
        # Rule tables and thresholds are read on first use, with line numbers (slow YAML):
        # a profile-only re-audit, which extracts nothing, would otherwise pay for them.
        for name in table_names():
            load_table(name)
        for family in threshold_families():
            raw_thresholds(family)
    except Exception:
        log.debug("worker warm-up failed", exc_info=True)


def audit_client(task: ClientTask) -> ClientOutcome:
    """Audit one folder and render every format; any failure becomes an ``error`` outcome."""
    started = time.perf_counter()
    try:
        outcome = _audit(task)
    except Exception as exc:
        outcome = ClientOutcome(task.name, "error", error=one_line_reason(exc))
        log.debug("audit of %s failed", task.name, exc_info=True)
    return ClientOutcome(
        **{
            **outcome.__dict__,
            "seconds": round(time.perf_counter() - started, 3),
            "worker": worker_identity(),
            "peak_rss_kb": peak_rss_kb(),
        }
    )


def _audit(task: ClientTask) -> ClientOutcome:
    from docaudit import __version__
    from docaudit.api import AuditOptions, audit_folder, fails
    from docaudit.batch.fingerprint import rules_digest
    from docaudit.report.result import fail_on_level, render_report

    mismatch = (
        f"docaudit {__version__}, the batch {task.docaudit_version}"
        if __version__ != task.docaudit_version
        else "other rules than the batch (rules/ differs, or changed during the run)"
        if rules_digest() != task.rules_digest
        else None
    )
    if mismatch:
        return ClientOutcome(
            task.name,
            "error",
            error=f"worker {worker_identity()} runs {mismatch}; every worker needs the same "
            "docaudit version and rules",
        )
    options = AuditOptions(
        as_of=task.as_of,
        ocr=task.ocr,
        cache_dir=Path(task.cache_dir) if task.cache_dir else None,
        limits=task.limits,
    )
    result = audit_folder(Path(task.path), options)
    rendered = {
        fmt: render_report(result, fmt, task.fail_on, redact=task.redact, to_tty=False)
        for fmt in task.formats
    }
    summary = result.report.summary
    failing = fails(result.report, fail_on_level(task.fail_on))
    return ClientOutcome(
        task.name,
        "findings" if failing else "ok",
        client_id=result.report.case.client_id,
        counts={key: int(getattr(summary, key)) for key in COUNT_KEYS},
        as_of=result.report.case.as_of.isoformat(),
        rendered=rendered,
    )


def one_line_reason(exc: BaseException) -> str:
    """The reason as one short line; unexpected errors name their type, since that is the clue."""
    from docaudit.core.errors import DocauditError

    text = " ".join(str(exc).split())
    if not isinstance(exc, DocauditError):
        text = f"internal error ({type(exc).__name__}): {text}" if text else type(exc).__name__
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_kb() -> int:
    """Peak resident memory of this process; macOS reports bytes where Linux reports KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak
