"""``docaudit audit`` end to end on the committed samples: real PDFs, real OCR, real cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner

from docaudit.api import AuditOptions, audit_folder
from docaudit.cli.main import cli

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "clients"


def labels(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / f"{name}.labels.json").read_text("utf-8"))
    return data


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def scans_report(tmp_path_factory: pytest.TempPathFactory, noc_data_dir: Path) -> dict[str, Any]:
    """The sample with scans, audited once (OCR is the slow part) and shared by the tests below."""
    cache = tmp_path_factory.mktemp("scans-cache")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DOCAUDIT_DATA_DIR", str(noc_data_dir))
        code, out, err = run(
            [
                "audit",
                str(SAMPLES / "sample-scans"),
                "--format",
                "json",
                "--fail-on",
                "never",
                "--cache-dir",
                str(cache),
            ]
        )
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def test_json_report_follows_the_v1_contract(tmp_path: Path) -> None:
    code, out, err = run(
        ["audit", str(SAMPLES / "sample-clean"), "--format", "json", "--cache-dir", str(tmp_path)]
    )
    report = json.loads(out)
    assert report["schema"] == "docaudit/report/v1"
    assert set(report) >= {
        "schema",
        "tool",
        "case",
        "documents",
        "findings",
        "crs",
        "noc",
        "summary",
    }
    assert report["case"]["client_id"] == labels("sample-clean")["client_id"]
    assert set(report["summary"]) >= {"high", "medium", "low", "info", "documents", "unreadable"}
    for doc in report["documents"]:
        assert set(doc) >= {
            "path",
            "sha256",
            "type",
            "person",
            "pages",
            "ocr",
            "status",
            "mean_ocr_confidence",
        }
    assert code == (1 if report["summary"]["high"] else 0), err


@pytest.mark.parametrize("sample", ["sample-clean", "sample-faults"])
def test_text_documents_are_classified_and_assigned_as_labelled(
    sample: str, tmp_path: Path
) -> None:
    code, out, _ = run(
        [
            "audit",
            str(SAMPLES / sample),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(tmp_path),
        ]
    )
    assert code == 0
    found = {d["path"]: d for d in json.loads(out)["documents"]}
    for doc in labels(sample)["documents"]:
        got = found[doc["path"]]
        if doc.get("readable", True):
            assert (got["type"], got["person"]) == (doc["type"], doc["person"]), doc["path"]
            assert got["status"] == "ok"
        else:
            assert got["status"] == "unreadable"


def test_a_corrupt_document_is_a_doc001_finding_and_the_audit_goes_on(tmp_path: Path) -> None:
    _, out, _ = run(
        [
            "audit",
            str(SAMPLES / "sample-faults"),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--cache-dir",
            str(tmp_path),
        ]
    )
    report = json.loads(out)
    broken = [
        d["path"] for d in labels("sample-faults")["documents"] if not d.get("readable", True)
    ]
    doc001 = [f for f in report["findings"] if f["rule"] == "DOC001"]
    assert [f["subject"] for f in doc001] == broken
    assert "truncated" in doc001[0]["message"]
    assert report["summary"]["unreadable"] == len(broken)
    assert len(report["documents"]) == len(labels("sample-faults")["documents"])


@pytest.mark.ocr
def test_scans_are_read_by_ocr_with_boxes_and_classified(
    scans_report: dict[str, Any], tesseract: str
) -> None:
    found = {d["path"]: d for d in scans_report["documents"]}
    scanned = [d for d in labels("sample-scans")["documents"] if d["modality"] == "scan"]
    assert scanned
    for doc in scanned:
        got = found[doc["path"]]
        assert got["ocr"] is True
        assert got["mean_ocr_confidence"] is not None and got["mean_ocr_confidence"] > 70
        assert (got["type"], got["person"]) == (doc["type"], doc["person"]), doc["path"]


def test_warm_audit_parses_ocrs_and_reads_nothing(tmp_path: Path) -> None:
    import pdfplumber
    import pytesseract

    from docaudit.extract import reading

    client = tmp_path / "client"
    shutil.copytree(SAMPLES / "sample-faults", client)
    options = AuditOptions(cache_dir=tmp_path / "cache")
    first = audit_folder(client, options).report
    profile = client / "profile.yaml"
    profile.write_text(
        profile.read_text("utf-8").replace("client_id: ", "client_id: EDITED-"), "utf-8"
    )
    with (
        mock.patch.object(pdfplumber, "open", wraps=pdfplumber.open) as plumber,
        mock.patch.object(pytesseract, "image_to_data", wraps=pytesseract.image_to_data) as ocr,
        mock.patch.object(reading, "extract_facts", wraps=reading.extract_facts) as facts,
    ):
        second = audit_folder(client, options).report
    assert (plumber.call_count, ocr.call_count, facts.call_count) == (0, 0, 0)
    assert second.case.client_id is not None and second.case.client_id.startswith("EDITED-")
    assert second.model_dump(exclude={"case"}) == first.model_dump(exclude={"case"})


def test_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    client = tmp_path / "client"
    shutil.copytree(SAMPLES / "sample-faults", client)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert run(["audit", str(client), "--fail-on", "never", *cache])[0] == 0
    code, _, err = run(["audit", str(client), "--fail-on", "medium", *cache])
    assert code == 1
    assert "at or above medium" in err
    (client / "docaudit.yaml").write_text(
        "waivers:\n"
        + "".join(
            f"  - {{rule: {rule}, reason: reviewed by the consultant}}\n"
            for rule in sorted({f.rule for f in audit_folder(client).report.findings})
        ),
        encoding="utf-8",
    )
    code, out, _ = run(["audit", str(client), "--fail-on", "info", "--format", "json", *cache])
    report = json.loads(out)
    assert code == 0
    assert report["summary"]["waived"] == len(report["findings"]) > 0
    assert all(f["waived"]["reason"] == "reviewed by the consultant" for f in report["findings"])


def test_baseline_hides_known_findings(tmp_path: Path) -> None:
    client = SAMPLES / "sample-faults"
    cache = ["--cache-dir", str(tmp_path / "cache")]
    baseline = tmp_path / "baseline.json"
    run(["audit", str(client), "--format", "json", "-o", str(baseline), *cache])
    assert oct(baseline.stat().st_mode & 0o777) == "0o600"
    code, out, _ = run(
        ["audit", str(client), "--format", "json", "--baseline", str(baseline), *cache]
    )
    report = json.loads(out)
    assert code == 0
    assert report["findings"] == []
    assert report["summary"]["baselined"] == len(json.loads(baseline.read_text())["findings"]) > 0


def test_invalid_profile_and_missing_folder_exit_2(tmp_path: Path) -> None:
    code, _, err = run(["audit", str(tmp_path / "nope")])
    assert code == 2 and "no such client folder" in err
    client = tmp_path / "client"
    shutil.copytree(SAMPLES / "sample-clean", client)
    profile = client / "profile.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("marital_status:", "marital_statuss:"),
        encoding="utf-8",
    )
    code, out, err = run(["audit", str(client)])
    assert code == 2
    assert out == ""
    assert f"{profile}:" in err
    assert "applicant.marital_statuss: unknown key; did you mean 'marital_status'?" in err
