"""Look-alike glyphs: how far an OCR reading may stray from the truth and still be the same text.

Names and reference numbers on scans are compared with these, so a misread glyph is reported as a
likely misreading, not as another person or another document. The table is in
``rules/vocab/ocr.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from docaudit.extract.facts.parse.vocab import load


@dataclass(frozen=True, slots=True)
class _Glyphs:
    pairs: frozenset[tuple[str, str]]
    thin: str
    max_in_reference: int
    digit_letters: dict[str, str]
    glyph_digits: dict[str, str]
    identifier_marks: dict[str, str]
    inner_mark: re.Pattern[str]
    word_marks: dict[str, str]
    word_end_mark: re.Pattern[str]


@functools.cache
def _glyphs() -> _Glyphs:
    data = load("ocr")
    groups = [str(group) for group in data["look_alike"]]
    pairs = frozenset((x, y) for group in groups for x in group for y in group)
    letters = {str(k): str(v) for k, v in data["digit_letters"].items()}
    digits = {g: str(d) for d, glyphs in data["glyphs_for_digit"].items() for g in str(glyphs)}
    marks = {str(k): str(v) for k, v in data["identifier_marks"].items()}
    inner = re.compile(rf"(?<=[A-Za-z0-9])[{re.escape(''.join(marks))}](?=[A-Za-z0-9])")
    in_words = {str(k): str(v) for k, v in data["word_marks"].items()}
    word_end = re.compile(rf"(?<=[a-z])[{re.escape(''.join(in_words))}](?=[a-z]|\s+[A-Z])")
    return _Glyphs(
        pairs,
        str(data["thin_glyphs"]),
        int(data["max_in_reference"]),
        letters,
        digits,
        marks,
        inner,
        in_words,
        word_end,
    )


_GLUED_DIGIT = re.compile(r"(?<=[^\W\d_])[0-9]|[0-9](?=[^\W\d_])")


def letters_for_digits(text: str) -> str:
    """``text`` with each look-alike digit glued to a letter read as that letter."""
    table = _glyphs().digit_letters
    return _GLUED_DIGIT.sub(lambda m: table.get(m.group(), m.group()), text)


def digit_for(glyph: str) -> str | None:
    """The digit OCR may have printed as ``glyph`` ("i" or "l" for 1), if any."""
    return glyph if glyph.isdigit() else _glyphs().glyph_digits.get(glyph.casefold())


def capital_misread(word: str) -> bool:
    """``word`` opens with a thin glyph OCR prints for a capital I ("lyer" for Iyer)."""
    return len(word) > 1 and word[0] in _glyphs().thin and word[1].islower()


def look_alike(a: str, b: str, most: int) -> bool:
    """``a`` and ``b`` differ, in at most ``most`` places, each by a look-alike glyph."""
    a, b = a.casefold(), b.casefold()
    if len(a) != len(b) or a == b:
        return False
    pairs = _glyphs().pairs
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) <= most and all(pair in pairs for pair in diffs)


def lost_thin_glyph(a: str, b: str) -> bool:
    """One of ``a`` and ``b`` is the other with one thin glyph (i, l, 1) dropped."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    return _one_removed(long, short, _glyphs().thin)


def _one_removed(long: str, short: str, only: str | None = None) -> bool:
    """``short`` is ``long`` with one glyph removed (one of ``only``, when given)."""
    return len(long) == len(short) + 1 and any(
        long[:k] + long[k + 1 :] == short for k, c in enumerate(long) if only is None or c in only
    )


def doubled_glyph(a: str, b: str, most: int) -> bool:
    """One of ``a`` and ``b`` is the other with one glyph read twice ("TYYER" for "TYER"), and
    at most ``most`` look-alike glyphs besides."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    if len(long) != len(short) + 1:
        return False
    singles = {long[:k] + long[k + 1 :] for k in range(1, len(long)) if long[k] == long[k - 1]}
    return any(one == short or look_alike(one, short, most) for one in singles)


def split_glyph(a: str, b: str) -> bool:
    """One of ``a`` and ``b`` is the other with one glyph read as two, each that glyph or a
    look-alike of it ("TLYER" for "IYER": I read as T and l)."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    if len(long) != len(short) + 1:
        return False
    pairs = _glyphs().pairs

    def like(x: str, c: str) -> bool:
        return x == c or (x, c) in pairs

    return any(
        long[:k] == short[:k]
        and long[k + 2 :] == short[k + 1 :]
        and like(long[k], c)
        and like(long[k + 1], c)
        for k, c in enumerate(short)
    )


def mend_identifier(text: str) -> str:
    """``text`` with the marks OCR prints inside a code for I or 1 ("25!N0733") read as "I", so
    the code is one token again; a fixed shape (a digit wanted there) then makes it a 1."""
    glyphs = _glyphs()
    return glyphs.inner_mark.sub(lambda m: glyphs.identifier_marks[m.group()], text)


def mend_name_line(text: str) -> str:
    """``text`` (an OCR-read line naming an organisation) with the marks OCR prints for "l" read
    as "l": inside a lower-case word ("Wel|s"), or ending one when another word follows ("Gulf
    Pear! Digital" for Pearl), so the name is one run of words again. A mark ending the line is
    left: it may end a sentence."""
    glyphs = _glyphs()
    return glyphs.word_end_mark.sub(lambda m: glyphs.word_marks[m.group()], text)


def reference_misread(found: str, declared: str) -> bool:
    """A reference number OCR may have misread: look-alike glyphs, a lost thin one, one read
    twice ("PTE4228895510" for PTE422889510), or one glyph of noise added ("W2Z7182437" for
    WZ7182437). A number with a glyph fewer is lost only if thin: the profile's number is the
    one a consultant copied, and a shorter reading may be another document."""
    most = _glyphs().max_in_reference
    return (
        look_alike(found, declared, most)
        or lost_thin_glyph(found, declared)
        or doubled_glyph(found, declared, most=0)
        or _one_removed(found.casefold(), declared.casefold())
    )
