"""Passports and national identity cards.

A passport states most facts twice: in the visual zone (labels in one or two languages, values on
the same line or below) and in the MRZ, whose check digits prove a clean reading. The visual zone
is what a consultant compares by eye, so it wins when readable; the MRZ fills gaps and is
reported whole (``passport.mrz``) so ID004 can tell an altered document from a poor scan.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from docaudit.core.countries import to_alpha3
from docaudit.core.models import Fact
from docaudit.core.text import Line
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields
from docaudit.extract.facts.parse import MrzResult, parse_date, read_mrz
from docaudit.extract.facts.parse.dates import Order
from docaudit.extract.facts.reader import load_labels

# --- passports ----------------------------------------------------------------------------------

_CONFUSABLE = str.maketrans("O0I1S5B8Z2", "0011558822")


@extractor("passport")
def passport(source: Source) -> list[Fact]:
    doc = Fields(source, "passport")
    zone = _mrz(doc)
    mrz = zone[0] if zone else None
    if mrz is not None:
        doc.order = _order_from_mrz(doc, mrz) or doc.order
    facts: list[Fact] = []
    if zone is not None:
        facts.append(zone[1])
    facts += _passport_number(doc, mrz, zone[1] if zone else None)
    name = doc.split_name("person.name", "family_name", "given_names") or doc.name(
        "person.name", "full_name"
    )
    if name is None and mrz is not None and zone is not None and mrz.primary_identifier:
        name = _from_mrz(
            zone[1],
            "person.name",
            {
                "raw": f"{mrz.primary_identifier}, {mrz.secondary_identifier}".strip(", "),
                "family": mrz.primary_identifier,
                "given": mrz.secondary_identifier.split(" ")[0],
                "middle": " ".join(mrz.secondary_identifier.split(" ")[1:]),
                "layout": "family_first",
            },
        )
    facts += [f for f in (name,) if f]
    facts += _dated(
        doc, "person.date_of_birth", "date_of_birth", mrz.birth_date if mrz else None, zone
    )
    facts += _dated(doc, "passport.expiry", "expiry", mrz.expiry_date if mrz else None, zone)
    facts += [f for f in (doc.date("passport.issued", "issued"),) if f]
    facts += _coded(doc, "passport.country", "country", mrz.issuing_state if mrz else None, zone)
    facts += _coded(
        doc, "person.nationality", "nationality", mrz.nationality if mrz else None, zone
    )
    sex = doc.text("person.sex", "sex", re.compile(r"\b(?P<v>[MFX])\b"))
    if sex is None and mrz is not None and zone is not None and mrz.sex in ("M", "F", "X"):
        sex = _from_mrz(zone[1], "person.sex", mrz.sex)
    facts += [f for f in (sex, doc.text("document.issuer", "issuer")) if f]
    return facts


def _order_from_mrz(doc: Fields, mrz: MrzResult) -> Order | None:
    """The visual zone's numeric date order, proven by the same dates in the MRZ (which prints
    them unambiguously as YYMMDD)."""
    pairs = (("date_of_birth", mrz.birth_date), ("expiry", mrz.expiry_date))
    for field, known in pairs:
        if known is None:
            continue
        for hit in doc.hits(field):
            parsed = parse_date(hit.text)
            if parsed is not None and parsed.ambiguous and known in parsed.alternatives:
                return "dmy" if parsed.alternatives[0] == known else "mdy"
    return None


def _from_mrz(zone_fact: Fact, kind: str, value: Any) -> Fact:
    return Fact(kind=kind, value=value, evidence=zone_fact.evidence, note="read from the MRZ")


def _dated(
    doc: Fields,
    kind: str,
    field: str,
    from_mrz: dt.date | None,
    zone: tuple[MrzResult, Fact] | None,
) -> list[Fact]:
    fact = doc.date(kind, field)
    if fact is None and from_mrz is not None and zone is not None:
        fact = _from_mrz(zone[1], kind, from_mrz)
    return [fact] if fact else []


def _coded(
    doc: Fields,
    kind: str,
    field: str,
    from_mrz: str | None,
    zone: tuple[MrzResult, Fact] | None,
) -> list[Fact]:
    """A country printed as a code or a name; a nationality adjective (``INDIAN``) is not a
    country name, so the MRZ's code stands in for it."""
    for hit in doc.hits(field):
        code = to_alpha3(hit.text.strip()) if len(hit.text.strip()) <= 40 else None
        if code:
            return [doc.reader.fact(kind, code, hit)]
    if from_mrz and zone is not None and to_alpha3(from_mrz):
        return [_from_mrz(zone[1], kind, from_mrz)]
    return []


@cache
def _max_lost() -> int:
    return int(load_labels("passport").raw["max_glyphs_lost_in_number"])


