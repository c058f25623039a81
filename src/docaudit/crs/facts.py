"""The facts the CRS scores, derived once from a profile so a documented variant can replace them.

Checks compute the "declared" score from the profile and the "documented" score from the same facts
with what the documents do not support overridden (no nomination certificate: no nomination), so
both scores come from one scoring function and differ only where the evidence differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from docaudit.core.errors import DocauditError
from docaudit.core.profile import ClbLevels, Education, EducationLevel, Job, Profile
from docaudit.core.tables import CrsCore, EcaBodies, Validity, data_in_force
from docaudit.crs.language import Result, first_and_second, latest_valid
from docaudit.crs.work import Window, add_years, age_on, hours_in, skilled, years_of

CANADA = "CAN"


class LanguageFact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    clb: ClbLevels


class CrsFacts(BaseModel):
    """Everything the grid needs, each derived value explained in ``notes`` by field name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: dt.date
    age: int
    with_spouse: bool
    education: EducationLevel | None = None
    english: LanguageFact | None = None
    french: LanguageFact | None = None
    canadian_work_years: int = 0
    foreign_work_years: int = 0
    certificate_of_qualification: bool = False
    spouse_education: EducationLevel | None = None
    spouse_language: LanguageFact | None = None
    spouse_canadian_work_years: int = 0
    provincial_nomination: bool = False
    canadian_study_years: float | None = None
    sibling_in_canada: bool = False
    job_offer_noc: str | None = None
    notes: dict[str, str] = {}


def _fact(result: Result | None) -> LanguageFact | None:
    return LanguageFact(source=result.describe(), clb=result.clb) if result else None


def _origin(cred: Education) -> str:
    if cred.country == CANADA:
        return "Canadian"
    return f"ECA {cred.eca.organization}" if cred.eca else "no ECA"


def counted_level(
    credentials: Sequence[Education], on: dt.date, core: CrsCore
) -> tuple[EducationLevel | None, str]:
    """The education level that earns points on ``on``, and why.

    A foreign credential counts only with an ECA from a designated body, issued on or after its
    designation, less than five years old; the ECA's equivalency counts when it is lower.
    """
    years = data_in_force("validity", Validity, on).eca_years
    counted: list[tuple[EducationLevel, Education]] = []
    skipped: list[str] = []
    for cred in credentials:
        if cred.completed is not None and cred.completed > on:
            skipped.append(f"{cred.level} at {cred.institution} completed after {on}")
            continue
        if cred.country == CANADA:
            counted.append((cred.level, cred))
            continue
        eca = cred.eca
        if eca is None:
            skipped.append(f"foreign {cred.level} at {cred.institution} has no ECA")
            continue
        body = data_in_force("eca_bodies", EcaBodies, min(eca.issued, on)).get(eca.organization)
        if body is None or eca.issued < body.designated:
            skipped.append(f"ECA by {eca.organization} is not from a designated organisation")
            continue
        if not eca.issued <= on < add_years(eca.issued, years):
            skipped.append(f"ECA of {eca.issued} is not valid on {on} ({years}-year validity)")
            continue
        level = min(cred.level, eca.equivalency, key=core.education_rank)
        counted.append((level, cred))
    if not counted:
        return None, "; ".join(skipped) or "no credential declared"
    best = max((lvl for lvl, _ in counted), key=core.education_rank)
    post_secondary = [
        (lvl, c)
        for lvl, c in counted
        if core.education_rank(lvl) >= core.education_rank("one_year")
    ]
    three_year = any(
        core.education_rank(lvl) >= core.education_rank("bachelors") or (c.program_years or 0) >= 3
        for lvl, c in post_secondary
    )
    if (
        len(post_secondary) >= 2
        and three_year
        and core.education_rank(best) < core.education_rank("two_or_more")
    ):
        return "two_or_more", f"{len(post_secondary)} post-secondary credentials, one of 3+ years"
    why = ", ".join(f"{lvl} ({_origin(c)})" for lvl, c in counted)
    return best, f"highest counted: {best}; counted {why}" + (
        f"; not counted: {'; '.join(skipped)}" if skipped else ""
    )


