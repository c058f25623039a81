"""The Comprehensive Ranking System score of a profile on a date, with every point explained.

The grid comes from ``rules/tables/crs_core.yaml`` and ``crs_additional.yaml`` in force on the date,
so a score for an ITA of 2024 keeps its job-offer points and one for 2026 does not. Each section's
line items add up to its points; where a cap bites, the cap is a line item of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from docaudit.core.profile import ClbLevels, Profile
from docaudit.core.tables import (
    ABILITIES,
    CrsAdditional,
    CrsCore,
    MinPoints,
    Step,
    data_in_force,
    first_step,
    in_force,
    min_points,
)
from docaudit.crs.facts import CrsFacts, LanguageFact, apply_override, derive_facts
from docaudit.crs.work import teer

SECTIONS = ("core", "spouse", "transferability", "additional")


class LineItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    factor: str
    points: int
    reason: str


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    points: int
    maximum: int
    items: tuple[LineItem, ...]


class Breakdown(BaseModel):
    model_config = ConfigDict(frozen=True)

    core: Section
    spouse: Section
    transferability: Section
    additional: Section


class CrsResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    on: dt.date
    total: int
    with_spouse: bool
    breakdown: Breakdown
    tables: dict[str, str]
    """Table name -> effective_from of the version used, so a score can be reproduced."""
    facts: CrsFacts

    def points(self) -> dict[str, int]:
        """Section totals, as the JSON report's ``crs.breakdown`` carries them."""
        return {name: getattr(self.breakdown, name).points for name in SECTIONS}


class _Tally:
    def __init__(self) -> None:
        self.items: list[LineItem] = []

    def add(self, factor: str, points: int, reason: str) -> int:
        self.items.append(LineItem(factor=factor, points=points, reason=reason))
        return points

    def cap(self, factor: str, subtotal: int, limit: int) -> int:
        if subtotal > limit:
            self.add(factor, limit - subtotal, f"capped at {limit}")
            return limit
        return subtotal

    def section(self, maximum: int) -> Section:
        total = sum(i.points for i in self.items)
        return Section(points=total, maximum=maximum, items=tuple(self.items))


def _step(rows: tuple[Step, ...], value: float, with_spouse: bool) -> int:
    row = first_step(rows, value)
    return row.points(with_spouse) if row else 0


def _languages(facts: CrsFacts) -> tuple[LanguageFact | None, LanguageFact | None]:
    """English and French facts as first and second language: the higher total CLB is first."""
    present = [f for f in (facts.english, facts.french) if f is not None]
    present.sort(key=lambda f: sum(getattr(f.clb, a) for a in ABILITIES), reverse=True)
    first = present[0] if present else None
    return first, (present[1] if len(present) > 1 else None)


def _lowest(clb: ClbLevels | None) -> int:
    return min(getattr(clb, a) for a in ABILITIES) if clb else 0


def _core(facts: CrsFacts, core: CrsCore) -> Section:
    w = facts.with_spouse
    t = _Tally()
    subtotal = t.add(
        "age", _step(core.age, facts.age, w), facts.notes.get("age", f"age {facts.age}")
    )
    level = facts.education
    subtotal += t.add(
        "education",
        core.education[level].points(w) if level else 0,
        facts.notes.get("education", str(level)),
    )
    first, second = _languages(facts)
    if first is None:
        t.add("first_language", 0, facts.notes.get("language", "no valid language test"))
    for ability in ABILITIES if first else ():
        clb = getattr(first.clb, ability) if first else 0
        subtotal += t.add(
            f"first_language.{ability}",
            _step(core.first_language, clb, w),
            f"CLB {clb} ({first.source if first else ''})",
        )
    if second is not None:
        second_total = 0
        for ability in ABILITIES:
            clb = getattr(second.clb, ability)
            second_total += t.add(
                f"second_language.{ability}",
                _step(core.second_language, clb, w),
                f"CLB {clb} ({second.source})",
            )
        limit = (
            core.caps.second_language_with_spouse if w else core.caps.second_language_without_spouse
        )
        subtotal += t.cap("second_language.cap", second_total, limit)
    subtotal += t.add(
        "canadian_work",
        _step(core.canadian_work, facts.canadian_work_years, w),
        facts.notes.get("canadian_work_years", f"{facts.canadian_work_years} year(s)"),
    )
    limit = core.caps.core_with_spouse if w else core.caps.core_without_spouse
    t.cap("core.cap", subtotal, limit)
    return t.section(limit)


def _spouse(facts: CrsFacts, core: CrsCore, core_points: int) -> Section:
    t = _Tally()
    if not facts.with_spouse:
        return t.section(0)
    grid = core.spouse
    level = facts.spouse_education
    subtotal = t.add(
        "spouse.education",
        grid.education[level] if level else 0,
        facts.notes.get("spouse_education", str(level)),
    )
    lang = facts.spouse_language
    for ability in ABILITIES:
        clb = getattr(lang.clb, ability) if lang else 0
        subtotal += t.add(
            f"spouse.language.{ability}",
            min_points(grid.language, clb),
            f"CLB {clb} ({lang.source})" if lang else "no valid spouse test",
        )
    subtotal += t.add(
        "spouse.canadian_work",
        min_points(grid.canadian_work, facts.spouse_canadian_work_years),
        facts.notes.get(
            "spouse_canadian_work_years", f"{facts.spouse_canadian_work_years} year(s)"
        ),
    )
    subtotal = t.cap("spouse.cap", subtotal, core.caps.spouse)
    t.cap("core_plus_spouse.cap", subtotal, core.caps.core_plus_spouse - core_points)
    return t.section(core.caps.spouse)


