"""Managers and workers: the level a letter describes, as a prior over unit groups.

Neighbouring unit groups often share their vocabulary and differ only in level: a restaurant
manager and a cook both talk about menus and food costs. What sets them apart is how many duties
plan, direct and control other people's work (the NOC's own wording for TEER 0) and what the job
title calls the person. The words are data in ``rules/noc.yaml``. (A supervisor prior alike, over
the groups titled "supervisors", got no weight from the cross-validation over the development
letters and was removed on 2026-12-03.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from docaudit.noc.models import UnitGroup
from docaudit.noc.normalise import Normaliser
from docaudit.noc.settings import RoleSettings


class RolePrior:
    def __init__(
        self, groups: Sequence[UnitGroup], normaliser: Normaliser, settings: RoleSettings
    ) -> None:
        def terms(words: frozenset[str]) -> frozenset[str]:
            return frozenset(t for w in words for t in normaliser.terms(w))

        self._settings = settings
        self._duty_words = terms(settings.manager_duty_words)
        self._title_words = terms(settings.manager_title_words)
        self._is_manager: npt.NDArray[np.float64] = np.array(
            [g.teer == 0 for g in groups], dtype=np.float64
        )

    def _level(self, duties: Sequence[Sequence[str]], title: set[str]) -> float:
        share = sum(bool(self._duty_words.intersection(d)) for d in duties) / max(len(duties), 1)
        named = float(bool(title & self._title_words))
        s = self._settings
        return min(1.0, s.duty_share_gain * share + s.title_gain * named)

    def scores(
        self, duties: Sequence[Sequence[str]], title_terms: Sequence[str]
    ) -> npt.NDArray[np.float64]:
        """Per unit group: agreement of its manager level with the letter's."""
        manager = self._level(duties, set(title_terms))
        result: npt.NDArray[np.float64] = self._is_manager * manager + (1 - self._is_manager) * (
            1 - manager
        )
        return result
