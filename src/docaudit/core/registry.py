"""The check registry: rule functions registered under their public ids.

A check is a small function that reads the audit context (profile, documents and their facts,
reference tables) and yields ``Draft`` findings. The registry adds what the catalogue holds (title,
severity, remedy) and a stable fingerprint, so checks never repeat catalogue text and a firm's
severity override applies everywhere.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docaudit.core.catalogue import Catalogue
from docaudit.core.config import ClientConfig
from docaudit.core.models import Evidence, Finding, Severity

if TYPE_CHECKING:
    import datetime as dt

    from docaudit.core.documents import Document
    from docaudit.core.profile import Profile


@dataclass(frozen=True)
class Draft:
    """What a check knows about one finding; the registry completes it from the catalogue."""

    subject: str
    message: str
    declared: str | None = None
    found: str | None = None
    evidence: tuple[Evidence, ...] = ()
    severity: Severity | None = None
    """Set only when the rule text grades the case (e.g. 1-30 days: medium); else the default."""
    key: str = ""
    """What distinguishes this finding from others of the same rule and subject (stable text)."""


@dataclass
class AuditContext:
    """Everything a check may read. Checks never parse text: facts are already typed here."""

    profile: Profile | None
    documents: tuple[Document, ...]
    as_of: dt.date
    previous_profile: Profile | None = None
    config: ClientConfig = field(default_factory=ClientConfig)
    """The client folder's docaudit.yaml (thresholds a firm or consultant set for this case)."""
    extras: dict[str, Any] = field(default_factory=dict)
    """Computed context shared between checks (NOC matcher, CRS results); filled lazily."""

    def documents_of(self, *types: str, person: str | None = None) -> list[Document]:
        """Readable documents of these types, optionally only those of one person."""
        return [
            d
            for d in self.documents
            if d.doc_type in types and d.status == "ok" and (person is None or d.person == person)
        ]

    def service(self, name: str, factory: Callable[[], Any]) -> Any:
        """A shared, lazily built helper (the NOC matcher, CRS results), built once per audit."""
        if name not in self.extras:
            self.extras[name] = factory()
        return self.extras[name]


CheckFn = Callable[[AuditContext], Iterable[Draft]]


@dataclass(frozen=True)
class Check:
    rule: str
    fn: CheckFn


_REGISTRY: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the implementation of ``rule_id`` (exactly one per id)."""

    def register(fn: CheckFn) -> CheckFn:
        if rule_id in _REGISTRY:
            raise RuntimeError(
                f"{rule_id} is implemented twice: {_REGISTRY[rule_id].fn.__module__}"
            )
        _REGISTRY[rule_id] = Check(rule_id, fn)
        return fn

    return register


def registered() -> dict[str, Check]:
    return dict(_REGISTRY)


def fingerprint(
    rule: str, subject: str, key: str, documents: Iterable[str], occurrence: int
) -> str:
    """Stable across runs and machines: no page positions, no timestamps, no absolute paths."""
    material = "\x1f".join([rule, subject, key, *sorted(set(documents)), str(occurrence)])
    return hashlib.sha256(material.encode()).hexdigest()[:32]


def complete(
    rule: str,
    drafts: Iterable[Draft],
    catalogue: Catalogue,
    severity_overrides: dict[str, Severity] | None = None,
) -> Iterator[Finding]:
    """Turn a check's drafts into findings with catalogue text and fingerprints."""
    meta = catalogue.get(rule)
    default = (severity_overrides or {}).get(rule, meta.severity)
    seen: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
    for draft in drafts:
        docs = tuple(sorted({e.sha256 or e.document for e in draft.evidence}))
        identity = (draft.subject, draft.key, docs)
        occurrence = seen[identity]
        seen[identity] += 1
        yield Finding(
            rule=rule,
            severity=draft.severity or default,
            title=meta.title,
            message=draft.message,
            subject=draft.subject,
            declared=draft.declared,
            found=draft.found,
            evidence=draft.evidence,
            remediation=meta.remediation,
            fingerprint=fingerprint(rule, draft.subject, draft.key, docs, occurrence),
        )
