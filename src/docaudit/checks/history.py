"""HIS: personal history, addresses and travel over the window IRCC asks about.

IRCC allows no unexplained time in Schedule A and reads it against the work history, addresses and
passport, so each rule compares declared periods day by day. The period helpers here are shared
with the police-certificate rules, which ask where a person lived for how long.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from docaudit.checks.identity import passport_documents
from docaudit.core.documents import Document
from docaudit.core.models import Fact
from docaudit.core.profile import Address, HistoryEntry, Job, Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import Validity, data_in_force
from docaudit.core.thresholds import typed_thresholds
from docaudit.crs.work import add_years

ONE_DAY = dt.timedelta(days=1)


class HistorySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    work_activities: tuple[str, ...]
    work_match_tolerance_days: int
    address_gap_days: int
    address_overlap_days: int
    document_address_city_score: float
    stamp_tolerance_days: int
    visa_use_days: int


@functools.cache
def settings() -> HistorySettings:
    return typed_thresholds("history", HistorySettings)


@dataclass(frozen=True, order=True)
class Span:
    """The days from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def clip(self, window: Span) -> Span | None:
        first, last = max(self.start, window.start), min(self.end, window.end)
        return Span(first, last) if first <= last else None

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


def span_of(start: dt.date, end: dt.date | None, as_of: dt.date) -> Span:
    """A declared period; an open end runs to the audit date."""
    return Span(start, end or as_of)


def window_for(birth: dt.date | None, as_of: dt.date, years: int) -> Span:
    """The ``years`` before ``as_of``, or since the 18th birthday when that is later."""
    start = add_years(as_of, -years)
    if birth is not None:
        start = max(start, add_years(birth, 18))
    return Span(start, as_of)


def merged(spans: Iterable[Span]) -> list[Span]:
    """Spans joined where they touch or overlap."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end + ONE_DAY:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out


def uncovered(window: Span, spans: Iterable[Span]) -> list[Span]:
    """The parts of ``window`` no span covers."""
    gaps: list[Span] = []
    cursor = window.start
    for span in merged(s for s in spans if s.clip(window) is not None):
        if span.start > cursor:
            gaps.append(Span(cursor, span.start - ONE_DAY))
        cursor = max(cursor, span.end + ONE_DAY)
    if cursor <= window.end:
        gaps.append(Span(cursor, window.end))
    return [g for g in gaps if g.clip(window) is not None]


@dataclass(frozen=True)
class Lived:
    """One person's declared life: what the history rules read, with its profile key prefix."""

    person: str
    prefix: str
    birth: dt.date | None
    addresses: list[Address]
    history: list[HistoryEntry]
    jobs: list[Job]
    required: bool
    """The applicant's history is required; the spouse's is judged only when declared."""


def people(profile: Profile) -> list[Lived]:
    out = [
        Lived(
            "applicant",
            "",
            profile.applicant.date_of_birth,
            profile.addresses,
            profile.personal_history,
            profile.work_history,
            True,
        )
    ]
    spouse = profile.spouse
    if spouse is not None:
        out.append(
            Lived(
                "spouse",
                "spouse.",
                spouse.date_of_birth,
                spouse.addresses,
                spouse.personal_history,
                spouse.work_history,
                False,
            )
        )
    return out


def _window(ctx: AuditContext, who: Lived) -> Span:
    years = data_in_force("validity", Validity, ctx.as_of).history_years
    return window_for(who.birth, ctx.as_of, years)


