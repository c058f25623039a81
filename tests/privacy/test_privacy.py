"""No network, owner-only files, no personal data in logs, and a cache that really forgets."""

from __future__ import annotations

import contextlib
import hashlib
import stat
import zlib
from pathlib import Path

from hostile.runner import run_docaudit
from privacy.conftest import Audits, Sample


def test_blocker_catches_a_socket(audits: Audits, tmp_path: Path) -> None:
    """The guard itself works: without this, a passing audit would prove nothing."""
    log = tmp_path / "net.log"
    env = {**audits.sample.env, "DOCAUDIT_NET_LOG": str(log)}
    run = run_docaudit(
        ["-c", "import socket; socket.create_connection(('example.org', 80))"],
        env=env,
        executable=("python3",),
    )
    assert run.returncode != 0
    assert "network access blocked" in run.stderr
    assert log.read_text()


def test_full_audit_runs_without_network(audits: Audits) -> None:
    for run in (audits.quiet, audits.verbose):
        assert run.returncode in (0, 1), run.stderr[-2000:]
        assert not run.timed_out
    assert not audits.sample.net_log.exists(), audits.sample.net_log.read_text()
    assert '"ocr": true' in audits.verbose.stdout  # the scan went through Tesseract


def test_no_identifier_or_document_text_in_logs(audits: Audits) -> None:
    assert "INFO" in audits.verbose.stderr  # -v did log something
    for run in (audits.quiet, audits.verbose):
        lowered = run.stderr.lower()
        leaked = [s for s in audits.sample.secrets if s.lower() in lowered]
        assert not leaked, run.stderr


def test_cache_and_report_are_owner_only_under_umask_0(audits: Audits) -> None:
    sample = audits.sample
    assert audits.quiet.returncode in (0, 1)
    assert stat.S_IMODE(sample.report.stat().st_mode) == 0o600
    assert stat.S_IMODE(sample.cache.stat().st_mode) == 0o700
    created = list(sample.cache.rglob("*"))
    assert created
    for path in created:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def _plain_and_inflated(folder: Path) -> bytes:
    """Every byte under ``folder``, plus every zlib stream in it inflated: cached text is packed."""
    found = bytearray()
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        found += data
        start = data.find(b"\x78")
        while start != -1:
            with contextlib.suppress(zlib.error):
                found += zlib.decompressobj().decompress(data[start:])
            start = data.find(b"\x78", start + 1)
    return bytes(found)


def _traces(sample: Sample, digests: list[str]) -> list[str]:
    haystack = _plain_and_inflated(sample.cache)
    needles = ["ZQX-4471-PLOVER", *digests]
    return [n for n in needles if n.encode() in haystack]


def test_cache_clear_removes_every_trace(audits: Audits) -> None:
    sample = audits.sample
    assert audits.quiet.returncode in (0, 1)
    digests = [
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (sample.client / "documents").rglob("privacy_*")
    ]
    assert _traces(sample, digests) == ["ZQX-4471-PLOVER", *digests]
    cleared = run_docaudit(["cache", "clear", "--cache-dir", str(sample.cache)], env=sample.env)
    assert cleared.returncode == 0, cleared.stderr
    assert "removed" in cleared.stdout
    assert _traces(sample, digests) == []
