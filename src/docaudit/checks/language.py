"""LNG: language test reports against the declared tests, their validity and the program minimums.

Each declared test is first paired with its report (by TRF/registration number, else by test and
date), so every other rule compares one declared test with one report and a second report of
another sitting is never mistaken for a wrong score.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from docaudit.checks.identifiers import compare_reference, plain
from docaudit.core.documents import Document
from docaudit.core.models import Fact, Severity
from docaudit.core.profile import LanguageTest, Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import ABILITIES, Programs, TableError, Validity, data_in_force
from docaudit.core.thresholds import typed_thresholds
from docaudit.crs.facts import CANADA
from docaudit.crs.language import Result, latest_valid, table_for, to_clb
from docaudit.crs.work import Window, add_years, hours_in, skilled, teer


class LanguageSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    accepted: dict[str, dt.date]
    titles: dict[str, str]
    families: dict[str, str]
    score_tolerance: float


@functools.cache
def settings() -> LanguageSettings:
    return typed_thresholds("language", LanguageSettings)


@dataclass(frozen=True)
class Declared:
    """One declared test, where it sits in the profile, and the report paired with it."""

    subject: str
    person: str
    test: LanguageTest
    report: Document | None = None


def _date_of(doc: Document) -> dt.date | None:
    fact = doc.first("test.date")
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else None


def _family(code: object) -> str:
    return settings().families.get(str(code), str(code))


def _title(code: object) -> str:
    return settings().titles.get(str(code), str(code))


def _declared_tests(profile: Profile) -> list[tuple[str, str, LanguageTest]]:
    out = [(f"language_tests[{i}]", "applicant", t) for i, t in enumerate(profile.language_tests)]
    if profile.spouse is not None:
        out += [
            (f"spouse.language_tests[{i}]", "spouse", t)
            for i, t in enumerate(profile.spouse.language_tests)
        ]
    return out


def paired(ctx: AuditContext) -> list[Declared]:
    """Every declared test with its report, built once per audit and shared by the LNG rules."""

    def build() -> list[Declared]:
        if ctx.profile is None:
            return []
        declared = _declared_tests(ctx.profile)
        reports: dict[int, Document] = {}
        free = {p: ctx.documents_of("language_test", person=p) for p in ("applicant", "spouse")}
        for same in (_same_number, _same_sitting, _only_candidate):
            for i, (_, person, test) in enumerate(declared):
                if i in reports:
                    continue
                doc = next((d for d in free[person] if same(test, d, free[person])), None)
                if doc is not None:
                    reports[i] = doc
                    free[person].remove(doc)
        return [Declared(s, p, t, reports.get(i)) for i, (s, p, t) in enumerate(declared)]

    result: list[Declared] = ctx.service("language.paired", build)
    return result


def _same_number(test: LanguageTest, doc: Document, _: list[Document]) -> bool:
    number = doc.first("test.registration_number")
    return bool(
        number is not None
        and test.registration_number
        and plain(number.value) == plain(test.registration_number)
    )


def _same_sitting(test: LanguageTest, doc: Document, _: list[Document]) -> bool:
    name = doc.first("test.name")
    return (name is None or _family(name.value) == _family(test.test)) and _date_of(
        doc
    ) == test.test_date


def _only_candidate(test: LanguageTest, doc: Document, free: list[Document]) -> bool:
    """An undated report is the declared test's when it is the only report of that test maker."""
    name = doc.first("test.name")
    same = [
        d
        for d in free
        if (n := d.first("test.name")) is not None and _family(n.value) == _family(test.test)
    ]
    return name is not None and _date_of(doc) is None and same == [doc]


def _shown(value: float) -> str:
    return f"{value:g}"


@check("LNG001")
def score_differs(ctx: AuditContext) -> Iterator[Draft]:
    tolerance = settings().score_tolerance
    for item in paired(ctx):
        if item.report is None:
            continue
        for ability in ABILITIES:
            fact = item.report.first(f"test.score.{ability}")
            if fact is None or not isinstance(fact.value, int | float):
                continue
            declared = float(getattr(item.test.scores, ability))
            found = float(fact.value)
            if abs(found - declared) <= tolerance:
                continue
            yield Draft(
                subject=f"{item.subject}.scores.{ability}",
                message=(
                    f"The {_title(item.test.test)} report {item.report.rel} gives {ability} "
                    f"{_shown(found)}; the profile declares {_shown(declared)}."
                ),
                declared=_shown(declared),
                found=_shown(found),
                evidence=(fact.evidence,),
            )


