"""Suite-wide fixtures: every test gets its own cache and data folders, never the user's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOCAUDIT_SHARED_DIR", REPO.parent / "shared"))
NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", SHARED / "data" / "noc2021"))
SAMPLES = REPO / "fixtures" / "clients"


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def tesseract() -> str:
    """The tesseract binary; its absence fails in CI and skips only where explicitly allowed."""
    path = shutil.which("tesseract")
    if path is None:
        if os.environ.get("CI") or not os.environ.get("DOCAUDIT_ALLOW_NO_TESSERACT"):
            pytest.fail("tesseract is not installed (run scripts/setup.sh)")
        pytest.skip("tesseract missing and DOCAUDIT_ALLOW_NO_TESSERACT is set")
    return path
