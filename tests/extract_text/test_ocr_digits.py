"""A lone digit in a score table comes out of Tesseract as junk ("Ti" at confidence 37 for a
printed 7, in generated CELPIP scans): such a token, in a row or a column of numbers, is read again
alone with only digits allowed. Junk anywhere else is left as Tesseract read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytesseract
import pytest
from textdocs import scan_of

from docaudit.extract.text.limits import Limits, tuning
from docaudit.extract.text.ocr import OcrBudget, _Work

pytestmark = [pytest.mark.ocr, pytest.mark.usefixtures("tesseract")]

TABLE = (
    (24.0, 40.0, "Listening"),
    (200.0, 40.0, "8"),
    (24.0, 70.0, "Reading"),
    (200.0, 70.0, "10"),
    (24.0, 100.0, "Writing"),
    (200.0, 100.0, "8"),
    (24.0, 130.0, "Speaking"),
    (200.0, 130.0, "7"),
    (24.0, 170.0, "Signed at Toronto on the 3rd"),
)


ROW = (
    (24.0, 40.0, "Listening"),
    (110.0, 40.0, "Reading"),
    (200.0, 40.0, "Writing"),
    (290.0, 40.0, "Speaking"),
    (24.0, 70.0, "7"),
    (110.0, 70.0, "9"),
    (200.0, 70.0, "9"),
    (290.0, 70.0, "9"),
)


def _read(
    tmp_path: Path, drawn: tuple[tuple[float, float, str], ...] = TABLE
) -> tuple[Any, dict[str, list[Any]], _Work]:
    image = scan_of(tmp_path, drawn, dpi=300)
    settings = tuning().ocr
    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, config="--psm 3 --dpi 300", output_type=pytesseract.Output.DICT
    )
    budget = OcrBudget.start(tmp_path / "scan.png", Limits.defaults())
    work = _Work(tmp_path, 300, settings, budget, 1, (1.0, 1.0), (360.0, 216.0))
    return image, data, work


def _index(data: dict[str, list[Any]], text: str) -> int:
    return next(i for i, t in enumerate(data["text"]) if str(t).strip() == text)


def _misread(data: dict[str, list[Any]], i: int, junk: str, conf: float) -> None:
    data["text"][i], data["conf"][i] = junk, conf


@pytest.mark.parametrize(
    ("printed", "misread", "conf"),
    [
        ("7", "Ti", 37.0),  # junk Tesseract doubts
        ("10", "12,", 78.0),  # a number spoilt by a stray mark, however sure Tesseract is
        ("8", "5", 34.0),  # a number Tesseract doubts
        ("10", "12", 57.0),  # another number, read at a confidence a true reading rarely has
    ],
)
def test_a_suspect_token_in_a_column_of_numbers_is_read_again_as_digits(
    tmp_path: Path, printed: str, misread: str, conf: float
) -> None:
    image, data, work = _read(tmp_path)
    cell = _index(data, printed)
    _misread(data, cell, misread, conf)
    work._reread_digits(image, data)
    assert str(data["text"][cell]) == printed
    assert float(data["conf"][cell]) >= tuning().ocr.digit_accept_confidence


def test_junk_outside_numbers_and_confident_readings_are_left_alone(tmp_path: Path) -> None:
    image, data, work = _read(tmp_path)
    ordinal = _index(data, "3rd")
    _misread(data, ordinal, "u", 10.0)  # last word of a prose line, under no number
    seven = _index(data, "7")
    _misread(data, seven, "Ti", 96.0)  # Tesseract sure of it: not second-guessed
    ten = _index(data, "10")
    _misread(data, ten, "16", 93.0)  # a number it is sure of, likewise
    work._reread_digits(image, data)
    assert (data["text"][ordinal], data["text"][seven], data["text"][ten]) == ("u", "Ti", "16")


def test_a_doubted_number_level_with_a_row_of_numbers_is_read_again_though_in_a_line_of_its_own(
    tmp_path: Path,
) -> None:
    """Seen on a CELPIP scan: Tesseract put the speaking score in a block of its own, right of
    "7 9 9", and read its 9 as "3" at 81; no line or column mate made it a table cell."""
    image, data, work = _read(tmp_path, ROW)
    speaking = max(
        (i for i, t in enumerate(data["text"]) if str(t).strip() == "9"),
        key=lambda i: int(data["left"][i]),
    )
    data["block_num"][speaking] = max(int(b) for b in data["block_num"]) + 1
    _misread(data, speaking, "3", 81.0)
    work._reread_digits(image, data)
    assert str(data["text"][speaking]) == "9"
