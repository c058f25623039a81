"""Personal names as documents print them, and whether a printed name is the declared person's.

Documents put the family name first or last, in capitals or not, with titles, initials and
accents; none of that makes a different person. A different family name or first given name does
(ID001), and so does a given name the profile never declared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz.distance import Hamming, Levenshtein

from docaudit.extract.facts.parse.glyphs import (
    doubled_glyph,
    letters_for_digits,
    look_alike,
    lost_thin_glyph,
    split_glyph,
)
from docaudit.extract.facts.parse.vocab import Span, fold, fold_name, load, word_alternation

Layout = Literal["auto", "given_first", "family_first"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")


@dataclass(frozen=True, slots=True)
class PersonName:
    family: str
    given: str
    """The first given name; empty when the document gives only a family name."""
    middle: str = ""
    """Further given names, space-separated."""
    initials: str = ""
    """The first letters of all given names, upper-case."""
    honorific: str | None = None
    suffix: str | None = None
    raw: str = ""
    span: Span = (0, 0)
    """Where the name (without labels) stands in the parsed text."""

    @property
    def given_names(self) -> str:
        return " ".join(p for p in (self.given, self.middle) if p)


@dataclass(frozen=True, slots=True)
class NameMatch:
    match: bool
    score: float
    """1.0 for the same name; lower for each allowance made (an initial, a missing middle name)."""
    reason: str
    alias: str | None = None
    """The declared other name that matched, when it was not the main one."""
    ocr_unsure: bool = False
    """It matched only by what OCR may misread beyond one substituted letter of a long name: a
    letter dropped or added, a look-alike or lost thin glyph, or a letter of a short name
    Tesseract read with low confidence."""


@dataclass(frozen=True, slots=True)
class _Vocab:
    honorifics: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    family_label: re.Pattern[str]
    given_label: re.Pattern[str]
    min_length: int
    max_edits: int
    uncertain_below: float
    uncertain_min_length: int


@functools.cache
def _vocab() -> _Vocab:
    data = load("names")
    labels = data["labels"]

    def label(words: list[str]) -> re.Pattern[str]:
        alt = word_alternation(fold(str(w)) for w in words)
        return re.compile(rf"{alt}(?:\s*/\s*[a-z]+)?\s*[:.]?\s*")

    tolerance = data["ocr_tolerance"]
    return _Vocab(
        honorifics=frozenset(fold(str(w)) for w in data["honorifics"]),
        particles=frozenset(fold(str(w)) for w in data["particles"]),
        suffixes=frozenset(fold(str(w)) for w in data["suffixes"]),
        family_label=label(labels["family"]),
        given_label=label(labels["given"]),
        min_length=int(tolerance["min_length"]),
        max_edits=int(tolerance["max_edits"]),
        uncertain_below=float(tolerance["uncertain_below"]),
        uncertain_min_length=int(tolerance["uncertain_min_length"]),
    )


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.text).rstrip(".")


def parse_name(text: str, layout: Layout = "auto") -> PersonName | None:
    """Split a printed name into family and given names; ``None`` when ``text`` holds no name.

    ``auto`` reads ``KHAN, Ayesha`` and ``KHAN Ayesha Noor`` (capitals mark the family name on
    most identity documents) as family-first, labelled fields (``Surname: ... Given names: ...``)
    by their labels, and anything else as given names first.
    """
    text = letters_for_digits(text)
    if layout == "auto":
        labelled = parse_labelled_name(text)
        if labelled is not None:
            return labelled
    tokens = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    v = _vocab()
    honorific = None
    while tokens and tokens[0].key in v.honorifics:
        honorific = (honorific + " " if honorific else "") + tokens[0].text
        tokens = tokens[1:]
    suffix = None
    if len(tokens) > 2 and tokens[-1].key in v.suffixes:
        suffix = tokens[-1].text
        tokens = tokens[:-1]
    if not tokens:
        return None
    family, given = _split(text, tokens, layout, v)
    if not family and given:
        family, given = [given[-1]], given[:-1]
    span = (tokens[0].start, tokens[-1].end)
    return _build(family, given, honorific, suffix, text[span[0] : span[1]], span)


def _split(
    text: str, tokens: list[_Tok], layout: Layout, v: _Vocab
) -> tuple[list[_Tok], list[_Tok]]:
    if layout == "auto":
        comma = text.find(",", tokens[0].end)
        if 0 <= comma < tokens[-1].start:
            before = [t for t in tokens if t.end <= comma]
            return before, [t for t in tokens if t.start > comma]
        layout = _layout_from_case(tokens)
    if layout == "family_first":
        n = 1
        while n < len(tokens) - 1 and tokens[n - 1].key in v.particles:
            n += 1
        return tokens[:n], tokens[n:]
    n = len(tokens) - 1
    while n > 1 and tokens[n - 1].key in v.particles:
        n -= 1
    return tokens[n:], tokens[:n]


def _layout_from_case(tokens: list[_Tok]) -> Layout:
    """Family-first when upper-case words lead and mixed-case ones follow (``KHAN Ayesha``)."""
    upper = [len(t.key) > 1 and t.text.isupper() for t in tokens]
    if all(upper) or not any(upper):
        return "given_first"
    if upper[0] and not upper[-1]:
        return "family_first"
    return "given_first"


def _build(
    family: list[_Tok],
    given: list[_Tok],
    honorific: str | None,
    suffix: str | None,
    raw: str,
    span: Span,
) -> PersonName:
    names = [t.text.rstrip(".") if len(t.key) == 1 else t.text for t in given]
    return PersonName(
        family=" ".join(t.text for t in family),
        given=names[0] if names else "",
        middle=" ".join(names[1:]),
        initials="".join(n[0].upper() for n in names),
        honorific=honorific,
        suffix=suffix,
        raw=raw,
        span=span,
    )


def parse_labelled_name(text: str) -> PersonName | None:
    """A name printed as labelled fields, e.g. ``Surname: KHAN Given names: AYESHA NOOR``.

    Both labels must be present; the span runs from the first value to the last.
    """
    v = _vocab()
    folded = fold(text)
    fam = v.family_label.search(folded)
    giv = v.given_label.search(folded)
    if fam is None or giv is None:
        return None
    fam_end = giv.start() if giv.start() > fam.start() else len(text)
    giv_end = fam.start() if fam.start() > giv.start() else len(text)
    family = parse_name(text[fam.end() : fam_end], "given_first")
    given_tokens = [
        _Tok(m.group(), m.start() + giv.end(), m.end() + giv.end())
        for m in _TOKEN.finditer(text[giv.end() : giv_end])
    ]
    if family is None or not given_tokens:
        return None
    fam_start = fam.end() + family.span[0]
    fam_tok = _Tok(family.raw, fam_start, fam_start + len(family.raw))
    start = min(fam_tok.start, given_tokens[0].start)
    end = max(fam_tok.end, given_tokens[-1].end)
    return _build([fam_tok], given_tokens, None, None, text[start:end], (start, end))


def _words(text: str) -> list[str]:
    """Comparison tokens: accents and case gone, hyphens split, apostrophes and dots dropped."""
    plain = fold_name(text).replace("’", "").replace("'", "").replace(".", " ")
    return [w for w in re.split(r"[\s,\-]+", plain) if w and not w.isdigit()]


def names_match(
    declared_family: str,
    declared_given: str,
    found: PersonName | str,
    aliases: Sequence[str | PersonName] = (),
    *,
    ocr: bool = False,
    ocr_confidence: float | None = None,
) -> NameMatch:
    """Whether ``found`` names the declared person, allowing what documents legitimately vary.

    Allowed: case, accents, family and given names swapped, initials for given names, titles, a
    hyphen for a space, a missing middle name. Not allowed: another family name, another first
    given name, a given name the profile does not declare. With ``ocr=True`` one misread letter in
    a long name part is tolerated (see ``rules/vocab/names.yaml``), and in a shorter one too when
    ``ocr_confidence`` says Tesseract was unsure (the result is then ``ocr_unsure``); a text layer
    gets no tolerance.
    """
    person = found if isinstance(found, PersonName) else parse_name(found)
    if person is None:
        return NameMatch(False, 0.0, "no name found")
    candidates: list[tuple[str, str, str | None]] = [(declared_family, declared_given, None)]
    for other in aliases:
        parsed = other if isinstance(other, PersonName) else parse_name(other)
        if parsed is not None:
            candidates.append((parsed.family, parsed.given_names, parsed.raw or str(other)))
    tokens = _words(person.given_names) + _words(person.family)
    v = _vocab()
    unsure = ocr and ocr_confidence is not None and ocr_confidence < v.uncertain_below
    lenient = _Tolerance(v.uncertain_min_length if unsure else v.min_length, glyphs=True)
    best = _best_match(candidates, tokens, lenient if ocr else None)
    if best.match and person.honorific:
        best = replace(best, reason=f"{best.reason}; title ignored")
    if best.match and ocr:
        strict = _best_match(candidates, tokens, _Tolerance(v.min_length, glyphs=False))
        best = replace(best, ocr_unsure=not strict.match)
    return best


@dataclass(frozen=True, slots=True)
class _Tolerance:
    """What OCR may have misread: one letter in a part of ``min_length`` letters or more, and
    (with ``glyphs``) a letter dropped or added there, and look-alike glyphs, a lost thin glyph or
    one read twice in a part of any length. Only a substituted letter passes without ``glyphs``, so
    a name a letter longer or shorter is always reported as a likely misreading."""

    min_length: int
    glyphs: bool


def _best_match(
    candidates: list[tuple[str, str, str | None]], tokens: list[str], tolerance: _Tolerance | None
) -> NameMatch:
    best: NameMatch | None = None
    best_rank: tuple[bool, bool, float] = (False, False, -1.0)
    for family, given, alias_raw in candidates:
        result, family_found = _match_one(_words(family), _words(given), tokens, tolerance)
        if alias_raw is not None:
            result = NameMatch(
                result.match, result.score, f"{result.reason} (other name {alias_raw})", alias_raw
            )
        # Among mismatches, the reading that found the family name explains the difference best.
        rank = (result.match, family_found, result.score)
        if best is None or rank > best_rank:
            best, best_rank = result, rank
    assert best is not None
    return best


def _match_one(
    family: list[str], given: list[str], tokens: list[str], tolerance: _Tolerance | None
) -> tuple[NameMatch, bool]:
    if not family or not tokens:
        return NameMatch(False, 0.0, "no family name to compare"), False
    best: NameMatch | None = None
    target = "".join(family)
    for k in range(1, len(tokens) + 1):
        for window, rest, swapped in (
            (tokens[-k:], tokens[:-k], False),
            (tokens[:k], tokens[k:], True),
        ):
            same, near = _same("".join(window), target, tolerance)
            if not same:
                continue
            result = _match_given(given, rest, tolerance)
            reasons = [result.reason] if result.reason else []
            score = result.score - (0.1 if near and result.match else 0.0)
            if near:
                reasons.append("family name differs by one letter (OCR)")
            if swapped and rest:
                reasons.append("family name first")
            reason = "; ".join(reasons) or "same name"
            if best is None or (result.match, score) > (best.match, best.score):
                best = NameMatch(result.match, round(score, 2), reason)
    if best is None:
        return NameMatch(False, 0.0, f"family name {' '.join(family).upper()} not found"), False
    return best, True


def _match_given(declared: list[str], found: list[str], tolerance: _Tolerance | None) -> NameMatch:
    if not found:
        if not declared:
            return NameMatch(True, 1.0, "")
        return NameMatch(True, 0.6, "document gives only the family name")
    if not declared:
        return NameMatch(False, 0.0, f"given name {found[0].upper()} not declared")
    reasons: list[str] = []
    score = 1.0
    kind = _part(found[0], declared[0], tolerance)
    if kind is None:
        return NameMatch(
            False, 0.0, f"first given name {found[0].upper()} differs from {declared[0].upper()}"
        )
    score, reasons = _allow(kind, found[0], score, reasons)
    j = 1
    for word in found[1:]:
        while j < len(declared) and _part(word, declared[j], tolerance) is None:
            j += 1
        if j == len(declared):
            return NameMatch(False, 0.0, f"given name {word.upper()} not declared")
        score, reasons = _allow(_part(word, declared[j], tolerance), word, score, reasons)
        j += 1
    missing = len(declared) - len(found)
    if missing > 0:
        score -= 0.05 * missing
        reasons.append("middle name missing" if missing == 1 else f"{missing} given names missing")
    return NameMatch(True, score, "; ".join(reasons))


def _part(found: str, declared: str, tolerance: _Tolerance | None) -> str | None:
    """How one found given name matches a declared one: same, initial, near (OCR), or not."""
    if found == declared:
        return "same"
    if len(found) == 1 and declared.startswith(found):
        return "initial"
    same, near = _same(found, declared, tolerance)
    return "near" if same and near else None


def _allow(
    kind: str | None, word: str, score: float, reasons: list[str]
) -> tuple[float, list[str]]:
    if kind == "initial":
        return score - 0.1, [*reasons, f"initial {word.upper()}"]
    if kind == "near":
        return score - 0.1, [*reasons, f"{word.upper()} differs by one letter (OCR)"]
    return score, reasons


def _same(a: str, b: str, tolerance: _Tolerance | None) -> tuple[bool, bool]:
    """(equal or OCR-near, only OCR-near) for two folded name parts; no tolerance for a text
    layer (``None``)."""
    if a == b:
        return True, False
    if tolerance is None:
        return False, False
    v = _vocab()
    if tolerance.glyphs and (
        look_alike(a, b, most=1)
        or lost_thin_glyph(a, b)
        or doubled_glyph(a, b, most=1)
        or split_glyph(a, b)
    ):
        return True, True
    if min(len(a), len(b)) < tolerance.min_length:
        return False, False
    if len(a) == len(b):
        near = Hamming.distance(a, b, score_cutoff=v.max_edits) <= v.max_edits
    else:
        near = (
            tolerance.glyphs and Levenshtein.distance(a, b, score_cutoff=v.max_edits) <= v.max_edits
        )
    return near, near
