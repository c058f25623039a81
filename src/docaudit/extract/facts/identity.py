"""Passports and national identity cards, plus the field reading every personal document shares.

A passport states most facts twice: in the visual zone (labels in one or two languages, values on
the same line or below) and in the MRZ, whose check digits prove a clean reading. The visual zone
is what a consultant compares by eye, so it wins when readable; the MRZ fills gaps and is
reported whole (``passport.mrz``) so ID004 can tell an altered document from a poor scan.

``Fields`` is the reading the other personal-document extractors (language, education, funds,
police, civil, nomination, medical) build on: labelled values and sentence patterns from
``rules/extract/<doc_type>.yaml``, with one day/month order for the whole document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache, cached_property
from typing import Any

from docaudit.core.countries import to_alpha3
from docaudit.core.models import Evidence, Fact
from docaudit.core.text import Line, Page, union
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.parse import (
    MrzResult,
    ParsedDate,
    find_dates,
    parse_date,
    parse_name,
    read_mrz,
    resolve_order,
)
from docaudit.extract.facts.parse.dates import Order
from docaudit.extract.facts.parse.names import Layout, PersonName
from docaudit.extract.facts.reader import Hit, Labels, Reader, load_labels

_LEADING = re.compile(r"^[\s/:|.\-–]+")
_TRAILING = re.compile(r"[\s,;:|]+$")
_COLUMN_GAP = 20.0
"""Points by which a value column starts right of its label column."""


class Fields:
    """One document read through its type's label and sentence vocabulary."""

    def __init__(
        self, source: Source, doc_type: str, known_labels: tuple[re.Pattern[str], ...] = ()
    ) -> None:
        self.source = source
        self.known_labels = known_labels
        """Further labels a table may hold (score names), so columns of labels are counted."""
        self.reader = Reader(source)
        self.labels: Labels = load_labels(doc_type)
        self._sentences: dict[str, tuple[re.Pattern[str], ...]] = {
            name: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
            for name, patterns in (self.labels.raw.get("sentences") or {}).items()
        }
        self._continued: dict[tuple[int, tuple[int, int]], str] = {}
        """Sentence values that run on into the next line: their whole text, by where they start."""

    @cached_property
    def country(self) -> str | None:
        """The country whose conventions the document follows: the caller's hint, else the one
        country the document names (a document naming several gives no answer)."""
        if self.source.country_hint:
            return to_alpha3(self.source.country_hint)
        named = {code for hit in self.reader.lines() for code in countries_named(hit.line.text)}
        return named.pop() if len(named) == 1 else None

    @cached_property
    def order(self) -> Order | None:
        dates = [d for hit in self.reader.lines() for d in find_dates(hit.line.text)]
        return resolve_order(dates, self.country)

    def hits(self, field: str) -> Iterator[Hit]:
        """Values after ``field``'s labels: those on the label's own line first, then those
        below a label that ends its line, or across from it when OCR read a two-column table
        column by column (see ``_columns``)."""
        patterns = self.labels.get(field)
        for hit in self.reader.labelled(patterns, next_line=False):
            trimmed = _trim(hit)
            if trimmed is not None:
                yield trimmed
        rows = self.reader.rows
        for hit in self.reader.lines():
            if not self._bare_label(hit.index, patterns):
                continue
            target = self._columns.get(hit.index)
            nxt = hit.index + 1
            if target is None and nxt < len(rows) and not self._bare_label(nxt):
                target = nxt
            if target is not None:
                page, line = rows[target]
                trimmed = _trim(Hit(page, line, target, (0, len(line.text))))
                if trimmed is not None:
                    yield trimmed

    def column_value(self, index: int) -> Hit | None:
        """The value paired with the bare label at line ``index`` in a table read by columns."""
        target = self._columns.get(index)
        if target is None:
            return None
        page, line = self.reader.rows[target]
        return Hit(page, line, target, (0, len(line.text)))

    @cached_property
    def _columns(self) -> dict[int, int]:
        """Bare label line -> value line, for tables OCR read column by column.

        The labels come first (headings and complete ``label value`` rows may stand between
        them); each value is a later line on its label's row, further right.
        """
        rows = self.reader.rows
        pairs: dict[int, int] = {}
        i = 0
        while i < len(rows):
            if not self._bare_label(i):
                i += 1
                continue
            labels = [i]
            j = i + 1
            while j < len(rows) and (self._bare_label(j) or self._interrupts(j)):
                if self._bare_label(j):
                    labels.append(j)
                j += 1
            pairs.update(self._same_rows(labels))
            i = labels[-1] + 1
        return pairs

    def _same_rows(self, labels: list[int]) -> dict[int, int]:
        """Each label's value: a later line right of the labels on the same visual row (OCR
        read it in a second pass over the value column; centred headings and the MRZ read in
        among the values sit on rows of their own)."""
        rows = self.reader.rows
        label_x = [x for x in map(self._left, labels) if x is not None]
        if not label_x:
            return {}
        candidates = []
        k = labels[-1] + 1
        while k < len(rows) and not self._bare_label(k):
            x = self._left(k)
            if x is not None and x > max(label_x) + _COLUMN_GAP and not self._labelled_row(k):
                candidates.append(k)
            k += 1
        pairs: dict[int, int] = {}
        for label in labels:
            page, line = rows[label]
            box = line.bbox
            if box is None:
                continue
            centre, height = (box[1] + box[3]) / 2, box[3] - box[1]
            for k in candidates:
                other_page, other = rows[k]
                ob = other.bbox
                if other_page is page and ob and abs((ob[1] + ob[3]) / 2 - centre) < height * 0.6:
                    pairs[label] = k
                    break
        return pairs

    def _left(self, index: int) -> float | None:
        box = self.reader.rows[index][1].bbox
        return box[0] if box else None

    def _interrupts(self, index: int) -> bool:
        """A heading (no digits) or a complete ``label value`` row inside a column of labels."""
        text = self.reader.rows[index][1].text
        return self._labelled_row(index) or not any(c.isdigit() for c in text)

    def _labelled_row(self, index: int) -> bool:
        text = self.reader.rows[index][1].text
        return any(p.search(text) for p in self._all_labels) and not self._bare_label(index)

    def _bare_label(self, index: int, patterns: tuple[re.Pattern[str], ...] | None = None) -> bool:
        """The line at ``index`` is only a label (of ``patterns``, or of any field)."""
        text = self.reader.rows[index][1].text
        candidates = patterns if patterns is not None else self._all_labels
        for pattern in candidates:
            m = pattern.search(text)
            if m is not None and not _LEADING.sub("", text[m.end() :]).strip():
                return True
        return False

    @cached_property
    def _all_labels(self) -> tuple[re.Pattern[str], ...]:
        known = tuple(p for patterns in self.labels.fields.values() for p in patterns)
        return known + self.known_labels

    def first(self, field: str) -> Hit | None:
        return next(self.hits(field), None)

    def sentences(self, field: str, group: str = "v") -> Iterator[Hit]:
        """``group`` of the field's sentence patterns; a sentence may wrap onto the next line,
        and the value is boxed on the line where it starts."""
        rows = self.reader.rows
        for pattern in self._sentences.get(field, ()):
            for hit in self.reader.lines():
                text = hit.line.text
                nxt = rows[hit.index + 1][1].text if hit.index + 1 < len(rows) else ""
                joined = f"{text} {nxt}" if nxt else text
                m = pattern.search(joined)
                if m is None or m.start() >= len(text) or m.group(group) is None:
                    continue
                start, end = m.span(group)
                if start <= len(text):
                    found = Hit(hit.page, hit.line, hit.index, (start, min(end, len(text))))
                    if end > len(text):
                        self._continued[(hit.index, found.span)] = joined[start:end]
                else:
                    page, line = rows[hit.index + 1]
                    offset = len(text) + 1
                    found = Hit(page, line, hit.index + 1, (start - offset, end - offset))
                trimmed = _trim(found)
                if trimmed is not None:
                    if (found.index, found.span) in self._continued:
                        whole = self._continued[(found.index, found.span)]
                        self._continued[(trimmed.index, trimmed.span)] = _TRAILING.sub(
                            "", _LEADING.sub("", whole)
                        )
                    yield trimmed

    def value(self, field: str) -> Hit | None:
        """A labelled value, else one found in a sentence."""
        return self.first(field) or next(self.sentences(field), None)

    def values(self, field: str) -> Iterator[Hit]:
        yield from self.hits(field)
        yield from self.sentences(field)

    def date(self, kind: str, field: str, *, years: bool = False) -> Fact | None:
        for hit in self.values(field):
            fact = self.date_fact(kind, hit, years=years) or self._wrapped_date(kind, hit)
            if fact is not None:
                return fact
        return None

    def _wrapped_date(self, kind: str, hit: Hit) -> Fact | None:
        """A date that ends its line and goes on at the start of the next ("on 4 September" /
        "2024 at ..."), boxed where it starts."""
        if hit.span[1] != len(hit.line.text) or hit.index + 1 >= len(self.reader.rows):
            return None
        following = self.reader.rows[hit.index + 1][1].text
        parsed = parse_date(f"{hit.text} {following}", order=self.order)
        if parsed is None or parsed.span[0] >= len(hit.text) or parsed.span[1] <= len(hit.text):
            return None
        span = self.reader.sub(hit, (parsed.span[0], len(hit.text)))
        return self.reader.fact(kind, parsed.value, hit, span, ambiguous=parsed.ambiguous)

    def date_fact(self, kind: str, hit: Hit, *, years: bool = False) -> Fact | None:
        parsed = parse_date(hit.text, years=years, order=self.order)
        if parsed is None:
            return None
        return self.fact_of_date(kind, hit, parsed)

    def fact_of_date(self, kind: str, hit: Hit, parsed: ParsedDate) -> Fact:
        note = None
        if parsed.ambiguous:
            first, second = parsed.alternatives
            note = f"day/month order not proven: {first.isoformat()} or {second.isoformat()}"
        elif parsed.precision != "day":
            note = f"{parsed.precision} precision: the first day stands for the {parsed.precision}"
        return self.reader.fact(
            kind,
            parsed.value,
            hit,
            self.reader.sub(hit, parsed.span),
            ambiguous=parsed.ambiguous,
            note=note,
        )

    def text(self, kind: str, field: str, pattern: re.Pattern[str] | None = None) -> Fact | None:
        """The value as printed; with ``pattern``, only its first match (group ``v`` or all)."""
        for hit in self.values(field):
            span: tuple[int, int] | None = (0, len(hit.text))
            if pattern is not None:
                m = pattern.search(hit.text)
                span = (m.span("v") if "v" in pattern.groupindex else m.span()) if m else None
            if span is None or span[0] == span[1]:
                continue
            inner = self.reader.sub(hit, span)
            value = hit.line.text[inner[0] : inner[1]].strip()
            whole = self._continued.get((hit.index, hit.span))
            if pattern is None and whole:
                value = whole.strip()
            if value:
                return self.reader.fact(kind, value, hit, inner)
        return None

    def name(self, kind: str, field: str, layout: Layout = "auto") -> Fact | None:
        for hit in self.values(field):
            fact = self.name_fact(kind, hit, layout)
            if fact is not None:
                return fact
        return None

    def name_fact(self, kind: str, hit: Hit, layout: Layout = "auto") -> Fact | None:
        parsed = parse_name(_without_brackets(hit.text), layout)
        if parsed is None or not parsed.family:
            return None
        return self.reader.fact(kind, name_value(parsed), hit, self.reader.sub(hit, parsed.span))

    def split_name(self, kind: str, family_field: str, given_field: str) -> Fact | None:
        """A name printed as two labelled fields (``Surname`` and ``Given names``)."""
        family = self.first(family_field)
        given = self.first(given_field)
        if family is None or given is None:
            return None
        fam = parse_name(family.text, "given_first")
        giv = parse_name(f"{given.text} X", "given_first")
        if fam is None or giv is None:
            return None
        family_name = " ".join(p for p in (fam.given_names, fam.family) if p)
        raw = f"{family.text}, {given.text}"
        value = {
            "raw": raw,
            "family": family_name,
            "given": giv.given,
            "middle": giv.middle,
            "layout": "labelled",
        }
        return self.reader.fact(kind, value, family)

    def issuer(self, kind: str = "document.issuer") -> Fact | None:
        """The authority named in the labels, else the first line of the first page (letterheads
        and certificates put the issuer there)."""
        fact = self.text(kind, "issuer")
        if fact is not None:
            return fact
        hit = next(self.reader.lines(), None)
        if hit is None:
            return None
        value = hit.text.strip()
        return self.reader.fact(kind, value, hit) if value else None

    def evidence_of(self, page: Page, lines: list[Line], text: str) -> Evidence:
        """Evidence spanning several lines (an MRZ read as one zone)."""
        box = union([b for b in (ln.bbox for ln in lines) if b])
        confs = [ln.conf for ln in lines if ln.conf is not None]
        return Evidence(
            document=self.source.rel,
            sha256=self.source.sha256,
            page=page.number,
            bbox=tuple(round(v, 1) for v in box) if box else None,  # type: ignore[arg-type]
            text=text,
            method=page.method,
            ocr_confidence=round(sum(confs) / len(confs), 1) if confs else None,
        )


