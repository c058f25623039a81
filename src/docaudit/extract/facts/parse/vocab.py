"""The parsers' word lists, read once from ``rules/vocab`` so firms can extend them without code."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import yaml

from docaudit.core.paths import rules_dir

Span = tuple[int, int]


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The mapping in ``rules/vocab/<name>.yaml``; a malformed file fails loudly at first use."""
    path = rules_dir() / "vocab" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def fold(text: str) -> str:
    """Lower-case ``text`` and drop accents, keeping its length so spans still point at the source.

    Letters Unicode cannot decompose (ø, ł, ß...) are replaced by their first transliterated
    letter here; :func:`fold_name` gives the full transliteration where length does not matter.
    """
    table = _translit()
    out = []
    for ch in text:
        kept = "".join(
            c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
        ).lower()
        kept = table.get(kept, kept)
        out.append(kept[:1] or ch)
    return "".join(out)


def fold_name(text: str) -> str:
    """Case- and accent-free spelling for comparing names (ß becomes ss, ø becomes o)."""
    table = _translit()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(table.get(c, c) for c in plain)


@functools.cache
def _translit() -> dict[str, str]:
    raw = load("names").get("transliterate", {})
    return {str(k): str(v) for k, v in raw.items()}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "per annum" wins over "per"."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for word in unique:
        escaped = re.escape(word)
        parts.append(escaped.replace(r"\ ", r"\s+"))
    return "(?:" + "|".join(parts) + ")"


def word_alternation(words: Iterable[str]) -> str:
    """Like :func:`alternation`, but a word that starts or ends with a letter must stand alone.

    So "to" does not fire inside "toronto", while a dash still needs no spaces around it.
    """
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for word in unique:
        body = re.escape(word).replace(r"\ ", r"\s+")
        if word[0].isalnum():
            body = r"(?<![a-z0-9])" + body
        if word[-1].isalnum():
            body += r"(?![a-z0-9])"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"
