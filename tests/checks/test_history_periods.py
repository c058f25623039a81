"""The period arithmetic HIS and POL rules rest on: every day of a window is either covered or in
exactly one gap, and the required window starts at the later of 10 years back and age 18."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from docaudit.checks.history import Span, merged, uncovered, window_for
from docaudit.checks.identity import months_later

START = dt.date(2015, 1, 1)
WINDOW = Span(START, dt.date(2016, 12, 31))


@st.composite
def spans(draw: st.DrawFn) -> Span:
    first = START + dt.timedelta(days=draw(st.integers(-60, 800)))
    return Span(first, first + dt.timedelta(days=draw(st.integers(0, 200))))


def _days(span: Span) -> set[dt.date]:
    return {span.start + dt.timedelta(days=i) for i in range(span.days)}


@given(st.lists(spans(), max_size=8))
def test_gaps_are_exactly_the_uncovered_days(declared: list[Span]) -> None:
    covered: set[dt.date] = set().union(*(_days(s) for s in declared))
    gaps = uncovered(WINDOW, declared)
    in_gaps = [d for g in gaps for d in _days(g)]
    assert len(in_gaps) == len(set(in_gaps))
    assert set(in_gaps) == _days(WINDOW) - covered


@given(st.lists(spans(), max_size=8))
def test_merged_spans_neither_touch_nor_lose_days(declared: list[Span]) -> None:
    joined = merged(declared)
    for a, b in itertools.pairwise(joined):
        assert b.start > a.end + dt.timedelta(days=1)
    before: set[dt.date] = set().union(*(_days(s) for s in declared))
    after: set[dt.date] = set().union(*(_days(s) for s in joined))
    assert after == before


def test_window_starts_at_the_18th_birthday_when_later() -> None:
    as_of = dt.date(2026, 9, 14)
    assert window_for(dt.date(2004, 2, 29), as_of, 10) == Span(dt.date(2022, 2, 28), as_of)
    assert window_for(dt.date(1990, 1, 1), as_of, 10) == Span(dt.date(2016, 9, 14), as_of)
    assert window_for(None, as_of, 10).start == dt.date(2016, 9, 14)


def test_months_later_keeps_the_day_or_takes_the_month_end() -> None:
    assert months_later(dt.date(2018, 1, 1), 6) == dt.date(2018, 7, 1)
    assert months_later(dt.date(2026, 8, 31), -6) == dt.date(2026, 2, 28)
    assert months_later(dt.date(2026, 9, 14), -6) == dt.date(2026, 3, 14)
    assert months_later(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
