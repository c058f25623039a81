"""Bank letters and statements: the bank, the holders, the accounts and the money in them.

Settlement funds are judged on the balance the applicant can show, so a letter that totals several
accounts gives that total as ``bank.balance``; a lone account's current or closing balance
otherwise. An amount whose currency marker fits several currencies keeps ``currency: null``
rather than a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields
from docaudit.extract.facts.parse import find_dates, parse_money
from docaudit.extract.facts.reader import Hit

_ACCOUNT = re.compile(r"(?P<v>[0-9A-Z][0-9A-Z -]{4,}[0-9])")
_JOINT = re.compile(r"\s+(?:and|&)\s+|\s*;\s*", re.IGNORECASE)
_HEAD_LINES = 6


@extractor("bank_letter")
def bank_letter(source: Source) -> list[Fact]:
    doc = Fields(source, "bank_letter")
    facts = _common(doc)
    facts += [f for f in (doc.date("document.date", "date"),) if f]
    return facts


@extractor("bank_statement")
def bank_statement(source: Source) -> list[Fact]:
    doc = Fields(source, "bank_statement")
    facts = _common(doc) + _period(doc)
    facts += [f for f in (doc.date("document.date", "date"),) if f]
    return facts


def _common(doc: Fields) -> list[Fact]:
    facts = [f for f in (_institution(doc),) if f]
    facts += _holders(doc)
    facts += _accounts(doc)
    balance = _money(doc, "bank.balance", "total") or _money(doc, "bank.balance", "balance")
    facts += [
        f
        for f in (
            balance,
            _money(doc, "bank.balance_equivalent", "balance_equivalent"),
            _money(doc, "bank.average_balance", "average_balance"),
        )
        if f
    ]
    return facts


def _institution(doc: Fields) -> Fact | None:
    fact = doc.text("bank.institution", "institution")
    if fact is not None:
        return fact
    words = [re.compile(p, re.IGNORECASE) for p in doc.labels.raw.get("institution_words", [])]
    for hit in list(doc.reader.lines())[:_HEAD_LINES]:
        if any(w.search(hit.text) for w in words):
            return doc.reader.fact("bank.institution", hit.text.strip(), hit)
    return None


def _holders(doc: Fields) -> list[Fact]:
    """Every holder named, joint holders ("A and B") each on their own: from the first value of
    the holder label or sentence that holds a name (a scan's table may pair the label with the
    next label, ``Date opened``, which names nobody)."""
    for hit in doc.values("holder"):
        facts = []
        start = 0
        for sep in [*_JOINT.finditer(hit.text), None]:
            end = sep.start() if sep else len(hit.text)
            part = Hit(hit.page, hit.line, hit.index, doc.reader.sub(hit, (start, end)))
            fact = doc.name_fact("bank.holder", part)
            if fact is not None:
                facts.append(fact)
            start = sep.end() if sep else start
        if facts:
            return facts
    return []


def _accounts(doc: Fields) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for hit in doc.values("account_number"):
        m = _ACCOUNT.search(hit.text)
        if m is None:
            continue
        span = doc.reader.sub(hit, m.span("v"))
        number = hit.line.text[span[0] : span[1]].strip()
        key = re.sub(r"[\s-]", "", number)
        if key in seen or not any(c.isdigit() for c in key):
            continue
        seen.add(key)
        facts.append(doc.reader.fact("bank.account_number", number, hit, span))
    return facts


def _money(doc: Fields, kind: str, field: str) -> Fact | None:
    for hit in doc.values(field):
        money = parse_money(hit.text)
        if money is None:
            continue
        value = {"amount": float(money.amount), "currency": money.currency, "per": None}
        return doc.reader.fact(kind, value, hit, doc.reader.sub(hit, money.span))
    return None


def _period(doc: Fields) -> list[Fact]:
    """``2025-01-01 to 2025-03-31``, or a month (``Jan 2025``) that stands for all its days."""
    for hit in doc.values("period"):
        dates = find_dates(hit.text, order=doc.order)
        if len(dates) >= 2:
            return [
                doc.fact_of_date("bank.period_start", hit, dates[0]),
                doc.fact_of_date("bank.period_end", hit, dates[1]),
            ]
        if len(dates) == 1 and dates[0].precision == "month":
            month = dates[0].value
            last = dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
            span = doc.reader.sub(hit, dates[0].span)
            note = "the statement names a month; the period is that whole month"
            return [
                doc.reader.fact("bank.period_start", month, hit, span, note=note),
                doc.reader.fact("bank.period_end", last, hit, span, note=note),
            ]
    return []
