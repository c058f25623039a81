"""Paragraphs, proper-noun runs and shared wordings for the employment extractors.

Letters wrap their sentences over several lines ("employed with Acme Ltd. from June" / "1st, 2018
to date"), so dates, hours and salaries are read from paragraphs rebuilt from the line boxes: a
line that reaches the right margin continues on the next one. Evidence for a value that spans
lines boxes every word it came from.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docaudit.core.models import Evidence, Fact, FactValue
from docaudit.core.text import BBox, Line, union
from docaudit.extract.facts.parse.vocab import Span, fold, fold_name, load
from docaudit.extract.facts.reader import Reader

_CID = re.compile(r"\(cid:[0-9]+\)")
"""A glyph a PDF's font could not map to text, which is how many bullets come out."""
_WRAP_REACH = 0.8
"""A line whose right edge reaches this share of the text block's width is wrapped."""


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines of one sentence flow, joined by single spaces."""

    rows: tuple[int, ...]
    """Indexes into ``Reader.rows``."""
    text: str
    starts: tuple[int, ...]
    """Offset of each row's text within ``text``."""

    def pieces(self, span: Span) -> Iterator[tuple[int, Span]]:
        """(row index, span within that row's line) for each line ``span`` touches."""
        for row, start in zip(self.rows, self.starts, strict=True):
            length = self._length(row, start)
            lo, hi = max(span[0], start), min(span[1], start + length)
            if lo < hi:
                yield row, (lo - start, hi - start)

    def _length(self, row: int, start: int) -> int:
        i = self.rows.index(row)
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return end - start

    def row_at(self, offset: int) -> int:
        """The row holding character ``offset``."""
        for row, start in zip(reversed(self.rows), reversed(self.starts), strict=True):
            if offset >= start:
                return row
        return self.rows[0]


@dataclass(frozen=True)
class Vocab:
    """``rules/vocab/employment.yaml`` compiled: regexes over folded text."""

    raw: dict[str, Any]
    headings: tuple[re.Pattern[str], ...]
    closings: tuple[re.Pattern[str], ...]
    signature_marks: tuple[re.Pattern[str], ...]
    duty_headings: tuple[re.Pattern[str], ...]
    duty_stops: tuple[re.Pattern[str], ...]
    current_cues: tuple[re.Pattern[str], ...]
    start_cues: tuple[re.Pattern[str], ...]
    end_cues: tuple[re.Pattern[str], ...]
    title_after: tuple[re.Pattern[str], ...]
    offer_start: tuple[re.Pattern[str], ...]
    employer_after: tuple[re.Pattern[str], ...]
    employer_before: tuple[re.Pattern[str], ...]
    employer_signature: re.Pattern[str]
    not_employer: frozenset[str]
    bullets: re.Pattern[str]
    phone: re.Pattern[str]
    email: re.Pattern[str]
    website: re.Pattern[str]
    postal_code: re.Pattern[str]
    address_words: re.Pattern[str]
    salary_cues: re.Pattern[str]
    noc: re.Pattern[str]
    lmia: re.Pattern[str]
    legal_suffixes: frozenset[str]
    currencies: dict[str, str]


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _words(words: Iterable[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alt})(?![a-z])", re.IGNORECASE)


