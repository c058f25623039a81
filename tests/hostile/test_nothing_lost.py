"""Nothing lost: inputs are never written or changed, and a report file is old or new, never half.

Checked after a finished audit, after one killed in the middle of OCR, and after one whose
report write fails (the file-size limit makes ``write`` fail with EFBIG part-way).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from hostile.conftest import limits_client
from hostile.runner import run_docaudit

OLD = '{"old": "a previous report, which must survive"}\n'


def tree_state(root: Path) -> dict[str, tuple[int, int, int, str]]:
    """Every path with its mode, size, modification time and content hash."""
    state = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        state[str(path.relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return state


@pytest.fixture
def client(tmp_path: Path) -> Path:
    return limits_client(tmp_path / "client")


def _audit(client: Path, report: Path, *extra: str, **kwargs: object) -> object:
    args = ["audit", str(client), "--format", "json", "-o", str(report), *extra]
    env = {"DOCAUDIT_CACHE_DIR": str(client.parent / "cache")}
    return run_docaudit(args, env=env, **kwargs)  # type: ignore[arg-type]


def test_finished_audit_changes_nothing_in_the_client_folder(client: Path, tmp_path: Path) -> None:
    before = tree_state(client)
    report = tmp_path / "out" / "report.json"
    run = _audit(client, report)
    assert run.returncode in (0, 1), run.stderr  # type: ignore[attr-defined]
    assert tree_state(client) == before
    assert json.loads(report.read_text())["case"]["client_id"] == "HOSTILE-0001"


def test_killed_audit_keeps_inputs_and_the_old_report(client: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(OLD)
    before = tree_state(client)
    run = _audit(client, report, "--no-cache", kill_when_running="tesseract")
    assert run.timed_out, "the audit finished before it could be killed"  # type: ignore[attr-defined]
    assert tree_state(client) == before
    assert report.read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".report")) == []
    finished = _audit(client, report, "--no-ocr")
    assert finished.returncode in (0, 1)  # type: ignore[attr-defined]
    assert json.loads(report.read_text())["case"]["client_id"] == "HOSTILE-0001"


def test_failed_report_write_keeps_the_old_report(client: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text(OLD)
    before = tree_state(client)
    run = _audit(client, report, "--no-cache", "--no-ocr", file_bytes=2000)
    assert run.returncode != 0  # type: ignore[attr-defined]
    assert report.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []
    assert tree_state(client) == before


def test_failed_report_write_is_an_exit_2_message(client: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    run = _audit(client, report, "--no-cache", "--no-ocr", file_bytes=2000)
    assert run.returncode == 2  # type: ignore[attr-defined]
    assert "Traceback" not in run.stderr  # type: ignore[attr-defined]
    assert str(report) in run.stderr  # type: ignore[attr-defined]
