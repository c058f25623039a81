"""What a user sees for each kind of hostile or broken input, and what it cost to see it.

    .venv/bin/python benchmarks/hostile_table.py [--kinds SUBSTRING] [--memory-mb 3072]

Every input from tests/hostile/corpus.py is audited alone, in its own client folder, by the
real ``docaudit audit`` in a child process under an address-space cap and a time limit. The
table gives the message (the DOC001 finding, or the exit-2 error), the exit code, the wall time
and the child's peak resident memory (ru_maxrss, Tesseract included). A clean folder with only
the profile is the baseline: most of each figure is Python start-up.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hostile.corpus import DOCUMENTS, PROFILE, PROFILES
from hostile.runner import MEMORY_CAP_MB, Run, run_docaudit

WIDTH = 90


def _client(root: Path, profile: bytes, name: str = "profile.yaml") -> Path:
    folder = root / "client"
    shutil.rmtree(root, ignore_errors=True)
    (folder / "documents").mkdir(parents=True)
    if not name.startswith("profile."):
        (folder / "profile.yaml").write_text(PROFILE)
    (folder / name).write_bytes(profile)
    return folder


def _audit(folder: Path, memory_mb: int) -> Run:
    args = ["audit", str(folder), "--format", "json", "--no-cache"]
    env = {"DOCAUDIT_CACHE_DIR": str(folder.parent / "cache")}
    return run_docaudit(args, timeout=300, memory_mb=memory_mb, env=env)


def _seen(run: Run, rel: str | None) -> str:
    if run.timed_out:
        return "TIMED OUT"
    if run.returncode == 2 or rel is None:
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        return lines[0].split(": error: ", 1)[-1] if lines else "(nothing)"
    report = json.loads(run.stdout)
    for finding in report["findings"]:
        if finding["rule"] == "DOC001" and finding["subject"] == rel:
            return f"DOC001 {finding['message'].split(' cannot be used: ', 1)[-1]}"
    document = next(d for d in report["documents"] if d["path"] == rel)
    return f"read: {document['status']}, {document['pages']} page(s), type {document['type']}"


def _row(kind: str, seen: str, run: Run) -> str:
    text = seen if len(seen) <= WIDTH else seen[: WIDTH - 1] + "…"
    return f"| {kind} | {text} | {run.returncode} | {run.seconds:.1f} | {run.max_rss_mb:.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="", help="only kinds containing this text")
    parser.add_argument("--memory-mb", type=int, default=MEMORY_CAP_MB)
    options = parser.parse_args()
    print("| input | what the user sees | exit | seconds | peak RSS MB |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="docaudit-hostile-") as tmp:
        root = Path(tmp) / "case"
        baseline = _audit(_client(root, PROFILE.encode()), options.memory_mb)
        print(_row("(baseline: profile only)", "no document", baseline))
        for bad in DOCUMENTS:
            if options.kinds not in bad.kind:
                continue
            folder = _client(root, PROFILE.encode())
            bad.build(folder / bad.rel)
            run = _audit(folder, options.memory_mb)
            print(_row(bad.kind, _seen(run, bad.rel), run), flush=True)
        for bad_profile in PROFILES:
            if options.kinds not in bad_profile.kind:
                continue
            folder = _client(root, bad_profile.content, bad_profile.name)
            run = _audit(folder, options.memory_mb)
            print(_row(bad_profile.kind, _seen(run, None), run), flush=True)


if __name__ == "__main__":
    main()
