"""What the NOC engine hands to the rules engine and the CLI: frozen values, never dicts.

Rules compare these across letters and runs, so they must not change under a caller's feet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Duty:
    """One main duty as published; ``heading`` names the occupation it belongs to, if any."""

    text: str
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class UnitGroup:
    code: str
    title: str
    teer: int
    lead_statement: str
    duties: tuple[Duty, ...]
    sub_headings: tuple[str, ...] = ()
    example_titles: tuple[str, ...] = ()

    @property
    def broad_category(self) -> int:
        return int(self.code[0])


@dataclass(frozen=True, slots=True)
class NocCatalog:
    """One imported release; ``import_id`` changes with every import so caches can tell."""

    release: str
    imported_at: str
    import_id: str
    groups: tuple[UnitGroup, ...]
    _by_code: dict[str, UnitGroup] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {g.code: g for g in self.groups})

    def get(self, code: str) -> UnitGroup | None:
        return self._by_code.get(code.strip().zfill(5))


@dataclass(frozen=True, slots=True)
class ImportStats:
    release: str
    imported_at: str
    import_id: str
    unit_groups: int
    main_duties: int
    sub_headings: int
    example_titles: int
    ignored_rows: int
    """Elements of types docaudit does not use (exclusions, employment requirements, ...)."""
    encoding: str
    db: str


@dataclass(frozen=True, slots=True)
class DutyMatch:
    """A duty from the letter aligned with the NOC duty it resembles most."""

    letter_duty: str
    noc_duty: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    title: str
    teer: int
    score: float
    """In [0, 1]; comparable between candidates of one query, not across queries."""
    matched_duties: tuple[DutyMatch, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    code: str
    title: str
    coverage: float
    """Share of the unit group's main duties that some letter duty performs."""
    lead_statement_covered: bool
    lead_statement_similarity: float
    covered_duties: tuple[DutyMatch, ...]
    uncovered_duties: tuple[str, ...]
    unmatched_letter_duties: tuple[str, ...]


CopyVerdict = Literal["original", "quotes_noc", "copied"]


@dataclass(frozen=True, slots=True)
class CopyPair:
    letter_duty: str
    noc_code: str
    noc_duty: str
    similarity: float
    """Surface (character-level) similarity in [0, 1]: wording, not meaning."""


@dataclass(frozen=True, slots=True)
class CopyReport:
    pairs: tuple[CopyPair, ...]
    """Letter duties whose wording is verbatim or near-verbatim NOC text."""
    copied_share: float
    letter_duties: int
    verdict: CopyVerdict
    """``copied`` when the duty list is the NOC list; quoting a phrase is only ``quotes_noc``."""
