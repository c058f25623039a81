"""SARIF 2.1.0, so code-scanning dashboards can list a client's findings next to a codebase's.

Documents are the artifacts, relative to the ``CLIENTDIR`` base so the log does not leak where a
firm keeps its files; the page and box go in region properties because SARIF regions count lines
and characters, which a scanned letter does not have.
"""

from __future__ import annotations

import json
import re
from typing import Any

from docaudit.core.catalogue import RuleMeta
from docaudit.core.models import DocumentRecord, Evidence, Finding, Report, Severity
from docaudit.report.context import RenderContext
from docaudit.report.registry import formatter
from docaudit.report.view import prepared, rule_title

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "CLIENTDIR"
_LEVEL = {
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}


@formatter("sarif")
def render(report: Report, ctx: RenderContext) -> str:
    return json.dumps(sarif_log(report, ctx), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report, ctx: RenderContext) -> dict[str, Any]:
    report = prepared(report, ctx)
    rules = _rules(report, ctx)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    documents = {d.path for d in report.documents}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
                "properties": {"rulesVersion": report.tool.rules_version},
            }
        },
        "originalUriBaseIds": {
            BASE_ID: {"description": {"text": "The client folder that was audited."}}
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    _notification(d) for d in report.documents if d.status != "ok"
                ],
            }
        ],
        "artifacts": [_artifact(d) for d in report.documents],
        "results": [_result(f, index, documents) for f in report.findings],
        "properties": {
            "clientId": report.case.client_id,
            "asOf": report.case.as_of.isoformat(),
            "auditedAt": report.case.audited_at,
            "summary": report.summary.model_dump(mode="json"),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rules(report: Report, ctx: RenderContext) -> list[dict[str, Any]]:
    """Every catalogue rule, then any rule a finding names that this catalogue does not hold."""
    rules = [_rule(meta) for meta in ctx.catalogue.rules]
    known = set(ctx.catalogue.ids)
    for finding in report.findings:
        if finding.rule not in known:
            known.add(finding.rule)
            rules.append(
                {
                    "id": finding.rule,
                    "name": _pascal(rule_title(ctx, finding)),
                    "shortDescription": {"text": rule_title(ctx, finding)},
                    "defaultConfiguration": {"level": _LEVEL[finding.severity]},
                }
            )
    return rules


def _rule(meta: RuleMeta) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": meta.id,
        "name": _pascal(meta.title),
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": meta.rationale},
        "help": {"text": meta.remediation},
        "defaultConfiguration": {"level": _LEVEL[meta.severity]},
        "properties": {"family": meta.family, "severity": meta.severity.value},
    }
    if meta.references:
        rule["properties"]["references"] = list(meta.references)
    return rule


def _pascal(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", title))


def _location(document: str, evidence: Evidence | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": document, "uriBaseId": BASE_ID}}
    if evidence is not None and (evidence.page is not None or evidence.text):
        region: dict[str, Any] = {}
        if evidence.text:
            region["snippet"] = {"text": evidence.text}
        properties: dict[str, Any] = {}
        if evidence.page is not None:
            properties["page"] = evidence.page
        if evidence.bbox is not None:
            properties["bbox"] = list(evidence.bbox)
        if evidence.method is not None:
            properties["method"] = evidence.method
        if properties:
            region["properties"] = properties
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(finding: Finding, index: dict[str, int], documents: set[str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
    }
    locations = [_location(e.document, e) for e in finding.evidence]
    if not locations and finding.subject in documents:
        locations = [_location(finding.subject)]
    if finding.subject not in documents:
        logical = [{"fullyQualifiedName": finding.subject, "kind": "profile"}]
        locations = [{**loc, "logicalLocations": logical} for loc in locations] or [
            {"logicalLocations": logical}
        ]
    if locations:
        result["locations"] = locations
    if finding.fingerprint:
        result["partialFingerprints"] = {"docaudit/v1": finding.fingerprint}
    if finding.waived is not None:
        waiver = finding.waived
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": waiver.reason,
        }
        extra = {"by": waiver.by, "until": waiver.until.isoformat() if waiver.until else None}
        if any(extra.values()):
            suppression["properties"] = {k: v for k, v in extra.items() if v}
        result["suppressions"] = [suppression]
    properties = {
        "severity": finding.severity.value,
        "subject": finding.subject,
        "declared": finding.declared,
        "found": finding.found,
        "remediation": finding.remediation or None,
    }
    result["properties"] = {k: v for k, v in properties.items() if v is not None}
    return result


def _artifact(document: DocumentRecord) -> dict[str, Any]:
    artifact: dict[str, Any] = {
        "location": {"uri": document.path, "uriBaseId": BASE_ID},
        "properties": {
            "type": document.type,
            "person": document.person,
            "pages": document.pages,
            "ocr": document.ocr,
            "status": document.status,
        },
    }
    if document.sha256:
        artifact["hashes"] = {"sha-256": document.sha256}
    if document.size:
        artifact["length"] = document.size
    return artifact


def _notification(document: DocumentRecord) -> dict[str, Any]:
    reason = document.problem or document.status
    return {
        "level": "note" if document.status == "ignored" else "warning",
        "message": {"text": f"{document.path}: {reason}"},
        "locations": [_location(document.path)],
        "properties": {"status": document.status},
    }
