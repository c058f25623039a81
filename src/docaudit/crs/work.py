"""Counting work experience the way IRCC does: hours, capped at full time per week, in a window.

A week counts at most 30 hours however many jobs fill it, part-time hours accumulate until a year
(1,560 hours), and only days inside the window count. Hours are kept as exact fractions because a
52-week full-time year must reach 1,560 hours exactly, not 1,559.999.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from docaudit.core.profile import Job

ONE_DAY = dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: dt.date, on: dt.date) -> int:
    """Whole years of age: the birthday itself counts."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def teer(noc: str) -> int:
    """The TEER category is the second digit of a NOC 2021 code."""
    return int(noc[1])


@dataclass(frozen=True)
class Window:
    """The days after ``start`` up to and including ``end``: the N years before a date."""

    start: dt.date
    end: dt.date

    @classmethod
    def years_before(cls, on: dt.date, years: int) -> Window:
        return cls(add_years(on, -years), on)

    def clip(self, job: Job) -> tuple[dt.date, dt.date] | None:
        first = max(job.start, self.start + ONE_DAY)
        last = min(job.end or self.end, self.end)
        return (first, last) if first <= last else None


def hours_in(jobs: Iterable[Job], window: Window, full_time: float) -> Fraction:
    """Hours that count in ``window``: each week's hours summed over jobs, capped at full time.

    A sweep over the days where some job starts or ends: between two such days the weekly total
    is constant, so ten years of overlapping jobs cost a few steps, not one per day.
    """
    changes: dict[dt.date, Fraction] = {}
    for job in jobs:
        span = window.clip(job)
        if span is None:
            continue
        hours = Fraction(str(job.hours_per_week))
        changes[span[0]] = changes.get(span[0], Fraction(0)) + hours
        after = span[1] + ONE_DAY
        changes[after] = changes.get(after, Fraction(0)) - hours
    cap = Fraction(str(full_time))
    total, level, previous = Fraction(0), Fraction(0), None
    for day in sorted(changes):
        if previous is not None and level > 0:
            total += min(level, cap) * (day - previous).days
        level += changes[day]
        previous = day
    return total / 7


def years_of(hours: Fraction, hours_per_year: float) -> int:
    return int(hours // Fraction(str(hours_per_year)))


def longest_continuous(
    jobs: Iterable[Job], window: Window, full_time: float
) -> tuple[str | None, Fraction]:
    """The most hours in one unbroken stretch of work in one NOC (FSW's continuous year)."""
    by_noc: dict[str, list[Job]] = {}
    for job in jobs:
        by_noc.setdefault(job.noc, []).append(job)
    best: tuple[str | None, Fraction] = (None, Fraction(0))
    for noc, group in sorted(by_noc.items()):
        for run in _runs(group, window):
            hours = hours_in(run, window, full_time)
            if hours > best[1]:
                best = (noc, hours)
    return best


def _runs(jobs: list[Job], window: Window) -> list[list[Job]]:
    """Jobs grouped into stretches with no day off between them (inside the window)."""
    spans = sorted(
        ((span, job) for job in jobs if (span := window.clip(job)) is not None),
        key=lambda item: item[0],
    )
    runs: list[list[Job]] = []
    run_end: dt.date | None = None
    for (first, last), job in spans:
        if run_end is None or first > run_end + ONE_DAY:
            runs.append([])
            run_end = last
        runs[-1].append(job)
        run_end = max(run_end, last)
    return runs


def skilled(
    jobs: Iterable[Job],
    skilled_teer: Iterable[int],
    where: Callable[[Job], bool],
    self_employment_counts: bool,
) -> list[Job]:
    """Paid jobs in a skilled TEER that ``where`` accepts (e.g. in Canada)."""
    teers = set(skilled_teer)
    return [
        j
        for j in jobs
        if j.paid
        and teer(j.noc) in teers
        and where(j)
        and (self_employment_counts or not j.self_employed)
    ]
