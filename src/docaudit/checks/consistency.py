"""DOC002-DOC003: documents whose own dates do not hold together, and documents that disagree.

DOC003 speaks only where the profile cannot settle the question: when one of the two documents
agrees with the profile, the other one's disagreement is already a WRK finding against the profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import combinations

from docaudit.checks.work_match import (
    JobRef,
    Letter,
    any_title_matches,
    closest,
    declared_jobs,
    pairings,
    readings,
    same_person,
    titles_match,
)
from docaudit.checks.work_thresholds import thresholds
from docaudit.core.documents import Document
from docaudit.core.models import Fact
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import Validity, data_in_force
from docaudit.extract.facts.parse import employers_match


def _latest_allowed(ctx: AuditContext) -> dt.date:
    """The last day a document may be dated: the audit date, or the ITA deadline before an APR."""
    profile = ctx.profile
    if profile is None:
        return ctx.as_of
    dates = profile.key_dates
    if dates.ita == ctx.as_of and dates.apr_submitted is None:
        field = thresholds("consistency")["dates"]["after_ita_grace_from_validity"]
        days = int(getattr(data_in_force("validity", Validity, ctx.as_of), field))
        return ctx.as_of + dt.timedelta(days=days)
    return ctx.as_of


def _future(ctx: AuditContext, doc: Document) -> Iterator[Draft]:
    limit = _latest_allowed(ctx)
    for kind in thresholds("consistency")["dates"]["issue_kinds"]:
        for fact in doc.facts_of(kind):
            options = readings(fact)
            if not options or min(options) <= limit:
                continue
            yield Draft(
                subject=doc.rel,
                message=(
                    f"{doc.rel} is dated {fact.value} ({kind}), after the audit date {ctx.as_of}."
                ),
                found=str(fact.value),
                evidence=(fact.evidence,),
                key=f"future:{kind}",
            )


def _letter_dates(doc: Document) -> Iterator[Draft]:
    letter = Letter.of(doc)
    written = letter.date
    start, end, ongoing = letter.period()
    if written is None or start is None:
        return
    days = int(thresholds("consistency")["dates"]["letter_before_end_days"])
    if end is not None and not ongoing:
        end = closest(letter.end, None) or end
        if end is not None and max(readings(written)) <= end - dt.timedelta(days=days):
            yield Draft(
                subject=doc.rel,
                message=(
                    f"{doc.rel} is dated {written.value} but certifies employment that ended on "
                    f"{end}, after the letter was written."
                ),
                declared=None,
                found=f"{written.value} < {end}",
                evidence=tuple(f.evidence for f in (written, letter.end) if f is not None),
                key="letter-before-end",
            )
    if max(readings(written)) < start:
        yield Draft(
            subject=doc.rel,
            message=(
                f"{doc.rel} is dated {written.value}, before the employment it certifies began "
                f"on {start}."
            ),
            found=f"{written.value} < {start}",
            evidence=tuple(f.evidence for f in (written, letter.start) if f is not None),
            key="letter-before-start",
        )


def _ordered(doc: Document, first: str, second: str) -> Iterator[Draft]:
    a, b = doc.first(first), doc.first(second)
    if a is None or b is None or not readings(a) or not readings(b):
        return
    if min(readings(a)) > max(readings(b)):
        yield Draft(
            subject=doc.rel,
            message=f"{doc.rel} gives {first} {a.value} after {second} {b.value}.",
            found=f"{a.value} > {b.value}",
            evidence=(a.evidence, b.evidence),
            key=f"{first}>{second}",
        )


@check("DOC002")
def dates_incoherent(ctx: AuditContext) -> Iterator[Draft]:
    for doc in ctx.documents:
        if doc.status != "ok":
            continue
        yield from _future(ctx, doc)
        if doc.doc_type == "reference_letter":
            yield from _letter_dates(doc)
        yield from _ordered(doc, "pay.period_start", "pay.period_end")
        yield from _ordered(doc, "passport.issued", "passport.expiry")
        yield from _ordered(doc, "employment.start", "employment.end")


def _employer(doc: Document) -> str | None:
    fact = doc.first("employment.employer") or doc.first("document.issuer")
    return str(fact.value) if fact is not None else None


def _jobs(ctx: AuditContext, doc: Document, employer: str) -> list[JobRef]:
    """The declared jobs a document speaks for: for a letter, the jobs the shared pairing ties it
    to (by dates, so a rehire's letter is not read against the first spell); for other documents,
    every job at that employer."""
    paired = [
        p.ref
        for p in pairings(ctx)
        if p.letter is not None
        and doc.rel in {p.letter.doc.rel, *(x.doc.rel for x in p.extra_letters)}
    ]
    if paired or ctx.profile is None:
        return paired
    return [
        ref
        for ref in declared_jobs(ctx.profile)
        if same_person(doc, ref.person) and employers_match(ref.job.employer, employer).match
    ]


def _shared_job(
    ctx: AuditContext, a: Document, ea: str, b: Document, eb: str
) -> tuple[bool, JobRef | None]:
    """Whether two documents can speak of the same job, and which declared job that is.

    Two letters tied to different declared jobs (two spells with one employer) describe different
    work; their dates differ because the jobs do, and each is checked against its own job."""
    ja, jb = _jobs(ctx, a, ea), _jobs(ctx, b, eb)
    if ja and jb:
        common = [ref for ref in ja if ref in jb]
        return bool(common), common[0] if common else None
    either = ja or jb
    return True, either[0] if either else None


def _date_disagrees(
    a: Fact | None, b: Fact | None, declared: dt.date | None, tolerance: int
) -> tuple[dt.date, dt.date] | None:
    da, db = closest(a, declared), closest(b, declared)
    if da is None or db is None or abs((da - db).days) < tolerance:
        return None
    if declared is not None and declared in (da, db):
        return None
    return da, db


def _titles(doc: Document) -> list[Fact]:
    return doc.facts_of("employment.job_title")


@check("DOC003")
def documents_disagree(ctx: AuditContext) -> Iterator[Draft]:
    settings = thresholds("consistency")["disagreement"]
    tolerance = int(settings["date_days"])
    docs = [d for d in ctx.documents_of(*settings["types"]) if _employer(d)]
    for a, b in combinations(docs, 2):
        ea, eb = _employer(a), _employer(b)
        if ea is None or eb is None or not employers_match(ea, eb).match:
            continue
        if a.person not in (b.person, "unknown") and b.person != "unknown":
            continue
        same, ref = _shared_job(ctx, a, ea, b, eb)
        if not same:
            continue
        subject, declared = (ref.subject, ref.job) if ref else (a.rel, None)
        evidence_docs = f"{a.rel}|{b.rel}"
        if a.doc_type == b.doc_type == "reference_letter":
            for kind, want in (
                ("employment.start", declared.start if declared else None),
                ("employment.end", declared.end if declared else None),
            ):
                fa, fb = a.first(kind), b.first(kind)
                split = _date_disagrees(fa, fb, want, tolerance)
                if split is None or fa is None or fb is None:
                    continue
                yield Draft(
                    subject=subject,
                    message=(
                        f"{a.rel} and {b.rel}, both from {ea}, give {kind.split('.')[1]} dates "
                        f"{split[0]} and {split[1]}"
                        + (
                            f"; the profile declares {want}."
                            if want
                            else "; the profile does not say which."
                        )
                    ),
                    declared=str(want) if want else None,
                    found=f"{split[0]} / {split[1]}",
                    evidence=(fa.evidence, fb.evidence),
                    key=f"{evidence_docs}:{kind}",
                )
        ta, tb = _titles(a), _titles(b)
        if not ta or not tb:
            continue
        va, vb = [str(f.value) for f in ta], [str(f.value) for f in tb]
        if any(titles_match(x, y) for x in va for y in vb):
            continue
        if declared is not None and (
            any_title_matches(declared.job_title, va) or any_title_matches(declared.job_title, vb)
        ):
            continue
        yield Draft(
            subject=subject,
            message=(
                f"{a.rel} gives the title {' / '.join(va)} and {b.rel} gives {' / '.join(vb)}"
                + (
                    f"; the profile declares {declared.job_title!r}, matching neither."
                    if declared
                    else "."
                )
            ),
            declared=declared.job_title if declared else None,
            found=f"{' / '.join(va)} | {' / '.join(vb)}",
            evidence=(ta[0].evidence, tb[0].evidence),
            key=f"{evidence_docs}:title",
        )
