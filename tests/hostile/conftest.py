"""The hostile corpus written once per session, and every CLI run over it started at once.

Each run is a separate ``docaudit`` process (about 2 s of start-up each), so they go to a small
thread pool when the session starts and the tests collect their results: the slowest run, the
one that OCRs real scans, sets the wall time instead of the sum of all of them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hostile.corpus import (
    DOCUMENTS,
    PROFILE,
    PROFILES,
    jpeg_bytes,
    multipage_tiff,
    page_image,
    text_pdf,
)
from hostile.runner import Run, run_docaudit

LIMIT_RUNS: dict[str, list[str]] = {
    "max_file_mb": ["--max-file-mb", "0.001"],
    "max_pages": ["--max-pages", "1"],
    "max_image_megapixels": ["--max-image-megapixels", "0.5"],
    "ocr_page_seconds": ["--ocr-page-timeout", "0.05"],
    "ocr_document_seconds": ["--ocr-timeout", "0.05"],
}
BOM_PROFILE = "BOM-prefixed profile"


@dataclass
class Runs:
    root: Path
    documents: Future[Run]
    profiles: dict[str, Future[Run]]
    limits: dict[str, Future[Run]]

    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.documents.result().stdout)
        return data


def write_client(
    folder: Path, profile: bytes = PROFILE.encode(), name: str = "profile.yaml"
) -> Path:
    (folder / "documents").mkdir(parents=True)
    if not name.startswith("profile."):
        (folder / "profile.yaml").write_text(PROFILE)
    (folder / name).write_bytes(profile)
    return folder


def limits_client(folder: Path) -> Path:
    """A three-page text PDF, a two-frame TIFF and a one-page scan: each limit catches one."""
    write_client(folder)
    (folder / "documents" / "letter_3_pages.pdf").write_bytes(text_pdf(pages=3))
    (folder / "documents" / "scan_2_frames.tif").write_bytes(multipage_tiff(2))
    (folder / "documents" / "scan.jpg").write_bytes(jpeg_bytes(page_image()))
    return folder


def _audit(folder: Path, *extra: str, timeout: float = 120) -> Run:
    env = {"DOCAUDIT_CACHE_DIR": str(folder.parent / f"{folder.name}-cache")}
    return run_docaudit(
        ["audit", str(folder), "--format", "json", *extra], timeout=timeout, env=env
    )


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    root = tmp_path_factory.mktemp("hostile")
    documents = write_client(root / "client")
    for bad in DOCUMENTS:
        bad.build(documents / bad.rel)
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        doc_run = pool.submit(_audit, documents, "--no-cache", timeout=150)
        profile_runs = {}
        for i, bad in enumerate(PROFILES):
            folder = write_client(root / f"profile-{i}", bad.content, bad.name)
            profile_runs[bad.kind] = pool.submit(_audit, folder, "--no-ocr", timeout=30)
        bom = write_client(root / "profile-bom", b"\xef\xbb\xbf" + PROFILE.encode())
        profile_runs[BOM_PROFILE] = pool.submit(_audit, bom, "--no-ocr", timeout=30)
        limit_runs = {
            name: pool.submit(_audit, limits_client(root / f"limit-{name}"), "--no-cache", *flags)
            for name, flags in LIMIT_RUNS.items()
        }
        yield Runs(root, doc_run, profile_runs, limit_runs)
