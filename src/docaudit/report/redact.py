"""Masking identifiers in a report, so it can be mailed or attached where the client's file cannot.

Two sources, because neither is enough alone: the values the report itself names as identifiers
(a finding about ``applicant.passport.number`` carries the number in ``declared``/``found``) plus
any the caller passes from the profile, masked wherever they appear; and shapes from
``rules/redaction.yaml`` for identifiers no finding is about (a DOB line quoted as evidence).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from docaudit.core import paths
from docaudit.core.models import Evidence, Finding, Report
from docaudit.core.text import BBox
from docaudit.core.yamlio import load_located

_MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
_SEPARATORS = r"[\s./-]?"


class _Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    regex: str


class RedactionRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    keep_last: int = 3
    min_length_to_keep: int = 6
    mask_char: str = "*"
    identifier_subjects: tuple[str, ...] = ()
    patterns: tuple[_Pattern, ...] = ()


@dataclass(frozen=True)
class MaskedBox:
    """An area of a page to paint over in crops, because the text under it is masked."""

    document: str
    page: int
    bbox: BBox

    @classmethod
    def from_evidence(cls, evidence: Evidence) -> MaskedBox | None:
        if evidence.page is None or evidence.bbox is None:
            return None
        return cls(evidence.document, evidence.page, evidence.bbox)


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> RedactionRules:
    located = load_located(path or paths.rules_dir() / "redaction.yaml")
    return RedactionRules.model_validate(located.data)


def mask(value: str, rules: RedactionRules | None = None) -> str:
    """``AB1234567`` -> ``******567``; spaces inside the value are masked too, to hide its shape."""
    rules = rules or load_rules()
    keep = rules.keep_last if len(value) >= rules.min_length_to_keep else 0
    hidden = len(value) - keep
    return rules.mask_char * hidden + value[hidden:]


def date_spellings(value: str) -> tuple[str, ...]:
    """The ways a document may print an ISO date, so a declared DOB is found in any of them."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return ()
    month = _MONTHS[day.month - 1]
    d, m, y = day.day, day.month, day.year
    return (
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{d:02d}/{m:02d}/{y:04d}",
        f"{m:02d}/{d:02d}/{y:04d}",
        f"{d:02d}.{m:02d}.{y:04d}",
        f"{d:02d}-{m:02d}-{y:04d}",
        f"{y:04d}/{m:02d}/{d:02d}",
        f"{d} {month} {y}",
        f"{d:02d} {month} {y}",
        f"{month} {d}, {y}",
        f"{month} {d} {y}",
        f"{d} {month[:3]} {y}",
        f"{d:02d} {month[:3]} {y}",
        f"{d:02d}-{month[:3]}-{y}",
        f"{month[:3]} {d}, {y}",
        f"{y % 100:02d}{m:02d}{d:02d}",
    )


def identifiers_in(report: Report, rules: RedactionRules | None = None) -> tuple[str, ...]:
    """Declared and found values of findings whose subject is an identifier field."""
    rules = rules or load_rules()
    subjects = [re.compile(s) for s in rules.identifier_subjects]
    values: list[str] = []
    for finding in report.findings:
        if any(s.search(finding.subject) for s in subjects):
            values.extend(v for v in (finding.declared, finding.found) if v)
    return tuple(values)


class Redactor:
    """Masks a fixed set of identifiers and the configured shapes in any string."""

    def __init__(self, identifiers: Iterable[str], rules: RedactionRules | None = None) -> None:
        self.rules = rules or load_rules()
        spellings: set[str] = set()
        for raw in identifiers:
            value = raw.strip()
            if value:
                spellings.add(value)
                spellings.update(date_spellings(value))
        self._literals = [
            _literal_pattern(s) for s in sorted(spellings, key=lambda s: (-len(s), s))
        ]
        self._shapes = [re.compile(p.regex) for p in self.rules.patterns]

    def __call__(self, text: str) -> str:
        for pattern in self._literals:
            text = pattern.sub(lambda m: mask(m.group(0), self.rules), text)
        for pattern in self._shapes:
            text = pattern.sub(self._mask_match, text)
        return text

    def _mask_match(self, match: re.Match[str]) -> str:
        if "value" not in match.re.groupindex or match.group("value") is None:
            return mask(match.group(0), self.rules)
        start, end = match.span("value")
        whole = match.group(0)
        offset = match.start()
        value = whole[start - offset : end - offset]
        return whole[: start - offset] + mask(value, self.rules) + whole[end - offset :]

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self(text)


def _literal_pattern(value: str) -> re.Pattern[str]:
    """Match ``value`` case-insensitively, tolerating the spaces or dashes OCR and forms insert."""
    compact = re.sub(r"[\s./-]", "", value)
    if len(compact) < 5 or compact != value:
        return re.compile(re.escape(value), re.IGNORECASE)
    return re.compile(_SEPARATORS.join(re.escape(c) for c in compact), re.IGNORECASE)


def redact_report(
    report: Report, identifiers: Sequence[str] = (), rules: RedactionRules | None = None
) -> Report:
    """A copy of ``report`` with identifiers masked; fingerprints and counts stay as they are."""
    rules = rules or load_rules()
    redactor = Redactor((*identifiers_in(report, rules), *identifiers), rules)
    findings = tuple(_redact_finding(f, redactor) for f in report.findings)
    documents = tuple(
        d.model_copy(update={"problem": redactor.optional(d.problem)}) for d in report.documents
    )
    return report.model_copy(update={"findings": findings, "documents": documents})


def _redact_finding(finding: Finding, redactor: Redactor) -> Finding:
    waived = finding.waived
    if waived is not None:
        waived = waived.model_copy(update={"reason": redactor(waived.reason)})
    return finding.model_copy(
        update={
            "message": redactor(finding.message),
            "declared": redactor.optional(finding.declared),
            "found": redactor.optional(finding.found),
            "evidence": tuple(
                e.model_copy(update={"text": redactor(e.text)}) for e in finding.evidence
            ),
            "waived": waived,
        }
    )


def masked_boxes(report: Report, identifiers: Sequence[str] = ()) -> tuple[MaskedBox, ...]:
    """The evidence areas whose text redaction changes: what crops must paint over."""
    redacted = redact_report(report, identifiers)
    boxes: list[MaskedBox] = []
    for before, after in zip(report.findings, redacted.findings, strict=True):
        for ev_before, ev_after in zip(before.evidence, after.evidence, strict=True):
            box = MaskedBox.from_evidence(ev_before)
            if ev_before.text != ev_after.text and box is not None and box not in boxes:
                boxes.append(box)
    return tuple(boxes)
