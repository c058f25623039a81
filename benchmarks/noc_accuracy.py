"""Accuracy of the NOC matcher: top-1/top-3 on the paraphrase set (dev and test halves reported
apart), copy detection on verbatim and lightly edited NOC lists, false alarms on paraphrases.

    DOCAUDIT_DATA_DIR=/tmp/nocbench .venv/bin/python benchmarks/noc_accuracy.py [-v] [--test-misses]

``-v`` lists the dev half's misses, the ones to tune on; the test half's misses are listed only
with ``--test-misses``, so that tuning does not look at them.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from noc_data import ELEMENTS, STRUCTURE, lightly_edit, noc_dir, paraphrase_cases


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
        found = [c.code for c in matcher.suggest(case.duties, title=case.title, top=3)]
        hits[case.split].append((found[:1] == [case.code], case.code in found))
        shown = case.split == "dev" or "--test-misses" in sys.argv
        if found[:1] != [case.code] and "-v" in sys.argv and shown:
            misses.append(f"  {case.split} {case.code} title={case.title!r} got {found}")
        if matcher.copied(case.duties).verdict == "copied":
            false_alarms += 1
    for split in ("dev", "test"):
        rows = hits[split]
        top1 = sum(a for a, _ in rows) / len(rows)
        top3 = sum(b for _, b in rows) / len(rows)
        print(f"suggest {split:4}: n={len(rows):3}  top-1 {top1:.3f}  top-3 {top3:.3f}")
    print("\n".join(misses))

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
