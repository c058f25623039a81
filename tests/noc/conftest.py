"""One imported NOC release and one loaded matcher for the whole NOC test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docaudit.noc.matcher import NocMatcher
from docaudit.noc.models import ImportStats
from docaudit.noc.store import import_csv

REPO = Path(__file__).resolve().parents[2]
STRUCTURE = "noc_2021_version_1.0_-_classification_structure.csv"
ELEMENTS = "noc_2021_version_1.0_-_elements.csv"


def noc_dir() -> Path:
    override = os.environ.get("DOCAUDIT_NOC_DIR")
    return Path(override) if override else REPO.parent / "shared" / "data" / "noc2021"


@pytest.fixture(scope="session")
def noc_csvs() -> tuple[Path, Path]:
    folder = noc_dir()
    if not (folder / STRUCTURE).is_file():
        pytest.fail(f"NOC CSVs not found in {folder}; set DOCAUDIT_NOC_DIR")
    return folder / STRUCTURE, folder / ELEMENTS


@pytest.fixture(scope="session")
def noc_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("noc-data")


@pytest.fixture(scope="session")
def imported(noc_csvs: tuple[Path, Path], noc_data_dir: Path) -> ImportStats:
    return import_csv(*noc_csvs, db=noc_data_dir / "noc.sqlite")


@pytest.fixture(scope="session")
def matcher(imported: ImportStats) -> NocMatcher:
    return NocMatcher.load(Path(imported.db))


@pytest.fixture()
def data_env(
    imported: ImportStats, noc_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point docaudit's data folder at the session's import, as the CLI would find it."""
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(noc_data_dir))
    yield noc_data_dir
