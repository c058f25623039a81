"""Every parser takes any text: no exception, and an answer well within a line's time budget."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import (
    employers_match,
    find_dates,
    find_money,
    find_periods,
    names_match,
    parse_hours,
    parse_name,
    parse_td3,
    read_mrz,
)

# Text biased toward the characters the parsers look for, plus anything at all.
_tokens = st.sampled_from(
    ["/", "-", ".", ",", " ", "<", "«", "K", "O", "0", "1", "12", "2019", "Mar", "mars", "to",
     "present", "from", "$", "Rs.", "PKR", "hours", "per week", "full-time", "P<", "Ms.", ":",
     "Surname", "Given names", "\n", "(", ")", "forty", "é", "ß"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=120), st.lists(_tokens, max_size=60).map("".join))

PARSERS: list[Callable[[str], Any]] = [
    lambda t: find_dates(t, years=True),
    lambda t: find_periods(t, years=True),
    lambda t: find_money(t, "CAD"),
    parse_hours,
    parse_name,
    lambda t: parse_name(t, "family_first"),
    lambda t: names_match("KHAN", "Ayesha", t, ["x"], ocr=True),
    lambda t: employers_match("Systems Limited", t),
    read_mrz,
    lambda t: parse_td3(t, t),
]


@pytest.mark.parametrize("parser", range(len(PARSERS)))
@settings(max_examples=60, deadline=None)
@given(text=TEXT)
def test_never_raises_and_is_quick(parser: int, text: str) -> None:
    start = time.perf_counter()
    PARSERS[parser](text)
    # Generous bounds: the point is that parsing terminates, on a machine other tests are loading.
    assert time.perf_counter() - start < 5.0


def test_mrz_worst_case_stays_bounded() -> None:
    line1 = "P<PAKKHAN<<AYESHA<<<<<<<<<<<<<<<<<<<<<<<<<<<"
    start = time.perf_counter()
    read_mrz(line1 + "\n" + "O" * 43)
    assert time.perf_counter() - start < 10.0
