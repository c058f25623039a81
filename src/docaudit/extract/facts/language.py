"""Language test reports: which test, the candidate, the dates and the five scores.

The test's variant matters more than its name (IELTS Academic and PTE Academic do not count for
Express Entry), so the variant wording is looked for across the whole report. Score tables come
in three shapes: abilities and scores on one line, a row of abilities over a row of scores (the
scores then belong to the ability above them by position), or one ability per row.

A score is reported only when its test can award it (``scales`` in
``rules/extract/language_test.yaml``): OCR reads ``7.5`` as ``120`` or ``75``, and a band that
cannot exist would be compared with the profile as if the candidate had scored it. A reading
repaired to fit the scale (a lost decimal point) is kept only when the IELTS overall band proves
it; otherwise the ability is left unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from docaudit.core.models import Fact
from docaudit.core.text import Line
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields
from docaudit.extract.facts.parse.glyphs import mend_identifier
from docaudit.extract.facts.reader import Hit, load_labels

ABILITIES = ("listening", "reading", "writing", "speaking")
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Scale:
    """The scores one test awards for one ability: ``low`` to ``high`` in steps of ``step``."""

    low: float
    high: float
    step: float

    def holds(self, value: float) -> bool:
        steps = value / self.step
        return self.low <= value <= self.high and abs(steps - round(steps)) < 1e-6


@dataclass(frozen=True)
class Scales:
    by_ability: dict[str, Scale]
    overall_is_mean: bool


@dataclass(frozen=True)
class _Vocab:
    tests: list[tuple[str, tuple[re.Pattern[str], ...]]]
    abilities: dict[str, tuple[re.Pattern[str], ...]]
    score: re.Pattern[str]
    scales: dict[str, Scales]
    any_scale: Scale
    doubtful_confidence: float
    shapes: dict[str, str]
    confusable: dict[str, str]


def _scale(raw: dict[str, Any]) -> Scale:
    return Scale(float(raw["min"]), float(raw["max"]), float(raw["step"]))


@cache
def _vocab() -> _Vocab:
    raw: dict[str, Any] = load_labels("language_test").raw
    tests = [
        (str(t["code"]), tuple(re.compile(p, re.IGNORECASE) for p in t["all"]))
        for t in raw["tests"]
    ]
    abilities = {
        name: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        for name, patterns in raw["abilities"].items()
    }
    scales: dict[str, Scales] = {}
    for entry in raw["scales"]:
        default = entry.get("all")
        by_ability = {
            a: _scale(entry.get(a) or default)
            for a in (*ABILITIES, "overall")
            if entry.get(a) or default
        }
        for code in entry["tests"]:
            scales[str(code)] = Scales(by_ability, bool(entry.get("overall_is_mean")))
    return _Vocab(
        tests,
        abilities,
        re.compile(raw["score"]),
        scales,
        _scale(raw["any_scale"]),
        float(raw["doubtful_confidence"]),
        {
            str(code): str(entry["shape"])
            for entry in raw["registration_shapes"]
            for code in entry["tests"]
        },
        {str(k): str(v) for k, v in raw["confusable"].items()},
    )


@extractor("language_test")
def language_test(source: Source) -> list[Fact]:
    vocab = _vocab()
    doc = Fields(source, "language_test", tuple(p for ps in vocab.abilities.values() for p in ps))
    test = _test_name(doc)
    code = str(test.value) if test is not None else None
    facts = [f for f in (test,) if f]
    name = doc.split_name("person.name", "family_name", "given_names") or doc.name(
        "person.name", "full_name"
    )
    facts += [
        f
        for f in (
            name,
            doc.date("person.date_of_birth", "date_of_birth"),
            doc.date("test.date", "test_date"),
            _registration(doc, code),
        )
        if f
    ]
    facts += _Scores(doc, vocab.scales.get(code) if code else None).facts()
    return facts


_IDENTIFIER = re.compile(r"[A-Z0-9][A-Z0-9 -]{2,}[A-Z0-9]", re.IGNORECASE)


def _registration(doc: Fields, code: str | None) -> Fact | None:
    """The TRF or registration number: a value with digits that is no label. A value that is
    one identifier broken by spaces (OCR splits long ones: ``CEL25-841 3-1326``) is joined
    again when every piece looks like part of a code (digits or capitals; ``Overall Score 75``
    is a label and a score, not a number); the box still shows what was printed."""
    for hit in doc.hits("registration_number"):
        text = mend_identifier(hit.text.strip()) if hit.page.method == "ocr" else hit.text.strip()
        if not any(c.isdigit() for c in text) or doc.mentions_label(text):
            continue
        pieces = text.split()
        if (
            _IDENTIFIER.fullmatch(text)
            and hit.page.method == "ocr"
            and all(any(c.isdigit() for c in p) or p.isupper() for p in pieces)
        ):
            return _shaped(doc.reader.fact("test.registration_number", "".join(pieces), hit), code)
        m = re.search(r"[A-Z0-9][A-Z0-9-]{3,}", text, re.IGNORECASE)
        if m is not None and any(c.isdigit() for c in m.group()):
            span = doc.reader.sub(hit, m.span())
            return _shaped(doc.reader.fact("test.registration_number", m.group(), hit, span), code)
    return None


def _shaped(fact: Fact, code: str | None) -> Fact:
    """A scanned number of a test whose numbers have a fixed shape (``registration_shapes``),
    with the letters and digits OCR confuses (``O`` for ``0``) put back where the shape wants
    the other kind, and a character OCR read twice as both (``REYMO007G``: ``O`` beside ``0``)
    dropped when every such drop gives the same number; as read when nothing makes it fit."""
    read = str(fact.value)
    shape = _vocab().shapes.get(code or "")
    if fact.evidence.method != "ocr" or shape is None:
        return fact
    tries = [read] if len(read) == len(shape) else []
    if len(read) == len(shape) + 1:
        twins = {*_vocab().confusable.items(), *((d, c) for c, d in _vocab().confusable.items())}
        tries = [
            read[:i] + read[i + 1 :]
            for i in range(len(read))
            if (read[i], read[i - 1] if i else "") in twins
            or (read[i], read[i + 1] if i + 1 < len(read) else "") in twins
        ]
    fitted = {f for f in map(lambda t: _fit(t, shape), tries) if f is not None}
    if len(fitted) != 1 or read in fitted:
        return fact
    fixed = fitted.pop()
    note = f"OCR read {read}; the number's fixed shape gives {fixed}"
    return fact.model_copy(update={"value": fixed, "note": note})


def _fit(text: str, shape: str) -> str | None:
    """``text`` with confusable characters turned to the kind ``shape`` wants, if it then fits."""
    to_digit = _vocab().confusable
    to_letter = {d: c for c, d in to_digit.items()}
    fixed = "".join(
        to_digit.get(c, c) if want == "D" else to_letter.get(c, c) if want == "L" else c
        for c, want in zip(text, shape, strict=True)
    )
    fits = all(
        c.isdigit() if want == "D" else c.isalpha() if want == "L" else c == want
        for c, want in zip(fixed, shape, strict=True)
    )
    return fixed if fits else None


def _test_name(doc: Fields) -> Fact | None:
    for code, patterns in _vocab().tests:
        hits: list[Hit] = []
        for pattern in patterns:
            hit = next(doc.reader.search(pattern), None)
            if hit is None:
                break
            hits.append(hit)
        else:
            return doc.reader.fact("test.name", code, hits[-1])
    return None


@dataclass(frozen=True)
class _Reading:
    """A score as read, with the values it can stand for on its test's scale."""

    hit: Hit
    span: tuple[int, int]
    printed: str
    value: float | None
    """The value as printed, when the scale has it."""
    repaired: float | None
    """The value with the decimal point OCR lost put back (``75`` as 7.5), when only that fits."""


