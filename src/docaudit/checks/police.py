"""POL: police certificates for every country a person lived in long enough to need one.

Stays are read from the declared addresses, personal history and travel, joined per country, so a
move between two cities of one country is one stay; only time since the 18th birthday within the
look-back counts, as IRCC asks.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from docaudit.checks.history import Span, merged, span_of, window_for
from docaudit.checks.identity import (
    day_of,
    declared_name,
    holder_of,
    match_name,
    months_later,
    printed_name,
)
from docaudit.core.countries import name_of
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import Validity, data_in_force
from docaudit.core.thresholds import typed_thresholds

ONE_DAY = dt.timedelta(days=1)


class PoliceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    exempt_countries: tuple[str, ...]
    issued_before_departure_tolerance_days: int


@functools.cache
def settings() -> PoliceSettings:
    return typed_thresholds("police", PoliceSettings)


@dataclass(frozen=True)
class Stay:
    country: str
    span: Span
    source: str
    """The profile key path of the first declared period the stay is made of."""


def stays(profile: Profile, person: str, as_of: dt.date, *, visits: bool = True) -> list[Stay]:
    """Every unbroken stay per country, joined across addresses, history and (with ``visits``)
    travel. Trips count towards the months in a row that make a certificate necessary, but a
    certificate need only postdate the time a person lived there: a holiday back in the country
    after the certificate was issued does not make it stale."""
    prefix = "spouse." if person == "spouse" else ""
    section = profile.spouse if person == "spouse" else profile
    if section is None:
        return []
    periods: list[tuple[str, Span, str]] = [
        (a.country, span_of(a.from_, a.to, as_of), f"{prefix}addresses[{i}]")
        for i, a in enumerate(section.addresses)
    ]
    periods += [
        (e.country, span_of(e.from_, e.to, as_of), f"{prefix}personal_history[{i}]")
        for i, e in enumerate(section.personal_history)
        if e.country
    ]
    if visits and person == "applicant":
        periods += [
            (t.country, Span(t.from_, t.to), f"travel[{i}]") for i, t in enumerate(profile.travel)
        ]
    out: list[Stay] = []
    for country in sorted({c for c, _, _ in periods}):
        mine = [(s, src) for c, s, src in periods if c == country]
        for joined in merged(s for s, _ in mine):
            source = min((src for s, src in mine if s.clip(joined) is not None), key=_source_order)
            out.append(Stay(country, joined, source))
    return out


def _source_order(source: str) -> tuple[int, str]:
    return (0 if "addresses" in source else 1 if "history" in source else 2, source)


def _people(profile: Profile) -> list[tuple[str, dt.date | None]]:
    out: list[tuple[str, dt.date | None]] = [("applicant", profile.applicant.date_of_birth)]
    spouse = profile.accompanying_spouse
    if spouse is not None:
        out.append(("spouse", spouse.date_of_birth))
    return out


def _certificate_country(doc: Document) -> tuple[str | None, Fact | None]:
    fact = doc.first("police.country")
    if fact is not None:
        return str(fact.value).upper(), fact
    return (doc.country.upper() if doc.country else None), None


def _country(code: str) -> str:
    return name_of(code)


@check("POL001")
def certificate_missing(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    validity = data_in_force("validity", Validity, ctx.as_of)
    exempt = settings().exempt_countries
    for person, birth in _people(profile):
        window = window_for(birth, ctx.as_of, validity.police_lookback_years)
        covered = {
            c
            for d in ctx.documents_of("police_certificate", person=person)
            if (c := _certificate_country(d)[0])
        }
        reported: set[str] = set()
        for stay in stays(profile, person, ctx.as_of):
            inside = stay.span.clip(window)
            if stay.country in exempt or stay.country in covered or stay.country in reported:
                continue
            if inside is None or inside.end + ONE_DAY < months_later(
                inside.start, validity.police_stay_months
            ):
                continue
            reported.add(stay.country)
            yield Draft(
                subject=stay.source,
                message=(
                    f"The {person} lived in {_country(stay.country)} from {inside} "
                    f"({validity.police_stay_months} months or more in a row since age 18 in the "
                    f"last {validity.police_lookback_years} years) and no police certificate from "
                    f"{_country(stay.country)} is in the folder."
                ),
                declared=f"{stay.country} {inside}",
                found="no police certificate",
                key=stay.country,
            )


@check("POL002")
def certificate_problems(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    validity = data_in_force("validity", Validity, ctx.as_of)
    slack = dt.timedelta(days=settings().issued_before_departure_tolerance_days)
    for person, _ in _people(profile):
        lived = stays(profile, person, ctx.as_of, visits=False)
        holder = holder_of(profile, person)
        for doc in ctx.documents_of("police_certificate", person=person):
            country, country_fact = _certificate_country(doc)
            issued = doc.first("document.date")
            if country is not None and issued is not None:
                there = [s for s in lived if s.country == country]
                yield from _timing(doc, person, country, issued, there, ctx.as_of, validity, slack)
            if holder is None:
                continue
            for fact in doc.facts_of("person.name"):
                if match_name(holder, fact).match:
                    continue
                yield Draft(
                    subject=doc.rel,
                    message=(
                        f"The police certificate {doc.rel} names {printed_name(fact)!r}, not the "
                        f"{person} {declared_name(holder)!r}."
                    ),
                    declared=declared_name(holder),
                    found=printed_name(fact),
                    evidence=(fact.evidence,) + ((country_fact.evidence,) if country_fact else ()),
                    key="name",
                )


def _timing(
    doc: Document,
    person: str,
    country: str,
    issued: Fact,
    there: list[Stay],
    as_of: dt.date,
    validity: Validity,
    slack: dt.timedelta,
) -> Iterator[Draft]:
    day = day_of(issued)
    if not there or day is None:
        return
    evidence: tuple[Evidence, ...] = (issued.evidence,)
    last = max(there, key=lambda s: s.span.end)
    if last.span.end >= as_of:
        months = validity.police_current_residence_months
        oldest = months_later(as_of, -months)
        if day < oldest:
            yield Draft(
                subject=doc.rel,
                message=(
                    f"The police certificate from {_country(country)} ({doc.rel}) was issued on "
                    f"{day}; for the {person}'s country of current residence it must be less than "
                    f"{months} months old on {as_of} (issued on or after {oldest})."
                ),
                declared=f"living in {country} since {last.span.start}",
                found=f"issued {day}",
                evidence=evidence,
                key="age",
            )
    elif day < last.span.end - slack:
        yield Draft(
            subject=doc.rel,
            message=(
                f"The police certificate from {_country(country)} ({doc.rel}) was issued on "
                f"{day}, before the {person}'s last stay there ended on {last.span.end}; it "
                "does not cover the end of that stay."
            ),
            declared=f"lived in {country} until {last.span.end}",
            found=f"issued {day}",
            evidence=evidence,
            key="before",
        )
