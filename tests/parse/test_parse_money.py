"""Amounts: grouping conventions, currency markers with hints, periods, annualising."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import Money, annualise, find_money, parse_money


@pytest.mark.parametrize(
    ("text", "amount", "currency", "per"),
    [
        ("CAD 31,000.00", "31000.00", "CAD", None),
        ("$31,000", "31000", None, None),
        ("Rs. 1,800,000 per annum", "1800000", None, "year"),
        ("PKR 150,000/month", "150000", "PKR", "month"),
        ("INR 12,00,000", "1200000", "INR", None),
        ("1.234,56 EUR", "1234.56", "EUR", None),
        ("₹ 5,00,000 p.a.", "500000", "INR", "year"),
        ("€1,200 per month", "1200", "EUR", "month"),
        ("£45,000 a year", "45000", "GBP", "year"),
        ("USD 45/hour", "45", "USD", "hour"),
        ("annual salary of 85,000 Canadian dollars", "85000", "CAD", "year"),
        ("Monthly gross salary: Rs. 150,000/-", "150000", None, "month"),
        ("Salary: 1,800,000 per annum", "1800000", None, "year"),
        ("C$ 1 234,56", "1234.56", "CAD", None),
        ("CHF 1'234.50", "1234.50", "CHF", None),
    ],
)
def test_formats(text: str, amount: str, currency: str | None, per: str | None) -> None:
    m = parse_money(text)
    assert m is not None
    assert (m.amount, m.currency, m.per) == (Decimal(amount), currency, per)


def test_hint_settles_shared_markers_only() -> None:
    assert parse_money("$31,000", "CAD") == Money(Decimal(31000), "CAD", None, (0, 7), "$")
    rs = parse_money("Rs. 1,800,000", "PKR")
    assert rs is not None and rs.currency == "PKR"
    euro = parse_money("€1,200", "CAD")
    assert euro is not None and euro.currency == "EUR"
    assert (m := parse_money("Rs. 100", "CAD")) is not None and m.currency is None


def test_span_covers_marker_amount_and_period() -> None:
    text = "She earns PKR 150,000/month plus benefits."
    m = parse_money(text)
    assert m is not None and text[m.span[0] : m.span[1]] == "PKR 150,000/month"


@pytest.mark.parametrize(
    "text",
    ["at 5 p.m.", "40 hours per week", "since 2019", "Employee No. 12345", "Page 3 of 4"],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_several_amounts_keep_their_own_periods() -> None:
    found = find_money("monthly salary PKR 150,000 and a bonus of PKR 20,000")
    assert [(m.amount, m.per) for m in found] == [
        (Decimal(150000), "month"),
        (Decimal(20000), None),
    ]


def test_annualise() -> None:
    assert annualise(Money(Decimal(150000), "PKR", "month", (0, 1))) == Decimal(1800000)
    assert annualise(Money(Decimal(1000), "CAD", "week", (0, 1))) == Decimal(52000)
    assert annualise(Money(Decimal(45), "USD", "hour", (0, 1)), 37.5) == Decimal("87750.0")
    assert annualise(Money(Decimal(45), "USD", "hour", (0, 1))) is None
    assert annualise(Money(Decimal(45), "USD", None, (0, 1))) is None
    assert annualise(Money(Decimal(85000), "CAD", "year", (0, 1))) == Decimal(85000)


def _indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail])


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 99), st.integers(0, 3))
def test_grouped_amounts_parse_back(whole: int, cents: int, style: int) -> None:
    us = f"{whole:,}.{cents:02d}"
    text, expected = [
        (f"CAD {us}", Decimal(f"{whole}.{cents:02d}")),
        (f"{us.replace(',', ' ').replace('.', ',')} EUR", Decimal(f"{whole}.{cents:02d}")),
        (
            f"{us.replace(',', '_').replace('.', ',').replace('_', '.')} €",
            Decimal(f"{whole}.{cents:02d}"),
        ),
        (f"INR {_indian(whole)}", Decimal(whole)),
    ][style]
    m = parse_money(f"Balance: {text} only")
    assert m is not None, text
    assert m.amount == expected, text
