"""What every extractor needs: labelled values found on lines, and facts with their evidence.

Documents state a fact either after a label (``Date of Birth: 17/05/1994``, the value on the same
line or the next one) or inside a sentence (``employed with us from 1 August 2016``). ``Reader``
walks the lines of a document once and offers both, always returning where the value sat, so every
fact carries the page, the line's text and the box of exactly the words it came from.

Label vocabularies live in ``rules/extract/<doctype>.yaml`` (``labels: {field: [regex, ...]}``),
so a new layout usually needs a new label there, not new code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docaudit.core import paths
from docaudit.core.models import Evidence, Fact, FactValue
from docaudit.core.text import Line, Page
from docaudit.core.yamlio import load_located
from docaudit.extract.facts import Source

Span = tuple[int, int]
_SEPARATOR = re.compile(r"^\s*[:\-–.#]*\s*")


@dataclass(frozen=True)
class Hit:
    """A piece of text on one line: the value of a label, or a match inside a sentence."""

    page: Page
    line: Line
    index: int
    """Position of the line among all lines of the document (reading order)."""
    span: Span

    @property
    def text(self) -> str:
        return self.line.text[self.span[0] : self.span[1]]


@dataclass(frozen=True)
class Labels:
    """Compiled label patterns of one document type: field -> regexes."""

    fields: dict[str, tuple[re.Pattern[str], ...]]
    raw: dict[str, Any]

    def get(self, field: str) -> tuple[re.Pattern[str], ...]:
        return self.fields.get(field, ())

    def bare(self, text: str) -> bool:
        """Whether ``text`` is one of the labels and nothing more: then it is no label's value (a
        column of bare labels read by OCR puts the next label under the one looked up), while a
        value that only starts like one ("Company Secretary") still is."""
        return only_label(text, (p for patterns in self.fields.values() for p in patterns))


_LABEL_END = re.compile(r"[\s/:|.\-–]*")


def only_label(text: str, patterns: Iterable[re.Pattern[str]]) -> bool:
    """``text`` is one of ``patterns``' labels followed by nothing but separators."""
    for pattern in patterns:
        m = pattern.search(text)
        if m is not None and _LABEL_END.fullmatch(text, m.end()):
            return True
    return False


@lru_cache(maxsize=64)
def load_labels(doc_type: str, directory: Path | None = None) -> Labels:
    """``rules/extract/<doc_type>.yaml``: ``labels`` compiled case-insensitively, the rest raw."""
    path = (directory or paths.rules_dir()) / "extract" / f"{doc_type}.yaml"
    data: dict[str, Any] = load_located(path).data or {}
    fields = {
        name: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        for name, patterns in (data.get("labels") or {}).items()
    }
    return Labels(fields, data)


class Reader:
    """A document's lines in reading order, with label lookup and fact construction."""

    def __init__(self, source: Source, labels: Labels | None = None) -> None:
        self.source = source
        self.labels = labels
        """The document type's labels: a bare one under the label looked up is no value."""
        self.rows: list[tuple[Page, Line]] = [
            (page, line) for page in source.text.pages for line in page.lines if line.text.strip()
        ]

    def lines(self) -> Iterator[Hit]:
        for i, (page, line) in enumerate(self.rows):
            yield Hit(page, line, i, (0, len(line.text)))

    def search(self, pattern: re.Pattern[str], group: int | str = 0) -> Iterator[Hit]:
        """Every match of ``pattern`` within a line, as the span of ``group``."""
        for hit in self.lines():
            for m in pattern.finditer(hit.line.text):
                if m.group(group) is not None:
                    yield Hit(hit.page, hit.line, hit.index, m.span(group))

    def labelled(
        self, patterns: Sequence[re.Pattern[str]], *, next_line: bool = True
    ) -> Iterator[Hit]:
        """Values that follow a label: the rest of its line, or the next line when that is empty.

        A label that ends its line ("Date of Birth" then the value below it, as on test reports and
        passports) takes the next line's text, unless that is another label (a column of labels
        read by OCR: "Employer's name" above "Employee's name"); a value cut at another label on
        the same line (``Name: X   Date: Y``) ends where that label starts.
        """
        for hit in self.lines():
            text = hit.line.text
            for pattern in patterns:
                m = pattern.search(text)
                if not m:
                    continue
                sep = _SEPARATOR.match(text[m.end() :])
                start = m.end() + (len(sep.group(0)) if sep else 0)
                end = len(text)
                if start < end:
                    yield Hit(hit.page, hit.line, hit.index, (start, end))
                elif next_line and hit.index + 1 < len(self.rows):
                    page, line = self.rows[hit.index + 1]
                    if self.labels is None or not self.labels.bare(line.text):
                        yield Hit(page, line, hit.index + 1, (0, len(line.text)))
                break

    def first_labelled(self, patterns: Sequence[re.Pattern[str]]) -> Hit | None:
        return next(self.labelled(patterns), None)

    def following(self, hit: Hit, count: int) -> list[Hit]:
        """The ``count`` lines after ``hit``, e.g. the items of a list under a heading."""
        out = []
        for i in range(hit.index + 1, min(hit.index + 1 + count, len(self.rows))):
            page, line = self.rows[i]
            out.append(Hit(page, line, i, (0, len(line.text))))
        return out

    def evidence(self, hit: Hit, span: Span | None = None) -> Evidence:
        return Evidence.from_line(
            self.source.rel, self.source.sha256, hit.page, hit.line, span or hit.span
        )

    def fact(
        self,
        kind: str,
        value: FactValue,
        hit: Hit,
        span: Span | None = None,
        *,
        ambiguous: bool = False,
        note: str | None = None,
    ) -> Fact:
        """A fact whose evidence box covers ``span`` (absolute offsets in the line) or the hit."""
        return Fact(
            kind=kind,
            value=value,
            evidence=self.evidence(hit, span),
            ambiguous=ambiguous,
            note=note,
        )

    def sub(self, hit: Hit, inner: Span) -> Span:
        """A span found inside ``hit.text`` as offsets in the whole line."""
        return (hit.span[0] + inner[0], hit.span[0] + inner[1])
