"""Batch audit figures from one run: cold, warm, 2 workers vs 1, a profile-only edit, --help.

    python benchmarks/batch.py [--clients 50] [--seed bench] [--scan-share 0.3] [--jobs 2]
                               [--broken-share 0.1]

Builds a corpus with the fixtures generator under benchmarks/_work/ (git-ignored), with its own
extraction cache and output folders, and prints every figure with the command line used. The
"unavoidable cost" is bare ``tesseract`` on every scanned page plus bare pdfplumber on every
text page of the same corpus: what any tool must spend to read these documents once.

Last, a copy of the corpus with ``--broken-share`` of its folders broken (every other one an
invalid profile, the rest a corrupt PDF among their documents) goes through one more batch: every
good folder must have its report, each invalid profile must be named in the summary with its
error, and each corrupt file must be a DOC001 finding in its folder's report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "_work"
DOCAUDIT = str(Path(sys.executable).parent / "docaudit")
NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", REPO.parent / "shared" / "data" / "noc2021"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--scan-share", type=float, default=0.3)
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parallel runs")
    parser.add_argument("--broken-share", type=float, default=0.1)
    args = parser.parse_args()
    print("command:", " ".join([sys.executable, *sys.argv]))

    corpus = WORK / f"corpus-{args.clients}-{args.seed}-{args.scan_share}"
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(REPO / "fixtures" / "generate.py"),
                str(corpus),
                "--clients",
                str(args.clients),
                "--seed",
                args.seed,
                "--scan-share",
                str(args.scan_share),
            ],
            check=True,
            capture_output=True,
        )
    env = _environment()
    figures: dict[str, Any] = {"clients": args.clients, "scan_share": args.scan_share}

    floor, pages = unavoidable_cost(corpus)
    figures.update(pages)
    figures["unavoidable_seconds"] = round(floor, 1)

    out1 = _fresh(WORK / "out-jobs1")
    out2 = _fresh(WORK / "out-jobs2")
    cold = batch(corpus, out2, env, "--jobs", str(args.jobs))
    figures["cold_seconds"] = round(cold, 1)
    cold_clients = {c["id"]: c for c in _summary(out2)["clients"]}
    warm = batch(corpus, out2, env, "--jobs", str(args.jobs))
    figures["warm_seconds"] = round(warm, 2)
    # One worker, cold too (its own empty cache): the N-vs-1 figure is about OCR, which is
    # what parallel workers are for.
    env1 = {**env, "DOCAUDIT_CACHE_DIR": str(_fresh(WORK / "cache-jobs1"))}
    one = batch(corpus, out1, env1, "--jobs", "1")
    figures["cold_jobs1_seconds"] = round(one, 1)
    figures[f"cold_jobs{args.jobs}_seconds"] = round(cold, 1)

    first = sorted(p for p in corpus.iterdir() if (p / "profile.yaml").is_file())[0]
    profile = first / "profile.yaml"
    original = profile.read_text()
    try:
        profile.write_text(original + "\n# edited by the benchmark\n")
        edit = batch(corpus, out2, env, "--jobs", "1")
    finally:
        profile.write_text(original)
    entry = next(c for c in _summary(out2)["clients"] if c["id"] == first.name)
    cold_client_seconds = float(cold_clients[first.name]["seconds"])
    figures["profile_edit_batch_seconds"] = round(edit, 2)
    figures["profile_edit_client_audit_seconds"] = entry["seconds"]
    figures["cold_client_audit_seconds"] = cold_client_seconds
    rss = [c["peak_rss_kb"] for c in cold_clients.values() if c.get("peak_rss_kb")]
    figures["peak_rss_per_worker_mb_max"] = round(max(rss) / 1024, 1) if rss else None
    figures["help_seconds"] = round(_timed([DOCAUDIT, "--help"], env), 3)
    figures["broken"] = broken_batch(corpus, args.broken_share, env, args.jobs)

    print(json.dumps(figures, indent=2))
    print(f"cold batch / unavoidable cost:           {cold / floor:.2f} ({args.jobs} workers)")
    print(f"cold batch / unavoidable cost, 1 worker: {one / floor:.2f}")
    print(f"warm re-run / cold:                      {warm / cold:.3f}")
    print(f"speed-up of {args.jobs} workers over 1 (cold):    {one / cold:.2f}x")
    print(
        f"profile-only edit / cold, that client:   {entry['seconds'] / cold_client_seconds:.2f}"
        f" ({entry['seconds']} s in the worker, {edit:.1f} s for the whole batch command)"
    )
    print(f"peak RSS per worker (max):               {figures['peak_rss_per_worker_mb_max']} MB")
    print(f"docaudit --help:                         {figures['help_seconds']} s")
    b = figures["broken"]
    print(
        f"broken folders: {b['invalid_profiles']} invalid profiles named in the summary "
        f"{b['invalid_named']}/{b['invalid_profiles']}, {b['corrupt_files']} corrupt files "
        f"reported as DOC001 {b['corrupt_reported']}/{b['corrupt_files']}, good folders with "
        f"their report {b['good_reported']}/{b['good']}, exit {b['exit']}, {b['seconds']} s"
    )
    return 0


def unavoidable_cost(corpus: Path) -> tuple[float, dict[str, int]]:
    """Seconds for bare tesseract on every image-only page and pdfplumber on every text page."""
    import pdfplumber
    import pypdfium2

    text_pages = scan_pages = 0
    seconds = 0.0
    # One thread, as docaudit's workers run it: Tesseract's default OpenMP threads make it
    # slower on a busy 2-core machine, and would inflate the floor.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in sorted(corpus.rglob("*.pdf")):
            started = time.perf_counter()
            try:
                with pdfplumber.open(pdf) as doc:
                    texts = [page.extract_words() for page in doc.pages]
            except Exception:
                continue
            seconds += time.perf_counter() - started
            for number, words in enumerate(texts):
                if words:
                    text_pages += 1
                    continue
                scan_pages += 1
                image = Path(tmp) / "page.png"
                pypdfium2.PdfDocument(pdf)[number].render(scale=300 / 72).to_pil().save(image)
                started = time.perf_counter()
                subprocess.run(
                    ["tesseract", str(image), "stdout", "tsv"],
                    check=True,
                    capture_output=True,
                    env=env,
                )
                seconds += time.perf_counter() - started
        for image_file in sorted(p for p in corpus.rglob("*") if p.suffix in (".jpg", ".png")):
            scan_pages += 1
            started = time.perf_counter()
            subprocess.run(
                ["tesseract", str(image_file), "stdout", "tsv"],
                check=True,
                capture_output=True,
                env=env,
            )
            seconds += time.perf_counter() - started
    return seconds, {"text_pages": text_pages, "scanned_pages": scan_pages}


def broken_batch(corpus: Path, share: float, env: dict[str, str], jobs: int) -> dict[str, Any]:
    """Break ``share`` of a copy of the corpus and check what the batch says of each folder."""
    copy = WORK / "corpus-broken"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(corpus, copy)
    folders = sorted(p for p in copy.iterdir() if (p / "profile.yaml").is_file())
    step = max(1, round(1 / share)) if share > 0 else len(folders) + 1
    broken = folders[::step]
    invalid = broken[::2]
    corrupt = broken[1::2]
    for folder in invalid:
        (folder / "profile.yaml").write_text("version: 1\nclient: [unclosed\n")
    for folder in corrupt:
        (folder / "documents" / "corrupt_statement.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    out = _fresh(WORK / "out-broken")
    command = [DOCAUDIT, "batch", str(copy), "-o", str(out), "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run([*command, "--jobs", str(jobs)], env=env, capture_output=True)
    seconds = time.perf_counter() - started
    entries = {c["id"]: c for c in _summary(out)["clients"]}
    good = [f for f in folders if f not in invalid]

    def reported(folder: Path) -> dict[str, Any] | None:
        path = entries.get(folder.name, {}).get("reports", {}).get("json")
        if not path or not (out / path).is_file():  # relative to the output folder, or absolute
            return None
        data: dict[str, Any] = json.loads((out / path).read_text())
        return data

    def doc001(folder: Path) -> bool:
        report = reported(folder)
        return report is not None and any(
            f["rule"] == "DOC001" and "corrupt_statement.pdf" in json.dumps(f)
            for f in report["findings"]
        )

    return {
        "folders": len(folders),
        "invalid_profiles": len(invalid),
        "invalid_named": sum(
            entries.get(f.name, {}).get("status") == "error"
            and "profile.yaml" in (entries[f.name].get("error") or "")
            for f in invalid
        ),
        "corrupt_files": len(corrupt),
        "corrupt_reported": sum(doc001(f) for f in corrupt),
        "good": len(good),
        "good_reported": sum(reported(f) is not None for f in good),
        "exit": done.returncode,
        "seconds": round(seconds, 1),
    }


def batch(corpus: Path, out: Path, env: dict[str, str], *extra: str) -> float:
    command = [DOCAUDIT, "batch", str(corpus), "-o", str(out), "--format", "json", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"batch failed ({done.returncode}): {' '.join(command)}")
    return seconds


def _summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text())
    return data


def _environment() -> dict[str, str]:
    """A private cache and data folder, with the NOC release imported once."""
    cache = _fresh(WORK / "cache")
    data = WORK / "data"
    if not (data / "noc.sqlite").is_file():
        data.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                DOCAUDIT,
                "noc",
                "import",
                str(NOC_DIR / "noc_2021_version_1.0_-_classification_structure.csv"),
                str(NOC_DIR / "noc_2021_version_1.0_-_elements.csv"),
            ],
            env={**os.environ, "DOCAUDIT_DATA_DIR": str(data)},
            check=True,
            capture_output=True,
        )
    return {**os.environ, "DOCAUDIT_CACHE_DIR": str(cache), "DOCAUDIT_DATA_DIR": str(data)}


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
