"""The catalogue holds every rule id of spec/rules.md once, with its default severity and advice."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from docaudit.core.catalogue import load_catalogue
from docaudit.core.models import Severity

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DOCAUDIT_SHARED_DIR", REPO.parent / "shared"))
ROW = re.compile(r"^\| ([A-Z]{2,3}\d{3}) \| (high|medium|low|info) \|", re.M)


def spec_rules() -> dict[str, str]:
    path = SHARED / "spec" / "rules.md"
    if not path.is_file():
        pytest.fail(f"{path} not found; set DOCAUDIT_SHARED_DIR")
    rows = ROW.findall(path.read_text(encoding="utf-8"))
    assert len(rows) >= 40, "rules.md table format changed"
    return dict(rows)


TOOL_FAMILIES = {"CFG"}


def test_every_spec_rule_is_present_exactly_once_with_its_default_severity() -> None:
    spec = spec_rules()
    catalogue = load_catalogue()
    ids = catalogue.ids
    assert set(spec) <= set(ids)
    assert len(ids) == len(set(ids))
    for rule in catalogue.rules:
        if rule.id in spec:
            assert rule.severity == Severity(spec[rule.id]), rule.id
        else:
            # Only docaudit's own configuration findings (an expired waiver) live outside the spec.
            assert rule.family in TOOL_FAMILIES, rule.id


def test_every_rule_has_text_a_family_and_canada_references() -> None:
    catalogue = load_catalogue()
    for rule in catalogue.rules:
        assert rule.id.startswith(rule.family) and rule.family in catalogue.families, rule.id
        assert len(rule.title) >= 10 and len(rule.rationale) >= 60, rule.id
        assert len(rule.remediation) >= 40, rule.id
        for ref in rule.references:
            assert ref.startswith(("https://www.canada.ca/", "https://www23.statcan.gc.ca/")), ref


def test_families_cover_the_spec_prefixes() -> None:
    prefixes = {re.match(r"[A-Z]+", rid).group(0) for rid in spec_rules()}  # type: ignore[union-attr]
    assert prefixes | TOOL_FAMILIES == set(load_catalogue().families)