def _result_date(item: Declared) -> tuple[dt.date, Fact | None]:
    """The earlier of the declared and the printed test date: validity counts from the earlier."""
    fact = item.report.first("test.date") if item.report else None
    if fact is not None and isinstance(fact.value, dt.date) and fact.value < item.test.test_date:
        return fact.value, fact
    return item.test.test_date, fact


def _language(test: LanguageTest) -> str:
    try:
        return table_for(test).language
    except TableError:
        return _family(test.test)


@check("LNG002")
def test_expired(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    validity = data_in_force("validity", Validity, ctx.as_of)
    items = paired(ctx)
    for item in items:
        taken, fact = _result_date(item)
        expiry = add_years(taken, validity.language_test_years)
        rivals = [
            o.test
            for o in items
            if o.person == item.person and _language(o.test) == _language(item.test)
        ]
        in_use = [
            (name, day)
            for name, day in profile.validity_dates(ctx.as_of)
            if taken <= day and _latest(rivals, day) is item.test
        ]
        evidence = (fact.evidence,) if fact else ()
        expired = [(name, day) for name, day in in_use if day >= expiry]
        described = f"{_title(item.test.test)} of {taken}"
        if expired:
            when = ", ".join(f"{name} ({day})" for name, day in expired)
            yield Draft(
                subject=item.subject,
                message=(
                    f"The {described} expired on {expiry} ({validity.language_test_years}-year "
                    f"validity) but must be valid on {when}."
                ),
                declared=taken.isoformat(),
                found=f"expired {expiry}",
                evidence=evidence,
                key="expired",
            )
        elif in_use and in_use[-1][1] == ctx.as_of:
            warning = ctx.as_of + dt.timedelta(days=validity.language_expiry_warning_days)
            if expiry <= warning:
                yield Draft(
                    subject=item.subject,
                    message=(
                        f"The {described} expires on {expiry}, "
                        f"{(expiry - ctx.as_of).days} days after the audit date {ctx.as_of}; "
                        "submit before then or retest."
                    ),
                    declared=taken.isoformat(),
                    found=f"expires {expiry}",
                    evidence=evidence,
                    severity=Severity.MEDIUM,
                    key="expiring",
                )


def _latest(tests: list[LanguageTest], on: dt.date) -> LanguageTest | None:
    taken = [t for t in tests if t.test_date <= on]
    return max(taken, key=lambda t: t.test_date, default=None)


@check("LNG003")
def test_not_accepted(ctx: AuditContext) -> Iterator[Draft]:
    accepted = settings().accepted
    subjects = {id(i.report): i.subject for i in paired(ctx) if i.report is not None}
    for doc in ctx.documents_of("language_test"):
        name = doc.first("test.name")
        if name is None:
            continue
        since = accepted.get(str(name.value))
        taken = _date_of(doc)
        if since is not None and (taken is None or taken >= since):
            continue
        reason = (
            "is not accepted for Express Entry"
            if since is None
            else f"is accepted for Express Entry only for tests taken from {since}"
        )
        yield Draft(
            subject=subjects.get(id(doc), doc.rel),
            message=f"{doc.rel} is a {_title(name.value)} report, which {reason}.",
            found=_title(name.value),
            evidence=(name.evidence,),
        )
    for item in paired(ctx):
        since = accepted.get(item.test.test)
        if item.report is None and since is not None and item.test.test_date < since:
            yield Draft(
                subject=item.subject,
                message=(
                    f"The declared {_title(item.test.test)} test of {item.test.test_date} predates "
                    f"{since}, when that test became accepted for Express Entry."
                ),
                declared=f"{item.test.test} {item.test.test_date}",
            )


@check("LNG004")
def clb_not_from_scores(ctx: AuditContext) -> Iterator[Draft]:
    for item in paired(ctx):
        claimed = item.test.claimed_clb
        if claimed is None:
            continue
        try:
            result = to_clb(item.test)
        except TableError:
            continue
        for ability in ABILITIES:
            want = int(getattr(result.clb, ability))
            have = int(getattr(claimed, ability))
            if want == have:
                continue
            score = _shown(float(getattr(item.test.scores, ability)))
            yield Draft(
                subject=f"{item.subject}.claimed_clb.{ability}",
                message=(
                    f"{_title(item.test.test)} {ability} {score} of {item.test.test_date} is "
                    f"{'NCLC' if result.language == 'french' else 'CLB'} {want} under the "
                    f"conversion table in force on that date; the profile claims {have}."
                ),
                declared=str(have),
                found=str(want),
            )


@check("LNG005")
def report_missing(ctx: AuditContext) -> Iterator[Draft]:
    for item in paired(ctx):
        test = item.test
        if item.report is None:
            yield Draft(
                subject=item.subject,
                message=(
                    f"The declared {_title(test.test)} test of {test.test_date}"
                    + (f" ({test.registration_number})" if test.registration_number else "")
                    + f" of the {item.person} has no test report in the folder."
                ),
                declared=f"{test.test} {test.test_date}",
                found="no test report",
            )
            continue
        number = item.report.first("test.registration_number")
        if number is None or not test.registration_number:
            continue
        compared = compare_reference(number, test.registration_number)
        if not compared.same:
            yield Draft(
                subject=f"{item.subject}.registration_number",
                message=(
                    f"The {_title(test.test)} report {item.report.rel} carries number "
                    f"{number.value}; the profile declares {test.registration_number}."
                    + compared.note
                ),
                declared=test.registration_number,
                found=str(number.value),
                evidence=(number.evidence,),
                severity=compared.severity,
            )


@check("LNG006")
def below_program_minimum(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    try:
        table = data_in_force("programs", Programs, ctx.as_of)
        results = latest_valid(profile.language_tests, ctx.as_of)
    except TableError:
        return
    if not results:
        return
    for program in profile.programs:
        minimum, why = _minimum(profile, program, table, ctx.as_of)
        if any(_meets(r, minimum) for r in results.values()):
            continue
        best = max(results.values(), key=lambda r: r.total)
        short = [a for a in ABILITIES if getattr(best.clb, a) < minimum[a]]
        index = profile.language_tests.index(best.test)
        levels = ", ".join(f"{a} {getattr(best.clb, a)}" for a in ABILITIES)
        wanted = ", ".join(f"{a} {minimum[a]}" for a in ABILITIES)
        yield Draft(
            subject=f"language_tests[{index}]",
            message=(
                f"{program} needs CLB {wanted} ({why}); the {_title(best.test.test)} of "
                f"{best.test.test_date} gives {levels}, short in {', '.join(short)}."
            ),
            declared=levels,
            key=program,
        )


def _meets(result: Result, minimum: dict[str, int]) -> bool:
    return all(int(getattr(result.clb, a)) >= minimum[a] for a in ABILITIES)


def _minimum(
    profile: Profile, program: str, table: Programs, on: dt.date
) -> tuple[dict[str, int], str]:
    """The program's minimum; for CEC the least demanding TEER group that alone gives the year."""
    rules = table.rules(program)
    if len(rules.language) == 1:
        return rules.language[0].min_clb, f"{program} minimum"
    jobs = skilled(
        profile.work_history,
        table.skilled_teer,
        lambda j: j.country == CANADA or not rules.in_canada_only,
        rules.self_employment_counts,
    )
    window = Window.years_before(on, rules.window_years)
    enough = [
        rule
        for rule in rules.language
        if hours_in(
            [j for j in jobs if teer(j.noc) in rule.teer], window, table.full_time_hours_per_week
        )
        >= Fraction(str(rules.hours))
    ]
    pool = enough or rules.language
    pick = min if enough else max
    chosen = pick(pool, key=lambda r: sum(r.min_clb.values()))
    teers = "/".join(str(t) for t in chosen.teer)
    return chosen.min_clb, f"{program} minimum for experience in TEER {teers}"
