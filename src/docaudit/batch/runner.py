"""A batch run from start to finish: find clients, skip the unchanged, audit the rest, summarise.

Order of writes, per client: its reports (each atomically), then its state row, then (at most
every few seconds, and always at the end) the summary. A run stopped at any point therefore
leaves reports that are complete, a state that claims only what is on disk, and a re-run that
audits exactly the clients without a current report.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from docaudit import __version__
from docaudit.batch import backends
from docaudit.batch.fingerprint import (
    Fingerprinter,
    effective_as_of,
    environment_digest,
    rules_digest,
)
from docaudit.batch.folders import ClientFolder, SkippedFolder, check_output_dir, find_clients
from docaudit.batch.outputs import (
    default_output_dir,
    prepare_output_dir,
    remove_reports,
    write_reports,
)
from docaudit.batch.state import BatchState
from docaudit.batch.summary import BatchSummary, ClientEntry, write_summary
from docaudit.batch.work import ClientOutcome, ClientTask

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUMMARY_EVERY_SECONDS = 2.0
"""Rewriting the summary after every client would cost O(n²) on a large batch."""

BatchProgress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` with the number of clients audited in this run so far."""

if TYPE_CHECKING:
    from docaudit.extract.text.limits import Limits


@dataclass(frozen=True)
class BatchOptions:
    output_dir: Path | None = None
    """Default: ``docaudit-reports`` beside the clients directory."""
    formats: tuple[str, ...] = ("json", "html")
    fail_on: str = "high"
    as_of: dt.date | None = None
    ocr: bool = True
    redact: bool = False
    cache_dir: Path | None = None
    """Read on the workers: with --scheduler it is a path on each worker machine."""
    force: bool = False
    jobs: int | None = None
    """Local worker processes; default one per CPU this process may use."""
    scheduler: str | None = None
    """A dask.distributed scheduler address; local processes when ``None``."""
    today: dt.date | None = None
    limits: Limits | None = None
    """Per-document limits; the defaults of rules/limits.yaml when ``None``."""

    def settings(self) -> dict[str, Any]:
        """The options that change a report, and so belong in every client's fingerprint."""
        return {
            "formats": sorted(self.formats),
            "fail_on": self.fail_on,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "ocr": self.ocr,
            "redact": self.redact,
            "limits": self.limits.to_json() if self.limits else None,
        }


@dataclass(frozen=True)
class BatchResult:
    output_dir: Path
    summary: BatchSummary
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        """2 if any client errored or is still pending, else 1 if any has findings, else 0."""
        statuses = {e.status for e in self.summary.entries}
        if statuses & {"error", "pending"}:
            return EXIT_ERROR
        return EXIT_FINDINGS if "findings" in statuses else EXIT_OK


def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def run_batch(
    clients_dir: Path, options: BatchOptions, progress: BatchProgress | None = None
) -> BatchResult:
    clients_dir = clients_dir.absolute()
    output_dir = (options.output_dir or default_output_dir(clients_dir)).absolute()
    clients, skipped = find_clients(clients_dir, ignore=output_dir)
    check_output_dir(output_dir, clients)
    prepare_output_dir(output_dir)
    with BatchState(output_dir) as state:
        state.claim(clients_dir)
        run = _Run(clients_dir, output_dir, options, state, skipped)
        return run.execute(clients, progress)


