"""How much one duty says what another says, in [0, 1], on lemmatised terms.

Rare words weigh more (idf over the release's duties), words the NOC never uses ("Java",
"Spring", a client's name) weigh little, so company detail neither helps nor hurts. A
rapidfuzz ratio on the sorted terms adds credit for near-identical word forms the lemmatizer
leaves apart ("analysis", "analyze").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from docaudit.noc.settings import MatchSettings

Terms = Sequence[str]


class Aligner:
    def __init__(self, idf: dict[str, float], settings: MatchSettings) -> None:
        self._idf = idf
        self._unknown = settings.unknown_term_idf
        self._term_weight = settings.term_weight

    def weights(self, terms: Terms) -> dict[str, float]:
        return {t: self._idf.get(t, self._unknown) for t in set(terms)}

    def _cosine(self, a: dict[str, float], b: dict[str, float]) -> float:
        if not a or not b:
            return 0.0
        shared = sum(w * w for t, w in a.items() if t in b)
        norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
        return shared / norm

    def matrix(self, left: Sequence[Terms], right: Sequence[Terms]) -> npt.NDArray[np.float64]:
        """Similarity of every left duty with every right duty."""
        if not left or not right:
            return np.zeros((len(left), len(right)))
        lw = [self.weights(t) for t in left]
        rw = [self.weights(t) for t in right]
        cos = np.array([[self._cosine(a, b) for b in rw] for a in lw])
        fuzzy = (
            cdist(
                [" ".join(sorted(set(t))) for t in left],
                [" ".join(sorted(set(t))) for t in right],
                scorer=fuzz.token_sort_ratio,
            )
            / 100.0
        )
        empty_l = np.array([not t for t in left])[:, None]
        empty_r = np.array([not t for t in right])[None, :]
        fuzzy = np.where(empty_l | empty_r, 0.0, fuzzy)
        result: npt.NDArray[np.float64] = self._term_weight * cos + (1 - self._term_weight) * fuzzy
        return result

    def recall(self, covered_by: Terms, target: Terms) -> float:
        """Share of ``target``'s weight whose terms ``covered_by`` uses."""
        want = self.weights(target)
        have = set(covered_by)
        total = sum(want.values())
        return sum(w for t, w in want.items() if t in have) / total if total else 0.0
