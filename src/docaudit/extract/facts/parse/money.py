"""Salaries and balances: an amount, its currency and the period it is paid for.

Grouping varies by country (``31,000.00``, ``1.234,56``, Indian ``12,00,000``), and a ``$`` or
``Rs`` names several currencies; the caller's hint settles those, otherwise the currency stays
``None`` rather than a guess a check would then trust.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from docaudit.extract.facts.parse.vocab import Span, alternation, fold, load, word_alternation

Per = Literal["year", "month", "week", "hour"]

_WEEKS_PER_YEAR = Decimal(52)
_MONTHS_PER_YEAR = Decimal(12)

_NUMBER = (
    r"(?<![0-9.,])(?P<num>"
    r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]{1,2})?"
    r"|[0-9]{1,3}(?P<g>[,.\u00a0\u202f' ])[0-9]{3}(?:(?P=g)[0-9]{3})*(?:(?!(?P=g))[.,][0-9]{1,2})?"
    r"|[0-9]+(?:[.,][0-9]{1,2})?"
    r")(?![0-9]|[.,][0-9])(?:\s?/-)?"
)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str | None
    """ISO 4217, or ``None`` when the marker (``$``, ``Rs``) fits several and no hint decided."""
    per: Per | None
    span: Span
    marker: str | None = None
    """The currency as printed (``Rs.``, ``$``, ``Canadian dollars``)."""


@dataclass(frozen=True, slots=True)
class _Vocab:
    amount: re.Pattern[str]
    markers: dict[str, tuple[str, ...]]
    after_period: re.Pattern[str]
    before_period: re.Pattern[str]
    context: re.Pattern[str]
    periods_after: dict[str, Per]
    periods_before: dict[str, Per]
    window: int


@functools.cache
def _vocab() -> _Vocab:
    data = load("money")
    markers: dict[str, tuple[str, ...]] = {}
    for table in (data["symbols"], data["words"]):
        for key, codes in table.items():
            markers[fold(str(key))] = tuple(str(c) for c in codes)
    for code in data["codes"]:
        markers[fold(str(code))] = (str(code),)
    marker = _marker_alternation(markers)
    periods_after: dict[str, Per] = {}
    periods_before: dict[str, Per] = {}
    for per, wordings in data["periods"].items():
        for w in wordings["after"]:
            periods_after[_squash(fold(str(w)))] = per
        for w in wordings["before"]:
            periods_before[_squash(fold(str(w)))] = per
    amount = (
        rf"(?:(?P<pre>{marker})\s?)?{_NUMBER}"
        rf"(?:\s?(?P<post>{marker}))?"
        rf"(?:\s*(?P<per>{word_alternation(periods_after)}))?"
    )
    return _Vocab(
        amount=re.compile(amount),
        markers=markers,
        after_period=re.compile(word_alternation(periods_after)),
        before_period=re.compile(word_alternation(periods_before)),
        context=re.compile(word_alternation(fold(str(w)) for w in data["context_words"])),
        periods_after=periods_after,
        periods_before=periods_before,
        window=int(data["before_window"]),
    )


def _marker_alternation(markers: dict[str, tuple[str, ...]]) -> str:
    """Word markers (``cad``, ``rs.``) must stand alone; symbols (``$``, ``€``) need not."""
    words = [m for m in markers if m[0].isalpha()]
    symbols = [m for m in markers if not m[0].isalpha()]
    return f"(?:{word_alternation(words)}|{alternation(symbols)})"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _amount(num: str) -> Decimal | None:
    """The value of a printed number, deciding which separator is the decimal point."""
    digits = num.replace("\u00a0", " ").replace("\u202f", " ").replace("'", "").replace(" ", "")
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    decimal_at = max(last_dot, last_comma)
    if decimal_at >= 0 and len(digits) - decimal_at - 1 in (1, 2):
        whole, frac = digits[:decimal_at], digits[decimal_at + 1 :]
    else:
        whole, frac = digits, ""
    whole = whole.replace(",", "").replace(".", "")
    try:
        return Decimal(f"{whole}.{frac}") if frac else Decimal(whole)
    except InvalidOperation:
        return None


def find_money(text: str, currency_hint: str | None = None) -> list[Money]:
    """Every amount in ``text`` that carries a currency, or a period and a salary word.

    ``currency_hint`` (ISO 4217) decides markers that several currencies share, such as ``$``
    for CAD on a Canadian pay stub or ``Rs`` for PKR on a Pakistani letter.
    """
    v = _vocab()
    folded = fold(text)
    hint = currency_hint.upper() if currency_hint else None
    found: list[Money] = []
    floor = 0
    for m in v.amount.finditer(folded):
        value = _amount(m["num"])
        if value is None:
            continue
        marker_key = m["pre"] or m["post"]
        per: Per | None = v.periods_after[_squash(m["per"])] if m["per"] else None
        window_start = max(floor, m.start() - v.window)
        if per is None:
            per = _period_before(v, folded[window_start : m.start()])
        if marker_key is None and (per is None or not v.context.search(folded, window_start)):
            continue
        currency = _currency(v.markers.get(_squash(marker_key)) if marker_key else None, hint)
        marker = text[m.start("pre") : m.end("pre")] if m["pre"] else None
        if m["post"]:
            marker = text[m.start("post") : m.end("post")]
        found.append(Money(value, currency, per, m.span(), marker))
        floor = m.end()
    return found


def parse_money(text: str, currency_hint: str | None = None) -> Money | None:
    """The first amount in ``text``, for a field that holds one (``Net pay: $2,345.10``)."""
    found = find_money(text, currency_hint)
    return found[0] if found else None


def _period_before(v: _Vocab, before: str) -> Per | None:
    matches = list(v.before_period.finditer(before))
    return v.periods_before[_squash(matches[-1].group())] if matches else None


def _currency(candidates: tuple[str, ...] | None, hint: str | None) -> str | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    return hint if hint in candidates else None


def annualise(money: Money, hours_per_week: float | None = None) -> Decimal | None:
    """The amount per year: 12 months, 52 weeks, and for an hourly rate 52 weeks of the hours.

    ``None`` when the period is unknown, or hourly without hours: a figure that cannot be
    annualised must not be compared as if it were annual.
    """
    if money.per == "year":
        return money.amount
    if money.per == "month":
        return money.amount * _MONTHS_PER_YEAR
    if money.per == "week":
        return money.amount * _WEEKS_PER_YEAR
    if money.per == "hour" and hours_per_week is not None:
        return money.amount * Decimal(str(hours_per_week)) * _WEEKS_PER_YEAR
    return None