class _Scores:
    """The four abilities and the overall of one report, each checked against its scale."""

    def __init__(self, doc: Fields, scales: Scales | None) -> None:
        self.doc = doc
        self.scales = scales
        self.vocab = _vocab()
        self.found: dict[str, _Reading] = {}

    def facts(self) -> list[Fact]:
        rows = list(self.doc.reader.lines())
        for hit in rows:
            labels = _ability_labels(hit.line.text, self.vocab.abilities)
            if not labels:
                continue
            leftover = []
            for n, (ability, start, end) in enumerate(labels):
                stop = labels[n + 1][1] if n + 1 < len(labels) else len(hit.line.text)
                if not self._first_in(ability, hit, end, stop):
                    leftover.append((ability, start, end))
            if len(leftover) == 1 and (column := self.doc.column_value(hit.index)) is not None:
                self._first_in(leftover[0][0], column, 0, len(column.line.text))
            elif leftover and hit.index + 1 < len(rows):
                self._below(hit, rows[hit.index + 1], leftover)
        for overall in self.doc.hits("overall"):
            self._first_in("overall", overall, overall.span[0], overall.span[1])
            if self._fits(self.found.get("overall")):
                break
        return self._resolved()

    def _first_in(self, ability: str, hit: Hit, start: int, stop: int) -> bool:
        """Takes the first score between ``start`` and ``stop`` of the line; whether one stood
        there (a score off the scale is read, but not kept)."""
        m = self.vocab.score.search(hit.line.text, start, stop)
        if m is None:
            return False
        self._take(ability, hit, m)
        return True

    def _below(self, header: Hit, below: Hit, labels: list[tuple[str, int, int]]) -> None:
        """Scores on a row of scores under a row of ability names, each to the name above it.
        A line with words is no row of scores (a date after the table is no score)."""
        text = below.line.text
        if _ability_labels(text, self.vocab.abilities) or _WORD.search(text):
            return
        centres = []
        for ability, start, end in labels:
            box = header.line.span_bbox(start, end)
            if box is not None:
                centres.append((ability, (box[0] + box[2]) / 2))
        if not centres:
            return
        for m in self.vocab.score.finditer(text):
            box = below.line.span_bbox(*m.span("v"))
            if box is None:
                continue
            x = (box[0] + box[2]) / 2
            self._take(min(centres, key=lambda c: abs(c[1] - x))[0], below, m)

    def _take(self, ability: str, hit: Hit, m: re.Match[str]) -> None:
        if ability in self.found and self._fits(self.found[ability]):
            return
        printed = m.group("v")
        value = float(re.sub(r"[,:]", ".", printed))
        scale = self._scale(ability)
        out_of = float(m.group("of")) if m.group("of") else None

        def fits(v: float) -> bool:
            return scale.holds(v) and (out_of is None or v <= out_of)

        repaired = value / 10 if re.fullmatch(r"\d\d", printed) and scale.step < 1 else None
        span = (m.start("v"), m.end("v"))
        reading = _Reading(
            hit,
            span,
            printed,
            value if fits(value) else None,
            repaired
            if repaired is not None and fits(repaired) and hit.page.method == "ocr"
            else None,
        )
        if ability not in self.found or self._fits(reading):
            self.found[ability] = reading

    @staticmethod
    def _fits(reading: _Reading | None) -> bool:
        return reading is not None and (reading.value is not None or reading.repaired is not None)

    def _scale(self, ability: str) -> Scale:
        if self.scales is None:
            return self.vocab.any_scale
        return self.scales.by_ability.get(ability, self.vocab.any_scale)

    def _resolved(self) -> list[Fact]:
        chosen = self._chosen()
        facts = []
        for key in (*ABILITIES, "overall"):
            if key in chosen:
                reading, (value, note) = self.found[key], chosen[key]
                facts.append(
                    self.doc.reader.fact(
                        f"test.score.{key}", value, reading.hit, reading.span, note=note
                    )
                )
        return facts

    def _chosen(self) -> dict[str, tuple[float, str | None]]:
        """Scores as printed when the scale has them; a repaired reading only when the overall
        band, the rounded mean of the four, proves it (IELTS)."""
        plain = {k: (r.value, None) for k, r in self.found.items() if r.value is not None}
        repaired = {
            k: r.repaired
            for k, r in self.found.items()
            if r.value is None and r.repaired is not None
        }
        if not (self.scales and self.scales.overall_is_mean) or len(plain) + len(repaired) < 5:
            return dict(plain)
        values = {k: v for k, (v, _) in plain.items()} | repaired
        mean = _ielts_overall([values[a] for a in ABILITIES])
        if mean == values["overall"]:
            return plain | {
                k: (
                    v,
                    f"OCR read {self.found[k].printed}, which the test cannot award; "
                    f"{v} agrees with the overall band",
                )
                for k, v in repaired.items()
            }
        if repaired:
            return dict(plain)
        doubtful = [k for k in plain if self._doubtful(k)]
        if len(doubtful) == 1:
            return {k: v for k, v in plain.items() if k != doubtful[0]}
        note = (
            f"the overall band {values['overall']:g} is not the rounded mean ({mean:g}) of the "
            "four bands read; one of them may be misread"
        )
        return plain | {"overall": (values["overall"], note)}

    def _doubtful(self, key: str) -> bool:
        """A score OCR may have misread: printed without the decimal point the other scores
        carry (``5`` among ``8.0 6.5 6.0``), or read with low confidence."""
        reading = self.found[key]
        if reading.hit.page.method != "ocr":
            return False
        others = [r for k, r in self.found.items() if k != key]
        decimals = sum(bool(re.search(r"[.,]", r.printed)) for r in others)
        if not re.search(r"[.,]", reading.printed) and decimals > len(others) / 2:
            return True
        confidence = _confidence(reading.hit.line, reading.span)
        return confidence is not None and confidence < self.vocab.doubtful_confidence


def _confidence(line: Line, span: tuple[int, int]) -> float | None:
    """The lowest OCR confidence of the words under ``span``."""
    confs = []
    pos = 0
    for word in line.words:
        end = pos + len(word.text)
        if pos < span[1] and span[0] < end and word.conf is not None:
            confs.append(word.conf)
        pos = end + 1
    return min(confs) if confs else None


def _ielts_overall(bands: list[float]) -> float:
    """The mean of the four bands to the nearest half band, quarters rounded up."""
    doubled = sum(bands) / 4 * 2
    return float(int(doubled + 0.5 + 1e-9)) / 2


def _ability_labels(
    text: str, abilities: dict[str, tuple[re.Pattern[str], ...]]
) -> list[tuple[str, int, int]]:
    labels = []
    for ability, patterns in abilities.items():
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                labels.append((ability, m.start(), m.end()))
                break
    return sorted(labels, key=lambda item: item[1])
