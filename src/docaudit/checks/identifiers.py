"""Reference numbers (passport, test registration, ECA reference) compared as people write them:
spaces and case do not count, and on a scan a look-alike glyph is a likely misreading, said at
info with a pointer to the scan rather than reported as another document."""

from __future__ import annotations

from dataclasses import dataclass

from docaudit.core.models import Fact, Severity
from docaudit.extract.facts.parse.glyphs import reference_misread

MISREAD_NOTE = (
    " The two differ only in glyphs OCR confuses (such as S and 5, O and 0): check the scan; "
    "it is likely a misreading."
)


def plain(value: object) -> str:
    return "".join(str(value).split()).upper()


@dataclass(frozen=True, slots=True)
class Comparison:
    same: bool
    misread: bool
    """Different as read, but only by look-alike glyphs of an OCR reading."""

    @property
    def note(self) -> str:
        return MISREAD_NOTE if self.misread else ""

    @property
    def severity(self) -> Severity | None:
        """INFO for a likely misreading; None keeps the rule's own severity."""
        return Severity.INFO if self.misread else None


def compare_reference(found: Fact, declared: str) -> Comparison:
    a, b = plain(found.value), plain(declared)
    if a == b:
        return Comparison(True, False)
    return Comparison(False, found.evidence.method == "ocr" and reference_misread(a, b))
