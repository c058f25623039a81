"""Language results as CLB levels, through the conversion table in force on the test date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.core.profile import ClbLevels, LanguageTest
from docaudit.core.tables import ABILITIES, ClbTable, Validity, data_in_force
from docaudit.crs.work import add_years


@dataclass(frozen=True)
class Result:
    """One test read as CLB levels, with the language the conversion table names."""

    test: LanguageTest
    language: str
    clb: ClbLevels

    @property
    def lowest(self) -> int:
        return min(int(getattr(self.clb, a)) for a in ABILITIES)

    @property
    def total(self) -> int:
        return sum(int(getattr(self.clb, a)) for a in ABILITIES)

    def describe(self) -> str:
        return f"{self.test.test} of {self.test.test_date}"


def table_for(test: LanguageTest) -> ClbTable:
    return data_in_force(f"clb_{test.test.lower()}", ClbTable, test.test_date)


def to_clb(test: LanguageTest) -> Result:
    table = table_for(test)
    levels = {a: table.level(a, float(getattr(test.scores, a))) for a in ABILITIES}
    return Result(test, table.language, ClbLevels(**levels))


def valid_on(test: LanguageTest, on: dt.date) -> bool:
    """Taken by ``on`` and less than the validity period old on it."""
    years = data_in_force("validity", Validity, on).language_test_years
    return test.test_date <= on < add_years(test.test_date, years)


def latest_valid(tests: Iterable[LanguageTest], on: dt.date) -> dict[str, Result]:
    """Per language, the most recent result valid on ``on`` (the one a profile would carry)."""
    chosen: dict[str, Result] = {}
    for test in sorted(tests, key=lambda t: t.test_date):
        if valid_on(test, on):
            result = to_clb(test)
            chosen[result.language] = result
    return chosen


def first_and_second(results: dict[str, Result]) -> tuple[Result | None, Result | None]:
    """The higher result (by CLB levels summed, English on a tie) is the first official language."""
    ranked = sorted(
        results.values(), key=lambda r: (r.total, r.language == "english"), reverse=True
    )
    first = ranked[0] if ranked else None
    second = ranked[1] if len(ranked) > 1 else None
    return first, second