@functools.cache
def vocab() -> Vocab:
    data = load("employment")
    suffixes = frozenset(
        _suffix_key(str(s)) for s in load("employers")["legal_suffixes"] if _suffix_key(str(s))
    )
    return Vocab(
        raw=data,
        headings=_compile(data["headings"]),
        closings=_compile(data["closings"]),
        signature_marks=_compile(data["signature_marks"]),
        duty_headings=_compile(data["duty_headings"]),
        duty_stops=_compile(data["duty_stops"]),
        current_cues=_compile(data["current_cues"]),
        start_cues=_compile(data["start_cues"]),
        end_cues=_compile(data["end_cues"]),
        title_after=_compile(data["title_after"]),
        offer_start=_compile(data["offer_start"]),
        employer_after=_compile(data["employer_after"]),
        employer_before=_compile(data["employer_before"]),
        employer_signature=re.compile(data["employer_signature"], re.IGNORECASE),
        not_employer=frozenset(fold(str(w)) for w in data["not_employer"]),
        bullets=re.compile(data["bullets"], re.IGNORECASE),
        phone=re.compile(data["phone"], re.IGNORECASE),
        email=re.compile(data["email"], re.IGNORECASE),
        website=re.compile(data["website"], re.IGNORECASE),
        postal_code=re.compile(data["postal_code"], re.IGNORECASE),
        address_words=_words(data["address_words"]),
        salary_cues=_words(data["salary_cues"]),
        noc=re.compile(data["noc"], re.IGNORECASE),
        lmia=re.compile(data["lmia"]),
        legal_suffixes=suffixes,
        currencies={str(k): str(v) for k, v in load("country_currency").items()},
    )


def _suffix_key(word: str) -> str:
    return re.sub(r"[^a-z]", "", fold_name(word))


def paragraphs(reader: Reader) -> list[Paragraph]:
    """The document's lines grouped into paragraphs by where each line ends and the next starts."""
    out: list[Paragraph] = []
    current: list[int] = []
    layout = _Layout.of(reader)
    for i in range(len(reader.rows)):
        if current and not _continues(reader, current[-1], i, layout):
            out.append(_join(reader, current))
            current = []
        current.append(i)
    if current:
        out.append(_join(reader, current))
    return out


