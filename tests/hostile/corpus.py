"""A corpus of hostile and broken input, generated on the spot: nothing big is committed.

Each :class:`BadDocument` writes one file into a client folder and says what the user must see
about it; each :class:`BadProfile` writes a profile that must stop the audit with exit code 2
and a message naming the file. The tests and ``benchmarks/hostile_table.py`` share this list.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

PROFILE = """\
schema: docaudit/profile/v1
client_id: HOSTILE-0001
programs: [FSW]
applicant:
  family_name: QUILLFEATHER-TEST
  given_names: Ottoline Test
  date_of_birth: 1990-04-05
  citizenship: NZL
  marital_status: single
"""

SECRET_LINE = "Reference ZQX-4471-PLOVER issued to Ottoline Quillfeather-Test"
"""Text that appears only in generated documents: finding it in a log or cache is a leak."""

LETTER = [
    "EMPLOYMENT REFERENCE LETTER",
    "To whom it may concern",
    SECRET_LINE,
    "Ottoline Quillfeather-Test worked as a structural engineer",
    "from 2 March 2019 to 30 June 2024, 40 hours per week.",
    "Annual salary NZD 98,000. Signed, Harold Wisp, Director.",
]


def text_pdf(
    lines: list[str] = LETTER,
    *,
    pages: int = 1,
    encrypt: pdfencrypt.StandardEncryption | None = None,
    page_size: tuple[float, float] = (595.0, 842.0),
) -> bytes:
    """A real PDF with a text layer, made by reportlab."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=page_size, encrypt=encrypt, invariant=1)
    for number in range(1, pages + 1):
        y = page_size[1] - 72
        for line in [*lines, f"Page {number} of {pages}"]:
            pdf.drawString(72, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from hand-written objects (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _content(text: str) -> bytes:
    stream = b"BT /F1 12 Tf 72 700 Td (%s) Tj ET" % text.encode("latin-1")
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)


def _page(extra: bytes = b"", media_box: bytes = b"[0 0 595 842]") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R"
        b" /Resources << /Font << /F1 3 0 R >> >> " + extra + b" >>"
    )


def _catalog_pages(kids: bytes = b"[5 0 R]", count: int = 1) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count %d >>" % count,
        _FONT,
    ]


# --- PDFs -------------------------------------------------------------------------------------


