"""Ranking regressions: the neighbouring unit groups the matcher used to confuse, coverage of a
declared group against an unrelated one, and accuracy floors on the labelled paraphrase set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docaudit.noc.matcher import NocMatcher

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from noc_data import paraphrase_cases

CONFUSED = [
    (
        "21231",
        "Software Engineer",
        [
            "I designed the architecture of a billing platform for Tidewater Telecom",
            "Wrote design documents and interface specifications for each component",
            "Assessed new technologies and chose the database and messaging tools",
            "Guided the developers who built the services and reviewed their designs",
        ],
    ),
    (
        "21232",
        None,
        [
            "Wrote and debugged code for a mobile banking app in Kotlin and Swift",
            "Changed existing programs when users asked for new features",
            "Tested my code before each release and fixed the defects QA found",
            "Documented the code and the release notes",
        ],
    ),
    (
        "41220",
        "High School Teacher",
        [
            "Taught grade 9 and 10 geography at Maple Grove Collegiate",
            "Prepared lessons and unit tests from the provincial curriculum",
            "Marked assignments and wrote report cards for each term",
            "Met parents to talk about their teenager's progress",
        ],
    ),
    (
        "63200",
        "Cook",
        [
            "Cooked pasta, grilled meats and sides to order at Trattoria Sole",
            "Prepared sauces and cut vegetables before each service",
            "Followed the recipes and plating set by the head chef",
            "Cleaned my station and stored food at safe temperatures",
        ],
    ),
    (
        "60030",
        "Restaurant Manager",
        [
            "Managed the operations of a 120-seat bistro with 25 staff",
            "Planned the budget and controlled food and labour costs",
            "Hired, trained and scheduled the servers and kitchen staff",
            "Negotiated with suppliers and handled guest complaints",
        ],
    ),
    (
        "32101",
        "Licensed Practical Nurse",
        [
            "Gave medications and wound care to residents under the RN's direction",
            "Took vital signs and reported changes in residents' condition",
            "Helped residents with meals, mobility and personal care",
            "Recorded the care I gave in the resident's chart",
        ],
    ),
    (
        "12100",
        "Executive Assistant",
        [
            "Kept the CEO's calendar and arranged her travel",
            "Prepared agendas and minutes for board meetings",
            "Drafted letters and reports for the CEO's signature",
            "Handled confidential files and screened calls",
        ],
    ),
]


@pytest.mark.parametrize(("code", "title", "duties"), CONFUSED, ids=[c[0] for c in CONFUSED])
def test_confused_neighbours_rank_the_right_group_first(
    matcher: NocMatcher, code: str, title: str | None, duties: list[str]
) -> None:
    assert matcher.suggest(duties, title=title, top=3)[0].code == code


def test_manager_duties_keep_the_manager_group_close_even_without_a_title(
    matcher: NocMatcher,
) -> None:
    manager = [c.code for c in matcher.suggest(CONFUSED[4][2], top=3)]
    cook = matcher.suggest(CONFUSED[3][2], top=3)
    assert "60030" in manager
    assert all(c.teer != 0 for c in cook)


def test_synonym_names_the_group_the_noc_titles_otherwise(matcher: NocMatcher) -> None:
    duties = ["Set the priorities of the department and its budget"]
    assert matcher.suggest(duties, title="IT Manager", top=1)[0].code == "20012"


PAYROLL_PARAPHRASED = [
    "I kept each employee's attendance, leave and overtime records so their pay came out right",
    "Prepared pay statements showing gross pay, net pay and every deduction",
    "Processed regular pay, bonuses and vacation pay for 250 staff at Birchwood Foods",
    "Filled in the paperwork for pension and group insurance enrolments",
    "Prepared year-end tax slips and records of employment",
    "Answered staff questions about their pay and benefits under the union agreement",
    "Reconciled each payroll run with the bank statement at period end",
    "Found and corrected errors in employees' pay",
]


def test_coverage_of_the_declared_group_beats_an_unrelated_one(matcher: NocMatcher) -> None:
    right = matcher.coverage("13102", PAYROLL_PARAPHRASED, title="Payroll Administrator")
    wrong = matcher.coverage("73300", PAYROLL_PARAPHRASED, title="Payroll Administrator")
    assert right.coverage >= 0.5
    assert right.lead_statement_covered
    assert wrong.coverage <= 0.1
    assert not wrong.lead_statement_covered
    assert matcher.suggest(PAYROLL_PARAPHRASED, top=1)[0].code == "13102"


def test_accuracy_floors_on_the_paraphrase_set(matcher: NocMatcher) -> None:
    """Floors a little below today's figures (benchmarks/noc_accuracy.py) so a ranking change
    that loses ground on either half fails here. Since the weights are chosen over every
    development file pooled, the paraphrase set no longer has them to itself: 0.958 / 0.979 and
    0.915 / 0.989 on 2026-12-03."""
    hits: dict[str, list[tuple[bool, bool]]] = {"dev": [], "test": []}
    for case in paraphrase_cases():
        found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
        hits[case.split].append((found[:1] == [case.code], case.code in found))
    for split, top1_floor, top3_floor in (("dev", 0.94, 0.97), ("test", 0.90, 0.98)):
        rows = hits[split]
        assert sum(a for a, _ in rows) / len(rows) >= top1_floor, split
        assert sum(b for _, b in rows) / len(rows) >= top3_floor, split
