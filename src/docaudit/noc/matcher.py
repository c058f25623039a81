"""Which NOC unit groups a letter's duties describe, and how well they cover one group.

Signals, weighted in ``rules/noc.yaml``: each letter duty against every NOC main duty (BM25,
normalised per letter duty so one long duty cannot dominate: a letter duty should match one
specific NOC duty; and the same in latent-concept space, which credits related words:
``concepts``), the whole letter against each unit group as one document (BM25 and cosine, which
need shared words, a latent-concept cosine, and a cosine in latent concepts learnt from single
duties: ``duty_space``; the title's words count here too, as the NOC names many a job only in its
duties: "washer operator", "harvester"), the job title against the group's titles (rapidfuzz,
sharpened so only a clear match counts), and a manager / worker prior (``roles``).
The groups returned are aligned duty by duty with the letter, which is what the rules engine shows
a consultant as evidence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from docaudit.core.errors import NocDataMissing
from docaudit.noc.align import Aligner
from docaudit.noc.concepts import ConceptSpace
from docaudit.noc.copying import detect_copies
from docaudit.noc.index import NocIndex, cache_key
from docaudit.noc.models import Candidate, CopyReport, Coverage, DutyMatch, NocCatalog, UnitGroup
from docaudit.noc.normalise import Normaliser, split_duties
from docaudit.noc.register import Register
from docaudit.noc.roles import RolePrior
from docaudit.noc.settings import MatchSettings, Weights, load_settings
from docaudit.noc.store import default_db, load_catalog

log = logging.getLogger(__name__)

INDEX_DIR = "noc_index"
_SENTENCE = re.compile(r"(?<=\.)\s+")


_LOADED: dict[tuple[str, int], NocMatcher] = {}

Scores = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Signals:
    """Every ranking signal of one letter, per unit group, before weighting: kept apart so that
    weights can be chosen by cross-validation without scoring the letters again."""

    duty: Scores
    group: Scores
    group_cosine: Scores
    concept: Scores
    duty_space: Scores
    manager: Scores
    title: Scores | None
    """None when the letter names no job title: its weight then drops out of the total."""

    def combine(self, w: Weights) -> Scores:
        """The weighted mean of the signals, so a score stays in [0, 1]."""
        score = (
            w.duty * self.duty
            + w.group * self.group
            + w.group_cosine * self.group_cosine
            + w.concept * self.concept
            + w.duty_space * self.duty_space
            + w.manager * self.manager
        )
        total = w.duty + w.group + w.group_cosine + w.concept + w.duty_space + w.manager
        if self.title is not None:
            score = score + w.title * self.title**w.title_power
            total += w.title
        result: Scores = score / total if total else score
        return result


def _by_best(scores: Scores) -> Scores:
    """Scaled so the best group scores 1: signals differ in range, their rankings should count."""
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores


class NocMatcher:
    def __init__(self, index: NocIndex, normaliser: Normaliser, settings: MatchSettings) -> None:
        self.index = index
        self.catalog: NocCatalog = index.catalog
        self._norm = normaliser
        self._settings = settings
        self._align = Aligner(index.idf, settings)
        self._roles = RolePrior(index.groups, normaliser, settings.roles)
        self._concepts = ConceptSpace(index, settings.concept_dimensions)
        self._register = Register(settings.register, normaliser)

    @classmethod
    def load(cls, db: Path | None = None, settings: MatchSettings | None = None) -> NocMatcher:
        """The matcher for the imported release, kept for the process while the store is unchanged.

        A batch worker audits many clients; loading spaCy and the index once per process instead of
        once per client is most of a profile-only re-audit's time.
        """
        path = db or default_db()
        if settings is not None:
            return cls._load(path, settings)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return cls._load(path, None)
        key = (str(path.resolve()), stamp)
        if key not in _LOADED:
            _LOADED.clear()
            _LOADED[key] = cls._load(path, None)
        return _LOADED[key]

    @classmethod
    def _load(cls, path: Path, settings: MatchSettings | None) -> NocMatcher:
        catalog = load_catalog(path)
        match = settings or load_settings().match
        normaliser = Normaliser(match.extra_stop_words)
        folder = path.parent / INDEX_DIR
        key = cache_key(catalog, match)
        index = NocIndex.load(folder, key, catalog)
        if index is None:
            index = NocIndex.build(catalog, normaliser, match)
            index.save(folder, key)
        return cls(index, normaliser, match)

    @property
    def settings(self) -> MatchSettings:
        return self._settings

    def group(self, code: str) -> UnitGroup:
        found = self.catalog.get(code)
        if found is None:
            raise NocDataMissing(
                f"NOC {code!r} is not a unit group of the imported {self.catalog.release}"
            )
        return found

    # -- suggest ---------------------------------------------------------------------------

    def _title_terms(self, title: str) -> list[str]:
        """The title's terms without its grade ("Senior", "II"), which says nothing of the job."""
        terms = self._norm.terms(self._expand(title))
        return [t for t in terms if t not in self._settings.title_level_words]

    def _title_scores(self, title: str) -> npt.NDArray[np.float64]:
        """The title against every group's names; a qualified title ("Planner, Transit") also
        by its head alone, the better of the two counting."""
        n = len(self.index.groups)
        scores = np.zeros(n)
        if not self.index.title_strings:
            return scores
        head = self._settings.title_qualifier.split(title, maxsplit=1)[0]
        for text in {title, head}:
            terms = self._title_terms(text)
            if not terms:
                continue
            query = " ".join(terms)
            sims = cdist([query], self.index.title_strings, scorer=fuzz.token_set_ratio)[0] / 100.0
            sort = cdist([query], self.index.title_strings, scorer=fuzz.token_sort_ratio)[0] / 100.0
            np.maximum.at(scores, self.index.title_groups, (sims + sort) / 2)
        return scores

    def _duty_channel(self, clauses: list[list[str]]) -> npt.NDArray[np.float64]:
        s = self._settings
        n = len(self.index.groups)
        per_duty = np.zeros(n)
        total_weight = 0.0
        for terms in clauses:
            if not terms:
                continue
            doc_scores = self.index.duty_bm25.get_scores(terms)
            best = float(doc_scores.max())
            if best <= 0:
                continue
            by_group = np.maximum.reduceat(
                doc_scores * ~self.index.doc_is_lead, self.index.group_starts
            ).astype(np.float64)
            top = float(by_group.max())
            if top <= 0:
                continue
            weight = min(1.0, best / s.min_query_score)
            per_duty += weight * by_group / top
            total_weight += weight
        return per_duty / total_weight if total_weight else per_duty

    def _group_cosine(self, everything: list[str]) -> npt.NDArray[np.float64]:
        vocab = self.index.group_vocab
        counts: dict[int, int] = {}
        for term in everything:
            j = vocab.get(term)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(len(self.index.groups))
        rows = np.fromiter(counts, dtype=np.intp, count=len(counts))
        query = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        query *= self.index.group_idf[rows]
        query /= np.linalg.norm(query)
        return (query @ self.index.term_group_weights[rows]).astype(np.float64)

    def signals(self, duties: list[str], title: str | None = None) -> Signals:
        """The letter's ranking signals (what ``suggest`` weighs), for choosing weights."""
        return self._signals(self._letter_terms(split_duties(duties)), title)

    def _letter_terms(self, letters: list[str]) -> list[list[str]]:
        """Each duty's terms, with the NOC's words for its everyday ones (``register``)."""
        analysed = self._norm.terms_and_lemmas_many(self._expand(x) for x in letters)
        return [terms + self._register.adds(lemmas) for terms, lemmas in analysed]

    def _signals(self, clauses: list[list[str]], title: str | None) -> Signals:
        n = len(self.index.groups)
        title_terms = self._title_terms(title) if title else []
        everything = [t for terms in clauses for t in terms] + title_terms
        whole = np.zeros(n)
        cosine = np.zeros(n)
        if everything:
            whole = _by_best(self.index.group_bm25.get_scores(everything).astype(np.float64))
            cosine = _by_best(self._group_cosine(everything))
        manager = self._roles.scores([c for c in clauses if c], title_terms)
        return Signals(
            duty=self._duty_channel(clauses),
            group=whole,
            group_cosine=cosine,
            concept=_by_best(self._concepts.scores(everything)),
            duty_space=_by_best(self.index.duty_space.scores(everything)),
            manager=manager,
            title=self._title_scores(title or "") if title_terms else None,
        )

    def _alignment(
        self, gi: int, letters: list[str], terms: list[list[str]]
    ) -> tuple[float, tuple[DutyMatch, ...]]:
        group = self.index.groups[gi]
        duty_terms = self.index.duty_terms[gi]
        sims = self._align.matrix(terms, duty_terms)
        if sims.size == 0:
            return 0.0, ()
        best = sims.argmax(axis=1)
        matches = tuple(
            DutyMatch(letters[i], group.duties[int(j)].text, round(float(sims[i, j]), 3))
            for i, j in enumerate(best)
            if sims[i, j] >= self._settings.match_threshold
        )
        return float(sims.max(axis=1).mean()), matches

    def _expand(self, text: str) -> str:
        """Everyday words a letter uses for what the NOC names otherwise ("high school")."""
        adds = [a for pattern, a in self._settings.synonyms if pattern.search(text)]
        return " ".join([text, *adds])

    def suggest(self, duties: list[str], title: str | None = None, top: int = 5) -> list[Candidate]:
        """The ``top`` unit groups whose duties the letter's duties describe best."""
        letters = split_duties(duties)
        terms = self._letter_terms(letters)
        if not any(terms) and not (title and self._norm.terms(self._expand(title))):
            return []
        s = self._settings
        score = self._signals(terms, title).combine(s.weights)
        # With no weight on alignment the order is final: align only the groups returned.
        pool = max(top, s.candidates_for_alignment) if s.w_align > 0 else top
        shortlist = np.argsort(score)[::-1][:pool]
        ranked: list[tuple[float, int, tuple[DutyMatch, ...]]] = []
        for gi in shortlist:
            aligned, matches = self._alignment(int(gi), letters, terms)
            combined = (1 - s.w_align) * float(score[gi]) + s.w_align * aligned
            ranked.append((combined, int(gi), matches))
        ranked.sort(key=lambda r: -r[0])
        out: list[Candidate] = []
        for combined, gi, matches in ranked[:top]:
            g = self.index.groups[gi]
            out.append(Candidate(g.code, g.title, g.teer, round(combined, 3), matches))
        return out

    # -- coverage --------------------------------------------------------------------------

    def _lead_terms(self, group: UnitGroup) -> list[str]:
        """The lead statement's actions: sentences about where people work are left out."""
        sentences = [
            x
            for x in _SENTENCE.split(group.lead_statement)
            if not any(p.search(x) for p in self._settings.lead_context)
        ]
        title_terms = set(self._norm.terms(group.title))
        return [t for t in self._norm.terms(" ".join(sentences)) if t not in title_terms]

    def coverage(self, code: str, duties: list[str], title: str | None = None) -> Coverage:
        """How much of one unit group the letter's duties perform (IRCC's duties test)."""
        group = self.group(code)
        gi = self.index.code_to_group[group.code]
        letters = split_duties(duties)
        terms = self._norm.terms_many(letters)
        sims = self._align.matrix(terms, self.index.duty_terms[gi])
        s = self._settings
        covered: list[DutyMatch] = []
        uncovered: list[str] = []
        for j, duty in enumerate(group.duties):
            column = sims[:, j] if sims.size else np.zeros(0)
            if column.size and column.max() >= s.coverage_duty_threshold:
                i = int(column.argmax())
                covered.append(DutyMatch(letters[i], duty.text, round(float(column[i]), 3)))
            else:
                uncovered.append(duty.text)
        unmatched = tuple(
            letters[i]
            for i in range(len(letters))
            if not sims.size or sims[i].max() < s.match_threshold
        )
        everything = [t for ts in terms for t in ts]
        if title:
            everything += self._norm.terms(title)
        lead_sim = self._align.recall(everything, self._lead_terms(group))
        share = len(covered) / len(group.duties) if group.duties else 0.0
        return Coverage(
            code=group.code,
            title=group.title,
            coverage=round(share, 3),
            lead_statement_covered=lead_sim >= s.coverage_lead_threshold,
            lead_statement_similarity=round(lead_sim, 3),
            covered_duties=tuple(covered),
            uncovered_duties=tuple(uncovered),
            unmatched_letter_duties=unmatched,
        )

    # -- copying ---------------------------------------------------------------------------

    def copied(self, duties: list[str]) -> CopyReport:
        """Letter duties that reproduce NOC wording, of any unit group, and a verdict."""
        return detect_copies(self.index, split_duties(duties), self._settings)


__all__ = ["NocMatcher"]
