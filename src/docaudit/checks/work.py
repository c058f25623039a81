"""WRK: declared jobs against their reference letters and supporting documents.

Every rule starts from the one pairing of jobs and letters in ``work_match`` so that the letter a
rule judges is the letter every other rule judges too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from docaudit.checks.work_counting import documented_job, experience, uses
from docaudit.checks.work_match import (
    JobRef,
    Letter,
    Pairing,
    any_title_matches,
    closest,
    declared_jobs,
    fmt_date,
    pairings,
    readings,
)
from docaudit.checks.work_thresholds import thresholds
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact, Severity
from docaudit.core.profile import Job, Salary
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.extract.facts.parse import employers_match

ONE_DAY = dt.timedelta(days=1)


def _doc_evidence(doc: Document) -> tuple[Evidence, ...]:
    return (Evidence(document=doc.rel, sha256=doc.sha256),)


def _letter_name(letter: Letter) -> str:
    return (
        f"The letter from {letter.employer_name}"
        if letter.employer_name
        else (f"The letter {letter.doc.rel}")
    )


@check("WRK001")
def letter_missing(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    for pairing in pairings(ctx):
        job = pairing.ref.job
        if pairing.letter is not None or job.self_employed:
            continue
        earns = uses(pairing.ref.person, job, ctx.profile, ctx.as_of)
        if not earns:
            continue
        yield Draft(
            subject=pairing.ref.subject,
            message=(
                f"No reference letter from {job.employer} is in the folder for "
                f"{pairing.ref.subject} ({pairing.ref.describe()}), which counts for "
                f"{', '.join(earns)}."
            ),
            declared=job.employer,
        )


@check("WRK002")
def employer_differs(ctx: AuditContext) -> Iterator[Draft]:
    for pairing in pairings(ctx):
        letter = pairing.letter
        if letter is None or pairing.employer_matches:
            continue
        yield Draft(
            subject=pairing.ref.subject,
            message=(
                f"{letter.doc.rel} covers the dates of {pairing.ref.subject} but names "
                f"{letter.employer_name or 'no employer'}; the profile declares "
                f"{pairing.ref.job.employer}."
            ),
            declared=pairing.ref.job.employer,
            found=letter.employer_name,
            evidence=pairing.evidence("employment.employer", "document.issuer"),
        )


def _grade(days: int) -> Severity | None:
    limits = thresholds("work")["dates"]
    if days >= int(limits["high_from_days"]):
        return Severity.HIGH
    if days >= int(limits["medium_from_days"]):
        return Severity.MEDIUM
    return None


def _date_drafts(pairing: Pairing) -> Iterator[Draft]:
    letter = pairing.letter
    assert letter is not None
    job = pairing.ref.job
    start, end, ongoing = pairing.period()
    if letter.start is not None and not pairing.shared:
        start = closest(letter.start, job.start)
    if letter.end is not None and not pairing.shared and not ongoing:
        end = closest(letter.end, job.end)
    name = _letter_name(letter)
    declared_span = f"{job.start} to {fmt_date(job.end)}"
    if start is not None:
        severity = _grade(abs((start - job.start).days))
        if severity is not None:
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"{name} gives {start} to {fmt_date(None if ongoing else end)}; the profile "
                    f"declares {declared_span} (start {abs((start - job.start).days)} days apart)."
                ),
                declared=str(job.start),
                found=str(start),
                evidence=pairing.evidence("employment.start", "employment.position"),
                severity=severity,
                key="start",
            )
    if job.end is None and not ongoing and end is not None:
        yield Draft(
            subject=pairing.ref.subject,
            message=f"{name} says the job ended on {end}; the profile declares it current.",
            declared="present",
            found=str(end),
            evidence=pairing.evidence("employment.end", "employment.current"),
            severity=Severity.HIGH,
            key="end",
        )
    elif job.end is not None and ongoing:
        written = closest(letter.date, job.end) if letter.date else None
        if written is None or written > job.end:
            when = f"on {written} " if written else ""
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"{name} says {when}that the job continues; the profile declares it ended "
                    f"on {job.end}."
                ),
                declared=str(job.end),
                found="present",
                evidence=pairing.evidence("employment.current", "document.date"),
                severity=Severity.HIGH,
                key="end",
            )
        else:
            severity = _grade((job.end - written).days)
            if severity is not None:
                yield Draft(
                    subject=pairing.ref.subject,
                    message=(
                        f"{name} was written on {written} while the job continued; it proves "
                        f"nothing after that date, but the profile declares the job until "
                        f"{job.end}."
                    ),
                    declared=str(job.end),
                    found=str(written),
                    evidence=pairing.evidence("document.date", "employment.current"),
                    severity=severity,
                    key="end",
                )
    elif job.end is not None and end is not None:
        severity = _grade(abs((end - job.end).days))
        if severity is not None:
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"{name} gives {start or 'no start'} to {end}; the profile declares "
                    f"{declared_span} (end {abs((end - job.end).days)} days apart)."
                ),
                declared=str(job.end),
                found=str(end),
                evidence=pairing.evidence("employment.end", "employment.position"),
                severity=severity,
                key="end",
            )


@check("WRK003")
def dates_differ(ctx: AuditContext) -> Iterator[Draft]:
    for pairing in pairings(ctx):
        if pairing.letter is not None and pairing.employer_matches:
            yield from _date_drafts(pairing)


def _number(fact: Fact | None) -> float | None:
    if fact is None or isinstance(fact.value, bool) or not isinstance(fact.value, int | float):
        return None
    return float(fact.value)


@check("WRK004")
def hours_differ(ctx: AuditContext) -> Iterator[Draft]:
    limits = thresholds("work")["hours"]
    full_time = float(limits["full_time"])
    for pairing in pairings(ctx):
        letter = pairing.letter
        if letter is None or not pairing.employer_matches:
            continue
        job = pairing.ref.job
        hours = _number(letter.doc.first("employment.hours_per_week"))
        stated = letter.doc.first("employment.full_time")
        name = _letter_name(letter)
        if hours is not None and abs(hours - job.hours_per_week) > float(limits["tolerance"]):
            below = (
                f", below the {full_time:g} h of full-time work"
                if hours < full_time <= job.hours_per_week
                else ""
            )
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"{name} states {hours:g} hours a week{below}; the profile declares "
                    f"{job.hours_per_week:g}."
                ),
                declared=f"{job.hours_per_week:g}",
                found=f"{hours:g}",
                evidence=pairing.evidence("employment.hours_per_week"),
            )
        elif stated is not None and stated.value is False and job.hours_per_week >= full_time:
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"{name} calls the job part-time; the profile counts it as full-time "
                    f"({job.hours_per_week:g} hours a week)."
                ),
                declared=f"{job.hours_per_week:g}",
                found="part-time",
                evidence=(stated.evidence,),
            )


def _missing(letter: Letter) -> list[str]:
    rules = thresholds("work")["letter"]
    doc = letter.doc
    missing: list[str] = []
    head = doc.first("letter.letterhead")
    if head is None or head.value is not True:
        missing.append("company letterhead")
    contact = doc.first("letter.contact")
    listed = (
        set(contact.value) if contact is not None and isinstance(contact.value, list) else set()
    )
    if not listed & set(rules["contact_any_of"]):
        missing.append("employer contact details (" + ", ".join(rules["contact_any_of"]) + ")")
    if doc.first("letter.signatory_name") is None:
        missing.append("signatory name")
    if doc.first("letter.signatory_title") is None:
        missing.append("signatory title")
    if not letter.all_titles():
        missing.append("job title")
    if len(doc.facts_of("employment.duty")) < int(rules["min_duties"]):
        missing.append("main duties")
    if letter.period()[0] is None:
        missing.append("employment dates")
    if doc.first("employment.hours_per_week") is None:
        missing.append("hours per week")
    if doc.first("employment.salary") is None:
        missing.append("salary")
    return missing


@check("WRK005")
def letter_incomplete(ctx: AuditContext) -> Iterator[Draft]:
    subjects: dict[str, str] = {}
    for pairing in pairings(ctx):
        if pairing.letter is not None:
            subjects.setdefault(pairing.letter.doc.rel, pairing.ref.subject)
    letters = [Letter.of(d) for d in ctx.documents_of("reference_letter")]
    for letter in letters:
        missing = _missing(letter)
        if not missing:
            continue
        yield Draft(
            subject=subjects.get(letter.doc.rel, letter.doc.rel),
            message=f"{letter.doc.rel} lacks: {'; '.join(missing)}.",
            found=", ".join(missing),
            evidence=_doc_evidence(letter.doc),
            key=letter.doc.rel,
        )


@check("WRK010")
def title_differs(ctx: AuditContext) -> Iterator[Draft]:
    for pairing in pairings(ctx):
        letter = pairing.letter
        if letter is None or not pairing.employer_matches:
            continue
        titles = pairing.titles()
        declared = pairing.ref.job.job_title
        if not titles or any_title_matches(declared, titles):
            continue
        yield Draft(
            subject=pairing.ref.subject,
            message=(
                f"{_letter_name(letter)} gives the title "
                f"{' / '.join(repr(t) for t in titles)}; the profile declares {declared!r}."
            ),
            declared=declared,
            found=" / ".join(titles),
            evidence=pairing.evidence("employment.job_title", "employment.position"),
        )


def _annual(amount: Decimal, per: str | None, hours: float | None) -> Decimal | None:
    rules = thresholds("work")["salary"]
    factors: dict[str, int] = rules["per_year"]
    if per in factors:
        return amount * factors[per]
    if per == "hour" and hours:
        return amount * Decimal(str(hours)) * int(rules["weeks_per_year"])
    return None


def _money(value: Any) -> tuple[Decimal, str | None, str | None] | None:
    if not isinstance(value, dict) or not isinstance(value.get("amount"), int | float):
        return None
    return Decimal(str(value["amount"])), value.get("currency"), value.get("per")


def _salary_text(amount: Decimal, currency: str | None, per: str | None) -> str:
    return f"{currency or ''} {amount:,.2f} per {per or 'unstated period'}".strip()


@check("WRK011")
def salary_differs(ctx: AuditContext) -> Iterator[Draft]:
    tolerance = Decimal(str(thresholds("work")["salary"]["tolerance_share"]))
    for pairing in pairings(ctx):
        letter = pairing.letter
        declared: Salary | None = pairing.ref.job.salary
        if letter is None or not pairing.employer_matches or declared is None:
            continue
        if not pairing.holds_last_position:
            continue
        fact = letter.doc.first("employment.salary")
        money = _money(fact.value) if fact is not None else None
        if fact is None or money is None:
            continue
        amount, currency, per = money
        hours = _number(letter.doc.first("employment.hours_per_week"))
        hours = hours or pairing.ref.job.hours_per_week
        found_year = _annual(amount, per, hours)
        declared_year = _annual(declared.amount, declared.per, pairing.ref.job.hours_per_week)
        found_text = _salary_text(amount, currency, per)
        declared_text = _salary_text(declared.amount, declared.currency, declared.per)
        if currency is not None and currency != declared.currency:
            reason = f"in {currency}, not {declared.currency}"
        elif found_year is None or declared_year is None:
            continue
        elif abs(found_year - declared_year) > tolerance * declared_year:
            reason = f"{found_year:,.0f} a year against {declared_year:,.0f}"
        else:
            continue
        yield Draft(
            subject=pairing.ref.subject,
            message=(
                f"{_letter_name(letter)} states {found_text}; the profile declares "
                f"{declared_text} ({reason})."
            ),
            declared=declared_text,
            found=found_text,
            evidence=(fact.evidence,),
        )


def _overlaps(refs: list[JobRef], as_of: dt.date) -> Iterator[Draft]:
    limits = thresholds("work")["overlap"]
    cap = float(limits["max_weekly_hours"])
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            start = max(a.job.start, b.job.start)
            end = min(a.job.end or as_of, b.job.end or as_of)
            days = (end - start).days + 1
            total = a.job.hours_per_week + b.job.hours_per_week
            if days >= int(limits["min_days"]) and total > cap:
                yield Draft(
                    subject=b.subject,
                    message=(
                        f"{a.subject} ({a.job.employer}, {a.job.hours_per_week:g} h) and "
                        f"{b.subject} ({b.job.employer}, {b.job.hours_per_week:g} h) overlap from "
                        f"{start} to {end}: {total:g} hours a week, above a plausible {cap:g}."
                    ),
                    declared=f"{total:g} h/week",
                    key=f"overlap:{a.subject}",
                )


@check("WRK012")
def experience_not_met(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    applicant = [r for r in declared_jobs(profile) if r.person == "applicant"]
    yield from _overlaps(applicant, ctx.as_of)
    documented: list[Job] = []
    for pairing in pairings(ctx):
        if pairing.ref.person != "applicant":
            continue
        if pairing.ref.job.self_employed:
            documented.append(pairing.ref.job)
            continue
        job = documented_job(pairing)
        if job is not None:
            documented.append(job)
    for i, program in enumerate(profile.programs):
        proven, needed, how = experience(program, documented, ctx.as_of)
        if proven >= needed:
            continue
        declared, _, _ = experience(program, list(profile.work_history), ctx.as_of)
        yield Draft(
            subject=f"programs[{i}]",
            message=(
                f"{program} needs {float(needed):.0f} h of {how}; the reference letters prove "
                f"{float(proven):.0f} h (the profile declares {float(declared):.0f} h)."
            ),
            declared=f"{float(declared):.0f} h",
            found=f"{float(proven):.0f} h",
            key=program,
        )


def _period(doc: Document) -> tuple[dt.date | None, dt.date | None]:
    start = doc.first("pay.period_start") or doc.first("employment.start")
    end = doc.first("pay.period_end") or doc.first("employment.end")
    first = readings(start)[0] if readings(start) else None
    last = readings(end)[0] if readings(end) else None
    year = doc.first("tax.year")
    if first is None and year is not None and isinstance(year.value, int):
        first, last = dt.date(year.value, 1, 1), dt.date(year.value, 12, 31)
    return first, last


def _job_for(doc: Document, refs: list[JobRef]) -> tuple[JobRef | None, bool]:
    """The job a supporting document is about, and whether its employer matches it."""
    employer = doc.first("employment.employer") or doc.first("document.issuer")
    own = [r for r in refs if doc.person in (r.person, "unknown", None)]
    first, last = _period(doc)
    if employer is not None:
        named = [r for r in own if employers_match(r.job.employer, str(employer.value)).match]
        if named:
            return _nearest(named, first, last), True
    if first is None:
        return None, False
    during = [r for r in own if _overlap_days(r.job, first, last or first) > 0]
    return (during[0], False) if len(during) == 1 and employer is not None else (None, False)


def _nearest(positions: list[JobRef], first: dt.date | None, last: dt.date | None) -> JobRef:
    """Of several positions at one employer (a promotion), the one whose dates hold the
    document's period, else the one closest to it; a pay stub of the new title is not compared
    with the old one."""
    if first is None or len(positions) == 1:
        return positions[0]
    end = last or first
    return min(
        positions,
        key=lambda r: (-_overlap_days(r.job, first, end), _gap_days(r.job, first, end)),
    )


def _overlap_days(job: Job, first: dt.date, last: dt.date) -> int:
    job_end = min(job.end or last, last)
    return max(0, (job_end - max(job.start, first)).days + 1)


def _gap_days(job: Job, first: dt.date, last: dt.date) -> int:
    if last < job.start:
        return (job.start - last).days
    if job.end is not None and first > job.end:
        return (first - job.end).days
    return 0


def _titles_during(doc: Document, refs: list[JobRef], ref: JobRef) -> list[str]:
    """Titles of the positions at the same employer that the document's period overlaps: a pay
    period or tax year that spans a promotion may print either title."""
    first, last = _period(doc)
    if first is None:
        return []
    return [
        r.job.job_title
        for r in refs
        if r is not ref
        and r.person == ref.person
        and employers_match(ref.job.employer, r.job.employer).match
        and _overlap_days(r.job, first, last or first) > 0
    ]


@check("WRK013")
def supporting_contradicts(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    refs = declared_jobs(ctx.profile)
    by_subject = {p.ref.subject: p for p in pairings(ctx)}
    tolerance = int(thresholds("work")["dates"]["high_from_days"])
    for doc in ctx.documents_of(*thresholds("work")["supporting"]["types"]):
        ref, employer_ok = _job_for(doc, refs)
        if ref is None:
            continue
        job = ref.job
        pairing = by_subject[ref.subject]
        employer = doc.first("employment.employer") or doc.first("document.issuer")
        if not employer_ok and employer is not None:
            yield Draft(
                subject=ref.subject,
                message=(
                    f"{doc.rel} names {employer.value} for the period of {ref.subject}; the "
                    f"profile declares {job.employer}."
                ),
                declared=job.employer,
                found=str(employer.value),
                evidence=(employer.evidence,),
                key=f"{doc.rel}:employer",
            )
            continue
        letter_titles = pairing.titles() if pairing.letter and pairing.employer_matches else []
        letter_agrees = not letter_titles or any_title_matches(job.job_title, letter_titles)
        held = [job.job_title, *_titles_during(doc, refs, ref), *letter_titles]
        for title in doc.facts_of("employment.job_title"):
            text = str(title.value)
            if any_title_matches(text, held) or not letter_agrees:
                continue
            yield Draft(
                subject=ref.subject,
                message=(
                    f"{doc.rel} gives the title {text!r}; the profile and the reference letter "
                    f"give {job.job_title!r}."
                ),
                declared=job.job_title,
                found=text,
                evidence=(title.evidence,),
                key=f"{doc.rel}:title",
            )
        first, last = _period(doc)
        if first is None:
            continue
        late = job.end is not None and first > job.end + dt.timedelta(days=tolerance)
        early = (last or first) < job.start - dt.timedelta(days=tolerance)
        if late or early:
            yield Draft(
                subject=ref.subject,
                message=(
                    f"{doc.rel} covers {first} to {last or first}, outside the declared "
                    f"{job.start} to {fmt_date(job.end)} at {job.employer}."
                ),
                declared=f"{job.start} to {fmt_date(job.end)}",
                found=f"{first} to {last or first}",
                evidence=_doc_evidence(doc),
                key=f"{doc.rel}:dates",
            )
