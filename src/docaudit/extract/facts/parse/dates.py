"""Dates and employment periods as letters, pay stubs and passports print them.

An all-numeric date such as ``04/05/2019`` has two readings. It is returned ``ambiguous`` with
both, and stays so until :func:`resolve_order` finds proof in the same document (a ``13/05/2019``
can only be day-first) or in the issuing country's convention; nothing is silently guessed. A
country whose documents print both orders (Canada in English) has no convention, and a
convention covers only the separators that country writes (a dotted ``01.07.2024`` is not the
month-first style of the United States).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import pycountry

from docaudit.extract.facts.parse.glyphs import digit_for
from docaudit.extract.facts.parse.vocab import Span, fold, load, word_alternation

Precision = Literal["day", "month", "year"]
Order = Literal["dmy", "mdy"]


@dataclass(frozen=True, slots=True)
class ParsedDate:
    value: dt.date
    """The first day of the month or year when ``precision`` is coarser than a day."""
    precision: Precision
    span: Span
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()
    """For an all-numeric day/month date: (day-first reading, month-first reading)."""
    shows_order: Order | None = None
    """Set when the text itself proves the numeric order (a day above 12)."""
    separator: str | None = None
    """The character between day and month of an all-numeric date (``/``, ``.`` or ``-``)."""


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time such as an employment; ``end`` is None while it is ongoing."""

    start: ParsedDate
    end: ParsedDate | None
    ongoing: bool
    span: Span
    end_span: Span | None = None
    """Where the end was read: the end date, or a word such as "present"."""


@dataclass(frozen=True, slots=True)
class _Patterns:
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    dmy: re.Pattern[str]
    mdy: re.Pattern[str]
    month_year: re.Pattern[str]
    numeric_month_year: re.Pattern[str]
    iso_month: re.Pattern[str]
    year: re.Pattern[str]
    months: dict[str, int]
    years: tuple[int, int]
    to: re.Pattern[str]
    and_: re.Pattern[str]
    ongoing_after: re.Pattern[str]
    opener: re.Pattern[str]
    garbled_days: tuple[re.Pattern[str], ...]
    suffix_digit: dict[str, str]


@functools.cache
def _patterns() -> _Patterns:
    vocab = load("dates")
    months = {fold(str(w)): int(m) for m, words in vocab["months"].items() for w in words}
    month = word_alternation(months)
    month_x = rf"(?P<m>{month})\.?(?:\s*/\s*{month}\.?)?"
    suffix = "|".join(re.escape(s) for s in vocab["day_suffixes"])
    day = rf"(?<![0-9])(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:{suffix})?"
    year = r"(?P<y>[0-9]{4})(?![0-9])"
    periods = vocab["periods"]
    to = word_alternation(str(w) for w in periods["to"])
    ongoing = word_alternation(str(w) for w in periods["ongoing"])
    opener_words = [*periods["from"], *periods["between"], *periods["since"]]
    low, high = vocab["year_range"]
    # A day OCR garbled, beside a month name: one or two glyphs, not all digits, then a suffix.
    garbled = r"(?P<t>[^\s\d,.]{1,2}|\d[^\s\d,.]|[^\s\d,.]\d)(?P<suf>st|nd|rd|th)(?![a-z])"
    return _Patterns(
        # OCR may split the year of an ISO date ("201 7-04-30"); the separators tell it is one.
        iso=re.compile(
            r"(?<![0-9])(?P<y>[0-9]{4}|[0-9]{3} [0-9]|[0-9]{2} [0-9]{2}|[0-9] [0-9]{3})\s?"
            r"(?P<s>[-/.])\s?(?P<m>[0-9]{1,2})\s?(?P=s)\s?(?P<d>[0-9]{1,2})(?![0-9])"
        ),
        numeric=re.compile(
            r"(?<![0-9])(?P<a>[0-9]{1,2})\s?(?P<s>[-/.])\s?(?P<b>[0-9]{1,2})\s?(?P=s)\s?" + year
        ),
        dmy=re.compile(rf"{day}(?:\s+of)?[\s,./-]*{month_x}[\s,./'-]*{year}"),
        mdy=re.compile(rf"(?<![a-z]){month_x}[\s]*{day}\s?,?\s*{year}"),  # OCR: "May 1 , 2019"
        month_year=re.compile(rf"(?<![a-z]){month_x}[\s,./'-]*{year}"),
        numeric_month_year=re.compile(r"(?<![0-9./-])(?P<m>1[0-2]|0?[1-9])\s?[/.-]\s?" + year),
        iso_month=re.compile(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>1[0-2]|0[1-9])(?![0-9-])"),
        year=re.compile(r"(?<![0-9.,])(?P<y>[0-9]{4})(?![0-9]|[.,][0-9])"),
        months=months,
        years=(int(low), int(high)),
        to=re.compile(rf"\s*{to}\s*"),
        and_=re.compile(rf"\s*{word_alternation(str(w) for w in periods['and'])}\s*"),
        ongoing_after=re.compile(rf"\s*{to}\s*(?P<end>(?:the\s+)?{ongoing})"),
        opener=re.compile(
            rf"(?P<word>{word_alternation(str(w) for w in opener_words)})\s*(?:the\s+)?$"
        ),
        garbled_days=(
            re.compile(rf"(?<![a-z]){month_x}\s+{garbled}"),
            re.compile(rf"(?<![a-z0-9]){garbled}(?:\s+of)?[\s,./-]+{month_x}"),
        ),
        suffix_digit={str(k): str(v) for k, v in vocab["suffix_digit"].items()},
    )


