"""Fixtures rule cases may ask for with ``needs:``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def noc(noc_data_dir: Path) -> Path:
    """An imported NOC 2021 release (the suite-wide one, already in DOCAUDIT_DATA_DIR)."""
    return noc_data_dir
