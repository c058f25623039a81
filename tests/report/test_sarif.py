from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from docaudit.core.models import Report
from docaudit.report import RenderContext, get_formatter

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def sarif(report: Report, ctx: RenderContext) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(get_formatter("sarif")(report, ctx))
    return data


def test_validates_against_the_official_schema(sarif: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(sarif))
    assert not errors, [e.message for e in errors][:5]


def test_schema_rejects_a_broken_log(sarif: dict[str, Any]) -> None:
    """The validation above can fail: a level outside SARIF's enum is caught."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    sarif["runs"][0]["results"][0]["level"] = "high"
    assert list(jsonschema.Draft7Validator(schema).iter_errors(sarif))


def test_driver_rules_come_from_the_catalogue(sarif: dict[str, Any], ctx: RenderContext) -> None:
    driver = sarif["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == list(ctx.catalogue.ids)
    wrk003 = next(r for r in driver["rules"] if r["id"] == "WRK003")
    meta = ctx.catalogue.get("WRK003")
    assert wrk003["shortDescription"]["text"] == meta.title
    assert wrk003["fullDescription"]["text"] == meta.rationale
    assert wrk003["help"]["text"] == meta.remediation
    assert wrk003["defaultConfiguration"]["level"] == "error"
    assert wrk003["name"] == "EmploymentDatesDifferFromTheProfile"


def test_results_levels_locations_and_fingerprints(sarif: dict[str, Any], report: Report) -> None:
    results = sarif["runs"][0]["results"]
    assert len(results) == len(report.findings)
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {
        "WRK003": "error",
        "ID003": "error",
        "ID002": "error",
        "LNG005": "error",
        "EDU004": "warning",
        "FND002": "warning",
        "DOC001": "warning",
        "ID005": "note",
        "DOC004": "note",
        "WRK010": "warning",
    }
    first = results[0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "documents/reference_systems_ltd.pdf",
        "uriBaseId": "CLIENTDIR",
    }
    assert location["region"]["properties"] == {
        "page": 1,
        "bbox": [72.0, 210.5, 388.2, 224.0],
        "method": "text",
    }
    assert first["partialFingerprints"] == {"docaudit/v1": report.findings[0].fingerprint}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_a_file_finding_points_at_the_file(sarif: dict[str, Any]) -> None:
    doc001 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "DOC001")
    uri = doc001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "documents/scan_blurry.jpg"


def test_waived_finding_is_suppressed(sarif: dict[str, Any]) -> None:
    waived = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["WRK010"]
    suppression = waived[0]["suppressions"][0]
    assert suppression["kind"] == "external"
    assert suppression["justification"].startswith("Promoted from Developer")
    assert suppression["properties"] == {"by": "RCIC R000000", "until": "2027-03-01"}


def test_unusable_documents_become_notifications(sarif: dict[str, Any]) -> None:
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["properties"]["status"]) for n in notes] == [
        ("warning", "unreadable"),
        ("note", "ignored"),
    ]
    assert "OCR produced too little text" in notes[0]["message"]["text"]


def test_rule_missing_from_the_catalogue_still_has_a_descriptor(
    report: Report, ctx: RenderContext
) -> None:
    stray = report.findings[0].model_copy(update={"rule": "HIS001", "title": "Gap in history"})
    data = json.loads(get_formatter("sarif")(report.model_copy(update={"findings": (stray,)}), ctx))
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    result = data["runs"][0]["results"][0]
    assert rules[result["ruleIndex"]] == {
        "id": "HIS001",
        "name": "GapInHistory",
        "shortDescription": {"text": "Gap in history"},
        "defaultConfiguration": {"level": "error"},
    }
