"""Which reference letter proves which declared job: one pairing shared by every WRK rule.

Every work rule asks the same first question (which letter is this job's?), and answering it in
one place keeps the rules consistent: a letter tied to a job for WRK003 is the same letter WRK010
and WRK006 read. A letter is tied to a job of the same person by employer (legal forms ignored)
and overlapping dates; a letter from an employer no job names is tied to the unmatched job its
dates overlap most, so the employer difference is reported (WRK002) rather than a missing letter
(WRK001). A letter that lists several positions (a promotion) may prove several declared jobs;
each job then reads the positions whose dates it overlaps most.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from docaudit.checks.work_thresholds import thresholds
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import Job, Profile
from docaudit.core.registry import AuditContext
from docaudit.extract.facts.parse import employers_match

ONE_DAY = dt.timedelta(days=1)


# -- typed readings of facts -------------------------------------------------------------------


def readings(fact: Fact | None) -> list[dt.date]:
    """The dates a date fact may mean: an unsettled day-first/month-first reading has two."""
    if fact is None or not isinstance(fact.value, dt.date):
        return []
    day = fact.value
    out = [day]
    if fact.ambiguous and day.day <= 12 and day.day != day.month:
        out.append(dt.date(day.year, day.day, day.month))
    return out


def closest(fact: Fact | None, target: dt.date | None) -> dt.date | None:
    """The reading of ``fact`` nearest ``target`` (the first reading when there is no target)."""
    options = readings(fact)
    if not options:
        return None
    if target is None:
        return options[0]
    return min(options, key=lambda d: abs((d - target).days))


def as_date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def fmt_date(day: dt.date | None) -> str:
    return day.isoformat() if day else "present"


def _title_key(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    table: dict[str, str] = thresholds("work")["titles"]["abbreviations"]
    return " ".join(table.get(w, w) for w in words)


def titles_match(a: str, b: str) -> bool:
    """Same job title, allowing case, punctuation, word order and common abbreviations."""
    ka, kb = _title_key(a), _title_key(b)
    limit = float(thresholds("work")["titles"]["match_score"])
    return bool(ka and kb) and fuzz.token_sort_ratio(ka, kb) >= limit


def any_title_matches(title: str, others: Iterable[str]) -> bool:
    return any(titles_match(title, o) for o in others)


# -- declared jobs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobRef:
    """A declared job with its key path and whose job it is."""

    subject: str
    person: str
    index: int
    job: Job

    def describe(self) -> str:
        j = self.job
        return f"{j.job_title} at {j.employer}, {j.start} to {fmt_date(j.end)}"


def declared_jobs(profile: Profile) -> list[JobRef]:
    jobs = [
        JobRef(f"work_history[{i}]", "applicant", i, j) for i, j in enumerate(profile.work_history)
    ]
    if profile.spouse is not None:
        jobs += [
            JobRef(f"spouse.work_history[{i}]", "spouse", i, j)
            for i, j in enumerate(profile.spouse.work_history)
        ]
    return jobs


# -- letters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    title: str | None
    start: dt.date | None
    end: dt.date | None
    fact: Fact


@dataclass(frozen=True)
class Letter:
    """The employment facts of one reference letter, gathered once."""

    doc: Document
    employer: Fact | None
    start: Fact | None
    end: Fact | None
    current: bool | None
    positions: tuple[Position, ...]
    titles: tuple[Fact, ...]
    date: Fact | None

    @classmethod
    def of(cls, doc: Document) -> Letter:
        positions = []
        for fact in doc.facts_of("employment.position"):
            value = fact.value if isinstance(fact.value, dict) else {}
            title = value.get("title")
            positions.append(
                Position(
                    title if isinstance(title, str) else None,
                    as_date(value.get("start")),
                    as_date(value.get("end")),
                    fact,
                )
            )
        current = doc.first("employment.current")
        return cls(
            doc=doc,
            employer=doc.first("employment.employer") or doc.first("document.issuer"),
            start=doc.first("employment.start"),
            end=doc.first("employment.end"),
            current=bool(current.value) if current is not None else None,
            positions=tuple(sorted(positions, key=lambda p: p.start or dt.date.min)),
            titles=tuple(doc.facts_of("employment.job_title")),
            date=doc.first("document.date"),
        )

    @property
    def employer_name(self) -> str | None:
        return str(self.employer.value) if self.employer is not None else None

    def period(self) -> tuple[dt.date | None, dt.date | None, bool]:
        """Start, end and whether the letter says the job continues."""
        start = as_date(self.start.value) if self.start else None
        end = as_date(self.end.value) if self.end else None
        if start is None and self.positions:
            start = self.positions[0].start
        if end is None and self.positions and self.current is not True:
            end = self.positions[-1].end
        ongoing = self.current is True or (
            end is None and self.current is None and start is not None
        )
        return start, end, ongoing

    def all_titles(self) -> list[str]:
        found = [str(f.value) for f in self.titles]
        found += [p.title for p in self.positions if p.title and p.title not in found]
        return found


def _overlap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (min(a[1], b[1]) - max(a[0], b[0])).days + 1)


def _span(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    first = start or today
    return first, max(first, end or today)


# -- pairings --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pairing:
    """One declared job and the letter that proves it (``letter`` is None when none does)."""

    ref: JobRef
    letter: Letter | None = None
    employer_matches: bool = True
    positions: tuple[Position, ...] = ()
    """The letter's positions this job covers (empty when the letter lists none)."""
    shared: bool = False
    """The letter also proves other declared jobs (a promotion declared as several jobs)."""
    holds_last_position: bool = True
    extra_letters: tuple[Letter, ...] = field(default=())

    def period(self) -> tuple[dt.date | None, dt.date | None, bool]:
        """What the letter says about this job's dates (start, end, continues)."""
        assert self.letter is not None
        start, end, ongoing = self.letter.period()
        if self.shared and self.positions:
            start = self.positions[0].start
            last = self.positions[-1]
            if self.holds_last_position:
                end = end if end is not None else last.end
            else:
                end, ongoing = last.end, False
        return start, end, ongoing

    def titles(self) -> list[str]:
        assert self.letter is not None
        if self.shared and self.positions:
            return [p.title for p in self.positions if p.title]
        return self.letter.all_titles()

    def evidence(self, *kinds: str) -> tuple[Evidence, ...]:
        if self.letter is None:
            return ()
        facts = [f for k in kinds for f in self.letter.doc.facts_of(k)]
        if not facts:
            return (Evidence(document=self.letter.doc.rel, sha256=self.letter.doc.sha256),)
        return tuple(f.evidence for f in facts)


