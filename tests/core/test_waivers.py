"""Waivers and baselines: what a consultant already judged stays visible but stops failing runs."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from docaudit.core.config import WaiverEntry, load_client_config, load_manifest
from docaudit.core.errors import InputFileError
from docaudit.core.models import Finding, Severity
from docaudit.core.waivers import apply_baseline, apply_waivers, load_baseline


def finding(rule: str, subject: str, fp: str) -> Finding:
    return Finding(
        rule=rule, severity=Severity.MEDIUM, title="t", message="m", subject=subject, fingerprint=fp
    )


def test_live_waiver_marks_and_expired_waiver_does_not() -> None:
    findings = [
        finding("WRK010", "work_history[1]", "a"),
        finding("WRK010", "work_history[0]", "b"),
    ]
    waivers = [
        WaiverEntry(
            rule="WRK010", subject="work_history[1]", reason="promotion", until=dt.date(2027, 3, 1)
        ),
        WaiverEntry(
            rule="WRK010", subject="work_history[0]", reason="old", until=dt.date(2026, 1, 1)
        ),
    ]
    out = apply_waivers(findings, waivers, dt.date(2026, 9, 14))
    assert out[0].waived is not None and out[0].waived.reason == "promotion"
    assert out[1].waived is None


def test_waiver_without_subject_covers_the_rule() -> None:
    out = apply_waivers(
        [finding("DOC004", "documents/a.pdf", "x")],
        [WaiverEntry(rule="DOC004", reason="known extra files")],
        dt.date(2026, 1, 1),
    )
    assert out[0].waived is not None


def test_baseline_hides_by_count(tmp_path: Path) -> None:
    report = {"findings": [{"fingerprint": "a"}, {"fingerprint": "b"}]}
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(report))
    baseline = load_baseline(path)
    assert baseline == Counter({"a": 1, "b": 1})
    kept, hidden = apply_baseline(
        [finding("X", "s", "a"), finding("X", "s", "a"), finding("X", "s", "c")], baseline
    )
    assert hidden == 1
    assert [f.fingerprint for f in kept] == ["a", "c"]


def test_bad_baseline_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("{not json")
    with pytest.raises(InputFileError, match="not a JSON report"):
        load_baseline(path)
    path.write_text('{"schema": "x"}')
    with pytest.raises(InputFileError, match="no 'findings'"):
        load_baseline(path)


def test_client_config_errors_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "docaudit.yaml").write_text(
        "waivers:\n  - rule: WRK010\n    reasn: typo\n", encoding="utf-8"
    )
    with pytest.raises(InputFileError) as info:
        load_client_config(tmp_path)
    messages = [str(p) for p in info.value.problems]
    assert any("waivers[0].reasn: unknown key" in m and ":3:" in m for m in messages)
    assert any("waivers[0].reason" in m for m in messages)


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    assert load_client_config(tmp_path).waivers == []
    assert load_manifest(tmp_path).documents == {}


def test_manifest_entries_must_exist(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "scan.jpg").write_bytes(b"x")
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  documents/scan.jpg: {type: police_certificate, person: applicant}\n"
        "  documents/gone.pdf: {ignore: true}\n"
    )
    with pytest.raises(InputFileError, match=r"gone\.pdf"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.yaml").write_text(
        "documents:\n  documents/scan.jpg: {type: police_certificat}\n"
    )
    with pytest.raises(InputFileError, match="police_certificat"):
        load_manifest(tmp_path)
