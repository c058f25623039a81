"""Typed facts from classified documents: one extractor module per document type.

Extractors register under the document types they read (``@extractor("passport")``); a type with
no extractor yields no facts, and the report's DOC004 says which documents no rule used.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from docaudit.core.models import Fact
from docaudit.core.text import DocumentText


@dataclass(frozen=True)
class Source:
    """What an extractor may read: the text with boxes, and where it came from (for evidence)."""

    rel: str
    sha256: str
    text: DocumentText
    country_hint: str | None = None


ExtractorFn = Callable[[Source], list[Fact]]
_EXTRACTORS: dict[str, ExtractorFn] = {}
_LOADED = False


def extractor(*doc_types: str) -> Callable[[ExtractorFn], ExtractorFn]:
    def register(fn: ExtractorFn) -> ExtractorFn:
        for doc_type in doc_types:
            if doc_type in _EXTRACTORS:
                raise RuntimeError(f"two extractors for {doc_type}")
            _EXTRACTORS[doc_type] = fn
        return fn

    return register


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    for module in pkgutil.iter_modules(__path__):
        if module.name != "parse":
            importlib.import_module(f"{__name__}.{module.name}")
    _LOADED = True


def extract_facts(doc_type: str | None, source: Source) -> tuple[Fact, ...]:
    _load()
    fn = _EXTRACTORS.get(doc_type or "")
    return tuple(fn(source)) if fn else ()


def supported_types() -> tuple[str, ...]:
    _load()
    return tuple(sorted(_EXTRACTORS))
