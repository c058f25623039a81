"""A small clients directory: generated clients, a broken profile, a corrupt file, a stray folder.

The generator runs once per session (text PDFs only, so no test waits for OCR); each test gets
its own copy because batches are run, edited and re-run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from batchcorpus import (
    BROKEN_PROFILE,
    CORRUPT_PDF,
    NOC_DIR,
    NOC_ELEMENTS,
    NOC_STRUCTURE,
    REPO,
    generate,
)


@pytest.fixture(scope="session")
def rules_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rules as they were when the session began, so the batch's rules digest holds still."""
    target = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(REPO / "rules", target)
    return target


@pytest.fixture(scope="session")
def noc_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An imported NOC release: the work rules match duties against it."""
    from docaudit.noc.store import import_csv

    folder = tmp_path_factory.mktemp("data")
    import_csv(NOC_DIR / NOC_STRUCTURE, NOC_DIR / NOC_ELEMENTS, db=folder / "noc.sqlite")
    return folder


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One extraction cache for the batch tests: what they test is the batch, not the cache."""
    return tmp_path_factory.mktemp("batch-cache")


@pytest.fixture(autouse=True)
def _fixed_inputs(
    rules_snapshot: Path, noc_data: Path, shared_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCAUDIT_RULES_DIR", str(rules_snapshot))
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(noc_data))
    monkeypatch.setenv("DOCAUDIT_CACHE_DIR", str(shared_cache))


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "clients"
    names = generate(root, 3, "batch")
    (root / "zz-broken").mkdir()
    (root / "zz-broken" / "profile.yaml").write_text(BROKEN_PROFILE)
    (root / "notes").mkdir()
    (root / "notes" / "readme.txt").write_text("not a client")
    (root / names[1] / "documents" / "corrupt_statement.pdf").write_bytes(CORRUPT_PDF)
    return root


@pytest.fixture
def clients(corpus_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "clients"
    shutil.copytree(corpus_template, target)
    return target
