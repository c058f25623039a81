"""Going over a limit in rules/limits.yaml is a DOC001 finding naming the flag, not a crash."""

from __future__ import annotations

import json

import pytest

from hostile.conftest import LIMIT_RUNS, Runs

EXPECTED = {
    "max_file_mb": {
        "documents/letter_3_pages.pdf": "MiB, over the limit of 0.001",
        "documents/scan.jpg": "MiB, over the limit of 0.001",
    },
    "max_pages": {
        "documents/letter_3_pages.pdf": "the PDF has 3 pages, over the limit of 1",
        "documents/scan_2_frames.tif": "the image has 2 pages, over the limit of 1",
    },
    "max_image_megapixels": {"documents/scan.jpg": "pixels, over the limit of 0.5"},
    "ocr_page_seconds": {"documents/scan.jpg": "OCR of page 1 ran out of time"},
    "ocr_document_seconds": {"documents/scan.jpg": "OCR of page 1 ran out of time"},
}


@pytest.mark.parametrize("name", list(LIMIT_RUNS))
def test_exceeding_a_limit_is_a_finding(runs: Runs, name: str) -> None:
    run = runs.limits[name].result()
    assert not run.timed_out
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    findings = {
        f["subject"]: f["message"]
        for f in json.loads(run.stdout)["findings"]
        if f["rule"] == "DOC001"
    }
    flag = LIMIT_RUNS[name][0]
    for rel, text in EXPECTED[name].items():
        assert text in findings[rel], findings
        assert f"raise it with {flag}" in findings[rel]
    if name == "max_image_megapixels":
        assert "documents/letter_3_pages.pdf" not in findings