@check("HIS001")
def history_gap(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    limit = data_in_force("validity", Validity, ctx.as_of).history_gap_days
    for who in people(ctx.profile):
        if not who.history and not who.required:
            continue
        window = _window(ctx, who)
        spans = [span_of(e.from_, e.to, ctx.as_of) for e in who.history]
        for gap in uncovered(window, spans):
            if gap.days <= limit:
                continue
            yield Draft(
                subject=f"{who.prefix}personal_history",
                message=(
                    f"The {who.person}'s personal history accounts for nothing from {gap} "
                    f"({gap.days} days) within the required period {window}; IRCC allows no gaps "
                    f"(more than {limit} days is reported)."
                ),
                found=f"gap {gap}",
                key=gap.start.isoformat(),
            )


def _place(address: Address) -> tuple[str, str, str]:
    return (
        address.country,
        default_process(address.city or ""),
        default_process(address.street or ""),
    )


@check("HIS002")
def address_problems(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    rules = settings()
    for who in people(ctx.profile):
        if not who.addresses and not who.required:
            continue
        window = _window(ctx, who)
        spans = [span_of(a.from_, a.to, ctx.as_of) for a in who.addresses]
        for gap in uncovered(window, spans):
            if gap.days > rules.address_gap_days:
                yield Draft(
                    subject=f"{who.prefix}addresses",
                    message=(
                        f"The {who.person}'s address history has no address from {gap} "
                        f"({gap.days} days) within the required period {window}."
                    ),
                    found=f"gap {gap}",
                    key=f"gap {gap.start}",
                )
        yield from _overlaps(who, spans, window, rules.address_overlap_days)
        yield from _documents_disagree(ctx, who, spans)


def _overlaps(who: Lived, spans: list[Span], window: Span, allowed: int) -> Iterator[Draft]:
    for j, later in enumerate(who.addresses):
        for i in range(j):
            if _place(who.addresses[i]) == _place(later):
                continue
            both = Span(max(spans[i].start, spans[j].start), min(spans[i].end, spans[j].end))
            shared = both.clip(window) if both.start <= both.end else None
            if shared is None or shared.days <= allowed:
                continue
            yield Draft(
                subject=f"{who.prefix}addresses[{j}]",
                message=(
                    f"The {who.person}'s address {_label(later)} overlaps "
                    f"{_label(who.addresses[i])} from {shared} ({shared.days} days): one person "
                    "has one residential address at a time."
                ),
                declared=f"{spans[j]} and {spans[i]}",
                found=f"overlap {shared}",
                key=f"overlap {i}",
            )


def _label(address: Address) -> str:
    return ", ".join(p for p in (address.street, address.city, address.country) if p)


def _document_day(doc: Document) -> dt.date | None:
    for kind in ("document.date", "bank.period_end", "pay.period_end"):
        fact = doc.first(kind)
        if fact is not None and isinstance(fact.value, dt.date):
            return fact.value
    return None


def _documents_disagree(ctx: AuditContext, who: Lived, spans: list[Span]) -> Iterator[Draft]:
    score = settings().document_address_city_score
    for doc in ctx.documents:
        if doc.status != "ok" or doc.person != who.person:
            continue
        printed = doc.facts_of("person.address")
        day = _document_day(doc)
        if not printed or day is None:
            continue
        current = [i for i, s in enumerate(spans) if s.start <= day <= s.end]
        cities = [who.addresses[i].city for i in current if who.addresses[i].city]
        if not cities:
            continue
        for fact in printed:
            if any(_mentions(str(fact.value), city, score) for city in cities if city):
                continue
            index = current[0]
            yield Draft(
                subject=f"{who.prefix}addresses[{index}]",
                message=(
                    f"{doc.rel}, dated {day}, prints the {who.person}'s address as "
                    f"{fact.value!r}; for that date the profile declares "
                    f"{_label(who.addresses[index])}."
                ),
                declared=_label(who.addresses[index]),
                found=str(fact.value),
                evidence=(fact.evidence,),
                key=doc.rel,
            )


def _mentions(printed: str, city: str, score: float) -> bool:
    return fuzz.partial_ratio(default_process(city), default_process(printed)) >= score


def _covered_days(span: Span, others: Iterable[Span]) -> int:
    return sum(c.days for o in merged(others) if (c := o.clip(span)) is not None)


@check("HIS003")
def history_vs_work(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None:
        return
    rules = settings()
    slack = rules.work_match_tolerance_days
    for who in people(ctx.profile):
        if not who.history:
            continue
        window = _window(ctx, who)
        working = [
            (i, span_of(e.from_, e.to, ctx.as_of))
            for i, e in enumerate(who.history)
            if e.activity in rules.work_activities
        ]
        jobs = [(i, span_of(j.start, j.end, ctx.as_of)) for i, j in enumerate(who.jobs)]
        for i, span in jobs:
            inside = span.clip(window)
            if inside is None:
                continue
            missing = inside.days - _covered_days(inside, (s for _, s in working))
            if missing > slack:
                job = who.jobs[i]
                yield Draft(
                    subject=f"{who.prefix}work_history[{i}]",
                    message=(
                        f"The {who.person}'s job as {job.job_title} at {job.employer} ({span}) is "
                        f"not shown as work in the personal history for {missing} days."
                    ),
                    declared=str(span),
                    found=f"{missing} days not shown as work",
                    key="job",
                )
        for i, span in working:
            inside = span.clip(window)
            if inside is None:
                continue
            missing = inside.days - _covered_days(inside, (s for _, s in jobs))
            if missing > slack:
                entry = who.history[i]
                yield Draft(
                    subject=f"{who.prefix}personal_history[{i}]",
                    message=(
                        f"The {who.person}'s personal history shows {entry.activity} from {span}"
                        + (f" ({entry.description})" if entry.description else "")
                        + f", but no declared job covers {missing} of those days."
                    ),
                    declared=str(span),
                    found=f"{missing} days without a declared job",
                    key="history",
                )


def _passport_spans(ctx: AuditContext, profile: Profile) -> list[tuple[dt.date | None, dt.date]]:
    """(issued, expiry) of every passport the applicant declared or put in the folder."""
    out: list[tuple[dt.date | None, dt.date]] = []
    if profile.applicant.passport is not None:
        out.append((profile.applicant.passport.issued, profile.applicant.passport.expiry))
    for doc in passport_documents(ctx, "applicant"):
        expiry = doc.first("passport.expiry")
        issued = doc.first("passport.issued")
        if expiry is not None and isinstance(expiry.value, dt.date):
            start = issued.value if issued and isinstance(issued.value, dt.date) else None
            out.append((start, expiry.value))
    return out


@check("HIS004")
def travel_contradicted(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    passports = _passport_spans(ctx, profile)
    earliest = min((i for i, _ in passports if i is not None), default=None)
    for index, trip in enumerate(profile.travel):
        if not passports or any(
            (i is None or i <= trip.from_) and trip.to <= e for i, e in passports
        ):
            continue
        if earliest is not None and trip.from_ < earliest:
            continue
        yield Draft(
            subject=f"travel[{index}]",
            message=(
                f"The trip to {trip.country} from {trip.from_} to {trip.to} falls outside the "
                "validity of every passport declared or in the folder."
            ),
            declared=f"{trip.country} {trip.from_} to {trip.to}",
            found="no valid passport on those dates",
        )
    yield from _stamps(ctx, profile)


def _stamp(fact: Fact) -> tuple[str, dt.date, str] | None:
    value = fact.value if isinstance(fact.value, dict) else {}
    day = value.get("date")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            return None
    if not isinstance(day, dt.date) or not value.get("country"):
        return None
    return str(value["country"]).upper(), day, str(value.get("kind") or "entry")


def _homes(profile: Profile) -> set[str]:
    homes = {profile.applicant.citizenship}
    homes |= {a.country for a in profile.addresses}
    homes |= {e.country for e in profile.personal_history if e.country}
    return homes


def _stamps(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    rules = settings()
    slack = dt.timedelta(days=rules.stamp_tolerance_days)
    years = data_in_force("validity", Validity, ctx.as_of).history_years
    since = add_years(ctx.as_of, -years)
    homes = _homes(profile)
    for doc in ctx.documents:
        if doc.status != "ok" or doc.person != "applicant":
            continue
        for fact in doc.facts_of("travel.entry"):
            seen = _stamp(fact)
            if seen is None or not since <= seen[1] <= ctx.as_of:
                continue
            country, day, kind = seen
            if _explained(profile, country, day, kind, homes, slack, rules.visa_use_days):
                continue
            yield Draft(
                subject=doc.rel,
                message=(
                    f"{doc.rel} shows a {kind} {'for' if kind == 'visa' else 'stamp of'} "
                    f"{country} dated {day} that no declared trip explains."
                ),
                found=f"{kind} {country} {day}",
                evidence=(fact.evidence,),
                key=f"{country} {day}",
            )


def _explained(
    profile: Profile,
    country: str,
    day: dt.date,
    kind: str,
    homes: set[str],
    slack: dt.timedelta,
    visa_days: int,
) -> bool:
    if kind == "visa":
        return country in homes or any(
            t.country == country and day - slack <= t.from_ <= day + dt.timedelta(days=visa_days)
            for t in profile.travel
        )
    return any(
        (t.country == country or country in homes) and t.from_ - slack <= day <= t.to + slack
        for t in profile.travel
    )
