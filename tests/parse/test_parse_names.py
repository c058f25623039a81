"""Names: layouts, labels, and what does and does not make a different person (ID001)."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from docaudit.extract.facts.parse import names_match, parse_labelled_name, parse_name


@pytest.mark.parametrize(
    ("text", "family", "given", "middle"),
    [
        ("KHAN, Ayesha Noor", "KHAN", "Ayesha", "Noor"),
        ("Ms. Ayesha N. Khan", "Khan", "Ayesha", "N"),
        ("AYESHA NOOR KHAN", "KHAN", "AYESHA", "NOOR"),
        ("KHAN Ayesha Noor", "KHAN", "Ayesha", "Noor"),
        ("Surname: KHAN Given names: AYESHA NOOR", "KHAN", "AYESHA", "NOOR"),
        ("Surname/Nom: KHAN Given names/Prénoms: AYESHA NOOR", "KHAN", "AYESHA", "NOOR"),
        ("Maria de la Cruz", "de la Cruz", "Maria", ""),
        ("Dr. Jan van der Berg Jr.", "van der Berg", "Jan", ""),
    ],
)
def test_layouts(text: str, family: str, given: str, middle: str) -> None:
    name = parse_name(text)
    assert name is not None
    assert (name.family, name.given, name.middle) == (family, given, middle)


def test_honorific_initials_and_span() -> None:
    text = "Ms. Ayesha N. Khan"
    name = parse_name(text)
    assert name is not None
    assert name.honorific == "Ms." and name.initials == "AN"
    assert text[name.span[0] : name.span[1]] == "Ayesha N. Khan"


def test_explicit_layout() -> None:
    name = parse_name("KHAN AYESHA NOOR", "family_first")
    assert name is not None and name.family == "KHAN" and name.given_names == "AYESHA NOOR"


def test_labelled_helper_needs_both_labels() -> None:
    assert parse_labelled_name("Surname: KHAN") is None
    name = parse_labelled_name("Given names: AYESHA NOOR Surname: KHAN")
    assert name is not None and name.family == "KHAN" and name.given == "AYESHA"


@pytest.mark.parametrize("text", ["", "12345", "Mr.", "  ,, ;"])
def test_no_name(text: str) -> None:
    assert parse_name(text) is None


@pytest.mark.parametrize(
    "found",
    [
        "Ayesha Noor Khan",
        "KHAN, Ayesha Noor",
        "KHAN AYESHA NOOR",
        "Ms. Ayesha N. Khan",
        "A. N. Khan",
        "Ayesha Khan",
        "Áyesha Nóor KHÁN",
        "ayesha-noor khan",
    ],
)
def test_same_person(found: str) -> None:
    result = names_match("KHAN", "Ayesha Noor", found)
    assert result.match, result.reason


@pytest.mark.parametrize(
    ("found", "why"),
    [
        ("Aisha Khan", "first given name"),
        ("Bilal Khan", "first given name"),
        ("Ayesha Noor Siddiqui", "family name"),
        ("Ayesha Noor Zara Khan", "ZARA"),
        ("Noor Ayesha Khan", "first given name"),
    ],
)
def test_different_person(found: str, why: str) -> None:
    result = names_match("KHAN", "Ayesha Noor", found)
    assert not result.match
    assert why in result.reason


def test_declared_other_name_matches_and_is_reported() -> None:
    result = names_match("KHAN", "Ayesha Noor", "Ayesha Noor Siddiqui", ["Ayesha Noor Siddiqui"])
    assert result.match and result.alias == "Ayesha Noor Siddiqui"


def test_hyphen_and_space_variants_of_family_names() -> None:
    assert names_match("Smith-Jones", "Ann", "Ann Smith Jones").match
    assert names_match("Al Mansoori", "Omar", "OMAR ALMANSOORI").match
    assert names_match("Müller", "Jörg", "JORG MULLER").match
    assert names_match("Weiß", "Anna", "Anna Weiss").match


def test_ocr_tolerance_is_one_letter_in_long_names_or_one_look_alike_glyph() -> None:
    assert not names_match("KHAN", "Ayesha", "Avesha Khan").match
    long_name = names_match("KHAN", "Ayesha", "Avesha Khan", ocr=True)
    assert long_name.match and not long_name.ocr_unsure
    assert not names_match("KHAN", "Ayesha", "Aisha Khan", ocr=True).match
    assert not names_match("KHAN", "Bilal", "Bilan Khan", ocr=True).match
    look_alike = names_match("KHAN", "Bilal", "Bilai Khan", ocr=True)
    assert look_alike.match and look_alike.ocr_unsure
    lost_thin = names_match("KULKARNI", "Pooja", "KULKARN, POOJA", ocr=True)
    assert lost_thin.match and lost_thin.ocr_unsure
    assert not names_match("KULKARNI", "Pooja", "KULKARN, POOJA").match
    short_look_alike = names_match("SANTOS", "Rhea", "Rnea SANTOS", ocr=True)
    assert short_look_alike.match and short_look_alike.ocr_unsure
    split = names_match("IYER", "Kavya", "TLYER, Kavya", ocr=True, ocr_confidence=77.4)
    assert split.match and split.ocr_unsure
    assert not names_match("IYER", "Kavya", "TLYER, Kavya").match
    assert not names_match("IYER", "Kavya", "TMYER, Kavya", ocr=True).match
    added = names_match("OKONKWO", "Funmilayo", "Funmilayo OKRONKWO", ocr=True)
    assert added.match and added.ocr_unsure
    assert not names_match("OKONKWO", "Funmilayo", "Funmilayo OKRONKWO").match
    assert not names_match("OKONKWO", "Funmilayo", "Funmilayo OKRONKWOE", ocr=True).match


def test_scores_fall_with_allowances() -> None:
    exact = names_match("KHAN", "Ayesha Noor", "Ayesha Noor Khan")
    initials = names_match("KHAN", "Ayesha Noor", "A. N. Khan")
    assert exact.score == 1.0 and initials.score < exact.score


_part = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=10).map(str.capitalize)
LAYOUTS = ["given_first", "comma", "caps_family_first", "labelled", "upper"]


@settings(max_examples=120, deadline=None)
@given(_part, _part, st.one_of(st.just(""), _part), st.sampled_from(LAYOUTS))
def test_generated_names_parse_back(family: str, given: str, middle: str, layout: str) -> None:
    from docaudit.extract.facts.parse.names import _vocab

    v = _vocab()
    words = {w.lower() for w in (family, given, middle) if w}
    assume(not words & (v.particles | v.honorifics | v.suffixes))
    given_names = f"{given} {middle}".strip()
    text = {
        "given_first": f"{given_names} {family}",
        "comma": f"{family.upper()}, {given_names}",
        "caps_family_first": f"{family.upper()} {given_names}",
        "labelled": f"Surname: {family.upper()} Given names: {given_names.upper()}",
        "upper": f"{given_names.upper()} {family.upper()}",
    }[layout]
    name = parse_name(text)
    assert name is not None
    assert name.family.lower() == family.lower()
    assert name.given.lower() == given.lower()
    assert name.middle.lower() == middle.lower()
    assert names_match(family, given_names, text).match


def test_a_digit_glued_to_a_name_is_the_letter_ocr_misread() -> None:
    name = parse_name("Rahul 1YER")
    assert name is not None and (name.family, name.given) == ("IYER", "Rahul")
    assert names_match("IYER", "Rahul", "Rahul 1YER", ocr=True).match


def test_a_glyph_ocr_read_twice_is_a_likely_misreading_on_scans_only() -> None:
    """Seen on a scan: IYER read as "TYYER" (I as T, and the Y twice)."""
    doubled = names_match("IYER", "Nikhil", "TYYER, Nikhil", ocr=True)
    assert doubled.match and doubled.ocr_unsure
    assert not names_match("IYER", "Nikhil", "TYYER, Nikhil").match
    assert not names_match("IYER", "Nikhil", "TYYYER, Nikhil", ocr=True).match
    assert not names_match("IYER", "Nikhil", "MYYER, Nikhil", ocr=True).match
