"""Shared fixtures for the text extraction tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docaudit.ingest.discover import SourceFile, discover


@pytest.fixture
def source_of() -> Callable[[Path], SourceFile]:
    """The SourceFile discovery makes for one file, so extraction sees what the audit would."""

    def make(path: Path) -> SourceFile:
        (found,) = [s for s in discover(path.parent) if s.path.name == path.name]
        return found

    return make
