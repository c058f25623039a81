"""Crops from real files: a reportlab PDF (boxes read back by pdfplumber) and a PNG scan."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docaudit.core.models import Evidence, Report
from docaudit.report import evidence_key
from docaudit.report.crops import OUTLINE, make_crops
from docaudit.report.redact import MaskedBox

LINE = "Passport No. AB1234567"


def _pdf(path: Path) -> tuple[float, float, float, float]:
    """A one-page letter with one line of text; returns the line's box as pdfplumber reads it."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica", 14)
    pdf.drawString(100, 600, "Embassy of Testland")
    pdf.drawString(100, 500, LINE)
    pdf.save()
    with pdfplumber.open(path) as doc:
        words = [w for w in doc.pages[0].extract_words() if w["top"] > 250]
    return (
        round(min(w["x0"] for w in words), 1),
        round(min(w["top"] for w in words), 1),
        round(max(w["x1"] for w in words), 1),
        round(max(w["bottom"] for w in words), 1),
    )


def _report(report: Report, *evidence: Evidence) -> Report:
    finding = report.findings[0].model_copy(update={"evidence": evidence})
    return report.model_copy(update={"findings": (finding,)})


def _png(uri: str) -> Image.Image:
    assert uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert image.format == "PNG"
    return image.convert("RGB")


def _outline_pixels(image: Image.Image) -> int:
    return int(np.all(np.asarray(image) == OUTLINE, axis=-1).sum())


def test_pdf_crop_outlines_the_box(tmp_path: Path, report: Report) -> None:
    bbox = _pdf(tmp_path / "passport.pdf")
    evidence = Evidence(document="passport.pdf", page=1, bbox=bbox, text=LINE)
    crops = make_crops(_report(report, evidence), tmp_path, dpi=110)
    image = _png(crops[evidence_key(evidence)])
    scale = 110 / 72
    assert abs(image.width - (bbox[2] - bbox[0] + 48) * scale) < 4
    assert abs(image.height - (bbox[3] - bbox[1] + 48) * scale) < 4
    width, height = image.size
    assert _outline_pixels(image) > (width + height)  # the rectangle's four sides
    inside = image.crop((width // 2 - 40, height // 2 - 4, width // 2 + 40, height // 2 + 4))
    assert (np.asarray(inside).sum(axis=-1) < 200).any(), "the text itself is in the crop"


def test_redacted_evidence_is_painted_over(tmp_path: Path, report: Report) -> None:
    bbox = _pdf(tmp_path / "passport.pdf")
    evidence = Evidence(document="passport.pdf", page=1, bbox=bbox, text=LINE)
    crops = make_crops(
        _report(report, evidence), tmp_path, redact_boxes=[MaskedBox("passport.pdf", 1, bbox)]
    )
    image = _png(crops[evidence_key(evidence)])
    width, height = image.size
    inside = image.crop((width // 2 - 40, height // 2 - 4, width // 2 + 40, height // 2 + 4))
    assert not np.asarray(inside).any()


def test_scan_image_crop_uses_its_stated_resolution(tmp_path: Path, report: Report) -> None:
    image = Image.new("RGB", (1700, 2200), "white")  # letter at 200 dpi
    ImageDraw.Draw(image).rectangle((400, 600, 900, 650), fill=(20, 20, 20))
    image.save(tmp_path / "scan.png", dpi=(200, 200))
    box = (400 * 72 / 200, 600 * 72 / 200, 900 * 72 / 200, 650 * 72 / 200)
    evidence = Evidence(document="scan.png", page=1, bbox=box, text="x", method="ocr")
    crop = _png(make_crops(_report(report, evidence), tmp_path)[evidence_key(evidence)])
    assert abs(crop.width - (box[2] - box[0] + 48) * 110 / 72) < 4
    assert _outline_pixels(crop) > 0


@pytest.mark.parametrize(
    "evidence",
    [
        Evidence(document="missing.pdf", page=1, bbox=(1.0, 1.0, 2.0, 2.0)),
        Evidence(document="../outside.pdf", page=1, bbox=(1.0, 1.0, 2.0, 2.0)),
        Evidence(document="passport.pdf", page=None, bbox=None, text="no place"),
        Evidence(document="passport.pdf", page=9, bbox=(1.0, 1.0, 2.0, 2.0)),
    ],
)
def test_no_crop_when_it_cannot_be_made(tmp_path: Path, report: Report, evidence: Evidence) -> None:
    client = tmp_path / "client"
    client.mkdir()
    _pdf(client / "passport.pdf")
    (tmp_path / "outside.pdf").write_bytes((client / "passport.pdf").read_bytes())
    assert make_crops(_report(report, evidence), client) == {}
