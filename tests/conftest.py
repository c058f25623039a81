"""Suite-wide fixtures: every test gets its own cache and data folders, never the user's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests assert what parsers return, not how fast: on a shared two-core machine running
# two test workers, hypothesis' default 200 ms deadline fails healthy examples at random.
settings.register_profile("docaudit", deadline=None)
settings.load_profile("docaudit")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOCAUDIT_SHARED_DIR", REPO.parent / "shared"))
NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", SHARED / "data" / "noc2021"))
SAMPLES = REPO / "fixtures" / "clients"


@pytest.fixture(scope="session")
def noc_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with NOC 2021 imported once per test process (the index builds lazily)."""
    from docaudit.noc.store import import_csv

    data = tmp_path_factory.mktemp("noc-data")
    import_csv(
        NOC_DIR / "noc_2021_version_1.0_-_classification_structure.csv",
        NOC_DIR / "noc_2021_version_1.0_-_elements.csv",
        db=data / "noc.sqlite",
    )
    return data


@pytest.fixture(autouse=True)
def _private_dirs(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    noc_data_dir: Path,
) -> None:
    """Every test gets its own cache and the suite's NOC data, never the user's folders."""
    monkeypatch.setenv("DOCAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(noc_data_dir))


@pytest.fixture(scope="session")
def tesseract() -> str:
    """The tesseract binary; its absence fails in CI and skips only where explicitly allowed."""
    path = shutil.which("tesseract")
    if path is None:
        if os.environ.get("CI") or not os.environ.get("DOCAUDIT_ALLOW_NO_TESSERACT"):
            pytest.fail("tesseract is not installed (run scripts/setup.sh)")
        pytest.skip("tesseract missing and DOCAUDIT_ALLOW_NO_TESSERACT is set")
    return path
