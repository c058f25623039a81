"""The search index over an imported release, built once and kept beside the SQLite store.

Building means lemmatising every duty (about a second) and learning the duty space (``duty_space``,
about a second); an audit only loads the result. The cache names the import it was built from and
the settings that shaped it, so a new import, a changed stop-word list, number of duty-space
dimensions or BM25 length normalisation rebuilds it instead of answering from stale terms.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import shutil
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import numpy.typing as npt

from docaudit.core.paths import private_dir
from docaudit.noc.duty_space import DutySpace
from docaudit.noc.models import NocCatalog, UnitGroup
from docaudit.noc.normalise import Normaliser, surface
from docaudit.noc.settings import MatchSettings

log = logging.getLogger(__name__)

INDEX_VERSION = "5"
_EXCEPT = re.compile(r"\((?:except|excluding|other than)\b[^)]*\)", re.IGNORECASE)
"""'Electricians (except industrial ...)': the words after "except" name other groups."""
DUTY_SPACE = "duty_space.npz"
"""The duty space's arrays, beside the BM25 models in the cache folder."""
LEAD = -1
"""Position of a lead statement among a unit group's documents (duties count from 0)."""


@dataclass(frozen=True, slots=True)
class Doc:
    group: int
    position: int
    """Index into the unit group's duties, or ``LEAD``."""
    terms: tuple[str, ...]


class NocIndex:
    """Term-weighted views of a release: per duty, per unit group, and per title."""

    def __init__(
        self,
        catalog: NocCatalog,
        docs: list[Doc],
        group_terms: list[list[str]],
        title_strings: list[tuple[int, str]],
        lead_terms: list[list[str]],
        duty_bm25: bm25s.BM25,
        group_bm25: bm25s.BM25,
        duty_space: DutySpace,
    ) -> None:
        self.catalog = catalog
        self.duty_space = duty_space
        self.groups: tuple[UnitGroup, ...] = catalog.groups
        self.docs = docs
        self.group_terms = group_terms
        self.lead_terms = lead_terms
        self.duty_bm25 = duty_bm25
        self.group_bm25 = group_bm25
        self.doc_groups: npt.NDArray[np.intp] = np.array([d.group for d in docs], dtype=np.intp)
        self.doc_is_lead: npt.NDArray[np.bool_] = np.array([d.position == LEAD for d in docs])
        self.group_vocab, self.group_idf, self.term_group_weights = _unit_vectors(group_terms)
        if np.any(np.diff(self.doc_groups) < 0):
            raise ValueError("index documents must be stored in unit-group order")
        self.group_starts: npt.NDArray[np.intp] = np.flatnonzero(
            np.r_[True, self.doc_groups[1:] != self.doc_groups[:-1]]
        )
        self.title_groups: npt.NDArray[np.intp] = np.array(
            [g for g, _ in title_strings], dtype=np.intp
        )
        self.title_strings = [s for _, s in title_strings]
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(set(doc.terms))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.code_to_group = {g.code: i for i, g in enumerate(self.groups)}
        self.duty_terms: list[list[tuple[str, ...]]] = [[] for _ in self.groups]
        for doc in docs:
            if doc.position != LEAD:
                self.duty_terms[doc.group].append(doc.terms)
        self.surfaces: list[str] = []
        self.surface_owner: list[tuple[int, int]] = []
        for gi, group in enumerate(self.groups):
            for di, duty in enumerate(group.duties):
                self.surfaces.append(surface(duty.text))
                self.surface_owner.append((gi, di))

    @classmethod
    def build(
        cls, catalog: NocCatalog, normaliser: Normaliser, settings: MatchSettings
    ) -> NocIndex:
        docs: list[Doc] = []
        group_terms: list[list[str]] = []
        lead_terms: list[list[str]] = []
        titles: list[tuple[int, str]] = []
        for gi, group in enumerate(catalog.groups):
            duty_terms = normaliser.terms_many(d.text for d in group.duties)
            lead = normaliser.terms(group.lead_statement)
            names = [
                _EXCEPT.sub(" ", n)
                for n in (group.title, *group.sub_headings, *group.example_titles)
            ]
            name_terms = normaliser.terms_many(names)
            for pos, terms in enumerate(duty_terms):
                docs.append(Doc(gi, pos, tuple(terms)))
            docs.append(Doc(gi, LEAD, tuple(lead)))
            lead_terms.append(lead)
            group_terms.append(
                [t for ts in duty_terms for t in ts] + lead + [t for ts in name_terms for t in ts]
            )
            seen: set[str] = set()
            for terms in name_terms:
                text = " ".join(terms)
                if text and text not in seen:
                    seen.add(text)
                    titles.append((gi, text))
        return cls(
            catalog,
            docs,
            group_terms,
            titles,
            lead_terms,
            _bm25([list(d.terms) for d in docs], settings.duty_bm25_b),
            _bm25(group_terms, settings.group_bm25_b),
            DutySpace.build(
                [(d.group, d.terms) for d in docs],
                len(catalog.groups),
                settings.duty_space_dimensions,
            ),
        )

    def save(self, folder: Path, key: str) -> None:
        """Write the cache atomically: a reader sees the old cache or the new one, never half."""
        private_dir(folder.parent)
        tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.tmp")
        private_dir(tmp)
        try:
            self.duty_bm25.save(str(tmp / "duty"), show_progress=False)
            self.group_bm25.save(str(tmp / "group"), show_progress=False)
            self.duty_space.save(tmp / DUTY_SPACE)
            payload: dict[str, Any] = {
                "key": key,
                "docs": [[d.group, d.position, list(d.terms)] for d in self.docs],
                "group_terms": self.group_terms,
                "lead_terms": self.lead_terms,
                "titles": [
                    [int(g), s] for g, s in zip(self.title_groups, self.title_strings, strict=True)
                ],
            }
            (tmp / "index.json").write_text(json.dumps(payload), encoding="utf-8")
            for path in tmp.rglob("*"):
                path.chmod(0o700 if path.is_dir() else 0o600)
            if folder.exists():
                old = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.old")
                folder.replace(old)
                tmp.replace(folder)
                shutil.rmtree(old, ignore_errors=True)
            else:
                tmp.replace(folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, key: str, catalog: NocCatalog) -> NocIndex | None:
        """The cached index if it was built from this import with these settings, else None."""
        try:
            payload = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            if payload.get("key") != key:
                return None
            duty = bm25s.BM25.load(str(folder / "duty"), show_progress=False)
            group = bm25s.BM25.load(str(folder / "group"), show_progress=False)
            duty_space = DutySpace.load(folder / DUTY_SPACE)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            log.info("NOC index cache unusable (%s); rebuilding", type(exc).__name__)
            return None
        docs = [Doc(g, p, tuple(t)) for g, p, t in payload["docs"]]
        titles = [(int(g), str(s)) for g, s in payload["titles"]]
        group_terms, lead_terms = payload["group_terms"], payload["lead_terms"]
        return cls(catalog, docs, group_terms, titles, lead_terms, duty, group, duty_space)


