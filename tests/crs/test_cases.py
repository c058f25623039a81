"""Every worked case in ``cases/`` must score exactly its hand derivation, section by section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from docaudit.crs import compute_crs

from .profiles import build

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_at_least_30_cases_each_with_a_derivation() -> None:
    assert len(CASES) >= 30
    for path in CASES:
        case = _load(path)
        assert case["derivation"].count("\n") >= 1, path.name
        assert str(case["expected"]["total"]) in case["derivation"], path.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = _load(path)
    on = case.get("on")
    result = compute_crs(build(case["profile"]), dt.date.fromisoformat(str(on)) if on else None)
    expected = case["expected"]
    got = {"total": result.total, **result.points()}
    assert got == expected, "\n".join(
        f"{s}: {i.factor} {i.points} ({i.reason})"
        for s in ("core", "spouse", "transferability", "additional")
        for i in getattr(result.breakdown, s).items
    )
    for name in ("core", "spouse", "transferability", "additional"):
        section = getattr(result.breakdown, name)
        assert section.points == sum(item.points for item in section.items)
