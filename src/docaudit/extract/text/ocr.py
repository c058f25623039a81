"""Tesseract behind one call: an image in, a :class:`Page` with boxes in PDF points out.

Scans arrive sideways, upside down and a few degrees off; Tesseract reads none of those well, so
the page is turned upright (Tesseract's own orientation detection) and straightened (a projection
profile search) first. Boxes are then mapped back to the page as it was scanned, because that is
the page a reviewer opens to check the evidence.
"""

from __future__ import annotations

import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytesseract
from PIL import Image, ImageOps

from docaudit.core.errors import DocauditError, ExtractionError
from docaudit.core.text import BBox, Line, Page, Word
from docaudit.extract.text.limits import Limits, OcrTuning, timeout_error, tuning

log = logging.getLogger(__name__)

Point = tuple[float, float]
_TRANSPOSE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}
"""Tesseract's "Rotate: N" means N degrees clockwise; PIL names rotations counter-clockwise."""


class OcrUnavailable(DocauditError):
    """Tesseract is not installed: a problem of the machine, not of any one document."""


@dataclass(slots=True)
class OcrBudget:
    """The time one document may still spend in Tesseract."""

    path: str
    limits: Limits
    deadline: float

    @classmethod
    def start(cls, path: Path | str, limits: Limits) -> OcrBudget:
        return cls(str(path), limits, time.monotonic() + limits.ocr_document_seconds)

    def run(self, call: Callable[[float], Any], page: int) -> Any:
        """Run ``call(timeout)`` under whichever of the page and document limits is nearer."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self._expired("ocr_document_seconds", page)
        page_limited = self.limits.ocr_page_seconds <= remaining
        timeout = self.limits.ocr_page_seconds if page_limited else remaining
        try:
            return call(timeout)
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrUnavailable(
                "Tesseract is not installed or not on PATH; install it, or run with --no-ocr"
            ) from exc
        except RuntimeError as exc:
            if isinstance(exc, pytesseract.TesseractError) or "timeout" not in str(exc).lower():
                raise
            name = "ocr_page_seconds" if page_limited else "ocr_document_seconds"
            raise self._expired(name, page) from exc

    def _expired(self, name: str, page: int) -> ExtractionError:
        return timeout_error(self.path, name, self.limits, f"OCR of page {page} ran out of time")


@dataclass(frozen=True, slots=True)
class _Turn:
    """One rotation by ``degrees`` counter-clockwise about the centre, growing the canvas to fit."""

    degrees: float
    before: tuple[int, int]
    after: tuple[int, int]

    def undo(self, point: Point) -> Point:
        theta = math.radians(self.degrees)
        dx, dy = point[0] - self.after[0] / 2, point[1] - self.after[1] / 2
        return (
            self.before[0] / 2 + dx * math.cos(theta) - dy * math.sin(theta),
            self.before[1] / 2 + dx * math.sin(theta) + dy * math.cos(theta),
        )


def ocr_page(
    image: Image.Image,
    *,
    number: int,
    size_pt: tuple[float, float],
    dpi: float,
    budget: OcrBudget,
) -> Page:
    """Read one page image whose full extent is ``size_pt`` (width, height) in points.

    Most scans are upright, and orientation detection is both a Tesseract run of its own and
    easily fooled (it has called upright passports upside down); so the page is read as scanned
    first, and only a page that reads poorly is turned as detection says and read again, the
    more confident reading kept.
    """
    # Tesseract's OpenMP threads cost more than they give: a 300-dpi page took 2.5 s with them
    # and 0.85 s without on the 2-core development machine, and batch workers already run one
    # per core. A user who set the variable keeps their choice.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    settings = tuning().ocr
    gray = image if image.mode == "L" else image.convert("L")
    in_range = settings.min_tesseract_dpi <= dpi <= settings.max_tesseract_dpi
    tess_dpi = round(dpi) if in_range else settings.assumed_image_dpi
    scale = (size_pt[0] / gray.width, size_pt[1] / gray.height)
    with tempfile.TemporaryDirectory(prefix="docaudit-ocr-") as tmp:
        work = _Work(Path(tmp), tess_dpi, settings, budget, number, scale, size_pt)
        page = work.read(gray, 0)
        if (page.mean_confidence or 0.0) < settings.upright_min_confidence:
            rotation = _orientation(gray, work)
            if rotation:
                turned = work.read(gray, rotation)
                if (turned.mean_confidence or 0.0) > (page.mean_confidence or 0.0):
                    page = turned
    log.info(
        "OCR page %d: %d words, mean confidence %s, turned %d°",
        number, sum(len(ln.words) for ln in page.lines), page.mean_confidence, page.rotation,
    )  # fmt: skip
    return page


@dataclass(frozen=True, slots=True)
class _Work:
    """What every Tesseract call for one page shares."""

    folder: Path
    dpi: int
    settings: OcrTuning
    budget: OcrBudget
    number: int
    scale: tuple[float, float]
    size_pt: tuple[float, float]

    def read(self, gray: Image.Image, rotation: int) -> Page:
        """Turn ``rotation`` degrees clockwise, straighten, OCR, and box words on ``gray``."""
        turns: list[_Turn] = []
        upright = gray
        if rotation:
            upright = gray.transpose(_TRANSPOSE[rotation])
            turns.append(_Turn(-rotation, gray.size, upright.size))
        skew = estimate_skew(upright, self.settings)
        final = upright
        if abs(skew) >= self.settings.deskew_min_degrees:
            final = upright.rotate(
                skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
            )
            turns.append(_Turn(skew, upright.size, final.size))
        log.debug("page %d: turned %d°, deskewed %.2f°", self.number, rotation, skew)
        data = self._tesseract(final, "page.pgm", f"--psm {self.settings.psm}")
        self._reread_digits(final, data)
        lines = _lines(data, list(reversed(turns)), self.scale, self.size_pt)
        return Page(self.number, self.size_pt[0], self.size_pt[1], "ocr", lines, rotation=rotation)

    def _tesseract(self, image: Image.Image, name: str, config: str) -> dict[str, list[Any]]:
        """Words of ``image`` with boxes and confidences, within the document's OCR time."""
        target = self.folder / name
        image.save(target)
        data: dict[str, list[Any]] = self.budget.run(
            lambda timeout: pytesseract.image_to_data(
                str(target),
                lang=self.settings.language,
                config=f"{config} --dpi {self.dpi}",
                output_type=pytesseract.Output.DICT,
                timeout=timeout,
            ),
            self.number,
        )
        return data

    def _reread_digits(self, image: Image.Image, data: dict[str, list[Any]]) -> None:
        """Read suspect tokens of number rows and columns again, digits only, in place."""
        rows = _rows(data)
        numbers = [i for row in rows for i in row if _is_number(data, i)]
        for row in rows:
            for i in row:
                if not self._suspect(data, i):
                    continue
                # In a row of numbers, or under numbers in a column ("Speaking  u" below
                # "Writing  8"), or level with numbers Tesseract put in another line ("3" for a
                # 9 in a block of its own, right of "7 9 9").
                others = [j for j in row if j != i]
                in_row = bool(others) and all(_is_number(data, j) for j in others)
                if not in_row and max(_aligned(data, i, numbers, axis) for axis in _AXES) < 2:
                    continue
                found = self._digits_at(image, data, i)
                if found is not None and found[1] > float(data["conf"][i]):
                    data["text"][i], data["conf"][i] = found

    def _suspect(self, data: dict[str, list[Any]], i: int) -> bool:
        """Junk where a number should be: a short token Tesseract doubts, or a number spoilt by a
        stray mark ("12," for a printed 72), or a number it is less than sure of ("12" at 57 for
        a printed 72, "5" at 34 for 7.5)."""
        text = str(data["text"][i]).strip()
        conf = float(data["conf"][i])
        if not text or len(text) > self.settings.digit_reread_max_chars:
            return False
        if _is_number(data, i):
            return conf < self.settings.number_reread_below
        return conf < self.settings.digit_reread_below or any(c.isdigit() for c in text)

    def _digits_at(
        self, image: Image.Image, data: dict[str, list[Any]], i: int
    ) -> tuple[str, float] | None:
        """The number Tesseract reads in word ``i``'s box alone (padded), if it is sure of it.
        Each page segmentation mode of ``digit_reread_psms`` is tried while the last read nothing
        at all; a reading it doubts is an answer, not a reason to ask again."""
        left, top = int(data["left"][i]), int(data["top"][i])
        width, height = int(data["width"][i]), int(data["height"][i])
        pad = max(height // 2, 4)
        cell = image.crop((left - pad, top - pad, left + width + pad, top + height + pad))
        # Alone, a glyph's JPEG halo is what Tesseract stumbles on: ink or paper, nothing between,
        # and a margin so the cell is not read as touching the edge.
        ink = _otsu(np.asarray(cell, dtype=np.uint8))
        clean = ImageOps.expand(cell.point(lambda v: 255 if v > ink else 0), border=pad, fill=255)
        for psm in self.settings.digit_reread_psms:
            config = f"--psm {psm} -c tessedit_char_whitelist=0123456789."
            read = self._tesseract(clean, "cell.pgm", config)
            words = [
                (str(t).strip(), float(c)) for t, c in zip(read["text"], read["conf"], strict=True)
            ]
            for word, conf in words:
                if _NUMBER.fullmatch(word) and conf >= self.settings.digit_accept_confidence:
                    log.debug("page %d: re-read a suspect token of numbers as digits", self.number)
                    return word, conf
            if any(word for word, _ in words):
                return None
        return None


_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


def _is_number(data: dict[str, list[Any]], i: int) -> bool:
    return _NUMBER.fullmatch(str(data["text"][i]).strip()) is not None


_AXES = (("left", "width"), ("top", "height"))
"""Words that share a horizontal extent (left, width) stand in one column; words that share a
vertical extent (top, height), in one row."""


def _aligned(data: dict[str, list[Any]], i: int, numbers: list[int], axis: tuple[str, str]) -> int:
    """How many numbers elsewhere on the page stand in word ``i``'s column (``axis`` left, width)
    or row (top, height): either's centre within the other's extent, so "8" and "10" under one
    another are one column and a small "9" beside a tall "10" one row."""
    start, size = axis

    def span(j: int) -> tuple[int, int]:
        return int(data[start][j]), int(data[start][j]) + int(data[size][j])

    def within(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return b[0] <= (a[0] + a[1]) / 2 <= b[1]

    mine = span(i)
    return sum(within(mine, span(j)) or within(span(j), mine) for j in numbers if j != i)


def _orientation(gray: Image.Image, work: _Work) -> int:
    """Degrees clockwise that make the page upright; 0 when Tesseract cannot tell.

    Sparse pages (a stamp, a signature) give Tesseract too few characters to judge; that is not
    a reason to fail the page, only to read it as it is.
    """
    factor = max(1, work.dpi // work.settings.osd_min_dpi)
    small = gray.reduce(factor) if factor > 1 else gray
    target = work.folder / "osd.pgm"
    small.save(target)
    try:
        result = work.budget.run(
            lambda timeout: pytesseract.image_to_osd(
                str(target),
                config=f"--psm 0 --dpi {work.dpi // factor}",
                output_type=pytesseract.Output.DICT,
                timeout=timeout,
            ),
            work.number,
        )
    except pytesseract.TesseractError as exc:
        log.debug("orientation of page %d not detected: %s", work.number, exc)
        return 0
    rotate = int(result.get("rotate", 0)) % 360
    confidence = float(result.get("orientation_conf", 0.0))
    if rotate not in _TRANSPOSE or confidence < work.settings.osd_min_confidence:
        return 0
    return rotate


def estimate_skew(gray: Image.Image, settings: OcrTuning) -> float:
    """Degrees counter-clockwise that make the text lines horizontal, within ± the max searched.

    Projected onto the right axis, lines of text give a histogram of sharp peaks and empty gaps;
    the angle whose projection is sharpest (largest sum of squares) is the one to undo.
    """
    factor = max(1, math.ceil(gray.width / settings.deskew_work_width))
    small = np.asarray(gray.reduce(factor) if factor > 1 else gray, dtype=np.uint8)
    ink_y, ink_x = np.nonzero(small < _otsu(small))
    if ink_x.size < 200:
        return 0.0
    ys = ink_y - small.shape[0] / 2
    xs = ink_x - small.shape[1] / 2

    def sharpness(degrees: float) -> float:
        theta = math.radians(degrees)
        rows = np.round(ys * math.cos(theta) - xs * math.sin(theta)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    limit, coarse, fine = (
        settings.deskew_max_degrees,
        settings.deskew_coarse_step,
        settings.deskew_fine_step,
    )
    best = max(np.arange(-limit, limit + coarse / 2, coarse), key=sharpness)
    refined = np.arange(best - coarse, best + coarse + fine / 2, fine)
    return round(float(max(refined, key=sharpness)), 2)


def _otsu(pixels: np.ndarray[Any, np.dtype[np.uint8]]) -> int:
    """The grey level that best splits ink from paper, whatever the scanner's exposure."""
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * np.arange(256))
    total, total_mass = weight[-1], mass[-1]
    behind = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - total * mass) ** 2 / (weight * behind)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def _lines(
    data: dict[str, list[Any]],
    undo: list[_Turn],
    scale: tuple[float, float],
    size_pt: tuple[float, float],
) -> tuple[Line, ...]:
    return tuple(
        Line(tuple(_word(data, i, undo, scale, size_pt) for i in row)) for row in _rows(data)
    )


def _rows(data: dict[str, list[Any]]) -> list[list[int]]:
    """Indices of the words Tesseract read (text, confidence >= 0), line by line."""
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, raw in enumerate(data["text"]):
        if str(raw).strip() and float(data["conf"][i]) >= 0:
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            rows.setdefault(key, []).append(i)
    return list(rows.values())


def _word(
    data: dict[str, list[Any]],
    i: int,
    undo: list[_Turn],
    scale: tuple[float, float],
    size_pt: tuple[float, float],
) -> Word:
    left, top = float(data["left"][i]), float(data["top"][i])
    right, bottom = left + float(data["width"][i]), top + float(data["height"][i])
    corners = [(left, top), (right, top), (left, bottom), (right, bottom)]
    for turn in undo:
        corners = [turn.undo(c) for c in corners]
    conf = round(float(data["conf"][i]), 1)
    return Word(str(data["text"][i]).strip(), _box(corners, scale, size_pt), conf)


def _box(corners: list[Point], scale: tuple[float, float], size_pt: tuple[float, float]) -> BBox:
    xs = [min(max(x * scale[0], 0.0), size_pt[0]) for x, _ in corners]
    ys = [min(max(y * scale[1], 0.0), size_pt[1]) for _, y in corners]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))
