"""``docaudit init`` / ``schema`` and the promise that --help stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from docaudit.cli.main import cli
from docaudit.core.profile_loader import load_profile


def test_init_writes_a_template_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    client = tmp_path / "client"
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(client)])
    assert result.exit_code == 0, result.output
    profile_path = client / "profile.yaml"
    assert (client / "documents").is_dir()
    assert load_profile(profile_path).client_id == "CHANGE-ME"
    profile_path.write_text("# edited by a consultant\n", encoding="utf-8")
    again = runner.invoke(cli, ["init", str(client)])
    assert again.exit_code == 2
    assert "already exists" in again.output
    assert profile_path.read_text(encoding="utf-8") == "# edited by a consultant\n"


def test_schema_is_json_schema_of_the_profile() -> None:
    result = CliRunner().invoke(cli, ["schema", "profile"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "docaudit profile v1"
    assert "applicant" in schema["required"]
    assert schema["additionalProperties"] is False


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from docaudit.cli.main import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'audit' in r.output\n"
        "heavy = [m for m in ('spacy', 'pdfplumber', 'pytesseract', 'pypdfium2', 'PIL')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
