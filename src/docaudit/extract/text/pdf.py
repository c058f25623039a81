"""PDFs, page by page: the text layer where it can be trusted, OCR of a rendering where not.

Client PDFs are often mixed: a typed letter with a scanned signature page, or a scan carrying a
stamp in real text. Deciding per page keeps typed pages exact and still reads the scanned ones.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from docaudit.core.errors import ExtractionError
from docaudit.core.text import Line, Page, Word
from docaudit.extract.text.limits import Limits, TextLayerTuning, limit_error, tuning
from docaudit.extract.text.ocr import OcrBudget, ocr_page
from docaudit.extract.text.reference_loops import refuse_reference_loops

log = logging.getLogger(__name__)
refuse_reference_loops()

_EOF_WINDOW = 1024
"""Acrobat requires ``%%EOF`` within the last 1024 bytes; a file without it was cut short."""


def read_pdf(path: Path, *, ocr: bool, limits: Limits) -> tuple[Page, ...]:
    _check_complete(path)
    with _pdfium(path) as rendered:
        if len(rendered) > limits.max_pages:
            raise limit_error(path, "max_pages", limits, f"the PDF has {len(rendered)} pages")
        with _plumber(path) as plumbed:
            return _pages(path, rendered, plumbed, ocr=ocr, limits=limits)


def _pages(
    path: Path, rendered: pdfium.PdfDocument, plumbed: Any, *, ocr: bool, limits: Limits
) -> tuple[Page, ...]:
    settings = tuning().text_layer
    budget = OcrBudget.start(path, limits)
    pages: list[Page] = []
    scanned: list[int] = []
    for index, plumber_page in enumerate(_plumber_pages(path, plumbed)):
        number = index + 1
        size = (float(plumber_page.width), float(plumber_page.height))
        try:
            words = _words(plumber_page, settings)
            verdict = _judge(plumber_page, words, settings)
        except ExtractionError:
            raise
        except Exception as exc:
            raise _corrupt(path, exc, page=number) from exc
        finally:
            plumber_page.close()
        if verdict == "text":
            pages.append(Page(number, size[0], size[1], "text", _group(words, settings)))
            continue
        if verdict == "blank":
            pages.append(Page(number, size[0], size[1], "text", ()))
            continue
        log.debug("page %d of %s has no usable text layer (%s)", number, path.name, verdict)
        scanned.append(number)
        if ocr:
            image, dpi = _render(path, rendered[index], size, limits, number)
            pages.append(ocr_page(image, number=number, size_pt=size, dpi=dpi, budget=budget))
    if scanned and not ocr:
        listed = ", ".join(str(n) for n in scanned)
        what = "every page is" if len(scanned) == len(pages) + len(scanned) else f"page(s) {listed}"
        raise ExtractionError(
            path,
            f"{what} an image without a usable text layer and OCR is off (--no-ocr)",
            kind="needs_ocr",
        )
    return tuple(pages)


def _words(page: Any, settings: TextLayerTuning) -> list[Word]:
    raw = page.extract_words(
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
    )
    return [
        Word(
            w["text"],
            (round(w["x0"], 2), round(w["top"], 2), round(w["x1"], 2), round(w["bottom"], 2)),
        )
        for w in raw
        if w["text"].strip()
    ]


def _judge(page: Any, words: list[Word], settings: TextLayerTuning) -> str:
    """ "text" if the text layer can be used, "blank" if there is nothing to read, else why not."""
    if not words:
        return "blank" if not page.objects else "no text layer"
    if len(words) < settings.min_words and (page.images or page.curves or page.rects):
        return "too few words"
    if _garbage_share(words) > settings.max_garbage_share:
        return "unmapped glyphs"
    chars = [ch for w in words for ch in w.text]
    if sum(ch.isalnum() for ch in chars) < settings.min_alnum_share * len(chars):
        return "mostly symbols"
    if (
        len(words) <= settings.image_page_max_words
        and _image_cover(page) >= settings.image_cover_share
    ):
        return "a few words over a page-sized image"
    return "text"


def _garbage_share(words: list[Word]) -> float:
    def garbage(text: str) -> bool:
        return "(cid:" in text or any(
            ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn") for ch in text
        )

    return sum(garbage(w.text) for w in words) / len(words)


def _image_cover(page: Any) -> float:
    area = float(page.width) * float(page.height)
    if not area:
        return 0.0
    covered = sum(
        max(0.0, min(float(i["x1"]), float(page.width)) - max(float(i["x0"]), 0.0))
        * max(0.0, min(float(i["bottom"]), float(page.height)) - max(float(i["top"]), 0.0))
        for i in page.images
    )
    return min(1.0, covered / area)


def _group(words: list[Word], settings: TextLayerTuning) -> tuple[Line, ...]:
    """Lines by the tops of the words: a word joins a line if its top is near the line's first."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bbox[1], w.bbox[0])):
        height = word.bbox[3] - word.bbox[1]
        if lines:
            anchor = lines[-1][0]
            if abs(word.bbox[1] - anchor.bbox[1]) <= settings.line_tolerance * max(height, 1.0):
                lines[-1].append(word)
                continue
        lines.append([word])
    return tuple(Line(tuple(sorted(line, key=lambda w: w.bbox[0]))) for line in lines)


def _render(
    path: Path, page: pdfium.PdfPage, size: tuple[float, float], limits: Limits, number: int
) -> tuple[Any, float]:
    dpi = float(tuning().ocr.render_dpi)
    pixels = (size[0] * dpi / 72) * (size[1] * dpi / 72)
    if pixels > limits.max_image_pixels:
        raise limit_error(
            path,
            "max_image_megapixels",
            limits,
            f"page {number} rendered at {dpi:g} dpi would be {pixels / 1e6:.0f} megapixels",
        )
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil(), dpi
    except pdfium.PdfiumError as exc:
        raise _corrupt(path, exc, page=number) from exc
    finally:
        page.close()


def _check_complete(path: Path) -> None:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(0, handle.tell() - _EOF_WINDOW))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise ExtractionError(
            path, "the PDF is truncated (it has no end-of-file marker); ask for a complete copy"
        )


@contextmanager
def _pdfium(path: Path) -> Iterator[pdfium.PdfDocument]:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(
                path,
                "the PDF is password-protected; ask for a copy without a password",
                kind="password",
            ) from exc
        raise _corrupt(path, exc) from exc
    try:
        yield document
    finally:
        document.close()


@contextmanager
def _plumber(path: Path) -> Iterator[Any]:
    try:
        document = pdfplumber.open(path)
    except Exception as exc:
        raise _corrupt(path, exc) from exc
    try:
        yield document
    finally:
        _close_plumber(document)


def _close_plumber(document: Any) -> None:
    """pdfplumber's close walks the pages again; when they cannot be parsed, close the file only.

    Otherwise the page error would be raised a second time, from ``finally``, past the
    ExtractionError that already explains it.
    """
    try:
        document.close()
    except Exception:
        document.stream.close()


def _plumber_pages(path: Path, document: Any) -> Iterator[Any]:
    try:
        pages = document.pages
    except Exception as exc:
        raise _corrupt(path, exc) from exc
    yield from pages


def _corrupt(path: Path, exc: BaseException, page: int | None = None) -> ExtractionError:
    """Parser errors from untrusted files come in many types; the user needs only the gist."""
    where = f" (page {page})" if page else ""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ExtractionError(path, f"the PDF is damaged and cannot be read{where}: {detail}")
