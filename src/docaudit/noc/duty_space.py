"""Latent concepts learnt from single duties, the letter scored against every unit group in them.

``concepts`` learns its directions from whole unit groups: two words count as related when they
occur in the same groups. A group lists a dozen duties about different things, so that is a loose
notion of related. Words that occur in the same duty ("restock", "shelves", "price", "labels") are
related far more tightly; a truncated SVD of the duty-term matrix (every main duty and lead
statement a document) finds those directions, and a unit group's position is the mean of its
duties'. A letter that names none of a group's words but several of their duty-mates still meets
the group, which matters most for short letters with no job title.

The matrix is sparse (a few terms per duty) and thousands of documents wide, so the SVD is
SciPy's truncated sparse solver (ARPACK): a few seconds instead of a minute for a dense
decomposition, done once per release and cached with the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

Matrix = npt.NDArray[np.float64]
_SEED = 2021


def _truncated_svd(matrix: sparse.csr_array, k: int) -> tuple[Matrix, Matrix, Matrix]:
    """The leading ``k`` singular triplets (left vectors, values, right vectors as columns),
    largest first; a fixed start vector makes every build give the same space. The solver is
    imported here, as an audit that loads the cached index never decomposes anything."""
    from scipy.sparse.linalg import svds

    u: Matrix
    vt: Matrix
    u, sigma, vt = svds(matrix, k=k, random_state=_SEED)
    order = np.argsort(sigma)[::-1]
    return u[:, order], sigma[order].astype(np.float64), vt[order].T


def project(
    terms: Sequence[str], vocab: dict[str, int], idf: Matrix, term_axes: Matrix
) -> Matrix | None:
    """The terms' unit direction in a latent space (sublinear tf times idf, folded in through
    the term axes), or None when none of them is known: one query shape for both spaces."""
    counts = Counter(j for t in terms if (j := vocab.get(t)) is not None)
    if not counts:
        return None
    rows = np.fromiter(counts, dtype=np.intp, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    query = (idf[rows] * (1 + np.log(tf))) @ term_axes[rows]
    length = float(np.linalg.norm(query))
    return query / length if length > 0 else None


def unit_rows(m: Matrix) -> Matrix:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    result: Matrix = m / np.where(norms > 0, norms, 1)
    return result


class DutySpace:
    def __init__(self, terms: Sequence[str], idf: Matrix, term_axes: Matrix, groups: Matrix):
        self.terms = list(terms)
        self._vocab = {t: i for i, t in enumerate(self.terms)}
        self._idf = idf
        self._term_axes = term_axes
        self._groups = groups

    @classmethod
    def build(
        cls, docs: Sequence[tuple[int, Sequence[str]]], n_groups: int, dimensions: int
    ) -> DutySpace:
        """``docs`` are (unit group index, terms) pairs: every duty and lead statement."""
        vocab: dict[str, int] = {}
        counts = [Counter(vocab.setdefault(t, len(vocab)) for t in terms) for _, terms in docs]
        rows = np.array([i for i, c in enumerate(counts) for _ in c], dtype=np.intp)
        cols = np.array([j for c in counts for j in c], dtype=np.intp)
        tf = np.array([n for c in counts for n in c.values()], dtype=np.float64)
        n, v = len(docs), len(vocab)
        df = np.bincount(cols, minlength=v)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        values = (1 + np.log(tf)) * idf[cols]
        lengths = np.sqrt(np.bincount(rows, weights=values**2, minlength=n))
        values /= np.where(lengths > 0, lengths, 1)[rows]
        k = max(1, min(dimensions, n - 1, v - 1))
        matrix = sparse.csr_array((values, (rows, cols)), shape=(n, v))
        u, sigma, term_axes = _truncated_svd(matrix, k)
        owners = np.array([g for g, _ in docs], dtype=np.intp)
        groups = np.zeros((n_groups, k))
        np.add.at(groups, owners, unit_rows(u * sigma))
        return cls(list(vocab), idf, term_axes, unit_rows(groups))

    def scores(self, terms: Sequence[str]) -> Matrix:
        """Cosine of the letter with every group in the duty space; negatives count as none."""
        query = project(terms, self._vocab, self._idf, self._term_axes)
        if query is None:
            return np.zeros(len(self._groups))
        result: Matrix = np.clip(self._groups @ query, 0.0, None)
        return result

    def save(self, path: Path) -> None:
        np.savez(
            path,
            terms=np.array(self.terms, dtype=str),
            idf=self._idf,
            term_axes=self._term_axes,
            groups=self._groups,
        )

    @classmethod
    def load(cls, path: Path) -> DutySpace:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                [str(t) for t in data["terms"]], data["idf"], data["term_axes"], data["groups"]
            )
