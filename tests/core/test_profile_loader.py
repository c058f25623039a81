"""The profile loader: what a consultant sees when profile.yaml is wrong, and what it forgives."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from docaudit.core.errors import InputFileError
from docaudit.core.profile_loader import load_profile

MINIMAL = """\
schema: docaudit/profile/v1
client_id: T-0001
programs: [FSW]
applicant:
  family_name: OKONKWO-TEST
  given_names: Chidi Test
  date_of_birth: 1991-02-03
  citizenship: {citizenship}
  marital_status: single
{extra}"""


def write(tmp_path: Path, text: str, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputFileError) as info:
        load_profile(path)
    return [str(p) for p in info.value.problems]


def test_minimal_profile_loads_and_normalises_countries(tmp_path: Path) -> None:
    for typed, code in (("NGA", "NGA"), ("ng", "NGA"), ("Nigeria", "NGA")):
        path = write(tmp_path, MINIMAL.format(citizenship=typed, extra=""))
        profile = load_profile(path)
        assert profile.applicant.citizenship == code
        assert profile.applicant.date_of_birth == dt.date(1991, 2, 3)


def test_every_problem_is_reported_with_key_path_and_line(tmp_path: Path) -> None:
    extra = textwrap.dedent(
        """\
        work_history:
          - employer: Test Works
            job_title: Clerk
            noc: "1411"
            country: NGA
            start: 2019-01-01
            hours_per_week: forty
            salry: {amount: 1, currency: NGN, per: year}
        """
    )
    path = write(tmp_path, MINIMAL.format(citizenship="Atlantis", extra=extra))
    found = problems(path)
    assert f"{path}:8: applicant.citizenship: unknown country 'Atlantis'" in found[0]
    assert any(p.startswith(f"{path}:13: work_history[0].noc:") for p in found)
    assert any(p.startswith(f"{path}:16: work_history[0].hours_per_week:") for p in found)
    assert any(
        p == f"{path}:17: work_history[0].salry: unknown key; did you mean 'salary'?" for p in found
    )
    assert len(found) == 4


def test_missing_required_keys_and_wrong_schema(tmp_path: Path) -> None:
    path = write(tmp_path, "schema: docaudit/profile/v2\nprograms: []\n")
    found = problems(path)
    assert any("schema" in p and ":1:" in p for p in found)
    assert any("programs" in p for p in found)
    assert any("applicant: required key is missing" in p for p in found)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "schema: docaudit/profile/v1\napplicant: [unclosed\nprograms: [FSW]\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:")
    assert "invalid YAML" in message


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    text = MINIMAL.format(citizenship="NGA", extra="programs: [CEC]\n")
    (message,) = problems(write(tmp_path, text))
    assert "duplicate key 'programs' (first on line 3)" in message
    assert ":10:" in message


def test_alias_bomb_is_rejected_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    (message,) = problems(write(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases" in message


def test_non_utf8_and_bom(tmp_path: Path) -> None:
    bad = tmp_path / "profile.yaml"
    text = MINIMAL.format(citizenship="NGA", extra="").replace("Chidi", "Ch\xefdi")
    bad.write_bytes(text.encode("latin-1"))
    (message,) = problems(bad)
    assert "not UTF-8" in message
    bom = tmp_path / "bom" / "profile.yaml"
    bom.parent.mkdir()
    bom.write_bytes(b"\xef\xbb\xbf" + MINIMAL.format(citizenship="NGA", extra="").encode())
    assert load_profile(bom).client_id == "T-0001"


def test_json_profile_with_string_dates(tmp_path: Path) -> None:
    data = {
        "schema": "docaudit/profile/v1",
        "programs": ["CEC"],
        "key_dates": {"ita": "2026-09-14"},
        "applicant": {
            "family_name": "TESTER",
            "given_names": "Ana",
            "date_of_birth": "1990-10-10",
            "citizenship": "BRA",
            "marital_status": "single",
        },
    }
    path = write(tmp_path, json.dumps(data), "profile.json")
    profile = load_profile(path)
    assert profile.key_dates.ita == dt.date(2026, 9, 14)
    assert profile.as_of() == dt.date(2026, 9, 14)
    data["applicant"]["date_of_birth"] = "10/10/1990"  # type: ignore[index]
    path.write_text(json.dumps(data))
    assert any("applicant.date_of_birth" in p for p in problems(path))


def test_a_profile_that_is_not_a_mapping(tmp_path: Path) -> None:
    (message,) = problems(write(tmp_path, "- just\n- a list\n"))
    assert "expected a mapping" in message
