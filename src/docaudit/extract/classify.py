"""Which kind of document a file is, from phrase patterns kept in ``rules/doctypes.yaml``.

Phrases are matched with spaCy's PhraseMatcher on lower-cased tokens, so OCR line breaks and case
do not matter; a phrase in the title area weighs more, as a human reader would weigh it. A close
call is not a guess: the document becomes ``other`` and the report says so (DOC004).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, ConfigDict, Field

from docaudit.core import paths
from docaudit.core.models import DocType
from docaudit.core.text import DocumentText
from docaudit.core.yamlio import load_located
from docaudit.extract.nlp import blank_pipeline

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher


class _Regex(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    regex: str
    weight: float


class _TypePatterns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: dict[str, float] = Field(default_factory=dict)
    patterns: list[_Regex] = Field(default_factory=list)


class DocTypePatterns(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    head_lines: int
    head_bonus: float
    min_score: float
    margin: float
    types: dict[DocType, _TypePatterns]


@dataclass(frozen=True)
class Classification:
    doc_type: DocType
    score: float
    runner_up: tuple[DocType, float] | None
    matched: tuple[str, ...]
    """The phrases that decided it, for ``docaudit extract`` to show."""


class Classifier:
    def __init__(self, patterns: DocTypePatterns) -> None:
        self.patterns = patterns
        self.nlp = blank_pipeline()
        from spacy.matcher import PhraseMatcher

        self.matcher: PhraseMatcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._labels: dict[int, tuple[DocType, str, float]] = {}
        for doc_type, spec in patterns.types.items():
            for phrase, weight in spec.phrases.items():
                key = f"{doc_type}:{phrase}"
                self.matcher.add(key, [self.nlp.make_doc(phrase.lower())])
                self._labels[self.nlp.vocab.strings[key]] = (doc_type, phrase, weight)
        self._regexes = [
            (doc_type, re.compile(p.regex), p.weight)
            for doc_type, spec in patterns.types.items()
            for p in spec.patterns
        ]

    def classify(self, text: DocumentText) -> Classification:
        scores: dict[DocType, float] = {}
        matched: dict[DocType, list[str]] = {}
        head = _head_text(text, self.patterns.head_lines)
        body = text.text
        head_hits = self._phrases(head)
        for key, (doc_type, phrase, weight) in self._phrases(body).items():
            bonus = self.patterns.head_bonus if key in head_hits else 1.0
            scores[doc_type] = scores.get(doc_type, 0.0) + weight * bonus
            matched.setdefault(doc_type, []).append(phrase)
        compact = re.sub(r"\s+", "", body.upper())
        for doc_type, regex, weight in self._regexes:
            if regex.search(compact):
                scores[doc_type] = scores.get(doc_type, 0.0) + weight
                matched.setdefault(doc_type, []).append(f"/{regex.pattern}/")
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked:
            return Classification("other", 0.0, None, ())
        best, score = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else None
        decided = score >= self.patterns.min_score and (
            runner is None or score - runner[1] >= self.patterns.margin
        )
        if not decided:
            return Classification("other", score, (best, score), tuple(matched.get(best, [])))
        return Classification(best, round(score, 2), runner, tuple(matched[best]))

    def _phrases(self, text: str) -> dict[int, tuple[DocType, str, float]]:
        # Lower-cased before tokenising, as the phrases are: the tokenizer's exceptions are
        # case-sensitive ("id" splits like "I'd", "ID" does not), so a capitalised title would
        # otherwise tokenise unlike its phrase.
        doc = self.nlp.make_doc(text.lower())
        return {mid: self._labels[mid] for mid, _, _ in self.matcher(doc)}


def _head_text(text: DocumentText, lines: int) -> str:
    if not text.pages:
        return ""
    return "\n".join(line.text for line in text.pages[0].lines[:lines])


def load_patterns(path: Path | None = None) -> DocTypePatterns:
    located = load_located(path or paths.rules_dir() / "doctypes.yaml")
    return DocTypePatterns.model_validate(cast(dict[str, Any], located.data))


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    return Classifier(load_patterns())
