"""Weekly hours as letters word them (WRK004)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import parse_hours


@pytest.mark.parametrize(
    ("text", "per_week", "full_time"),
    [
        ("40 hours per week", 40.0, None),
        ("full-time, 40 hours", 40.0, True),
        ("37.5 hrs/week", 37.5, None),
        ("8 hours a day, 5 days a week", 40.0, None),
        ("5 days a week, 8 hours per day", 40.0, None),
        ("forty (40) hours weekly", 40.0, None),
        ("thirty-seven hours per week", 37.0, None),
        ("part-time (20 hours/week)", 20.0, False),
        ("full-time", None, True),
        ("Hours per week: 45", 45.0, None),
        ("a 40-hour work week", 40.0, None),
        ("She worked full time, 44h/week", 44.0, True),
        ("à temps plein, 40 heures par semaine", 40.0, True),
    ],
)
def test_wordings(text: str, per_week: float | None, full_time: bool | None) -> None:
    h = parse_hours(text)
    assert h is not None
    assert (h.per_week, h.full_time) == (per_week, full_time)


@pytest.mark.parametrize(
    "text", ["worked 1,560 hours in total", "Office hours 9 to 5", "", "40 employees"]
)
def test_not_weekly_hours(text: str) -> None:
    assert parse_hours(text) is None


def test_span_covers_status_and_hours() -> None:
    text = "Position: full-time, 40 hours. Salary: CAD 60,000"
    h = parse_hours(text)
    assert h is not None and text[h.span[0] : h.span[1]] == "full-time, 40 hours"


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 80),
    st.sampled_from(["{n} hours per week", "{n} hrs/week", "{n} hours weekly", "{n}h/wk"]),
)
def test_numbers_round_trip(n: int, template: str) -> None:
    h = parse_hours("Working time: " + template.format(n=n))
    assert h is not None and h.per_week == float(n)


def test_a_half_hour_in_words_as_letters_write_it() -> None:
    """Seen on generated letters: the half hour was lost, so the hours rule saw no hours at all."""
    for text in (
        "thirty-seven and a half (37.5) hours a week",
        "thirty-seven and a half hours per week",
    ):
        found = parse_hours(text)
        assert found is not None and found.per_week == 37.5
