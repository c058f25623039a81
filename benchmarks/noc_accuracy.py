"""Accuracy of the NOC matcher: top-1/top-3 on the development letters (the paraphrase set and
held-out sets 1, 3 and 4), on the final test sets, copy detection on verbatim and lightly edited NOC
lists, and false alarms on the development letters.

    DOCAUDIT_DATA_DIR=/tmp/nocbench .venv/bin/python benchmarks/noc_accuracy.py [-v] [--cv]
    DOCAUDIT_DATA_DIR=/tmp/nocbench .venv/bin/python benchmarks/noc_accuracy.py --heldout

``-v`` lists the development letters' misses, the ones to study. ``--cv`` chooses the signal
weights by grouped k-fold cross-validation over all development letters (every file pooled, the
folds split by unit group so a letter is scored with weights chosen without its group): it prints
the accuracy of that choice pooled, per file, and for titled and untitled letters apart, and the
weights the whole pool picks (the ones to write into rules/noc.yaml). ``--heldout`` prints
aggregate figures for the final test sets (``FINAL_SETS``); their misses are never listed, and
they are measured once, at the end of a round of changes, never while tuning.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from noc_data import (
    DEV_HELDOUT,
    ELEMENTS,
    STRUCTURE,
    Case,
    dev_cases,
    final_sets,
    heldout_cases,
    lightly_edit,
    noc_dir,
)

if TYPE_CHECKING:
    from docaudit.noc.matcher import NocMatcher, Signals
    from docaudit.noc.settings import Weights

GRID: dict[str, tuple[float, ...]] = {
    "group": (0.3, 0.6, 1.0),
    "group_cosine": (0.0, 0.3, 0.6),
    "concept": (1.0, 2.0, 3.0),
    "duty_space": (0.0, 0.5, 1.0, 2.0),
    "title": (1.5, 2.0, 3.0),
    "title_power": (2.0, 4.0),
    "manager": (0.0, 0.2, 0.4),
}
"""Weights tried relative to the duty signal's (1.0): a coarse grid, as 537 letters cannot tell
finer steps apart."""
FOLDS, REPEATS = 5, 10


def _rates(rows: list[tuple[bool, bool]]) -> str:
    top1 = sum(a for a, _ in rows) / len(rows)
    top3 = sum(b for _, b in rows) / len(rows)
    return f"n={len(rows):3}  top-1 {top1:.3f}  top-3 {top3:.3f}"


def _ranked(matcher: NocMatcher, case: Case) -> tuple[bool, bool, list[str]]:
    found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
    return found[:1] == [case.code], case.code in found, found


def _heldout(matcher: NocMatcher, name: str) -> None:
    """Aggregates only: which held-out letter missed is deliberately not shown."""
    cases = heldout_cases(name)
    rows: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    false_alarms = 0
    for case in cases:
        top1, top3, _ = _ranked(matcher, case)
        for key in ("all", "new groups" if case.new_group else "seen groups"):
            rows[key].append((top1, top3))
        rows["titled" if case.title else "untitled"].append((top1, top3))
        false_alarms += matcher.copied(case.duties).verdict == "copied"
    for key in ("all", "seen groups", "new groups", "titled", "untitled"):
        print(f"{name} {key:11}: {_rates(rows[key])}")
    print(f"copy false alarms on {name}: {false_alarms / len(cases):.3f} (n={len(cases)})")


def _stack(signals: list[Signals]) -> Signals:
    """Many letters' signals as one, a row per letter: a grid point scores them all at once."""
    fields = {f.name: [getattr(x, f.name) for x in signals] for f in dataclasses.fields(signals[0])}
    return type(signals[0])(
        **{k: None if v[0] is None else np.vstack(v) for k, v in fields.items()}
    )


