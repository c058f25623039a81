"""CRS001-CRS002: the claimed score against the declared facts and against the documented ones.

The declared score comes from the profile as written; the documented score from the same profile
with what the folder does not prove taken away (a job without its letter, a test without its
report, a nomination without its certificate). Both use the one calculator, so the two scores
differ only where the evidence differs, and the report's ``crs`` section shows all three.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docaudit.checks.work_counting import documented_job
from docaudit.checks.work_match import pairings
from docaudit.checks.work_thresholds import thresholds
from docaudit.core.profile import LanguageTest, Profile
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.crs import CrsResult, compute_crs
from docaudit.crs.calculator import SECTIONS
from docaudit.crs.facts import CANADA


@dataclass(frozen=True)
class Gap:
    """A point-earning declared fact no document supports."""

    subject: str
    what: str
    declared: str


@dataclass(frozen=True)
class CrsAnalysis:
    claimed: int | None
    computed: CrsResult
    documented: CrsResult
    gaps: tuple[Gap, ...]


def _has(ctx: AuditContext, fact: str, person: str = "applicant") -> bool:
    kinds: list[str] = thresholds("crs")["supporting_documents"][fact]
    return bool(ctx.documents_of(*kinds, person=person)) or bool(
        ctx.documents_of(*kinds, person="unknown")
    )


def _reported(ctx: AuditContext, test: LanguageTest, person: str) -> bool:
    for doc in ctx.documents_of("language_test", person=person):
        name, day = doc.first("test.name"), doc.first("test.date")
        if (name is None or name.value == test.test) and (
            day is None or day.value == test.test_date
        ):
            return True
    return False


def _documented_profile(ctx: AuditContext, profile: Profile) -> tuple[Profile, list[Gap]]:
    gaps: list[Gap] = []
    jobs = {p.ref.subject: p for p in pairings(ctx)}
    work = []
    for i, job in enumerate(profile.work_history):
        proven = job if job.self_employed else documented_job(jobs[f"work_history[{i}]"])
        if proven is not None:
            work.append(proven)
        elif job.country == CANADA and job.paid:
            gaps.append(
                Gap(f"work_history[{i}]", "Canadian work with no reference letter", job.employer)
            )
    tests = [t for t in profile.language_tests if _reported(ctx, t, "applicant")]
    update: dict[str, Any] = {"work_history": work, "language_tests": tests}
    spouse = profile.accompanying_spouse
    if spouse is not None:
        spouse_tests = [t for t in spouse.language_tests if _reported(ctx, t, "spouse")]
        for i, test in enumerate(spouse.language_tests):
            if test not in spouse_tests:
                gaps.append(
                    Gap(
                        f"spouse.language_tests[{i}]",
                        "spouse language points with no spouse test report",
                        f"{test.test} of {test.test_date}",
                    )
                )
        spouse_work = []
        for i, job in enumerate(spouse.work_history):
            proven = documented_job(jobs[f"spouse.work_history[{i}]"])
            if proven is not None:
                spouse_work.append(proven)
            elif job.country == CANADA and job.paid:
                gaps.append(
                    Gap(
                        f"spouse.work_history[{i}]",
                        "spouse's Canadian work with no reference letter",
                        job.employer,
                    )
                )
        update["spouse"] = spouse.model_copy(
            update={"language_tests": spouse_tests, "work_history": spouse_work}
        )
    pnp = profile.provincial_nomination
    if pnp is not None and not _has(ctx, "provincial_nomination"):
        gaps.append(
            Gap(
                "provincial_nomination",
                "provincial nomination with no nomination certificate",
                pnp.province,
            )
        )
        update["provincial_nomination"] = None
    offer = profile.job_offer
    if offer is not None and not _has(ctx, "job_offer"):
        gaps.append(Gap("job_offer", "job offer with no offer letter", offer.employer))
        update["job_offer"] = None
    study = profile.canadian_study
    if study is not None and not _has(ctx, "canadian_study"):
        gaps.append(
            Gap(
                "canadian_study",
                "Canadian study with no diploma or transcript",
                f"{study.credential_years:g} years",
            )
        )
        update["canadian_study"] = None
    return profile.model_copy(update=update), gaps


def _analyse(ctx: AuditContext, profile: Profile) -> CrsAnalysis:
    on = profile.crs_date(ctx.as_of)
    computed = compute_crs(profile, on)
    documented_profile, gaps = _documented_profile(ctx, profile)
    documented = compute_crs(documented_profile, on)
    report: dict[str, Any] = ctx.service("crs_report", dict)
    report.update(
        {
            "claimed": profile.claimed_crs,
            "computed": computed.total,
            "documented": documented.total,
            "breakdown": computed.points(),
            "documented_breakdown": documented.points(),
            "on": on.isoformat(),
        }
    )
    # A gap that costs no points (a job offer in a grid without job-offer points) is no finding.
    costly = tuple(g for g in gaps if _costs_points(g, profile, on, computed))
    return CrsAnalysis(profile.claimed_crs, computed, documented, costly)


def _costs_points(gap: Gap, profile: Profile, on: Any, computed: CrsResult) -> bool:
    if gap.subject in ("provincial_nomination", "job_offer", "canadian_study"):
        without = compute_crs(profile.model_copy(update={gap.subject: None}), on)
        return without.total < computed.total
    return True


def analysis(ctx: AuditContext) -> CrsAnalysis | None:
    profile = ctx.profile
    if profile is None:
        return None
    found: CrsAnalysis = ctx.service("crs_analysis", lambda: _analyse(ctx, profile))
    return found


def _breakdown(result: CrsResult) -> str:
    limit = int(thresholds("crs")["quote_items"])
    sections = ", ".join(f"{n} {getattr(result.breakdown, n).points}" for n in SECTIONS)
    items = sorted(
        (i for n in SECTIONS for i in getattr(result.breakdown, n).items if i.points),
        key=lambda i: -abs(i.points),
    )[:limit]
    detail = "; ".join(f"{i.factor} {i.points} ({i.reason})" for i in items)
    return f"{result.total} = {sections} [{detail}]"


@check("CRS001")
def claimed_differs(ctx: AuditContext) -> Iterator[Draft]:
    a = analysis(ctx)
    if a is None or a.claimed is None or a.claimed == a.computed.total:
        return
    yield Draft(
        subject="claimed_crs",
        message=(
            f"The profile claims CRS {a.claimed}; the declared facts give "
            f"{_breakdown(a.computed)} on {a.computed.on}. From the documents: "
            f"{_breakdown(a.documented)}."
        ),
        declared=str(a.claimed),
        found=str(a.computed.total),
    )


@check("CRS002")
def points_undocumented(ctx: AuditContext) -> Iterator[Draft]:
    a = analysis(ctx)
    if a is None:
        return
    for gap in a.gaps:
        yield Draft(
            subject=gap.subject,
            message=(
                f"{gap.what[0].upper()}{gap.what[1:]} ({gap.declared}): the points it earns are "
                f"not proven. CRS declared {a.computed.total}, documented {a.documented.total}."
            ),
            declared=gap.declared,
            key=gap.what,
        )
    if a.claimed is not None and a.documented.total < a.claimed:
        yield Draft(
            subject="claimed_crs",
            message=(
                f"The profile claims CRS {a.claimed}; the documented facts give only "
                f"{_breakdown(a.documented)}."
            ),
            declared=str(a.claimed),
            found=str(a.documented.total),
            key="documented",
        )
