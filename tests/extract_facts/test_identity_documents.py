"""Passports and national ID cards read from real PDFs and a real OCR'd scan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from personal_docs_pdf import kinds, make_pdf, make_scan, ocr_text, one, read_facts

from docaudit.core.factkinds import problems_with
from docaudit.extract.facts import Source, extract_facts
from docaudit.extract.facts.parse import build_td3

BIRTH = dt.date(1990, 3, 14)
EXPIRY = dt.date(2031, 7, 2)
MRZ = build_td3("OKAFOR", "CHIDERA ADA", "A12345678", "NGA", BIRTH, "F", EXPIRY)


def _stacked(mrz: tuple[str, str] = MRZ) -> list[str]:
    """Layout with each label above its value, as many data pages print them."""
    pairs = [
        ("Type", "P"),
        ("Country code", "NGA"),
        ("Passport No.", "A12345678"),
        ("Surname", "OKAFOR"),
        ("Given names", "CHIDERA ADA"),
        ("Nationality", "NIGERIAN"),
        ("Date of birth", "14 MAR 1990"),
        ("Sex", "F"),
        ("Date of issue", "03 JUL 2021"),
        ("Date of expiry", "02 JUL 2031"),
        ("Authority", "FEDERAL REPUBLIC OF NIGERIA"),
    ]
    rows = ["FEDERAL REPUBLIC OF NIGERIA", "PASSPORT"]
    for label, value in pairs:
        rows += [label, value]
    return [*rows, "", *mrz]


def test_stacked_labels_and_mrz(tmp_path: Path) -> None:
    facts = read_facts("passport", make_pdf(tmp_path / "p.pdf", _stacked()))
    assert one(facts, "passport.number").value == "A12345678"
    name = one(facts, "person.name").value
    assert isinstance(name, dict)
    assert (name["family"], name["given"], name["middle"]) == ("OKAFOR", "CHIDERA", "ADA")
    assert one(facts, "person.date_of_birth").value == BIRTH
    assert one(facts, "passport.issued").value == dt.date(2021, 7, 3)
    assert one(facts, "passport.expiry").value == EXPIRY
    assert one(facts, "passport.country").value == "NGA"
    assert one(facts, "person.nationality").value == "NGA"
    assert one(facts, "person.sex").value == "F"
    mrz = one(facts, "passport.mrz")
    assert isinstance(mrz.value, dict)
    assert mrz.value["valid"] and mrz.value["confident"] and mrz.value["failed"] == []
    assert mrz.value["fields"]["number"] == "A12345678"
    assert mrz.value["fields"]["birth_date"] == BIRTH
    assert mrz.evidence.text.splitlines() == list(MRZ)


def test_bilingual_labels_with_values_on_the_same_line(tmp_path: Path) -> None:
    rows = [
        "REPUBLIQUE DU SENEGAL",
        "PASSEPORT / PASSPORT",
        [(0, "Surname / Nom"), (200, "DIOP")],
        [(0, "Given names / Prénoms"), (200, "AWA")],
        [(0, "Passport No. / N° du passeport"), (200, "B7654321")],
        [(0, "Date of birth / Date de naissance"), (200, "05/06/1992")],
        [(0, "Date of issue / Date de délivrance"), (200, "21/01/2020")],
        [(0, "Date of expiry / Date d'expiration"), (200, "20/01/2030")],
    ]
    facts = read_facts("passport", make_pdf(tmp_path / "sn.pdf", rows))
    assert one(facts, "passport.number").value == "B7654321"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and (name["family"], name["given"]) == ("DIOP", "AWA")
    # 21/01/2020 proves the document writes the day first, so 05/06/1992 is 5 June.
    birth = one(facts, "person.date_of_birth")
    assert birth.value == dt.date(1992, 6, 5) and not birth.ambiguous
    assert "passport.mrz" not in kinds(facts)


def test_unproven_day_month_order_is_flagged_not_guessed(tmp_path: Path) -> None:
    rows = [[(0, "Passport No."), (150, "C1122334")], [(0, "Date of birth"), (150, "04/05/1991")]]
    facts = read_facts("passport", make_pdf(tmp_path / "amb.pdf", rows))
    birth = one(facts, "person.date_of_birth")
    assert birth.ambiguous and birth.note and "1991-05-04" in birth.note


def test_mrz_proves_the_visual_zone_date_order(tmp_path: Path) -> None:
    """The Philippines writes month first, but this data page is day-first: the MRZ decides."""
    mrz = build_td3("REYES", "ANA", "P1234567A", "PHL", dt.date(1994, 5, 7), "F", EXPIRY)
    rows = [
        "REPUBLIC OF THE PHILIPPINES",
        [(0, "Passport No. /"), (150, "P1234567A")],
        [(0, "Date of birth /"), (150, "07/05/1994")],
        [(0, "Date of issue /"), (150, "03/07/2021")],
        "",
        *mrz,
    ]
    facts = read_facts("passport", make_pdf(tmp_path / "ph.pdf", rows))
    assert one(facts, "person.date_of_birth").value == dt.date(1994, 5, 7)
    issued = one(facts, "passport.issued")
    assert issued.value == dt.date(2021, 7, 3) and not issued.ambiguous


def test_visual_zone_missing_falls_back_to_the_mrz(tmp_path: Path) -> None:
    facts = read_facts("passport", make_pdf(tmp_path / "mrz.pdf", ["PASSPORT", "", *MRZ]))
    assert one(facts, "passport.number").value == "A12345678"
    assert one(facts, "passport.expiry").value == EXPIRY
    assert one(facts, "person.name").note == "read from the MRZ"


def test_altered_check_digit_is_reported(tmp_path: Path) -> None:
    line2 = MRZ[1][:9] + str((int(MRZ[1][9]) + 1) % 10) + MRZ[1][10:]
    facts = read_facts("passport", make_pdf(tmp_path / "alt.pdf", _stacked((MRZ[0], line2))))
    mrz = one(facts, "passport.mrz").value
    assert isinstance(mrz, dict)
    assert not mrz["valid"] and "number" in mrz["failed"] and mrz["confident"]


@pytest.mark.ocr
@pytest.mark.slow
def test_scanned_passport(tmp_path: Path, tesseract: str) -> None:
    scan = make_scan(make_pdf(tmp_path / "scan.pdf", _stacked(), size=12), dpi=300)
    facts = read_facts("passport", scan)
    assert one(facts, "passport.number").value == "A12345678"
    assert one(facts, "person.date_of_birth").value == BIRTH
    assert one(facts, "passport.expiry").value == EXPIRY
    mrz = one(facts, "passport.mrz")
    assert isinstance(mrz.value, dict) and mrz.value["valid"]
    assert mrz.evidence.method == "ocr"


def test_mrz_split_by_ocr_into_fragments_is_joined() -> None:
    rows = [["PASSPORT"], [MRZ[0][:20]], [MRZ[0][20:]], [MRZ[1][:30]], [MRZ[1][30:]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    mrz = one(facts, "passport.mrz").value
    assert isinstance(mrz, dict) and mrz["valid"]
    assert one(facts, "passport.number").value == "A12345678"


def test_mrz_lines_merged_by_ocr_are_cut_again() -> None:
    rows = [["PASSPORT"], [MRZ[0] + MRZ[1]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    mrz = one(facts, "passport.mrz").value
    assert isinstance(mrz, dict) and mrz["valid"]


def test_national_id(tmp_path: Path) -> None:
    rows = [
        "ISLAMIC REPUBLIC OF PAKISTAN",
        "NATIONAL IDENTITY CARD",
        "Name: Hira Qureshi",
        "Identity Number: 35202-1234567-1",
        "Date of Birth: 23.11.1993",
    ]
    facts = read_facts("national_id", make_pdf(tmp_path / "id.pdf", rows))
    assert one(facts, "id.number").value == "35202-1234567-1"
    name = one(facts, "person.name").value
    assert isinstance(name, dict) and name["family"] == "Qureshi"
    assert one(facts, "person.date_of_birth").value == dt.date(1993, 11, 23)


MY_TYPES = [
    "passport",
    "national_id",
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
    "medical",
]
ODD_PAGES = [
    [["Surname"]],
    [["Date", "of", "birth", "99/99/9999"]],
    [["P<", "<<<<"], ["<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"]],
    [["\u0000"]],
    [["Listening", "Reading"], []],
    [["Balance", "is", "is", "CAD"], ["This", "certifies", "that", "and", "were", "married", "on"]],
    [["Account", "number:", "----"], ["Nominee"], ["Result:"]],
]


def test_every_type_has_an_extractor() -> None:
    from docaudit.extract.facts import supported_types

    assert set(MY_TYPES) <= set(supported_types())


@pytest.mark.parametrize("doc_type", MY_TYPES)
@pytest.mark.parametrize("rows", ODD_PAGES)
def test_odd_text_never_raises(doc_type: str, rows: list[list[str]]) -> None:
    facts = extract_facts(doc_type, Source("x.pdf", "0" * 64, ocr_text(rows)))
    assert problems_with(facts) == []


def test_a_passport_number_ocr_split_in_two_is_whole_when_the_mrz_confirms_it() -> None:
    """Seen on a scan: "HF1861023" read as "HF 1861023", and only "1861023" taken (ID003)."""
    mrz = build_td3("CARVALHO", "GUSTAVO", "HF1861023", "BRA", BIRTH, "M", EXPIRY)
    rows = [["PASSPORT"], ["Passport", "No."], ["HF", "1861023"], [mrz[0]], [mrz[1]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    number = one(facts, "passport.number")
    assert number.value == "HF1861023"
    assert number.note is not None and "1861023" in number.note


def test_a_split_number_the_mrz_does_not_confirm_is_left_as_read() -> None:
    rows = [["PASSPORT"], ["Passport", "No."], ["HF", "1861023"], [MRZ[0]], [MRZ[1]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    assert one(facts, "passport.number").value == "1861023"


def test_a_passport_number_that_lost_a_glyph_to_a_mark_is_the_mrz_number() -> None:
    """Seen on a scan: "SW2626243" read as "$W2626243", and "W2626243" taken (ID003)."""
    mrz = build_td3("CHAUDHRY", "HAMZA", "SW2626243", "PAK", BIRTH, "M", EXPIRY)
    rows = [["PASSPORT"], ["Passport", "No."], ["$W2626243"], [mrz[0]], [mrz[1]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    assert one(facts, "passport.number").value == "SW2626243"


def test_a_country_code_ocr_garbled_is_no_country_and_the_mrz_gives_it() -> None:
    """Seen on a scan: "PHL" read as "PHE", which a fuzzy country search took for Thailand."""
    mrz = build_td3("GARCIA", "CARLO", "TU7796175", "PHL", BIRTH, "M", EXPIRY)
    rows = [["PASSPORT"], ["Country", "code", "/", "PHE"], [mrz[0]], [mrz[1]]]
    facts = extract_facts("passport", Source("p.png", "0" * 64, ocr_text(rows)))
    assert one(facts, "passport.country").value == "PHL"
