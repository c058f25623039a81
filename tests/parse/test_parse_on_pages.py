"""The parsers on text as docaudit reads it: a real PDF's text layer and a real Tesseract OCR."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytesseract
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docaudit.core.text import Line, Word
from docaudit.extract.facts.parse import (
    build_td3,
    find_money,
    find_periods,
    names_match,
    parse_hours,
    parse_name,
    read_mrz,
)

LETTER = [
    "To whom it may concern",
    "This is to certify that Ms. Ayesha N. Khan worked with Systems Limited",
    "from 1 August 2016 until 31 December 2021 as Software Engineer.",
    "She worked full-time, 40 hours per week, at Rs. 1,800,000 per annum.",
]


def _pdf(path: Path, lines: list[str], font: str = "Helvetica", size: int = 11) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, size)
    y = 780.0
    for text in lines:
        c.drawString(60, y, text)
        y -= 22
    c.save()
    return path


def _lines(path: Path) -> list[Line]:
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[0].extract_words()
    rows: dict[int, list[Word]] = {}
    for w in words:
        rows.setdefault(round(w["top"]), []).append(
            Word(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]))
        )
    return [Line(tuple(sorted(ws, key=lambda w: w.bbox[0]))) for _, ws in sorted(rows.items())]


def test_reference_letter_text_layer_with_evidence_boxes(tmp_path: Path) -> None:
    lines = _lines(_pdf(tmp_path / "letter.pdf", LETTER))
    period = find_periods(lines[2].text)[0]
    assert (period.start.value, period.end and period.end.value) == (
        dt.date(2016, 8, 1),
        dt.date(2021, 12, 31),
    )
    box = lines[2].span_bbox(*period.span)
    assert box is not None and box[0] < 70 and box[2] > box[0]

    hours = parse_hours(lines[3].text)
    assert hours is not None and hours.per_week == 40 and hours.full_time
    money = find_money(lines[3].text, "PKR")[0]
    assert (money.amount, money.currency, money.per) == (1800000, "PKR", "year")
    money_box = lines[3].span_bbox(*money.span)
    assert money_box is not None and box is not None and money_box[0] > box[0]

    name_text = lines[1].text[lines[1].text.index("Ms.") : lines[1].text.index(" worked")]
    name = parse_name(name_text)
    assert name is not None and names_match("KHAN", "Ayesha Noor", name).match


@pytest.mark.ocr
def test_mrz_from_a_scanned_passport_page(tmp_path: Path, tesseract: str) -> None:
    l1, l2 = build_td3(
        "KHAN",
        "Ayesha Noor",
        "AB1234567",
        "PAK",
        dt.date(1994, 5, 17),
        "F",
        dt.date(2031, 2, 11),
        "3520212345678",
    )
    pdf = _pdf(
        tmp_path / "passport.pdf", ["ISLAMIC REPUBLIC OF PAKISTAN", "", l1, l2], "Courier", 12
    )
    image = pdfium.PdfDocument(str(pdf))[0].render(scale=300 / 72).to_pil()
    pytesseract.pytesseract.tesseract_cmd = tesseract
    text = pytesseract.image_to_string(image, config="--psm 6")
    r = read_mrz(text, today=dt.date(2026, 6, 1))
    assert r is not None, text
    assert r.valid, (text, r.notes)
    assert (r.number, r.birth_date, r.primary_identifier) == (
        "AB1234567",
        dt.date(1994, 5, 17),
        "KHAN",
    )
