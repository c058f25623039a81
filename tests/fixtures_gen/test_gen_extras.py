"""National ID cards, medical confirmations, employment contracts and job offers: added on their
own random stream, printed with every labelled fact, and without touching what a seed produced."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

import clientgen.corpus
from clientgen import ScanOptions, generate_client
from clientgen.dates import fmt

SEED = "fixture-extras"
NEW_TYPES = {"national_id", "medical", "employment_contract", "job_offer"}
FACT_KEYS = {
    "national_id": {"document_number", "family_name", "given_names", "date_of_birth", "issued"},
    "medical": {"full_name", "date_of_birth", "exam_date", "panel_physician"},
    "employment_contract": {
        "employer",
        "employee_name",
        "job_title",
        "start",
        "hours_per_week",
        "salary",
    },
    "job_offer": {"employer", "employee_name", "job_title", "noc", "start", "hours_per_week"},
}
DATE_STYLES = ("iso", "dmy_slash", "dmy_dot", "long", "long_ordinal", "d_mon_y", "mdy_long")


@pytest.fixture(scope="module")
def extras_text(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    out = tmp_path_factory.mktemp("extras")
    return [
        (
            out / f"TEST-EXTRA-{n}",
            generate_client(out, f"TEST-EXTRA-{n}", SEED, scans=ScanOptions(0.0)),
        )
        for n in (11, 68)
    ]


def _printed(value: Any) -> list[str]:
    """The ways a fact may be printed; one of them must be on the page."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        day = dt.date.fromisoformat(value)
        return [fmt(day, s) for s in DATE_STYLES]
    if isinstance(value, float):
        return [f"{value:g}"]
    if isinstance(value, dict):
        return [f"{value['amount']:,}".removesuffix(".0")]
    return [str(value)]


def test_every_new_type_is_generated_with_its_facts(
    extras_text: list[tuple[Path, dict[str, Any]]],
) -> None:
    docs = [d for _, labels in extras_text for d in labels["documents"] if d["type"] in NEW_TYPES]
    assert {d["type"] for d in docs} == NEW_TYPES
    assert {d["person"] for d in docs if d["type"] in ("national_id", "medical")} == {
        "applicant",
        "spouse",
    }
    for doc in docs:
        missing = FACT_KEYS[doc["type"]] - {k for k, v in doc["facts"].items() if v is not None}
        assert not missing, (doc["path"], missing)


def test_text_pdfs_print_every_labelled_fact(
    extras_text: list[tuple[Path, dict[str, Any]]],
) -> None:
    for folder, labels in extras_text:
        for doc in (d for d in labels["documents"] if d["type"] in NEW_TYPES):
            with pdfplumber.open(folder / doc["path"]) as pdf:
                page = " ".join((p.extract_text() or "") for p in pdf.pages)
            page = " ".join(page.split())
            assert all(" ".join(x.split()) in page for x in doc["lines"][0]), doc["path"]
            for key in FACT_KEYS[doc["type"]]:
                options = _printed(doc["facts"][key])
                assert any(o in page for o in options), (doc["path"], key, options)


def test_a_declared_job_offer_matches_its_letter(
    extras_text: list[tuple[Path, dict[str, Any]]],
) -> None:
    folder, labels = extras_text[1]
    offer = next(d for d in labels["documents"] if d["type"] == "job_offer")
    declared = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))["job_offer"]
    assert declared["employer"] == offer["facts"]["employer"]
    assert declared["noc"] == offer["facts"]["noc"]
    assert declared["start"].isoformat() == offer["facts"]["start"]
    assert declared["hours_per_week"] == offer["facts"]["hours_per_week"]
    assert offer["subjects"] == ["job_offer"]


@pytest.mark.slow
def test_extras_leave_every_other_document_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans = ScanOptions(share=0.5, dpi=200, formats=("jpg", "png", "pdf"))
    generate_client(tmp_path / "with", "TEST-EXTRA-68", SEED, scans=scans)
    generate_client(tmp_path / "again", "TEST-EXTRA-68", SEED, scans=scans)
    monkeypatch.setattr(clientgen.corpus, "add_extras", lambda *args: None)
    before = generate_client(tmp_path / "without", "TEST-EXTRA-68", SEED, scans=scans)
    with_root, again_root = tmp_path / "with", tmp_path / "again"
    assert filecmp.cmp(
        with_root / "TEST-EXTRA-68.labels.json", again_root / "TEST-EXTRA-68.labels.json", False
    )
    for doc in before["documents"]:
        old = tmp_path / "without" / "TEST-EXTRA-68" / doc["path"]
        assert filecmp.cmp(old, with_root / "TEST-EXTRA-68" / doc["path"], shallow=False)
        assert filecmp.cmp(old, again_root / "TEST-EXTRA-68" / doc["path"], shallow=False)
    profile = yaml.safe_load((with_root / "TEST-EXTRA-68" / "profile.yaml").read_text("utf-8"))
    baseline = yaml.safe_load(
        (tmp_path / "without" / "TEST-EXTRA-68" / "profile.yaml").read_text("utf-8")
    )
    assert baseline["job_offer"] is None and profile["job_offer"] is not None
    assert {k: v for k, v in profile.items() if k != "job_offer"} == {
        k: v for k, v in baseline.items() if k != "job_offer"
    }
