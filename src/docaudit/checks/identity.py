"""ID: whether the documents describe the declared person (name, birth date, passport).

Names are compared with the parsers' ``names_match`` so that a document printing the family name
first or in capitals is the same person, while another first name is not. The name helpers here
serve the other families too (bank holders, police certificates, family members).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from docaudit.checks.identifiers import compare_reference
from docaudit.core.documents import Document
from docaudit.core.models import Fact, Severity
from docaudit.core.profile import Applicant, Passport, Profile, Spouse
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import Validity, data_in_force
from docaudit.core.thresholds import typed_thresholds
from docaudit.extract.facts.parse import NameMatch, PersonName, names_match

Holder = Applicant | Spouse


class IdentitySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    names_checked_elsewhere: dict[str, str]
    passport_documents: tuple[str, ...]
    persons: tuple[str, ...]


@functools.cache
def settings() -> IdentitySettings:
    return typed_thresholds("identity", IdentitySettings)


def holder_of(profile: Profile, person: str | None) -> Holder | None:
    """The declared applicant or spouse a document is about, if the profile declares them."""
    if person == "applicant":
        return profile.applicant
    if person == "spouse":
        return profile.spouse
    return None


def prefix_of(person: str) -> str:
    """The profile key path of a person's section (``applicant`` or ``spouse``)."""
    return "spouse" if person == "spouse" else "applicant"


def declared_name(holder: Holder) -> str:
    return f"{holder.family_name}, {holder.given_names}"


def printed_name(fact: Fact) -> str:
    value = fact.value
    return str(value.get("raw", "")) if isinstance(value, dict) else str(value)


def _as_person(fact: Fact) -> PersonName | str:
    """The extractor's parsed name when it has one, else the raw text for names_match to read."""
    value = fact.value
    if not isinstance(value, dict):
        return str(value)
    raw = str(value.get("raw", ""))
    family = value.get("family")
    if not family:
        return raw
    given = str(value.get("given") or "")
    middle = str(value.get("middle") or "")
    initials = "".join(w[0].upper() for w in f"{given} {middle}".split())
    return PersonName(family=str(family), given=given, middle=middle, initials=initials, raw=raw)


def match_name(holder: Holder, fact: Fact, also: Sequence[Holder] = ()) -> NameMatch:
    """Whether a name fact names ``holder`` (or one of ``also``), with OCR tolerance for scans."""
    ocr = fact.evidence.method == "ocr"
    best: NameMatch | None = None
    for who in (holder, *also):
        result = names_match(
            who.family_name,
            who.given_names,
            _as_person(fact),
            who.other_names,
            ocr=ocr,
            ocr_confidence=fact.evidence.ocr_confidence,
        )
        if result.match:
            return result
        best = best or result
    assert best is not None
    return best


