"""The report-side models: evidence, facts, findings, documents and the report itself.

They are pydantic models so that the JSON report is the model serialised, field for field, as
``spec/report-v1.md`` fixes it; formatters read these and never recompute anything.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from docaudit.core.text import BBox, Line, Method, Page

REPORT_SCHEMA = "docaudit/report/v1"

DocType = Literal[
    "reference_letter",
    "pay_stub",
    "tax_document",
    "employment_contract",
    "language_test",
    "eca_report",
    "diploma",
    "transcript",
    "passport",
    "national_id",
    "birth_certificate",
    "marriage_certificate",
    "divorce_certificate",
    "police_certificate",
    "medical",
    "bank_statement",
    "bank_letter",
    "provincial_nomination",
    "job_offer",
    "explanation_letter",
    "other",
]
Person = Literal["applicant", "spouse", "child", "unknown"]
DocStatus = Literal["ok", "unreadable", "unsupported", "ignored"]


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse, so ``--fail-on`` is a comparison."""
        return {"info": 0, "low": 1, "medium": 2, "high": 3}[self.value]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """Where a fact was read: enough for a consultant to find it on the page in seconds."""

    document: str
    """Path relative to the client folder, with forward slashes."""
    sha256: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str = ""
    method: Method | None = None
    ocr_confidence: float | None = None

    @classmethod
    def from_line(
        cls,
        document: str,
        sha256: str,
        page: Page,
        line: Line,
        span: tuple[int, int] | None = None,
    ) -> Evidence:
        """Evidence for a whole line, or for the words under ``span`` (character offsets)."""
        box: BBox | None = line.span_bbox(*span) if span else line.bbox
        conf = line.conf
        return cls(
            document=document,
            sha256=sha256,
            page=page.number,
            bbox=tuple(round(v, 1) for v in box) if box else None,  # type: ignore[arg-type]
            text=line.text,
            method=page.method,
            ocr_confidence=round(conf, 1) if conf is not None else None,
        )


FactValue = str | int | float | bool | dt.date | list[Any] | dict[str, Any] | None


class Fact(_Frozen):
    """One typed value read from a document, with the evidence it rests on."""

    kind: str
    """What the value is, e.g. ``employment.start``, ``passport.number``, ``ielts.reading``."""
    value: FactValue
    evidence: Evidence
    ambiguous: bool = False
    """True when the reading had a choice it could not settle (a day-first/month-first date)."""
    note: str | None = None


class Waiver(_Frozen):
    rule: str
    subject: str | None = None
    reason: str
    by: str | None = None
    until: dt.date | None = None


class Finding(_Frozen):
    rule: str
    severity: Severity
    title: str
    message: str
    subject: str
    declared: str | None = None
    found: str | None = None
    evidence: tuple[Evidence, ...] = ()
    remediation: str = ""
    fingerprint: str = ""
    waived: Waiver | None = None


class DocumentRecord(_Frozen):
    path: str
    sha256: str
    type: DocType | None
    person: Person | None
    pages: int
    ocr: bool
    status: DocStatus
    mean_ocr_confidence: float | None = None
    size: int = 0
    file_type: str = ""
    problem: str | None = None
    """Why the file could not be used, in words a consultant understands."""
    classified_by: Literal["content", "manifest", "none"] = "none"


class Tool(_Frozen):
    name: str = "docaudit"
    version: str
    rules_version: str


class Case(_Frozen):
    client_id: str | None
    path: str
    audited_at: str
    as_of: dt.date


class Summary(_Frozen):
    high: int = 0
    medium: int = 0
    low: int = 0
    info: int = 0
    documents: int = 0
    unreadable: int = 0
    waived: int = 0
    baselined: int = 0


class Report(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    schema_: str = Field(default=REPORT_SCHEMA, alias="schema")
    tool: Tool
    case: Case
    documents: tuple[DocumentRecord, ...]
    findings: tuple[Finding, ...]
    crs: dict[str, Any] | None = None
    noc: tuple[dict[str, Any], ...] = ()
    summary: Summary

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