def same_person(doc: Document, person: str) -> bool:
    """The document may be ``person``'s: theirs, or nobody's that the reading could settle."""
    return doc.person in (person, "unknown", None)


def _employer_ok(ref: JobRef, letter: Letter) -> bool:
    name = letter.employer_name
    return name is not None and employers_match(ref.job.employer, name).match


def _job_span(ref: JobRef, today: dt.date) -> tuple[dt.date, dt.date]:
    return _span(ref.job.start, ref.job.end, today)


def _letter_span(letter: Letter, today: dt.date) -> tuple[dt.date, dt.date] | None:
    start, end, _ = letter.period()
    return _span(start, end, today) if start else None


def _assign_positions(
    letter: Letter, refs: Sequence[JobRef], today: dt.date
) -> dict[str, tuple[Position, ...]]:
    """Each position to the job whose dates it overlaps most."""
    out: dict[str, list[Position]] = {r.subject: [] for r in refs}
    for pos in letter.positions:
        if pos.start is None:
            continue
        span = _span(pos.start, pos.end, today)
        best = max(refs, key=lambda r: _overlap_days(span, _job_span(r, today)))
        out[best.subject].append(pos)
    return {k: tuple(v) for k, v in out.items()}


def pair_jobs(profile: Profile, documents: Sequence[Document], today: dt.date) -> list[Pairing]:
    """Every declared job with its letter, as the WRK rules read it."""
    refs = declared_jobs(profile)
    letters = [
        Letter.of(d) for d in documents if d.doc_type == "reference_letter" and d.status == "ok"
    ]
    by_job: dict[str, list[Letter]] = {r.subject: [] for r in refs}
    used: set[str] = set()
    for ref in refs:
        for letter in letters:
            if not same_person(letter.doc, ref.person) or not _employer_ok(ref, letter):
                continue
            span = _letter_span(letter, today)
            if span is None or _overlap_days(span, _job_span(ref, today)) > 0:
                by_job[ref.subject].append(letter)
                used.add(letter.doc.rel)
    mismatched: dict[str, Letter] = {}
    share = float(thresholds("work")["matching"]["min_overlap_share"])
    for letter in letters:
        if letter.doc.rel in used:
            continue
        span = _letter_span(letter, today)
        best: tuple[float, JobRef | None] = (0.0, None)
        for ref in refs:
            if by_job[ref.subject] or ref.subject in mismatched:
                continue
            if not same_person(letter.doc, ref.person):
                continue
            job = _job_span(ref, today)
            if span is None:
                continue
            shorter = min((job[1] - job[0]).days, (span[1] - span[0]).days) + 1
            ratio = _overlap_days(span, job) / shorter
            if ratio >= share and ratio > best[0]:
                best = (ratio, ref)
        if best[1] is not None:
            mismatched[best[1].subject] = letter
    sharing: dict[str, list[JobRef]] = {}
    for ref in refs:
        for letter in by_job[ref.subject][:1]:
            sharing.setdefault(letter.doc.rel, []).append(ref)
    pairings: list[Pairing] = []
    for ref in refs:
        found = by_job[ref.subject]
        if found:
            letter = found[0]
            group = sharing[letter.doc.rel]
            assigned = _assign_positions(letter, group, today) if letter.positions else {}
            own = assigned.get(ref.subject, ())
            last = letter.positions[-1] if letter.positions else None
            pairings.append(
                Pairing(
                    ref=ref,
                    letter=letter,
                    positions=own,
                    shared=len(group) > 1,
                    holds_last_position=last is None or len(group) == 1 or last in own,
                    extra_letters=tuple(found[1:]),
                )
            )
        elif ref.subject in mismatched:
            pairings.append(
                Pairing(ref=ref, letter=mismatched[ref.subject], employer_matches=False)
            )
        else:
            pairings.append(Pairing(ref=ref))
    return pairings


def pairings(ctx: AuditContext) -> list[Pairing]:
    """The pairing of this audit, computed once and shared by every work rule."""
    if ctx.profile is None:
        return []
    profile = ctx.profile
    result: list[Pairing] = ctx.service(
        "work_pairings", lambda: pair_jobs(profile, ctx.documents, ctx.as_of)
    )
    return result


def unpaired_letters(ctx: AuditContext) -> list[Letter]:
    """Reference letters no declared job claims."""
    claimed = {p.letter.doc.rel for p in pairings(ctx) if p.letter is not None}
    claimed |= {x.doc.rel for p in pairings(ctx) for x in p.extra_letters}
    return [Letter.of(d) for d in ctx.documents_of("reference_letter") if d.rel not in claimed]
