"""The extraction cache against real SQLite: hits skip the file, failures stick, nothing leaks."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
import stat
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from docaudit.core.errors import ExtractionError
from docaudit.core.text import DocumentText, Line, Page, Word
from docaudit.extract.text import Limits
from docaudit.extract.text.limits import ExtractionTimeout
from docaudit.ingest.cache import DB_NAME, ExtractionCache, options_key, read_cached
from docaudit.ingest.discover import SourceFile, discover


def _letter(path: Path, name: str = "Invented Person") -> Path:
    c = canvas.Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 14)
    c.drawString(20, 150, f"Reference letter for {name}")
    c.drawString(20, 120, "Software Engineer full time since 2016")
    c.save()
    return path


def _source(path: Path) -> SourceFile:
    (found,) = [s for s in discover(path.parent) if s.path == path]
    return found


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _doc(n: int) -> DocumentText:
    words = tuple(Word(f"w{n}-{i}", (float(i), 1.0, float(i) + 1, 2.0), 90.0) for i in range(50))
    return DocumentText((Page(1, 612.0, 792.0, "ocr", (Line(words),), rotation=90),))


def test_second_read_is_served_without_opening_the_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    source = _source(_letter(docs / "letter.pdf"))
    with ExtractionCache(tmp_path / "cache") as cache:
        first = read_cached(source, cache, ocr=False)
        source.path.unlink()
        second = read_cached(source, cache, ocr=False)
        assert second == first
        assert "Software Engineer" in second.text
        # A different option is a different key: it has to read the (now missing) file.
        with pytest.raises(FileNotFoundError):
            read_cached(
                source, cache, ocr=False, limits=dataclasses.replace(Limits.defaults(), max_pages=7)
            )


def test_failures_are_cached_and_raised_for_the_file_at_hand(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    broken = docs / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n%%EOF\n")
    source = _source(broken)
    with ExtractionCache(tmp_path / "cache") as cache:
        with pytest.raises(ExtractionError) as first:
            read_cached(source, cache)
        broken.unlink()
        renamed = dataclasses.replace(source, path=docs / "renamed.pdf", rel="renamed.pdf")
        with pytest.raises(ExtractionError) as second:
            read_cached(renamed, cache)
        assert (second.value.reason, second.value.kind) == (first.value.reason, first.value.kind)
        assert second.value.path.endswith("renamed.pdf")
        assert cache.stats()["failures"] == 1


@pytest.mark.ocr
@pytest.mark.usefixtures("tesseract")
def test_time_limit_failures_are_not_cached(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf = pdfium.PdfDocument(_letter(tmp_path / "letter.pdf"))
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(docs / "scan.png")
    pdf.close()
    source = _source(docs / "scan.png")
    hurried = dataclasses.replace(Limits.defaults(), ocr_page_seconds=0.01)
    with ExtractionCache(tmp_path / "cache") as cache:
        with pytest.raises(ExtractionTimeout):
            read_cached(source, cache, limits=hurried)
        assert cache.stats()["entries"] == 0


def test_round_trip_get_put_stats_clear(tmp_path: Path) -> None:
    with ExtractionCache(tmp_path / "cache") as cache:
        key = options_key(False, Limits.defaults())
        assert cache.get("ab" * 32, key) is None
        cache.put("ab" * 32, key, _doc(1))
        cache.put("cd" * 32, key, ExtractionError("", "the file is empty (0 bytes)", "empty"))
        assert cache.get("ab" * 32, key) == _doc(1)
        failure = cache.get("cd" * 32, key)
        assert isinstance(failure, ExtractionError)
        assert (failure.reason, failure.kind) == ("the file is empty (0 bytes)", "empty")
        assert (
            cache.get(
                "ab" * 32, options_key(False, dataclasses.replace(Limits.defaults(), max_pages=1))
            )
            is None
        )
        stats = cache.stats()
        assert (stats["entries"], stats["failures"]) == (2, 1)
        assert stats["bytes"] > 0
        assert stats["path"] == str(tmp_path / "cache" / DB_NAME)
        assert cache.clear() == 2
        assert cache.get("ab" * 32, key) is None
        assert cache.stats()["entries"] == 0
    # Cleared text is gone from the file itself, not merely unlinked from the table.
    assert b"w1-7" not in (tmp_path / "cache" / DB_NAME).read_bytes()


def test_stored_text_is_compressed(tmp_path: Path) -> None:
    with ExtractionCache(tmp_path / "cache") as cache:
        cache.put("ab" * 32, "k", _doc(1))
        cache.close()
        raw = (tmp_path / "cache" / DB_NAME).read_bytes()
        wal = Path(f"{tmp_path / 'cache' / DB_NAME}-wal")
        raw += wal.read_bytes() if wal.exists() else b""
    assert b"w1-7" not in raw


def test_cache_files_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "cache"
    with ExtractionCache(folder) as cache:
        cache.put("ab" * 32, "k", _doc(1))
        assert _mode(folder) == 0o700
        for path in folder.iterdir():
            assert _mode(path) == 0o600, path.name
        assert {p.name for p in folder.iterdir()} >= {DB_NAME, f"{DB_NAME}-wal"}


def test_default_directory_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCAUDIT_CACHE_DIR", str(tmp_path / "env-cache"))
    with ExtractionCache() as cache:
        assert cache.path == tmp_path / "env-cache" / DB_NAME


def _writer(folder: str, worker: int, count: int) -> None:
    with ExtractionCache(Path(folder)) as cache:
        for i in range(count):
            cache.put(f"{worker:02d}{i:062d}", "k", _doc(worker * 1000 + i))
            assert cache.get(f"{worker:02d}{i:062d}", "k") == _doc(worker * 1000 + i)


def test_processes_writing_at_once_neither_fail_nor_corrupt(tmp_path: Path) -> None:
    folder = tmp_path / "shared-cache"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(folder), w, 40)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    with ExtractionCache(folder) as cache:
        assert cache.stats()["entries"] == 160
        assert cache.get(f"{3:02d}{39:062d}", "k") == _doc(3039)
    with sqlite3.connect(folder / DB_NAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_damaged_cache_is_refused_and_cleared_on_request(tmp_path: Path) -> None:
    """Seen after a writer was killed: a damaged cache must not stop audits, and clear mends it."""
    from click.testing import CliRunner

    from docaudit.api import AuditOptions, open_cache
    from docaudit.cli.main import cli
    from docaudit.ingest.cache import CacheUnavailable

    folder = tmp_path / "cache"
    with ExtractionCache(folder) as cache:
        cache.put("ab" * 32, "k", _doc(1))
    (folder / "extraction.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(CacheUnavailable, match="cache clear"):
        ExtractionCache(folder)
    assert open_cache(AuditOptions(cache_dir=folder)) is None
    result = CliRunner().invoke(cli, ["cache", "clear", "--cache-dir", str(folder)])
    assert result.exit_code == 0 and "could not be opened" in result.output
    with ExtractionCache(folder) as cache:
        assert cache.get("ab" * 32, "k") is None


def test_a_cache_that_fails_mid_audit_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    cache.put("ab" * 32, "k", _doc(1))
    cache._db.close()  # what a disk error does to the connection, made deterministic
    assert cache.get("ab" * 32, "k") is None
    cache.put("cd" * 32, "k", _doc(2))
    assert cache.get_reading("ab" * 32, "k", "v", "type") is None


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    """Seen once in a benchmark: a reading row that did not decompress stopped the audit."""
    with ExtractionCache(tmp_path / "cache") as cache:
        cache.put("ab" * 32, "k", _doc(1))
        cache.put_reading("ab" * 32, "k", "v", "type", "passport")
        cache._db.execute("UPDATE extraction SET payload = x'00ff'")
        cache._db.execute("UPDATE reading SET payload = x'00ff'")
        assert cache.get("ab" * 32, "k") is None
        assert cache.get_reading("ab" * 32, "k", "v", "type") is None