@check("ID001")
def name_differs(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    rules = settings()
    for doc in ctx.documents:
        if doc.status != "ok" or doc.doc_type in rules.names_checked_elsewhere:
            continue
        if doc.person not in rules.persons:
            continue
        holder = holder_of(ctx.profile, doc.person)
        if holder is None:
            continue
        mrz_name = _mrz_name_of(doc, holder)
        for fact in doc.facts_of("person.name"):
            result = match_name(holder, fact)
            if result.match and not result.ocr_unsure:
                continue
            misread = result.ocr_unsure or (mrz_name is not None and fact.evidence.method == "ocr")
            part = "family_name" if "family name" in result.reason else "given_names"
            yield Draft(
                subject=f"{prefix_of(doc.person or '')}.{part}",
                message=(
                    f"{doc.rel} names the {doc.person} {printed_name(fact)!r}; the profile "
                    f"declares {declared_name(holder)!r}"
                    + (
                        f" (other names: {', '.join(holder.other_names)})"
                        if holder.other_names
                        else ""
                    )
                    + f": {result.reason}"
                    + (f"; the machine-readable zone reads {mrz_name!r}" if mrz_name else "")
                    + (misreading_note(fact) if misread else ".")
                ),
                declared=declared_name(holder),
                found=printed_name(fact),
                evidence=(fact.evidence,),
                severity=Severity.INFO if misread else None,
            )


def _mrz_name_of(doc: Document, holder: Holder) -> str | None:
    """The name in the document's machine-readable zone, when it is the holder's exactly.

    The MRZ is printed in OCR-B for machines and read apart from the visual zone, so a visual-zone
    name OCR garbles beyond one letter ("EERIPE" for FELIPE) while the zone reads FELIPE is a
    misreading of the scan, not another name; a zone naming someone else settles nothing."""
    for fact in doc.facts_of("passport.mrz"):
        mrz = fact.value if isinstance(fact.value, dict) else {}
        fields = mrz.get("fields") or {}
        family, given = str(fields.get("surname") or ""), str(fields.get("given_names") or "")
        if mrz.get("valid") and family:
            name = f"{family}, {given}".strip(", ")
            if names_match(holder.family_name, holder.given_names, name, holder.other_names).match:
                return name
    return None


def day_of(fact: Fact | None) -> dt.date | None:
    """A date fact's value; None when the fact is absent or holds no date."""
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else None


def _swapped(day: dt.date) -> dt.date | None:
    """The other reading of a date whose day and month could be either way round."""
    if day.day > 12 or day.day == day.month:
        return None
    return dt.date(day.year, day.day, day.month)


@check("ID002")
def birth_date_differs(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    for doc in ctx.documents:
        if doc.status != "ok" or doc.person not in settings().persons:
            continue
        holder = holder_of(ctx.profile, doc.person)
        if holder is None or holder.date_of_birth is None:
            continue
        declared = holder.date_of_birth
        for fact in doc.facts_of("person.date_of_birth"):
            found = fact.value
            if not isinstance(found, dt.date) or found == declared:
                continue
            if fact.ambiguous and _swapped(found) == declared:
                continue
            yield Draft(
                subject=f"{prefix_of(doc.person or '')}.date_of_birth",
                message=(
                    f"{doc.rel} gives the {doc.person}'s date of birth as {found}; the profile "
                    f"declares {declared}."
                ),
                declared=declared.isoformat(),
                found=found.isoformat(),
                evidence=(fact.evidence,),
            )


def passport_documents(ctx: AuditContext, person: str) -> list[Document]:
    return ctx.documents_of(*settings().passport_documents, person=person)


def misreading_note(fact: Fact) -> str:
    """The closing words of a finding about a name that differs only by what OCR misreads."""
    confidence = fact.evidence.ocr_confidence
    read = f", read by OCR with confidence {confidence:.0f}" if confidence is not None else ""
    return f"{read}: check the scan, it is likely a misreading."


def _is_previous(doc: Document, declared: Passport) -> bool:
    """A passport that expired before the declared one was issued is an earlier passport."""
    expiry = doc.first("passport.expiry")
    return (
        declared.issued is not None
        and expiry is not None
        and isinstance(expiry.value, dt.date)
        and expiry.value < declared.issued
    )


@check("ID003")
def passport_differs(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    for person in settings().persons:
        holder = holder_of(ctx.profile, person)
        declared = holder.passport if holder is not None else None
        if declared is None:
            continue
        for doc in passport_documents(ctx, person):
            if _is_previous(doc, declared):
                continue
            yield from _passport_fields(doc, declared, prefix_of(person))


def _passport_fields(doc: Document, declared: Passport, prefix: str) -> Iterator[Draft]:
    number = doc.first("passport.number")
    compared = compare_reference(number, declared.number) if number is not None else None
    if number is not None and compared and not compared.same:
        yield Draft(
            subject=f"{prefix}.passport.number",
            message=(
                f"The passport {doc.rel} has number {number.value}; the profile declares "
                f"{declared.number}.{compared.note}"
            ),
            declared=declared.number,
            found=str(number.value),
            evidence=(number.evidence,),
            severity=compared.severity,
        )
    country = doc.first("passport.country")
    if country is not None and str(country.value).upper() != declared.country:
        yield Draft(
            subject=f"{prefix}.passport.country",
            message=(
                f"The passport {doc.rel} was issued by {country.value}; the profile declares "
                f"{declared.country}."
            ),
            declared=declared.country,
            found=str(country.value),
            evidence=(country.evidence,),
        )
    expiry = doc.first("passport.expiry")
    if expiry is not None and isinstance(expiry.value, dt.date) and expiry.value != declared.expiry:
        swapped = _swapped(expiry.value) if expiry.ambiguous else None
        if swapped != declared.expiry:
            yield Draft(
                subject=f"{prefix}.passport.expiry",
                message=(
                    f"The passport {doc.rel} expires on {expiry.value}; the profile declares "
                    f"{declared.expiry}."
                ),
                declared=declared.expiry.isoformat(),
                found=expiry.value.isoformat(),
                evidence=(expiry.evidence,),
            )


@check("ID004")
def mrz_check_digit(ctx: AuditContext) -> Iterator[Draft]:
    for doc in ctx.documents:
        if doc.status != "ok":
            continue
        for fact in doc.facts_of("passport.mrz"):
            mrz = fact.value if isinstance(fact.value, dict) else {}
            failed = [str(f) for f in mrz.get("failed") or []]
            if mrz.get("confident") and failed:
                fields = ", ".join(f.replace("_", " ") for f in failed)
                yield Draft(
                    subject=doc.rel,
                    message=(
                        f"The machine-readable zone of {doc.rel} was read cleanly but the check "
                        f"digit of {fields} fails (ICAO 9303): the passport page may have been "
                        "altered, or the copy is not of the original."
                    ),
                    found=f"check digit fails: {fields}",
                    evidence=(fact.evidence,),
                    key=",".join(failed),
                )
            elif not mrz.get("confident") and not mrz.get("valid"):
                yield Draft(
                    subject=doc.rel,
                    message=(
                        f"The machine-readable zone of {doc.rel} could not be read reliably, so "
                        "its check digits prove nothing either way; a clearer scan lets them "
                        "be verified."
                    ),
                    found="MRZ not read reliably",
                    evidence=(fact.evidence,),
                    severity=Severity.INFO,
                    key="unreliable",
                )


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier); a day the month lacks becomes its last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@check("ID005")
def passport_expiry(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    months = data_in_force("validity", Validity, ctx.as_of).passport_warning_months
    warn_until = months_later(ctx.as_of, months)
    for person in settings().persons:
        holder = holder_of(ctx.profile, person)
        if holder is None or (isinstance(holder, Spouse) and not holder.accompanying):
            continue
        declared = holder.passport
        docs = [
            d
            for d in passport_documents(ctx, person)
            if declared is None or not _is_previous(d, declared)
        ]
        evidence = tuple(f.evidence for d in docs if (f := d.first("passport.expiry")) is not None)
        expiry = declared.expiry if declared else _latest_expiry(docs)
        if expiry is None or expiry >= warn_until:
            continue
        expired = expiry < ctx.as_of
        yield Draft(
            subject=f"{prefix_of(person)}.passport.expiry",
            message=(
                f"The {person}'s passport expires on {expiry}, "
                + (
                    f"before the audit date {ctx.as_of}."
                    if expired
                    else f"within {months} months of the audit date {ctx.as_of}."
                )
            ),
            declared=expiry.isoformat() if declared else None,
            found=None if declared else expiry.isoformat(),
            evidence=evidence,
            severity=None if expired else Severity.LOW,
        )


def _latest_expiry(docs: Sequence[Document]) -> dt.date | None:
    dates = [
        f.value
        for d in docs
        if (f := d.first("passport.expiry")) is not None and isinstance(f.value, dt.date)
    ]
    return max(dates, default=None)
