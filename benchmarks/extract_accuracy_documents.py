"""Field-level precision and recall of the personal-document extractors against generator labels.

Run: ``.venv/bin/python benchmarks/extract_accuracy_documents.py [--corpus DIR] [--clients 30]
[--seed 7] [--cache-dir DIR]``. Without ``--corpus`` a corpus is generated into a temporary folder
(300-dpi scans for 30% of documents). Each document is read as an audit reads it, then given to
the extractor of its labelled type (classification is measured elsewhere), and every field the
document prints is compared with the label. Precision: correct / values emitted for fields the
label records (a value it does not record cannot be judged); recall: correct / values printed.
Text PDFs and scans are counted apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from docaudit.api import extract_file
from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extract_facts
from docaudit.extract.facts.parse import parse_td3

ROOT = Path(__file__).resolve().parents[1]
TYPES = (
    "passport",
    "language_test",
    "eca_report",
    "diploma",
    "transcript",
    "bank_letter",
    "bank_statement",
    "police_certificate",
    "marriage_certificate",
    "divorce_certificate",
    "birth_certificate",
    "provincial_nomination",
)
TEST_CODES = {"CELPIP_G_LS": "CELPIP_GLS"}
NOT_DESIGNATED = {"GCRB": "OTHER"}

Values = dict[str, Any]


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def person(family: str, given: str) -> str:
    """A name reduced to what must agree: family name and first given name."""
    return f"{fold(family)}|{fold(given).split(' ')[0] if given.strip() else ''}"


def person_of(full: str) -> str:
    """``Given Names FAMILY`` as the generator prints it: the family name is the capitals."""
    words = full.split()
    family = " ".join(w for w in words if w.isupper() and len(w) > 1)
    given = " ".join(w for w in words if not (w.isupper() and len(w) > 1))
    return person(family, given)


def money(value: dict[str, Any]) -> str:
    return f"{round(float(value['amount']), 2)} {value.get('currency')}"


def _mrz_valid(lines: list[str]) -> bool | None:
    """Whether the printed MRZ's check digits hold (a fault may have altered one)."""
    result = parse_td3(lines[0], lines[1])
    return result.valid if result else None


def expected(doc_type: str, f: dict[str, Any]) -> Values:
    """What the document prints, in comparable form, keyed by field."""
    out: Values = {}
    if doc_type == "passport":
        out = {
            "number": f["document_number"],
            "name": person(f["family_name"], f["given_names"]),
            "date_of_birth": f["date_of_birth"],
            "sex": f["sex"],
            "issued": f["issued"],
            "expiry": f["expiry"],
            "country": f["country"],
            "mrz_valid": _mrz_valid(f["mrz"]),
        }
    elif doc_type == "language_test":
        out = {
            "test": TEST_CODES.get(f["test"], f["test"]),
            "name": person(f["family_name"], f["given_names"]),
            "date_of_birth": f["date_of_birth"],
            "test_date": f["test_date"],
            "registration_number": f["registration_number"],
            **{f"score.{k}": float(v) for k, v in f["scores"].items()},
        }
        if f.get("overall") is not None and f["test"].startswith(("IELTS", "PTE")):
            out["score.overall"] = float(f["overall"])
    elif doc_type == "eca_report":
        out = {
            "organization": NOT_DESIGNATED.get(f["organization"], f["organization"]),
            "reference": f["reference"],
            "issued": f["issued"],
            "name": person(f["family_name"], f["given_names"]),
            "date_of_birth": f["date_of_birth"],
            "credential": fold(f["credential"]),
            "institution": fold(f["institution"]),
            "equivalency": f["equivalency"],
        }
    elif doc_type in ("diploma", "transcript"):
        out = {
            "institution": fold(f["institution"]),
            "name": person_of(f["name"]),
            "credential": fold(f["credential"]),
            "completed": f["completed"],
        }
        if f.get("field_of_study"):
            out["field"] = fold(f["field_of_study"])
    elif doc_type in ("bank_letter", "bank_statement"):
        out = {
            "institution": fold(f["institution"]),
            "holder": person_of(f["holder"]),
            "account_number": f["account_number"],
            "balance": money(f["closing_balance"] if "closing_balance" in f else f["balance"]),
        }
        if doc_type == "bank_letter":
            out["average_balance"] = money(f["average_balance_6m"])
            out["date"] = f["letter_date"]
        else:
            out["period_start"] = f["period_start"]
            out["period_end"] = f["period_end"]
            if f.get("statement_date"):
                out["date"] = f["statement_date"]
    elif doc_type == "police_certificate":
        out = {
            "country": f["country"],
            "name": person(f["family_name"], f["given_names"]),
            "date_of_birth": f["date_of_birth"],
            "issued": f["issued"],
            "result": "no_record" if "no" in f["result"].lower() else "record",
        }
    elif doc_type in ("marriage_certificate", "divorce_certificate"):
        out = {
            "parties": "+".join(sorted(person_of(f[k]) for k in ("party_1", "party_2"))),
            "event_date": f["date_of_marriage"]
            if doc_type.startswith("marriage")
            else f["effective"],
            "issued": f["issued"],
        }
        if "place" in f:
            out["place"] = fold(f["place"])
    elif doc_type == "birth_certificate":
        out = {
            "name": person(f["family_name"], f["given_names"]),
            "parents": "+".join(sorted(person_of(f[k]) for k in ("father", "mother"))),
            "event_date": f["date_of_birth"],
            "place": fold(f["place_of_birth"]),
            "sex": f["sex"],
            "issued": f["issued"],
        }
    elif doc_type == "provincial_nomination":
        out = {
            "province": f["province"],
            "certificate_number": f["certificate_number"],
            "issued": f["issued"],
            "expiry": f["expiry"],
            "name": person(f["family_name"], f["given_names"]),
            "date_of_birth": f["date_of_birth"],
        }
    return {k: str(v) for k, v in out.items()}


