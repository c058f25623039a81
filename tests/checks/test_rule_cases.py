"""Every rule against its cases: the findings it must raise, and the look-alikes it must leave."""

from __future__ import annotations

import pytest
from casedata import Case, all_cases

from docaudit.checks import load_checks
from docaudit.core.catalogue import load_catalogue
from docaudit.core.registry import complete

CASES = all_cases()
FIELDS = ("severity", "subject", "declared", "found")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.name}" for c in CASES])
def test_rule_case(case: Case, request: pytest.FixtureRequest) -> None:
    for need in case.needs:
        request.getfixturevalue(need)
    catalogue = load_catalogue()
    checks = load_checks(catalogue)
    assert case.rule in checks, f"{case.rule} has cases but no implementation"
    findings = list(complete(case.rule, checks[case.rule].fn(case.context()), catalogue))
    got = [{k: getattr(f, k) for k in FIELDS} for f in findings]
    for f in findings:
        assert f.rule == case.rule and f.message and f.fingerprint
    assert len(findings) == len(case.expect), f"expected {case.expect}, got {got}"
    for expected, finding in zip(
        sorted(case.expect, key=lambda e: (e.get("subject", ""), str(e.get("found")))),
        sorted(findings, key=lambda f: (f.subject, str(f.found))),
        strict=True,
    ):
        for key, value in expected.items():
            if key == "message_contains":
                assert value in finding.message
            elif key == "evidence_documents":
                assert sorted({e.document for e in finding.evidence}) == sorted(value)
            else:
                actual = getattr(finding, key)
                assert (actual.value if hasattr(actual, "value") else actual) == value, (
                    f"{key}: expected {value!r}, got {actual!r}"
                )
