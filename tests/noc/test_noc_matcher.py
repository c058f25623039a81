from __future__ import annotations

import stat
from pathlib import Path

import pytest

from docaudit.noc.matcher import INDEX_DIR, NocMatcher
from docaudit.noc.models import ImportStats
from docaudit.noc.normalise import Normaliser
from docaudit.noc.register import Register

SOFTWARE = [
    "I was responsible for coding, testing and debugging web applications in Python and Django",
    "I maintained older programs and updated them when requirements changed",
    "I prepared test data and took part in code reviews with the team",
]
PAYROLL = [
    "Processed bi-weekly payroll for 400 employees in Ceridian",
    "Calculated overtime, vacation pay and deductions",
    "Prepared T4 slips and records of employment",
]
TRUCKING = (
    "Drove a tractor-trailer across Canada and the United States. Inspected the truck before "
    "and after every trip. Kept logbooks of hours and trip records."
)


@pytest.mark.parametrize(
    ("duties", "title", "code"),
    [
        (SOFTWARE, "Software Developer", "21232"),
        (PAYROLL, None, "13102"),
        ([TRUCKING], "Long Haul Truck Driver", "73300"),
    ],
)
def test_suggest_ranks_the_right_unit_group_first(
    matcher: NocMatcher, duties: list[str], title: str | None, code: str
) -> None:
    candidates = matcher.suggest(duties, title=title, top=5)
    assert candidates[0].code == code
    assert all(0.0 <= c.score <= 1.0 for c in candidates)
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    assert candidates[0].teer == int(code[1])


def test_suggest_explains_with_matched_duties(matcher: NocMatcher) -> None:
    best = matcher.suggest(PAYROLL, top=1)[0]
    assert best.matched_duties
    group = matcher.catalog.get(best.code)
    assert group is not None
    noc_texts = {d.text for d in group.duties}
    for match in best.matched_duties:
        assert match.letter_duty in PAYROLL
        assert match.noc_duty in noc_texts
        assert 0 < match.similarity <= 1


def test_nothing_to_match_gives_no_candidates(matcher: NocMatcher) -> None:
    assert matcher.suggest(["", "   "]) == []


def test_coverage_is_higher_for_the_declared_fit(matcher: NocMatcher) -> None:
    right = matcher.coverage("13102", PAYROLL)
    wrong = matcher.coverage("72300", PAYROLL)
    assert right.coverage > wrong.coverage
    assert right.lead_statement_similarity > wrong.lead_statement_similarity
    assert right.covered_duties and not wrong.covered_duties
    assert len(right.covered_duties) + len(right.uncovered_duties) == len(
        matcher.group("13102").duties
    )
    assert set(wrong.unmatched_letter_duties) == set(PAYROLL)


def test_verbatim_noc_list_is_flagged_as_copied(matcher: NocMatcher) -> None:
    duties = [d.text for d in matcher.group("21232").duties]
    report = matcher.copied(duties)
    assert report.verdict == "copied"
    assert report.copied_share == 1.0
    assert {p.noc_code for p in report.pairs} >= {"21232"}


def test_lightly_edited_noc_list_is_still_copied(matcher: NocMatcher) -> None:
    duties = [d.text.rstrip(".").lower() for d in matcher.group("63200").duties][:5]
    duties = [d.replace(" and ", " & ") for d in reversed(duties)]
    assert matcher.copied(duties).verdict == "copied"


def test_paraphrase_is_not_copied_and_one_quote_is_only_a_quote(matcher: NocMatcher) -> None:
    assert matcher.copied(SOFTWARE).verdict == "original"
    quoted = [*SOFTWARE, matcher.group("21232").duties[0].text]
    report = matcher.copied(quoted)
    assert report.verdict == "quotes_noc"
    assert len(report.pairs) == 1


def test_unknown_code_is_a_clear_error(matcher: NocMatcher) -> None:
    with pytest.raises(Exception, match="not a unit group"):
        matcher.coverage("99999", PAYROLL)


def test_index_is_cached_owner_only_and_reused(imported: ImportStats, matcher: NocMatcher) -> None:
    """``matcher`` has loaded the release once; explicit settings skip the per-process cache, so
    the second load reads the index from disk."""
    folder = Path(imported.db).parent / INDEX_DIR
    index_file = folder / "index.json"
    assert index_file.is_file()
    assert stat.S_IMODE(index_file.stat().st_mode) == 0o600
    before = index_file.stat().st_mtime_ns
    again = NocMatcher.load(Path(imported.db), settings=matcher.settings)
    assert index_file.stat().st_mtime_ns == before
    assert again.suggest(PAYROLL, top=1)[0].code == "13102"


def test_a_capitalised_first_verb_is_lemmatised_like_any_other() -> None:
    """The lookup table is keyed on lower case: "Prepared" must meet the NOC's "Prepare"."""
    norm = Normaliser()
    assert norm.terms("Prepared budgets") == norm.terms("prepare budget") == ["prepar", "budget"]
    assert norm.terms("Wrote reports") == norm.terms("write reports")


def test_signals_combine_into_scores_in_unit_range(matcher: NocMatcher) -> None:
    signals = matcher.signals(PAYROLL, title="Payroll clerk")
    assert signals.title is not None
    assert signals.concept.min() >= 0 and signals.concept.max() == 1.0
    score = signals.combine(matcher.settings.weights)
    assert score.min() >= 0.0 and score.max() <= 1.0
    assert matcher.signals(PAYROLL).title is None


def test_everyday_words_are_read_in_the_nocs_register() -> None:
    """Any inflection of the word meets the table; a phrasal verb counts only whole."""
    norm = Normaliser()
    register = Register([("fix", "repair"), ("look after", "care for")], norm)
    assert register.adds(norm.lemmas("Fixed the brakes and fixing tires")) == ["repair"] * 2
    assert register.adds(norm.lemmas("Looked after two toddlers")) == ["care"]
    assert register.adds(norm.lemmas("Looked at the plans")) == []


def test_a_titles_grade_and_qualifier_do_not_dilute_it(matcher: NocMatcher) -> None:
    """ "Senior ... II" says how senior, ", Renal Program" where: the job is what is matched."""
    plain = matcher.signals(PAYROLL, title="Payroll Clerk").title
    graded = matcher.signals(PAYROLL, title="Senior Payroll Clerk II").title
    qualified = matcher.signals(PAYROLL, title="Payroll Clerk, Head Office (Finance)").title
    assert plain is not None and graded is not None and qualified is not None
    assert (graded == plain).all()
    assert (qualified >= plain).all()