def _date(fact: Fact) -> str:
    value = fact.value
    assert isinstance(value, dt.date)
    if fact.note and fact.note.startswith("month precision"):
        return f"month:{value.isoformat()[:7]}"
    return value.isoformat()


def _name(fact: Fact) -> str:
    value = fact.value
    assert isinstance(value, dict)
    return person(str(value["family"]), str(value["given"]))


def _str(fact: Fact) -> str:
    return fold(str(fact.value))


def _plain(fact: Fact) -> str:
    return str(fact.value)


def _money(fact: Fact) -> str:
    assert isinstance(fact.value, dict)
    return money(fact.value)


# doc type -> field -> (fact kind, how to reduce a fact to a comparable string)
READ: dict[str, dict[str, tuple[str, Callable[[Fact], str]]]] = {
    "passport": {
        "number": ("passport.number", _plain),
        "name": ("person.name", _name),
        "date_of_birth": ("person.date_of_birth", _date),
        "sex": ("person.sex", _plain),
        "issued": ("passport.issued", _date),
        "expiry": ("passport.expiry", _date),
        "country": ("passport.country", _plain),
        "mrz_valid": ("passport.mrz", lambda f: str(f.value["valid"])),  # type: ignore[index]
    },
    "language_test": {
        "test": ("test.name", _plain),
        "name": ("person.name", _name),
        "date_of_birth": ("person.date_of_birth", _date),
        "test_date": ("test.date", _date),
        "registration_number": ("test.registration_number", _plain),
        **{
            f"score.{a}": (f"test.score.{a}", _plain)
            for a in ("listening", "reading", "writing", "speaking", "overall")
        },
    },
    "eca_report": {
        "organization": ("eca.organization", _plain),
        "reference": ("eca.reference", _plain),
        "issued": ("eca.issued", _date),
        "name": ("person.name", _name),
        "date_of_birth": ("person.date_of_birth", _date),
        "credential": ("eca.credential", _str),
        "institution": ("eca.institution", _str),
        "equivalency": ("eca.equivalency", _plain),
    },
    "diploma": {
        "institution": ("edu.institution", _str),
        "name": ("person.name", _name),
        "credential": ("edu.credential", _str),
        "field": ("edu.field", _str),
        "completed": ("edu.completed", _date),
    },
    "bank_letter": {
        "institution": ("bank.institution", _str),
        "holder": ("bank.holder", _name),
        "account_number": ("bank.account_number", _plain),
        "balance": ("bank.balance", _money),
        "average_balance": ("bank.average_balance", _money),
        "date": ("document.date", _date),
    },
    "police_certificate": {
        "country": ("police.country", _plain),
        "name": ("person.name", _name),
        "date_of_birth": ("person.date_of_birth", _date),
        "issued": ("document.date", _date),
        "result": ("police.result", _plain),
    },
    "marriage_certificate": {
        "event_date": ("civil.event_date", _date),
        "place": ("civil.place", _str),
        "issued": ("document.date", _date),
    },
    "birth_certificate": {
        "name": ("person.name", _name),
        "event_date": ("civil.event_date", _date),
        "place": ("civil.place", _str),
        "sex": ("person.sex", _plain),
        "issued": ("document.date", _date),
    },
    "provincial_nomination": {
        "province": ("pnp.province", _plain),
        "certificate_number": ("pnp.certificate_number", _plain),
        "issued": ("pnp.issued", _date),
        "expiry": ("pnp.expiry", _date),
        "name": ("person.name", _name),
        "date_of_birth": ("person.date_of_birth", _date),
    },
}
READ["transcript"] = READ["diploma"]
READ["divorce_certificate"] = READ["marriage_certificate"]
READ["bank_statement"] = {
    **READ["bank_letter"],
    "period_start": ("bank.period_start", _date),
    "period_end": ("bank.period_end", _date),
}