def _rows(grid: dict[str, tuple[MinPoints, ...]], group: str | None) -> tuple[MinPoints, ...]:
    return grid.get(group, ()) if group else ()


def _transferability(facts: CrsFacts, core: CrsCore) -> Section:
    grid = core.transferability
    caps = core.caps
    t = _Tally()
    first, _ = _languages(facts)
    lowest = _lowest(first.clb if first else None)
    canadian = facts.canadian_work_years
    edu_group = grid.education_groups.get(facts.education) if facts.education else None
    lang_why = f"lowest first-language CLB {lowest}"
    education = t.add(
        "education_language",
        min_points(_rows(grid.education_language, edu_group), lowest),
        f"{facts.education or 'no counted education'} with {lang_why}",
    )
    education += t.add(
        "education_canadian_work",
        min_points(_rows(grid.education_canadian_work, edu_group), canadian),
        f"{facts.education or 'no counted education'} with {canadian} year(s) Canadian work",
    )
    total = t.cap("education.cap", education, caps.transferability_education)
    foreign_group = grid.foreign_group(facts.foreign_work_years)
    foreign_why = f"{facts.foreign_work_years} year(s) foreign work"
    foreign = t.add(
        "foreign_work_language",
        min_points(_rows(grid.foreign_work_language, foreign_group), lowest),
        f"{foreign_why} with {lang_why}",
    )
    foreign += t.add(
        "foreign_work_canadian_work",
        min_points(_rows(grid.foreign_work_canadian_work, foreign_group), canadian),
        f"{foreign_why} with {canadian} year(s) Canadian work",
    )
    total += t.cap("foreign_work.cap", foreign, caps.transferability_foreign_work)
    if facts.certificate_of_qualification:
        certificate = t.add(
            "certificate_language",
            min_points(grid.certificate_language, lowest),
            f"certificate of qualification with {lang_why}",
        )
        total += t.cap("certificate.cap", certificate, caps.transferability_certificate)
    t.cap("transferability.cap", total, caps.transferability)
    return t.section(caps.transferability)


def _french(facts: CrsFacts, table: CrsAdditional) -> tuple[int, str]:
    rule = table.french
    if facts.french is None:
        return 0, "no valid French result"
    if rule is None:
        return 0, "no French-language points in the grid in force"
    french_low = _lowest(facts.french.clb)
    if french_low < rule.min_nclc:
        return 0, f"lowest NCLC {french_low} is below {rule.min_nclc}"
    english_low = _lowest(facts.english.clb) if facts.english else 0
    if facts.english is not None and english_low >= rule.english_min_clb:
        return rule.with_english, (
            f"NCLC {rule.min_nclc}+ in French and CLB {rule.english_min_clb}+ "
            "in all four English abilities"
        )
    return rule.without_english, (
        f"NCLC {rule.min_nclc}+ in French; English lowest CLB {english_low} (or no English test)"
    )


def _additional(facts: CrsFacts, table: CrsAdditional, since: dt.date) -> Section:
    t = _Tally()
    subtotal = 0
    if facts.provincial_nomination:
        subtotal += t.add("provincial_nomination", table.provincial_nomination, "nominated")
    if facts.job_offer_noc:
        noc = facts.job_offer_noc
        if teer(noc) > 3:
            points, why = 0, f"job offer in NOC {noc} is TEER {teer(noc)}, not 0-3"
        elif noc.startswith("00"):
            points, why = table.job_offer.major_group_00, f"job offer in NOC {noc} (major group 00)"
        else:
            points, why = table.job_offer.teer_0_3, f"job offer in NOC {noc} (TEER {teer(noc)})"
        if points == 0 and teer(noc) <= 3:
            why += f": no job-offer points in the grid in force since {since}"
        subtotal += t.add("job_offer", points, why)
    if facts.canadian_study_years is not None:
        subtotal += t.add(
            "canadian_study",
            min_points(table.canadian_study, facts.canadian_study_years),
            f"Canadian credential of {facts.canadian_study_years:g} year(s)",
        )
    if facts.sibling_in_canada:
        subtotal += t.add("sibling", table.sibling, "sibling in Canada, citizen or PR, 18+")
    if facts.french is not None:
        subtotal += t.add("french", *_french(facts, table))
    t.cap("additional.cap", subtotal, table.cap)
    return t.section(table.cap)


def score(facts: CrsFacts) -> CrsResult:
    """Score already-derived facts (use ``compute_crs`` for a profile)."""
    on = facts.on
    core = data_in_force("crs_core", CrsCore, on)
    additional_version = in_force("crs_additional", on)
    additional = data_in_force("crs_additional", CrsAdditional, on)
    core_section = _core(facts, core)
    breakdown = Breakdown(
        core=core_section,
        spouse=_spouse(facts, core, core_section.points),
        transferability=_transferability(facts, core),
        additional=_additional(facts, additional, additional_version.effective_from),
    )
    return CrsResult(
        on=on,
        total=sum(getattr(breakdown, name).points for name in SECTIONS),
        with_spouse=facts.with_spouse,
        breakdown=breakdown,
        tables={
            "crs_core": str(in_force("crs_core", on).effective_from),
            "crs_additional": str(additional_version.effective_from),
        },
        facts=facts,
    )


def compute_crs(
    profile: Profile,
    on: dt.date | None = None,
    facts_override: Mapping[str, Any] | None = None,
) -> CrsResult:
    """The CRS on ``on`` (default: the ITA, else the audit date), from the profile's facts with
    ``facts_override`` (field name -> value of ``CrsFacts``) replacing what the documents change."""
    when = on or profile.crs_date()
    return score(apply_override(derive_facts(profile, when), facts_override))
