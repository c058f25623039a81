"""Accuracy of the NOC matcher: top-1/top-3 on the paraphrase set (development data: both halves,
still reported apart for comparison with pass 2), on the held-out set, copy detection on verbatim
and lightly edited NOC lists, and false alarms on paraphrases.

    DOCAUDIT_DATA_DIR=/tmp/nocbench .venv/bin/python benchmarks/noc_accuracy.py [-v] [--heldout]

``-v`` lists the paraphrase set's misses, the ones to tune on. ``--heldout`` adds aggregate
figures for fixtures/noc_heldout.yaml; its misses are never listed, so tuning cannot look at them.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from noc_data import (
    ELEMENTS,
    STRUCTURE,
    Case,
    heldout_cases,
    lightly_edit,
    noc_dir,
    paraphrase_cases,
)

if TYPE_CHECKING:
    from docaudit.noc.matcher import NocMatcher


def _rates(rows: list[tuple[bool, bool]]) -> str:
    top1 = sum(a for a, _ in rows) / len(rows)
    top3 = sum(b for _, b in rows) / len(rows)
    return f"n={len(rows):3}  top-1 {top1:.3f}  top-3 {top3:.3f}"


def _ranked(matcher: NocMatcher, case: Case) -> tuple[bool, bool, list[str]]:
    found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
    return found[:1] == [case.code], case.code in found, found


def _heldout(matcher: NocMatcher) -> None:
    """Aggregates only: which held-out letter missed is deliberately not shown."""
    cases = heldout_cases()
    rows: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    false_alarms = 0
    for case in cases:
        top1, top3, _ = _ranked(matcher, case)
        for key in ("all", "new groups" if case.new_group else "seen groups"):
            rows[key].append((top1, top3))
        rows["titled" if case.title else "untitled"].append((top1, top3))
        false_alarms += matcher.copied(case.duties).verdict == "copied"
    for key in ("all", "seen groups", "new groups", "titled", "untitled"):
        print(f"held-out {key:11}: {_rates(rows[key])}")
    print(f"copy false alarms on held-out: {false_alarms / len(cases):.3f} (n={len(cases)})")


def main() -> None:
    os.environ.setdefault("DOCAUDIT_DATA_DIR", tempfile.mkdtemp(prefix="docaudit-noc-"))
    from docaudit.noc.matcher import NocMatcher
    from docaudit.noc.store import import_csv

    import_csv(noc_dir() / STRUCTURE, noc_dir() / ELEMENTS)
    matcher = NocMatcher.load()
    cases = paraphrase_cases()
    hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    misses: list[str] = []
    false_alarms = 0
    for case in cases:
        top1, top3, found = _ranked(matcher, case)
        hits[case.split].append((top1, top3))
        hits["all"].append((top1, top3))
        if not top1 and "-v" in sys.argv:
            misses.append(f"  {case.split} {case.code} title={case.title!r} got {found}")
        if matcher.copied(case.duties).verdict == "copied":
            false_alarms += 1
    for split in ("dev", "test", "all"):
        print(f"paraphrases {split:4}: {_rates(hits[split])}")
    print("\n".join(misses))
    if "--heldout" in sys.argv:
        _heldout(matcher)

    rng = random.Random(2021)
    groups = [g for g in matcher.catalog.groups if len(g.duties) >= 3]
    sample = rng.sample(groups, 100)
    verbatim = edited = 0
    for group in sample:
        duties = [d.text for d in group.duties][:8]
        verbatim += matcher.copied(duties).verdict == "copied"
        changed = [lightly_edit(d, rng) for d in duties]
        rng.shuffle(changed)
        edited += matcher.copied(changed).verdict == "copied"
    print(
        f"copy detection: verbatim {verbatim / len(sample):.3f}  "
        f"lightly edited {edited / len(sample):.3f}  (n={len(sample)} NOC lists)"
    )
    print(f"copy false alarms on paraphrases: {false_alarms / len(cases):.3f} (n={len(cases)})")


if __name__ == "__main__":
    main()
