"""Employment documents for the extractor tests, typeset with reportlab like a word processor
would: wrapped paragraphs, bullets with hanging indents, a larger letterhead, form rows."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from docaudit.core.factkinds import problems_with
from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extract_facts
from docaudit.extract.text import read_document
from docaudit.ingest.discover import describe_file

Block = tuple[str, str]
"""(style, text): head (large bold), line, para (wrapped), bullet, row ("Label|value"), gap."""

_LEFT, _WIDTH, _SIZE, _LEADING = 56.0, 483.0, 10.5, 14.0


def make_letter(path: Path, blocks: Sequence[Block]) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 790.0
    for style, text in blocks:
        if style == "gap":
            y -= 10
        elif style == "head":
            c.setFont("Helvetica-Bold", 17)
            c.drawString(_LEFT, y, text)
            y -= 22
        elif style == "line":
            c.setFont("Helvetica", _SIZE)
            c.drawString(_LEFT, y, text)
            y -= _LEADING
        elif style == "row":
            label, value = text.split("|")
            c.setFont("Helvetica", _SIZE)
            c.drawString(_LEFT, y, label)
            c.drawString(_LEFT + 170, y, value)
            y -= _LEADING
        elif style == "para":
            y -= 6
            c.setFont("Helvetica", _SIZE)
            for line in simpleSplit(text, "Helvetica", _SIZE, _WIDTH):
                c.drawString(_LEFT, y, line)
                y -= _LEADING
        elif style == "bullet":
            c.setFont("Helvetica", _SIZE)
            c.drawString(_LEFT + 10, y, "•")
            for line in simpleSplit(text, "Helvetica", _SIZE, _WIDTH - 24):
                c.drawString(_LEFT + 24, y, line)
                y -= _LEADING
        else:
            raise ValueError(style)
    c.save()
    return path


def make_scan(pdf: Path, dpi: int = 300) -> Path:
    out = pdf.with_suffix(".png")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    image.save(out, dpi=(dpi, dpi))
    return out


def read_facts(doc_type: str, path: Path, country_hint: str | None = None) -> list[Fact]:
    """What the extractor of ``doc_type`` reads from ``path``; always within the vocabulary."""
    source = describe_file(path)
    text = read_document(source, ocr=True)
    facts = list(extract_facts(doc_type, Source(source.rel, source.sha256, text, country_hint)))
    assert problems_with(facts) == []
    for fact in facts:
        assert fact.evidence.document == source.rel
        assert fact.evidence.page == 1
        assert fact.evidence.bbox is not None
    return facts


def one(facts: Sequence[Fact], kind: str) -> Fact:
    found = [f for f in facts if f.kind == kind]
    assert len(found) == 1, f"{kind}: {[f.value for f in found]}"
    return found[0]


def values(facts: Sequence[Fact], kind: str) -> list[object]:
    return [f.value for f in facts if f.kind == kind]
