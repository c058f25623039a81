"""What a file is, told by its first bytes rather than its name.

Clients rename files freely (a phone photo saved as ``passport.pdf``), so the extension only
serves to flag a mismatch the user may want to fix before submitting.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

FileType = Literal[
    "pdf",
    "jpeg",
    "png",
    "tiff",
    "heic",
    "docx",
    "doc",
    "gif",
    "bmp",
    "webp",
    "text",
    "empty",
    "unknown",
]

HEAD_BYTES = 8192
"""Enough for every signature below and for judging whether a file is plain text."""

# Format knowledge, not tuning: these are the names the formats themselves register.
_EXTENSIONS: dict[str, FileType] = {
    ".pdf": "pdf",
    ".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".jfif": "jpeg",
    ".png": "png",
    ".tif": "tiff", ".tiff": "tiff",
    ".heic": "heic", ".heif": "heic",
    ".docx": "docx",
    ".doc": "doc",
    ".gif": "gif",
    ".bmp": "bmp",
    ".webp": "webp",
    ".txt": "text", ".md": "text", ".csv": "text",
}  # fmt: skip

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


def detect(path: Path) -> FileType:
    """The type of the file at ``path``, from its content."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        return "empty"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_word_zip(path) else "unknown"
    return sniff(head)


def sniff(head: bytes) -> FileType:
    """The type of a file starting with ``head``; zip containers need the whole file (detect)."""
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head[4:8] == b"ftyp" and _is_heif(head):
        return "heic"
    if head.startswith(_OLE_MAGIC):
        return "doc"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 14:
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if _is_text(head):
        return "text"
    return "unknown"


def extension_type(path: Path) -> FileType | None:
    """The type the file's name promises, or ``None`` for an extension we have no view on."""
    return _EXTENSIONS.get(path.suffix.lower())


def _is_heif(head: bytes) -> bool:
    box_size = int.from_bytes(head[0:4], "big")
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
    if brands & _HEIF_BRANDS:
        return True
    # mif1/msf1 are the generic HEIF brands; AVIF files carry them too, with "avif" beside them.
    return bool(brands & {b"mif1", b"msf1"}) and b"avif" not in brands and b"avis" not in brands


def _is_word_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is still text.
        if exc.start < len(head) - 3:
            return False
        text = head[: exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
    return printable >= 0.95 * len(text)