def _ordinal_suffix(day: int) -> str:
    if day % 10 in (1, 2, 3) and day not in (11, 12, 13):
        return ("st", "nd", "rd")[day % 10 - 1]
    return "th"


def _repair_garbled_days(folded: str, p: _Patterns) -> str:
    """``folded`` with each garbled ordinal day beside a month read as its digits, same length.

    A glyph becomes a digit only when OCR prints it for one ("ist" for 1st), or, for an
    unreadable mark just before the suffix, when the suffix allows one digit only ("‘st" is 1st);
    a mark before the day's digits is a stray ("‘1st"). The day must then agree with its suffix
    ("and March" stays words: "a" is no digit).
    """
    chars = list(folded)
    for pattern in p.garbled_days:
        for m in pattern.finditer(folded):
            glyphs, suffix = m["t"], m["suf"]
            digits = [digit_for(g) for g in glyphs]
            if digits[-1] is None and not glyphs[-1].isalnum():
                digits[-1] = p.suffix_digit.get(suffix)
            if len(glyphs) > 1 and digits[0] is None and not glyphs[0].isalnum():
                digits[0] = ""
            if any(d is None for d in digits) or not "".join(d or "" for d in digits):
                continue
            day = int("".join(d or "" for d in digits))
            if 1 <= day <= 31 and _ordinal_suffix(day) == suffix:
                start = m.start("t")
                chars[start : start + len(glyphs)] = [d or " " for d in digits]
    return "".join(chars)


