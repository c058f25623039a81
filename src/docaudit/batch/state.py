"""What a batch remembers between runs, in one SQLite file in the output folder.

Each finished client is one committed row, written after its reports are on disk, so a batch
killed at any moment leaves a state that never claims a report it did not write. The same file
keeps the stat-keyed document hashes that make a warm re-run cost a ``stat`` per file.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docaudit.core.errors import DocauditError

STATE_NAME = "state.sqlite3"
LOCK_NAME = ".batch.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (
    name        TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS file_hashes (
    path      TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    ctime_ns  INTEGER NOT NULL,
    ino       INTEGER NOT NULL,
    sha256    TEXT NOT NULL,
    hashed_ns INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class FileStamp:
    """What ``stat`` says about a file; equal stamps let us trust a stored hash."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStamp:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass(frozen=True)
class StoredHash:
    stamp: FileStamp
    sha256: str
    hashed_ns: int
    """When the hash was taken: a hash taken too soon after the last write is not trusted."""


class BatchState:
    """The state of one output folder. Only one batch may write to a folder at a time."""

    def __init__(self, output_dir: Path) -> None:
        self._lock_fd = _lock(output_dir / LOCK_NAME)
        path = output_dir / STATE_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        path.chmod(0o600)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()
        os.close(self._lock_fd)

    def __enter__(self) -> BatchState:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def claim(self, clients_dir: Path) -> None:
        """Tie the folder to one clients directory: two share client names and would mix."""
        wanted = str(clients_dir.resolve())
        row = self._db.execute("SELECT value FROM meta WHERE key = 'clients_dir'").fetchone()
        if row is not None and row[0] != wanted:
            raise DocauditError(
                f"the output folder holds the reports of {row[0]}; choose another --output-dir "
                f"for {wanted}"
            )
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('clients_dir', ?)", (wanted,)
        )

    def finished(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Every stored client: name -> (fingerprint, result as recorded)."""
        return {
            name: (fingerprint, json.loads(result))
            for name, fingerprint, result in self._db.execute(
                "SELECT name, fingerprint, result FROM clients"
            )
        }

    def record(self, name: str, fingerprint: str, result: dict[str, Any]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO clients (name, fingerprint, result) VALUES (?, ?, ?)",
            (name, fingerprint, json.dumps(result, sort_keys=True)),
        )

    def hashes(self) -> dict[str, StoredHash]:
        return {
            path: StoredHash(FileStamp(size, mtime, ctime, ino), sha, hashed)
            for path, size, mtime, ctime, ino, sha, hashed in self._db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, ino, sha256, hashed_ns FROM file_hashes"
            )
        }

    def replace_hashes(self, hashes: Iterable[tuple[str, StoredHash]]) -> None:
        """Keep exactly these: entries for files that are gone would only grow the file."""
        with self._transaction():
            self._db.execute("DELETE FROM file_hashes")
            self._db.executemany(
                "INSERT INTO file_hashes VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        path,
                        h.stamp.size,
                        h.stamp.mtime_ns,
                        h.stamp.ctime_ns,
                        h.stamp.ino,
                        h.sha256,
                        h.hashed_ns,
                    )
                    for path, h in hashes
                ),
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _lock(path: Path) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DocauditError(
            f"{path.parent}: another docaudit batch is writing there; wait for it to finish"
        ) from None
    return fd
