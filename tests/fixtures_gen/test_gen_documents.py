"""Rendered documents: text PDFs carry their labelled lines, scans carry none, MRZs verify."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image

from clientgen import ScanOptions, check_digit, failing_fields, generate_client, td3
from clientgen.mrz import LINE2_FIELDS


def _norm(line: str) -> str:
    return " ".join(line.split())


def test_text_pdf_contains_labelled_lines(text_client: tuple[Path, dict[str, Any]]) -> None:
    folder, labels = text_client
    assert len({d["type"] for d in labels["documents"]}) >= 8
    for doc in labels["documents"]:
        assert doc["modality"] == "text"
        with pdfplumber.open(folder / doc["path"]) as pdf:
            assert len(pdf.pages) == doc["pages"]
            for page, lines in zip(pdf.pages, doc["lines"], strict=True):
                found = {_norm(x) for x in (page.extract_text() or "").splitlines()}
                missing = [x for x in lines if _norm(x) not in found]
                assert not missing, (doc["path"], missing)


def test_pdf_creation_date_is_the_document_date(text_client: tuple[Path, dict[str, Any]]) -> None:
    folder, labels = text_client
    letter = next(d for d in labels["documents"] if d["type"] == "reference_letter")
    with pdfplumber.open(folder / letter["path"]) as pdf:
        assert pdf.metadata["CreationDate"].startswith(
            "D:" + letter["facts"]["letter_date"].replace("-", "")
        )


def test_icao_specimen_check_digits() -> None:
    line1, line2 = td3(
        issuing_state="UTO",
        family_name="ERIKSSON",
        given_names="ANNA MARIA",
        number="L898902C3",
        nationality="UTO",
        date_of_birth=dt.date(1974, 8, 12),
        sex="F",
        expiry=dt.date(2012, 4, 15),
        personal_number="ZE184226B",
    )
    assert line1 == "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    assert line2 == "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    assert check_digit("L898902C3") == "6"


def test_generated_mrz_verifies(text_client: tuple[Path, dict[str, Any]]) -> None:
    _, labels = text_client
    passports = [d for d in labels["documents"] if d["type"] == "passport"]
    assert passports
    for doc in passports:
        line1, line2 = doc["facts"]["mrz"]
        assert len(line1) == len(line2) == 44
        assert failing_fields(line2) == []
        start, end, cd = LINE2_FIELDS["date_of_birth"]
        assert line2[start:end] == doc["facts"]["date_of_birth"][2:].replace("-", "")
        assert line2[cd] == check_digit(line2[start:end])
        assert line2[0:9].rstrip("<") == doc["facts"]["document_number"]


def test_scans_are_image_only(scan_client: tuple[Path, dict[str, Any]]) -> None:
    folder, labels = scan_client
    scans = [d for d in labels["documents"] if d["modality"] == "scan"]
    assert {d["format"] for d in scans} >= {"pdf", "jpg"}
    for doc in scans:
        path = folder / doc["path"]
        assert doc["dpi"] == 200
        if doc["format"] == "pdf":
            with pdfplumber.open(path) as pdf:
                assert len(pdf.pages) == doc["pages"]
                assert all(not p.chars for p in pdf.pages), doc["path"]
                assert pdf.pages[0].images
        else:
            with Image.open(path) as img:
                assert img.mode == "L"
                assert getattr(img, "n_frames", 1) == doc["pages"]
                assert abs(img.width / 200 * 72 - 595) < 30 or abs(img.width / 200 * 72 - 612) < 30


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    opts = ScanOptions(share=0.4, dpi=200, formats=("jpg", "tiff", "pdf"))
    a = generate_client(tmp_path / "a", "DET-1", "det", ["WRK003"], opts)
    b = generate_client(tmp_path / "b", "DET-1", "det", ["WRK003"], opts)
    assert a == b
    files = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert files
    for rel in files:
        assert filecmp.cmp(tmp_path / "a" / rel, tmp_path / "b" / rel, shallow=False), rel
    c = generate_client(tmp_path / "c", "DET-1", "other-seed", ["WRK003"], opts)
    assert json.dumps(c, sort_keys=True) != json.dumps(a, sort_keys=True)