def _date(year: int, month: int, day: int, years: tuple[int, int]) -> dt.date | None:
    if not years[0] <= year <= years[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_of(p: _Patterns, word: str) -> int:
    return p.months[word.rstrip(".")]


def _candidates(folded: str, p: _Patterns, years: bool) -> list[ParsedDate]:
    found: list[ParsedDate] = []
    for m in p.iso.finditer(folded):
        d = _date(int(m["y"].replace(" ", "")), int(m["m"]), int(m["d"]), p.years)
        if d:
            found.append(ParsedDate(d, "day", m.span()))
    for m in p.numeric.finditer(folded):
        found.extend(_numeric(m, p))
    for pattern in (p.dmy, p.mdy):
        for m in pattern.finditer(folded):
            d = _date(int(m["y"]), _month_of(p, m["m"]), int(m["d"]), p.years)
            if d:
                found.append(ParsedDate(d, "day", m.span()))
    for m in p.month_year.finditer(folded):
        d = _date(int(m["y"]), _month_of(p, m["m"]), 1, p.years)
        if d:
            found.append(ParsedDate(d, "month", m.span()))
    for pattern in (p.numeric_month_year, p.iso_month):
        for m in pattern.finditer(folded):
            d = _date(int(m["y"]), int(m["m"]), 1, p.years)
            if d:
                found.append(ParsedDate(d, "month", m.span()))
    if years:
        for m in p.year.finditer(folded):
            d = _date(int(m["y"]), 1, 1, p.years)
            if d:
                found.append(ParsedDate(d, "year", m.span()))
    return found


def _numeric(m: re.Match[str], p: _Patterns) -> list[ParsedDate]:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    day_first = _date(year, b, a, p.years)
    month_first = _date(year, a, b, p.years)
    span, sep = m.span(), m["s"]
    if day_first and month_first and day_first != month_first:
        return [ParsedDate(day_first, "day", span, True, (day_first, month_first), separator=sep)]
    if day_first and month_first:
        return [ParsedDate(day_first, "day", span, separator=sep)]
    if day_first:
        return [ParsedDate(day_first, "day", span, shows_order="dmy", separator=sep)]
    if month_first:
        return [ParsedDate(month_first, "day", span, shows_order="mdy", separator=sep)]
    return []


def find_dates(text: str, *, years: bool = False, order: Order | None = None) -> list[ParsedDate]:
    """Every date in ``text``, left to right, without overlaps (the longest reading wins).

    A bare year is a date only with ``years=True``, since most four-digit numbers are not years.
    ``order`` settles all-numeric dates when the caller already knows the document's convention.
    """
    p = _patterns()
    candidates = _candidates(_repair_garbled_days(fold(text), p), p, years)
    candidates.sort(key=lambda c: (c.span[0], -(c.span[1] - c.span[0])))
    chosen: list[ParsedDate] = []
    last_end = -1
    for cand in candidates:
        if cand.span[0] >= last_end:
            chosen.append(cand)
            last_end = cand.span[1]
    return apply_order(chosen, order)


def parse_date(text: str, *, years: bool = False, order: Order | None = None) -> ParsedDate | None:
    """The first date in ``text``, for a field that holds one (``Date of issue: 12 MAR 2021``)."""
    dates = find_dates(text, years=years, order=order)
    return dates[0] if dates else None


def apply_order(dates: Sequence[ParsedDate], order: Order | None) -> list[ParsedDate]:
    """Settle ambiguous numeric dates by ``order``; with ``None`` they stay ambiguous."""
    if order is None:
        return list(dates)
    settled = []
    for d in dates:
        if d.ambiguous and len(d.alternatives) == 2:
            value = d.alternatives[0] if order == "dmy" else d.alternatives[1]
            d = replace(d, value=value, ambiguous=False)
        settled.append(d)
    return settled


def resolve_order(
    dates: Iterable[ParsedDate], country_hint: str | None = None, language: str | None = None
) -> Order | None:
    """The numeric date order of one document, or ``None`` when nothing proves it.

    The document's own unambiguous dates come first. If they contradict each other, the document
    is inconsistent and no convention can be trusted, so the answer is ``None``. Otherwise the
    issuing country's convention (``rules/vocab/date_order.yaml``) decides, but only for dates
    written the way that country writes them: a convention says nothing about a date in another
    country's style, and a country that prints both orders has none.
    """
    dates = list(dates)
    shown = {d.shows_order for d in dates if d.shows_order}
    if len(shown) == 1:
        return shown.pop()
    if shown:
        return None
    order = _country_order(country_hint, language)
    if order is None:
        return None
    written = load("date_order").get("separators", {}).get(order)
    if written is not None and any(
        d.ambiguous and d.separator is not None and d.separator not in written for d in dates
    ):
        return None
    return order


def _country_order(country_hint: str | None, language: str | None) -> Order | None:
    if not country_hint:
        return None
    code = _alpha3(country_hint)
    if code is None:
        return None
    table = load("date_order")
    rule = table.get("countries", {}).get(code, table.get("default"))
    if isinstance(rule, dict):
        lang = (language or "").lower()[:2]
        rule = rule.get(lang, rule.get("default"))
    return rule if rule in ("dmy", "mdy") else None


def _alpha3(hint: str) -> str | None:
    hint = hint.strip()
    if not hint:
        return None
    try:
        country = pycountry.countries.lookup(hint)
    except LookupError:
        return None
    return str(country.alpha_3)


def find_periods(text: str, *, years: bool = False) -> list[Period]:
    """Employment-style periods: ``from March 2019 to date``, ``between X and Y``, ``since X``.

    Two dates joined by "to" (or a dash) form a period; "and" does only after "between".
    """
    p = _patterns()
    folded = fold(text)
    dates = find_dates(text, years=years)
    periods: list[Period] = []
    i = 0
    while i < len(dates):
        start = dates[i]
        opener = p.opener.search(folded, max(0, start.span[0] - 40), start.span[0])
        begin = opener.start() if opener else start.span[0]
        word = opener["word"].strip() if opener else ""
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt and _joins(p, folded, start, nxt, word):
            periods.append(Period(start, nxt, False, (begin, nxt.span[1]), nxt.span))
            i += 2
            continue
        ongoing = p.ongoing_after.match(folded, start.span[1])
        if ongoing:
            end_span = ongoing.span("end")
            periods.append(Period(start, None, True, (begin, ongoing.end()), end_span))
        elif word and _is_since(word):
            periods.append(Period(start, None, True, (begin, start.span[1])))
        i += 1
    return periods


def _joins(p: _Patterns, folded: str, a: ParsedDate, b: ParsedDate, opener: str) -> bool:
    gap_start, gap_end = a.span[1], b.span[0]
    if p.to.fullmatch(folded, gap_start, gap_end):
        return True
    between = {fold(str(w)) for w in load("dates")["periods"]["between"]}
    return bool(fold(opener) in between and p.and_.fullmatch(folded, gap_start, gap_end))


def _is_since(word: str) -> bool:
    since = {fold(str(w)) for w in load("dates")["periods"]["since"]}
    return " ".join(fold(word).split()) in since
