"""Run the real ``docaudit`` in a child process with a wall-clock limit and an address-space cap.

A hang or a runaway allocation in the child must show up as a failed assertion here, not as a
stuck or swapping test machine: the child gets ``RLIMIT_AS`` before it starts, and its process
group is killed when the time is up.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

DOCAUDIT = str(Path(sys.executable).parent / "docaudit")
MEMORY_CAP_MB = 3072
"""Address space, not resident memory: spaCy, numpy and pdfium map far more than they touch."""


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    """Peak resident memory of the child and the processes it waited for (Tesseract)."""
    timed_out: bool


def _limit(memory_mb: int, file_bytes: int | None, umask: int | None) -> None:
    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if file_bytes is not None:
        # Writes past the limit fail with EFBIG instead of killing the child with SIGXFSZ.
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if umask is not None:
        os.umask(umask)


def _watch(pid: int, name: str, kill: Callable[[], None], done: threading.Event) -> None:
    """Call ``kill`` once ``pid`` has a descendant process called ``name``."""
    try:
        parent = psutil.Process(pid)
        while not done.wait(0.02):
            if any(_named(child, name) for child in parent.children(recursive=True)):
                kill()
                return
    except psutil.NoSuchProcess:
        return


def _named(process: psutil.Process, name: str) -> bool:
    try:
        return bool(process.name() == name)
    except psutil.Error:
        return False


def run_docaudit(
    args: Sequence[str],
    *,
    timeout: float = 60.0,
    memory_mb: int = MEMORY_CAP_MB,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    executable: Sequence[str] = (DOCAUDIT,),
    file_bytes: int | None = None,
    umask: int | None = None,
    kill_after: float | None = None,
    kill_when_running: str | None = None,
) -> Run:
    """``docaudit ARGS`` under the limits; never raises for what the child does.

    ``kill_after`` kills the child then on purpose (``timed_out`` tells whether it was still
    running); ``kill_when_running`` kills it as soon as it has started a process of that name
    (``tesseract``: killed in the middle of OCR, however fast the machine); ``file_bytes`` caps
    every file it writes; ``umask`` replaces the inherited one.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(
            [*executable, *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            preexec_fn=lambda: _limit(memory_mb, file_bytes, umask),
            start_new_session=True,
        )
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout if kill_after is None else kill_after, kill)
        timer.start()
        done = threading.Event()
        if kill_when_running is not None:
            name = kill_when_running
            threading.Thread(target=_watch, args=(child.pid, name, kill, done), daemon=True).start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            done.set()
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss / 1024,
            expired.is_set(),
        )