def _passport_number(doc: Fields, mrz: MrzResult | None, zone: Fact | None) -> list[Fact]:
    shape = re.compile(r"\b(?P<v>[A-Z0-9]{5,12})\b")
    visual = doc.text("passport.number", "number", shape)
    if mrz is None or zone is None:
        return [visual] if visual else []
    mrz_ok = mrz.checks.get("number", False) and bool(mrz.number)
    if visual is None:
        return [_from_mrz(zone, "passport.number", mrz.number)] if mrz_ok else []
    read = str(visual.value)
    # OCR confuses a number's glyphs, splits it ("HF 1861023") or loses one to a mark
    # ("$W2626243"): a reading that is most of the number the MRZ's check digit confirms is that.
    if (
        visual.evidence.method == "ocr"
        and mrz_ok
        and read != mrz.number
        and read.translate(_CONFUSABLE) in mrz.number.translate(_CONFUSABLE)
        and len(read) >= len(mrz.number) - _max_lost()
    ):
        return [
            visual.model_copy(
                update={
                    "value": mrz.number,
                    "note": f"OCR read {read}; the MRZ's check digit confirms {mrz.number}",
                }
            )
        ]
    return [visual]


_MRZ_CHARS = re.compile(r"^[A-Z0-9<«K ]+$")


def _mrz(doc: Fields) -> tuple[MrzResult, Fact] | None:
    """The zone on the last page that has one. OCR of the monospace lines may break a line in
    two or run both together, so when the lines as read hold no zone, the zone-shaped lines at
    the bottom of the page are joined and cut again at 44 characters."""
    for page in reversed(doc.source.text.pages):
        lines = [ln for ln in page.lines if ln.text.strip()]
        ocr = page.method == "ocr"
        found = _mrz_from_lines(lines, ocr)
        if found is None:
            continue
        result, used = found
        value = {
            "valid": result.valid,
            "confident": result.confident,
            "reconciled": result.reconciled,
            "checks": dict(result.checks),
            "failed": list(result.failed),
            "fields": {
                "document_type": result.document_type,
                "issuing_state": result.issuing_state,
                "surname": result.primary_identifier,
                "given_names": result.secondary_identifier,
                "number": result.number,
                "nationality": result.nationality,
                "birth_date": result.birth_date,
                "sex": result.sex,
                "expiry_date": result.expiry_date,
                "personal_number": result.personal_number,
            },
            "lines": list(result.lines),
        }
        evidence = doc.evidence_of(page, used, "\n".join(ln.text for ln in used))
        note = "; ".join(result.notes) or None
        return result, Fact(kind="passport.mrz", value=value, evidence=evidence, note=note)
    return None


def _mrz_text(line: Line, ocr: bool) -> str:
    """An MRZ has no lower-case letters; in an OCR'd zone-shaped line they are fillers misread
    (``<`` as ``c`` or ``e``), which the parser would otherwise take for capitals."""
    text = line.text
    squeezed = text.replace(" ", "")
    if ocr and len(squeezed) >= 30 and sum(c == "<" or c.islower() for c in squeezed) >= 5:
        return re.sub(r"[a-z]", "<", text)
    return text


def _mrz_from_lines(lines: list[Line], ocr: bool) -> tuple[MrzResult, list[Line]] | None:
    texts = [_mrz_text(ln, ocr) for ln in lines]
    text = "\n".join(texts)
    result = read_mrz(text, ocr=ocr)
    if result is not None and result.line_spans is not None:
        return result, _lines_at(lines, result.line_spans)
    tail: list[tuple[Line, str]] = []
    for line, line_text in reversed(list(zip(lines, texts, strict=True))):
        squeezed = line_text.replace(" ", "").upper()
        if _MRZ_CHARS.match(line_text.upper()) and len(squeezed) >= 8:
            tail.insert(0, (line, line_text))
        elif tail:
            break
    joined = "".join(t.replace(" ", "") for _, t in tail)
    start = joined.find("P<") if "P<" in joined else joined.find("P")
    if start < 0 or len(joined) - start < 80:
        return None
    zone = joined[start:]
    half = len(zone) // 2
    cut = 44 if abs(len(zone) - 88) <= 4 else half
    result = read_mrz(f"{zone[:cut]}\n{zone[cut:]}", ocr=ocr)
    return (result, [ln for ln, _ in tail]) if result is not None else None


def _lines_at(lines: list[Line], spans: tuple[tuple[int, int], tuple[int, int]]) -> list[Line]:
    used: list[Line] = []
    pos = 0
    for line in lines:
        end = pos + len(line.text)
        if any(pos < s_end and s_start < end + 1 for s_start, s_end in spans):
            used.append(line)
        pos = end + 1
    return used


# --- national identity cards ---------------------------------------------------------------------


@extractor("national_id")
def national_id(source: Source) -> list[Fact]:
    doc = Fields(source, "national_id")
    number = doc.text("id.number", "number", re.compile(r"(?P<v>[A-Z0-9][A-Z0-9 -]{4,}[A-Z0-9])"))
    name = doc.split_name("person.name", "family_name", "given_names") or doc.name(
        "person.name", "full_name"
    )
    birth = doc.date("person.date_of_birth", "date_of_birth")
    return [f for f in (number, name, birth, doc.date("document.date", "issued")) if f]
