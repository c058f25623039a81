"""Passport machine-readable zones (ICAO Doc 9303, TD3: two lines of 44 characters).

Every check digit is verified, because a failing digit on a cleanly read MRZ suggests an altered
document (ID004). OCR misreads MRZ glyphs in known ways (O for 0, K for the filler ``<``), so for
OCR text the usual confusions are tried, but a repair is kept only when the check digits confirm
it; a digit that still fails is named, never silently fixed.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from docaudit.extract.facts.parse.vocab import Span, load

LENGTH = 44
_WEIGHTS = (7, 3, 1)
_ALLOWED = re.compile(r"[^A-Z0-9<]")
_LINE1_START = re.compile(r"P[A-Z0-9<][A-Z0-9<]{3}")
CHECKED_FIELDS = ("number", "birth_date", "expiry_date", "personal_number", "composite")


@dataclass(frozen=True, slots=True)
class Correction:
    """One character changed to reconcile an OCR reading, with the field it belongs to."""

    field: str
    line: int
    """1 or 2."""
    position: int
    """0-based index in the line."""
    read: str
    corrected: str


@dataclass(frozen=True, slots=True)
class MrzResult:
    document_type: str
    issuing_state: str
    primary_identifier: str
    """The family name(s), fillers turned to spaces."""
    secondary_identifier: str
    """The given names, fillers turned to spaces."""
    number: str
    nationality: str
    birth_date: dt.date | None
    sex: str
    """M, F or X (an unspecified ``<`` is reported as X)."""
    expiry_date: dt.date | None
    personal_number: str
    checks: Mapping[str, bool]
    """Each check digit by the field it protects: number, birth_date, expiry_date,
    personal_number, composite."""
    valid: bool
    """Every check digit holds and the dates exist."""
    reconciled: bool
    """OCR confusions or lost fillers were repaired, and the check digits confirm the repair."""
    corrections: tuple[Correction, ...]
    confident: bool
    """The zone was read cleanly (text layer, or OCR lines of the right length and shape), so a
    failing check digit is a property of the document rather than of the reading."""
    lines: tuple[str, str]
    """The two lines as finally read (after any corrections)."""
    line_spans: tuple[Span, Span] | None = None
    """Where the lines were found in the text given to :func:`read_mrz`."""
    notes: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> tuple[str, ...]:
        """The fields whose check digit fails, in MRZ order."""
        return tuple(name for name in CHECKED_FIELDS if not self.checks.get(name, False))


@dataclass(frozen=True, slots=True)
class _Vocab:
    to_digit: dict[str, str]
    to_letter: dict[str, str]
    fillers: tuple[str, ...]
    max_uncertain: int
    expiry_years: int


@functools.cache
def _vocab() -> _Vocab:
    data = load("mrz")
    return _Vocab(
        to_digit={str(k): str(v) for k, v in data["to_digit"].items()},
        to_letter={str(k): str(v) for k, v in data["to_letter"].items()},
        fillers=tuple(str(f) for f in data["filler_misreads"]),
        max_uncertain=int(data["max_uncertain"]),
        expiry_years=int(data["expiry_window_years"]),
    )


def _char_value(ch: str) -> int:
    if ch.isdigit() and ch.isascii():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def compute_check_digit(data: str) -> int:
    """The ICAO 9303 check digit of ``data`` (weights 7, 3, 1; A=10..Z=35; ``<`` = 0).

    Raises ``ValueError`` for a character outside ``0-9``, ``A-Z`` and ``<``.
    """
    return sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10


def _holds(data: str, digit: str) -> bool:
    try:
        return digit.isdigit() and compute_check_digit(data) == int(digit)
    except ValueError:
        return False


def _mrz_text(text: str, width: int) -> str:
    clean = re.sub(r"[^A-Z0-9]+", "<", text.upper()).strip("<")
    return clean[:width].ljust(width, "<")


def build_td3(
    surname: str,
    given_names: str,
    number: str,
    nationality: str,
    birth_date: dt.date,
    sex: str,
    expiry_date: dt.date,
    personal_number: str = "",
    *,
    issuing_state: str | None = None,
    document_type: str = "P",
    empty_personal_check: str = "<",
) -> tuple[str, str]:
    """A valid TD3 MRZ for the given fields, for tests and fixtures.

    ``empty_personal_check`` is the check digit printed when there is no personal number:
    states print ``<`` or ``0``, and both must verify.
    """
    state = _mrz_text(issuing_state or nationality, 3)
    names = (
        _mrz_text(surname, LENGTH).rstrip("<") + "<<" + _mrz_text(given_names, LENGTH).rstrip("<")
    )
    line1 = (_mrz_text(document_type, 2) + state + names)[:LENGTH].ljust(LENGTH, "<")
    num = _mrz_text(number, 9)
    personal = _mrz_text(personal_number, 14)
    personal_check = (
        empty_personal_check if set(personal) == {"<"} else str(compute_check_digit(personal))
    )
    dob = birth_date.strftime("%y%m%d")
    exp = expiry_date.strftime("%y%m%d")
    sex_char = sex.upper()[:1] if sex.upper()[:1] in ("M", "F") else "<"
    body = (
        num
        + str(compute_check_digit(num))
        + _mrz_text(nationality, 3)
        + dob
        + str(compute_check_digit(dob))
        + sex_char
        + exp
        + str(compute_check_digit(exp))
        + personal
        + personal_check
    )
    composite = compute_check_digit(body[0:10] + body[13:20] + body[21:43])
    return line1, body + str(composite)


def checks_of(line2: str) -> dict[str, bool]:
    """Each check digit of a 44-character second line, by the field it protects."""
    personal = line2[28:42]
    empty = set(personal) <= {"<"}
    personal_ok = line2[42] in ("<", "0") if empty else _holds(personal, line2[42])
    return {
        "number": _holds(line2[0:9], line2[9]),
        "birth_date": _holds(line2[13:19], line2[19]),
        "expiry_date": _holds(line2[21:27], line2[27]),
        "personal_number": personal_ok,
        "composite": _holds(line2[0:10] + line2[13:20] + line2[21:43], line2[43]),
    }


def _date(yymmdd: str, today: dt.date, *, birth: bool, window: int) -> dt.date | None:
    if not re.fullmatch(r"[0-9]{6}", yymmdd):
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if birth:
        centuries = [2000, 1900]
    else:
        centuries = sorted([1900, 2000, 2100], key=lambda c: abs(c + yy - today.year))
    for century in centuries:
        try:
            value = dt.date(century + yy, mm, dd)
        except ValueError:
            return None
        if birth and value > today:
            continue
        if not birth and abs(value.year - today.year) > window + 30:
            continue
        return value
    return None


def _names(field_text: str) -> tuple[str, str]:
    primary, _, secondary = field_text.partition("<<")

    def words(s: str) -> str:
        return " ".join(w for w in s.split("<") if w)

    return words(primary), words(secondary)


def _well_formed(line1: str, line2: str) -> bool:
    return bool(
        len(line1) == LENGTH
        and len(line2) == LENGTH
        and line1[0] == "P"
        and re.fullmatch(r"[A-Z<]{3}", line1[2:5])
        and re.search(r"[A-Z]", line1[5:])
        and re.fullmatch(r"[A-Z<]{3}", line2[10:13])
        and re.fullmatch(r"[0-9]{6}[0-9][MFX<][0-9]{6}[0-9]", line2[13:28])
        and re.fullmatch(r"[0-9<]", line2[42])
        and line2[43].isdigit()
    )


def _result(
    line1: str,
    line2: str,
    today: dt.date,
    *,
    corrections: tuple[Correction, ...] = (),
    repaired: bool = False,
    spans: tuple[Span, Span] | None = None,
    notes: tuple[str, ...] = (),
) -> MrzResult:
    v = _vocab()
    checks = checks_of(line2)
    birth = _date(line2[13:19], today, birth=True, window=v.expiry_years)
    expiry = _date(line2[21:27], today, birth=False, window=v.expiry_years)
    well_formed = _well_formed(line1, line2)
    valid = well_formed and all(checks.values()) and birth is not None and expiry is not None
    primary, secondary = _names(line1[5:])
    return MrzResult(
        document_type=line1[0:2].strip("<"),
        issuing_state=line1[2:5].strip("<"),
        primary_identifier=primary,
        secondary_identifier=secondary,
        number=line2[0:9].strip("<"),
        nationality=line2[10:13].strip("<"),
        birth_date=birth,
        sex="X" if line2[20] == "<" else line2[20],
        expiry_date=expiry,
        personal_number=line2[28:42].strip("<"),
        checks=checks,
        valid=valid,
        reconciled=valid and (bool(corrections) or repaired),
        corrections=corrections,
        confident=well_formed and not repaired,
        lines=(line1, line2),
        line_spans=spans,
        notes=notes,
    )


def parse_td3(line1: str, line2: str, *, today: dt.date | None = None) -> MrzResult | None:
    """Read two exact TD3 lines (as from a text layer) with no repair; ``None`` if not TD3-shaped.

    Spaces are ignored; anything else that is not an MRZ character makes the result not valid.
    """
    l1 = re.sub(r"\s+", "", line1.upper())
    l2 = re.sub(r"\s+", "", line2.upper())
    if len(l1) != LENGTH or len(l2) != LENGTH or not l1.startswith("P"):
        return None
    return _result(l1, l2, today or dt.date.today())


def read_mrz(text: str, *, ocr: bool = True, today: dt.date | None = None) -> MrzResult | None:
    """Find and read a TD3 MRZ in the text of a page; ``None`` when there is none.

    With ``ocr=True`` the lines may be noisy: spaces, ``«`` or ``K`` for ``<``, lost fillers, and
    letter/digit confusions are repaired where the check digits confirm the repair. With
    ``ocr=False`` (a text layer) the characters are taken as printed.
    """
    today = today or dt.date.today()
    found = _find_lines(text)
    if found is None:
        return None
    (raw1, span1), (raw2, span2) = found
    notes: list[str] = []
    if ocr:
        raw1 = _fillers_read_as_k(raw1, notes)
    line1 = _fit_length(raw1, 1, notes)
    spans = (span1, span2)
    repaired = bool(notes)
    if not ocr:
        line2 = _fit_length(raw2, 2, notes)
        return _result(line1, line2, today, repaired=bool(notes), spans=spans, notes=tuple(notes))
    fixed1 = _fix_state(line1)
    base2, line2, length_repaired = _reconcile_line2(raw2, notes)
    corrections = _diff(line1, fixed1, 1) + _diff(base2, line2, 2)
    return _result(
        fixed1,
        line2,
        today,
        corrections=corrections,
        repaired=repaired or length_repaired,
        spans=spans,
        notes=tuple(notes),
    )


def _clean(line: str, fillers: tuple[str, ...]) -> str:
    upper = line.upper()
    for f in fillers:
        if f not in ("K", "<"):
            upper = upper.replace(f, "<")
    upper = re.sub(r"\s+", "", upper)
    return _ALLOWED.sub("", upper)


def _find_lines(text: str) -> tuple[tuple[str, Span], tuple[str, Span]] | None:
    """The last pair of adjacent lines shaped like TD3 line 1 and line 2 (the zone is at the
    bottom of the data page)."""
    v = _vocab()
    rows: list[tuple[str, Span]] = []
    pos = 0
    for raw in text.split("\n"):
        clean = _clean(raw, v.fillers)
        if clean:
            rows.append((clean, (pos, pos + len(raw))))
        pos += len(raw) + 1
    pair = None
    for (first, span1), (second, span2) in itertools.pairwise(rows):
        start = _LINE1_START.search(first)
        if start is None or "<" not in first[start.start() :]:
            continue
        line1 = first[start.start() :]
        digits = sum(c.isdigit() or c in v.to_digit for c in second)
        if len(line1) >= 15 and LENGTH - 8 <= len(second) <= LENGTH + 8 and digits >= 12:
            pair = ((line1, span1), (second, span2))
    return pair


def _fillers_read_as_k(line: str, notes: list[str]) -> str:
    """Line 1 ends in fillers; OCR often reads them as K. Names rarely end in ``KKK`` or ``K<``
    followed by more K, so the trailing run is fillers from its first ``<`` or ``KKK`` on."""
    tail = re.search(r"[<K]*$", line)
    run_start = tail.start() if tail else len(line)
    marks = [i for i in (line.find("<", run_start), line.find("KKK", run_start)) if i >= 0]
    if not marks:
        return line
    first = min(marks)
    if "K" not in line[first:]:
        return line
    notes.append("fillers read as K at the end of line 1")
    return line[:first] + "<" * (len(line) - first)


def _fit_length(line: str, number: int, notes: list[str]) -> str:
    if len(line) == LENGTH:
        return line
    notes.append(f"line {number} had {len(line)} characters, not {LENGTH}")
    if len(line) > LENGTH and number == 1:
        line = line.rstrip("<")
    return line[:LENGTH].ljust(LENGTH, "<")


def _fix_state(line: str) -> str:
    to_letter = _vocab().to_letter
    return line[:2] + "".join(to_letter.get(c, c) for c in line[2:5]) + line[5:]


_FIELDS_2 = (
    ("number", 0, 10),
    ("nationality", 10, 13),
    ("birth_date", 13, 20),
    ("sex", 20, 21),
    ("expiry_date", 21, 28),
    ("personal_number", 28, 43),
    ("composite", 43, 44),
)
_DIGITS_ONLY = ((9, 10), (13, 20), (21, 28), (43, 44))
_DATE_FIELDS = ((13, 19, 19), (21, 27, 27))
"""(start, end, check digit) of the birth and expiry dates on line 2."""


def _field_at(line: int, position: int) -> str:
    if line == 1:
        return "issuing_state" if 2 <= position < 5 else "name"
    return next(name for name, start, end in _FIELDS_2 if start <= position < end)


def _diff(before: str, after: str, line: int) -> tuple[Correction, ...]:
    return tuple(
        Correction(_field_at(line, i), line, i, a, b)
        for i, (a, b) in enumerate(zip(before, after, strict=True))
        if a != b
    )


def _fix_certain(line: str) -> str:
    """Apply the confusions that are certain: a letter where only digits may stand (dates, check
    digits), a digit in the nationality."""
    v = _vocab()
    chars = list(line)
    for start, end in _DIGITS_ONLY:
        for i in range(start, end):
            chars[i] = v.to_digit.get(chars[i], chars[i])
    for i in range(10, 13):
        chars[i] = v.to_letter.get(chars[i], chars[i])
    if chars[42] == "K":
        chars[42] = "<"
    chars[42] = v.to_digit.get(chars[42], chars[42])
    return "".join(chars)


def _solve_dates(line: str, read: str) -> str:
    """``line`` with a date digit OCR read as a letter solved by the date's check digit.

    ICAO 9303 weights (7, 3, 1) are prime to 10, so one unknown digit of a field has exactly one
    value its check digit accepts ("I703164" for 9703164: I is no look-alike of 9). Only one such
    place per field is solved, and only a letter read where a digit must stand, never a digit
    read as printed (an altered date stays altered); the composite check digit, which covers the
    dates too, must then hold for the line to be used.
    """
    chars = list(line)
    for start, end, check in _DATE_FIELDS:
        if _holds(line[start:end], line[check]) or not line[check].isdigit():
            continue
        unsure = [i for i in range(start, end) if not read[i].isdigit()]
        if len(unsure) != 1:
            continue
        i = unsure[0]
        fits = [
            d for d in "0123456789" if _holds(line[start:i] + d + line[i + 1 : end], line[check])
        ]
        if len(fits) == 1:
            chars[i] = fits[0]
    return "".join(chars)


def _length_variants(line: str) -> list[str]:
    """44-character readings of a line 2 that lost or gained fillers.

    Fillers stand only in the document number (padded on the right) and the personal number, so
    missing ones are put back there, at each place in turn; the check digits pick the reading.
    """
    delta = LENGTH - len(line)
    if delta == 0:
        return [line]
    places = [*range(0, 10), *range(26, len(line) + 1)]
    variants: list[str] = []
    for i in places:
        if delta > 0:
            variants.append(line[:i] + "<" * delta + line[i:])
        elif set(line[i : i - delta]) <= {"<", "K"}:
            variants.append(line[:i] + line[i - delta :])
    return [v for v in dict.fromkeys(variants) if len(v) == LENGTH]


def _trailing_k(line: str) -> str:
    """Fillers read as K at the end of the number or personal-number field turned back to ``<``."""
    chars = list(line)
    for start, end in ((0, 9), (28, 42)):
        text = line[start:end]
        run = len(text) - len(text.rstrip("K<"))
        if run >= 2 and "K" in text[end - start - run :]:
            chars[end - run : end] = "<" * run
    return "".join(chars)


def _reconcile_line2(raw: str, notes: list[str]) -> tuple[str, str, bool]:
    """(44-character reading before corrections, final reading, whether the length was repaired).

    The final reading is the unique one that satisfies every check digit, else the plain one.
    """
    repaired = len(raw) != LENGTH
    base = _fit_length(raw, 2, notes)
    plain = _fix_certain(base)
    ranked: dict[str, tuple[int, int, str]] = {}
    for variant in _length_variants(raw):
        for candidate in dict.fromkeys((variant, _trailing_k(variant))):
            solved = _search_alnum(_solve_dates(_fix_certain(candidate), candidate))
            if solved is not None:
                rank = (_shape_penalty(solved), _changes(variant, solved), variant)
                ranked[solved] = min(ranked.get(solved, rank), rank)
    ordered = sorted(ranked.items(), key=lambda item: item[1])
    unique = len(ordered) == 1 or (len(ordered) > 1 and ordered[0][1][:2] < ordered[1][1][:2])
    if ordered and unique:
        solved, (_, _, variant) = ordered[0]
        return variant, solved, repaired
    failed = [k for k, ok in checks_of(plain).items() if not ok]
    if len(ordered) > 1:
        notes.append("several readings of line 2 satisfy the check digits; none was chosen")
    elif failed:
        notes.append("no reading of line 2 satisfies the check digits of " + ", ".join(failed))
    return base, plain, repaired


def _shape_penalty(line: str) -> int:
    """Fields are left-aligned and padded with fillers, so a filler inside a field is unlikely."""
    return sum(
        not re.fullmatch(r"[A-Z0-9]*<*", line[start:end]) for start, end in ((0, 9), (28, 42))
    )


def _changes(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _options(ch: str) -> tuple[str, ...]:
    v = _vocab()
    alts = [ch]
    for table in (v.to_digit, v.to_letter):
        if ch in table:
            alts.append(table[ch])
    if ch == "K":
        alts.append("<")
    return tuple(alts)


def _weighted(text: str, offset: int) -> int:
    return sum(_char_value(c) * _WEIGHTS[(offset + i) % 3] for i, c in enumerate(text))


def _field_readings(
    text: str, check: str, composite_offset: int, *, may_be_empty: bool
) -> list[tuple[str, int, int]]:
    """Readings of an alphanumeric field that its own check digit confirms, with the cost of each
    (see :func:`_cost`) and its weighted contribution to the composite check digit."""
    # Letters are the likeliest misreads (numbers are mostly digits), so they are tried first
    # when there are more uncertain places than the search allows.
    uncertain = sorted(
        (i for i, c in enumerate(text) if len(_options(c)) > 1),
        key=lambda i: (text[i].isdigit(), i),
    )[: _vocab().max_uncertain]
    readings: list[tuple[str, int, int]] = []
    for combo in itertools.product(*(_options(text[i]) for i in uncertain)):
        chars = list(text)
        for i, ch in zip(uncertain, combo, strict=True):
            chars[i] = ch
        candidate = "".join(chars)
        if may_be_empty and set(candidate) == {"<"}:
            ok = check in ("<", "0")
        else:
            ok = check.isdigit() and _weighted(candidate, 0) % 10 == int(check)
        if ok:
            readings.append(
                (candidate, _cost(text, candidate), _weighted(candidate, composite_offset))
            )
    return readings


def _cost(read: str, candidate: str) -> int:
    """How unlikely a repair is. Document and personal numbers are mostly digits, so a letter
    read for a digit (O for 0) or a K for a filler costs 1 and a digit turned into a letter 3:
    leaving two misreads and inventing one elsewhere then never ties the likelier reading."""
    return sum(
        (1 if b == "<" or b.isdigit() else 3)
        for a, b in zip(read, candidate, strict=True)
        if a != b
    )


def _search_alnum(line: str) -> str | None:
    """The unique likeliest reading where every check digit holds, or ``None``.

    Only the document and personal numbers are searched: the other fields were settled by
    :func:`_fix_certain`, so if their digits fail nothing here can help.
    """
    checks = checks_of(line)
    if all(checks.values()):
        return line
    if not (checks["birth_date"] and checks["expiry_date"] and line[43].isdigit()):
        return None
    try:
        numbers = _field_readings(line[0:9], line[9], 0, may_be_empty=False)
        personals = _field_readings(line[28:42], line[42], 24, may_be_empty=True)
        composite = line[0:10] + line[13:20] + line[21:43]
        fixed = _weighted(composite, 0) - _weighted(line[0:9], 0) - _weighted(line[28:42], 24)
    except ValueError:
        return None
    by_residue: dict[int, list[tuple[str, int]]] = {}
    for text, cost, weight in personals:
        by_residue.setdefault(weight % 10, []).append((text, cost))
    solutions: list[tuple[int, str]] = []
    for num, n_cost, n_weight in numbers:
        need = (int(line[43]) - fixed - n_weight) % 10
        for pers, p_cost in by_residue.get(need, []):
            solutions.append((n_cost + p_cost, num + line[9:28] + pers + line[42:]))
    if not solutions:
        return None
    solutions.sort()
    if len(solutions) > 1 and solutions[0][0] == solutions[1][0]:
        return None
    return solutions[0][1]
