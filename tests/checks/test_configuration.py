"""CFG001 through a real client folder: an expired waiver is reported and stops hiding."""

from __future__ import annotations

import shutil
from pathlib import Path

from docaudit.api import AuditOptions, audit_folder

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "clients" / "sample-faults"


def test_expired_waiver_is_a_finding_and_a_live_one_is_quiet(tmp_path: Path) -> None:
    client = tmp_path / "client"
    shutil.copytree(SAMPLE, client)
    options = AuditOptions(cache_dir=tmp_path / "cache")
    as_of = audit_folder(client, options).report.case.as_of
    past, future = as_of.replace(year=as_of.year - 1), as_of.replace(year=as_of.year + 1)
    (client / "docaudit.yaml").write_text(
        "waivers:\n"
        f"  - {{rule: DOC001, reason: copy kept on purpose, until: {past}}}\n"
        f"  - {{rule: DOC004, reason: extra files, until: {future}}}\n",
        encoding="utf-8",
    )
    report = audit_folder(client, options).report
    cfg = [f for f in report.findings if f.rule == "CFG001"]
    assert [(f.subject, f.severity.value) for f in cfg] == [("waivers[0]", "low")]
    assert "expired" in cfg[0].message and "DOC001" in cfg[0].message
    doc001 = [f for f in report.findings if f.rule == "DOC001"]
    assert doc001 and all(f.waived is None for f in doc001)
