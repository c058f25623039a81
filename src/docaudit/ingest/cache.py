"""The extraction cache: OCR of a 20-page scan takes minutes, re-reading it should take none.

Keyed by content hash, extractor version and the options that change output, so renaming or
moving a file keeps its entry and a new docaudit release never serves stale text. Failures are
stored too, so a corrupt file is diagnosed once. The cache holds text from passports: the folder
is owner-only and the database file is made owner-only before anything is written to it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

import pytesseract

from docaudit.core import paths
from docaudit.core.errors import DocauditError, ExtractionError
from docaudit.core.text import DocumentText
from docaudit.extract.text import EXTRACTOR_VERSION, read_document
from docaudit.extract.text.limits import ExtractionTimeout, Limits, tuning
from docaudit.ingest.discover import SourceFile

log = logging.getLogger(__name__)

DB_NAME = "extraction.sqlite3"
BUSY_TIMEOUT_MS = 60_000
"""Long enough for another process to finish writing a large document's text."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extraction (
    sha256    TEXT NOT NULL,
    extractor TEXT NOT NULL,
    options   TEXT NOT NULL,
    ok        INTEGER NOT NULL,
    payload   BLOB,
    reason    TEXT,
    kind      TEXT,
    stored_at REAL NOT NULL,
    PRIMARY KEY (sha256, extractor, options)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reading (
    sha256    TEXT NOT NULL,
    options   TEXT NOT NULL,
    version   TEXT NOT NULL,
    name      TEXT NOT NULL,
    payload   BLOB NOT NULL,
    stored_at REAL NOT NULL,
    PRIMARY KEY (sha256, options, version, name)
) WITHOUT ROWID;
"""


def options_key(ocr: bool, limits: Limits) -> str:
    """What besides the bytes decides the output: OCR on or off, limits, tuning, Tesseract."""
    options: dict[str, Any] = {
        "ocr": ocr,
        "limits": limits.to_json(),
        "tuning": tuning().fingerprint,
    }
    if ocr:
        options["tesseract"] = _tesseract_version()
    blob = json.dumps(options, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


@functools.cache
def _tesseract_version() -> str:
    """Asked once per process: pytesseract asks the binary on every call, 25 ms a time."""
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError:
        return "missing"  # extraction will say so, if it needs OCR at all


class CacheUnavailable(DocauditError):
    """The cache file exists but SQLite cannot use it (damaged, or not a database)."""


class ExtractionCache:
    """SQLite in WAL mode: several processes of a batch read and write it at once."""

    def __init__(self, directory: Path | None = None) -> None:
        folder = paths.private_dir(directory or paths.cache_dir())
        self.path = folder / DB_NAME
        # Create the file owner-only before SQLite writes a byte; its -wal and -shm files
        # inherit this mode from it.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        self.path.chmod(0o600)
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            raise CacheUnavailable(
                f"{self.path}: the extraction cache cannot be used ({exc}); "
                "audits go on without it, and `docaudit cache clear` starts a new one"
            ) from None

    def _read(self, sql: str, args: tuple[Any, ...]) -> Any:
        """One row, or ``None`` when the cache cannot answer: a cache error is only a miss."""
        try:
            return self._db.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            log.warning("extraction cache %s: read failed (%s); reading afresh", self.path, exc)
            return None

    def _write(self, sql: str, args: tuple[Any, ...]) -> None:
        try:
            self._db.execute(sql, args)
        except sqlite3.Error as exc:
            log.warning("extraction cache %s: write failed (%s); not cached", self.path, exc)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA secure_delete = ON")
        db.executescript(_SCHEMA)
        db.execute("SELECT COUNT(*) FROM reading").fetchone()
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, sha256: str, key: str) -> DocumentText | ExtractionError | None:
        """The stored text or failure for this content and options; ``None`` if not stored."""
        row = self._read(
            "SELECT ok, payload, reason, kind FROM extraction"
            " WHERE sha256 = ? AND extractor = ? AND options = ?",
            (sha256, EXTRACTOR_VERSION, key),
        )
        if row is None:
            return None
        ok, payload, reason, kind = row
        if ok:
            try:
                return DocumentText.from_json(json.loads(zlib.decompress(payload)))
            except (zlib.error, ValueError, KeyError, IndexError, TypeError) as exc:
                log.warning(
                    "extraction cache %s: unreadable entry (%s); reading afresh", self.path, exc
                )
                return None
        return ExtractionError("", reason, kind)

    def put(self, sha256: str, key: str, result: DocumentText | ExtractionError) -> None:
        row: tuple[int, bytes | None, str | None, str | None]
        if isinstance(result, DocumentText):
            blob = json.dumps(result.to_json(), separators=(",", ":"), ensure_ascii=False)
            row = (1, zlib.compress(blob.encode("utf-8"), 6), None, None)
        else:
            row = (0, None, result.reason, result.kind)
        self._write(
            "INSERT OR REPLACE INTO extraction"
            " (sha256, extractor, options, ok, payload, reason, kind, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (sha256, EXTRACTOR_VERSION, key, *row, time.time()),
        )

    def get_reading(self, sha256: str, key: str, version: str, name: str) -> Any:
        """What was read from a document's text (its type, its facts); ``None`` if not stored.

        Readings depend only on the text and the extraction rules (``version``), never on the
        profile, so a profile edit re-runs the checks without reading any document again.
        """
        row = self._read(
            "SELECT payload FROM reading WHERE sha256 = ? AND options = ? AND version = ?"
            " AND name = ?",
            (sha256, key, version, name),
        )
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError) as exc:
            log.warning(
                "extraction cache %s: unreadable entry (%s); reading afresh", self.path, exc
            )
            return None

    def put_reading(self, sha256: str, key: str, version: str, name: str, value: Any) -> None:
        blob = zlib.compress(json.dumps(value, separators=(",", ":")).encode("utf-8"), 6)
        self._write(
            "INSERT OR REPLACE INTO reading (sha256, options, version, name, payload, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (sha256, key, version, name, blob, time.time()),
        )

    def stats(self) -> dict[str, Any]:
        entries, failures = self._db.execute(
            "SELECT COUNT(*), COUNT(*) - COALESCE(SUM(ok), 0) FROM extraction"
        ).fetchone()
        on_disk = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"))
            if p.exists()
        )
        return {"entries": entries, "failures": failures, "bytes": on_disk, "path": str(self.path)}

    def clear(self) -> int:
        """Remove every entry and shrink the files, so cleared text does not linger on disk."""
        removed = self._db.execute("DELETE FROM extraction").rowcount
        self._db.execute("DELETE FROM reading")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")
        return int(removed)


def remove_cache_files(directory: Path | None = None) -> list[Path]:
    """Delete the cache database and its journal files (``cache clear`` on a damaged cache)."""
    path = (directory or paths.cache_dir()) / DB_NAME
    removed = []
    for suffix in ("", "-wal", "-shm"):
        target = Path(f"{path}{suffix}")
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed


def read_cached(
    source: SourceFile, cache: ExtractionCache, ocr: bool = True, limits: Limits | None = None
) -> DocumentText:
    """Cached text of ``source`` or, on a miss, its extraction, stored for next time.

    Only the hash from discovery is used on a hit: the file is not opened again. A recorded
    failure is raised again as the ExtractionError it was, naming this file.
    """
    limits = limits or Limits.defaults()
    if source.problem or not source.sha256:
        return read_document(source, ocr=ocr, limits=limits)
    key = options_key(ocr, limits)
    stored = cache.get(source.sha256, key)
    if isinstance(stored, DocumentText):
        return stored
    if isinstance(stored, ExtractionError):
        raise ExtractionError(source.path, stored.reason, stored.kind)
    try:
        text = read_document(source, ocr=ocr, limits=limits)
    except ExtractionTimeout:
        raise
    except ExtractionError as exc:
        cache.put(source.sha256, key, exc)
        raise
    cache.put(source.sha256, key, text)
    return text