@dataclass(frozen=True)
class _Layout:
    """Per page: the text block's left and right edges, and the usual gap between lines."""

    margins: dict[int, tuple[float, float]]
    gaps: dict[int, float]

    @classmethod
    def of(cls, reader: Reader) -> _Layout:
        boxes: dict[int, list[BBox]] = {}
        for page, line in reader.rows:
            if line.bbox:
                boxes.setdefault(page.number, []).append(line.bbox)
        margins = {n: (min(b[0] for b in bs), max(b[2] for b in bs)) for n, bs in boxes.items()}
        gaps: dict[int, float] = {}
        for n, bs in boxes.items():
            between = sorted(b[1] - a[3] for a, b in itertools.pairwise(bs) if b[1] > a[3])
            gaps[n] = between[len(between) // 2] if between else 0.0
        return cls(margins, gaps)


def _continues(reader: Reader, i: int, j: int, layout: _Layout) -> bool:
    (page_a, a), (page_b, b) = reader.rows[i], reader.rows[j]
    if page_a.number != page_b.number or not a.bbox or not b.bbox:
        return False
    left, right = layout.margins[page_a.number]
    height = a.bbox[3] - a.bbox[1]
    if b.bbox[1] - a.bbox[3] > layout.gaps[page_a.number] + 0.35 * height:
        return False
    if a.bbox[2] < left + _WRAP_REACH * (right - left) or b.bbox[0] < a.bbox[0] - 0.5 * height:
        return False
    if a.text.rstrip().endswith(":") or vocab().bullets.match(fold(b.text)):
        return False
    return not is_label_row(a.text)


def is_label_row(text: str) -> bool:
    """A "Label: value" row of a form, which never continues into the next line."""
    text = _CID.sub("", text)
    head, _, rest = text.partition(":")
    return bool(_) and 0 < len(head.split()) <= 4 and len(rest.split()) <= 8


def _join(reader: Reader, rows: list[int]) -> Paragraph:
    starts, texts, pos = [], [], 0
    for r in rows:
        text = reader.rows[r][1].text
        starts.append(pos)
        texts.append(text)
        pos += len(text) + 1
    return Paragraph(tuple(rows), " ".join(texts), tuple(starts))


def evidence(reader: Reader, para: Paragraph, span: Span) -> Evidence:
    """Evidence boxing every word of ``span``, across the lines of one page."""
    pieces = list(para.pieces(span)) or [(para.rows[0], (0, 0))]
    first_page = reader.rows[pieces[0][0]][0]
    pieces = [(r, s) for r, s in pieces if reader.rows[r][0].number == first_page.number]
    if len(pieces) == 1:
        row, inner = pieces[0]
        page, line = reader.rows[row]
        return Evidence.from_line(reader.source.rel, reader.source.sha256, page, line, inner)
    lines: list[Line] = [reader.rows[r][1] for r, _ in pieces]
    boxes = [b for (r, s) in pieces if (b := reader.rows[r][1].span_bbox(*s)) is not None]
    box = union(boxes)
    confs = [c for ln in lines if (c := ln.conf) is not None]
    return Evidence(
        document=reader.source.rel,
        sha256=reader.source.sha256,
        page=first_page.number,
        bbox=tuple(round(v, 1) for v in box) if box else None,  # type: ignore[arg-type]
        text=" ".join(ln.text for ln in lines),
        method=first_page.method,
        ocr_confidence=round(sum(confs) / len(confs), 1) if confs else None,
    )


def para_fact(
    reader: Reader,
    kind: str,
    value: FactValue,
    para: Paragraph,
    span: Span,
    *,
    ambiguous: bool = False,
    note: str | None = None,
) -> Fact:
    return Fact(
        kind=kind,
        value=value,
        evidence=evidence(reader, para, span),
        ambiguous=ambiguous,
        note=note,
    )


_TOKEN = re.compile(r"\S+")
_CONNECTORS = frozenset(
    [
        "of",
        "and",
        "&",
        "the",
        "de",
        "du",
        "des",
        "la",
        "le",
        "for",
        "y",
        "da",
        "do",
        "dos",
        "von",
        "van",
        "und",
        "-",
        "/",
        "–",
        "in",
        "e",
    ]
)


_STRIP = ",.;:)!?\"'”’"


def run_span(text: str, start: int, *, max_words: int = 10) -> Span | None:
    """The run of capitalised words (a company or a job title) that begins at ``start``.

    A full stop ends the run; an abbreviated legal form keeps its stop ("Acme Inc.") and may be
    followed only by another legal form ("Acme Co., Ltd."). Connectors inside ("Bank of Nova
    Scotia") are kept, trailing ones dropped.
    """
    v = vocab()
    words: list[tuple[int, int, bool]] = []
    after_legal = False
    for m in _TOKEN.finditer(text, start):
        tok = m.group()
        core = tok.strip(_STRIP + "(\"'“‘")
        if not core:
            break
        key = _suffix_key(tok)
        legal = bool(key) and key in v.legal_suffixes and bool(words)
        if after_legal and not legal:
            break
        if tok.startswith("(") and not legal and words:
            break
        connector = core.lower() in _CONNECTORS
        if not (core[0].isupper() or legal or (words and (core[0].isdigit() or connector))):
            break
        trailing = (
            "" if tok.startswith("(") and tok.endswith(")") else tok[len(tok.rstrip(_STRIP)) :]
        )
        end = m.end() - len(trailing)
        if legal and trailing.startswith(".") and len(key) <= 4:
            end += 1
            trailing = trailing[1:]
            after_legal = True
        words.append((m.start(), end, connector and not core[0].isupper()))
        if len(words) > max_words:
            return None
        if trailing.startswith(","):
            after_legal = True
        elif trailing:
            break
    while words and words[-1][2]:
        words.pop()
    return (words[0][0], words[-1][1]) if words else None


def plain_amount(text: str) -> float | None:
    """A bare number with grouping ("6,666.67", "1.234,56") when no currency is printed."""
    m = re.search(r"(?<![0-9])[0-9]{1,3}(?:[,. '][0-9]{3})*(?:[.,][0-9]{1,2})?(?![0-9])", text)
    if m is None:
        return None
    digits = m.group().replace(" ", "").replace("'", "")
    sep = max(digits.rfind("."), digits.rfind(","))
    if sep >= 0 and len(digits) - sep - 1 in (1, 2):
        whole, frac = digits[:sep], digits[sep + 1 :]
    else:
        whole, frac = digits, ""
    whole = whole.replace(",", "").replace(".", "")
    try:
        return float(f"{whole}.{frac}" if frac else whole)
    except ValueError:
        return None
