"""Which declared jobs earn points or eligibility, and the experience the documents prove.

WRK001 asks for a letter only where a job matters, WRK012 and CRS002 count the experience the
letters prove; all three must agree on what "matters" and what "proven" means, so both live here.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from docaudit.checks.work_match import Pairing, closest
from docaudit.core.profile import Job, Profile
from docaudit.core.tables import CrsCore, FstGroups, Programs, data_in_force
from docaudit.crs.facts import CANADA
from docaudit.crs.work import Window, hours_in, longest_continuous, skilled, teer


def uses(ref_person: str, job: Job, profile: Profile, as_of: dt.date) -> list[str]:
    """What a job earns (CRS points, a claimed program's experience); empty when nothing."""
    if not job.paid:
        return []
    crs_on = profile.crs_date(as_of)
    core = data_in_force("crs_core", CrsCore, crs_on)
    programs = data_in_force("programs", Programs, as_of)
    skilled_job = teer(job.noc) in programs.skilled_teer
    in_canada = job.country == CANADA
    out: list[str] = []
    crs_window = Window.years_before(crs_on, core.work_experience.window_years)
    if ref_person == "spouse":
        spouse = profile.accompanying_spouse
        if spouse is not None and in_canada and skilled_job and crs_window.clip(job):
            out.append("the spouse's Canadian work points")
        return out
    if skilled_job and crs_window.clip(job):
        out.append("CRS " + ("Canadian" if in_canada else "foreign") + " work experience points")
    for program in profile.programs:
        rules = programs.rules(program)
        if not Window.years_before(as_of, rules.window_years).clip(job):
            continue
        if program == "FST":
            if data_in_force("fst_groups", FstGroups, as_of).is_trade(job.noc):
                out.append("FST eligibility")
        elif (
            skilled_job
            and (in_canada or not rules.in_canada_only)
            and (rules.self_employment_counts or not job.self_employed)
        ):
            out.append(f"{program} eligibility")
    return out


def documented_job(pairing: Pairing) -> Job | None:
    """The job as its letter proves it: the letter's dates and hours, or None without a letter."""
    job = pairing.ref.job
    letter = pairing.letter
    if letter is None or not pairing.employer_matches:
        return None
    start, end, ongoing = pairing.period()
    start_fact, end_fact = letter.start, letter.end
    if start_fact is not None and not pairing.shared:
        start = closest(start_fact, job.start)
    if end_fact is not None and not pairing.shared and not ongoing:
        end = closest(end_fact, job.end)
    hours = letter.doc.first("employment.hours_per_week")
    weekly = (
        float(hours.value) if hours is not None and isinstance(hours.value, int | float) else None
    )
    update: dict[str, object] = {
        "start": start or job.start,
        "end": None if ongoing else (end or job.end),
        "hours_per_week": weekly if weekly and weekly > 0 else job.hours_per_week,
    }
    return job.model_copy(update=update)


def experience(program: str, jobs: list[Job], on: dt.date) -> tuple[Fraction, Fraction, str]:
    """Hours that count for ``program`` on ``on``, the hours needed, and how they were counted."""
    table = data_in_force("programs", Programs, on)
    rules = table.rules(program)
    window = Window.years_before(on, rules.window_years)
    full = table.full_time_hours_per_week
    needed = Fraction(str(rules.hours))
    if program == "CEC":
        chosen = skilled(jobs, table.skilled_teer, lambda j: j.country == CANADA, False)
        return (
            hours_in(chosen, window, full),
            needed,
            (f"paid skilled work in Canada in the {rules.window_years} years to {on}"),
        )
    if program == "FSW":
        chosen = skilled(jobs, table.skilled_teer, lambda j: True, rules.self_employment_counts)
        noc, run = longest_continuous(chosen, window, full)
        return (
            run,
            needed,
            (
                f"continuous paid skilled work in one NOC ({noc or 'none'}) in the "
                f"{rules.window_years} years to {on}"
            ),
        )
    trades = data_in_force("fst_groups", FstGroups, on)
    by_noc: dict[str, list[Job]] = {}
    for job in jobs:
        if job.paid and trades.is_trade(job.noc):
            by_noc.setdefault(job.noc, []).append(job)
    best = max(
        ((n, hours_in(g, window, full)) for n, g in sorted(by_noc.items())),
        key=lambda item: item[1],
        default=(None, Fraction(0)),
    )
    return (
        best[1],
        needed,
        (
            f"paid work in one skilled trade ({best[0] or 'none'}) in the {rules.window_years} "
            f"years to {on}"
        ),
    )
