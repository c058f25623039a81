"""Cold vs warm audit of one client folder, and what the cache saves.

    .venv/bin/python benchmarks/audit_cold_warm.py [CLIENT_DIR] [--runs 3]

Prints the time of a cold audit (empty cache: every PDF parsed, every scan OCR'd) and of warm
audits (same folder, same cache), as a ratio from one run, and proves a warm audit parses and
OCRs nothing by counting calls into pdfplumber and Tesseract.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from docaudit.api import AuditOptions, audit_folder

REPO = Path(__file__).resolve().parents[1]


def _timed(client: Path, cache: Path) -> tuple[float, int, int]:
    import pdfplumber
    import pytesseract

    with (
        mock.patch.object(pdfplumber, "open", wraps=pdfplumber.open) as plumber,
        mock.patch.object(pytesseract, "image_to_data", wraps=pytesseract.image_to_data) as ocr,
    ):
        start = time.perf_counter()
        audit_folder(client, AuditOptions(cache_dir=cache))
        return time.perf_counter() - start, plumber.call_count, ocr.call_count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "client", nargs="?", type=Path, default=REPO / "fixtures/clients/sample-scans"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        audit_folder(args.client, AuditOptions(use_cache=False, ocr=False))  # import warm-up
        cold, cold_pdf, cold_ocr = _timed(args.client, cache)
        warm_runs = [_timed(args.client, cache) for _ in range(args.runs)]
    warm = statistics.median(t for t, _, _ in warm_runs)
    print(f"client: {args.client}")
    print(
        f"cold audit: {cold:.3f} s  (pdfplumber opens: {cold_pdf}, "
        f"tesseract image_to_data: {cold_ocr})"
    )
    print(
        f"warm audit (median of {args.runs}): {warm:.3f} s  (pdfplumber opens: "
        f"{max(p for _, p, _ in warm_runs)}, tesseract calls: {max(o for _, _, o in warm_runs)})"
    )
    print(f"warm / cold: {warm / cold:.3f}")


if __name__ == "__main__":
    main()
