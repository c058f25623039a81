"""How often WRK006 and WRK007 fire on labelled letters, when the declared NOC is right and when
a consultant picked a look-alike: the rate a consultant meets, which top-1 accuracy does not say.

    DOCAUDIT_DATA_DIR=/tmp/nocbench .venv/bin/python benchmarks/noc_rules.py [--final]

Each letter is judged four times, with the rules' own judgements (``clearly_better`` and
``supported`` in docaudit.checks.noc_rules) and thresholds (rules/thresholds/noc.yaml), declaring:
its right unit group; the group one TEER away with the same other digits ("twin": mechanical
engineers 21301 and technologists 22301), where there is one; another group of its minor group
("sibling": 10020 and 10021); a group of another broad category ("far"). The development letters
also get WRK007's firing rates over a sweep of margins, the figures its margin is chosen from.
``--final`` adds the final test sets at the committed thresholds, as aggregates only.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DOCAUDIT_DATA_DIR", tempfile.mkdtemp(prefix="docaudit-noc-"))

from noc_data import ELEMENTS, STRUCTURE, Case, dev_cases, final_sets, heldout_cases, noc_dir

from docaudit.checks.noc_rules import clearly_better, supported
from docaudit.checks.work_thresholds import thresholds
from docaudit.noc.models import Candidate

if TYPE_CHECKING:
    from docaudit.noc.matcher import NocMatcher

MARGINS = (0.0, 0.04, 0.08, 0.10, 0.12, 0.15, 0.20)
KINDS = ("right", "twin", "sibling", "far")


def _declarations(codes: list[str], code: str) -> dict[str, str | None]:
    """The code a consultant might declare for a letter of ``code``, by kind."""
    rng = random.Random(code)
    teer = int(code[1])
    twins = sorted(
        (c for c in codes if c[0] == code[0] and c[2:] == code[2:] and c != code),
        key=lambda c: (abs(int(c[1]) - teer), c),
    )
    siblings = [c for c in codes if c[:4] == code[:4] and c != code] or [
        c for c in codes if c[:3] == code[:3] and c != code
    ]
    return {
        "right": code,
        "twin": twins[0] if twins else None,
        "sibling": rng.choice(siblings) if siblings else None,
        "far": rng.choice([c for c in codes if c[0] != code[0]]),
    }


@dataclass(frozen=True)
class Judgement:
    """One letter judged with one declared code, as the audit would: WRK007 from the
    suggestions and the declared group's own score, WRK006 already decided."""

    candidates: tuple[Candidate, ...]
    declared: str
    declared_score: float | None
    wrk006: bool

    def wrk007(self, margin: float) -> bool:
        return (
            clearly_better(self.candidates, self.declared, self.declared_score, margin) is not None
        )


Judged = dict[str, list[Judgement]]


def _judge(matcher: NocMatcher, cases: list[Case]) -> Judged:
    settings = thresholds("noc")
    depth = int(settings["search_depth"])
    minimum, support_rank = float(settings["min_coverage"]), int(settings["support_rank"])
    codes = [g.code for g in matcher.catalog.groups]
    out: Judged = {kind: [] for kind in KINDS}
    for case in cases:
        ranked = matcher.suggest(case.duties, title=case.title, top=depth)
        by_duties = [c.code for c in matcher.suggest(case.duties, None, top=depth)]
        for kind, declared in _declarations(codes, case.code).items():
            if declared is None:
                continue
            cov = matcher.coverage(declared, case.duties, case.title)
            rank = by_duties.index(declared) + 1 if declared in by_duties else None
            out[kind].append(
                Judgement(
                    candidates=tuple(ranked[: int(settings["candidates"])]),
                    declared=declared,
                    declared_score=next((c.score for c in ranked if c.code == declared), None),
                    wrk006=not supported(cov, rank, minimum, support_rank),
                )
            )
    return out


def _rate(rows: list[Judgement], fires: Callable[[Judgement], bool]) -> str:
    return f"{sum(map(fires, rows)) / len(rows):.3f}" if rows else "    -"


def _row(label: str, judged: Judged, fires: Callable[[Judgement], bool]) -> str:
    return f"  {label:16}" + "  ".join(f"{_rate(judged[k], fires):>7}" for k in KINDS)


def _table(name: str, judged: Judged, margin: float) -> None:
    sizes = " / ".join(f"{k} {len(judged[k])}" for k in KINDS)
    print(f"{name} ({sizes} letters), share of letters each rule fires on:")
    print(f"  {'rule':16}" + "  ".join(f"{k:>7}" for k in KINDS))
    print(_row(f"WRK007 at {margin:.2f}", judged, partial(Judgement.wrk007, margin=margin)))
    print(_row("WRK006", judged, lambda j: j.wrk006))


def main() -> None:
    from docaudit.noc.matcher import NocMatcher
    from docaudit.noc.store import import_csv

    import_csv(noc_dir() / STRUCTURE, noc_dir() / ELEMENTS)
    matcher = NocMatcher.load()
    margin = float(thresholds("noc")["better_margin"])
    dev = _judge(matcher, dev_cases())
    _table("development letters", dev, margin)
    print("WRK007 over margins, development letters (right: false alarms; others: caught):")
    print(f"  {'margin':16}" + "  ".join(f"{k:>7}" for k in KINDS))
    for m in MARGINS:
        print(_row(f"{m:.2f}", dev, partial(Judgement.wrk007, margin=m)))
    if "--final" in sys.argv:
        for name in final_sets():
            _table(name, _judge(matcher, heldout_cases(name)), margin)


if __name__ == "__main__":
    main()
