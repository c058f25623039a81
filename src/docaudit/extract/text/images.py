"""Photos and scans saved as images: every frame a page, read by OCR.

Image files are where hostile input hides (a few kilobytes of PNG header can claim ten billion
pixels), so Pillow's own decompression-bomb guard is set from the limits, and its warning is
treated as the error it is here.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from docaudit.core.errors import ExtractionError
from docaudit.core.text import Page
from docaudit.extract.text.limits import Limits, limit_error, tuning
from docaudit.extract.text.ocr import OcrBudget, ocr_page


def read_image(path: Path, *, ocr: bool, limits: Limits) -> tuple[Page, ...]:
    if not ocr:
        raise ExtractionError(
            path, "an image has no text layer and OCR is off (--no-ocr)", kind="needs_ocr"
        )
    budget = OcrBudget.start(path, limits)
    pages: list[Page] = []
    with _opened(path, limits) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise limit_error(path, "max_pages", limits, f"the image has {frames} pages")
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            number = index + 1
            pixels = frame.width * frame.height
            if pixels > limits.max_image_pixels:
                raise limit_error(
                    path,
                    "max_image_megapixels",
                    limits,
                    f"page {number} has {pixels / 1e6:.0f} megapixels",
                )
            try:
                upright = ImageOps.exif_transpose(frame.convert("L"))
            except (OSError, ValueError) as exc:
                raise ExtractionError(
                    path, f"the image is damaged and cannot be read (page {number}): {exc}"
                ) from exc
            dpi = image_dpi(frame)
            size_pt = (upright.width * 72 / dpi, upright.height * 72 / dpi)
            pages.append(ocr_page(upright, number=number, size_pt=size_pt, dpi=dpi, budget=budget))
    return tuple(pages)


def image_dpi(frame: Image.Image) -> float:
    """The resolution the file states, else the assumed one; phones often state 72 and mean it."""
    stated = frame.info.get("dpi")
    if isinstance(stated, tuple) and stated and float(stated[0]) > 0:
        return float(round(float(stated[0])))  # PNG stores dots per metre: 299.9994 means 300
    return float(tuning().ocr.assumed_image_dpi)


@contextmanager
def _opened(path: Path, limits: Limits) -> Iterator[Image.Image]:
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                image = Image.open(path)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise limit_error(
                    path, "max_image_megapixels", limits, f"the image claims {_claimed(exc)}"
                ) from exc
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
                raise ExtractionError(
                    path, f"the image is damaged and cannot be read: {exc}"
                ) from exc
            with image:
                try:
                    image.load()
                except (OSError, SyntaxError, ValueError) as exc:
                    raise ExtractionError(
                        path, f"the image is damaged or truncated and cannot be read: {exc}"
                    ) from exc
                yield image
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _claimed(exc: BaseException) -> str:
    """Pillow's message carries the pixel count; keep it, the user may want to check the file."""
    text = str(exc)
    start = text.find("(")
    return text[start + 1 : text.find(" pixels")] + " pixels" if start >= 0 else "too many pixels"
