"""Whose document is it? Matching the people declared in the profile against the document.

This is a reading step, not a rule: it only decides which person's facts a document carries, so
that rules compare the spouse's test with the spouse's declaration. Families share names: a spouse
takes the other's family name, a son carries his father's full name. A name alone then points at
several people, and the date of birth printed on the document, whose kind of document it is
(``prefer``) and the fact that only adults have degrees, jobs and test reports settle it. What
stays undecided is ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from docaudit.core.models import Person
from docaudit.core.profile import Child, Profile

_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case without diacritics, so ``Müller`` and ``MULLER`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class _Declared:
    """One person of the profile, with every name they may be written under."""

    person: Person
    family: str
    given: str
    aliases: tuple[str, ...]
    born: dt.date | None


def _declared(profile: Profile) -> list[_Declared]:
    a = profile.applicant
    people = [
        _Declared("applicant", a.family_name, a.given_names, tuple(a.other_names), a.date_of_birth)
    ]
    if profile.spouse is not None:
        s = profile.spouse
        people.append(
            _Declared("spouse", s.family_name, s.given_names, tuple(s.other_names), s.date_of_birth)
        )
    for child in profile.children:
        people.append(_child(child, profile))
    return people


def _child(child: Child, profile: Profile) -> _Declared:
    """A child declared without a family name may carry either parent's."""
    a, s = profile.applicant, profile.spouse
    if child.family_name:
        return _Declared("child", child.family_name, child.given_names, (), child.date_of_birth)
    other = (f"{child.given_names} {s.family_name}",) if s is not None else ()
    return _Declared("child", a.family_name, child.given_names, other, child.date_of_birth)


def _word_sets(someone: _Declared) -> Iterable[tuple[set[str], set[str]]]:
    """(family-name tokens, given-name tokens) under each name the person may be written."""
    yield set(_tokens(someone.family)), set(_tokens(someone.given))
    for alias in someone.aliases:
        tokens = _tokens(alias)
        if len(tokens) > 1:
            yield {tokens[-1]}, set(tokens[:-1])


def _mentions(words: list[str], names: Iterable[tuple[set[str], set[str]]], window: int = 3) -> int:
    """How often a given name stands within ``window`` words of its family name, in either order.

    A full name is written together ("Yetunde Adebayo", "ADEBAYO, Yetunde"); two people who only
    share a first name or a surname with someone declared do not make a match. A place in the
    text counts once however many of the person's names it fits, so other names do not weigh.
    """
    pairs = [(family, given - family) for family, given in names]
    count = 0
    for i, word in enumerate(words):
        near = words[max(0, i - window) : i + window + 1]
        if any(word in given and any(w in family for w in near) for family, given in pairs):
            count += 1
    return count


def _named_by_holders(
    names: list[str], people: list[_Declared], printed: set[dt.date]
) -> list[_Declared]:
    """The declared people the holder names an extractor read (holder, candidate) belong to.

    Exact readings first; then one misread letter in a long name; then a holder whose given
    names, or else whose family name, are someone's and whose birth date is printed (``TYER,
    Pooja`` born 2001-04-26 on a scan is IYER, Pooja; ``MALIK, lara`` born 1994-05-26 is MALIK,
    Iqra); last, a holder with someone's family name and another given name (a diploma for
    "Shreya PATEL" in Priya PATEL's folder). Left to nobody, that document would escape the
    identity rules, which exist to report exactly such a name. This only says whose document it
    is: the identity rules still compare the printed name strictly, and ``_settle`` leaves it
    unknown when the family name is shared by two adults.
    """
    from docaudit.extract.facts.parse import names_match

    for ocr in (False, True):
        named = [
            someone
            for someone in people
            if any(
                names_match(someone.family, someone.given, raw, someone.aliases, ocr=ocr).match
                for raw in names
            )
        ]
        if named:
            return named
    read = [set(_tokens(raw)) for raw in names]
    born = [someone for someone in people if someone.born in printed]
    for part in ("given", "family"):
        named = [s for s in born if any(set(_tokens(getattr(s, part))) <= words for words in read)]
        if named:
            return named
    return [s for s in people if any(set(_tokens(s.family)) <= words for words in read)]


def _mentioned(text: str, people: list[_Declared], prefer: Person | None) -> list[_Declared]:
    """The people whose full name the text writes most often, or all named when ``prefer`` is.

    A civil certificate may name the parents more often than the child it is about, so the
    person the document type points at counts once named at all.
    """
    words = _tokens(text)
    scores: list[tuple[int, _Declared]] = []
    for someone in people:
        hits = _mentions(words, _word_sets(someone))
        if hits:
            scores.append((hits, someone))
    if any(someone.person == prefer for _, someone in scores):
        return [someone for _, someone in scores]
    top = max((hits for hits, _ in scores), default=0)
    return [someone for hits, someone in scores if hits == top]


def _printed_dates(text: str) -> set[dt.date]:
    """Every day the text prints, both readings of an all-numeric date included."""
    from docaudit.extract.facts.parse import find_dates

    found: set[dt.date] = set()
    for date in find_dates(text):
        if date.precision == "day":
            found.add(date.value)
            found.update(date.alternatives)
    return found


def _settle(candidates: list[_Declared], printed: set[dt.date], prefer: Person | None) -> Person:
    """One person among several the names point at, or ``unknown``.

    A printed date of birth is the surest sign when names are shared. ``prefer`` is whose kind of
    document it is (a birth certificate is the child's, even though it names the parents too).
    Without either, a document naming an adult and a child under the same name is the adult's: a
    child's documents (passport, birth certificate) print a birth date, letters and tests do not
    concern children.
    """
    persons = {c.person for c in candidates}
    if len(persons) == 1:
        return persons.pop()
    born_here = {c.person for c in candidates if c.born is not None and c.born in printed}
    if len(born_here) == 1:
        return born_here.pop()
    remaining = born_here or persons
    if prefer is not None and prefer in remaining:
        return prefer
    adults = remaining - {"child"}
    if prefer is None and "child" in remaining and len(adults) == 1:
        return adults.pop()
    return "unknown"


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
    people = _declared(profile)
    printed = _printed_dates(text)
    if names:
        holders = _named_by_holders(names, people, printed)
        person = _settle(holders, printed, prefer) if holders else "unknown"
        if person != "unknown":
            return person
    mentioned = _mentioned(text, people, prefer)
    return _settle(mentioned, printed, prefer) if mentioned else "unknown"