def extracted(doc_type: str, facts: tuple[Fact, ...]) -> Values:
    out: Values = {}
    for field, (kind, reduce) in READ[doc_type].items():
        fact = next((f for f in facts if f.kind == kind), None)
        if fact is not None:
            out[field] = reduce(fact)
    if doc_type in ("marriage_certificate", "divorce_certificate"):
        parties = [_name(f) for f in facts if f.kind == "civil.party"]
        if parties:
            out["parties"] = "+".join(sorted(parties))
    if doc_type == "birth_certificate":
        parents = [_name(f) for f in facts if f.kind == "civil.party"][1:]
        if parents:
            out["parents"] = "+".join(sorted(parents))
    return out


def agrees(want: str, got: str) -> bool:
    if got.startswith("month:"):
        return want[:7] == got[6:]
    return want == got


def score_document(
    doc_type: str, label_facts: dict[str, Any], facts: tuple[Fact, ...]
) -> dict[str, tuple[bool, bool, bool]]:
    """field -> (printed, emitted, correct)."""
    want = expected(doc_type, label_facts)
    got = extracted(doc_type, facts)
    fields = set(want) | set(got)
    return {
        f: (f in want, f in want and f in got, f in want and f in got and agrees(want[f], got[f]))
        for f in fields
    }


def documents(corpus: Path) -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for labels in sorted(corpus.glob("*.labels.json")):
        data = json.loads(labels.read_text(encoding="utf-8"))
        folder = corpus / data["client_id"]
        for doc in data["documents"]:
            if doc["type"] in TYPES and doc.get("readable", True):
                out.append((folder / doc["path"], doc))
    return out


def read_facts(path: Path, doc_type: str, cache_dir: Path | None) -> tuple[Fact, ...]:
    doc = extract_file(path, ocr=True, cache_dir=cache_dir, use_cache=cache_dir is not None)
    if doc.text is None:
        return ()
    return extract_facts(doc_type, Source(doc.rel, doc.sha256, doc.text))


def measure(
    corpus: Path,
    cache_dir: Path | None,
    misses: list[str] | None = None,
    *,
    jobs: int = 1,
    modality: str | None = None,
    types: tuple[str, ...] = TYPES,
) -> dict[tuple[str, str, str], list[int]]:
    """(modality, doc type, field) -> [printed, emitted, correct]."""
    table: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    docs = [
        d
        for d in documents(corpus)
        if modality in (None, d[1]["modality"]) and d[1]["type"] in types
    ]
    paths = [path for path, _ in docs]
    doc_types = [doc["type"] for _, doc in docs]
    caches = [cache_dir] * len(docs)
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(read_facts, paths, doc_types, caches))
    else:
        results = list(map(read_facts, paths, doc_types, caches))
    for (path, doc), facts in zip(docs, results, strict=True):
        for field, flags in score_document(doc["type"], doc["facts"], facts).items():
            row = table[(doc["modality"], doc["type"], field)]
            for i, flag in enumerate(flags):
                row[i] += int(flag)
            if misses is not None and flags[0] and not flags[2]:
                got = extracted(doc["type"], facts).get(field)
                want = expected(doc["type"], doc["facts"]).get(field)
                misses.append(
                    f"{doc['modality']} {doc['layout']} {field}: want {want!r} got {got!r}  {path}"
                )
    return table


_ROW = "{:<21} {:<19} {:>7} {:>7} {:>7} {:>6} {:>6}"


def print_table(table: dict[tuple[str, str, str], list[int]]) -> None:
    for modality in ("text", "scan"):
        rows = sorted(k for k in table if k[0] == modality)
        if not rows:
            continue
        print(f"\n{modality.upper()} documents")
        print(_ROW.format("type", "field", "printed", "emitted", "correct", "P", "R"))
        totals = [0, 0, 0]
        for key in rows:
            printed, emitted, correct = table[key]
            totals = [t + v for t, v in zip(totals, (printed, emitted, correct), strict=True)]
            p = correct / emitted if emitted else float("nan")
            r = correct / printed if printed else float("nan")
            print(_ROW.format(key[1], key[2], printed, emitted, correct, f"{p:.3f}", f"{r:.3f}"))
        printed, emitted, correct = totals
        print(
            f"{'ALL':<21} {'':<19} {printed:>7} {emitted:>7} {correct:>7} "
            f"{correct / max(emitted, 1):>6.3f} {correct / max(printed, 1):>6.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seed", default="7")
    parser.add_argument("--cache-dir", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing value")
    parser.add_argument("--jobs", type=int, default=2, help="documents read in parallel")
    parser.add_argument("--modality", choices=("text", "scan"), help="only text PDFs or scans")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "fixtures" / "generate.py"),
                    str(corpus),
                    "--clients",
                    str(args.clients),
                    "--seed",
                    str(args.seed),
                    "--scan-share",
                    "0.3",
                    "--dpi",
                    "300",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        misses: list[str] = []
        table = measure(
            corpus,
            args.cache_dir,
            misses if args.misses else None,
            jobs=args.jobs,
            modality=args.modality,
        )
        print_table(table)
        for line in misses:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
