"""Words reduced to comparable terms, so "I was responsible for designing" meets "Design".

spaCy's blank English pipeline with the lookup lemmatizer (spacy-lookups-data) gives lemmas and
stop words without a trained model; a few spelling folds on top make British and American
spellings ("analyse", "analyze") and the lookup table's odd lemmas ("develope") agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.lang.en.stop_words import STOP_WORDS

_NON_ALPHA = re.compile(r"[^a-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_PREFIX_HYPHEN = re.compile(r"\b(co|re|pre|non|sub|multi|e)-(?=\w)", re.IGNORECASE)
_JOINERS = re.compile(r"[-/]")
_BULLET = re.compile(r"^\s*(?:[-*•◦▪●·]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")


def _fold(lemma: str) -> str:
    word = _NON_ALPHA.sub("", lemma.casefold())
    if len(word) > 5 and word.endswith(("yse", "ise")):
        word = word[:-2] + "ze"
    if len(word) > 5 and word.endswith("our"):
        word = word[:-2] + "r"
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


class Normaliser:
    """Turns duty text into content terms; one instance per process, it owns a spaCy pipeline."""

    def __init__(self, extra_stop_words: Iterable[str] = ()) -> None:
        nlp = spacy.blank("en")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        self._nlp = nlp
        self._stop = frozenset(STOP_WORDS) | frozenset(w.casefold() for w in extra_stop_words)

    def lemmas(self, text: str) -> list[str]:
        """Every word's lemma, stop words kept: phrases such as "look after" are made of them."""
        return _lemmas(self._nlp(_prepare(text)))

    def terms_and_lemmas_many(self, texts: Iterable[str]) -> list[tuple[list[str], list[str]]]:
        """``terms_many`` and ``lemmas`` from one pass of the pipeline, for a letter's duties."""
        docs = self._nlp.pipe((_prepare(t) for t in texts), batch_size=256)
        return [(self._terms(doc), _lemmas(doc)) for doc in docs]

    def _terms(self, doc: spacy.tokens.Doc) -> list[str]:
        terms: list[str] = []
        for token in doc:
            lower = token.lower_
            if lower in self._stop or token.is_punct or token.like_num:
                continue
            term = _fold(token.lemma_ or lower)
            if len(term) > 1 and term not in self._stop:
                terms.append(term)
        return terms

    def terms(self, text: str) -> list[str]:
        return self._terms(self._nlp(_prepare(text)))

    def terms_many(self, texts: Iterable[str]) -> list[list[str]]:
        docs = self._nlp.pipe((_prepare(t) for t in texts), batch_size=256)
        return [self._terms(doc) for doc in docs]


def _lemmas(doc: spacy.tokens.Doc) -> list[str]:
    return [token.lemma_ or token.lower_ for token in doc if not token.is_punct]


def _prepare(text: str) -> str:
    """Lower-cased, because the lookup table is keyed on lower-case words: a duty's first word
    ("Prepared", "Wrote") would otherwise keep its tense and never meet the NOC's "Prepare"."""
    return _unhyphen(text).lower()


def _unhyphen(text: str) -> str:
    """ "co-ordinate" is "coordinate", but "health-care" is two words."""
    return _JOINERS.sub(" ", _PREFIX_HYPHEN.sub(r"\1", text))


def split_duties(duties: Iterable[str]) -> list[str]:
    """One duty per item: bullets dropped, prose broken at sentence ends, blanks skipped."""
    out: list[str] = []
    for duty in duties:
        for line in duty.splitlines():
            text = _BULLET.sub("", line).strip()
            out += [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    return out


def surface(text: str) -> str:
    """Wording as compared for copying: case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
