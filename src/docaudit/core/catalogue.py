"""The rule catalogue: each rule's public id, title, severity and advice, read from ``rules/``.

Rules are data so a firm can change a severity, and ``docaudit rules`` can list them, without
touching code. The registry in ``docaudit.checks`` cross-checks ids against this catalogue.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docaudit.core import paths
from docaudit.core.errors import InputFileError, Problem
from docaudit.core.models import Severity
from docaudit.core.profile_loader import loc_path
from docaudit.core.yamlio import load_located


class RuleMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z]{2,3}\d{3}$")
    family: str
    title: str
    severity: Severity
    rationale: str
    remediation: str
    references: tuple[str, ...] = ()


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    families: dict[str, str] = Field(default_factory=dict)
    rules: tuple[RuleMeta, ...]

    def get(self, rule_id: str) -> RuleMeta:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def load_catalogue_file(path: Path) -> Catalogue:
    located = load_located(path)
    try:
        catalogue = Catalogue.model_validate(located.data)
    except ValidationError as exc:
        raise InputFileError(
            [
                Problem(
                    str(path), e["msg"], loc_path(e["loc"]), located.line_of(loc_path(e["loc"]))
                )
                for e in exc.errors()
            ]
        ) from None
    seen: set[str] = set()
    for rule in catalogue.rules:
        if rule.id in seen:
            raise InputFileError([Problem(str(path), f"rule {rule.id} is listed twice")])
        seen.add(rule.id)
    return catalogue


@lru_cache(maxsize=4)
def load_catalogue(directory: Path | None = None) -> Catalogue:
    """The packaged catalogue (``rules/catalogue.yaml``)."""
    return load_catalogue_file((directory or paths.rules_dir()) / "catalogue.yaml")
