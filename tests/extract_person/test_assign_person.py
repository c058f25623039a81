"""Whose document: families that share names (issue 5, clean client GEN-5-0001 came out unknown).

The folder tests draw real PDFs with reportlab and read them through ``read_source``, so the holder
names come from docaudit's own extractors; the text tests pin the tie-breaking on plain text.
Invented people only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from docaudit.api import read_source
from docaudit.core.profile import Profile
from docaudit.extract.person import assign_person
from docaudit.ingest.discover import discover


def _profile(**changes: Any) -> Profile:
    """A family of four: father and son share the full name, the mother took the family name."""
    data: dict[str, Any] = {
        "schema": "docaudit/profile/v1",
        "client_id": "PERSON-1",
        "programs": ["FSW"],
        "key_dates": {"profile_submitted": "2026-01-10", "ita": "2026-03-14"},
        "applicant": {
            "family_name": "ADEKUNLE",
            "given_names": "Tobiloba",
            "other_names": [],
            "date_of_birth": "1991-10-28",
            "citizenship": "NGA",
            "marital_status": "married",
        },
        "spouse": {
            "family_name": "ADEKUNLE",
            "given_names": "Morayo",
            "other_names": ["Morayo OKONKWO-EZE"],
            "date_of_birth": "1993-09-21",
            "relationship_start": "2019-10-09",
        },
        "children": [
            {"given_names": "Tobiloba", "date_of_birth": "2022-11-22"},
            {"given_names": "Ayomide", "date_of_birth": "2024-08-20"},
        ],
        "funds": {"available": {"amount": 40000, "currency": "CAD"}, "family_size": 4},
    }
    data.update(changes)
    return Profile.model_validate(data)


def _pdf(path: Path, rows: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 790.0
    for row in rows:
        c.setFont("Helvetica", 11)
        c.drawString(50, y, row)
        y -= 22
    c.save()


_LETTER = [
    "Niger Delta Accounting Services Limited",
    "12 Marina Road, Lagos, Nigeria | hr@ndas.example | +234 1 555 0101",
    "15 January 2026",
    "TO WHOM IT MAY CONCERN",
    "This is to certify that Mr. Tobiloba Adekunle has been employed by Niger Delta Accounting",
    "Services Limited as a Staff Accountant from 1 June 2023 to date, working 37.5 hours per week",
    "at an annual salary of NGN 7,379,000.",
    "Main duties:",
    "- Prepared monthly financial statements and reconciliations.",
    "- Maintained the general ledger and fixed asset register.",
    "Yours faithfully,",
    "Chiamaka Obi, Human Resources Manager",
]

_BIRTH_CERTIFICATE = [
    "FEDERAL REPUBLIC OF NIGERIA",
    "NATIONAL POPULATION COMMISSION",
    "CERTIFICATE OF BIRTH",
    "Certificate No: NPC/LA/2022/118734",
    "Name of child: Tobiloba ADEKUNLE",
    "Sex: Male",
    "Date of birth: 22 November 2022",
    "Place of birth: Lagos, Nigeria",
    "Name of father: Tobiloba ADEKUNLE",
    "Name of mother: Morayo ADEKUNLE",
    "Date of registration: 5 December 2022",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("client")
    _pdf(root / "documents" / "work" / "reference_letter.pdf", _LETTER)
    _pdf(root / "documents" / "civil" / "birth_certificate_tobiloba.pdf", _BIRTH_CERTIFICATE)
    return root


def _person_of(folder: Path, name: str) -> tuple[str, str]:
    source = next(s for s in discover(folder) if s.rel.endswith(name))
    doc = read_source(source, profile=_profile(), ocr=False)
    return doc.doc_type, doc.person


def test_letter_of_an_applicant_who_shares_his_sons_name_is_the_applicants(folder: Path) -> None:
    assert _person_of(folder, "reference_letter.pdf") == ("reference_letter", "applicant")


def test_birth_certificate_naming_father_and_son_alike_is_the_childs(folder: Path) -> None:
    assert _person_of(folder, "birth_certificate_tobiloba.pdf") == ("birth_certificate", "child")


def test_printed_date_of_birth_tells_father_from_son_on_a_passport() -> None:
    profile = _profile()
    father = "PASSPORT\nSurname ADEKUNLE\nGiven names TOBILOBA\nDate of birth 28 OCT 1991"
    son = "PASSPORT\nSurname ADEKUNLE\nGiven names TOBILOBA\nDate of birth 22 NOV 2022"
    holder = ["ADEKUNLE, TOBILOBA"]
    assert assign_person(father, profile, None, holder) == "applicant"
    assert assign_person(son, profile, None, holder) == "child"


def test_day_first_numeric_birth_date_counts() -> None:
    text = "Candidate: Tobiloba ADEKUNLE  Date of birth: 28/10/1991"
    assert assign_person(text, _profile(), None, ["Tobiloba ADEKUNLE"]) == "applicant"


def test_spouse_with_the_shared_family_name_is_told_apart_by_given_name() -> None:
    text = "Test Report Form\nFamily name: ADEKUNLE\nFirst name: MORAYO"
    assert assign_person(text, _profile(), None, ["ADEKUNLE, MORAYO"]) == "spouse"


def test_a_maiden_name_with_a_hyphen_is_the_spouse_without_holder_names() -> None:
    text = "Bachelor of Science conferred upon Morayo Okonkwo-Eze on 30 June 2014"
    assert assign_person(text, _profile(), None, None) == "spouse"


def test_marriage_certificate_under_the_maiden_name_is_the_applicants() -> None:
    profile = _profile(
        applicant={
            "family_name": "ADEKUNLE",
            "given_names": "Morayo",
            "other_names": ["Morayo OKONKWO"],
            "date_of_birth": "1993-09-21",
            "citizenship": "NGA",
            "marital_status": "married",
        },
        spouse={"family_name": "ADEKUNLE", "given_names": "Tunde", "date_of_birth": "1991-10-28"},
        children=[],
    )
    text = (
        "CERTIFICATE OF MARRIAGE\nBride: Morayo OKONKWO\nGroom: Tunde ADEKUNLE\n"
        "Married on 9 October 2019"
    )
    assert assign_person(text, profile, "applicant", None) == "applicant"


def test_someone_not_declared_stays_unknown() -> None:
    text = "This is to certify that Mr. Chidi Nwosu has been employed as a driver."
    assert assign_person(text, _profile(), None, ["Chidi Nwosu"]) == "unknown"


def test_two_adults_named_equally_stay_unknown() -> None:
    text = "Joint account holders: Tobiloba ADEKUNLE and Morayo ADEKUNLE"
    assert assign_person(text, _profile(children=[]), None, None) == "unknown"


def test_child_with_the_other_parents_family_name_is_the_child() -> None:
    profile = _profile(
        spouse={"family_name": "NAIR", "given_names": "Arjun", "date_of_birth": "1990-11-14"},
        children=[{"given_names": "Neha", "date_of_birth": "2024-01-19"}],
    )
    text = (
        "CERTIFICATE OF BIRTH\nName: Neha NAIR\nDate of birth: 19 January 2024\nFather: Arjun NAIR"
    )
    assert assign_person(text, profile, "child", ["Neha NAIR"]) == "child"


def test_a_short_family_name_misread_by_ocr_is_the_person_born_on_the_printed_day() -> None:
    text = "ECA REPORT\nApplicant: TYER, Tobiloba (born 1991-10-28)"
    assert assign_person(text, _profile(), None, ["TYER, Tobiloba"]) == "applicant"


def test_a_misread_given_name_is_the_person_of_that_family_born_on_the_printed_day() -> None:
    """Seen on a scan: IQRA read as "lara"; the family name and the birth date still point at
    one person, where the spouse shares the family name but not the day."""
    text = "TCF CANADA\nNom ADEKUNLE\nPrénom Kemi\nDate de naissance 21.09.1993"
    assert assign_person(text, _profile(), None, ["ADEKUNLE, Kemi"]) == "spouse"
    text = "TCF CANADA\nNom ADEKUNLE\nPrénom Kemi"
    assert assign_person(text, _profile(), None, ["ADEKUNLE, Kemi"]) == "unknown"


def test_a_misread_family_name_without_the_birth_date_stays_unknown() -> None:
    text = "ECA REPORT\nApplicant: TYER, Tobiloba"
    assert assign_person(text, _profile(), None, ["TYER, Tobiloba"]) == "unknown"


def test_a_statement_naming_the_father_once_is_his_though_his_son_shares_the_name() -> None:
    text = (
        "ACCOUNT STATEMENT\nAccount holder Tobiloba ADEKUNLE\n"
        "Statement period 2026-01-01 to 2026-01-31"
    )
    assert assign_person(text, _profile(), None, None) == "applicant"


def test_a_holder_with_one_adults_family_name_and_another_given_name_is_that_adults() -> None:
    """A diploma for "Chidi ADEKUNLE" in Tobiloba ADEKUNLE's folder is his to explain (ID001),
    not nobody's; when the spouse shares the family name, nothing says whose it is."""
    text = "UNIVERSITY OF LAGOS\nBachelor of Science\nconferred upon Chidi ADEKUNLE"
    spouse = {
        "family_name": "OKONKWO",
        "given_names": "Morayo",
        "date_of_birth": "1993-09-21",
        "relationship_start": "2019-10-09",
    }
    assert assign_person(text, _profile(spouse=spouse), None, ["Chidi ADEKUNLE"]) == "applicant"
    assert assign_person(text, _profile(), None, ["Chidi ADEKUNLE"]) == "unknown"
    assert assign_person(text, _profile(spouse=spouse), None, ["Chidi NWOSU"]) == "unknown"
