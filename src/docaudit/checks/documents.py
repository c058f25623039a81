"""DOC: documents that cannot be read or placed."""

from __future__ import annotations

from collections.abc import Iterator

from docaudit.core.models import Evidence
from docaudit.core.registry import AuditContext, Draft, check


@check("DOC001")
def unreadable(ctx: AuditContext) -> Iterator[Draft]:
    for doc in ctx.documents:
        if doc.status in ("unreadable", "unsupported"):
            yield Draft(
                subject=doc.rel,
                message=f"{doc.rel} cannot be used: {doc.problem or 'unreadable'}.",
                found=doc.problem,
                evidence=(Evidence(document=doc.rel, sha256=doc.sha256),),
            )


@check("DOC004")
def unclassified(ctx: AuditContext) -> Iterator[Draft]:
    for doc in ctx.documents:
        if doc.status == "ok" and doc.doc_type in (None, "other"):
            yield Draft(
                subject=doc.rel,
                message=(
                    f"{doc.rel} could not be classified; no rule checked it. "
                    "State its type in manifest.yaml if it matters."
                ),
                evidence=(Evidence(document=doc.rel, sha256=doc.sha256),),
            )
