"""Speed of the NOC engine: index build, load from the cache, and suggest latency per letter.

.venv/bin/python benchmarks/noc_speed.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from noc_data import ELEMENTS, STRUCTURE, noc_dir, paraphrase_cases


def main() -> None:
    os.environ["DOCAUDIT_DATA_DIR"] = tempfile.mkdtemp(prefix="docaudit-noc-speed-")
    from docaudit.noc.matcher import NocMatcher
    from docaudit.noc.store import import_csv

    t0 = time.perf_counter()
    import_csv(noc_dir() / STRUCTURE, noc_dir() / ELEMENTS)
    t1 = time.perf_counter()
    first = NocMatcher.load()
    t2 = time.perf_counter()
    # Explicit settings skip the per-process copy: this is what a new audit process pays.
    matcher = NocMatcher.load(settings=first.settings)
    t3 = time.perf_counter()
    print(f"import CSV -> SQLite: {t1 - t0:.2f} s")
    print(f"first load (builds and caches the index, incl. spaCy start): {t2 - t1:.2f} s")
    print(f"load from the disk cache (a new process: pipeline and index read): {t3 - t2:.2f} s")
    cases = paraphrase_cases()
    for case in cases[:5]:
        matcher.suggest(case.duties, title=case.title)
    times: list[float] = []
    for _ in range(3):
        for case in cases:
            start = time.perf_counter()
            matcher.suggest(case.duties, title=case.title)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"suggest per letter: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
        f"(n={len(times)})"
    )
    copy_times: list[float] = []
    for case in cases:
        start = time.perf_counter()
        matcher.copied(case.duties)
        copy_times.append((time.perf_counter() - start) * 1000)
    print(f"copied per letter: median {statistics.median(copy_times):.1f} ms")


if __name__ == "__main__":
    main()
