"""From CSV rows to unit groups: drop the preamble, set sub-headings apart, keep example titles.

Sub-headings ("Insurance managers" under 10020) are told from duties by shape, because the CSV
marks both as "Main duties". A sub-heading is a short phrase without a full stop that ends with a
noun for people; it does not open with a verb that opens long duties elsewhere (unless the phrase
is part of a title, as "Survey interviewers" is); and it opens the list, follows a duty ending with
a full stop, or ends with a noun that ends a title. Each signal alone misfires on the 2021 release
("Tally lumber", "Inoculate and vaccinate patients"); together they do not. Cells that hold
several duties on separate lines, as some releases have, are split; repeated duties are kept once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from docaudit.core.errors import InputFileError, Problem
from docaudit.noc.csvfiles import Table
from docaudit.noc.models import Duty, UnitGroup
from docaudit.noc.settings import ImportSettings

_LEVEL_DIGITS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}


@dataclass(frozen=True, slots=True)
class ParsedRelease:
    release: str
    groups: tuple[UnitGroup, ...]
    ignored_rows: int


def release_name(code_header: str) -> str:
    found = re.search(r"NOC.*", code_header, re.IGNORECASE)
    return found.group(0).strip() if found else code_header


def _code(raw: str, level: str, unit_level_default: bool) -> str:
    """Codes as text with their leading zeros, even after a spreadsheet has eaten them."""
    code = raw.strip()
    digits = _LEVEL_DIGITS.get(level.strip()) or (5 if unit_level_default else 0)
    if code.isdigit() and digits and len(code) < digits:
        code = code.zfill(digits)
    return code


def _noun_key(word: str) -> str:
    word = word.casefold().strip(",;:'\"")
    return word[:-1] if word.endswith("s") else word


def _first_word(text: str) -> str:
    words = text.split()
    return words[0].casefold().strip(",;:") if words else ""


def _last_word(text: str) -> str:
    words = re.sub(r"\([^)]*\)", " ", text).split()
    return _noun_key(words[-1]) if words else ""


@dataclass(frozen=True, slots=True)
class HeadingClues:
    """What the release itself says about its vocabulary, gathered once per import."""

    verbs: frozenset[str]
    """Words that open an unmistakable duty (long, or ending with a full stop)."""
    title_nouns: frozenset[str]
    """Words that end a title or a title segment: "managers", "clerks", "interviewers"."""
    titles: tuple[str, ...]

    @classmethod
    def gather(
        cls, titles: list[str], descriptions: list[str], settings: ImportSettings
    ) -> HeadingClues:
        verbs = set(settings.extra_duty_verbs)
        for text in descriptions:
            if text.endswith(".") or len(text.split()) >= settings.duty_min_words:
                verbs.add(_first_word(text))
        nouns: set[str] = set()
        for title in titles:
            plain = re.sub(r"\([^)]*\)", " ", title)
            for segment in re.split(r",| and | or | - |/", plain):
                if segment.split():
                    nouns.add(_noun_key(segment.split()[-1]))
        return cls(frozenset(verbs), frozenset(nouns), tuple(t.casefold() for t in titles))

    def is_sub_heading(self, text: str, previous: str | None, settings: ImportSettings) -> bool:
        last = _last_word(text)
        if (
            not last
            or text.endswith(".")
            or len(text.split()) > settings.sub_heading_max_words
            or not (settings.occupation_noun.search(last) or last in self.title_nouns)
        ):
            return False
        folded = text.casefold()
        opener_ok = _first_word(text) not in self.verbs or any(folded in t for t in self.titles)
        placed = previous is None or previous.endswith(".") or last in self.title_nouns
        return opener_ok and placed


def _split_cell(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.splitlines() if part.strip()]


def build_release(structure: Table, elements: Table, settings: ImportSettings) -> ParsedRelease:
    titles: dict[str, str] = {}
    leads: dict[str, str] = {}
    for row in structure.rows:
        level = row.get("level", "")
        code = _code(row["code"], level, unit_level_default=False)
        if (level.strip() == "5" or (not level.strip() and len(code) == 5)) and code.isdigit():
            titles[code] = row["title"]
            leads[code] = row["definition"]
    if not titles:
        raise InputFileError(
            [Problem(str(structure.path), "no unit groups (level 5, 5-digit codes) in this file")]
        )

    raw_duties: dict[str, list[str]] = defaultdict(list)
    examples: dict[str, list[str]] = defaultdict(list)
    ignored = 0
    unknown: list[tuple[int, str]] = []
    for row, line in zip(elements.rows, elements.lines, strict=True):
        code = _code(row["code"], row.get("level", ""), unit_level_default=True)
        kind = row["element_type"].casefold()
        texts = _split_cell(row["description"])
        if code not in titles:
            unknown.append((line, code))
            continue
        if kind in settings.duty_element_types:
            kept = raw_duties[code]
            kept += [t for t in texts if not settings.preamble.search(t) and t not in kept]
        elif kind in settings.example_element_types:
            seen = {e.casefold() for e in examples[code]}
            examples[code] += [t for t in texts if t.casefold() not in seen]
        else:
            ignored += 1
    if unknown:
        line, code = unknown[0]
        raise InputFileError(
            [
                Problem(
                    str(elements.path),
                    f"{len(unknown)} element row(s) name unit groups missing from "
                    f"{structure.path.name}, first {code!r}; are both files the same release?",
                    line=line,
                )
            ]
        )

    clues = HeadingClues.gather(
        list(titles.values()) + [e for names in examples.values() for e in names],
        [t for texts in raw_duties.values() for t in texts],
        settings,
    )
    groups: list[UnitGroup] = []
    for code, title in titles.items():
        heading: str | None = None
        duties: list[Duty] = []
        headings: list[str] = []
        previous: str | None = None
        for text in raw_duties.get(code, []):
            is_heading = clues.is_sub_heading(text, previous, settings)
            previous = text
            if is_heading:
                heading = text
                headings.append(text)
            else:
                duties.append(Duty(text, heading))
        groups.append(
            UnitGroup(
                code=code,
                title=title,
                teer=int(code[1]),
                lead_statement=leads[code],
                duties=tuple(duties),
                sub_headings=tuple(headings),
                example_titles=tuple(examples.get(code, [])),
            )
        )
    return ParsedRelease(release_name(structure.code_header), tuple(groups), ignored)