def _objective(ranks: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
    """Top-1, then top-3, then the reciprocal rank, which breaks ties among grid points."""
    result: npt.NDArray[np.float64] = (
        (ranks == 0).mean(axis=-1)
        + 0.5 * (ranks < 3).mean(axis=-1)
        + 0.5 * (1.0 / (1 + ranks)).mean(axis=-1)
    )
    return result


def _file(case: Case) -> str:
    return "paraphrases" if case.split in ("dev", "test") else case.split


def _parts(cases: list[Case]) -> dict[str, npt.NDArray[np.bool_]]:
    """The letters each figure is reported on: all, each file, titled and untitled."""
    files = sorted({_file(c) for c in cases}, reverse=True)
    parts = {"pooled": np.ones(len(cases), dtype=bool)}
    parts |= {name: np.array([_file(c) == name for c in cases]) for name in files}
    parts["titled"] = np.array([bool(c.title) for c in cases])
    parts["untitled"] = ~parts["titled"]
    return parts


def _cross_validate(matcher: NocMatcher, cases: list[Case]) -> None:
    """Weights chosen on four fifths of the unit groups, scored on the fifth, over repeats."""
    base = matcher.settings.weights
    gold = np.array([matcher.index.code_to_group[c.code] for c in cases])
    signals = [matcher.signals(c.duties, title=c.title) for c in cases]
    by_title = [
        np.array([(x.title is None) == untitled for x in signals]) for untitled in (False, True)
    ]
    stacks = [_stack([x for x, p in zip(signals, part, strict=True) if p]) for part in by_title]
    grid: list[Weights] = [
        dataclasses.replace(base, duty=1.0, **dict(zip(GRID, point, strict=True)))
        for point in itertools.product(*GRID.values())
    ]
    ranks = np.zeros((len(grid), len(cases)), dtype=np.intp)
    for i, weights in enumerate(grid):
        for part, stack in zip(by_title, stacks, strict=True):
            score = stack.combine(weights)
            mine = score[np.arange(len(score)), gold[part]]
            ranks[i, part] = (score > mine[:, None]).sum(axis=1)
    parts = _parts(cases)
    codes = sorted({c.code for c in cases})
    found = []
    for repeat in range(REPEATS):
        random.Random(repeat).shuffle(codes)
        fold = {code: i % FOLDS for i, code in enumerate(codes)}
        folds = np.array([fold[c.code] for c in cases])
        out = np.zeros(len(cases), dtype=np.intp)
        for k in range(FOLDS):
            chosen = int(np.argmax(_objective(ranks[:, folds != k])))
            out[folds == k] = ranks[chosen, folds == k]
        found.append([((out[p] == 0).mean(), (out[p] < 3).mean()) for p in parts.values()])
    figures = np.mean(found, axis=0)
    print(f"development letters cross-validated ({FOLDS} folds by unit group, {REPEATS} repeats):")
    for (name, part), (top1, top3) in zip(parts.items(), figures, strict=True):
        print(f"  {name:11}: n={int(part.sum()):3}  top-1 {top1:.3f}  top-3 {top3:.3f}")
    best = int(np.argmax(_objective(ranks)))
    print(f"weights the whole pool picks: {grid[best]}")


def main() -> None:
    os.environ.setdefault("DOCAUDIT_DATA_DIR", tempfile.mkdtemp(prefix="docaudit-noc-"))
    from docaudit.noc.matcher import NocMatcher
    from docaudit.noc.store import import_csv

    import_csv(noc_dir() / STRUCTURE, noc_dir() / ELEMENTS)
    matcher = NocMatcher.load()
    cases = dev_cases()
    hits: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    misses: list[str] = []
    false_alarms = 0
    for case in cases:
        top1, top3, found = _ranked(matcher, case)
        hits[case.split].append((top1, top3))
        hits["all"].append((top1, top3))
        hits["titled" if case.title else "untitled"].append((top1, top3))
        if not top1 and "-v" in sys.argv:
            misses.append(f"  {case.split} {case.code} title={case.title!r} got {found}")
        if matcher.copied(case.duties).verdict == "copied":
            false_alarms += 1
    for split in ("dev", "test", *DEV_HELDOUT, "titled", "untitled", "all"):
        print(f"development {split:8}: {_rates(hits[split])}")
    print("\n".join(misses))
    if "--cv" in sys.argv:
        _cross_validate(matcher, cases)
    if "--heldout" in sys.argv:
        for name in final_sets():
            _heldout(matcher, name)

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
    rate = false_alarms / len(cases)
    print(f"copy false alarms on development letters: {rate:.3f} (n={len(cases)})")


if __name__ == "__main__":
    main()
