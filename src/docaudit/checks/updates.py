"""UPD: changes since the ITA (UPD001) and changes the documents show but the profile does not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from docaudit.changes import diff_profiles, short
from docaudit.checks.work_match import Letter, closest, pairings, unpaired_letters
from docaudit.checks.work_thresholds import thresholds
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import LanguageTest, Profile
from docaudit.core.registry import AuditContext, Draft, check


@check("UPD001")
def changed_since_ita(ctx: AuditContext) -> Iterator[Draft]:
    old, new = ctx.previous_profile, ctx.profile
    if old is None or new is None:
        return
    diff = diff_profiles(old, new, ctx.as_of)
    score = (
        f" CRS on {diff.crs_on}: {diff.crs_before} at the ITA, {diff.crs_after} now."
        if diff.crs_before != diff.crs_after
        else ""
    )
    for change in diff.material:
        yield Draft(
            subject=change.path,
            message=(
                f"{change.path} ({change.reason}) {change.kind} since the ITA: the ITA profile "
                f"declared {short(change.old)}, the profile now declares {short(change.new)}."
                + score
            ),
            declared=short(change.new),
            found=short(change.old),
        )


def _date(fact: Fact | None) -> dt.date | None:
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else None


def _declared_tests(profile: Profile, person: str) -> tuple[str, list[LanguageTest]]:
    if person == "spouse":
        tests = profile.spouse.language_tests if profile.spouse else []
        return "spouse.language_tests", tests
    return "language_tests", list(profile.language_tests)


def _newer_tests(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    for person in ("applicant", "spouse"):
        subject, tests = _declared_tests(profile, person)
        latest = max((t.test_date for t in tests), default=None)
        for doc in ctx.documents_of("language_test", person=person):
            day = _date(doc.first("test.date"))
            if day is None or (latest is not None and day <= latest):
                continue
            name = doc.first("test.name")
            yield Draft(
                subject=subject,
                message=(
                    f"{doc.rel} is a {name.value if name else 'language'} test of {day}, newer "
                    f"than any test the profile declares"
                    + (f" (latest {latest})." if latest else " (none).")
                ),
                declared=str(latest) if latest else None,
                found=str(day),
                evidence=tuple(f.evidence for f in (doc.first("test.date"), name) if f),
                key=doc.rel,
            )


def _civil(ctx: AuditContext, profile: Profile, since: dt.date | None) -> Iterator[Draft]:
    spouse = profile.spouse
    for doc in ctx.documents_of("marriage_certificate"):
        fact = doc.first("civil.event_date")
        day = _date(fact)
        if day is None or fact is None or (since is not None and day <= since):
            continue
        shown = spouse is not None and spouse.relationship_start == day
        if shown:
            continue
        yield Draft(
            subject="applicant.marital_status",
            message=(
                f"{doc.rel} records a marriage on {day}; the profile declares "
                f"{profile.applicant.marital_status}"
                + (f" with a relationship from {spouse.relationship_start}" if spouse else "")
                + "."
            ),
            declared=profile.applicant.marital_status,
            found=f"married {day}",
            evidence=(fact.evidence,),
            key=doc.rel,
        )
    births = {c.date_of_birth for c in profile.children}
    for doc in ctx.documents_of("birth_certificate"):
        fact = doc.first("civil.event_date") or doc.first("person.date_of_birth")
        day = _date(fact)
        if day is None or fact is None or day in births or doc.person not in ("child", "unknown"):
            continue
        if day <= profile.applicant.date_of_birth:
            continue
        yield Draft(
            subject="children",
            message=f"{doc.rel} records a birth on {day}; no declared child was born that day.",
            found=str(day),
            evidence=(fact.evidence,),
            key=doc.rel,
        )


def _jobs(ctx: AuditContext, profile: Profile, since: dt.date | None) -> Iterator[Draft]:
    latest = max((j.start for j in profile.work_history), default=None)
    for letter in unpaired_letters(ctx):
        start, _, _ = letter.period()
        if start is None or letter.doc.person not in ("applicant", "unknown"):
            continue
        if latest is not None and start <= latest:
            continue
        yield Draft(
            subject="work_history",
            message=(
                f"{letter.doc.rel} shows a job at {letter.employer_name or 'an employer'} from "
                f"{start} that the profile does not declare."
            ),
            found=f"{letter.employer_name} from {start}",
            evidence=_evidence(letter),
            key=letter.doc.rel,
        )
    for pairing in pairings(ctx):
        paired = pairing.letter
        if paired is None or not pairing.employer_matches or pairing.ref.job.end is not None:
            continue
        _, end, ongoing = pairing.period()
        if paired.end is not None and not pairing.shared:
            end = closest(paired.end, None)
        if ongoing or end is None or (since is not None and end <= since):
            continue
        yield Draft(
            subject=f"{pairing.ref.subject}.end",
            message=(
                f"{paired.doc.rel} says the job at {pairing.ref.job.employer} ended on {end}; "
                "the profile still declares it current."
            ),
            declared="present",
            found=str(end),
            evidence=pairing.evidence("employment.end"),
        )


def _evidence(letter: Letter) -> tuple[Evidence, ...]:
    facts = [f for f in (letter.employer, letter.start) if f is not None]
    return tuple(f.evidence for f in facts) or _doc(letter.doc)


def _eca(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    declared = [e.eca for e in profile.education if e.eca is not None]
    refs = {e.reference for e in declared if e.reference}
    latest = max((e.issued for e in declared), default=None)
    for doc in ctx.documents_of("eca_report", person="applicant"):
        issued = doc.first("eca.issued")
        day = _date(issued)
        ref = doc.first("eca.reference")
        if day is None or issued is None or (ref is not None and str(ref.value) in refs):
            continue
        if latest is not None and day <= latest:
            continue
        yield Draft(
            subject="education",
            message=(
                f"{doc.rel} is an ECA issued on {day}, newer than any ECA the profile declares"
                + (f" (latest {latest})." if latest else " (none).")
            ),
            declared=str(latest) if latest else None,
            found=str(day),
            evidence=(issued.evidence,),
            key=doc.rel,
        )


def _nomination(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    declared = profile.provincial_nomination
    for doc in ctx.documents_of("provincial_nomination"):
        issued = doc.first("pnp.issued")
        day = _date(issued)
        if declared is not None and (day is None or day <= declared.issued):
            continue
        facts = [f for f in (issued, doc.first("pnp.province")) if f is not None]
        yield Draft(
            subject="provincial_nomination",
            message=(
                f"{doc.rel} is a provincial nomination"
                + (f" of {day}" if day else "")
                + (
                    f", later than the declared one of {declared.issued}."
                    if declared
                    else "; the profile declares none."
                )
            ),
            declared=str(declared.issued) if declared else None,
            found=str(day) if day else "nomination",
            evidence=tuple(f.evidence for f in facts) or _doc(doc),
            key=doc.rel,
        )


def _doc(doc: Document) -> tuple[Evidence, ...]:
    return (Evidence(document=doc.rel, sha256=doc.sha256),)


@check("UPD002")
def documents_newer(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    key: str = thresholds("updates")["documents"]["changes_after"]
    since = getattr(profile.key_dates, key)
    yield from _newer_tests(ctx, profile)
    yield from _civil(ctx, profile, since)
    yield from _jobs(ctx, profile, since)
    yield from _eca(ctx, profile)
    yield from _nomination(ctx, profile)
