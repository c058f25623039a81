from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docaudit.cli.noc import noc

DUTIES = (
    "Installed wiring, outlets, lighting and panels in new houses and condos\n"
    "Read blueprints and electrical drawings to plan each installation\n"
    "Tested circuits and found and fixed electrical faults\n"
)


def test_import_then_show(noc_csvs: tuple[Path, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"DOCAUDIT_DATA_DIR": str(tmp_path / "data")}
    result = runner.invoke(noc, ["import", *map(str, noc_csvs)], env=env)
    assert result.exit_code == 0, result.output
    assert "516 unit groups" in result.output
    shown = runner.invoke(noc, ["show", "10020"], env=env)
    assert shown.exit_code == 0
    assert "TEER 0" in shown.output
    assert "  Insurance managers" in shown.output
    assert "This group performs" not in shown.output


def test_suggest_json(data_env: Path) -> None:
    result = CliRunner().invoke(noc, ["suggest", DUTIES, "--format", "json", "--top", "3"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["candidates"]) == 3
    best = payload["candidates"][0]
    assert best["code"] == "72200"
    assert set(best) == {"code", "title", "teer", "score", "matched_duties"}
    assert {"letter_duty", "noc_duty", "similarity"} == set(best["matched_duties"][0])


def test_suggest_from_stdin_and_file(data_env: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    from_stdin = runner.invoke(noc, ["suggest", "--file", "-", "--format", "json"], input=DUTIES)
    assert json.loads(from_stdin.output)["candidates"][0]["code"] == "72200"
    letter = tmp_path / "duties.txt"
    letter.write_text(DUTIES, encoding="utf-8")
    from_file = runner.invoke(noc, ["suggest", "--file", str(letter), "--title", "Electrician"])
    assert from_file.exit_code == 0
    assert from_file.output.startswith("72200")


def test_pdf_letters_are_not_supported_yet(data_env: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    result = CliRunner().invoke(noc, ["suggest", "--file", str(pdf)])
    assert result.exit_code == 2
    assert "not supported yet" in result.output


def test_missing_import_exits_2_with_the_hint(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"DOCAUDIT_DATA_DIR": str(tmp_path / "empty")}
    for args in (["suggest", DUTIES], ["show", "21232"]):
        result = runner.invoke(noc, args, env=env)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "docaudit noc import" in lines[0]


def test_show_unknown_code_exits_2(data_env: Path) -> None:
    result = CliRunner().invoke(noc, ["show", "99999"])
    assert result.exit_code == 2
    assert "not a unit group" in result.output
