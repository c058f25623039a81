"""The terms of an employment as letters state them: dates, periods, titles, hours and pay.

Each value is looked for first after a label ("Date of joining: ..."), then in sentences
("employed with us from 1 August 2016 to date"), because a form-like letter labels what matters
while a prose letter says it once. All-numeric dates are settled by the document's own order
(a day above 12 anywhere on it) or its country's convention; what stays open is emitted as
ambiguous, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from docaudit.extract.facts.employment_text import Paragraph, run_span, vocab
from docaudit.extract.facts.parse import (
    Hours,
    Money,
    ParsedDate,
    Period,
    apply_order,
    find_dates,
    find_money,
    find_periods,
    parse_hours,
    resolve_order,
)
from docaudit.extract.facts.parse.dates import Order
from docaudit.extract.facts.parse.vocab import Span, fold
from docaudit.extract.facts.reader import Hit, Reader


@dataclass(frozen=True)
class Located:
    """A value read from a paragraph, with the characters it came from."""

    para: Paragraph
    span: Span


@dataclass(frozen=True)
class DateAt(Located):
    date: ParsedDate


@dataclass(frozen=True)
class Position:
    title: str
    title_at: Located
    start: DateAt
    end: DateAt | None
    ongoing: bool


@dataclass(frozen=True)
class Term:
    start: DateAt | None = None
    end: DateAt | None = None
    current: Located | None = None


def line_paragraph(hit: Hit) -> tuple[Paragraph, Span]:
    """A labelled value as a one-line paragraph, so labels and sentences share one path."""
    return Paragraph((hit.index,), hit.line.text, (0,)), hit.span


def document_order(paras: Sequence[Paragraph], country: str | None) -> Order | None:
    dates = [d for p in paras for d in find_dates(p.text)]
    return resolve_order(dates, country)


def settle(date: ParsedDate, order: Order | None) -> ParsedDate:
    return apply_order([date], order)[0]


def date_note(date: ParsedDate) -> str | None:
    if date.ambiguous and len(date.alternatives) == 2:
        a, b = date.alternatives
        return f"day/month order unknown: {a.isoformat()} or {b.isoformat()}"
    if date.precision != "day":
        return f"printed to the {date.precision} only"
    return None


def labelled_date(
    reader: Reader, patterns: Sequence[re.Pattern[str]], order: Order | None
) -> DateAt | None:
    for hit in reader.labelled(patterns):
        para, span = line_paragraph(hit)
        dates = find_dates(para.text[span[0] : span[1]], order=order)
        if dates:
            d = dates[0]
            return DateAt(para, (span[0] + d.span[0], span[0] + d.span[1]), d)
    return None


def standalone_date(
    reader: Reader, paras: Sequence[Paragraph], order: Order | None
) -> DateAt | None:
    """A date alone on a line near the top (a letter's date without a label)."""
    for para in paras[:12]:
        if len(para.rows) > 1:
            continue
        dates = find_dates(para.text, order=order)
        if len(dates) == 1:
            rest = para.text[: dates[0].span[0]] + para.text[dates[0].span[1] :]
            if len(re.sub(r"[^a-z]", "", fold(rest))) <= 12:
                return DateAt(para, dates[0].span, dates[0])
    return None


def positions(paras: Sequence[Paragraph], order: Order | None) -> list[Position]:
    """Titles held with their own periods: "- Site Engineer: June 2018 to January 2021"."""
    v = vocab()
    out: list[Position] = []
    for para in paras:
        for period in find_periods(para.text):
            lead = para.text[: period.span[0]]
            body_start = 0
            bullet = v.bullets.match(fold(lead))
            if bullet:
                body_start = bullet.end()
            head = lead[body_start:]
            # A colon OCR read as a semicolon ("Data Scientist; June 1, 2022 to ...") separates too.
            head_clean = re.sub(r"\s*(?:[:;\-–—(,]|\bfrom\b)\s*$", "", head, flags=re.IGNORECASE)
            if not head_clean.strip():
                continue
            span = run_span(para.text, body_start, max_words=8)
            if span is None or span[1] < body_start + len(head_clean.rstrip()):
                continue
            title = para.text[span[0] : span[1]]
            out.append(_position(para, title, span, period, order))
    return out


def _position(
    para: Paragraph, title: str, span: Span, period: Period, order: Order | None
) -> Position:
    start = settle(period.start, order)
    end = settle(period.end, order) if period.end else None
    return Position(
        title,
        Located(para, span),
        DateAt(para, period.start.span, start),
        DateAt(para, period.end.span, end) if end and period.end else None,
        period.ongoing,
    )


def employment_term(
    reader: Reader,
    paras: Sequence[Paragraph],
    labels: dict[str, tuple[re.Pattern[str], ...]],
    order: Order | None,
    skip_rows: frozenset[int],
) -> Term:
    """Start, end and whether the employment goes on, from labels, then periods, then cues."""
    v = vocab()
    start = labelled_date(reader, labels.get("start", ()), order)
    end = labelled_date(reader, labels.get("end", ()), order)
    current: Located | None = None
    for hit in reader.labelled(labels.get("end", ())):
        para, span = line_paragraph(hit)
        if _says_current(para.text[span[0] : span[1]]):
            current = Located(para, span)
    # A start label may open a whole period ("From 1 August 2018 to 30 April 2022", or a sentence
    # wrapped so that a line starts with "from"): its end belongs to it, or the job would read as
    # going on.
    spans = [*reader.labelled(labels.get("start", ())), *reader.labelled(labels.get("period", ()))]
    for hit in spans:
        para, span = line_paragraph(hit)
        found = _periods_in(para, span)
        if found:
            start, end, current = _from_period(para, found[0], order, span[0])
    if start is None:
        for para in paras:
            if set(para.rows) & skip_rows:
                continue
            found = _periods_in(para, (0, len(para.text)))
            if found:
                start, end, current = _from_period(para, found[0], order, 0)
                break
    if start is None:
        start = _cued_date(paras, v.start_cues, order, skip_rows)
    if end is None and current is None:
        end = _cued_date(paras, v.end_cues, order, skip_rows, after=start)
    if current is None and end is None:
        current = _current_cue(paras, skip_rows)
    return Term(start, end, current)


def _periods_in(para: Paragraph, span: Span) -> list[Period]:
    return [p for p in find_periods(para.text[span[0] : span[1]]) if p.start.precision != "year"]


def _from_period(
    para: Paragraph, period: Period, order: Order | None, offset: int
) -> tuple[DateAt, DateAt | None, Located | None]:
    def at(d: ParsedDate) -> DateAt:
        return DateAt(para, (offset + d.span[0], offset + d.span[1]), settle(d, order))

    end = at(period.end) if period.end else None
    current = None
    if period.ongoing:
        ongoing_span = period.end_span or period.span
        current = Located(para, (offset + ongoing_span[0], offset + ongoing_span[1]))
    return at(period.start), end, current


def _cued_date(
    paras: Sequence[Paragraph],
    cues: Sequence[re.Pattern[str]],
    order: Order | None,
    skip_rows: frozenset[int],
    after: DateAt | None = None,
) -> DateAt | None:
    for para in paras:
        if set(para.rows) & skip_rows:
            continue
        folded = fold(para.text)
        for cue in cues:
            for m in cue.finditer(folded):
                dates = find_dates(para.text[m.end() : m.end() + 40], order=order)
                if not dates or dates[0].span[0] > 12:
                    continue
                d = dates[0]
                if after is not None and d.value <= after.date.value:
                    continue
                return DateAt(para, (m.end() + d.span[0], m.end() + d.span[1]), d)
    return None


def _says_current(text: str) -> bool:
    folded = fold(text).strip()
    return any(p.search(folded) for p in vocab().current_cues)


def _current_cue(paras: Sequence[Paragraph], skip_rows: frozenset[int]) -> Located | None:
    for para in paras:
        if set(para.rows) & skip_rows:
            continue
        folded = fold(para.text)
        for cue in vocab().current_cues:
            m = cue.search(folded)
            if m:
                return Located(para, m.span())
    return None


def hours(
    reader: Reader, paras: Sequence[Paragraph], patterns: Sequence[re.Pattern[str]]
) -> tuple[Hours, Located] | None:
    """Weekly hours (and full-/part-time), from the labelled value, else the first sentence."""
    found: tuple[Hours, Located] | None = None
    for hit in reader.labelled(patterns):
        para, span = line_paragraph(hit)
        parsed = parse_hours(para.text[span[0] : span[1]])
        if parsed is not None:
            shifted = (span[0] + parsed.span[0], span[0] + parsed.span[1])
            found = (parsed, Located(para, shifted))
            if parsed.per_week is not None:
                return found
    for para in paras:
        parsed = parse_hours(para.text)
        if parsed is None:
            continue
        if parsed.per_week is not None:
            return parsed, Located(para, parsed.span)
        if found is None:
            found = (parsed, Located(para, parsed.span))
    return found


def salary(
    reader: Reader,
    paras: Sequence[Paragraph],
    patterns: Sequence[re.Pattern[str]],
    currency_hint: str | None,
) -> tuple[Money, Located] | None:
    for hit in reader.labelled(patterns):
        para, span = line_paragraph(hit)
        money = find_money(para.text[span[0] : span[1]], currency_hint)
        if money:
            m = money[0]
            return m, Located(para, (span[0] + m.span[0], span[0] + m.span[1]))
    v = vocab()
    # An amount in a sentence about pay; else any amount paid per a period ("at $52 per hour").
    for para in paras:
        folded = fold(para.text)
        cue = v.salary_cues.search(folded)
        if cue is None:
            continue
        for m in find_money(para.text, currency_hint):
            if m.span[1] > cue.start():
                return m, Located(para, m.span)
    for para in paras:
        for m in find_money(para.text, currency_hint):
            if m.per is not None:
                return m, Located(para, m.span)
    return None


def sentence_titles(paras: Sequence[Paragraph], stop_row: int | None) -> Iterator[Located]:
    """Titles after "as", "position of": "employed ... as Civil Engineer from ..."."""
    v = vocab()
    for para in paras:
        if stop_row is not None and para.rows[0] >= stop_row:
            return
        if v.bullets.match(fold(para.text)):
            continue
        folded = fold(para.text)
        for cue in v.title_after:
            for m in cue.finditer(folded):
                span = run_span(para.text, m.end(), max_words=7)
                if span and not _is_date_word(para.text[span[0] : span[1]]):
                    yield Located(para, span)


def _is_date_word(text: str) -> bool:
    return bool(find_dates(text)) or fold(text) in ("per", "follows", "such")


def first_date_after(
    paras: Sequence[Paragraph], cues: Sequence[re.Pattern[str]], order: Order | None
) -> DateAt | None:
    """The date right after a cue ("starting on ..."), e.g. a job offer's start."""
    for para in paras:
        folded = fold(para.text)
        for cue in cues:
            for m in cue.finditer(folded):
                dates = find_dates(para.text[m.end() : m.end() + 40], order=order)
                if dates and dates[0].span[0] <= 3:
                    d = dates[0]
                    return DateAt(para, (m.end() + d.span[0], m.end() + d.span[1]), d)
    return None
