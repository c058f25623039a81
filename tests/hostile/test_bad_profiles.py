"""A profile that cannot be used stops the audit: exit 2, one line per problem, no traceback."""

from __future__ import annotations

import pytest

from hostile.conftest import BOM_PROFILE, Runs
from hostile.corpus import PROFILES, BadProfile

SECONDS = 20


@pytest.mark.parametrize("bad", PROFILES, ids=lambda b: b.kind)
def test_bad_profile_exits_2_naming_file_and_problem(runs: Runs, bad: BadProfile) -> None:
    run = runs.profiles[bad.kind].result()
    assert not run.timed_out
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert all(line.startswith("docaudit: error: ") for line in lines), lines
    assert any(f"/{bad.name}" in line and bad.expect in line for line in lines), lines
    assert run.seconds < SECONDS


def test_wrong_types_are_all_reported_with_line_and_key(runs: Runs) -> None:
    lines = runs.profiles["profile with wrong types everywhere"].result().stderr.splitlines()
    for line_no, key in (
        (1, "schema"),
        (2, "client_id"),
        (3, "programs"),
        (6, "applicant.family_name"),
        (8, "applicant.date_of_birth"),
        (9, "applicant.citizenship"),
        (13, "work_history"),
    ):
        assert any(f"profile.yaml:{line_no}: {key}" in line for line in lines), (key, lines)


def test_bom_prefixed_profile_is_read(runs: Runs) -> None:
    run = runs.profiles[BOM_PROFILE].result()
    assert run.returncode in (0, 1), run.stderr
    assert '"client_id": "HOSTILE-0001"' in run.stdout
