"""Latent concepts of the release: the unit groups' vocabulary reduced to its main co-occurrence
directions (latent semantic analysis), so a letter meets a group through related words as well.

A letter rarely uses the NOC's own words: "fixed customers' cars" shares no term with "repair
automobiles", yet "car", "engine" and "brake" occur in the same unit groups as "automobile" and
"repair". Projecting the letter and every group onto the leading singular directions of the
group-term matrix rewards that shared context, where BM25 and the cosine reward only shared words.
(The same duty by duty, each letter duty against each NOC main duty, got no weight from the
cross-validation once the BM25 duty signal normalised duty length less, and was removed on
2026-12-03.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from docaudit.noc.duty_space import project, unit_rows
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
        self.dimensions = len(sigma)
        self._groups: npt.NDArray[np.float64] = unit_rows(u * sigma)

    def project(self, terms: Sequence[str]) -> npt.NDArray[np.float64] | None:
        """The terms' unit direction in concept space, or None when none of them is known."""
        return project(terms, self._vocab, self._idf, self._term_axes)

    def scores(self, terms: Sequence[str]) -> npt.NDArray[np.float64]:
        """Cosine of the letter with every group in concept space; negatives count as none."""
        query = self.project(terms)
        if query is None:
            return np.zeros(len(self._groups))
        result: npt.NDArray[np.float64] = np.clip(self._groups @ query, 0.0, None)
        return result
