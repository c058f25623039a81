"""Reading a document's text into its type and facts, cached by content so it is done once.

What is read depends on the text and on the reading rules alone (extractor code, doctype
patterns, label vocabularies, the fact vocabulary), so the cache key is a digest of exactly those
files: an edit to any of them re-reads, a profile edit does not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docaudit import __version__
from docaudit.core import paths
from docaudit.core.models import DocType, Fact
from docaudit.core.text import DocumentText
from docaudit.extract.classify import default_classifier
from docaudit.extract.facts import Source, extract_facts

if TYPE_CHECKING:
    from docaudit.ingest.cache import ExtractionCache

_RULE_FILES = ("doctypes.yaml", "facts.yaml", "extract", "vocab")


@cache
def reading_version() -> str:
    """A digest of everything that decides what is read from a text."""
    digest = hashlib.sha256(__version__.encode())
    roots = [Path(__file__).resolve().parent, *(paths.rules_dir() / n for n in _RULE_FILES)]
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".yaml", ".yml"):
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:24]


def _encode(value: Any) -> Any:
    """JSON that keeps dates apart from strings that look like dates."""
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def facts_to_json(facts: tuple[Fact, ...]) -> list[Any]:
    return [_encode(f.model_dump()) for f in facts]


def facts_from_json(data: list[Any]) -> tuple[Fact, ...]:
    return tuple(Fact.model_validate(_decode(item)) for item in data)


def classify(text: DocumentText, sha256: str, cache: ExtractionCache | None, key: str) -> DocType:
    version = reading_version()
    if cache is not None:
        stored = cache.get_reading(sha256, key, version, "type")
        if stored is not None:
            doc_type: DocType = stored
            return doc_type
    doc_type = default_classifier().classify(text).doc_type
    if cache is not None:
        cache.put_reading(sha256, key, version, "type", doc_type)
    return doc_type


def read_facts(
    doc_type: DocType, source: Source, cache: ExtractionCache | None, key: str
) -> tuple[Fact, ...]:
    version = reading_version()
    name = f"facts:{doc_type}:{source.country_hint or ''}"
    if cache is not None:
        stored = cache.get_reading(source.sha256, key, version, name)
        if stored is not None:
            return _relocate(facts_from_json(stored), source.rel)
    facts = extract_facts(doc_type, source)
    if cache is not None:
        cache.put_reading(source.sha256, key, version, name, facts_to_json(facts))
    return facts


def _relocate(facts: tuple[Fact, ...], rel: str) -> tuple[Fact, ...]:
    """Evidence names the file where it is now: the same bytes may have moved or been renamed."""
    return tuple(
        f
        if f.evidence.document == rel
        else f.model_copy(update={"evidence": f.evidence.model_copy(update={"document": rel})})
        for f in facts
    )
