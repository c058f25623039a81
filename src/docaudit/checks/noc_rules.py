"""WRK006-WRK009: the letter's duties against NOC 2021.

The NOC engine is loaded only when some paired letter states duties, and then once per audit; a
folder with such letters but no imported NOC release stops the audit with the import command
(``NocDataMissing``, exit 2) rather than silently skipping the duties test. Each analysed job is
also recorded for the report's ``noc`` section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from docaudit.checks.work_match import Pairing, pairings
from docaudit.checks.work_thresholds import thresholds
from docaudit.core.models import Evidence
from docaudit.core.profile import Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import FstGroups, Programs, data_in_force
from docaudit.crs.work import Window
from docaudit.noc.matcher import NocMatcher
from docaudit.noc.models import Candidate, CopyReport, Coverage


@dataclass(frozen=True)
class NocAnalysis:
    pairing: Pairing
    duties: tuple[str, ...]
    title: str | None
    coverage: Coverage | None
    """None when the declared code is not a unit group of the imported release."""
    candidates: tuple[Candidate, ...]
    declared_score: float | None
    copy: CopyReport
    by_duties: tuple[Candidate, ...] = ()
    """Suggestions from the duties without the title: WRK006 judges the duties, not the title."""

    @property
    def subject(self) -> str:
        return self.pairing.ref.subject

    @property
    def declared(self) -> str:
        return self.pairing.ref.job.noc

    def evidence(self) -> tuple[Evidence, ...]:
        return self.pairing.evidence("employment.duty")

    def rank(self) -> int | None:
        """The declared group's place among suggestions from the duties alone (1 = best)."""
        return next((i + 1 for i, c in enumerate(self.by_duties) if c.code == self.declared), None)

    def better(self) -> Candidate | None:
        """The candidate that fits clearly better than the declared group (WRK007)."""
        margin = float(thresholds("noc")["better_margin"])
        return clearly_better(self.candidates, self.declared, self.declared_score, margin)


def clearly_better(
    candidates: Sequence[Candidate], declared: str, declared_score: float | None, margin: float
) -> Candidate | None:
    """WRK007's judgement: the best candidate, when it is not the declared group and beats it by
    ``margin`` (or the declared group is not among the suggestions at all). A function of its own
    so that benchmarks/noc_rules.py measures the rule itself on labelled letters."""
    if not candidates or candidates[0].code == declared:
        return None
    best = candidates[0]
    if declared_score is None or best.score >= declared_score + margin:
        return best
    return None


def supported(cov: Coverage, rank: int | None, minimum: float, support_rank: int) -> bool:
    """WRK006's judgement: the duties support the declared group when they cover its lead
    statement and enough of its main duties, or when the duties alone still rank it near the top
    (paraphrased duties reach low coverage even for the right group)."""
    if cov.lead_statement_covered and cov.coverage >= minimum:
        return True
    return rank is not None and rank <= support_rank


def _report_entry(a: NocAnalysis) -> dict[str, Any]:
    cov = a.coverage
    return {
        "subject": a.subject,
        "declared": a.declared,
        "coverage": cov.coverage if cov else None,
        "lead_statement": cov.lead_statement_covered if cov else None,
        "candidates": [
            {"code": c.code, "title": c.title, "teer": c.teer, "score": c.score}
            for c in a.candidates
        ],
        "matched_duties": [
            {"letter": m.letter_duty, "noc": m.noc_duty, "similarity": m.similarity}
            for m in (cov.covered_duties if cov else ())
        ],
    }


def _analyse(ctx: AuditContext) -> list[NocAnalysis]:
    todo: list[tuple[Pairing, list[str], str | None]] = []
    for pairing in pairings(ctx):
        letter = pairing.letter
        if letter is None:
            continue
        duties = [str(f.value) for f in letter.doc.facts_of("employment.duty")]
        if not duties:
            continue
        titles = pairing.titles()
        todo.append((pairing, duties, titles[-1] if titles else pairing.ref.job.job_title))
    if not todo:
        return []
    matcher: NocMatcher = ctx.service("noc_matcher", NocMatcher.load)
    settings = thresholds("noc")
    report: list[dict[str, Any]] = ctx.service("noc_report", list)
    out: list[NocAnalysis] = []
    for pairing, duties, title in todo:
        code = pairing.ref.job.noc
        known = matcher.catalog.get(code) is not None
        coverage = matcher.coverage(code, duties, title) if known else None
        ranked = matcher.suggest(duties, title, top=int(settings["search_depth"]))
        declared_score = next((c.score for c in ranked if c.code == code), None)
        analysis = NocAnalysis(
            pairing=pairing,
            duties=tuple(duties),
            title=title,
            coverage=coverage,
            candidates=tuple(ranked[: int(settings["candidates"])]),
            declared_score=declared_score,
            copy=matcher.copied(duties),
            by_duties=tuple(matcher.suggest(duties, None, top=int(settings["search_depth"]))),
        )
        report.append(_report_entry(analysis))
        out.append(analysis)
    return out


def analyses(ctx: AuditContext) -> list[NocAnalysis]:
    found: list[NocAnalysis] = ctx.service("noc_analyses", lambda: _analyse(ctx))
    return found


