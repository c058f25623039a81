"""Whether a profile meets the minimum requirements of CEC, FSW and FST on a date.

Each requirement yields one reason line saying whether it is met and by what figure, so the checks
that report WRK008, WRK012, LNG006 and FND001 can quote the program rule and the numbers behind it.
The thresholds come from ``rules/tables/programs.yaml``, ``fsw_grid.yaml``, ``fst_groups.yaml`` and
``settlement_funds.yaml`` in force on the date.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from docaudit.core.profile import Job, Profile
from docaudit.core.tables import (
    ABILITIES,
    CrsCore,
    FstGroups,
    FswGrid,
    ProgramRules,
    Programs,
    SettlementFunds,
    TableError,
    data_in_force,
    min_points,
)
from docaudit.crs.facts import CANADA, counted_level
from docaudit.crs.language import Result, latest_valid
from docaudit.crs.work import (
    Window,
    age_on,
    hours_in,
    longest_continuous,
    skilled,
    teer,
    years_of,
)

PROGRAMS = ("CEC", "FSW", "FST")


class EligibilityResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    program: str
    eligible: bool
    reasons: tuple[str, ...]
    """One line per requirement, starting with ``met:`` or ``not met:``."""
    points: int | None = None
    """FSW only: the selection-grid total (pass mark in the reasons)."""
    funds_required: bool | None = None


class _Reasons:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ok = True

    def check(self, met: bool, text: str) -> bool:
        self.lines.append(f"{'met' if met else 'not met'}: {text}")
        self.ok = self.ok and met
        return met


def _meets(result: Result, minimum: dict[str, int]) -> bool:
    return all(getattr(result.clb, a) >= minimum[a] for a in ABILITIES)


def _language(
    reasons: _Reasons, results: dict[str, Result], minimum: dict[str, int], why: str
) -> Result | None:
    """Check that some valid result meets ``minimum``; return the best one that does."""
    wanted = "/".join(f"{a} {minimum[a]}" for a in ABILITIES)
    passing = [r for r in results.values() if _meets(r, minimum)]
    best = max(passing, key=lambda r: r.total, default=None)
    if best is not None:
        reasons.check(True, f"{best.describe()} reaches CLB {wanted} ({why})")
    elif results:
        tried = ", ".join(f"{r.describe()} lowest CLB {r.lowest}" for r in results.values())
        reasons.check(False, f"no valid result reaches CLB {wanted} ({why}): {tried}")
    else:
        reasons.check(False, f"no language result valid on the date (CLB {wanted} needed, {why})")
    return best


def _hours_text(hours: Fraction) -> str:
    return f"{float(hours):.0f} h"


def _authorized_in_canada(profile: Profile, on: dt.date) -> bool:
    """A job in Canada held on ``on`` is the profile's only sign of current work authorization."""
    return any(
        j.country == CANADA and j.start <= on and (j.end is None or j.end >= on)
        for j in profile.work_history
    )


def _funds(reasons: _Reasons, profile: Profile, on: dt.date, cec_eligible: bool) -> bool:
    """Check settlement funds; return whether they are required."""
    if cec_eligible and "CEC" in profile.programs:
        reasons.check(True, "no settlement funds needed: eligible for CEC, which is claimed")
        return False
    if profile.job_offer is not None and _authorized_in_canada(profile, on):
        reasons.check(True, "no settlement funds needed: job offer and working in Canada")
        return False
    funds = profile.funds
    spouse = 1 if profile.spouse is not None else 0
    size = funds.family_size if funds else 1 + spouse + len(profile.children)
    try:
        required = data_in_force("settlement_funds", SettlementFunds, on).required(size)
    except TableError as exc:
        reasons.check(False, f"settlement funds cannot be checked: {exc}")
        return True
    if funds is None:
        reasons.check(False, f"no funds declared; CAD {required} needed for {size} person(s)")
    elif funds.available.currency != "CAD":
        reasons.check(False, f"funds declared in {funds.available.currency}; CAD {required} needed")
    else:
        reasons.check(
            funds.available.amount >= required,
            f"funds CAD {funds.available.amount} against CAD {required} for {size} person(s)",
        )
    return True


