"""The one spaCy pipeline docaudit uses: blank English with lookup lemmas, no model download.

``en_core_web_sm`` is used only when already installed (better lemmas and sentence boundaries);
nothing is ever fetched at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def blank_pipeline() -> Any:
    """Tokenizer-only English: what phrase matching needs, and fast to build."""
    import spacy

    return spacy.blank("en")


@lru_cache(maxsize=1)
def lemma_pipeline() -> Any:
    """English with lemmas: ``en_core_web_sm`` if installed, else blank + lookup lemmatizer."""
    import spacy

    try:
        return spacy.load("en_core_web_sm", disable=["parser", "ner"])
    except OSError:
        nlp = spacy.blank("en")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        return nlp
