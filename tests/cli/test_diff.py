"""``docaudit diff``: every changed fact listed, material ones marked, bad input is exit 2."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from docaudit.cli.main import cli

BASE = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "checks" / "base_profile.yaml").read_text()
)


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_json_marks_material_changes_and_the_crs_move(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["language_tests"][0]["scores"]["reading"] = 6.0
    new["key_dates"]["apr_submitted"] = "2026-10-01"
    new["personal_history"][1]["description"] = "Looking for work"
    old_path = _write(tmp_path / "old.yaml", BASE)
    new_path = _write(tmp_path / "new.yaml", new)
    result = CliRunner().invoke(cli, ["diff", str(old_path), str(new_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    by_path = {c["path"]: c for c in data["changes"]}
    assert by_path["language_tests[0].scores.reading"]["material"] is True
    assert by_path["language_tests[0].scores.reading"]["old"] == 7.0
    assert by_path["key_dates.apr_submitted"]["material"] is False
    assert by_path["personal_history[1].description"]["material"] is False
    assert data["crs"]["after"] < data["crs"]["before"]


def test_an_added_job_at_the_top_is_one_addition(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    new["work_history"][0]["end"] = "2024-12-31"
    new["work_history"].insert(
        0,
        {
            "employer": "Newco Limited",
            "job_title": "Software Engineer",
            "noc": "21231",
            "country": "IND",
            "start": "2025-01-01",
            "hours_per_week": 40,
        },
    )
    old_path = _write(tmp_path / "old.yaml", BASE)
    new_path = _write(tmp_path / "new.yaml", new)
    result = CliRunner().invoke(cli, ["diff", str(old_path), str(new_path)])
    assert result.exit_code == 0, result.output
    assert "work_history[0]: (none) -> {employer: Newco Limited" in result.output
    assert "work_history[1].end: (none) -> 2024-12-31  [added; MATERIAL (job)]" in result.output
    assert "salary" not in result.output


def test_identical_profiles_have_no_changes(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.yaml", BASE)
    result = CliRunner().invoke(cli, ["diff", str(path), str(path)])
    assert result.exit_code == 0
    assert "No changes." in result.output
    assert "0 material change(s) of 0." in result.output


def test_an_invalid_profile_exits_2_naming_the_key(tmp_path: Path) -> None:
    bad = copy.deepcopy(BASE)
    bad["work_history"][0]["hours_per_week"] = "forty"
    good_path = _write(tmp_path / "good.yaml", BASE)
    bad_path = _write(tmp_path / "bad.yaml", bad)
    result = CliRunner().invoke(cli, ["diff", str(good_path), str(bad_path)])
    assert result.exit_code == 2
    assert "work_history[0].hours_per_week" in result.output
