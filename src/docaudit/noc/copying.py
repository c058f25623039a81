"""Copy detection: letter duties whose wording is the NOC's, compared as characters.

Meaning is the matcher's business; here only wording counts, because what IRCC officers distrust
is a letter that reproduces the published duty list (Ansari v. Canada, 2013 FC 849). One quoted
duty is common and harmless; most of the list being NOC text is the red flag.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from docaudit.noc.index import NocIndex
from docaudit.noc.models import CopyPair, CopyReport, CopyVerdict
from docaudit.noc.normalise import surface
from docaudit.noc.settings import MatchSettings

_SHORTLIST = 5


def _contained(letter: str, noc: str, settings: MatchSettings) -> float:
    """A NOC duty quoted whole inside a longer letter duty ("At Acme I ... using SAP")."""
    if len(noc) < settings.containment_min_chars or len(noc) < settings.containment_min_share * len(
        letter
    ):
        return 0.0
    return float(fuzz.partial_ratio(noc, letter)) / 100.0


def detect_copies(index: NocIndex, duties: list[str], settings: MatchSettings) -> CopyReport:
    letters = [d for d in duties if surface(d)]
    if not letters:
        return CopyReport((), 0.0, 0, "original")
    queries = [surface(d) for d in letters]
    ratio = cdist(queries, index.surfaces, scorer=fuzz.ratio, workers=1) / 100.0
    pairs: list[CopyPair] = []
    for row, (text, query) in enumerate(zip(letters, queries, strict=True)):
        shortlist = np.argsort(ratio[row])[::-1][:_SHORTLIST]
        best_sim, best_j = 0.0, int(shortlist[0])
        for j in shortlist:
            noc = index.surfaces[j]
            sim = max(
                float(ratio[row, j]),
                fuzz.token_sort_ratio(query, noc) / 100.0,
                _contained(query, noc, settings),
            )
            if sim > best_sim:
                best_sim, best_j = sim, int(j)
        if best_sim >= settings.copy_near_verbatim:
            gi, di = index.surface_owner[best_j]
            group = index.groups[gi]
            pairs.append(CopyPair(text, group.code, group.duties[di].text, round(best_sim, 3)))
    share = len(pairs) / len(letters)
    verdict: CopyVerdict = "original"
    if pairs:
        verdict = "quotes_noc"
        if share >= settings.copied_share and len(pairs) >= settings.copied_min_duties:
            verdict = "copied"
    return CopyReport(tuple(pairs), round(share, 3), len(letters), verdict)
