"""Typed errors. Each says which file and what is wrong, because users fix files, not tracebacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DocauditError(Exception):
    """An error the CLI turns into exit code 2 with a one-line reason."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located as precisely as the format allows."""

    file: str
    message: str
    key_path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key_path:
            where += f": {self.key_path}"
        return f"{where}: {self.message}"


class InputFileError(DocauditError):
    """A profile, manifest or configuration the user wrote cannot be used; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class ExtractionError(Exception):
    """A document cannot be read; the reason becomes a DOC001 finding, never an empty text."""

    def __init__(self, path: Path | str, reason: str, kind: str = "unreadable") -> None:
        self.path = str(path)
        self.reason = reason
        self.kind = kind
        super().__init__(f"{path}: {reason}")


class NocDataMissing(DocauditError):
    """The NOC index has not been imported yet."""