@dataclass
class _Run:
    clients_dir: Path
    output_dir: Path
    options: BatchOptions
    state: BatchState
    skipped: list[SkippedFolder]
    entries: dict[str, ClientEntry] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    rules: str = ""
    """The rules digest taken when the run was planned; every worker must match it."""
    done: int = 0
    last_summary: float = 0.0

    def execute(self, clients: list[ClientFolder], progress: BatchProgress | None) -> BatchResult:
        tasks = self._plan(clients)
        self._write_summary()
        interrupted = False
        try:
            if tasks:
                self._dispatch(tasks, progress)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            self._write_summary()
        return BatchResult(self.output_dir, self._summary(), interrupted)

    def _plan(self, clients: list[ClientFolder]) -> list[ClientTask]:
        """Fingerprint every client; those with a current report are done already."""
        opts = self.options
        self.rules = rules_digest()
        environment = environment_digest(opts.settings(), self.rules)
        fingerprinter = Fingerprinter(self.state.hashes())
        today = opts.today or dt.date.today()
        for client in clients:
            as_of = effective_as_of(client.path, opts.as_of, today)
            self.fingerprints[client.name] = fingerprinter.client(client.path, environment, as_of)
        self.state.replace_hashes(fingerprinter.seen().items())
        stored = self.state.finished()
        tasks: list[ClientTask] = []
        for client in clients:
            previous = stored.get(client.name)
            if not opts.force and previous and self._current(client.name, *previous):
                self.entries[client.name] = ClientEntry.from_stored(previous[1])
                continue
            self.entries[client.name] = ClientEntry(
                client.name, str(client.path), "pending", "not_run"
            )
            tasks.append(self._task(client))
        return tasks

    def _current(self, name: str, fingerprint: str, result: dict[str, Any]) -> bool:
        """Same inputs, a finished audit, and every report still on disk."""
        return (
            fingerprint == self.fingerprints[name]
            and result.get("status") in ("ok", "findings")
            and all((self.output_dir / rel).is_file() for rel in result.get("reports", {}).values())
            and set(result.get("reports", {})) == set(self.options.formats)
        )

    def _task(self, client: ClientFolder) -> ClientTask:
        opts = self.options
        return ClientTask(
            name=client.name,
            path=str(client.path),
            formats=opts.formats,
            fail_on=opts.fail_on,
            as_of=opts.as_of,
            ocr=opts.ocr,
            redact=opts.redact,
            cache_dir=str(opts.cache_dir.absolute()) if opts.cache_dir else None,
            docaudit_version=__version__,
            rules_digest=self.rules,
            limits=opts.limits,
        )

    def _dispatch(self, tasks: list[ClientTask], progress: BatchProgress | None) -> None:
        def sink(outcome: ClientOutcome) -> None:
            self._save(outcome)
            self.done += 1
            if progress:
                progress(self.done, len(tasks))
            if time.monotonic() - self.last_summary >= SUMMARY_EVERY_SECONDS:
                self._write_summary()

        if progress:
            progress(0, len(tasks))
        if self.options.scheduler:
            backends.run_dask(tasks, self.options.scheduler, sink)
        else:
            jobs = self.options.jobs or default_jobs()
            backends.run_local(tasks, jobs, sink)

    def _save(self, outcome: ClientOutcome) -> None:
        """Reports first, then the state row that vouches for them, with Ctrl-C held off between.

        The section takes milliseconds; without the hold, a report could be on disk and the
        summary still call its client pending.
        """
        with _interrupts_held():
            self._save_now(outcome)

    def _save_now(self, outcome: ClientOutcome) -> None:
        name = outcome.name
        reports: dict[str, str] = {}
        if outcome.status == "error":
            remove_reports(self.output_dir, name)
        else:
            reports = write_reports(self.output_dir, name, outcome.rendered)
        entry = ClientEntry(
            id=name,
            path=self.entries[name].path,
            status=outcome.status,
            run="audited",
            client_id=outcome.client_id,
            counts=outcome.counts,
            error=outcome.error,
            reports=reports,
            as_of=outcome.as_of,
            audited_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            seconds=outcome.seconds,
            worker=outcome.worker,
            peak_rss_kb=outcome.peak_rss_kb,
        )
        self.state.record(name, self.fingerprints[name], entry.stored())
        self.entries[name] = entry

    def _summary(self) -> BatchSummary:
        entries = tuple(self.entries[name] for name in sorted(self.entries))
        return BatchSummary(
            clients_dir=str(self.clients_dir),
            output_dir=str(self.output_dir),
            entries=entries,
            skipped=tuple(self.skipped),
            settings={**self.options.settings(), "backend": self._backend()},
            complete=all(e.status != "pending" for e in entries),
        )

    def _write_summary(self) -> None:
        write_summary(self.output_dir, self._summary(), self.options.formats)
        self.last_summary = time.monotonic()

    def _backend(self) -> str:
        if self.options.scheduler:
            return f"dask {self.options.scheduler}"
        return f"local processes: {self.options.jobs or default_jobs()}"


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Deliver SIGINT and SIGTERM after the block instead of inside it (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple[int, FrameType | None]] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append((signum, frame))

    previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for signum, frame in caught[:1]:
        handler = previous[signal.Signals(signum)]
        if callable(handler):
            handler(signum, frame)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(signum)
