"""Language test reports: which test, the candidate, the dates and the five scores.

The test's variant matters more than its name (IELTS Academic and PTE Academic do not count for
Express Entry), so the variant wording is looked for across the whole report. Score tables come
in three shapes: abilities and scores on one line, a row of abilities over a row of scores (the
scores then belong to the ability above them by position), or one ability per row.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.identity import Fields
from docaudit.extract.facts.reader import Hit, load_labels

ABILITIES = ("listening", "reading", "writing", "speaking")


@cache
def _vocab() -> tuple[
    list[tuple[str, tuple[re.Pattern[str], ...]]],
    dict[str, tuple[re.Pattern[str], ...]],
    re.Pattern[str],
]:
    raw: dict[str, Any] = load_labels("language_test").raw
    tests = [
        (str(t["code"]), tuple(re.compile(p, re.IGNORECASE) for p in t["all"]))
        for t in raw["tests"]
    ]
    abilities = {
        name: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        for name, patterns in raw["abilities"].items()
    }
    return tests, abilities, re.compile(raw["score"])


@extractor("language_test")
def language_test(source: Source) -> list[Fact]:
    _, abilities, _ = _vocab()
    doc = Fields(source, "language_test", tuple(p for ps in abilities.values() for p in ps))
    facts = [f for f in (_test_name(doc),) if f]
    name = doc.split_name("person.name", "family_name", "given_names") or doc.name(
        "person.name", "full_name"
    )
    facts += [
        f
        for f in (
            name,
            doc.date("person.date_of_birth", "date_of_birth"),
            doc.date("test.date", "test_date"),
            _registration(doc),
        )
        if f
    ]
    facts += _scores(doc)
    return facts


_IDENTIFIER = re.compile(r"[A-Z0-9][A-Z0-9 -]{2,}[A-Z0-9]", re.IGNORECASE)


def _registration(doc: Fields) -> Fact | None:
    """The TRF or registration number: a value with digits. A value that is one identifier
    broken by spaces (OCR splits long ones: ``CEL25-841 3-1326``) is joined again; the box still
    shows what was printed."""
    for hit in doc.hits("registration_number"):
        text = hit.text.strip()
        if not any(c.isdigit() for c in text):
            continue
        if _IDENTIFIER.fullmatch(text) and hit.page.method == "ocr":
            return doc.reader.fact("test.registration_number", text.replace(" ", ""), hit)
        m = re.search(r"[A-Z0-9][A-Z0-9-]{3,}", text, re.IGNORECASE)
        if m is not None and any(c.isdigit() for c in m.group()):
            return doc.reader.fact(
                "test.registration_number", m.group(), hit, doc.reader.sub(hit, m.span())
            )
    return None


def _test_name(doc: Fields) -> Fact | None:
    tests, _, _ = _vocab()
    for code, patterns in tests:
        hits: list[Hit] = []
        for pattern in patterns:
            hit = next(doc.reader.search(pattern), None)
            if hit is None:
                break
            hits.append(hit)
        else:
            return doc.reader.fact("test.name", code, hits[-1])
    return None


def _scores(doc: Fields) -> list[Fact]:
    _, abilities, score = _vocab()
    found: dict[str, Fact] = {}
    rows = list(doc.reader.lines())
    for hit in rows:
        labels = _ability_labels(hit.line.text, abilities)
        if not labels:
            continue
        leftover = []
        for n, (ability, start, end) in enumerate(labels):
            stop = labels[n + 1][1] if n + 1 < len(labels) else len(hit.line.text)
            m = score.search(hit.line.text, end, stop)
            if m is None:
                leftover.append((ability, start, end))
            elif ability not in found:
                found[ability] = _score_fact(doc, ability, hit, m.span("v"), m.group("v"))
        if len(leftover) == 1 and (column := doc.column_value(hit.index)) is not None:
            m = score.search(column.line.text)
            if m is not None and leftover[0][0] not in found:
                found[leftover[0][0]] = _score_fact(
                    doc, leftover[0][0], column, m.span("v"), m.group("v")
                )
        elif leftover and hit.index + 1 < len(rows):
            _scores_below(doc, hit, rows[hit.index + 1], leftover, found, abilities, score)
    overall = doc.first("overall")
    facts = [found[a] for a in ABILITIES if a in found]
    if overall is not None:
        m = score.search(overall.text)
        if m is not None:
            span = doc.reader.sub(overall, m.span("v"))
            facts.append(_score_fact(doc, "overall", overall, span, m.group("v")))
    return facts


def _scores_below(
    doc: Fields,
    header: Hit,
    below: Hit,
    labels: list[tuple[str, int, int]],
    found: dict[str, Fact],
    abilities: dict[str, tuple[re.Pattern[str], ...]],
    score: re.Pattern[str],
) -> None:
    """Scores on the line under a row of ability names, each to the name above it."""
    if _ability_labels(below.line.text, abilities):
        return
    centres = []
    for ability, start, end in labels:
        box = header.line.span_bbox(start, end)
        if box is not None:
            centres.append((ability, (box[0] + box[2]) / 2))
    if not centres:
        return
    for m in score.finditer(below.line.text):
        box = below.line.span_bbox(*m.span("v"))
        if box is None:
            continue
        x = (box[0] + box[2]) / 2
        ability = min(centres, key=lambda c: abs(c[1] - x))[0]
        if ability not in found:
            found[ability] = _score_fact(doc, ability, below, m.span("v"), m.group("v"))


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


def _score_fact(doc: Fields, ability: str, hit: Hit, span: tuple[int, int], text: str) -> Fact:
    return doc.reader.fact(f"test.score.{ability}", float(text.replace(",", ".")), hit, span)
