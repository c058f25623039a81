"""The catalogue, the implementations and the rule cases must agree, rule by rule."""

from __future__ import annotations

from casedata import CASES, load_cases

from docaudit.checks import load_checks
from docaudit.core.catalogue import load_catalogue


def test_every_catalogue_rule_is_implemented_once() -> None:
    catalogue = load_catalogue()
    assert sorted(load_checks(catalogue)) == sorted(catalogue.ids)


def test_every_rule_has_a_firing_and_a_quiet_case() -> None:
    for rule in load_catalogue().ids:
        path = CASES / f"{rule}.yaml"
        assert path.exists(), f"{rule} has no case file"
        cases = load_cases(path)
        assert any(c.expect for c in cases), f"{rule} has no case that fires"
        assert any(not c.expect for c in cases), f"{rule} has no quiet case"
