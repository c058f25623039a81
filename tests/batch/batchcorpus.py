"""Helpers for the batch tests: the generator's command line, folder digests, summary access."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", REPO.parent / "shared" / "data" / "noc2021"))
NOC_STRUCTURE = "noc_2021_version_1.0_-_classification_structure.csv"
NOC_ELEMENTS = "noc_2021_version_1.0_-_elements.csv"
DOCAUDIT = str(Path(sys.executable).parent / "docaudit")
BROKEN_PROFILE = "schema: docaudit/profile/v1\nclient_id: BROKEN-1\nprograms: [XYZ]\n"
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nthis is not a complete PDF\n"


def generate(out: Path, clients: int, seed: str) -> list[str]:
    subprocess.run(
        [
            sys.executable,
            str(REPO / "fixtures" / "generate.py"),
            str(out),
            "--clients",
            str(clients),
            "--seed",
            seed,
            "--scan-share",
            "0",
        ],
        check=True,
        capture_output=True,
    )
    return sorted(p.name for p in out.iterdir() if p.is_dir())


def client_names(clients_dir: Path) -> list[str]:
    """The generated clients, in batch order (the broken one and the stray folder left out)."""
    return sorted(
        p.name
        for p in clients_dir.iterdir()
        if p.is_dir() and (p / "profile.yaml").exists() and p.name != "zz-broken"
    )


def tree_digest(root: Path) -> str:
    """Every path, mode and byte below ``root``: any write into a client folder changes it."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(root)}\0{info.st_mode}\0".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def summary(output_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((output_dir / "summary.json").read_text())
    return data


def entries(output_dir: Path) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in summary(output_dir)["clients"]}
