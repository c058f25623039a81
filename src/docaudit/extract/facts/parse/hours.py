"""Weekly working hours as reference letters state them (WRK004 and the 30-hour full-time rule)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from docaudit.extract.facts.parse.vocab import Span, fold, load, word_alternation


@dataclass(frozen=True, slots=True)
class Hours:
    per_week: float | None
    """``None`` when the text says full- or part-time but gives no number."""
    full_time: bool | None
    """``None`` when the text says neither full-time nor part-time."""
    span: Span


@dataclass(frozen=True, slots=True)
class _Vocab:
    weekly: tuple[re.Pattern[str], ...]
    daily: tuple[re.Pattern[str], ...]
    bare: re.Pattern[str]
    full_time: re.Pattern[str]
    part_time: re.Pattern[str]
    words: dict[str, int]
    max_bare: float


def _number(name: str, words: dict[str, int]) -> str:
    """A number in digits, in words (``thirty-seven``) or both (``forty (40)``)."""
    tens = [w for w, n in words.items() if n >= 20]
    small = [w for w, n in words.items() if n < 20]
    tens_alt, small_alt = word_alternation(tens), word_alternation(small)
    word = rf"(?:{tens_alt}(?:[\s-]{small_alt})?|{small_alt})(?:\s+and\s+a\s+half)?"
    digits = r"(?<![0-9.,])[0-9]{1,3}(?:[.,][0-9]{1,2})?(?![0-9])"
    return rf"(?P<{name}>{word}\s*\(\s*{digits}\s*\)|{digits}|{word})"


@functools.cache
def _vocab() -> _Vocab:
    data = load("hours")
    words = {fold(str(k)): int(v) for k, v in data["number_words"].items()}
    hour_unit = rf"(?:{'|'.join(_loose(u) for u in data['hour_units'])})(?![a-z])"
    day_unit = rf"(?:{'|'.join(_loose(u) for u in data['day_units'])})(?![a-z])"
    per_week = word_alternation(fold(str(w)) for w in data["per_week"])
    per_day = word_alternation(fold(str(w)) for w in data["per_day"])
    h = _number("h", words)
    d = _number("d", words)
    sep = r"[\s,;]*(?:and|x|with)?[\s,;]*"
    return _Vocab(
        weekly=(
            re.compile(rf"{h}\s*-?\s*{hour_unit}\s*(?:of\s+work\s*)?,?\s*{per_week}"),
            re.compile(rf"{h}\s*-?\s*{hour_unit}[\s-]+(?:work(?:ing)?[\s-]*)?week(?![a-z])"),
            re.compile(rf"{hour_unit}\s*(?:worked\s*)?{per_week}\s*[:=-]?\s*{h}"),
        ),
        daily=(
            re.compile(rf"{h}\s*-?\s*{hour_unit}\s*{per_day}{sep}{d}\s*{day_unit}\s*{per_week}"),
            re.compile(rf"{d}\s*{day_unit}\s*{per_week}{sep}{h}\s*-?\s*{hour_unit}\s*{per_day}"),
        ),
        bare=re.compile(rf"{h}\s*-?\s*{hour_unit}"),
        full_time=re.compile(word_alternation(fold(str(w)) for w in data["full_time"])),
        part_time=re.compile(word_alternation(fold(str(w)) for w in data["part_time"])),
        words=words,
        max_bare=float(data["max_bare_weekly"]),
    )


def _loose(word: str) -> str:
    """A unit may touch its number (``40hrs``), so only its end needs a word boundary."""
    return re.escape(fold(str(word)))


def _value(raw: str, words: dict[str, int]) -> float | None:
    paren = re.search(r"\(\s*([0-9.,]+)\s*\)", raw)
    text = paren.group(1) if paren else raw.strip()
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", text):
        return float(text.replace(",", "."))
    total = 0.0
    if text.endswith("and a half"):
        total, text = 0.5, text.removesuffix("and a half").strip()
    for part in re.split(r"[\s-]+", text):
        if part not in words:
            return None
        total += words[part]
    return total


def parse_hours(text: str) -> Hours | None:
    """Hours per week and full-/part-time status in ``text``; ``None`` when it states neither.

    ``8 hours a day, 5 days a week`` is 40. A number of hours with no period counts as weekly
    only next to a full- or part-time wording (``full-time, 40 hours``), since "1,560 hours"
    elsewhere is a total.
    """
    v = _vocab()
    folded = fold(text)
    ft = v.full_time.search(folded)
    pt = v.part_time.search(folded)
    status = ft if ft and (not pt or ft.start() < pt.start()) else pt
    full_time = None if status is None else status is ft
    per_week, span = _weekly(v, folded, status is not None)
    if per_week is None and status is None:
        return None
    spans = [s for s in (span, status.span() if status else None) if s]
    return Hours(per_week, full_time, (min(s[0] for s in spans), max(s[1] for s in spans)))


def _weekly(v: _Vocab, folded: str, has_status: bool) -> tuple[float | None, Span | None]:
    for pattern in v.daily:
        m = pattern.search(folded)
        if m:
            hours, days = _value(m["h"], v.words), _value(m["d"], v.words)
            if hours is not None and days is not None and hours * days <= 7 * 24:
                return hours * days, m.span()
    for pattern in v.weekly:
        m = pattern.search(folded)
        if m:
            hours = _value(m["h"], v.words)
            if hours is not None and hours <= 7 * 24:
                return hours, m.span()
    if has_status:
        m = v.bare.search(folded)
        if m:
            hours = _value(m["h"], v.words)
            if hours is not None and hours <= v.max_bare:
                return hours, m.span()
    return None, None