def _cec(profile: Profile, on: dt.date, table: Programs, results: dict[str, Result]) -> _Reasons:
    rules = table.CEC
    reasons = _Reasons()
    jobs = skilled(
        profile.work_history,
        table.skilled_teer,
        lambda j: j.country == CANADA,
        rules.self_employment_counts,
    )
    window = Window.years_before(on, rules.window_years)
    hours = hours_in(jobs, window, table.full_time_hours_per_week)
    reasons.check(
        hours >= Fraction(str(rules.hours)),
        f"{_hours_text(hours)} of paid skilled work in Canada in the {rules.window_years} years "
        f"to {on} ({rules.hours:g} h needed)",
    )
    minimum, why = _cec_language_minimum(jobs, window, table, rules)
    _language(reasons, results, minimum, why)
    return reasons


def _cec_language_minimum(
    jobs: list[Job], window: Window, table: Programs, rules: ProgramRules
) -> tuple[dict[str, int], str]:
    """The least demanding minimum whose TEER group alone gives the year; else the strictest."""
    enough: list[tuple[int, dict[str, int], str]] = []
    for rule in rules.language:
        group = [j for j in jobs if teer(j.noc) in rule.teer]
        hours = hours_in(group, window, table.full_time_hours_per_week)
        label = f"experience in TEER {'/'.join(map(str, rule.teer))}"
        if hours >= Fraction(str(rules.hours)):
            enough.append((sum(rule.min_clb.values()), rule.min_clb, label))
    if enough:
        _, minimum, label = min(enough, key=lambda e: e[0])
        return minimum, label
    strictest = max(rules.language, key=lambda r: sum(r.min_clb.values()))
    return strictest.min_clb, "no single TEER group gives the year; the strictest minimum applies"


def _fsw(
    profile: Profile,
    on: dt.date,
    table: Programs,
    results: dict[str, Result],
    cec_eligible: bool,
) -> tuple[_Reasons, int, bool]:
    rules = table.FSW
    grid = data_in_force("fsw_grid", FswGrid, on)
    core = data_in_force("crs_core", CrsCore, on)
    reasons = _Reasons()
    jobs = skilled(profile.work_history, table.skilled_teer, lambda j: True, True)
    window = Window.years_before(on, rules.window_years)
    noc, run = longest_continuous(jobs, window, table.full_time_hours_per_week)
    reasons.check(
        run >= Fraction(str(rules.hours)),
        f"longest continuous paid skilled work in one NOC ({noc or 'none'}): {_hours_text(run)} "
        f"in the {rules.window_years} years to {on} ({rules.hours:g} h needed)",
    )
    first = _language(reasons, results, rules.language[0].min_clb, "FSW minimum")
    level, why = counted_level(profile.education, on, core)
    reasons.check(level is not None, f"education: {why}")
    points = _fsw_points(profile, on, table, grid, first, results, level)
    reasons.check(points >= grid.pass_mark, f"selection grid {points}/100 (pass {grid.pass_mark})")
    required = _funds(reasons, profile, on, cec_eligible)
    return reasons, points, required


def _fsw_points(
    profile: Profile,
    on: dt.date,
    table: Programs,
    grid: FswGrid,
    first: Result | None,
    results: dict[str, Result],
    level: str | None,
) -> int:
    language = 0
    if first is not None:
        language = sum(min_points(grid.first_language, getattr(first.clb, a)) for a in ABILITIES)
        second = [r for r in results.values() if r is not first]
        if second and second[0].lowest >= grid.second_language_min_clb:
            language += grid.second_language_points
    full_time = table.full_time_hours_per_week
    window = Window.years_before(on, table.FSW.window_years)
    all_skilled = skilled(profile.work_history, table.skilled_teer, lambda j: True, True)
    years = years_of(hours_in(all_skilled, window, full_time), table.hours_per_year)
    offer = profile.job_offer
    offered = (
        offer is not None
        and teer(offer.noc) in table.skilled_teer
        and (offer.hours_per_week is None or offer.hours_per_week >= full_time)
    )
    return (
        min(language, grid.language_max)
        + (grid.education[level] if level else 0)
        + min_points(grid.experience, years)
        + min_points(grid.age, age_on(profile.applicant.date_of_birth, on))
        + (grid.arranged_employment if offered else 0)
        + _adaptability(profile, on, table, grid, offered)
    )


