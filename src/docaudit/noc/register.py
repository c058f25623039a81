"""Everyday workplace words in the NOC's own register, so a letter that says "fixed" or "made
sure" meets duties that say "repair" and "ensure".

BM25 and the cosines credit only shared words, and the latent concepts only words the NOC uses at
all: a word the NOC never writes ("fix", "email", "coworker") carries no signal of its own. The
table in ``rules/noc.yaml`` maps such words and phrasal verbs to the NOC's equivalent; the
equivalent's terms are added to the letter duty's terms for ranking, the duty itself is kept.
Keys are matched as lemma sequences, so "fixed", "fixes" and "fixing" all meet "fix", and a
phrasal verb matches only as a whole ("looked after", not "looked at").
"""

from __future__ import annotations

from collections.abc import Sequence

from docaudit.noc.normalise import Normaliser


class Register:
    def __init__(self, table: Sequence[tuple[str, str]], normaliser: Normaliser) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], list[str]]]] = {}
        for everyday, noc in table:
            key = tuple(normaliser.lemmas(everyday))
            if key:
                self._by_first.setdefault(key[0], []).append((key, normaliser.terms(noc)))

    def adds(self, lemmas: Sequence[str]) -> list[str]:
        """The NOC terms for every everyday word or phrase among one duty's lemmas."""
        out: list[str] = []
        for i, lemma in enumerate(lemmas):
            for key, terms in self._by_first.get(lemma, ()):
                if tuple(lemmas[i : i + len(key)]) == key:
                    out += terms
        return out
