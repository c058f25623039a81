"""FAM: civil status and the family members who come along.

A marriage or divorce certificate is hard evidence of status, so a profile that contradicts it is
treated as a possible misrepresentation; a divorce from an earlier marriage is not a contradiction,
which is why the certificate's date is weighed against the declared relationship.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from docaudit.checks.identity import day_of, match_name
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import Applicant, Child, Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.thresholds import typed_thresholds


class FamilySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    partnered_statuses: tuple[str, ...]
    never_married_statuses: tuple[str, ...]
    relationship_start_tolerance_days: int
    identity_documents: dict[str, tuple[str, ...]]


@functools.cache
def settings() -> FamilySettings:
    return typed_thresholds("family", FamilySettings)


def _event(doc: Document) -> tuple[Fact, dt.date] | tuple[None, None]:
    fact = doc.first("civil.event_date")
    day = day_of(fact)
    return (fact, day) if fact is not None and day is not None else (None, None)


def _evidence(doc: Document, fact: Fact | None) -> tuple[Evidence, ...]:
    return (fact.evidence,) if fact else (Evidence(document=doc.rel, sha256=doc.sha256),)


def _civil(ctx: AuditContext, doc_type: str) -> list[Document]:
    return [d for d in ctx.documents_of(doc_type) if d.person != "child"]


@check("FAM001")
def status_contradicted(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    yield from _marriages(ctx, profile)
    yield from _divorces(ctx, profile)


def _marriages(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    rules = settings()
    status = profile.applicant.marital_status
    start = profile.spouse.relationship_start if profile.spouse else None
    tolerance = dt.timedelta(days=rules.relationship_start_tolerance_days)
    for doc in _civil(ctx, "marriage_certificate"):
        fact, day = _event(doc)
        when = f" of {day}" if day else ""
        found = f"marriage{when}"
        if status in rules.never_married_statuses:
            yield Draft(
                subject="applicant.marital_status",
                message=(
                    f"{doc.rel} is a marriage certificate{when}, but the profile declares the "
                    f"applicant {status}."
                ),
                declared=status,
                found=found,
                evidence=_evidence(doc, fact),
                key=doc.rel,
            )
        elif status == "common_law" and (day is None or day <= ctx.as_of):
            yield Draft(
                subject="applicant.marital_status",
                message=(
                    f"{doc.rel} records a marriage{when}, but the profile declares a common-law "
                    "relationship; a married couple declares married."
                ),
                declared=status,
                found=found,
                evidence=_evidence(doc, fact),
                key=doc.rel,
            )
        elif (
            status == "married"
            and start is not None
            and day is not None
            and day > start + tolerance
        ):
            yield Draft(
                subject="spouse.relationship_start",
                message=(
                    f"{doc.rel} records the marriage on {day}, after the relationship start the "
                    f"profile declares ({start})."
                ),
                declared=start.isoformat(),
                found=day.isoformat(),
                evidence=_evidence(doc, fact),
                key=doc.rel,
            )


def _divorces(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    rules = settings()
    status = profile.applicant.marital_status
    start = profile.spouse.relationship_start if profile.spouse else None
    for doc in _civil(ctx, "divorce_certificate"):
        fact, day = _event(doc)
        when = f" of {day}" if day else ""
        if status in rules.never_married_statuses:
            reason = f"the profile declares the applicant {status}, never married"
        elif status in rules.partnered_statuses and (day is None or start is None or day >= start):
            reason = (
                f"the profile declares the applicant {status}"
                + (f" in a relationship since {start}" if start else "")
                + ", and the divorce does not predate that relationship"
            )
        else:
            continue
        yield Draft(
            subject="applicant.marital_status",
            message=f"{doc.rel} is a divorce certificate{when}, but {reason}.",
            declared=status,
            found=f"divorce{when}",
            evidence=_evidence(doc, fact),
            key=doc.rel,
        )


@check("FAM002")
def family_without_identity(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    kinds = settings().identity_documents
    spouse = profile.accompanying_spouse
    if spouse is not None and not ctx.documents_of(*kinds["spouse"], person="spouse"):
        yield Draft(
            subject="spouse",
            message=(
                f"The accompanying spouse {spouse.given_names} {spouse.family_name} has no "
                f"identity document in the folder ({' or '.join(kinds['spouse'])})."
            ),
            declared=f"{spouse.family_name}, {spouse.given_names} (accompanying)",
            found="no identity document",
        )
    docs = ctx.documents_of(*kinds["child"], person="child")
    for index in _children_without_documents(profile, docs):
        child = profile.children[index]
        yield Draft(
            subject=f"children[{index}]",
            message=(
                f"The accompanying child {child.given_names} (born {child.date_of_birth}) has "
                f"no identity document in the folder ({' or '.join(kinds['child'])})."
            ),
            declared=f"{child.given_names}, born {child.date_of_birth} (accompanying)",
            found="no identity document",
        )


def _children_without_documents(profile: Profile, docs: list[Document]) -> list[int]:
    """Accompanying children no document identifies: by birth date or name, then by elimination."""
    unplaced = list(docs)
    waiting: list[int] = []
    for index, child in enumerate(profile.children):
        if not child.accompanying:
            continue
        found = next((d for d in unplaced if _identifies(d, child, profile.applicant)), None)
        if found is not None:
            unplaced.remove(found)
        else:
            waiting.append(index)
    anonymous = [
        d
        for d in unplaced
        if not d.facts_of("person.name") and not d.facts_of("person.date_of_birth")
    ]
    return waiting[len(anonymous) :]


def _identifies(doc: Document, child: Child, parent: Applicant) -> bool:
    birth = doc.first("person.date_of_birth")
    if birth is not None and birth.value == child.date_of_birth:
        return True
    stand_in = Applicant(
        family_name=child.family_name or parent.family_name,
        given_names=child.given_names,
        date_of_birth=child.date_of_birth,
        citizenship=parent.citizenship,
        marital_status="single",
    )
    return any(match_name(stand_in, f).match for f in doc.facts_of("person.name"))
