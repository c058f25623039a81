"""The input fingerprint of a client: equal fingerprints mean the stored report is still the answer.

It covers every byte an audit reads (the control files and every document, by content hash and
path), what the audit is judged with (docaudit version, the rules folder, imported reference
data) and the options that change a report. It may cover more than the audit reads, never less:
a spurious change costs one re-audit, a missed one would serve a stale report.

Hashing every document on every run would read the whole firm's files each time, so a stored
hash is reused while the file's size, mtime, ctime and inode are unchanged, as git's index does.
A hash taken less than ``RACY_WINDOW_NS`` after the file's last write is not trusted, because a
second write within the same timestamp tick would leave the stamp unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from docaudit import __version__
from docaudit.batch.state import FileStamp, StoredHash
from docaudit.core import paths

RACY_WINDOW_NS = 2_000_000_000
"""Coarsest file timestamp in common use (FAT, some network shares): two seconds."""

_CHUNK = 1 << 20


def rules_digest() -> str:
    """Hash of the rules folder as it is now; workers compare theirs to the batch's.

    Not cached: a long-lived process (a dask worker, a test session) must see an edited rule.
    """
    return _rules_digest(paths.rules_dir())


def environment_digest(settings: dict[str, Any], rules: str) -> str:
    """What every client of one run shares: versions, rules, reference data, options."""
    data_dir = paths.data_dir()
    blob = json.dumps(
        {
            "docaudit": __version__,
            "rules": rules,
            "data": _data_digest(data_dir) if data_dir.is_dir() else None,
            "settings": settings,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def effective_as_of(client_dir: Path, given: dt.date | None, today: dt.date) -> str:
    """The date the audit judges by: a profile without key dates is judged by today."""
    if given is not None:
        return given.isoformat()
    from docaudit.core.errors import DocauditError
    from docaudit.core.profile_loader import find_profile, load_profile

    path = find_profile(client_dir)
    if path is None:
        return "no-profile"
    try:
        return load_profile(path).as_of(today).isoformat()
    except DocauditError:
        # The audit will fail on the same profile, and failed clients are never skipped.
        return "invalid-profile"


class Fingerprinter:
    """Fingerprints clients, reusing the stored hash of every file whose stamp is unchanged."""

    def __init__(self, stored: dict[str, StoredHash]) -> None:
        self._stored = stored
        self._seen: dict[str, StoredHash] = {}
        self.hashed_bytes = 0
        """Bytes read this run: the cost the stamps save on a warm run."""

    def client(self, client_dir: Path, environment: str, as_of: str) -> str:
        digest = hashlib.sha256()
        digest.update(f"env {environment}\nas_of {as_of}\n".encode())
        for rel, identity in self._entries(client_dir.absolute()):
            digest.update(f"{rel}\0{identity}\n".encode())
        return digest.hexdigest()

    def seen(self) -> dict[str, StoredHash]:
        """The hashes of every file fingerprinted in this run, to store for the next one."""
        return self._seen

    def _entries(self, root: Path) -> list[tuple[str, str]]:
        entries: list[tuple[str, str]] = []
        pending = [root]
        while pending:
            directory = pending.pop()
            with os.scandir(directory) as scan:
                for entry in scan:
                    if entry.name.startswith("."):
                        continue
                    rel = Path(entry.path).relative_to(root).as_posix()
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    else:
                        entries.append((rel, self._identity(Path(entry.path))))
        entries.sort()
        return entries

    def _identity(self, path: Path) -> str:
        """Content hash for files (through links), link text for links to folders."""
        link = f"link:{path.readlink()} " if path.is_symlink() else ""
        try:
            info = path.stat()
        except OSError as exc:
            return f"{link}unreadable:{exc.errno}"
        if stat.S_ISDIR(info.st_mode):
            return f"{link}dir"
        if not stat.S_ISREG(info.st_mode):
            return f"{link}special"
        try:
            return link + self._sha256(path, FileStamp.of(info))
        except OSError as exc:
            return f"{link}unreadable:{exc.errno}"

    def _sha256(self, path: Path, stamp: FileStamp) -> str:
        key = str(path.resolve())
        known = self._seen.get(key) or self._stored.get(key)
        if (
            known is not None
            and known.stamp == stamp
            and known.hashed_ns - stamp.mtime_ns >= RACY_WINDOW_NS
        ):
            self._seen[key] = known
            return known.sha256
        hashed_ns = time.time_ns()
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                self.hashed_bytes += len(chunk)
        self._seen[key] = StoredHash(stamp, digest.hexdigest(), hashed_ns)
        return digest.hexdigest()


def _rules_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in rel or path.name.startswith("."):
            continue
        digest.update(f"{rel}\0".encode() + path.read_bytes() + b"\n")
    return digest.hexdigest()


def _data_digest(root: Path) -> str:
    """Imported reference data (the NOC release) by name, size and mtime: it is large and is only
    ever replaced whole, by an import that renames a new file into place."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")):
        info = path.stat()
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()
