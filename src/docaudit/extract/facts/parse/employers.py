"""Employer names compared without their legal form (WRK002): "Systems (Pvt.) Ltd" is "Systems
Limited", but "Systems Limited" is not "Netsol Technologies Limited"."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from docaudit.extract.facts.parse.vocab import fold_name, load


@dataclass(frozen=True, slots=True)
class EmployerMatch:
    match: bool
    score: float
    """0-100 similarity of the names without legal forms."""
    declared_key: str
    found_key: str


def _plain(name: str) -> str:
    text = fold_name(name).replace("&", " and ").replace(".", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@functools.cache
def _suffixes() -> tuple[str, ...]:
    words = {_plain(str(s)) for s in load("employers")["legal_suffixes"]}
    return tuple(sorted((w for w in words if w), key=lambda w: (-len(w), w)))


@functools.cache
def _threshold() -> float:
    return float(load("employers")["match_threshold"])


def employer_key(name: str) -> str:
    """The name in lower case without punctuation, accents, a leading "the" or legal forms."""
    key = _plain(name)
    if key.startswith("the "):
        key = key[4:]
    stripped = True
    while stripped:
        stripped = False
        for suffix in _suffixes():
            if key.endswith(" " + suffix):
                key = key[: -len(suffix) - 1].rstrip()
                stripped = True
                break
    return key


def employers_match(declared: str, found: str, threshold: float | None = None) -> EmployerMatch:
    """Whether two employer names are the same company, by token-order-free similarity."""
    a, b = employer_key(declared), employer_key(found)
    score = float(fuzz.token_sort_ratio(a, b)) if a and b else 0.0
    limit = _threshold() if threshold is None else threshold
    return EmployerMatch(bool(a and b) and score >= limit, round(score, 1), a, b)