@check("WRK006")
def duties_do_not_support(ctx: AuditContext) -> Iterator[Draft]:
    minimum = float(thresholds("noc")["min_coverage"])
    for a in analyses(ctx):
        cov = a.coverage
        if cov is None:
            yield Draft(
                subject=a.subject,
                message=(
                    f"The declared NOC {a.declared} is not a unit group of NOC 2021; the duties "
                    "cannot be tested against it."
                ),
                declared=a.declared,
                evidence=a.evidence(),
                key="unknown",
            )
            continue
        rank = a.rank()
        if supported(cov, rank, minimum, int(thresholds("noc")["support_rank"])):
            continue
        lacking = []
        if not cov.lead_statement_covered:
            lacking.append(f"the lead statement (similarity {cov.lead_statement_similarity:.2f})")
        if cov.coverage < minimum:
            lacking.append(f"enough main duties ({cov.coverage:.0%}, {minimum:.0%} needed)")
        matched = "; ".join(f"{m.letter_duty!r} ~ {m.noc_duty!r}" for m in cov.covered_duties)
        yield Draft(
            subject=a.subject,
            message=(
                f"The duties on {a.pairing.letter.doc.rel if a.pairing.letter else 'the letter'} "
                f"do not cover {' or '.join(lacking)} of NOC {cov.code} {cov.title}. "
                f"Coverage {cov.coverage:.0%}; matched duties: {matched or 'none'}; the group "
                f"is {f'only suggestion {rank}' if rank else 'not among the suggestions'} "
                "for these duties."
            ),
            declared=a.declared,
            found=f"coverage {cov.coverage:.2f}",
            evidence=a.evidence(),
        )


@check("WRK007")
def better_noc(ctx: AuditContext) -> Iterator[Draft]:
    for a in analyses(ctx):
        best = a.better()
        if best is None:
            continue
        listed = ", ".join(f"{c.code} {c.title} ({c.score:.2f})" for c in a.candidates)
        own = f"{a.declared_score:.2f}" if a.declared_score is not None else "not in the top list"
        yield Draft(
            subject=a.subject,
            message=(
                f"The letter's duties fit NOC {best.code} {best.title} better than the declared "
                f"{a.declared} (score {own}). Best candidates: {listed}."
            ),
            declared=a.declared,
            found=best.code,
            evidence=a.evidence(),
        )


def _eligible(noc: str, program: str, on: dt.date) -> bool:
    if program == "FST":
        return data_in_force("fst_groups", FstGroups, on).is_trade(noc)
    return int(noc[1]) in data_in_force("programs", Programs, on).skilled_teer


def _claimed_for(profile: Profile, pairing: Pairing, on: dt.date) -> list[str]:
    """The claimed programs whose experience window and place this job falls in."""
    table = data_in_force("programs", Programs, on)
    job = pairing.ref.job
    out: list[str] = []
    for program in profile.programs:
        rules = table.rules(program)
        if not Window.years_before(on, rules.window_years).clip(job):
            continue
        if rules.in_canada_only and job.country != "CAN":
            continue
        out.append(program)
    return out


@check("WRK008")
def teer_not_eligible(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    best_of = {a.subject: a.better() for a in analyses(ctx)}
    for pairing in pairings(ctx):
        if pairing.ref.person != "applicant":
            continue
        programs = _claimed_for(profile, pairing, ctx.as_of)
        if not programs:
            continue
        noc = pairing.ref.job.noc
        if not any(_eligible(noc, p, ctx.as_of) for p in programs):
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"The declared NOC {noc} (TEER {noc[1]}) of {pairing.ref.describe()} is not "
                    f"eligible for {', '.join(programs)}; this experience cannot count."
                ),
                declared=noc,
                found=f"TEER {noc[1]}",
                key="declared",
            )
            continue
        best = best_of.get(pairing.ref.subject)
        if best is not None and not any(_eligible(best.code, p, ctx.as_of) for p in programs):
            yield Draft(
                subject=pairing.ref.subject,
                message=(
                    f"The duties on the letter fit NOC {best.code} {best.title} (TEER {best.teer}) "
                    f"better than the declared {noc}; that group is not eligible for "
                    f"{', '.join(programs)}."
                ),
                declared=noc,
                found=f"{best.code} (TEER {best.teer})",
                evidence=pairing.evidence("employment.duty"),
                key="best",
            )


@check("WRK009")
def duties_copied(ctx: AuditContext) -> Iterator[Draft]:
    settings = thresholds("noc")
    for a in analyses(ctx):
        if a.copy.verdict not in settings["copied_verdicts"]:
            continue
        quoted = "; ".join(
            f"{p.letter_duty!r} = NOC {p.noc_code} ({p.similarity:.0%})"
            for p in a.copy.pairs[: int(settings["quote"])]
        )
        yield Draft(
            subject=a.subject,
            message=(
                f"{len(a.copy.pairs)} of {a.copy.letter_duties} duties on the letter reproduce "
                f"NOC main-duty text ({a.copy.copied_share:.0%}): {quoted}."
            ),
            declared=a.declared,
            found=f"{len(a.copy.pairs)}/{a.copy.letter_duties} copied",
            evidence=a.evidence(),
        )
