"""Text extraction: one entry, :func:`read_document`, whatever the file holds.

A file that cannot be read raises :class:`ExtractionError` with a reason a client can act on
("ask for a copy without a password", "convert to PDF"); it never comes back as empty text.
"""

from __future__ import annotations

import logging

from docaudit.core.errors import ExtractionError
from docaudit.core.text import DocumentText, Page
from docaudit.extract.text.images import read_image
from docaudit.extract.text.limits import Limits, limit_error, tuning
from docaudit.extract.text.pdf import read_pdf
from docaudit.ingest.discover import SourceFile

__all__ = ["EXTRACTOR_VERSION", "Limits", "read_document"]

EXTRACTOR_VERSION = "1"
"""Bump whenever the same file and options would give different output: cached text keys on it."""

log = logging.getLogger(__name__)

_IMAGES = frozenset({"jpeg", "png", "tiff", "gif", "bmp", "webp"})
_UNSUPPORTED = {
    "heic": "a HEIC photo (the iPhone default)",
    "docx": "a Word document (DOCX)",
    "doc": "an old Word document (DOC) or another Office file",
    "text": "a plain-text file",
    "unknown": "not a PDF or an image docaudit recognises",
}


def read_document(
    source: SourceFile, *, ocr: bool = True, limits: Limits | None = None
) -> DocumentText:
    """The text of ``source``, each page from its text layer or, failing that, from OCR."""
    limits = limits or Limits.defaults()
    path = source.path
    if source.problem:
        raise ExtractionError(path, source.problem)
    if source.file_type == "empty":
        raise ExtractionError(path, "the file is empty (0 bytes)", kind="empty")
    if source.size > limits.max_file_bytes:
        found = f"the file is {source.size / 1024 / 1024:.3g} MiB"
        raise limit_error(path, "max_file_mb", limits, found)
    if source.file_type == "pdf":
        pages = read_pdf(path, ocr=ocr, limits=limits)
    elif source.file_type in _IMAGES:
        pages = read_image(path, ocr=ocr, limits=limits)
    else:
        what = _UNSUPPORTED.get(source.file_type, source.file_type)
        raise ExtractionError(
            path, f"unsupported file type: {what}; convert it to PDF", kind="unsupported"
        )
    _check_ocr_yield(source, pages)
    return DocumentText(pages)


def _check_ocr_yield(source: SourceFile, pages: tuple[Page, ...]) -> None:
    """Refuse a document whose OCR read next to nothing: checks on it would pass vacuously."""
    if not any(p.method == "ocr" for p in pages):
        return
    settings = tuning().ocr
    document = DocumentText(pages)
    words = sum(len(line.words) for p in pages for line in p.lines)
    confidence = document.mean_confidence
    shown = "none" if confidence is None else f"{confidence:g}"
    if words < settings.min_document_words:
        reason = (
            f"OCR produced too little text: {words} words at mean confidence {shown} "
            f"(at least {settings.min_document_words} words needed); rescan it or send the original"
        )
    elif confidence is not None and confidence < settings.min_mean_confidence:
        reason = (
            f"OCR produced too little usable text: {words} words at mean confidence {shown} "
            f"(below {settings.min_mean_confidence:g}); rescan it at 300 dpi or send the original"
        )
    else:
        return
    log.info("%s: %s", source.rel, reason)
    raise ExtractionError(source.path, reason, kind="low_text")
