"""The thresholds of the work, NOC, CRS, update and consistency rules, read from YAML.

They live in ``rules/thresholds/<family>.yaml`` so a firm can tune a day tolerance or a coverage
threshold without a release, and every check reads them the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docaudit.core import paths
from docaudit.core.errors import DocauditError
from docaudit.core.yamlio import load_located


@lru_cache(maxsize=16)
def thresholds(family: str) -> dict[str, Any]:
    """``rules/thresholds/<family>.yaml`` as a mapping; a missing file stops the audit."""
    path = paths.rules_dir() / "thresholds" / f"{family}.yaml"
    if not path.is_file():
        raise DocauditError(f"{path}: missing thresholds file for the {family} rules")
    data = load_located(path).data
    if not isinstance(data, dict):
        raise DocauditError(f"{path}: expected a mapping")
    return data
