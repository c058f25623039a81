"""The fact vocabulary (``rules/facts.yaml``): what extractors may emit and checks may read.

Keeping it as data with a checker means a misspelt kind in an extractor fails a test instead of
silently feeding no rule, and ``docaudit extract`` can explain each kind.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from docaudit.core import paths
from docaudit.core.models import Fact
from docaudit.core.yamlio import load_located

ValueType = Literal[
    "date", "str", "float", "int", "bool", "code", "name", "money", "list", "dict", "mrz"
]


class FactKind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: ValueType
    about: str
    repeat: bool = False


class FactKinds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    kinds: dict[str, FactKind]


@lru_cache(maxsize=2)
def load_fact_kinds(directory: Path | None = None) -> FactKinds:
    return FactKinds.model_validate(
        load_located((directory or paths.rules_dir()) / "facts.yaml").data
    )


def _type_ok(kind: ValueType, value: Any) -> bool:
    match kind:
        case "date":
            return isinstance(value, dt.date)
        case "str" | "code":
            return isinstance(value, str) and bool(value.strip())
        case "float":
            return isinstance(value, int | float) and not isinstance(value, bool)
        case "int":
            return isinstance(value, int) and not isinstance(value, bool)
        case "bool":
            return isinstance(value, bool)
        case "name":
            return isinstance(value, dict) and isinstance(value.get("raw"), str)
        case "money":
            return isinstance(value, dict) and isinstance(value.get("amount"), int | float)
        case "list":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        case "dict" | "mrz":
            return isinstance(value, dict)
    return False


def problems_with(facts: list[Fact] | tuple[Fact, ...]) -> list[str]:
    """Why these facts break the vocabulary: unknown kinds, wrong types, repeats not allowed."""
    kinds = load_fact_kinds().kinds
    out: list[str] = []
    seen: set[str] = set()
    for fact in facts:
        spec = kinds.get(fact.kind)
        if spec is None:
            out.append(f"unknown fact kind {fact.kind!r}")
            continue
        if not _type_ok(spec.type, fact.value):
            out.append(f"{fact.kind}: {fact.value!r} is not a {spec.type}")
        if fact.kind in seen and not spec.repeat:
            out.append(f"{fact.kind} occurs more than once")
        seen.add(fact.kind)
    return out
