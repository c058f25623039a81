"""Field-level agreement with the synthetic generator's labels for every personal-document type.

A small corpus is generated once per session; text PDFs must agree almost everywhere, and a few
300-dpi scans (slow) must clear the OCR target. The scoring is the benchmark's own
(``benchmarks/extract_accuracy_documents.py``), so the test and the published figures agree.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from clientgen import ScanOptions, generate_corpus
from docaudit.core.factkinds import problems_with

REPO = Path(__file__).resolve().parents[2]


def _benchmark() -> ModuleType:
    path = REPO / "benchmarks" / "extract_accuracy_documents.py"
    spec = importlib.util.spec_from_file_location("extract_accuracy_documents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _benchmark()


def _totals(table: dict[tuple[str, str, str], list[int]], modality: str) -> tuple[float, float]:
    printed = sum(v[0] for k, v in table.items() if k[0] == modality)
    emitted = sum(v[1] for k, v in table.items() if k[0] == modality)
    correct = sum(v[2] for k, v in table.items() if k[0] == modality)
    assert printed > 0
    return correct / max(emitted, 1), correct / printed


@pytest.fixture(scope="session")
def text_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("personal_docs_text")
    generate_corpus(out, 4, "21", clean_share=1.0, faults=None, scans=ScanOptions(share=0.0))
    return out


def test_text_pdfs_agree_with_labels(text_corpus: Path) -> None:
    misses: list[str] = []
    table = BENCH.measure(text_corpus, None, misses)
    precision, recall = _totals(table, "text")
    assert precision >= 0.97, misses
    assert recall >= 0.97, misses
    types = {k[1] for k in table}
    assert {"passport", "language_test", "eca_report", "police_certificate"} <= types


def test_every_fact_fits_the_vocabulary(text_corpus: Path) -> None:
    for path, doc in BENCH.documents(text_corpus)[:25]:
        assert problems_with(BENCH.read_facts(path, doc["type"], None)) == []


@pytest.mark.slow
@pytest.mark.ocr
def test_scans_clear_the_ocr_target(tmp_path: Path, tesseract: str) -> None:
    generate_corpus(
        tmp_path, 1, "5", clean_share=1.0, faults=None, scans=ScanOptions(share=1.0, dpi=300)
    )
    types = ("language_test", "eca_report", "police_certificate", "diploma")
    table = BENCH.measure(tmp_path, None, jobs=2, types=types)
    precision, recall = _totals(table, "scan")
    assert precision >= 0.9
    assert recall >= 0.85
