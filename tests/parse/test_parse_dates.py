"""Dates and periods: every printed form, spans that point at the text, no silent guesses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import (
    apply_order,
    find_dates,
    find_periods,
    parse_date,
    resolve_order,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("15/03/2019", D(2019, 3, 15), "day"),
        ("03/15/2019", D(2019, 3, 15), "day"),
        ("15.03.2019", D(2019, 3, 15), "day"),
        ("2019-03-15", D(2019, 3, 15), "day"),
        ("15th March 2019", D(2019, 3, 15), "day"),
        ("March 15th, 2019", D(2019, 3, 15), "day"),
        ("15 Mar 2019", D(2019, 3, 15), "day"),
        ("Mar 2019", D(2019, 3, 1), "month"),
        ("March 2019", D(2019, 3, 1), "month"),
        ("15 mars 2019", D(2019, 3, 15), "day"),
        ("1er août 2016", D(2016, 8, 1), "day"),
        ("15-MAR-2019", D(2019, 3, 15), "day"),
        ("15 MAR/MARS 2019", D(2019, 3, 15), "day"),
        ("Date of issue: 12 FEB/FÉV 2021", D(2021, 2, 12), "day"),
        ("the 1st of August, 2016", D(2016, 8, 1), "day"),
        ("03/2019", D(2019, 3, 1), "month"),
        ("November 1 , 2019", D(2019, 11, 1), "day"),  # OCR spaces a comma off its day
        ("201 7-04-30", D(2017, 4, 30), "day"),  # ... and splits a year
    ],
)
def test_formats(text: str, value: dt.date, precision: str) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].value == value and found[0].precision == precision
    assert not found[0].ambiguous


def test_span_points_at_the_date_in_the_line() -> None:
    line = "Ms. Khan joined us on 15th March 2019 as Software Engineer"
    d = parse_date(line)
    assert d is not None
    assert line[d.span[0] : d.span[1]] == "15th March 2019"


def test_year_only_when_asked() -> None:
    assert find_dates("Graduated in 2016") == []
    found = find_dates("Graduated in 2016", years=True)
    assert [(d.value, d.precision) for d in found] == [(D(2016, 1, 1), "year")]


def test_impossible_dates_and_numbers_are_not_dates() -> None:
    assert find_dates("31/02/2019") == []
    assert find_dates("Invoice 123456789, amount 31,000.00") == []
    assert find_dates("Call 0300-1234567") == []


def test_numeric_day_month_is_ambiguous_with_both_readings() -> None:
    (d,) = find_dates("04/05/2019")
    assert d.ambiguous
    assert d.alternatives == (D(2019, 5, 4), D(2019, 4, 5))
    (same,) = find_dates("05/05/2019")
    assert not same.ambiguous and same.value == D(2019, 5, 5)


def test_document_evidence_settles_the_order() -> None:
    dates = find_dates("Joined 04/05/2019. Letter dated 13/05/2024.")
    assert resolve_order(dates, "USA") == "dmy"
    settled = apply_order(dates, resolve_order(dates))
    assert settled[0].value == D(2019, 5, 4) and not settled[0].ambiguous
    us = find_dates("Joined 04/05/2019. Letter dated 05/13/2024.")
    assert resolve_order(us) == "mdy"
    assert apply_order(us, "mdy")[0].value == D(2019, 4, 5)


def test_country_convention_when_the_document_does_not_say() -> None:
    dates = find_dates("from 04/05/2019 to 06/07/2020")
    assert resolve_order(dates, "PAK") == "dmy"
    assert resolve_order(dates, "USA") == "mdy"
    assert resolve_order(dates, "CAN", "fr") == "dmy"
    assert resolve_order(dates, "IN") == "dmy"


@pytest.mark.parametrize("country", ["CAN", "PHL", "Philippines", "Canada"])
def test_a_country_printing_both_orders_has_no_convention(country: str) -> None:
    """Issue 5: Canadian and Philippine letters printed day-first were read month-first."""
    dates = find_dates("Date: 09/08/2026. Date of joining 01/12/2024.")
    assert resolve_order(dates, country) is None
    kept = apply_order(dates, resolve_order(dates, country))
    assert all(d.ambiguous for d in kept)
    assert kept[1].alternatives == (D(2024, 12, 1), D(2024, 1, 12))


def test_a_convention_covers_only_the_separators_its_country_writes() -> None:
    """A dotted date is not the month-first style of the United States: it stays open there."""
    dotted = find_dates("Date: 09.07.2026. Joined the company on 01.07.2024.")
    assert [d.separator for d in dotted] == [".", "."]
    assert resolve_order(dotted, "USA") is None
    assert resolve_order(dotted, "PAK") == "dmy"
    assert resolve_order(find_dates("Joined 01-07-2024"), "USA") == "mdy"
    proven = find_dates("Joined 01.07.2024, letter of 07/15/2026")
    assert resolve_order(proven, "USA") == "mdy"


def test_no_decision_stays_ambiguous() -> None:
    dates = find_dates("04/05/2019")
    assert resolve_order(dates) is None
    assert resolve_order(dates, "Atlantis") is None
    conflicting = find_dates("13/05/2019 and 05/13/2019 and 04/05/2019")
    assert resolve_order(conflicting, "PAK") is None
    assert apply_order(dates, None)[0].ambiguous


@pytest.mark.parametrize(
    ("text", "start", "end", "ongoing"),
    [
        ("from March 2019 to date", D(2019, 3, 1), None, True),
        ("since 01/02/2018", D(2018, 2, 1), None, True),
        ("2016-08-01 to present", D(2016, 8, 1), None, True),
        ("between June 2015 and July 2018", D(2015, 6, 1), D(2018, 7, 1), False),
        ("from 1 August 2016 until 31 December 2021", D(2016, 8, 1), D(2021, 12, 31), False),
        ("Jan 2019 – Present", D(2019, 1, 1), None, True),
        ("du 1er août 2016 au 31 décembre 2021", D(2016, 8, 1), D(2021, 12, 31), False),
        ("employed 01/08/2016 - 31/12/2021 as", D(2016, 8, 1), D(2021, 12, 31), False),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date | None, ongoing: bool) -> None:
    (p,) = find_periods(text)
    assert p.start.value == start
    assert (p.end.value if p.end else None) == end
    assert p.ongoing is ongoing
    assert p.span[0] <= p.start.span[0] and p.span[1] >= p.start.span[1]


def test_period_end_span_is_the_ongoing_word() -> None:
    text = "from March 2019 to date"
    (p,) = find_periods(text)
    assert p.end_span is not None and text[p.end_span[0] : p.end_span[1]] == "date"


def test_two_dates_with_and_are_not_a_period_without_between() -> None:
    assert find_periods("Signed 1 May 2020 and 3 June 2020") == []
    assert find_periods("Issued on 12 March 2021") == []


MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS_FR = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
PASSPORT = [
    "JAN/JAN", "FEB/FÉV", "MAR/MARS", "APR/AVR", "MAY/MAI", "JUN/JUIN",
    "JUL/JUIL", "AUG/AOÛT", "SEP/SEPT", "OCT/OCT", "NOV/NOV", "DEC/DÉC",
]  # fmt: skip
SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _formats(d: dt.date) -> list[tuple[str, str | None]]:
    en, fr, day = MONTHS_EN[d.month - 1], MONTHS_FR[d.month - 1], d.day
    nth = f"{day}{SUFFIX.get(day, 'th')}"
    return [
        (d.strftime("%d/%m/%Y"), "dmy"),
        (d.strftime("%m/%d/%Y"), "mdy"),
        (d.strftime("%d.%m.%Y"), "dmy"),
        (d.isoformat(), None),
        (f"{nth} {en} {d.year}", None),
        (f"{en} {nth}, {d.year}", None),
        (f"{day} {en[:3]} {d.year}", None),
        (f"{day:02d}-{en[:3].upper()}-{d.year}", None),
        (f"{day} {fr} {d.year}", None),
        (f"{day:02d} {PASSPORT[d.month - 1]} {d.year}", None),
    ]


@settings(max_examples=150, deadline=None)
@given(st.dates(D(1930, 1, 1), D(2060, 12, 31)), st.integers(0, 9))
def test_formatted_dates_parse_back(d: dt.date, which: int) -> None:
    text, order = _formats(d)[which]
    found = find_dates(f"Dated {text}.", order=order)  # type: ignore[arg-type]
    assert [x.value for x in found] == [d], text
    if order is not None:
        raw = find_dates(text)[0]
        assert d in (raw.alternatives or (raw.value,))
        assert raw.ambiguous == (d.day <= 12 and d.day != d.month)


@settings(max_examples=60, deadline=None)
@given(st.dates(D(1930, 1, 1), D(2060, 12, 31)))
def test_month_precision_round_trip(d: dt.date) -> None:
    (found,) = find_dates(f"since {MONTHS_EN[d.month - 1]} {d.year}")
    assert found.precision == "month" and found.value == d.replace(day=1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("from November ist, 2019", D(2019, 11, 1)),  # OCR: "1st" read as "ist"
        ("from October \u2018st, 2024 to the present day", D(2024, 10, 1)),  # "1" lost to a mark
        ("the llth of May 2020", D(2020, 5, 11)),
        ("on lst June 2021", D(2021, 6, 1)),
        ("December 2lst, 2025", D(2025, 12, 21)),
        ("from November \u20181st, 2024 to the present day", D(2024, 11, 1)),  # a stray mark
    ],
)
def test_an_ordinal_day_ocr_garbled_beside_a_month_is_read(text: str, value: dt.date) -> None:
    found = find_dates(text)
    assert [(d.value, d.precision) for d in found] == [(value, "day")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("between January and March 2019", D(2019, 3, 1)),  # "a" is no digit, "nd" no proof
        ("last March 2019", D(2019, 3, 1)),  # "la" would be 11, which is "11th", not "11st"
        ("the list of March 2019", D(2019, 3, 1)),
    ],
)
def test_words_beside_a_month_are_not_read_as_a_day(text: str, value: dt.date) -> None:
    assert [(d.value, d.precision) for d in find_dates(text)] == [(value, "month")]
