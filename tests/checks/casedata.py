"""Rule cases as data (``tests/checks/cases/<RULE>.yaml``), turned into audit contexts.

A case names a profile patch over ``base_profile.yaml``, the documents with the facts an extractor
would have produced, optionally the folder's ``docaudit.yaml`` as ``config``, and the findings
expected from that one rule. Data keeps the cases readable
for the consultants who review them, and one runner keeps every rule tested the same way.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docaudit.core.config import ClientConfig
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact
from docaudit.core.profile import Profile
from docaudit.core.registry import AuditContext

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
BASE = yaml.safe_load((HERE / "base_profile.yaml").read_text(encoding="utf-8"))


def merge(base: Any, patch: Any) -> Any:
    """Mappings merged key by key (``null`` removes a key), anything else replaced."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif key in out:
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _fact(doc: dict[str, Any], spec: dict[str, Any], sha: str) -> Fact:
    value = spec["value"]
    return Fact(
        kind=spec["kind"],
        value=value,
        evidence=Evidence(
            document=doc["path"],
            sha256=sha,
            page=spec.get("page", 1),
            bbox=tuple(spec["bbox"]) if spec.get("bbox") else None,
            text=spec.get("text", str(value)),
            method=spec.get("method", "text"),
            ocr_confidence=spec.get("ocr_confidence"),
        ),
        ambiguous=spec.get("ambiguous", False),
    )


def document(spec: dict[str, Any], index: int) -> Document:
    sha = spec.get("sha256", f"{index:064x}")
    return Document(
        rel=spec["path"],
        sha256=sha,
        size=spec.get("size", 1000),
        file_type=spec.get("file_type", "pdf"),
        text=None,
        status=spec.get("status", "ok"),
        problem=spec.get("problem"),
        doc_type=spec.get("type"),
        person=spec.get("person", "applicant"),
        classified_by="content",
        facts=tuple(_fact(spec, f, sha) for f in spec.get("facts", [])),
        country=spec.get("country"),
    )


@dataclass
class Case:
    rule: str
    name: str
    profile: Profile | None
    documents: tuple[Document, ...]
    as_of: dt.date
    expect: list[dict[str, Any]]
    previous_profile: Profile | None = None
    needs: tuple[str, ...] = field(default=())
    config: ClientConfig = field(default_factory=ClientConfig)

    def context(self) -> AuditContext:
        return AuditContext(
            profile=self.profile,
            documents=self.documents,
            as_of=self.as_of,
            previous_profile=self.previous_profile,
            config=self.config,
        )


def _profile(data: dict[str, Any], key: str) -> Profile | None:
    if data.get(key) == "none":
        return None
    return Profile.model_validate(merge(BASE, data.get(key) or {}))


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = data["rule"]
    cases = []
    for raw in data["cases"]:
        as_of = raw.get("as_of", dt.date(2026, 9, 14))
        cases.append(
            Case(
                rule=rule,
                name=raw["name"],
                profile=_profile(raw, "profile"),
                documents=tuple(document(d, i) for i, d in enumerate(raw.get("documents", []))),
                as_of=as_of,
                expect=raw.get("expect", []),
                previous_profile=_profile(raw, "previous_profile")
                if "previous_profile" in raw
                else None,
                needs=tuple(raw.get("needs", data.get("needs", []))),
                config=ClientConfig.model_validate(raw.get("config", {})),
            )
        )
    return cases


def all_cases() -> list[Case]:
    return [c for path in sorted(CASES.glob("*.yaml")) for c in load_cases(path)]
