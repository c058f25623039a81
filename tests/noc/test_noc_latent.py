"""The latent signals that credit related words: the concept space of whole unit groups and the
duty space (concepts learnt from single duties)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from docaudit.noc.duty_space import DutySpace
from docaudit.noc.index import cache_key
from docaudit.noc.matcher import NocMatcher

DOCS = [
    (0, ("restock", "shelf", "store")),
    (0, ("price", "label", "shelf")),
    (0, ("greet", "customer", "store")),
    (1, ("drive", "truck", "route")),
    (1, ("load", "truck", "cargo")),
    (1, ("inspect", "truck", "brake")),
    (2, ("cook", "meal", "kitchen")),
    (2, ("clean", "kitchen", "equipment")),
]


def test_a_word_leads_to_the_group_whose_duties_it_shares() -> None:
    """Each word sits in the latent direction of the duties it occurs in, so even a word of a
    single duty ("label", "cargo") points the letter at that duty's unit group."""
    space = DutySpace.build(DOCS, 3, dimensions=3)
    for words, group in ((["label"], 0), (["restock"], 0), (["cargo", "route"], 1), (["meal"], 2)):
        assert int(np.argmax(space.scores(words))) == group
    assert space.scores(["unknown"]).max() == 0.0


def test_the_duty_space_is_the_same_on_every_build_and_after_a_reload(tmp_path: Path) -> None:
    first = DutySpace.build(DOCS, 3, dimensions=3)
    second = DutySpace.build(DOCS, 3, dimensions=3)
    query = ["shelf", "truck", "kitchen"]
    assert np.array_equal(first.scores(query), second.scores(query))
    first.save(tmp_path / "space.npz")
    again = DutySpace.load(tmp_path / "space.npz")
    assert np.allclose(again.scores(query), first.scores(query))


def test_a_changed_setting_the_index_is_built_with_rebuilds_it(matcher: NocMatcher) -> None:
    settings = matcher.settings
    for changed in (
        dataclasses.replace(settings, duty_space_dimensions=settings.duty_space_dimensions + 1),
        dataclasses.replace(settings, group_bm25_b=settings.group_bm25_b - 0.1),
        dataclasses.replace(settings, duty_bm25_b=settings.duty_bm25_b + 0.1),
    ):
        assert cache_key(matcher.catalog, changed) != cache_key(matcher.catalog, settings)


def test_the_latent_signals_take_part_in_the_ranking(matcher: NocMatcher) -> None:
    signals = matcher.signals(["Restocked the shelves and put price labels on new stock"])
    assert signals.concept.max() == 1.0 and signals.concept.min() >= 0.0
    assert signals.duty_space.max() == 1.0 and signals.duty_space.min() >= 0.0
    weights = matcher.settings.weights
    assert weights.concept > 0 and weights.duty_space > 0
