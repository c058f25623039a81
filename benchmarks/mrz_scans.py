"""How often a scanned passport's MRZ reads and verifies, over a generated corpus.

    .venv/bin/python benchmarks/mrz_scans.py [CORPUS] [--cache-dir DIR]

For every passport the generator's labels list (CORPUS/<id>.labels.json beside the folders), the
document is read as an audit reads it and its ``passport.mrz`` fact is counted: found, every
check digit valid, valid only after reconciling OCR confusions, confident; split by modality and
dpi. Faulted MRZs (fault ID004 breaks one digit on purpose) are counted apart: there, a failed
check digit is the right answer.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from docaudit.api import extract_file

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=REPO / "benchmarks/_work/detection/corpus"
    )
    parser.add_argument("--cache-dir", type=Path, default=REPO / "benchmarks/_work/detection/cache")
    args = parser.parse_args()
    counts: dict[str, Counter[str]] = {}
    for labels_path in sorted(args.corpus.glob("*.labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        client = args.corpus / labels["client_id"]
        broken = {f.get("document") for f in labels["faults"] if f["rule"] == "ID004"}
        for doc in labels["documents"]:
            if doc["type"] != "passport" or not doc.get("readable", True):
                continue
            group = f"{doc['modality']}{doc.get('dpi') or ''}" + (
                " (ID004)" if doc["path"] in broken else ""
            )
            tally = counts.setdefault(group, Counter())
            tally["passports"] += 1
            read = extract_file(client / doc["path"], cache_dir=args.cache_dir)
            mrz = read.first("passport.mrz")
            if mrz is None or not isinstance(mrz.value, dict):
                continue
            tally["mrz found"] += 1
            tally["all check digits valid"] += bool(mrz.value.get("valid"))
            tally["valid after reconciling"] += bool(
                mrz.value.get("valid") and mrz.value.get("reconciled")
            )
            tally["confident"] += bool(mrz.value.get("confident"))
    for group, tally in sorted(counts.items()):
        total = tally["passports"]
        print(f"{group}: {total} passports")
        for key in ("mrz found", "all check digits valid", "valid after reconciling", "confident"):
            print(f"  {key}: {tally[key]} ({tally[key] / total:.2f})")


if __name__ == "__main__":
    main()
