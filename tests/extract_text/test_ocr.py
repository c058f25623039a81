"""Scans read by the real Tesseract: upright, turned, skewed, mixed with text pages, multi-page."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from textdocs import LINES, SMALL, WORDS, draw_image_pdf, scan_of

from docaudit.core.errors import ExtractionError
from docaudit.core.text import BBox, DocumentText, Page
from docaudit.extract.text import Limits, read_document
from docaudit.extract.text.limits import tuning
from docaudit.extract.text.ocr import estimate_skew
from docaudit.ingest.discover import SourceFile

pytestmark = [pytest.mark.ocr, pytest.mark.usefixtures("tesseract")]

Source = Callable[[Path], SourceFile]


def _words(page: Page) -> dict[str, BBox]:
    return {w.text: w.bbox for line in page.lines for w in line.words}


def _recall(page: Page) -> float:
    return len(WORDS & set(_words(page))) / len(WORDS)


def _upright_box(word: str) -> BBox:
    """Roughly where the word sits on the upright page: line's x, baseline less the cap height."""
    for x, baseline, text in LINES:
        if word in text.split():
            return (x, baseline - 12, SMALL[0], baseline + 4)
    raise KeyError(word)


def test_scanned_pdf_page_is_ocred_with_boxes_in_points(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_image_pdf(tmp_path / "scan.pdf", [scan_of(tmp_path)])
    (page,) = read_document(source_of(pdf)).pages
    assert (page.method, page.width, page.height, page.rotation) == ("ocr", *SMALL, 0)
    assert _recall(page) >= 0.9
    assert page.mean_confidence is not None and page.mean_confidence > 80
    box = _words(page)["Employment"]
    assert box[0] == pytest.approx(LINES[0][0], abs=3)
    assert box[1] == pytest.approx(LINES[0][1] - 11.5, abs=3)  # cap height of 16 pt Helvetica
    assert box[3] == pytest.approx(LINES[0][1] + 3.4, abs=2)  # "p" and "y" descend below it
    assert [line.text for line in page.lines][:1] == [LINES[0][2]]


@pytest.mark.parametrize("turned", [90, 180])
def test_turned_scan_is_read_upright_and_boxed_on_the_page_as_scanned(
    tmp_path: Path, source_of: Source, turned: int
) -> None:
    image = scan_of(tmp_path).rotate(turned, expand=True)
    image.save(tmp_path / "turned.png", dpi=(300, 300))
    (page,) = read_document(source_of(tmp_path / "turned.png")).pages
    # PIL turned it counter-clockwise; as many degrees clockwise make it upright again.
    assert page.rotation == turned
    assert (page.width, page.height) == pytest.approx(
        (image.width * 72 / 300, image.height * 72 / 300)
    )
    assert [line.text for line in page.lines] == [text for _, _, text in LINES]
    x0, top, x1, bottom = _words(page)["Employment"]
    ux0, utop, _, ubottom = _upright_box("Employment")
    if turned == 180:
        # Upside down, the word's left edge lands near the right edge of the page, and so on.
        assert x1 == pytest.approx(SMALL[0] - ux0, abs=3)
        assert top == pytest.approx(SMALL[1] - ubottom, abs=4)
    else:
        # Turned a quarter counter-clockwise, the upright top edge becomes the left edge.
        assert x0 == pytest.approx(utop, abs=4)
        assert bottom == pytest.approx(SMALL[0] - ux0, abs=3)
        assert bottom - top > x1 - x0  # the word now runs up the page


def test_slightly_skewed_scan_is_straightened(tmp_path: Path, source_of: Source) -> None:
    skewed = scan_of(tmp_path).rotate(
        -3, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC
    )
    assert estimate_skew(skewed, tuning().ocr) == pytest.approx(3.0, abs=0.25)
    skewed.save(tmp_path / "skewed.png", dpi=(300, 300))
    (page,) = read_document(source_of(tmp_path / "skewed.png")).pages
    assert _recall(page) >= 0.9
    assert len(page.lines) == len(LINES)
    # Boxes are on the skewed page: a word sits inside the page and lower at its right end.
    x0, top, x1, bottom = _words(page)["Example"]
    assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_mixed_pdf_uses_the_text_layer_then_ocr(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_image_pdf(tmp_path / "mixed.pdf", [LINES, scan_of(tmp_path)])
    doc = read_document(source_of(pdf))
    assert [p.method for p in doc.pages] == ["text", "ocr"]
    assert doc.pages[0].text == doc.pages[1].text or _recall(doc.pages[1]) >= 0.9
    assert doc.pages[0].mean_confidence is None
    assert doc.ocr


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path: Path, source_of: Source) -> None:
    first = scan_of(tmp_path, dpi=200)
    second = scan_of(tmp_path, [(24.0, 60.0, "Second Page Canada Toronto Ontario")], dpi=200)
    path = tmp_path / "scan.tiff"
    first.save(path, save_all=True, append_images=[second], dpi=(200, 200), compression="tiff_lzw")
    doc = read_document(source_of(path))
    assert [p.number for p in doc.pages] == [1, 2]
    assert all(p.method == "ocr" for p in doc.pages)
    assert doc.pages[0].width == pytest.approx(SMALL[0], abs=1)
    assert "Second Page" in doc.pages[1].text
    assert DocumentText.from_json(doc.to_json()) == doc


def test_blank_scan_is_too_little_text_with_count_and_confidence(
    tmp_path: Path, source_of: Source
) -> None:
    Image.new("L", (900, 600), 255).save(tmp_path / "blank.png", dpi=(300, 300))
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(tmp_path / "blank.png"))
    assert err.value.kind == "low_text"
    assert "too little text: 0 words at mean confidence none" in err.value.reason


def test_ocr_page_time_limit_names_its_flag(tmp_path: Path, source_of: Source) -> None:
    scan_of(tmp_path).save(tmp_path / "scan.png", dpi=(300, 300))
    limits = dataclasses.replace(Limits.defaults(), ocr_page_seconds=0.01)
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(tmp_path / "scan.png"), limits=limits)
    assert err.value.kind == "limit"
    assert "--ocr-page-timeout" in err.value.reason
