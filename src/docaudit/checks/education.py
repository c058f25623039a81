"""EDU: educational credential assessments and diplomas against the declared education.

Foreign education earns CRS points and FSW eligibility only through a valid ECA from a designated
body, so a missing, stale or lower ECA changes the score itself; diplomas and transcripts are the
proof behind the declared institution, credential and completion date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from docaudit.checks.identifiers import compare_reference, plain
from docaudit.checks.identity import day_of
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import Education, Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import CrsCore, EcaBodies, TableError, Validity, data_in_force
from docaudit.core.thresholds import typed_thresholds
from docaudit.crs.facts import CANADA
from docaudit.crs.work import add_years
from docaudit.extract.facts.parse import employers_match


class EducationSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    institution_match_score: float
    field_match_score: float
    completion_tolerance_days: int
    credential_levels: dict[str, tuple[str, ...]]


@functools.cache
def settings() -> EducationSettings:
    return typed_thresholds("education", EducationSettings)


@dataclass(frozen=True)
class Credential:
    """One declared credential, where it sits in the profile, and its ECA report if found."""

    subject: str
    person: str
    education: Education
    needs_eca: bool
    report: Document | None = None


def _same_institution(declared: str, found: object) -> bool:
    score = settings().institution_match_score
    return employers_match(declared, str(found), threshold=score).match


def _rank(core: CrsCore, level: object) -> int | None:
    return core.education_rank(str(level)) if str(level) in core.education_order else None


def _needing_eca(credentials: list[Education], core: CrsCore) -> set[int]:
    """Foreign credentials that earn something: the best foreign one when no Canadian credential
    ranks as high, and every one the client declared an ECA for."""
    canadian = [core.education_rank(c.level) for c in credentials if c.country == CANADA]
    foreign = [(i, c) for i, c in enumerate(credentials) if c.country != CANADA]
    out = {i for i, c in foreign if c.eca is not None}
    best = max(foreign, key=lambda ic: core.education_rank(ic[1].level), default=None)
    if best is not None and core.education_rank(best[1].level) > max(canadian, default=-1):
        out.add(best[0])
    return out


def credentials(ctx: AuditContext) -> list[Credential]:
    """Every declared credential with its ECA report, built once per audit for the EDU rules."""

    def build() -> list[Credential]:
        profile = ctx.profile
        if profile is None:
            return []
        core = data_in_force("crs_core", CrsCore, ctx.as_of)
        out: list[Credential] = []
        for prefix, person, creds, counts in _sections(profile):
            needed = _needing_eca(creds, core) if counts else set()
            free = ctx.documents_of("eca_report", person=person)
            found = _pair_reports(creds, free)
            out += [
                Credential(f"{prefix}[{i}]", person, c, i in needed, found.get(i))
                for i, c in enumerate(creds)
            ]
        return out

    result: list[Credential] = ctx.service("education.credentials", build)
    return result


def _sections(profile: Profile) -> list[tuple[str, str, list[Education], bool]]:
    out = [("education", "applicant", profile.education, True)]
    spouse = profile.spouse
    if spouse is not None:
        counts = spouse.accompanying and not spouse.canadian_citizen_or_pr
        out.append(("spouse.education", "spouse", spouse.education, counts))
    return out


def _pair_reports(creds: list[Education], free: list[Document]) -> dict[int, Document]:
    found: dict[int, Document] = {}
    foreign = [i for i, c in enumerate(creds) if c.country != CANADA]
    for same in (_same_reference, _same_report_institution):
        for i in foreign:
            if i in found:
                continue
            doc = next((d for d in free if same(creds[i], d)), None)
            if doc is not None:
                found[i] = doc
                free.remove(doc)
    waiting = [i for i in foreign if i not in found]
    if len(waiting) == 1 and len(free) == 1:
        found[waiting[0]] = free[0]
    return found


def _same_reference(cred: Education, doc: Document) -> bool:
    fact = doc.first("eca.reference")
    return bool(
        cred.eca is not None
        and cred.eca.reference
        and fact is not None
        and plain(fact.value) == plain(cred.eca.reference)
    )


def _same_report_institution(cred: Education, doc: Document) -> bool:
    return any(
        _same_institution(cred.institution, f.value) for f in doc.facts_of("eca.institution")
    )


def _describe(cred: Education) -> str:
    return f"{cred.level} from {cred.institution} ({cred.country})"


@check("EDU001")
def eca_missing(ctx: AuditContext) -> Iterator[Draft]:
    for item in credentials(ctx):
        if not item.needs_eca or item.report is not None:
            continue
        eca = item.education.eca
        declared = (
            f"{eca.organization} {eca.reference or ''} of {eca.issued}".replace("  ", " ")
            if eca
            else None
        )
        yield Draft(
            subject=item.subject,
            message=(
                f"The {item.person}'s {_describe(item.education)} earns points or eligibility "
                "only with an ECA, and no ECA report for it is in the folder"
                + (f" (the profile declares {declared})." if declared else ".")
            ),
            declared=declared,
            found="no ECA report",
        )


def _date_fact(doc: Document | None, kind: str) -> tuple[Fact, dt.date] | None:
    fact = doc.first(kind) if doc else None
    day = day_of(fact)
    return (fact, day) if fact is not None and day is not None else None


@check("EDU002")
def eca_expired(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    years = data_in_force("validity", Validity, ctx.as_of).eca_years
    for item in credentials(ctx):
        printed = _date_fact(item.report, "eca.issued")
        dates = [item.education.eca.issued] if item.education.eca else []
        if printed is not None:
            dates.append(printed[1])
        if not dates:
            continue
        issued = min(dates)
        expiry = add_years(issued, years)
        late = [(n, d) for n, d in profile.validity_dates(ctx.as_of) if d >= issued and d >= expiry]
        if not late:
            continue
        when = ", ".join(f"{name} ({day})" for name, day in late)
        yield Draft(
            subject=f"{item.subject}.eca.issued",
            message=(
                f"The ECA of {issued} for the {_describe(item.education)} expired on {expiry} "
                f"({years}-year validity) but must be valid on {when}."
            ),
            declared=item.education.eca.issued.isoformat() if item.education.eca else None,
            found=f"expired {expiry}",
            evidence=(printed[0].evidence,) if printed else (),
        )


@check("EDU003")
def equivalency_lower(ctx: AuditContext) -> Iterator[Draft]:
    core = data_in_force("crs_core", CrsCore, ctx.as_of)
    for item in credentials(ctx):
        declared = core.education_rank(item.education.level)
        facts = item.report.facts_of("eca.equivalency") if item.report else []
        ranked = [(r, f) for f in facts if (r := _rank(core, f.value)) is not None]
        if ranked:
            rank, fact = max(ranked, key=lambda rf: rf[0])
            if rank < declared:
                yield _lower(
                    item,
                    str(fact.value),
                    f"the ECA report {fact.evidence.document}",
                    (fact.evidence,),
                )
        elif item.education.eca is not None:
            eca = item.education.eca
            if core.education_rank(eca.equivalency) < declared:
                yield _lower(item, eca.equivalency, f"the declared {eca.organization} ECA", ())


def _lower(item: Credential, found: str, source: str, evidence: tuple[Evidence, ...]) -> Draft:
    return Draft(
        subject=f"{item.subject}.level",
        message=(
            f"{source[0].upper()}{source[1:]} assesses the {item.education.institution} credential "
            f"as {found}, lower than the declared level {item.education.level}; points are "
            "given for the ECA's equivalency."
        ),
        declared=item.education.level,
        found=found,
        evidence=evidence,
    )


@check("EDU004")
def eca_body_or_reference(ctx: AuditContext) -> Iterator[Draft]:
    for item in credentials(ctx):
        eca = item.education.eca
        if item.report is not None:
            org = item.report.first("eca.organization")
            issued = _date_fact(item.report, "eca.issued")
            if org is not None:
                when = issued[1] if issued else (eca.issued if eca else ctx.as_of)
                yield from _body(item, str(org.value), when, (org.evidence,))
            number = item.report.first("eca.reference")
            if eca and eca.reference and number:
                yield from _reference_differs(item, item.report.rel, number, eca.reference)
        elif eca is not None:
            yield from _body(item, eca.organization, eca.issued, ())


def _reference_differs(item: Credential, rel: str, number: Fact, declared: str) -> Iterator[Draft]:
    compared = compare_reference(number, declared)
    if not compared.same:
        yield Draft(
            subject=f"{item.subject}.eca.reference",
            message=(
                f"The ECA report {rel} carries reference {number.value}; the profile declares "
                f"{declared}.{compared.note}"
            ),
            declared=declared,
            found=str(number.value),
            evidence=(number.evidence,),
            severity=compared.severity,
        )


def _body(
    item: Credential, org: str, issued: dt.date, evidence: tuple[Evidence, ...]
) -> Iterator[Draft]:
    try:
        body = data_in_force("eca_bodies", EcaBodies, issued).get(org)
    except TableError:
        body = None
    if body is not None and issued >= body.designated:
        return
    if body is not None:
        why = f"{org} was designated only from {body.designated}, after this ECA of {issued}"
    elif org == "OTHER":
        why = "the report was issued by an organisation not designated for Express Entry"
    else:
        why = f"{org} is not an organisation designated for Express Entry"
    yield Draft(
        subject=f"{item.subject}.eca.organization",
        message=f"The ECA for the {_describe(item.education)}: {why}.",
        declared=item.education.eca.organization if item.education.eca else None,
        found=org,
        evidence=evidence,
    )


@check("EDU005")
def diploma_differs(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    for prefix, person, creds, _ in _sections(profile):
        for doc in ctx.documents_of("diploma", "transcript", person=person):
            fits = [_fit(cred, doc) for cred in creds]
            index = _pair_diploma(fits)
            if index is None:
                if not any(fit.agrees for fit in fits):
                    yield from _unmatched(doc, creds)
                continue
            yield from _compare(f"{prefix}[{index}]", creds[index], doc, fits[index])


@dataclass(frozen=True)
class _Fit:
    """How a diploma agrees with one declared credential: True, False, or None when unprinted."""

    level: bool | None
    completed: bool | None
    institution: bool | None

    @property
    def agrees(self) -> bool:
        return True in (self.level, self.completed, self.institution)

    def rank(self) -> tuple[int, bool, bool, bool]:
        """Fewest contradictions first, then agreement by level, date and institution in that
        order: one university awards both a bachelor's and a master's, so its name says least."""
        parts = (self.level, self.completed, self.institution)
        return (
            -parts.count(False),
            self.level is True,
            self.completed is True,
            self.institution is True,
        )


def _fit(cred: Education, doc: Document) -> _Fit:
    credential = doc.first("edu.credential")
    allowed = _levels_named(str(credential.value)) if credential is not None else set()
    done = _date_fact(doc, "edu.completed")
    name = doc.first("edu.institution")
    return _Fit(
        level=cred.level in allowed if allowed else None,
        completed=(_close(cred.completed, *done) if done is not None and cred.completed else None),
        institution=_same_institution(cred.institution, name.value) if name else None,
    )


def _pair_diploma(fits: list[_Fit]) -> int | None:
    """The declared credential a diploma is for: the only one declared, else the one it fits best
    when it agrees on something and no other credential fits as well."""
    if len(fits) <= 1:
        return 0 if fits else None
    ranked = sorted(range(len(fits)), key=lambda i: fits[i].rank(), reverse=True)
    best = ranked[0]
    if not fits[best].agrees:
        return None
    if fits[ranked[1]].rank() == fits[best].rank():
        return None
    return best


def _close(declared: dt.date, fact: Fact, found: dt.date) -> bool:
    limit = settings().completion_tolerance_days
    readings = [found]
    if fact.ambiguous and found.day <= 12:
        readings.append(dt.date(found.year, found.day, found.month))
    return any(abs((r - declared).days) <= limit for r in readings)


def _unmatched(doc: Document, creds: list[Education]) -> Iterator[Draft]:
    if not creds:
        return
    name = doc.first("edu.institution")
    yield Draft(
        subject=doc.rel,
        message=(
            f"{doc.rel} is a {doc.doc_type} from "
            f"{name.value if name else 'an unnamed institution'} that matches none of the "
            f"declared credentials ({'; '.join(_describe(c) for c in creds)})."
        ),
        found=str(name.value) if name else None,
        evidence=(name.evidence,) if name else (),
    )


def _compare(subject: str, cred: Education, doc: Document, fit: _Fit) -> Iterator[Draft]:
    name = doc.first("edu.institution")
    if name is not None and fit.institution is False:
        yield _differs(subject, "institution", cred.institution, str(name.value), doc, name)
    done = _date_fact(doc, "edu.completed")
    if done is not None and cred.completed is not None and fit.completed is False:
        found = done[1].isoformat()
        yield _differs(subject, "completed", cred.completed.isoformat(), found, doc, done[0])
    credential = doc.first("edu.credential")
    if credential is not None and fit.level is False:
        yield _differs(subject, "level", cred.level, str(credential.value), doc, credential)
    field = doc.first("edu.field")
    if field is not None and cred.field_of_study:
        score = fuzz.token_set_ratio(
            cred.field_of_study, str(field.value), processor=default_process
        )
        if score < settings().field_match_score:
            yield _differs(
                subject, "field_of_study", cred.field_of_study, str(field.value), doc, field
            )


def _levels_named(credential: str) -> set[str]:
    words = "".join(c if c.isalpha() else " " for c in credential.casefold()).split()
    table = settings().credential_levels
    return {level for w in words for level in table.get(w, ())}


def _differs(
    subject: str, part: str, declared: str, found: str, doc: Document, fact: Fact
) -> Draft:
    label = part.replace("_", " ")
    return Draft(
        subject=f"{subject}.{part}",
        message=(
            f"The {doc.doc_type} {doc.rel} gives the {label} as {found!r}; the profile declares "
            f"{declared!r}."
        ),
        declared=declared,
        found=found,
        evidence=(fact.evidence,),
    )
