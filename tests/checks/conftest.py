"""Fixtures rule cases may ask for with ``needs:`` (e.g. an imported NOC release)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

NOC_DIR = Path(
    os.environ.get(
        "DOCAUDIT_NOC_DIR", Path(__file__).resolve().parents[2].parent / "shared/data/noc2021"
    )
)


@pytest.fixture(scope="session")
def _noc_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from docaudit.noc.store import import_csv

    data = tmp_path_factory.mktemp("noc-data")
    import_csv(
        NOC_DIR / "noc_2021_version_1.0_-_classification_structure.csv",
        NOC_DIR / "noc_2021_version_1.0_-_elements.csv",
        db=data / "noc.sqlite",
    )
    return data


@pytest.fixture
def noc(_noc_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An imported NOC 2021 release in DOCAUDIT_DATA_DIR for the test."""
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(_noc_data_dir))
    yield _noc_data_dir
