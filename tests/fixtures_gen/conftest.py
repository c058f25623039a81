"""One generated client shared by the fixture-generator tests (rendering is the slow part)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clientgen import ScanOptions, generate_client


@pytest.fixture(scope="session")
def text_client(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("clients")
    labels = generate_client(out, "TEST-TEXT", "fixture-tests", scans=ScanOptions(share=0.0))
    return out / "TEST-TEXT", labels


@pytest.fixture(scope="session")
def scan_client(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("scans")
    generate_client(
        out,
        "TEST-SCAN",
        "fixture-scans",
        scans=ScanOptions(share=0.5, dpi=200, formats=("jpg", "tiff", "pdf")),
    )
    labels = json.loads((out / "TEST-SCAN.labels.json").read_text(encoding="utf-8"))
    return out / "TEST-SCAN", labels
