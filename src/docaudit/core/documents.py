"""A client document as the checks see it: what was read, what it is, and the facts it states."""

from __future__ import annotations

from dataclasses import dataclass, field

from docaudit.core.models import DocStatus, DocType, DocumentRecord, Fact, Person
from docaudit.core.text import DocumentText


@dataclass(frozen=True)
class Document:
    rel: str
    """Path relative to the client folder, with forward slashes: the name users and reports use."""
    sha256: str
    size: int
    file_type: str
    text: DocumentText | None
    status: DocStatus
    problem: str | None = None
    doc_type: DocType | None = None
    person: Person | None = None
    classified_by: str = "none"
    facts: tuple[Fact, ...] = ()
    country: str | None = None
    """Issuing or concerned country, when the manifest or the document says."""
    labels: dict[str, str] = field(default_factory=dict)

    def facts_of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]

    def first(self, kind: str) -> Fact | None:
        return next((f for f in self.facts if f.kind == kind), None)

    def record(self) -> DocumentRecord:
        text = self.text
        return DocumentRecord(
            path=self.rel,
            sha256=self.sha256,
            type=self.doc_type,
            person=self.person,
            pages=len(text.pages) if text else 0,
            ocr=bool(text and text.ocr),
            status=self.status,
            mean_ocr_confidence=text.mean_confidence if text else None,
            size=self.size,
            file_type=self.file_type,
            problem=self.problem,
            classified_by=self.classified_by,  # type: ignore[arg-type]
        )
