"""Writing files docaudit produces: atomically and owner-only, because they hold personal data.

A report is written to a temporary file beside its target and renamed over it, so a reader (or a
crash) sees either the old report or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docaudit.core.errors import DocauditError


def write_private(text: str, output: Path) -> None:
    """Write ``text`` to ``output`` atomically with mode 0600; DocauditError naming the path."""
    output = output.expanduser()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    except OSError as exc:
        raise DocauditError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).chmod(0o600)
        Path(tmp).replace(output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DocauditError(f"{output}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
