"""Latent concepts of the release: the unit groups' vocabulary reduced to its main co-occurrence
directions (latent semantic analysis), so a letter meets a group through related words as well.

A letter rarely uses the NOC's own words: "fixed customers' cars" shares no term with "repair
automobiles", yet "car", "engine" and "brake" occur in the same unit groups as "automobile" and
"repair". Projecting the letter and every group onto the leading singular directions of the
group-term matrix rewards that shared context, where BM25 and the cosine reward only shared words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from docaudit.noc.index import NocIndex


class ConceptSpace:
    def __init__(self, index: NocIndex, dimensions: int) -> None:
        """Singular vectors from the groups' Gram matrix: a few hundred groups against thousands
        of terms, so this takes milliseconds where a full SVD of the matrix takes a second."""
        self._vocab = index.group_vocab
        self._idf = index.group_idf.astype(np.float64)
        terms_by_group = index.term_group_weights.astype(np.float64)
        values, vectors = np.linalg.eigh(terms_by_group.T @ terms_by_group)
        keep = np.argsort(values)[::-1][: min(dimensions, len(values))]
        keep = keep[values[keep] > 1e-9]
        sigma = np.sqrt(values[keep])
        u = vectors[:, keep]
        self._term_axes: npt.NDArray[np.float64] = (terms_by_group @ u) / sigma
        groups = u * sigma
        norms = np.linalg.norm(groups, axis=1, keepdims=True)
        self._groups: npt.NDArray[np.float64] = groups / np.where(norms > 0, norms, 1)

    def scores(self, terms: Sequence[str]) -> npt.NDArray[np.float64]:
        """Cosine of the letter with every group in concept space; negatives count as none."""
        counts = Counter(j for t in terms if (j := self._vocab.get(t)) is not None)
        out = np.zeros(len(self._groups))
        if not counts:
            return out
        rows = np.fromiter(counts, dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        query = (self._idf[rows] * (1 + np.log(tf))) @ self._term_axes[rows]
        length = float(np.linalg.norm(query))
        if length == 0:
            return out
        result: npt.NDArray[np.float64] = np.clip(self._groups @ (query / length), 0.0, None)
        return result
