"""Real documents for the personal-document extractor tests: PDFs drawn with reportlab, scans of
them rendered at a chosen resolution, read by docaudit's own text pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docaudit.core.factkinds import problems_with
from docaudit.core.models import Fact
from docaudit.core.text import DocumentText, Line, Page, Word
from docaudit.extract.facts import Source, extract_facts
from docaudit.extract.text import read_document
from docaudit.ingest.discover import describe_file

Row = str | Sequence[tuple[float, str]]
"""A line of text at the left margin, or cells as (x offset in points, text)."""


def make_pdf(path: Path, rows: Sequence[Row], *, font: str = "Helvetica", size: float = 11) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 790.0
    for row in rows:
        cells = [(0.0, row)] if isinstance(row, str) else list(row)
        for x, text in cells:
            c.setFont("Courier-Bold" if text.count("<") > 5 else font, size)
            c.drawString(50 + x, y, text)
        y -= size * 2
    c.save()
    return path


def make_scan(pdf: Path, dpi: int = 300) -> Path:
    """The PDF's first page as a PNG image, as a phone or scanner would deliver it."""
    out = pdf.with_suffix(".png")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    image.save(out, dpi=(dpi, dpi))
    return out


def read_facts(doc_type: str, path: Path, country_hint: str | None = None) -> tuple[Fact, ...]:
    """The facts docaudit extracts from ``path`` read as ``doc_type``; all within the vocabulary."""
    source = describe_file(path)
    text = read_document(source, ocr=True)
    facts = extract_facts(doc_type, Source(source.rel, source.sha256, text, country_hint))
    assert problems_with(facts) == []
    for fact in facts:
        assert fact.evidence.document == source.rel
        assert fact.evidence.page >= 1
        assert fact.evidence.bbox is not None
    return facts


def one(facts: Sequence[Fact], kind: str) -> Fact:
    found = [f for f in facts if f.kind == kind]
    assert len(found) == 1, f"{kind}: {found}"
    return found[0]


def values(facts: Sequence[Fact], kind: str) -> list[object]:
    return [f.value for f in facts if f.kind == kind]


def kinds(facts: Sequence[Fact]) -> set[str]:
    return {f.kind for f in facts}


def ocr_text(rows: list[list[str]]) -> DocumentText:
    """One OCR page holding ``rows`` of words as Tesseract split them: for the readings a scan
    gave once, without depending on Tesseract giving them again."""
    lines = tuple(
        Line(
            tuple(
                Word(w, (60.0 * i, 20.0 * n, 60.0 * i + 50, 20.0 * n + 10), 90.0)
                for i, w in enumerate(words)
            )
        )
        for n, words in enumerate(rows)
    )
    return DocumentText((Page(1, 600.0, 800.0, "ocr", lines),))