def truncated_pdf() -> bytes:
    whole = text_pdf()
    return whole[: len(whole) // 2]


def corrupt_pdf() -> bytes:
    noise = random.Random(8).randbytes(4000)
    return b"%PDF-1.7\n" + noise + b"\n%%EOF\n"


def broken_xref_pdf() -> bytes:
    """Every xref offset wrong and startxref pointing into the middle of an object."""
    good = raw_pdf([*_catalog_pages(), _content(SECRET_LINE), _page()])
    head, _, _ = good.partition(b"xref\n")
    table = b"xref\n0 6\n0000000000 65535 f \n" + b"0000000001 00000 n \n" * 5
    return head + table + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n17\n%%EOF\n"


def deeply_nested_pdf() -> bytes:
    depth = 50_000
    nested = b"[" * depth + b"]" * depth + b" /Deep " + b"<< /A " * 2000 + b"1 " + b">>" * 2000
    return raw_pdf([*_catalog_pages(), _content("Nested"), _page(b"/Nest " + nested)])


def cyclic_pages_pdf() -> bytes:
    """The page tree lists itself among its kids; the page's parent is the tree."""
    return raw_pdf(
        [*_catalog_pages(kids=b"[2 0 R 5 0 R 2 0 R]", count=3), _content("Cycle"), _page()]
    )


def cyclic_refs_pdf() -> bytes:
    """The media box is a reference to a reference to the first: resolving it never ends."""
    return raw_pdf(
        [*_catalog_pages(), _content("Loop"), _page(media_box=b"6 0 R"), b"7 0 R", b"6 0 R"]
    )


def info_loop_pdf() -> bytes:
    """The document info is such a loop: pdfminer hung while merely opening the file."""
    loop = raw_pdf([*_catalog_pages(), _content("Loop"), _page(), b"7 0 R", b"6 0 R"])
    return loop.replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 6 0 R")


def huge_page_pdf() -> bytes:
    """A page 200 inches square with no text: rendering it for OCR would take 3.6 gigapixels."""
    stream = b"0 0 m 14400 14400 l S"
    content = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    return raw_pdf([*_catalog_pages(), content, _page(media_box=b"[0 0 14400 14400]")])


def password_pdf() -> bytes:
    return text_pdf(encrypt=pdfencrypt.StandardEncryption("s3cret", "owner", strength=128))


def empty_password_pdf() -> bytes:
    return text_pdf(encrypt=pdfencrypt.StandardEncryption("", "owner", strength=128))


def many_pages_pdf(pages: int = 500) -> bytes:
    return text_pdf(["Statement of account, continued"], pages=pages)


# --- Images -----------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG whose header claims ``width`` x ``height`` grey pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", idat)
        + _chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    sof = b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9"


def tiff_claiming(width: int, height: int) -> bytes:
    tags = [
        (256, 4, 1, width),  # ImageWidth, LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height & 0xFFFFFFFF),  # StripByteCounts
    ]
    ifd = struct.pack("<H", len(tags))
    for tag, kind, count, value in tags:
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd


def gif_claiming(width: int, height: int) -> bytes:
    return (
        b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00"
        b"\x2c\x00\x00\x00\x00" + struct.pack("<HH", width, height) + b"\x00\x02\x02\x44\x01\x00;"
    )


def bmp_claiming(width: int, height: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 8, 0, 0, 2835, 2835, 0, 0)
    return (
        b"BM" + struct.pack("<IHHI", 14 + len(info) + 16, 0, 0, 14 + len(info)) + info + bytes(16)
    )


def page_image(lines: list[str] = LETTER, dpi: int = 200) -> Image.Image:
    """A page of real text rendered as a scan would be: the text PDF through pdfium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(text_pdf(lines, page_size=(595.0, 300.0)))
    try:
        return document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def jpeg_bytes(image: Image.Image, dpi: int = 200) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, dpi=(dpi, dpi))
    return out.getvalue()


def multipage_tiff(frames: int = 2, dpi: int = 200) -> bytes:
    pages = [page_image([*LETTER[:3], f"Frame {n} of {frames}"], dpi) for n in range(1, frames + 1)]
    out = io.BytesIO()
    pages[0].save(
        out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(dpi, dpi)
    )
    return out.getvalue()


# --- The corpus -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadDocument:
    kind: str
    """What the input is, as the benchmark table shows it."""
    rel: str
    """Where it goes in the client folder."""
    build: Callable[[Path], None]
    """Writes the file at the given path (the folder exists)."""
    expect: str | None
    """A DOC001 message must contain this; ``None``: the file must be read (no DOC001)."""
    ocr: bool = False
    """Needs real OCR to reach its verdict."""


def _bytes(make: Callable[[], bytes]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(make())

    return write


def _outside_link(path: Path) -> None:
    outside = path.parents[2] / "elsewhere" / "other_client_passport.pdf"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_bytes(text_pdf(["Another client's passport"]))
    path.symlink_to(outside)


def _outside_dir_link(path: Path) -> None:
    outside = path.parents[2] / "elsewhere_dir"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "statement.pdf").write_bytes(text_pdf(["Another client's statement"]))
    path.symlink_to(outside, target_is_directory=True)


def _loop_link(path: Path) -> None:
    path.symlink_to(path.name)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _jpeg_named_pdf(path: Path) -> None:
    path.write_bytes(jpeg_bytes(page_image()))


def _tiff(path: Path) -> None:
    path.write_bytes(multipage_tiff())


DAMAGED = "the PDF is damaged and cannot be read"
OVER_PIXELS = "over the limit of 150 (pixels in one image or one rendered PDF page, in millions)"

DOCUMENTS: list[BadDocument] = [
    BadDocument("zero-byte file", "documents/empty.pdf", _bytes(lambda: b""), "the file is empty"),
    BadDocument(
        "1-byte file", "documents/one_byte.pdf", _bytes(lambda: b"%"), "unsupported file type"
    ),
    BadDocument(
        "truncated PDF", "documents/truncated.pdf", _bytes(truncated_pdf), "the PDF is truncated"
    ),
    BadDocument("corrupt PDF (noise)", "documents/corrupt.pdf", _bytes(corrupt_pdf), DAMAGED),
    BadDocument("PDF with broken xref", "documents/broken_xref.pdf", _bytes(broken_xref_pdf), None),
    BadDocument(
        "deeply nested PDF objects", "documents/nested.pdf", _bytes(deeply_nested_pdf), None
    ),
    BadDocument("cyclic page tree", "documents/cyclic_pages.pdf", _bytes(cyclic_pages_pdf), None),
    BadDocument(
        "cyclic object references", "documents/cyclic_refs.pdf", _bytes(cyclic_refs_pdf), DAMAGED
    ),
    BadDocument(
        "cyclic document info", "documents/cyclic_info.pdf", _bytes(info_loop_pdf), DAMAGED
    ),
    BadDocument(
        "PDF page of 3.6 gigapixels", "documents/huge_page.pdf", _bytes(huge_page_pdf), OVER_PIXELS
    ),
    BadDocument(
        "encrypted PDF (user password)",
        "documents/locked.pdf",
        _bytes(password_pdf),
        "the PDF is password-protected",
    ),
    BadDocument(
        "encrypted PDF (empty user password)",
        "documents/empty_password.pdf",
        _bytes(empty_password_pdf),
        None,
    ),
    BadDocument(
        "500-page PDF",
        "documents/statement_500_pages.pdf",
        _bytes(many_pages_pdf),
        "the PDF has 500 pages, over the limit of 200",
    ),
    BadDocument(
        "PNG claiming 100000x100000",
        "documents/bomb.png",
        _bytes(lambda: png_claiming(100_000, 100_000)),
        "10000000000 pixels",
    ),
    BadDocument(
        "PNG claiming 200 MP (over limit, under Pillow's 2x)",
        "documents/big.png",
        _bytes(lambda: png_claiming(20_000, 10_000)),
        OVER_PIXELS,
    ),
    BadDocument(
        "JPEG claiming 65000x65000",
        "documents/bomb.jpg",
        _bytes(lambda: jpeg_claiming(65_000, 65_000)),
        OVER_PIXELS,
    ),
    BadDocument(
        "TIFF claiming 100000x100000",
        "documents/bomb.tif",
        _bytes(lambda: tiff_claiming(100_000, 100_000)),
        OVER_PIXELS,
    ),
    BadDocument(
        "GIF claiming 65535x65535",
        "documents/bomb.gif",
        _bytes(lambda: gif_claiming(65_535, 65_535)),
        OVER_PIXELS,
    ),
    BadDocument(
        "BMP claiming 100000x100000",
        "documents/bomb.bmp",
        _bytes(lambda: bmp_claiming(100_000, 100_000)),
        OVER_PIXELS,
    ),
    BadDocument(
        "symlink to a file outside the folder",
        "documents/linked_passport.pdf",
        _outside_link,
        "symbolic link to a file outside the client folder",
    ),
    BadDocument(
        "symlink to a folder outside",
        "documents/linked_folder",
        _outside_dir_link,
        "symbolic link to a folder outside the client folder",
    ),
    BadDocument(
        "symlink loop", "documents/loop.pdf", _loop_link, "symbolic link that leads nowhere"
    ),
    BadDocument("named pipe", "documents/pipe.pdf", _fifo, "not a regular file"),
    BadDocument("JPEG named .pdf", "documents/scan_named.pdf", _jpeg_named_pdf, None, ocr=True),
    BadDocument("multi-page TIFF", "documents/scan_2_pages.tif", _tiff, None, ocr=True),
]


@dataclass(frozen=True)
class BadProfile:
    kind: str
    content: bytes
    expect: str
    """stderr must contain this, after the file's name."""
    name: str = "profile.yaml"


def _alias_bomb(levels: int, width: int) -> bytes:
    lines = ["a0: &a0 [x]"]
    for level in range(1, levels + 1):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return (PROFILE + "\n".join(f"x_{line}" for line in lines) + "\n").encode()


def _wrong_types() -> bytes:
    return b"""\
schema: 1
client_id: [not, a, string]
programs: FSW
as_of: yesterday
applicant:
  family_name: {first: no}
  given_names: 42
  date_of_birth: 31/31/1990
  citizenship: true
  marital_status: 7
  language_tests: "IELTS 8.0"
education: {degree: phd}
work_history: 12
funds: [1, 2, 3]
"""


PROFILES: list[BadProfile] = [
    BadProfile(
        "non-UTF-8 profile (Latin-1)",
        PROFILE.replace("Ottoline", "Ott\xf6line").encode("latin-1"),
        "not UTF-8 text",
    ),
    BadProfile("UTF-16 profile", PROFILE.encode("utf-16"), "not UTF-8 text"),
    BadProfile("YAML alias bomb (9 levels x 9)", _alias_bomb(9, 9), "aliases"),
    BadProfile("YAML alias bomb (6 levels x 15)", _alias_bomb(6, 15), "aliases"),
    BadProfile(
        "deeply nested YAML",
        (PROFILE + "extra: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        "nested",
    ),
    BadProfile(
        "YAML nested 100 levels",
        (PROFILE + "extra: " + "[" * 100 + "]" * 100 + "\n").encode(),
        "nested too deeply (more than 64 levels)",
    ),
    BadProfile(
        "YAML with 150 aliases",
        (PROFILE + "a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n").encode(),
        "more than 100 aliases",
    ),
    BadProfile(
        "deeply nested JSON",
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
        "nested",
        "profile.json",
    ),
    BadProfile("profile with wrong types everywhere", _wrong_types(), "client_id"),
    BadProfile("profile that is a list", b"- a\n- b\n", "expected a mapping"),
    BadProfile("profile of 6 MB", PROFILE.encode() + b"#" * 6_000_000, "larger than"),
]
