"""Discovery: what counts as a document, in what order, and what is never read."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from docaudit.ingest.discover import BROKEN_LINK, OUTSIDE_DIR_LINK, OUTSIDE_LINK, discover
from docaudit.ingest.filetype import detect


def _pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Invented Person")
    c.save()
    return path


@pytest.fixture
def client(tmp_path: Path) -> Path:
    root = tmp_path / "client"
    _pdf(root / "work" / "letter.pdf")
    _pdf(root / "identity" / "passport.pdf")
    _pdf(root / "a.pdf")
    for name in ("profile.yaml", "manifest.yml", "docaudit.yaml", "profile.ita.json"):
        (root / name).write_text("x: 1\n")
    (root / "work" / "profile.yaml").write_text("not a control file here\n")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    _pdf(root / ".git" / "hidden.pdf")
    _pdf(root / "work" / ".~lock.pdf")
    return root


def test_sorted_documents_without_control_files_or_dotfiles(client: Path) -> None:
    found = discover(client)
    assert [s.rel for s in found] == [
        "a.pdf",
        "identity/passport.pdf",
        "work/letter.pdf",
        "work/profile.yaml",
    ]
    letter = found[2]
    assert letter.path == client / "work" / "letter.pdf"
    assert letter.path.is_absolute()
    assert letter.size == letter.path.stat().st_size
    assert letter.sha256 == hashlib.sha256(letter.path.read_bytes()).hexdigest()
    assert (letter.file_type, letter.extension_mismatch, letter.problem) == ("pdf", False, None)
    assert found[3].file_type == "text"


def test_order_is_stable_whatever_the_creation_order(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for root, names in ((one, ["b.pdf", "a/z.pdf", "a.pdf"]), (two, ["a.pdf", "a/z.pdf", "b.pdf"])):
        for name in names:
            _pdf(root / name)
    assert [s.rel for s in discover(one)] == [s.rel for s in discover(two)]


def test_symlink_outside_the_folder_is_recorded_not_read(client: Path, tmp_path: Path) -> None:
    secret = _pdf(tmp_path / "other-client" / "passport.pdf")
    (client / "borrowed.pdf").symlink_to(secret)
    (client / "other").symlink_to(secret.parent, target_is_directory=True)
    found = {s.rel: s for s in discover(client)}
    assert found["borrowed.pdf"].problem == OUTSIDE_LINK
    assert found["borrowed.pdf"].sha256 == ""
    assert found["other"].problem == OUTSIDE_DIR_LINK
    assert not any(rel.startswith("other/") for rel in found)


def test_symlink_inside_the_folder_is_read(client: Path) -> None:
    (client / "copy.pdf").symlink_to(client / "a.pdf")
    found = {s.rel: s for s in discover(client)}
    assert found["copy.pdf"].problem is None
    assert found["copy.pdf"].sha256 == found["a.pdf"].sha256


def test_symlink_cycles_terminate(client: Path) -> None:
    (client / "work" / "loop").symlink_to(client, target_is_directory=True)
    (client / "self").symlink_to(client / "self")
    (client / "ping").symlink_to(client / "pong")
    (client / "pong").symlink_to(client / "ping")
    found = {s.rel: s for s in discover(client)}
    assert found["self"].problem == BROKEN_LINK
    assert found["ping"].problem == BROKEN_LINK
    assert "work/loop" not in found
    assert len([rel for rel in found if rel.endswith("letter.pdf")]) == 1


def test_a_pipe_is_not_opened(client: Path) -> None:
    os.mkfifo(client / "fifo.pdf")
    found = {s.rel: s for s in discover(client)}
    assert found["fifo.pdf"].problem is not None
    assert "not a regular file" in found["fifo.pdf"].problem


def test_jpeg_named_pdf_is_typed_by_its_bytes(tmp_path: Path) -> None:
    Image.new("RGB", (20, 20), "white").save(tmp_path / "passport.pdf", format="JPEG")
    Image.new("RGB", (20, 20), "white").save(tmp_path / "photo.jpg", format="JPEG")
    found = {s.rel: s for s in discover(tmp_path)}
    assert (found["passport.pdf"].file_type, found["passport.pdf"].extension_mismatch) == (
        "jpeg",
        True,
    )
    assert (found["photo.jpg"].file_type, found["photo.jpg"].extension_mismatch) == ("jpeg", False)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.png", None, "png"),
        ("x.tiff", None, "tiff"),
        ("x.gif", None, "gif"),
        ("x.bmp", None, "bmp"),
        ("x.webp", None, "webp"),
        ("x.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "heic"),
        ("x.heic", b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avifmiaf", "unknown"),
        ("x.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100, "doc"),
        ("x.pdf", b"\xef\xbb\xbf junk before %PDF-1.4\n", "pdf"),
        ("x.txt", "Nom : Émilie Exemple\n".encode(), "text"),
        ("x.bin", bytes(range(256)) * 4, "unknown"),
        ("x.pdf", b"", "empty"),
    ],
)
def test_magic_bytes(tmp_path: Path, name: str, content: bytes | None, expected: str) -> None:
    path = tmp_path / name
    if content is None:
        fmt = {"x.tiff": "TIFF"}.get(name)
        Image.new("RGB", (8, 8), "white").save(path, format=fmt)
    else:
        path.write_bytes(content)
    assert detect(path) == expected


def test_docx_is_a_zip_with_word_inside_and_other_zips_are_not(tmp_path: Path) -> None:
    docx, other = tmp_path / "letter.docx", tmp_path / "sheet.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert detect(docx) == "docx"
    assert detect(other) == "unknown"
    assert {s.rel: s.extension_mismatch for s in discover(tmp_path)} == {
        "letter.docx": False,
        "sheet.docx": True,
    }


def test_unreadable_file_is_recorded_with_its_reason(client: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    locked = client / "a.pdf"
    locked.chmod(0)
    try:
        found = {s.rel: s for s in discover(client)}
    finally:
        locked.chmod(0o600)
    assert found["a.pdf"].problem == "cannot be read: Permission denied"