def _unit_vectors(
    corpus: list[list[str]],
) -> tuple[dict[str, int], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Idf-weighted, length-normalised document vectors for cosines, stored one row per term so a
    query reads only its own terms' rows."""
    vocab: dict[str, int] = {}
    counts = [Counter(vocab.setdefault(t, len(vocab)) for t in terms) for terms in corpus]
    rows = np.array([i for i, c in enumerate(counts) for _ in c], dtype=np.intp)
    cols = np.array([j for c in counts for j in c], dtype=np.intp)
    tf = np.array([n for c in counts for n in c.values()], dtype=np.float32)
    df = np.bincount(cols, minlength=len(vocab)).astype(np.float32)
    n = len(corpus)
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    vectors = np.zeros((n, len(vocab)), dtype=np.float32)
    vectors[rows, cols] = idf[cols] * (1 + np.log(tf))
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1)
    return vocab, idf, np.ascontiguousarray(vectors.T)


def cache_key(catalog: NocCatalog, settings: MatchSettings) -> str:
    basis = json.dumps(
        [
            INDEX_VERSION,
            catalog.import_id,
            sorted(settings.extra_stop_words),
            settings.duty_space_dimensions,
            settings.duty_bm25_b,
            settings.group_bm25_b,
        ]
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


def _bm25(corpus: list[list[str]], b: float) -> bm25s.BM25:
    """``b`` is BM25's length normalisation, from 0 (none) to 1 (full): see rules/noc.yaml."""
    model = bm25s.BM25(b=b)
    model.index([terms or ["_"] for terms in corpus], show_progress=False)
    return model
