"""Managers, supervisors and workers: the level a letter describes, as a prior over unit groups.

Neighbouring unit groups often share their vocabulary and differ only in level: a restaurant
manager and a cook both talk about menus and food costs. What sets them apart is how many duties
plan, direct and control other people's work (the NOC's own wording for TEER 0) and what the job
title calls the person. The words are data in ``rules/noc.yaml``.
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
        self._mgr_duty = terms(settings.manager_duty_words)
        self._mgr_title = terms(settings.manager_title_words)
        self._sup_duty = terms(settings.supervisor_duty_words)
        self._sup_title = terms(settings.supervisor_title_words)
        self._is_manager: npt.NDArray[np.float64] = np.array(
            [g.teer == 0 for g in groups], dtype=np.float64
        )
        self._is_supervisor: npt.NDArray[np.float64] = np.array(
            [bool(set(normaliser.terms(g.title)) & self._sup_title) for g in groups],
            dtype=np.float64,
        )

    def _level(
        self,
        duties: Sequence[Sequence[str]],
        title: set[str],
        duty_words: frozenset[str],
        title_words: frozenset[str],
    ) -> float:
        share = sum(bool(duty_words.intersection(d)) for d in duties) / max(len(duties), 1)
        named = float(bool(title & title_words))
        s = self._settings
        return min(1.0, s.duty_share_gain * share + s.title_gain * named)

    def scores(
        self, duties: Sequence[Sequence[str]], title_terms: Sequence[str]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Per unit group: agreement of its manager level with the letter's, and the letter's
        supervisor level where the group is one of supervisors; the matcher weighs the two."""
        title = set(title_terms)
        manager = self._level(duties, title, self._mgr_duty, self._mgr_title)
        supervisor = self._level(duties, title, self._sup_duty, self._sup_title)
        level_fit = self._is_manager * manager + (1 - self._is_manager) * (1 - manager)
        return level_fit, self._is_supervisor * supervisor
