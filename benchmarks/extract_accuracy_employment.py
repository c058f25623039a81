"""Field-level precision and recall of the employment extractors against generated labels.

    .venv/bin/python benchmarks/extract_accuracy_employment.py --clients 30 --seed 7 \
        [--corpus DIR] [--cache-dir DIR] [--show-errors]

Generates the corpus into DIR (unless its labels are already there), reads every reference
letter, pay stub and tax document as an audit would (text layer or OCR, cached), runs the
extractor of the labelled type and compares each field with the value the generator printed.
Rows are split by modality: text PDFs, 300-dpi scans and 200-dpi scans.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docaudit.api import extract_file
from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extract_facts
from docaudit.extract.facts.parse import employers_match, parse_name
from docaudit.extract.facts.parse.vocab import fold_name

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("reference_letter", "employment_contract", "job_offer", "pay_stub", "tax_document")

Counts = dict[str, int]


def _norm(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_name(str(text))).split())


def _name_key(text: str) -> tuple[str, str]:
    parsed = parse_name(text)
    return (_norm(parsed.family), _norm(parsed.given)) if parsed else ("", "")


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _money_eq(label: dict[str, Any] | None, found: Any) -> bool:
    if not label or not isinstance(found, dict):
        return False
    same = abs(float(found["amount"]) - float(label["amount"])) < 0.011
    same = same and found.get("currency") == label.get("currency")
    return same and ("per" not in label or found.get("per") == label["per"])


Compare = Callable[[Any, Any], bool]
_EQ: Compare = lambda a, b: a == b  # noqa: E731

# field -> (fact kind, how the label is read, comparison)
SINGLE: dict[str, dict[str, tuple[str, Callable[[dict[str, Any]], Any], Compare]]] = {
    "reference_letter": {
        "employer": (
            "employment.employer",
            lambda f: f["employer"],
            lambda a, b: employers_match(a, b).match,
        ),
        "letter_date": ("document.date", lambda f: _date(f["letter_date"]), _EQ),
        "employee_name": (
            "person.name",
            lambda f: _name_key(f["employee_name"]),
            lambda a, b: a == _name_key(b["raw"]),
        ),
        "start": ("employment.start", lambda f: _date(f["start"]), _EQ),
        "end": ("employment.end", lambda f: _date(f["end"]), _EQ),
        "current": ("employment.current", lambda f: f["current"], _EQ),
        "hours_per_week": ("employment.hours_per_week", lambda f: f.get("hours_per_week"), _EQ),
        "salary": ("employment.salary", lambda f: f.get("salary"), _money_eq),
        "signatory_name": (
            "letter.signatory_name",
            lambda f: f.get("signatory_name"),
            lambda a, b: _norm(a) == _norm(b),
        ),
        "signatory_title": (
            "letter.signatory_title",
            lambda f: f.get("signatory_title"),
            lambda a, b: _norm(a) == _norm(b),
        ),
        "contact": (
            "letter.contact",
            lambda f: sorted(k for k in ("address", "phone", "email") if f.get(f"employer_{k}")),
            lambda a, b: sorted(b) == a,
        ),
    },
    "pay_stub": {
        "employer": (
            "employment.employer",
            lambda f: f["employer"],
            lambda a, b: employers_match(a, b).match,
        ),
        "employee_name": (
            "person.name",
            lambda f: _name_key(f["employee_name"]),
            lambda a, b: a == _name_key(b["raw"]),
        ),
        "job_title": (
            "employment.job_title",
            lambda f: f["job_title"],
            lambda a, b: _norm(a) == _norm(b),
        ),
        "period_start": ("pay.period_start", lambda f: _date(f["period_start"]), _EQ),
        "period_end": ("pay.period_end", lambda f: _date(f["period_end"]), _EQ),
        "pay_date": ("document.date", lambda f: _date(f["pay_date"]), _EQ),
        "gross_pay": ("pay.gross", lambda f: f["gross_pay"], _money_eq),
    },
    "tax_document": {
        "employer": (
            "employment.employer",
            lambda f: f["employer"],
            lambda a, b: employers_match(a, b).match,
        ),
        "employee_name": (
            "person.name",
            lambda f: _name_key(f["employee_name"]),
            lambda a, b: a == _name_key(b["raw"]),
        ),
        "tax_year": ("tax.year", lambda f: f["tax_year"], _EQ),
        "employment_income": ("tax.employment_income", lambda f: f["employment_income"], _money_eq),
        "issued": ("document.date", lambda f: _date(f["issued"]), _EQ),
    },
}


def _add(counts: Counts, tp: int, fp: int, fn: int) -> None:
    counts["tp"] += tp
    counts["fp"] += fp
    counts["fn"] += fn


def score_document(doc_type: str, label: dict[str, Any], facts: list[Fact]) -> dict[str, Counts]:
    """Per field: true positives, false positives (wrong or invented), false negatives."""
    out: dict[str, Counts] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for f in facts:
        by_kind[f.kind].append(f.value)
    for name, (kind, read, same) in SINGLE.get(doc_type, {}).items():
        expected = read(label)
        found = by_kind.get(kind, [None])[0]
        empty = expected in (None, [], {}) and kind != "letter.contact"
        if empty:
            _add(out[name], 0, int(found is not None), 0)
        elif found is None:
            _add(out[name], 0, 0, 1)
        elif same(expected, found):
            _add(out[name], 1, 0, 0)
        else:
            _add(out[name], 0, 1, 1)
    if doc_type == "reference_letter":
        _score_sets(
            out["job_titles"],
            [p["job_title"] for p in label["positions"]],
            by_kind["employment.job_title"],
        )
        _score_sets(out["duties"], label.get("duties") or [], by_kind["employment.duty"])
        if len(label["positions"]) > 1:
            expected = [
                f"{_norm(p['job_title'])}|{p['start']}|{p['end']}" for p in label["positions"]
            ]
            found = [
                f"{_norm(p['title'])}|{p['start']}|{p['end']}"
                for p in by_kind["employment.position"]
            ]
            _score_sets(out["positions"], expected, found, normalise=False)
    return out


def _score_sets(
    counts: Counts, expected: list[Any], found: list[Any], normalise: bool = True
) -> None:
    key = _norm if normalise else str
    want = [key(x) for x in expected]
    got = [key(x) for x in found]
    matched = 0
    pool = list(got)
    for w in want:
        if w in pool:
            pool.remove(w)
            matched += 1
    _add(counts, matched, len(got) - matched, len(want) - matched)


def _modality(doc: dict[str, Any]) -> str:
    return "text" if doc["modality"] == "text" else f"scan{doc['dpi']}"


def ensure_corpus(corpus: Path, clients: int, seed: str) -> list[Path]:
    labels = sorted(corpus.glob("*.labels.json"))
    if len(labels) >= clients:
        return labels[:clients]
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "fixtures" / "generate.py"),
            str(corpus),
            "--clients",
            str(clients),
            "--seed",
            seed,
            "--scan-share",
            "0.3",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(corpus.glob("*.labels.json"))[:clients]


def run(
    corpus: Path, clients: int, seed: str, cache_dir: Path, show_errors: bool
) -> dict[tuple[str, str, str], Counts]:
    table: dict[tuple[str, str, str], Counts] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    for labels_path in ensure_corpus(corpus, clients, seed):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        folder = labels_path.parent / labels["client_id"]
        for doc in labels["documents"]:
            if doc["type"] not in TYPES or not doc["readable"]:
                continue
            read = extract_file(folder / doc["path"], cache_dir=cache_dir)
            if read.text is None:
                continue
            facts = list(extract_facts(doc["type"], Source(read.rel, read.sha256, read.text)))
            scores = score_document(doc["type"], doc["facts"], facts)
            for name, c in scores.items():
                target = table[(doc["type"], _modality(doc), name)]
                _add(target, c["tp"], c["fp"], c["fn"])
                if show_errors and (c["fp"] or c["fn"]):
                    got = [
                        f.value
                        for f in facts
                        if SINGLE.get(doc["type"], {}).get(name, ("",))[0] == f.kind
                    ]
                    print(
                        f"  {doc['path']} [{_modality(doc)}] {name}: got {got!r:.200}",
                        file=sys.stderr,
                    )
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seed", default="7")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        cache = args.cache_dir or Path(tmp) / "cache"
        table = run(corpus, args.clients, args.seed, cache, args.show_errors)
    print(f"{'type':18} {'modality':9} {'field':18} {'n':>4} {'precision':>9} {'recall':>7}")
    for (doc_type, modality, name), c in sorted(table.items()):
        n = c["tp"] + c["fn"]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / n if n else 1.0
        print(f"{doc_type:18} {modality:9} {name:18} {n:>4} {p:>9.3f} {r:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
