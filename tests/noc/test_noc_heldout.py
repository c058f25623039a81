"""The held-out letters (fixtures/noc_heldout*.yaml): their shape, and aggregate floors only.

The set exists to give an honest figure, so no test here names a held-out letter the matcher
misses; a floor a little below the measured figure catches a ranking change that loses ground
on letters nobody tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docaudit.noc.matcher import NocMatcher

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from noc_data import FINAL_SETS, final_sets, heldout_cases, paraphrase_cases


def test_heldout_spans_every_teer_and_broad_category_with_new_groups(matcher: NocMatcher) -> None:
    cases = heldout_cases()
    codes = {c.code for c in cases}
    seen = {c.code for c in paraphrase_cases()}
    assert len(codes) >= 50
    assert {code[1] for code in codes} == set("012345")
    assert {code[0] for code in codes} == set("0123456789")
    assert all(matcher.catalog.get(code) is not None for code in codes)
    new = {c.code for c in cases if c.new_group}
    assert new == codes - seen
    assert len(new) >= 20
    for code in codes:
        assert sum(c.code == code for c in cases) == 2, code
    assert all(3 <= len(c.duties) <= 8 for c in cases)
    assert any(c.title for c in cases) and any(not c.title for c in cases)


def test_heldout_letters_are_paraphrases_not_noc_copies(matcher: NocMatcher) -> None:
    verdicts = {matcher.copied(c.duties).verdict for c in heldout_cases()}
    assert "copied" not in verdicts


def test_accuracy_floors_on_the_heldout_set(matcher: NocMatcher) -> None:
    """Measured 0.771 / 0.929 (benchmarks/noc_accuracy.py, the ``heldout`` line); floors sit
    just below."""
    rows = []
    for case in heldout_cases():
        found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
        rows.append((found[:1] == [case.code], case.code in found))
    assert sum(a for a, _ in rows) / len(rows) >= 0.75
    assert sum(b for _, b in rows) / len(rows) >= 0.91


LATER = {
    # set: (earlier sets its "new" groups are new to, duties per letter, letters titled, floors)
    "heldout2": ((), (4, 7), 0.5, (0.79, 0.93)),
    "heldout3": (("heldout", "heldout2"), (4, 8), 2 / 3, (0.70, 0.92)),
    "heldout4": (("heldout", "heldout2", "heldout3"), (4, 9), 80 / 118, (0.68, 0.87)),
    "heldout5": (("heldout", "heldout2", "heldout3", "heldout4"), (4, 6), 2 / 3, (0.76, 0.90)),
}
"""The later sets, each written by someone who never read or ran the matcher and measured once
blind (benchmarks/noc_accuracy.py --heldout): heldout2 0.810 / 0.940 and heldout3 0.633 / 0.867
with the matcher of 2026-12-03. heldout2 stays blind, its floor just below that figure, to catch a
regression, not to tune on. heldout3 is development data since that measurement: its floor sits
just below its figure with the committed weights (0.711 / 0.933, tuned on). heldout4 (59 groups,
37 new) was measured once blind at a6570e6: 0.695 / 0.890, and is development data since.
heldout5 (60 groups, 45 new) was measured once blind at 0451021: 0.775 / 0.917; it stays blind,
its floor just below. heldout2's 0.798 / 0.952 at those commits is no longer a blind figure: a
discarded variant's floor failure showed one figure of it while tuning."""


@pytest.mark.parametrize("name", sorted(LATER))
def test_later_sets_span_every_teer_and_copy_nothing(matcher: NocMatcher, name: str) -> None:
    earlier, (fewest, most), titled, _ = LATER[name]
    cases = heldout_cases(name)
    codes = {c.code for c in cases}
    seen = {c.code for c in paraphrase_cases()} | {
        c.code for e in earlier for c in heldout_cases(e)
    }
    assert len(codes) >= 40
    for teer in "012345":
        assert sum(code[1] == teer for code in codes) >= 5, teer
    assert all(matcher.catalog.get(code) is not None for code in codes)
    assert {c.code for c in cases if c.new_group} == codes - seen
    for code in codes:
        assert sum(c.code == code for c in cases) == 2, code
    assert all(fewest <= len(c.duties) <= most for c in cases)
    assert sum(bool(c.title) for c in cases) == round(len(cases) * titled)
    assert "copied" not in {matcher.copied(c.duties).verdict for c in cases}


@pytest.mark.parametrize("name", sorted(LATER))
def test_accuracy_floors_on_the_later_sets(matcher: NocMatcher, name: str) -> None:
    top1_floor, top3_floor = LATER[name][3]
    rows = []
    for case in heldout_cases(name):
        found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
        rows.append((found[:1] == [case.code], case.code in found))
    assert sum(a for a, _ in rows) / len(rows) >= top1_floor
    assert sum(b for _, b in rows) / len(rows) >= top3_floor


def test_final_sets_not_yet_written_are_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    """The final measurement runs while a set may still be missing: it is left out, with a note."""
    present = final_sets()
    notes = capsys.readouterr().out
    assert "heldout2" in present
    for name in set(FINAL_SETS) - set(present):
        assert name in notes
