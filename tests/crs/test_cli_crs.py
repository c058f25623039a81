"""``docaudit crs`` through click: text and JSON output, --on, and exit 2 for a bad profile."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from docaudit.cli.main import cli

CASE = Path(__file__).parent / "cases" / "19_job_offer_before_removal.yaml"


def _write_profile(tmp_path: Path) -> Path:
    short = yaml.safe_load(CASE.read_text())["profile"]
    short.update(schema="docaudit/profile/v1", programs=["FSW"])
    short["applicant"].update(
        family_name="CASE", given_names="Invented", citizenship="IND", marital_status="single"
    )
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(short))
    return path


def test_json_has_total_breakdown_and_eligibility(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crs", str(_write_profile(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 463
    assert set(data["breakdown"]) == {"core", "spouse", "transferability", "additional"}
    assert data["breakdown"]["additional"]["points"] == 50
    assert set(data["eligibility"]) == {"CEC", "FSW", "FST"}


def test_on_after_removal_drops_job_offer_points(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["crs", str(_write_profile(tmp_path)), "--on", "2025-04-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 413


def test_text_output_lists_sections(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crs", str(_write_profile(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CRS 463 on 2024-10-01")
    assert "job_offer: job offer in NOC 21231" in result.output


def test_invalid_profile_exits_2_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("schema: docaudit/profile/v1\nprograms: [FSW]\napplicnt: {}\n")
    result = CliRunner().invoke(cli, ["crs", str(path)])
    assert result.exit_code == 2
    assert "profile.yaml:3" in result.output


def test_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crs", str(_write_profile(tmp_path)), "--on", "2025-13-01"])
    assert result.exit_code == 2
