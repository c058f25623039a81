"""Page crops around each piece of evidence, so the HTML report shows the words on the paper.

Called by the audit before rendering (formatters never open client files). A crop is the evidence
box plus some margin, with the box outlined; under ``--redact`` the caller passes the areas whose
text is masked and they are painted over, so the picture cannot undo the redaction.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageSequence

from docaudit.core.models import Evidence, Report
from docaudit.core.text import BBox
from docaudit.extract.text.images import image_dpi
from docaudit.report.context import evidence_key
from docaudit.report.redact import MaskedBox

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff"})
OUTLINE = (200, 0, 32)
POINTS_PER_INCH = 72.0


class _Pages:
    """Pages of one document rendered at a fixed resolution, each at most once per call."""

    def __init__(self, path: Path, dpi: float, image_dpi: float | None) -> None:
        self.path = path
        self.dpi = dpi
        self.image_dpi = image_dpi
        self._cache: dict[int, tuple[Image.Image, float]] = {}

    def page(self, number: int) -> tuple[Image.Image, float]:
        """The page image and its pixels per PDF point."""
        if number not in self._cache:
            self._cache[number] = self._load(number)
        return self._cache[number]

    def _load(self, number: int) -> tuple[Image.Image, float]:
        if self.path.suffix.lower() in IMAGE_SUFFIXES:
            return self._load_image(number)
        pdf = pdfium.PdfDocument(self.path)
        try:
            scale = self.dpi / POINTS_PER_INCH
            bitmap = pdf[number - 1].render(scale=scale)
            return bitmap.to_pil().convert("RGB"), scale
        finally:
            pdf.close()

    def _load_image(self, number: int) -> tuple[Image.Image, float]:
        """A scan's boxes are in points at the resolution extraction used for it."""
        with Image.open(self.path) as image:
            frame = next(f for i, f in enumerate(ImageSequence.Iterator(image)) if i == number - 1)
            dpi = self.image_dpi or image_dpi(frame)
            source_scale = dpi / POINTS_PER_INCH
            target_scale = self.dpi / POINTS_PER_INCH
            picture = frame.convert("RGB")
            factor = target_scale / source_scale
            if factor < 1:
                size = (
                    max(1, round(picture.width * factor)),
                    max(1, round(picture.height * factor)),
                )
                picture = picture.resize(size, Image.Resampling.LANCZOS)
                return picture, target_scale
            return picture, source_scale


def make_crops(
    report: Report,
    client_dir: Path,
    *,
    redact_boxes: Sequence[MaskedBox] = (),
    dpi: int = 110,
    pad: float = 24.0,
    image_dpi: float | None = None,
) -> dict[str, str]:
    """PNG data-URIs of every evidence box in ``report``, keyed by :func:`evidence_key`.

    ``pad`` is the margin around the box in PDF points; ``image_dpi`` overrides the resolution a
    scan states. Evidence without a page and box, or whose file cannot be rendered, gets no crop:
    the report still shows its text.
    """
    root = client_dir.resolve()
    crops: dict[str, str] = {}
    documents: dict[str, _Pages] = {}
    for evidence in _evidence(report):
        key = evidence_key(evidence)
        if key in crops or evidence.page is None or evidence.bbox is None:
            continue
        path = (root / evidence.document).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            log.debug("no crop: %s is not a file inside the client folder", evidence.document)
            continue
        pages = documents.setdefault(evidence.document, _Pages(path, dpi, image_dpi))
        masked = [
            b.bbox
            for b in redact_boxes
            if b.document == evidence.document and b.page == evidence.page
        ]
        try:
            image, scale = pages.page(evidence.page)
            crop = _crop(image, scale, evidence.bbox, pad, masked)
        except Exception as exc:  # a crop is a convenience: no file problem may stop the report
            log.debug("no crop for %s p.%s: %s", evidence.document, evidence.page, exc)
            continue
        crops[key] = _data_uri(crop)
    return crops


def _evidence(report: Report) -> Iterator[Evidence]:
    for finding in report.findings:
        yield from finding.evidence


def _crop(
    image: Image.Image, scale: float, bbox: BBox, pad: float, masked: Sequence[BBox]
) -> Image.Image:
    x0, top, x1, bottom = (v * scale for v in bbox)
    margin = pad * scale
    left = max(0, int(x0 - margin))
    upper = max(0, int(top - margin))
    right = min(image.width, int(x1 + margin + 1))
    lower = min(image.height, int(bottom + margin + 1))
    if right <= left or lower <= upper:
        raise ValueError("the evidence box lies outside the page")
    crop = image.crop((left, upper, right, lower))
    draw = ImageDraw.Draw(crop)
    for box in masked:
        mx0, mtop, mx1, mbottom = (v * scale for v in box)
        draw.rectangle(
            (mx0 - left - 2, mtop - upper - 2, mx1 - left + 2, mbottom - upper + 2), fill=(0, 0, 0)
        )
    width = max(2, round(scale * 1.5))
    draw.rectangle(
        (x0 - left - width - 1, top - upper - width - 1, x1 - left + width, bottom - upper + width),
        outline=OUTLINE,
        width=width,
    )
    return crop


def _data_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
