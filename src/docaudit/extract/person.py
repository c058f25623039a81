"""Whose document is it? Matching the names declared in the profile against the document's words.

This is a reading step, not a rule: it only decides which person's facts a document carries, so
that rules compare the spouse's test with the spouse's declaration. A tie stays ``unknown``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from docaudit.core.models import Person
from docaudit.core.profile import Profile

_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case without diacritics, so ``Müller`` and ``MULLER`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _candidates(profile: Profile) -> Iterable[tuple[Person, set[str], set[str]]]:
    """(person, family-name tokens, given-name tokens) for everyone declared."""
    a = profile.applicant
    parents = set(_tokens(a.family_name))
    yield "applicant", set(_tokens(a.family_name)), set(_tokens(a.given_names))
    for alias in a.other_names:
        tokens = _tokens(alias)
        if len(tokens) > 1:
            yield "applicant", {tokens[-1], tokens[0]}, set(tokens[:-1]) | set(tokens[1:])
    if profile.spouse is not None:
        s = profile.spouse
        parents |= set(_tokens(s.family_name))
        yield "spouse", set(_tokens(s.family_name)), set(_tokens(s.given_names))
    for child in profile.children:
        family = set(_tokens(child.family_name or "")) or parents
        yield "child", family, set(_tokens(child.given_names))


def _mentions(words: list[str], family: set[str], given: set[str], window: int = 3) -> int:
    """How often a given name stands within ``window`` words of a family name, in either order.

    A full name is written together ("Yetunde Adebayo", "ADEBAYO, Yetunde"); two people who only
    share a first name or a surname with someone declared do not make a match.
    """
    count = 0
    for i, word in enumerate(words):
        if word in given and any(w in family for w in words[max(0, i - window) : i + window + 1]):
            count += 1
    return count


def _declared(profile: Profile) -> Iterable[tuple[Person, str, str, tuple[str, ...]]]:
    a = profile.applicant
    yield "applicant", a.family_name, a.given_names, tuple(a.other_names)
    if profile.spouse is not None:
        s = profile.spouse
        yield "spouse", s.family_name, s.given_names, tuple(s.other_names)
    for child in profile.children:
        yield "child", child.family_name or a.family_name, child.given_names, ()


def _by_name_facts(names: list[str], profile: Profile) -> set[Person]:
    """Who the names an extractor read (holder, candidate, employee) belong to."""
    from docaudit.extract.facts.parse import names_match

    found: set[Person] = set()
    for raw in names:
        for person, family, given, aliases in _declared(profile):
            if names_match(family, given, raw, aliases).match:
                found.add(person)
    return found


def assign_person(
    text: str,
    profile: Profile | None,
    prefer: Person | None = None,
    names: list[str] | None = None,
) -> Person:
    """Whose document this is: the person its holder name matches, else the one it names most.

    ``names`` are the holder names an extractor read (``person.name`` facts), the surest sign.
    Civil-status documents name several people by nature; ``prefer`` says whose document it is
    when that person is among those named (a birth certificate is the child's).
    """
    if profile is None:
        return "unknown"
    if names:
        holders = _by_name_facts(names, profile)
        if prefer in holders:
            return prefer
        if len(holders) == 1:
            return holders.pop()
    words = _tokens(text)
    scores: dict[Person, int] = {}
    for person, family, given in _candidates(profile):
        hits = _mentions(words, family, given - family)
        if hits:
            scores[person] = scores.get(person, 0) + hits
    if not scores:
        return "unknown"
    if prefer is not None and prefer in scores:
        return prefer
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return "unknown"
    return ranked[0][0]