def work_years(jobs: Sequence[Job], on: dt.date, core: CrsCore, in_canada: bool) -> tuple[int, str]:
    rules = core.work_experience
    counts_self = (
        rules.canadian_self_employment_counts if in_canada else rules.foreign_self_employment_counts
    )
    chosen = skilled(
        jobs, rules.skilled_teer, lambda j: (j.country == CANADA) == in_canada, counts_self
    )
    window = Window.years_before(on, rules.window_years)
    hours = hours_in(chosen, window, rules.full_time_hours_per_week)
    years = years_of(hours, rules.hours_per_year)
    where = "in Canada" if in_canada else "outside Canada"
    return years, (
        f"{float(hours):.0f} h of paid skilled (TEER 0-3) work {where} from {window.start} "
        f"(exclusive) to {on}, at most {rules.full_time_hours_per_week:g} h/week: "
        f"{years} year(s) of {rules.hours_per_year:g} h"
    )


def derive_facts(profile: Profile, on: dt.date) -> CrsFacts:
    core = data_in_force("crs_core", CrsCore, on)
    notes: dict[str, str] = {}
    ita = profile.key_dates.ita
    age_date = ita if ita is not None and ita < on else on
    age = age_on(profile.applicant.date_of_birth, age_date)
    notes["age"] = f"born {profile.applicant.date_of_birth}, age {age} on {age_date}" + (
        " (the ITA date: a later birthday is not held against the applicant)"
        if age_date != on
        else ""
    )
    spouse = profile.accompanying_spouse
    with_spouse = spouse is not None and not spouse.canadian_citizen_or_pr
    if profile.spouse is None:
        notes["with_spouse"] = "no spouse or partner declared"
    elif not with_spouse:
        notes["with_spouse"] = "spouse not accompanying or a Canadian citizen/PR: scored as single"
    else:
        notes["with_spouse"] = "accompanying spouse who is not a Canadian citizen/PR"
    education, notes["education"] = counted_level(profile.education, on, core)
    languages = latest_valid(profile.language_tests, on)
    notes["language"] = (
        ", ".join(r.describe() for r in languages.values()) or f"no test result valid on {on}"
    )
    canadian, notes["canadian_work_years"] = work_years(profile.work_history, on, core, True)
    foreign, notes["foreign_work_years"] = work_years(profile.work_history, on, core, False)
    facts: dict[str, Any] = {
        "on": on,
        "age": age,
        "with_spouse": with_spouse,
        "education": education,
        "english": _fact(languages.get("english")),
        "french": _fact(languages.get("french")),
        "canadian_work_years": canadian,
        "foreign_work_years": foreign,
    }
    if with_spouse and spouse is not None:
        facts["spouse_education"], notes["spouse_education"] = counted_level(
            spouse.education, on, core
        )
        first, _ = first_and_second(latest_valid(spouse.language_tests, on))
        facts["spouse_language"] = _fact(first)
        facts["spouse_canadian_work_years"], notes["spouse_canadian_work_years"] = work_years(
            spouse.work_history, on, core, True
        )
    coq = profile.certificate_of_qualification
    facts["certificate_of_qualification"] = coq is not None and coq.issued <= on
    pnp = profile.provincial_nomination
    facts["provincial_nomination"] = pnp is not None and pnp.issued <= on
    study = profile.canadian_study
    if study is not None and (study.completed is None or study.completed <= on):
        facts["canadian_study_years"] = study.credential_years
    facts["sibling_in_canada"] = profile.sibling_in_canada
    facts["job_offer_noc"] = profile.job_offer.noc if profile.job_offer else None
    facts["notes"] = notes
    return CrsFacts.model_validate(facts)


def apply_override(facts: CrsFacts, override: Mapping[str, Any] | None) -> CrsFacts:
    """``facts`` with some fields replaced (e.g. by what the documents show); unknown keys fail."""
    if not override:
        return facts
    notes = {**facts.notes, **{k: "overridden" for k in override if k != "notes"}}
    try:
        return CrsFacts.model_validate({**facts.model_dump(), **override, "notes": notes})
    except ValidationError as exc:
        raise DocauditError(f"invalid CRS facts override: {exc.errors()[0]['msg']}") from None
