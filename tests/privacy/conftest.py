"""A generated sample client (invented people) with one scan, audited with the network cut off.

Python's sockets are replaced in the child by a ``sitecustomize`` that refuses and records every
attempt to connect, send, resolve a name or bind outside loopback, so even an attempt some library
catches and ignores is seen by the tests. Creating a socket is allowed: spaCy imports requests,
whose urllib3 binds a socket to ::1 at import to see whether IPv6 exists; that reaches nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from docaudit.noc.store import import_csv
from hostile.corpus import LETTER, SECRET_LINE, jpeg_bytes, page_image, text_pdf
from hostile.runner import Run, run_docaudit

REPO = Path(__file__).resolve().parents[2]
NOC_DIR = Path(os.environ.get("DOCAUDIT_NOC_DIR", REPO.parent / "shared" / "data" / "noc2021"))
NOC_FILES = (
    "noc_2021_version_1.0_-_classification_structure.csv",
    "noc_2021_version_1.0_-_elements.csv",
)
IDENTIFYING_KEYS = {"family_name", "given_names", "number", "registration_number", "date_of_birth"}

SITECUSTOMIZE = """
import os, socket, traceback

def _refuse(*args, **kwargs):
    with open(os.environ["DOCAUDIT_NET_LOG"], "a") as log:
        log.write("".join(traceback.format_stack()) + "\\n")
    raise OSError("network access blocked by the docaudit privacy test")

_LOOPBACK = {"::1", "127.0.0.1", "localhost", ""}

class _Socket(socket.socket):
    connect = connect_ex = sendto = sendmsg = _refuse

    def bind(self, address):
        if isinstance(address, tuple) and address[0] not in _LOOPBACK:
            _refuse()
        return super().bind(address)

socket.socket = _Socket
socket.create_connection = socket.getaddrinfo = _refuse
socket.gethostbyname = socket.gethostbyname_ex = socket.gethostbyaddr = _refuse
"""


@dataclass(frozen=True)
class Sample:
    client: Path
    secrets: list[str]
    """Identifiers from the profile and text from the documents: none may appear in a log."""
    env: dict[str, str]
    net_log: Path
    cache: Path
    report: Path


@dataclass(frozen=True)
class Audits:
    sample: Sample
    quiet: Run
    verbose: Run


def _identifiers(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in IDENTIFYING_KEYS and value:
                yield str(value)
            else:
                yield from _identifiers(value)
    elif isinstance(data, list):
        for item in data:
            yield from _identifiers(item)


def make_sample(root: Path) -> Sample:
    subprocess.run(
        [sys.executable, str(REPO / "fixtures" / "generate.py"), str(root / "clients"),
         "--clients", "1", "--seed", "privacy", "--scan-share", "0", "--clean-share", "1"],
        check=True, capture_output=True,
    )  # fmt: skip
    client = next(p for p in (root / "clients").iterdir() if p.is_dir())
    (client / "documents" / "privacy_letter.pdf").write_bytes(text_pdf())
    (client / "documents" / "privacy_scan.jpg").write_bytes(jpeg_bytes(page_image()))
    profile = yaml.safe_load((client / "profile.yaml").read_text(encoding="utf-8"))
    secrets = sorted({s for s in _identifiers(profile) if len(s) >= 4})
    secrets += [SECRET_LINE, "ZQX-4471-PLOVER", LETTER[3]]
    site = root / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    net_log = root / "net.log"
    data = root / "data"
    data.mkdir(mode=0o700)
    import_csv(*(NOC_DIR / name for name in NOC_FILES), db=data / "noc.sqlite")
    env = {
        "PYTHONPATH": str(site),
        "DOCAUDIT_NET_LOG": str(net_log),
        "DOCAUDIT_DATA_DIR": str(data),
    }
    return Sample(client, secrets, env, net_log, root / "cache", root / "out" / "report.json")


@pytest.fixture(scope="session")
def audits(tmp_path_factory: pytest.TempPathFactory) -> Audits:
    sample = make_sample(tmp_path_factory.mktemp("privacy"))
    quiet = [
        "audit",
        str(sample.client),
        "--cache-dir",
        str(sample.cache),
        "-o",
        str(sample.report),
    ]
    verbose = ["-v", "audit", str(sample.client), "--no-cache", "--format", "json"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(run_docaudit, quiet, env=sample.env, umask=0, timeout=120)
        second = pool.submit(run_docaudit, verbose, env=sample.env, timeout=120)
        return Audits(sample, first.result(), second.result())