def _adaptability(
    profile: Profile, on: dt.date, table: Programs, grid: FswGrid, offered: bool
) -> int:
    factors = grid.adaptability
    full_time = table.full_time_hours_per_week
    window = Window.years_before(on, table.FSW.window_years)
    in_canada = skilled(
        profile.work_history, table.skilled_teer, lambda j: j.country == CANADA, False
    )
    points = 0
    if years_of(hours_in(in_canada, window, full_time), table.hours_per_year) >= 1:
        points += factors.own_canadian_work_1_year
    study = profile.canadian_study
    if study is not None and study.credential_years >= 2:
        points += factors.own_canadian_study_2_years
    spouse = profile.accompanying_spouse
    if spouse is not None:
        spouse_results = latest_valid(spouse.language_tests, on).values()
        if any(r.lowest >= 4 for r in spouse_results):
            points += factors.spouse_language_clb4
        spouse_jobs = [j for j in spouse.work_history if j.country == CANADA and j.paid]
        if years_of(hours_in(spouse_jobs, window, full_time), table.hours_per_year) >= 1:
            points += factors.spouse_canadian_work_1_year
    if offered:
        points += factors.arranged_employment
    if profile.sibling_in_canada:
        points += factors.relative_in_canada
    return min(points, grid.adaptability_max)


def _fst(
    profile: Profile,
    on: dt.date,
    table: Programs,
    results: dict[str, Result],
    cec_eligible: bool,
) -> tuple[_Reasons, bool]:
    rules = table.FST
    reasons = _Reasons()
    try:
        trades = data_in_force("fst_groups", FstGroups, on)
    except TableError as exc:
        reasons.check(False, f"skilled-trade groups cannot be checked: {exc}")
        return reasons, True
    window = Window.years_before(on, rules.window_years)
    by_noc: dict[str, list[Job]] = {}
    for job in profile.work_history:
        if job.paid and trades.is_trade(job.noc):
            by_noc.setdefault(job.noc, []).append(job)
    best = max(
        (
            (noc, hours_in(group, window, table.full_time_hours_per_week))
            for noc, group in by_noc.items()
        ),
        key=lambda item: item[1],
        default=(None, Fraction(0)),
    )
    reasons.check(
        best[1] >= Fraction(str(rules.hours)),
        f"paid work in a skilled trade ({best[0] or 'none'}): {_hours_text(best[1])} in the "
        f"{rules.window_years} years to {on} ({rules.hours:g} h needed)",
    )
    _language(reasons, results, rules.language[0].min_clb, "FST minimum")
    offer = profile.job_offer
    coq = profile.certificate_of_qualification
    has_coq = coq is not None and coq.issued <= on
    reasons.check(
        offer is not None or has_coq,
        "job offer or certificate of qualification: "
        + ("certificate" if has_coq else "job offer" if offer else "neither declared"),
    )
    return reasons, _funds(reasons, profile, on, cec_eligible)


def eligibility(profile: Profile, on: dt.date | None = None) -> dict[str, EligibilityResult]:
    """CEC, FSW and FST minimum requirements on ``on`` (default: the audit date)."""
    when = on or profile.as_of()
    table = data_in_force("programs", Programs, when)
    results = latest_valid(profile.language_tests, when)
    cec = _cec(profile, when, table, results)
    fsw, points, fsw_funds = _fsw(profile, when, table, results, cec.ok)
    fst, fst_funds = _fst(profile, when, table, results, cec.ok)
    return {
        "CEC": EligibilityResult(
            program="CEC", eligible=cec.ok, reasons=tuple(cec.lines), funds_required=False
        ),
        "FSW": EligibilityResult(
            program="FSW",
            eligible=fsw.ok,
            reasons=tuple(fsw.lines),
            points=points,
            funds_required=fsw_funds,
        ),
        "FST": EligibilityResult(
            program="FST", eligible=fst.ok, reasons=tuple(fst.lines), funds_required=fst_funds
        ),
    }
