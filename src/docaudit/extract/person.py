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


def _tokens(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _candidates(profile: Profile) -> Iterable[tuple[Person, set[str], set[str]]]:
    """(person, family-name tokens, given-name tokens) for everyone declared."""
    a = profile.applicant
    family = _tokens(a.family_name) | {t for n in a.other_names for t in _tokens(n)}
    yield "applicant", _tokens(a.family_name), _tokens(a.given_names)
    if profile.spouse is not None:
        s = profile.spouse
        yield "spouse", _tokens(s.family_name), _tokens(s.given_names)
    for child in profile.children:
        yield "child", _tokens(child.family_name or "") or family, _tokens(child.given_names)


def assign_person(text: str, profile: Profile | None, prefer: Person | None = None) -> Person:
    """The declared person whose family and given names appear, best coverage first.

    Civil-status documents name several people by nature; ``prefer`` says whose document it is
    when that person is among the full matches (a birth certificate is the child's).
    """
    if profile is None:
        return "unknown"
    words = _tokens(text)
    scored: list[tuple[float, Person]] = []
    for person, family, given in _candidates(profile):
        if not family & words or not given & words:
            continue
        scored.append((len((family | given) & words) / len(family | given), person))
    if not scored:
        return "unknown"
    scored.sort(reverse=True)
    if prefer is not None and any(p == prefer and sc == scored[0][0] for sc, p in scored):
        return prefer
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1] != scored[1][1]:
        return "unknown"
    return scored[0][1]
