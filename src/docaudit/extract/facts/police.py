"""Police certificates: whose, from which country, when, and whether a record was found.

The country matters most (one certificate per country of residence is required), and many
authorities do not print it ("Regional Passport Office"), so the order is: the folder's country
hint, then the authority table in ``rules/extract/police_certificate.yaml``, then the one country
the certificate names.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from docaudit.core.countries import to_alpha3
from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields, countries_named
from docaudit.extract.facts.reader import load_labels

Table = list[tuple[str, tuple[re.Pattern[str], ...]]]


@cache
def _tables() -> tuple[Table, Table]:
    raw: dict[str, Any] = load_labels("police_certificate").raw

    def compiled(entries: list[dict[str, Any]], key: str) -> Table:
        return [
            (str(e[key]), tuple(re.compile(p, re.IGNORECASE) for p in e["patterns"]))
            for e in entries
        ]

    return compiled(raw["authorities"], "country"), compiled(raw["results"], "code")


@extractor("police_certificate")
def police_certificate(source: Source) -> list[Fact]:
    doc = Fields(source, "police_certificate")
    return [
        f
        for f in (
            _country(doc),
            doc.name("person.name", "full_name"),
            doc.date("person.date_of_birth", "date_of_birth"),
            doc.date("document.date", "issued"),
            _result(doc),
            doc.issuer(),
        )
        if f
    ]


def _country(doc: Fields) -> Fact | None:
    first = next(doc.reader.lines(), None)
    if first is None:
        return None
    hint = to_alpha3(doc.source.country_hint) if doc.source.country_hint else None
    if hint:
        return doc.reader.fact("police.country", hint, first, note="from the folder's country")
    authorities, _ = _tables()
    for code, patterns in authorities:
        for pattern in patterns:
            hit = next(doc.reader.search(pattern), None)
            if hit is not None:
                return doc.reader.fact("police.country", code, hit)
    for hit in doc.reader.lines():
        named = countries_named(hit.text)
        if len(named) == 1:
            return doc.reader.fact("police.country", named.pop(), hit)
    return None


def _result(doc: Fields) -> Fact | None:
    _, results = _tables()
    for hit in doc.values("result"):
        for code, patterns in results:
            if any(p.search(hit.text) for p in patterns):
                return doc.reader.fact("police.result", code, hit)
    return None
