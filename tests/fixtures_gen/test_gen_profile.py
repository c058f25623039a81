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


def _a_year_in_the_current_job(profile: dict[str, Any]) -> bool:
    """FSW's minimum, a year of continuous work in one NOC, met by the current job (a promotion
    in the same occupation continues it); for some clients it is all their history."""
    jobs = profile["work_history"]
    start = jobs[-1]["start"]
    for later, earlier in itertools.pairwise(reversed(jobs)):
        if later["noc"] != earlier["noc"] or later["start"] - earlier["end"] > dt.timedelta(days=1):
            break
        start = earlier["start"]
    return bool(start <= add_years(profile["key_dates"]["ita"], -1))


def test_a_clean_client_with_one_short_job_is_drawn_again() -> None:
    """Seed 83's client 60 had ten months of work when invited under FSW, which WRK012 rightly
    reported on a client labelled clean."""
    assert _a_year_in_the_current_job(build_spec("GEN-83-0060", "83").profile)


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
    assert _a_year_in_the_current_job(p)
    works = {h["description"] for h in p["personal_history"] if h["activity"] == "work"}
    assert works == {f"{j['job_title']}, {j['employer']}" for j in p["work_history"]}
    letters = {s for d in spec.docs_of("reference_letter") for s in d.facts["subjects"]}
    assert letters == {f"work_history[{i}]" for i in range(len(p["work_history"]))}
    for doc in spec.docs:
        assert doc.dated <= as_of, doc.filename
    assert not spec.faults
