"""Marriage, divorce and birth certificates: who the certificate records, and when and where.

Relationship rules compare these dates and names with the profile (a spouse declared before the
marriage, a child's parents), so every recorded person is a ``civil.party``; on a birth
certificate the child is also the certificate's ``person``.
"""

from __future__ import annotations

import re

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields


@extractor("marriage_certificate")
def marriage_certificate(source: Source) -> list[Fact]:
    return _union(Fields(source, "marriage_certificate"))


@extractor("divorce_certificate")
def divorce_certificate(source: Source) -> list[Fact]:
    return _union(Fields(source, "divorce_certificate"))


def _union(doc: Fields) -> list[Fact]:
    return [
        *_parties(doc),
        *(
            f
            for f in (
                doc.date("civil.event_date", "event_date"),
                doc.text("civil.place", "place"),
                doc.date("document.date", "issued"),
            )
            if f
        ),
    ]


def _parties(doc: Fields) -> list[Fact]:
    facts = [f for hit in doc.hits("party") if (f := doc.name_fact("civil.party", hit))]
    if facts:
        return facts
    for a, b in zip(doc.sentences("parties", "a"), doc.sentences("parties", "b"), strict=False):
        return [f for f in (doc.name_fact("civil.party", a), doc.name_fact("civil.party", b)) if f]
    return []


@extractor("birth_certificate")
def birth_certificate(source: Source) -> list[Fact]:
    doc = Fields(source, "birth_certificate")
    child = doc.name("person.name", "child")
    facts = [f for f in (child,) if f]
    if child is not None:
        facts.append(child.model_copy(update={"kind": "civil.party"}))
    facts += [
        f for f in (doc.name("civil.party", "father"), doc.name("civil.party", "mother")) if f
    ]
    birth = doc.date("civil.event_date", "event_date")
    if birth is not None:
        facts += [birth, birth.model_copy(update={"kind": "person.date_of_birth"})]
    facts += [
        f
        for f in (_sex(doc), doc.text("civil.place", "place"), doc.date("document.date", "issued"))
        if f
    ]
    return facts


def _sex(doc: Fields) -> Fact | None:
    words: dict[str, list[str]] = doc.labels.raw.get("sex_words") or {}
    for hit in doc.hits("sex"):
        for code, patterns in words.items():
            for pattern in patterns:
                m = re.search(pattern, hit.text, re.IGNORECASE)
                if m is not None:
                    return doc.reader.fact("person.sex", code, hit, doc.reader.sub(hit, m.span()))
    return None
