"""Rule thresholds (``rules/thresholds/<family>.yaml``): day tolerances, windows, cut-offs.

They are data so a firm can tune a tolerance without a release. Read once per family; a family
that declares a model gets its file validated, with the line of any wrong key in the error.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from docaudit.core import paths
from docaudit.core.errors import DocauditError, InputFileError, Problem
from docaudit.core.profile_loader import loc_path
from docaudit.core.yamlio import Located, load_located

M = TypeVar("M", bound=BaseModel)


@cache
def _located(family: str) -> Located:
    path = paths.rules_dir() / "thresholds" / f"{family}.yaml"
    if not path.is_file():
        raise DocauditError(f"{path}: missing thresholds file for the {family} rules")
    located = load_located(path)
    if not isinstance(located.data, dict):
        raise DocauditError(f"{path}: expected a mapping")
    return located


def threshold_families() -> list[str]:
    return sorted(p.stem for p in (paths.rules_dir() / "thresholds").glob("*.yaml"))


def raw_thresholds(family: str) -> dict[str, Any]:
    """The family's thresholds as a plain mapping."""
    data: dict[str, Any] = _located(family).data
    return data


def typed_thresholds(family: str, model: type[M]) -> M:
    """The family's thresholds validated against ``model``."""
    located = _located(family)
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        raise InputFileError(
            [
                Problem(
                    located.file, e["msg"], loc_path(e["loc"]), located.line_of(loc_path(e["loc"]))
                )
                for e in exc.errors()
            ]
        ) from None