def _trim(hit: Hit) -> Hit | None:
    """The hit without separators left over from bilingual labels (``Surname / Nom / X``)."""
    text = hit.text
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    tail = _TRAILING.search(text, start)
    end = tail.start() if tail else len(text)
    if start >= end:
        return None
    return Hit(hit.page, hit.line, hit.index, (hit.span[0] + start, hit.span[0] + end))


def _without_brackets(text: str) -> str:
    """Names followed by ``(born ...)`` or ``(maiden name)``: the bracket is not part of it."""
    return re.sub(r"\(.*$", lambda m: " " * len(m.group()), text)


def name_value(parsed: PersonName) -> dict[str, Any]:
    family_first = bool(parsed.family) and parsed.raw.find(parsed.family) < max(
        parsed.raw.find(parsed.given) if parsed.given else len(parsed.raw), 0
    )
    return {
        "raw": parsed.raw,
        "family": parsed.family,
        "given": parsed.given,
        "middle": parsed.middle,
        "layout": "family_first" if family_first else "given_first",
    }


@cache
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value.lower()] = str(country.alpha_3)
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n) for n in alternatives)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE), names


def countries_named(text: str) -> set[str]:
    """Alpha-3 codes of the countries whose English names appear in ``text``."""
    pattern, names = _country_pattern()
    return {names[m.group().lower()] for m in pattern.finditer(text)}


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


def _passport_number(doc: Fields, mrz: MrzResult | None, zone: Fact | None) -> list[Fact]:
    shape = re.compile(r"\b(?P<v>[A-Z0-9]{5,12})\b")
    visual = doc.text("passport.number", "number", shape)
    if mrz is None or zone is None:
        return [visual] if visual else []
    mrz_ok = mrz.checks.get("number", False) and bool(mrz.number)
    if visual is None:
        return [_from_mrz(zone, "passport.number", mrz.number)] if mrz_ok else []
    read = str(visual.value)
    if (
        visual.evidence.method == "ocr"
        and mrz_ok
        and read != mrz.number
        and read.translate(_CONFUSABLE) == mrz.number.translate(_CONFUSABLE)
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
