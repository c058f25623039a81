"""Provincial nomination certificates: which province, the certificate, and how long it holds.

A nomination is worth 600 CRS points only while valid, so its issue and expiry dates are read
with the document's own day/month order like every other date.
"""

from __future__ import annotations

import re
from functools import cache

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields
from docaudit.extract.facts.reader import load_labels

_NUMBER = re.compile(r"(?P<v>[A-Z0-9][A-Z0-9/-]{3,})", re.IGNORECASE)


@cache
def _provinces() -> list[tuple[str, tuple[re.Pattern[str], ...]]]:
    raw: dict[str, list[str]] = load_labels("provincial_nomination").raw["provinces"]
    return [(code, tuple(re.compile(p, re.IGNORECASE) for p in pats)) for code, pats in raw.items()]


@extractor("provincial_nomination")
def provincial_nomination(source: Source) -> list[Fact]:
    doc = Fields(source, "provincial_nomination")
    return [
        f
        for f in (
            _province(doc),
            doc.text("pnp.certificate_number", "number", _NUMBER),
            doc.date("pnp.issued", "issued"),
            doc.date("pnp.expiry", "expiry"),
            doc.name("person.name", "full_name"),
            doc.date("person.date_of_birth", "date_of_birth"),
            doc.issuer(),
        )
        if f
    ]


def _province(doc: Fields) -> Fact | None:
    """The first province named in reading order: the issuing government heads the page."""
    for hit in doc.reader.lines():
        for code, patterns in _provinces():
            for pattern in patterns:
                m = pattern.search(hit.text)
                if m is not None:
                    return doc.reader.fact("pnp.province", code, hit, m.span())
    return None
