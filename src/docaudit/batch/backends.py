"""Running client tasks: on local worker processes, or on a dask.distributed cluster.

Both call ``sink`` in the coordinating thread once per client, as each finishes, so the caller
can save every report the moment it exists. Both stop their workers on any BaseException
(Ctrl-C, SIGTERM) and re-raise it: what was already handed to ``sink`` is kept.
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from docaudit.batch.work import (
    ClientOutcome,
    ClientTask,
    audit_client,
    init_worker,
    one_line_reason,
)
from docaudit.core.errors import DocauditError

Sink = Callable[[ClientOutcome], None]

MAX_ATTEMPTS = 2
"""A worker that dies (killed, out of memory) takes its clients with it; each gets one more try."""

_STOP_GRACE_SECONDS = 5.0


def run_local(tasks: Sequence[ClientTask], jobs: int, sink: Sink) -> None:
    """At most ``jobs`` clients in flight, so a dying worker can only take those with it."""
    pending = deque(tasks)
    attempts: dict[str, int] = {}
    context = multiprocessing.get_context("spawn")
    while pending:
        before = {p.pid for p in multiprocessing.active_children()}
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(pending)), mp_context=context, initializer=init_worker
        )
        try:
            _drain(pool, pending, jobs, sink, attempts)
        except BaseException:
            _stop(pool, before)
            raise
        pool.shutdown(wait=True)


def _drain(
    pool: ProcessPoolExecutor,
    pending: deque[ClientTask],
    jobs: int,
    sink: Sink,
    attempts: dict[str, int],
) -> None:
    """Feed the pool until the queue is empty, or until the pool breaks (then return early)."""
    running: dict[Future[ClientOutcome], ClientTask] = {}
    while pending or running:
        broken = False
        while pending and len(running) < jobs:
            task = pending.popleft()
            try:
                future = pool.submit(audit_client, task)
            except BrokenProcessPool:
                pending.appendleft(task)
                broken = True
                break
            attempts[task.name] = attempts.get(task.name, 0) + 1
            running[future] = task
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        if broken or any(isinstance(f.exception(), BrokenProcessPool) for f in done):
            wait(running)
            for future, task in running.items():
                _settle(future, task, pending, sink, attempts)
            return
        for future in done:
            _settle(future, running.pop(future), pending, sink, attempts)


def _settle(
    future: Future[ClientOutcome],
    task: ClientTask,
    pending: deque[ClientTask],
    sink: Sink,
    attempts: dict[str, int],
) -> None:
    error = future.exception()
    if error is None:
        sink(future.result())
    elif not isinstance(error, BrokenProcessPool):
        sink(ClientOutcome(task.name, "error", error=one_line_reason(error)))
    elif attempts[task.name] < MAX_ATTEMPTS:
        pending.appendleft(task)
    else:
        sink(
            ClientOutcome(
                task.name,
                "error",
                error=(
                    f"the worker process died {attempts[task.name]} times while this folder was "
                    "being audited (killed, or out of memory)"
                ),
            )
        )


def _stop(pool: ProcessPoolExecutor, before: set[int | None]) -> None:
    """Cancel what has not started and end this pool's processes: a scan may OCR for minutes."""
    pool.shutdown(wait=False, cancel_futures=True)
    ours = [p for p in multiprocessing.active_children() if p.pid not in before]
    for process in ours:
        process.terminate()
    for process in ours:
        process.join(_STOP_GRACE_SECONDS)


def run_dask(tasks: Sequence[ClientTask], address: str, sink: Sink) -> None:
    """Each client on some worker of the cluster; results stream back as they finish.

    Task keys carry a run token and an index, not folder names: folder names are often client
    names, and keys are shown on the scheduler's dashboard. How long to try to reach the
    scheduler is dask's own setting, ``distributed.comm.timeouts.connect``.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise DocauditError(
            "--scheduler needs dask.distributed: pip install 'docaudit[distributed]'"
        ) from None
    try:
        client = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise DocauditError(f"cannot reach the dask scheduler at {address}: {exc}") from None
    token = uuid.uuid4().hex[:12]
    with client:
        futures = {
            client.submit(audit_client, task, key=f"docaudit-{token}-{i}", pure=False): task
            for i, task in enumerate(tasks)
        }
        try:
            for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
                task = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:
                    outcome = ClientOutcome(task.name, "error", error=one_line_reason(exc))
                sink(outcome)
                future.release()
        except BaseException:
            client.cancel(list(futures))  # type: ignore[no-untyped-call]
            raise
