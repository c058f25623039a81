"""Documents drawn for the tests: text PDFs with known word positions, and scans made from them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

SMALL = (360.0, 216.0)
"""A small page keeps each OCR call under a second."""
FONT = ("Helvetica", 16)
LINES = (
    (24.0, 46.0, "Employment Letter Priya Example"),
    (24.0, 76.0, "Software Engineer since 2016"),
    (24.0, 106.0, "Toronto Ontario Canada"),
)
"""(x, baseline from the top, text): what each test page says, where."""
WORDS = {w for _, _, text in LINES for w in text.split()}

Drawn = Sequence[tuple[float, float, str]]


def draw_text_pdf(path: Path, pages: Sequence[Drawn], size: tuple[float, float] = SMALL) -> Path:
    c = canvas.Canvas(str(path), pagesize=size)
    for lines in pages:
        c.setFont(*FONT)
        for x, top, text in lines:
            c.drawString(x, size[1] - top, text)
        c.showPage()
    c.save()
    return path


def render(pdf: Path, dpi: int = 300, page: int = 0) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        image: Image.Image = document[page].render(scale=dpi / 72, grayscale=True).to_pil()
        return image.copy()
    finally:
        document.close()


def scan_of(tmp: Path, lines: Drawn = LINES, dpi: int = 300) -> Image.Image:
    return render(draw_text_pdf(tmp / "_drawn.pdf", [lines]), dpi)


def draw_image_pdf(
    path: Path, pages: Sequence[Image.Image | Drawn], size: tuple[float, float] = SMALL
) -> Path:
    """Each page an image filling the page (a scan) or drawn text."""
    c = canvas.Canvas(str(path), pagesize=size)
    for page in pages:
        if isinstance(page, Image.Image):
            c.drawImage(ImageReader(page.convert("RGB")), 0, 0, width=size[0], height=size[1])
        else:
            c.setFont(*FONT)
            for x, top, text in page:
                c.drawString(x, size[1] - top, text)
        c.showPage()
    c.save()
    return path
