"""Every broken or hostile document is one DOC001 finding naming the file and the problem.

One audit reads the whole corpus, in a child process with a memory cap and a time limit: a
crash, a hang or a runaway allocation on any single file fails every test here.
"""

from __future__ import annotations

from typing import Any

import pytest

from hostile.conftest import Runs
from hostile.corpus import DOCUMENTS, SECRET_LINE, BadDocument
from hostile.runner import MEMORY_CAP_MB

WALL_SECONDS = 120
"""Three OCR'd pages dominate; everything else is refused within milliseconds."""


def _by_path(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["path"]: d for d in report["documents"]}


def _doc001(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["subject"]: f for f in report["findings"] if f["rule"] == "DOC001"}


def test_the_audit_survives_the_whole_corpus(runs: Runs) -> None:
    run = runs.documents.result()
    assert not run.timed_out, run.stderr[-2000:]
    assert run.returncode in (0, 1), run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert run.seconds < WALL_SECONDS
    assert run.max_rss_mb < MEMORY_CAP_MB / 2
    assert len(runs.report()["documents"]) == len(DOCUMENTS)


@pytest.mark.parametrize("bad", DOCUMENTS, ids=lambda b: b.kind)
def test_each_bad_document_is_a_finding_or_is_read(runs: Runs, bad: BadDocument) -> None:
    report = runs.report()
    document = _by_path(report)[bad.rel]
    finding = _doc001(report).get(bad.rel)
    if bad.expect is None:
        assert document["status"] == "ok", document
        assert finding is None
        assert document["pages"] >= 1
    else:
        assert document["status"] in ("unreadable", "unsupported")
        assert finding is not None
        assert bad.rel in finding["message"]
        assert bad.expect in finding["message"], finding["message"]


def test_recoverable_damage_still_yields_the_text(runs: Runs) -> None:
    """pdfium and pdfminer rebuild a broken xref table; the empty user password needs no key."""
    report = runs.report()
    for rel in ("documents/broken_xref.pdf", "documents/empty_password.pdf"):
        assert _by_path(report)[rel]["status"] == "ok"
    assert _by_path(report)["documents/empty_password.pdf"]["type"] == "reference_letter"
    assert SECRET_LINE not in runs.documents.result().stderr


def test_limit_messages_say_which_flag_raises_them(runs: Runs) -> None:
    found = _doc001(runs.report())
    assert "raise it with --max-pages" in found["documents/statement_500_pages.pdf"]["message"]
    for rel in ("documents/bomb.png", "documents/huge_page.pdf", "documents/bomb.tif"):
        assert "raise it with --max-image-megapixels" in found[rel]["message"]
