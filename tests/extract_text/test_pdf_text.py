"""Text-layer PDFs and every way a file can refuse to be read, without running Tesseract."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from textdocs import FONT, LINES, SMALL, draw_image_pdf, draw_text_pdf, scan_of

from docaudit.core.errors import ExtractionError
from docaudit.core.text import DocumentText
from docaudit.extract.text import Limits, read_document
from docaudit.ingest.discover import SourceFile

Source = Callable[[Path], SourceFile]


def test_text_pdf_words_have_the_boxes_reportlab_drew(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_text_pdf(tmp_path / "letter.pdf", [LINES])
    doc = read_document(source_of(pdf), ocr=False)
    (page,) = doc.pages
    assert (page.method, page.width, page.height) == ("text", *SMALL)
    assert [line.text for line in page.lines] == [text for _, _, text in LINES]
    for line, (x, baseline, text) in zip(page.lines, LINES, strict=True):
        first = line.words[0]
        assert first.conf is None
        assert first.text == text.split()[0]
        assert first.bbox[0] == pytest.approx(x, abs=0.5)
        assert first.bbox[2] == pytest.approx(x + stringWidth(first.text, *FONT), abs=0.5)
        # The box spans the font's ascent above and descent below the baseline.
        assert first.bbox[1] < baseline < first.bbox[3]
        assert first.bbox[3] - first.bbox[1] == pytest.approx(FONT[1], rel=0.2)


def test_words_on_one_line_are_ordered_left_to_right_even_if_drawn_right_to_left(
    tmp_path: Path, source_of: Source
) -> None:
    drawn = [(200.0, 50.0, "Ontario"), (24.0, 50.5, "Toronto"), (24.0, 90.0, "Canada")]
    pdf = draw_text_pdf(tmp_path / "order.pdf", [drawn + list(LINES[2:])])
    (page,) = read_document(source_of(pdf)).pages
    assert page.lines[0].text == "Toronto Ontario"
    assert page.lines[1].text == "Canada"


def test_text_survives_the_json_round_trip(tmp_path: Path, source_of: Source) -> None:
    doc = read_document(source_of(draw_text_pdf(tmp_path / "a.pdf", [LINES, LINES[:1]])))
    assert [p.number for p in doc.pages] == [1, 2]
    assert DocumentText.from_json(doc.to_json()) == doc


def _encrypted(path: Path, user: str) -> Path:
    c = canvas.Canvas(str(path), pagesize=SMALL, encrypt=pdfencrypt.StandardEncryption(user, "own"))
    c.setFont(*FONT)
    c.drawString(24, 100, "Confidential")
    c.save()
    return path


def test_pdf_encrypted_with_an_empty_user_password_is_read(
    tmp_path: Path, source_of: Source
) -> None:
    path = _encrypted(tmp_path / "restricted.pdf", user="")
    assert b"/Encrypt" in path.read_bytes()
    doc = read_document(source_of(path), ocr=False)
    assert doc.pages[0].text == "Confidential"


def test_password_protected_pdf_is_refused_with_a_reason(tmp_path: Path, source_of: Source) -> None:
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(_encrypted(tmp_path / "locked.pdf", "s3cret")))
    assert err.value.kind == "password"
    assert "password-protected" in err.value.reason
    assert err.value.path.endswith("locked.pdf")


def test_corrupt_pdf(tmp_path: Path, source_of: Source) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(path))
    assert (err.value.kind, err.value.reason.startswith("the PDF is damaged")) == (
        "unreadable",
        True,
    )


def test_truncated_pdf(tmp_path: Path, source_of: Source) -> None:
    whole = draw_text_pdf(tmp_path / "whole.pdf", [LINES]).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(ExtractionError, match="truncated"):
        read_document(source_of(cut))


def test_zero_byte_file(tmp_path: Path, source_of: Source) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    source = source_of(tmp_path / "empty.pdf")
    assert source.file_type == "empty"
    with pytest.raises(ExtractionError) as err:
        read_document(source)
    assert err.value.kind == "empty"
    assert "0 bytes" in err.value.reason


def test_heic_and_docx_are_unsupported_and_say_convert_to_pdf(
    tmp_path: Path, source_of: Source
) -> None:
    heic = tmp_path / "passport.heic"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    docx = tmp_path / "letter.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    for path, named in ((heic, "HEIC"), (docx, "DOCX")):
        with pytest.raises(ExtractionError) as err:
            read_document(source_of(path))
        assert err.value.kind == "unsupported"
        assert named in err.value.reason
        assert "convert it to PDF" in err.value.reason


def test_too_many_pages_names_the_limit_and_its_flag(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_text_pdf(tmp_path / "long.pdf", [LINES] * 4)
    limits = dataclasses.replace(Limits.defaults(), max_pages=3)
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(pdf), limits=limits)
    assert err.value.kind == "limit"
    assert "4 pages" in err.value.reason
    assert "limit of 3" in err.value.reason
    assert "--max-pages" in err.value.reason
    assert len(read_document(source_of(pdf), limits=Limits.defaults()).pages) == 4


def test_file_size_limit(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_text_pdf(tmp_path / "a.pdf", [LINES])
    limits = dataclasses.replace(Limits.defaults(), max_file_mb=0.0001)
    with pytest.raises(ExtractionError, match="--max-file-mb") as err:
        read_document(source_of(pdf), limits=limits)
    assert err.value.kind == "limit"


def test_image_only_pdf_without_ocr_needs_ocr(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_image_pdf(tmp_path / "scan.pdf", [scan_of(tmp_path, dpi=100)])
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(pdf), ocr=False)
    assert err.value.kind == "needs_ocr"
    assert "--no-ocr" in err.value.reason


def test_image_file_without_ocr_needs_ocr(tmp_path: Path, source_of: Source) -> None:
    scan_of(tmp_path, dpi=100).save(tmp_path / "scan.png")
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(tmp_path / "scan.png"), ocr=False)
    assert err.value.kind == "needs_ocr"


def test_blank_page_is_an_empty_text_page_not_a_scan(tmp_path: Path, source_of: Source) -> None:
    pdf = draw_text_pdf(tmp_path / "two.pdf", [LINES, []])
    doc = read_document(source_of(pdf), ocr=False)
    assert [(p.method, len(p.lines)) for p in doc.pages] == [("text", 3), ("text", 0)]


def test_decompression_bomb_header_is_refused_before_any_pixel_is_decoded(
    tmp_path: Path, source_of: Source
) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    )
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png + chunk(b"IEND", b""))
    with pytest.raises(ExtractionError) as err:
        read_document(source_of(bomb))
    assert err.value.kind == "limit"
    assert "10000000000 pixels" in err.value.reason
    assert "--max-image-megapixels" in err.value.reason
