"""MRZ reading: every check digit, OCR repairs only when the digits confirm them."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import build_td3, compute_check_digit, parse_td3, read_mrz

TODAY = dt.date(2026, 6, 1)
# ICAO Doc 9303 part 4, the specimen TD3 of Utopia.
ICAO_1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
ICAO_2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
SAFE_LETTERS = "CEFHJMNPRVWXY"  # letters that no OCR confusion maps to a digit


def test_check_digit_of_icao_specimen() -> None:
    assert compute_check_digit("L898902C3") == 6
    assert compute_check_digit("740812") == 2
    assert compute_check_digit("ZE184226B<<<<<") == 1
    with pytest.raises(ValueError):
        compute_check_digit("ab")


def test_icao_specimen_parses_with_every_field() -> None:
    r = parse_td3(ICAO_1, ICAO_2, today=dt.date(2010, 1, 1))
    assert r is not None
    assert r.valid and r.confident and not r.reconciled
    assert (r.document_type, r.issuing_state, r.nationality) == ("P", "UTO", "UTO")
    assert (r.primary_identifier, r.secondary_identifier) == ("ERIKSSON", "ANNA MARIA")
    assert r.number == "L898902C3"
    assert r.birth_date == dt.date(1974, 8, 12)
    assert r.expiry_date == dt.date(2012, 4, 15)
    assert (r.sex, r.personal_number) == ("F", "ZE184226B")
    assert r.failed == ()


def _khan(personal: str = "3520212345678", check: str = "<") -> tuple[str, str]:
    return build_td3(
        "KHAN",
        "Ayesha Noor",
        "AB1234567",
        "PAK",
        dt.date(1994, 5, 17),
        "F",
        dt.date(2031, 2, 11),
        personal,
        empty_personal_check=check,
    )


@pytest.mark.parametrize("check", ["<", "0"])
def test_empty_personal_number_accepts_filler_or_zero_check(check: str) -> None:
    l1, l2 = _khan("", check)
    assert l2[42] == check
    r = parse_td3(l1, l2, today=TODAY)
    assert r is not None and r.valid and r.checks["personal_number"]


def test_altered_birth_date_is_named_and_confident_on_a_text_layer() -> None:
    l1, l2 = _khan()
    altered = l2[:18] + ("9" if l2[18] != "9" else "8") + l2[19:]
    r = read_mrz(f"{l1}\n{altered}", ocr=False, today=TODAY)
    assert r is not None
    assert not r.valid and r.confident
    assert r.failed == ("birth_date", "composite")


def test_ocr_noise_is_reconciled_and_reported() -> None:
    l1, l2 = _khan()
    page = (
        "ISLAMIC REPUBLIC OF PAKISTAN\n"
        "P<PAK KHAN<<AYESHA«NOOR<<<<<<<<<<<\n" + l2.replace("0", "O").replace("<", "") + "\n"
    )
    r = read_mrz(page, today=TODAY)
    assert r is not None
    assert r.valid and r.reconciled and not r.confident
    assert r.lines == (l1, l2)
    assert {c.field for c in r.corrections} >= {"birth_date", "personal_number"}
    assert r.line_spans is not None
    start, end = r.line_spans[0]
    assert page[start:end].startswith("P<PAK")


def test_fillers_read_as_k_are_restored() -> None:
    l1, l2 = build_td3(
        "KHAN", "Ayesha", "AB12345", "PAK", dt.date(1994, 5, 17), "F", dt.date(2031, 2, 11)
    )
    r = read_mrz(l1.replace("<<<<<", "KKKKK") + "\n" + l2.replace("<", "K"), today=TODAY)
    assert r is not None and r.valid and r.reconciled
    assert r.lines == (l1, l2)
    assert r.number == "AB12345" and r.secondary_identifier == "AYESHA"


def test_unrepairable_ocr_names_the_failing_digit() -> None:
    l1, l2 = _khan()
    wrong = l2[:27] + str((int(l2[27]) + 1) % 10) + l2[28:]
    r = read_mrz(f"{l1}\n{wrong}", today=TODAY)
    assert r is not None
    assert not r.valid and not r.reconciled and r.confident
    assert "expiry_date" in r.failed
    assert any("expiry_date" in n for n in r.notes)


def test_no_mrz_in_ordinary_text() -> None:
    assert read_mrz("Dear Sir,\nThis is to certify that Ms. Khan worked here.") is None
    assert parse_td3("P<", "123") is None


def test_expiry_century_and_birth_in_the_past() -> None:
    l1, l2 = build_td3(
        "LEE", "Min", "M1234567", "KOR", dt.date(1960, 1, 1), "M", dt.date(2058, 1, 1)
    )
    r = parse_td3(l1, l2, today=TODAY)
    assert r is not None
    assert r.birth_date == dt.date(1960, 1, 1)
    assert r.expiry_date == dt.date(2058, 1, 1)


def _names() -> st.SearchStrategy[str]:
    return st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=12)


@st.composite
def _passports(draw: st.DrawFn) -> dict[str, object]:
    letters = draw(st.text(alphabet=SAFE_LETTERS, min_size=1, max_size=2))
    digits = draw(st.text(alphabet=string.digits, min_size=6, max_size=9 - len(letters)))
    return {
        "surname": draw(_names()),
        "given_names": draw(_names()),
        "number": letters + digits,
        "nationality": draw(st.sampled_from(["PAK", "IND", "PHL", "NGA", "CAN", "D<<"])),
        "birth_date": draw(st.dates(dt.date(1930, 1, 1), TODAY - dt.timedelta(days=1))),
        "sex": draw(st.sampled_from(["M", "F", "X"])),
        "expiry_date": draw(st.dates(TODAY - dt.timedelta(days=3000), dt.date(2045, 12, 31))),
        "personal_number": draw(st.text(alphabet=string.digits, max_size=14)),
    }


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(_passports())
def test_generated_mrz_round_trips(p: dict[str, object]) -> None:
    l1, l2 = build_td3(**p)  # type: ignore[arg-type]
    assert len(l1) == len(l2) == 44
    r = parse_td3(l1, l2, today=TODAY)
    assert r is not None and r.valid and r.confident
    assert r.number == p["number"]
    assert r.birth_date == p["birth_date"]
    assert r.expiry_date == p["expiry_date"]
    assert r.personal_number == p["personal_number"]
    assert r.primary_identifier == p["surname"]


FIELD_OF = {9: "number", **dict.fromkeys(range(13, 20), "birth_date")}
FIELD_OF |= {**dict.fromkeys(range(21, 28), "expiry_date"), 43: "composite"}


@SETTINGS
@given(_passports(), st.sampled_from(sorted(FIELD_OF)), st.integers(1, 9))
def test_single_corrupted_digit_is_detected_and_named(
    p: dict[str, object], position: int, shift: int
) -> None:
    l1, l2 = build_td3(**p)  # type: ignore[arg-type]
    corrupted = l2[:position] + str((int(l2[position]) + shift) % 10) + l2[position + 1 :]
    r = read_mrz(f"{l1}\n{corrupted}", ocr=False, today=TODAY)
    assert r is not None and not r.valid
    assert FIELD_OF[position] in r.failed


def _o_for_zero(text: str, limit: int | None = None) -> str:
    return text.replace("0", "O", -1 if limit is None else limit)


@SETTINGS
@given(_passports())
def test_o_for_zero_in_numeric_fields_reconciles(p: dict[str, object]) -> None:
    """Dates and check digits hold only digits, so every O there is repaired. In the document
    and personal numbers one O is: two O's whose weights sum to 10 keep every check digit, so no
    reader can tell them from zeros, and the test does not ask for the impossible."""
    l1, l2 = build_td3(**p)  # type: ignore[arg-type]
    ocr_l2 = (
        _o_for_zero(l2[0:9], 1)
        + _o_for_zero(l2[9:10])
        + l2[10:13]
        + _o_for_zero(l2[13:28])
        + _o_for_zero(l2[28:42], 1)
        + _o_for_zero(l2[42:])
    )
    r = read_mrz(f"{l1}\n{ocr_l2}", today=TODAY)
    assert r is not None
    assert r.valid
    assert r.lines[1] == l2
    assert r.reconciled == (ocr_l2 != l2)


def test_a_date_digit_read_as_a_letter_is_solved_by_its_check_digit_and_the_composite() -> None:
    """Seen on a scan: birth date 970316 read as "I70316"; I is no look-alike of 9, but the
    check digit allows one digit there, and the composite check digit confirms it."""
    line1 = "P<PHLVILLANUEVA<<JOANNA<<<<<<<<<<<<<<<<<<<<<"
    read = read_mrz(f"{line1}\nZR74562246PHLI703164F2804291<<<<<<<<<<<<<<<0")
    assert read is not None and read.valid and read.reconciled
    assert read.birth_date == dt.date(1997, 3, 16)


def test_a_date_digit_changed_to_another_digit_is_not_solved() -> None:
    line1 = "P<PHLVILLANUEVA<<JOANNA<<<<<<<<<<<<<<<<<<<<<"
    read = read_mrz(f"{line1}\nZR74562246PHL9703174F2804291<<<<<<<<<<<<<<<0")
    assert read is not None and not read.valid and "birth_date" in read.failed
