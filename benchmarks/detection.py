"""Detection benchmark: do the audit's findings name exactly the faults the generator injected?

    .venv/bin/python benchmarks/detection.py [--clients 60] [--seed 5] [--scan-share 0.3]
        [--out benchmarks/_work/detection] [--clean-share 0.4] [--jobs 1]

Generates a labelled corpus (reused when ``OUT/corpus`` already holds labels), audits every client
with ``audit_folder`` (one extraction cache for the run; NOC 2021 imported into ``OUT/data`` when
``DOCAUDIT_DATA_DIR`` has none), and compares findings with the labels by (rule, subject prefix).
A finding counts when its severity is above info, or info where the fault's rule is info. A fault
is found when a finding of its rule has a subject that is a prefix of one of the fault's subjects
or the reverse, or names the file the fault touched; a finding of a rule the label lists under
``also`` is neither a hit nor a false alarm. Recall and precision are printed per rule and overall,
separately for text PDFs and scans (the modality of the document the fault touched; profile-only
faults count as text), followed by clean clients with findings, misses and false alarms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "fixtures"))

NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", REPO.parent / "shared" / "data" / "noc2021"))
TARGETS = {"text": (0.95, 0.95), "scan": (0.90, 0.90)}


@dataclass(frozen=True)
class Seen:
    """One finding, reduced to what the comparison needs."""

    rule: str
    subject: str
    severity: str
    message: str


@dataclass
class Tally:
    found: int = 0
    faults: int = 0
    hits: int = 0
    alarms: int = 0

    def recall(self) -> float | None:
        return self.found / self.faults if self.faults else None

    def precision(self) -> float | None:
        shown = self.hits + self.alarms
        return self.hits / shown if shown else None


@dataclass
class Outcome:
    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)
    misses: list[tuple[str, str, dict[str, Any], list[Seen]]] = field(default_factory=list)
    alarms: list[tuple[str, str, Seen]] = field(default_factory=list)
    dirty_clean: list[tuple[str, Seen]] = field(default_factory=list)

    def tally(self, modality: str, rule: str) -> Tally:
        return self.tallies.setdefault((modality, rule), Tally())


def _ensure_noc(out: Path) -> None:
    """Point DOCAUDIT_DATA_DIR at a folder with NOC 2021 imported (the duty rules need it)."""
    current = os.environ.get("DOCAUDIT_DATA_DIR")
    if current and (Path(current) / "noc.sqlite").exists():
        return
    data = out / "data"
    if not (data / "noc.sqlite").exists():
        from docaudit.noc.store import import_csv

        data.mkdir(parents=True, exist_ok=True, mode=0o700)
        import_csv(
            NOC_DIR / "noc_2021_version_1.0_-_classification_structure.csv",
            NOC_DIR / "noc_2021_version_1.0_-_elements.csv",
            db=data / "noc.sqlite",
        )
    os.environ["DOCAUDIT_DATA_DIR"] = str(data)


def _corpus(args: argparse.Namespace) -> list[dict[str, Any]]:
    corpus = args.out / "corpus"
    labels = sorted(corpus.glob("*.labels.json")) if corpus.is_dir() else []
    if labels:
        print(f"reusing corpus {corpus} ({len(labels)} clients)")
        return [json.loads(p.read_text(encoding="utf-8")) for p in labels]
    from clientgen import ScanOptions, generate_corpus

    corpus.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    out = generate_corpus(
        corpus,
        args.clients,
        args.seed,
        clean_share=args.clean_share,
        scans=ScanOptions(share=args.scan_share),
    )
    print(f"generated {len(out)} clients in {corpus} ({time.perf_counter() - start:.0f} s)")
    return out


def audit(client: Path, cache: Path) -> list[Seen]:
    from docaudit.api import AuditOptions, audit_folder

    report = audit_folder(client, AuditOptions(cache_dir=cache)).report
    return [Seen(f.rule, f.subject, str(f.severity), f.message) for f in report.findings]


def _related(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def matches(fault: dict[str, Any], seen: Seen) -> bool:
    if seen.rule != fault["rule"]:
        return False
    subjects = fault.get("subjects") or [fault["subject"]]
    return any(_related(seen.subject, s) for s in subjects) or seen.subject == fault.get("document")


def _counts(seen: Seen, info_rules: set[str]) -> bool:
    return seen.severity != "info" or seen.rule in info_rules


def modality(label: dict[str, Any], fault: dict[str, Any]) -> str:
    path = fault.get("document")
    for doc in label["documents"]:
        if doc["path"] == path:
            return str(doc["modality"])
    return "text"


def compare(label: dict[str, Any], findings: Iterable[Seen], outcome: Outcome) -> None:
    faults: list[dict[str, Any]] = label["faults"]
    client = str(label["client_id"])
    info_rules = {f["rule"] for f in faults}
    shown = [s for s in findings if _counts(s, info_rules)]
    if not faults:
        outcome.dirty_clean += [(client, s) for s in shown]
    for fault in faults:
        kind = modality(label, fault)
        tally = outcome.tally(kind, fault["rule"])
        tally.faults += 1
        if any(matches(fault, s) for s in shown):
            tally.found += 1
        else:
            outcome.misses.append(
                (client, kind, fault, [s for s in shown if s.rule == fault["rule"]])
            )
    for seen in shown:
        owner = next((f for f in faults if matches(f, seen)), None)
        if owner is not None:
            outcome.tally(modality(label, owner), seen.rule).hits += 1
            continue
        if any(seen.rule in f.get("also", []) for f in faults):
            continue
        scan_docs = [d for d in label["documents"] if d["modality"] == "scan"]
        kind = "scan" if any(d["path"] in seen.message for d in scan_docs) else "text"
        outcome.tally(kind, seen.rule).alarms += 1
        outcome.alarms.append((client, kind, seen))


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def print_outcome(outcome: Outcome) -> bool:
    met = True
    for kind in ("text", "scan"):
        rows = sorted((r, t) for (k, r), t in outcome.tallies.items() if k == kind)
        total = Tally()
        print(f"\n== {kind} ==  rule      faults found recall  findings alarms precision")
        for rule, t in rows:
            print(
                f"           {rule:8} {t.faults:6} {t.found:5}  {_fmt(t.recall())}  "
                f"{t.hits + t.alarms:8} {t.alarms:6}  {_fmt(t.precision())}"
            )
            total.faults += t.faults
            total.found += t.found
            total.hits += t.hits
            total.alarms += t.alarms
        want_r, want_p = TARGETS[kind]
        recall, precision = total.recall(), total.precision()
        ok = (recall is None or recall >= want_r) and (precision is None or precision >= want_p)
        met = met and ok
        print(
            f"           {'overall':8} {total.faults:6} {total.found:5}  {_fmt(recall)}  "
            f"{total.hits + total.alarms:8} {total.alarms:6}  {_fmt(precision)}"
            f"   target {want_r:.2f}/{want_p:.2f} {'met' if ok else 'NOT met'}"
        )
    print(f"\n== clean clients with findings above info: {len(outcome.dirty_clean)} ==")
    for client, s in outcome.dirty_clean:
        print(f"  {client}  {s.severity:6} {s.rule} {s.subject}: {s.message}")
    print(f"\n== misses: {len(outcome.misses)} ==")
    for client, kind, fault, same_rule in outcome.misses:
        print(f"  {client} [{kind}] {fault['rule']} {fault['subject']}: {fault['description']}")
        for s in same_rule:
            print(f"      (same rule, other subject) {s.subject}: {s.message}")
    print(f"\n== false alarms: {len(outcome.alarms)} ==")
    for client, kind, s in outcome.alarms:
        print(f"  {client} [{kind}] {s.severity:6} {s.rule} {s.subject}: {s.message}")
    return met and not outcome.dirty_clean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--seed", default="5")
    parser.add_argument("--scan-share", type=float, default=0.3)
    parser.add_argument("--clean-share", type=float, default=0.4)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "_work" / "detection")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    _ensure_noc(args.out)
    labels = _corpus(args)
    cache = args.out / "cache"
    outcome = Outcome()
    start = time.perf_counter()
    for i, label in enumerate(labels):
        t0 = time.perf_counter()
        findings = audit(args.out / "corpus" / label["client_id"], cache)
        compare(label, findings, outcome)
        print(
            f"[{i + 1}/{len(labels)}] {label['client_id']} "
            f"{','.join(f['rule'] for f in label['faults']) or 'clean'} "
            f"({time.perf_counter() - t0:.1f} s)",
            flush=True,
        )
    print(f"\naudited {len(labels)} clients in {time.perf_counter() - start:.0f} s")
    return 0 if print_outcome(outcome) else 1


if __name__ == "__main__":
    raise SystemExit(main())
