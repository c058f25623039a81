"""Finding the documents in a client folder, and what each one is.

The walk is sorted so two runs over the same folder list documents, and so findings, in the same
order. Nothing outside the folder is ever read: a symbolic link out of it could make a report
quote another client's passport.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from docaudit.ingest.filetype import FileType, detect, extension_type

log = logging.getLogger(__name__)

CONTROL_FILES = frozenset(
    f"{stem}.{ext}"
    for stem, exts in {
        "profile": ("yaml", "yml", "json"),
        "profile.ita": ("yaml", "yml", "json"),
        "manifest": ("yaml", "yml"),
        "docaudit": ("yaml", "yml"),
    }.items()
    for ext in exts
)
"""Files at the folder root that configure the audit; the folder contract fixes these names."""

OUTSIDE_LINK = "symbolic link to a file outside the client folder; not read"
OUTSIDE_DIR_LINK = "symbolic link to a folder outside the client folder; not read"
BROKEN_LINK = "symbolic link that leads nowhere (missing target or a loop); not read"
NOT_REGULAR = "not a regular file (device, pipe or socket); not read"

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    """Absolute, under the client folder as given (links are not resolved in it)."""
    rel: str
    """Posix path relative to the client folder: stable across machines, used in reports."""
    size: int
    sha256: str
    """Hex digest of the content; empty when the file was not read (see ``problem``)."""
    file_type: FileType
    extension_mismatch: bool = False
    problem: str | None = None


def discover(client_dir: Path) -> list[SourceFile]:
    """Every document under ``client_dir``, sorted by relative path."""
    root = client_dir.absolute()
    real_root = root.resolve()
    found: list[SourceFile] = []
    _walk(root, root, real_root, found)
    found.sort(key=lambda s: s.rel)
    return found


def _walk(directory: Path, root: Path, real_root: Path, found: list[SourceFile]) -> None:
    with os.scandir(directory) as entries:
        names = sorted(entries, key=lambda e: e.name)
    for entry in names:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        rel = path.relative_to(root).as_posix()
        if directory == root and entry.name in CONTROL_FILES:
            continue
        if entry.is_symlink():
            _link(path, rel, real_root, found)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, root, real_root, found)
        else:
            found.append(_source(path, rel))


def _link(path: Path, rel: str, real_root: Path, found: list[SourceFile]) -> None:
    """Read a link only if it stays in the folder; never descend one, which also rules out cycles.

    A linked folder that stays inside is skipped because its files are reached where they
    really are; walking it as well would list them twice.
    """
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        found.append(_unread(path, rel, BROKEN_LINK))
        return
    inside = target == real_root or target.is_relative_to(real_root)
    if target.is_dir():
        if not inside:
            found.append(_unread(path, rel, OUTSIDE_DIR_LINK))
        else:
            log.debug("not descending %s: it links inside the client folder", rel)
        return
    if not inside:
        found.append(_unread(path, rel, OUTSIDE_LINK))
        return
    found.append(_source(path, rel))


def describe_file(path: Path) -> SourceFile:
    """One file outside any client folder (``docaudit extract FILE``), named as the user gave it."""
    return _source(path, path.as_posix())


def _source(path: Path, rel: str) -> SourceFile:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Opening a pipe would block the audit for ever.
            return _unread(path, rel, NOT_REGULAR)
        digest = _sha256(path)
        file_type = detect(path)
    except OSError as exc:
        return _unread(path, rel, f"cannot be read: {exc.strerror or exc}")
    expected = extension_type(path)
    mismatch = expected is not None and file_type not in (expected, "empty")
    return SourceFile(path, rel, info.st_size, digest, file_type, mismatch)


def _unread(path: Path, rel: str, problem: str) -> SourceFile:
    return SourceFile(path, rel, 0, "", "unknown", problem=problem)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
