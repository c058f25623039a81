"""Text as docaudit reads it: words with their boxes and confidences, grouped into lines and pages.

Every backend (pdfplumber, Tesseract) produces these, in PDF points from the top-left of the page,
so evidence from a scan and from a text layer look the same to every later stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BBox = tuple[float, float, float, float]
Method = Literal["text", "ocr"]


def union(boxes: list[BBox]) -> BBox | None:
    """The smallest box holding all of ``boxes``; ``None`` for none."""
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    conf: float | None = None
    """Tesseract's word confidence (0-100); ``None`` for a text layer, which needs none."""


@dataclass(frozen=True, slots=True)
class Line:
    """Words on one visual line, joined by single spaces so character offsets map back to words."""

    words: tuple[Word, ...]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(w.text for w in self.words))

    @property
    def bbox(self) -> BBox | None:
        return union([w.bbox for w in self.words])

    @property
    def conf(self) -> float | None:
        confs = [w.conf for w in self.words if w.conf is not None]
        return sum(confs) / len(confs) if confs else None

    def span_bbox(self, start: int, end: int) -> BBox | None:
        """The box of the words that the character span ``[start, end)`` of ``text`` touches."""
        boxes: list[BBox] = []
        pos = 0
        for word in self.words:
            w_end = pos + len(word.text)
            if w_end > start and pos < end:
                boxes.append(word.bbox)
            pos = w_end + 1
        return union(boxes)


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    """1-based, as people count pages."""
    width: float
    height: float
    method: Method
    lines: tuple[Line, ...]
    rotation: int = 0
    """Degrees the scan was turned to read upright (OCR only)."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def mean_confidence(self) -> float | None:
        confs = [w.conf for line in self.lines for w in line.words if w.conf is not None]
        return round(sum(confs) / len(confs), 1) if confs else None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "method": self.method,
            "rotation": self.rotation,
            "lines": [[[w.text, *w.bbox, w.conf] for w in line.words] for line in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Page:
        lines = tuple(
            Line(tuple(Word(w[0], (w[1], w[2], w[3], w[4]), w[5]) for w in words))
            for words in data["lines"]
        )
        return cls(
            number=data["number"],
            width=data["width"],
            height=data["height"],
            method=data["method"],
            lines=lines,
            rotation=data.get("rotation", 0),
        )


@dataclass(frozen=True, slots=True)
class DocumentText:
    """All pages of one file, as read by whichever backend suited each page."""

    pages: tuple[Page, ...]

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)

    @property
    def ocr(self) -> bool:
        return any(p.method == "ocr" for p in self.pages)

    @property
    def mean_confidence(self) -> float | None:
        confs = [
            w.conf for p in self.pages for ln in p.lines for w in ln.words if w.conf is not None
        ]
        return round(sum(confs) / len(confs), 1) if confs else None

    def to_json(self) -> dict[str, Any]:
        return {"pages": [p.to_json() for p in self.pages]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentText:
        return cls(tuple(Page.from_json(p) for p in data["pages"]))
