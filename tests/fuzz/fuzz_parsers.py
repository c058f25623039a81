"""Coverage-guided fuzzing (atheris) of what reads untrusted input: not collected by pytest.

    .venv/bin/pip install -e ".[fuzz]"
    .venv/bin/python tests/fuzz/fuzz_parsers.py -max_total_time=300 [-dict=...] [corpus_dir]

The first input byte picks the target: the profile loader (YAML and JSON), the date, money,
name and MRZ parsers, or the PDF text path (the bytes written as a file and read without OCR).
Each target may fail only the way it promises to: InputFileError for a profile,
ExtractionError for a PDF, nothing at all for a parser. Anything else, or a hang (libFuzzer's
-timeout), is a bug; every one found gets a regression test in tests/fuzz/test_fuzz_regressions.py.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from docaudit.core.errors import ExtractionError, InputFileError
    from docaudit.core.profile_loader import load_profile
    from docaudit.extract.facts.parse import (
        find_dates,
        find_money,
        find_periods,
        names_match,
        parse_name,
        read_mrz,
    )
    from docaudit.extract.text.limits import Limits
    from docaudit.extract.text.pdf import read_pdf

_WORK = Path(tempfile.mkdtemp(prefix="docaudit-fuzz-"))
_LIMITS = Limits.defaults()


def _profile(data: bytes, suffix: str) -> None:
    path = _WORK / f"profile{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(InputFileError):
        load_profile(path)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _parsers(data: bytes) -> None:
    text = _text(data)
    find_dates(text, years=True)
    find_periods(text, years=True)
    find_money(text, "CAD")
    parse_name(text)
    names_match("TESTER", "Ada", text, [], ocr=True)
    read_mrz(text, ocr=True)
    read_mrz(text, ocr=False)


def _pdf(data: bytes) -> None:
    path = _WORK / "fuzz.pdf"
    path.write_bytes(b"%PDF-1.7\n" + data + b"\n%%EOF\n")
    with contextlib.suppress(ExtractionError):
        read_pdf(path, ocr=False, limits=_LIMITS)


TARGETS: list[Callable[[bytes], None]] = [
    lambda d: _profile(d, ".yaml"),
    lambda d: _profile(d, ".json"),
    _parsers,
    _pdf,
]


def one_input(data: bytes) -> None:
    if not data:
        return
    TARGETS[data[0] % len(TARGETS)](data[1:])


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
