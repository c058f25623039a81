"""Generated profiles are valid profile-v1 files and clean under the rules they must satisfy."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from clientgen import build_spec
from clientgen.build import funds_required
from clientgen.dates import add_years

TOP_KEYS = {
    "schema",
    "client_id",
    "programs",
    "key_dates",
    "claimed_crs",
    "applicant",
    "spouse",
    "children",
    "language_tests",
    "education",
    "work_history",
    "job_offer",
    "provincial_nomination",
    "certificate_of_qualification",
    "canadian_study",
    "sibling_in_canada",
    "funds",
    "addresses",
    "personal_history",
    "travel",
}
SEEDS = [f"profile-{i}" for i in range(12)]


def test_profile_yaml_parses_with_spec_keys(text_client: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = text_client
    profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    assert profile["schema"] == "docaudit/profile/v1"
    assert set(profile) <= TOP_KEYS
    assert {
        "applicant",
        "key_dates",
        "language_tests",
        "education",
        "work_history",
        "funds",
        "personal_history",
    } <= set(profile)
    assert set(profile["applicant"]) <= {
        "family_name",
        "given_names",
        "other_names",
        "date_of_birth",
        "sex",
        "citizenship",
        "marital_status",
        "passport",
    }
    assert isinstance(profile["applicant"]["date_of_birth"], dt.date)
    assert "&id" not in (folder / "profile.yaml").read_text(encoding="utf-8")


def _covered_without_gaps(spans: list[dict[str, Any]], start: dt.date, end: dt.date) -> bool:
    spans = sorted(spans, key=lambda s: s["from"])
    if spans[0]["from"] > start or (spans[-1]["to"] not in (None,) and spans[-1]["to"] < end):
        return False
    return all(b["from"] - a["to"] <= dt.timedelta(days=1) for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("seed", SEEDS)
def test_clean_client_is_clean(seed: str) -> None:
    spec = build_spec("C", seed)
    p, as_of = spec.profile, spec.as_of
    kd = p["key_dates"]
    key_dates = [d for d in (kd["profile_submitted"], kd["ita"], kd["apr_submitted"], as_of) if d]
    window = max(add_years(as_of, -10), add_years(p["applicant"]["date_of_birth"], 18))
    assert _covered_without_gaps(p["personal_history"], window, as_of)
    assert _covered_without_gaps(p["addresses"], window, as_of)
    assert p["funds"]["available"]["amount"] > funds_required(p)
    for test in p["language_tests"]:
        assert all(test["test_date"] <= d < add_years(test["test_date"], 2) for d in key_dates)
    for edu in p["education"]:
        assert all(
            edu["eca"]["issued"] <= d < add_years(edu["eca"]["issued"], 5) for d in key_dates
        )
    assert p["applicant"]["passport"]["expiry"] > as_of + dt.timedelta(days=183)
    works = {h["description"] for h in p["personal_history"] if h["activity"] == "work"}
    assert works == {f"{j['job_title']}, {j['employer']}" for j in p["work_history"]}
    letters = {s for d in spec.docs_of("reference_letter") for s in d.facts["subjects"]}
    assert letters == {f"work_history[{i}]" for i in range(len(p["work_history"]))}
    for doc in spec.docs:
        assert doc.dated <= as_of, doc.filename
    assert not spec.faults
