"""Without an imported NOC release, letters with duties stop the audit with the import hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from casedata import load_cases

from docaudit.checks import load_checks
from docaudit.core.catalogue import load_catalogue
from docaudit.core.errors import NocDataMissing

CASES = Path(__file__).resolve().parent / "cases"


def test_duties_without_noc_data_raise_the_import_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(tmp_path))
    case = load_cases(CASES / "WRK006.yaml")[0]
    checks = load_checks(load_catalogue())
    with pytest.raises(NocDataMissing, match="noc import"):
        list(checks["WRK006"].fn(case.context()))


def test_letters_without_duties_need_no_noc_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCAUDIT_DATA_DIR", str(tmp_path))
    case = load_cases(CASES / "WRK006.yaml")[2]
    checks = load_checks(load_catalogue())
    assert list(checks["WRK006"].fn(case.context())) == []
