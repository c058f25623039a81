"""The generate.py command line writes folders and labels, and refuses unknown fault ids."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _main() -> object:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "fixtures" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def test_cli_writes_faulted_clients(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main = _main()
    args = [str(tmp_path), "--clients", "2", "--seed", "cli", "--scan-share", "0"]
    assert main([*args, "--clean-share", "0", "--faults", "WRK004"]) == 0  # type: ignore[operator]
    for cid in ("GEN-cli-0001", "GEN-cli-0002"):
        labels = json.loads((tmp_path / f"{cid}.labels.json").read_text(encoding="utf-8"))
        assert [f["rule"] for f in labels["faults"]] == ["WRK004"]
        assert (tmp_path / cid / "profile.yaml").is_file()
        assert all((tmp_path / cid / d["path"]).is_file() for d in labels["documents"])
    assert "WRK004" in capsys.readouterr().out


def test_cli_rejects_unknown_fault(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        _main()([str(tmp_path), "--faults", "XYZ999"])  # type: ignore[operator]
    assert exc.value.code == 2
