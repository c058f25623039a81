"""What a formatter may know besides the report: choices the caller made, not facts about the case.

Keeping these in one frozen object means every format answers ``--fail-on``, colour and redaction
the same way, and a formatter can never reach back into the audit for more data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from docaudit.core.catalogue import Catalogue
from docaudit.core.models import Evidence, Finding, Severity


@dataclass(frozen=True)
class RenderContext:
    catalogue: Catalogue
    fail_on: Severity | None = Severity.HIGH
    """Findings at or above this severity fail the run; ``None`` means nothing ever fails."""
    color: bool = False
    redact: bool = False
    redact_identifiers: tuple[str, ...] = ()
    """Strings the caller knows to be identifiers (the profile's), masked on top of the patterns."""
    assets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Evidence crops as PNG data-URIs, keyed by :func:`evidence_key`."""
    width: int = 100
    """Terminal columns for the text format; other formats ignore it."""


def evidence_key(evidence: Evidence) -> str:
    """Where evidence points; text is left out so a redacted copy still finds its crop."""
    page = evidence.page if evidence.page is not None else 0
    box = ",".join(f"{v:.1f}" for v in evidence.bbox) if evidence.bbox else "-"
    return f"{evidence.document}#p{page}@{box}"


def counts_toward_failure(finding: Finding, fail_on: Severity | None) -> bool:
    """Waived findings never fail a run: a consultant has already accepted them in writing."""
    if fail_on is None or finding.waived is not None:
        return False
    return finding.severity.rank >= fail_on.rank
