"""ECA reports, diplomas and transcripts: who assessed or awarded what, to whom, and when.

An ECA's Canadian equivalency is what CRS points rest on, so its wording is mapped to the
profile's education level keys through a table (``rules/extract/eca_report.yaml``); wording the
table does not know yields no equivalency fact rather than a guess. Diplomas mostly print their
facts in sentences ("This is to certify that ... has been awarded the degree of ..."), so each
field has label patterns and sentence patterns.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields
from docaudit.extract.facts.reader import load_labels

_REFERENCE = re.compile(r"(?P<v>[A-Z0-9][A-Z0-9/-]{3,})", re.IGNORECASE)
_HEAD_LINES = 6


@cache
def _eca_vocab() -> tuple[
    list[tuple[str, tuple[re.Pattern[str], ...]]],
    list[tuple[str, tuple[re.Pattern[str], ...]]],
    str,
]:
    raw: dict[str, Any] = load_labels("eca_report").raw

    def compiled(
        entries: list[dict[str, Any]], key: str
    ) -> list[tuple[str, tuple[re.Pattern[str], ...]]]:
        return [
            (str(e[key]), tuple(re.compile(p, re.IGNORECASE) for p in e["patterns"]))
            for e in entries
        ]

    return (
        compiled(raw["organizations"], "code"),
        compiled(raw["equivalencies"], "level"),
        str(raw["other_organization"]),
    )


@extractor("eca_report")
def eca_report(source: Source) -> list[Fact]:
    doc = Fields(source, "eca_report")
    facts = [
        f
        for f in (
            _organization(doc),
            doc.text("eca.reference", "reference", _REFERENCE),
            doc.date("eca.issued", "issued"),
            doc.name("person.name", "full_name"),
            doc.date("person.date_of_birth", "date_of_birth"),
            doc.text("eca.credential", "credential"),
            doc.text("eca.institution", "institution"),
            _equivalency(doc),
        )
        if f
    ]
    return facts


def _organization(doc: Fields) -> Fact | None:
    organizations, _, other = _eca_vocab()
    for code, patterns in organizations:
        for pattern in patterns:
            hit = next(doc.reader.search(pattern), None)
            if hit is not None:
                return doc.reader.fact("eca.organization", code, hit)
    first = next(doc.reader.lines(), None)
    return doc.reader.fact("eca.organization", other, first) if first else None


def _equivalency(doc: Fields) -> Fact | None:
    _, levels, _ = _eca_vocab()
    for hit in doc.values("equivalency"):
        for level, patterns in levels:
            for pattern in patterns:
                m = pattern.search(hit.text)
                if m is not None:
                    return doc.reader.fact("eca.equivalency", level, hit)
    return None


@extractor("diploma")
def diploma(source: Source) -> list[Fact]:
    return _credential(Fields(source, "diploma"))


@extractor("transcript")
def transcript(source: Source) -> list[Fact]:
    return _credential(Fields(source, "transcript"))


def _credential(doc: Fields) -> list[Fact]:
    credential = doc.text("edu.credential", "credential")
    facts = [
        f
        for f in (
            _institution(doc),
            credential,
            _field(doc, credential),
            doc.name("person.name", "full_name"),
            doc.date("edu.completed", "completed"),
        )
        if f
    ]
    return facts


def _institution(doc: Fields) -> Fact | None:
    """The labelled institution, else the heading line that names one (diplomas and transcripts
    put the institution at the top)."""
    fact = doc.text("edu.institution", "institution")
    if fact is not None:
        return fact
    words = [re.compile(p, re.IGNORECASE) for p in doc.labels.raw.get("institution_words", [])]
    for hit in list(doc.reader.lines())[:_HEAD_LINES]:
        if any(w.search(hit.text) for w in words):
            return doc.reader.fact("edu.institution", hit.text.strip(), hit)
    return None


def _field(doc: Fields, credential: Fact | None) -> Fact | None:
    fact = doc.text("edu.field", "field")
    if fact is not None or credential is None:
        return fact
    pattern = doc.labels.raw.get("field_in_credential")
    if not pattern or not isinstance(credential.value, str):
        return None
    m = re.search(pattern, credential.value)
    if m is None:
        return None
    return Fact(
        kind="edu.field",
        value=m.group("v").strip(),
        evidence=credential.evidence,
        note="read from the credential's name",
    )
