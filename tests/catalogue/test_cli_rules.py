"""``docaudit rules`` and ``docaudit explain`` through click, and their light imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from click.testing import CliRunner

from docaudit.cli.main import cli
from docaudit.core.catalogue import load_catalogue


def test_rules_text_lists_every_rule() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    listed = re.findall(r"^([A-Z]{2,3}\d{3}) ", result.output, re.M)
    assert listed == list(load_catalogue().ids)
    assert "WRK009  high      Letter duties copied from the NOC text" in result.output


def test_rules_json_is_the_catalogue() -> None:
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == load_catalogue().version
    assert [r["id"] for r in data["rules"]] == list(load_catalogue().ids)


def test_explain_prints_everything_about_a_rule() -> None:
    result = CliRunner().invoke(cli, ["explain", "wrk009"])
    assert result.exit_code == 0
    assert result.output.startswith("WRK009: Letter duties copied from the NOC text")
    assert "default severity: high" in result.output
    assert "Ansari" in result.output and "What to do:" in result.output


def test_explain_unknown_id_exits_2_with_did_you_mean() -> None:
    result = CliRunner().invoke(cli, ["explain", "WRK09"])
    assert result.exit_code == 2
    assert "unknown rule 'WRK09'" in result.output and "WRK009" in result.output


def test_rules_command_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from docaudit.cli.main import cli;"
        "r = CliRunner().invoke(cli, ['rules']); assert r.exit_code == 0;"
        "print(sorted(m for m in ('spacy', 'pdfplumber', 'pytesseract', 'pypdfium2')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
