"""The field reading every personal-document extractor shares.

Passports, test reports, ECAs, bank letters, certificates: each prints its facts after labels
(``Surname``, ``Date of Birth``; on the value's own line, the next line, or across a two-column
table OCR read column by column) or inside sentences (``We confirm that X holds ...``).
``Fields`` reads one document through its type's vocabulary in ``rules/extract/<doc_type>.yaml``
with one day/month order for the whole document, and refuses values that cannot be what the field
holds: a "name" that is a heading or a label OCR paired with the wrong line is no name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, cached_property
from typing import Any

from docaudit.core.countries import to_alpha3
from docaudit.core.models import Evidence, Fact
from docaudit.core.text import Line, Page, union
from docaudit.extract.facts import Source
from docaudit.extract.facts.parse import (
    ParsedDate,
    find_dates,
    parse_date,
    parse_name,
    resolve_order,
)
from docaudit.extract.facts.parse.dates import Order
from docaudit.extract.facts.parse.glyphs import letters_for_digits
from docaudit.extract.facts.parse.names import Layout, PersonName
from docaudit.extract.facts.reader import Hit, Labels, Reader, load_labels, only_label

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
        rows_of = {i: row for i in (*labels, *candidates) if (row := self._row(i)) is not None}
        shift = self._skew_shift(labels, candidates, rows_of)
        pairs: dict[int, int] = {}
        for label in labels:
            if label not in rows_of:
                continue
            page, centre, height = rows_of[label]
            for k in candidates:
                other = rows_of.get(k)
                if other and other[0] is page and abs(other[1] - centre - shift) < height * 0.6:
                    pairs[label] = k
                    break
        return pairs

    def _row(self, index: int) -> tuple[Page, float, float] | None:
        """The page, vertical centre and height of the line at ``index``."""
        page, line = self.reader.rows[index]
        box = line.bbox
        return (page, (box[1] + box[3]) / 2, box[3] - box[1]) if box else None

    @staticmethod
    def _skew_shift(
        labels: list[int], candidates: list[int], rows_of: dict[int, tuple[Page, float, float]]
    ) -> float:
        """How far a slightly skewed scan moves the value column up or down against its labels:
        the median distance from each label to the nearest value, when under a line's height."""
        shifts = []
        for label in labels:
            if label not in rows_of:
                continue
            page, centre, height = rows_of[label]
            near = [
                rows_of[k][1] - centre for k in candidates if k in rows_of and rows_of[k][0] is page
            ]
            if near:
                shifts.append((min(near, key=abs), height))
        if not shifts:
            return 0.0
        shifts.sort()
        shift, height = shifts[len(shifts) // 2]
        return shift if abs(shift) < height else 0.0

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
        return only_label(text, patterns if patterns is not None else self._all_labels)

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
        span = self.reader.sub(hit, parsed.span)
        if not self.looks_like_name(hit.line.text[span[0] : span[1]]):
            return None
        return self.reader.fact(kind, name_value(parsed), hit, span)

    def split_name(self, kind: str, family_field: str, given_field: str) -> Fact | None:
        """A name printed as two labelled fields (``Surname`` and ``Given names``); the first
        value of each that can be a name."""
        family = next((h for h in self.hits(family_field) if self.looks_like_name(h.text)), None)
        given = next((h for h in self.hits(given_field) if self.looks_like_name(h.text)), None)
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

    def looks_like_name(self, text: str) -> bool:
        """Whether ``text`` can be a person's name on this document: letters and no digits (but
        for a digit OCR glued to letters, "1YER"), and none of the words the document type prints
        as labels or headings (``not_name_words`` and the label patterns). OCR that pairs a label
        with the wrong line of a table otherwise reports a heading (``Test Results``) or the next
        label (``Date opened``) as the name."""
        if any(c.isdigit() for c in letters_for_digits(text)) or sum(c.isalpha() for c in text) < 2:
            return False
        if any(word in self._not_name_words for word in re.findall(r"[^\W\d_]+", fold(text))):
            return False
        return not self.mentions_label(text)

    def mentions_label(self, text: str) -> bool:
        """Whether one of the document type's labels starts at a word of ``text``."""
        starts = [m.start() for m in re.finditer(r"\b\w", text)]
        return any(p.search(text[s:]) for s in starts for p in self._all_labels)

    @cached_property
    def _not_name_words(self) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in self.labels.raw.get("not_name_words") or ())

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


def fold(text: str) -> str:
    """Lower case without accents, so ``Résultats`` and OCR's ``Resultats`` compare equal."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


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
