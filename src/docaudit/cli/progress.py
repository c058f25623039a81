"""Progress on standard error when it is a terminal; nothing otherwise, so CI logs stay clean."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from docaudit.api import Progress


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=None,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int, _current: str) -> None:
            # The file name is shown nowhere: names of client files can be personal data.
            bar.update(task, completed=done, total=total)

        yield update
