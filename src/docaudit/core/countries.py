"""ISO 3166 country codes as passports print them, from whatever a consultant typed."""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Names people type that pycountry's fuzzy search gets wrong or slowly; kept tiny on purpose.
_COMMON = {"UK": "GBR", "UAE": "ARE", "USA": "USA", "US": "USA", "KOREA": "KOR", "RUSSIA": "RUS"}


@lru_cache(maxsize=1024)
def to_alpha3(value: str) -> str | None:
    """Alpha-3 for an alpha-3, alpha-2 or English country name; ``None`` when unknown."""
    text = value.strip()
    if not text:
        return None
    upper = text.upper()
    if upper in _COMMON:
        return _COMMON[upper]
    if len(upper) == 3 and pycountry.countries.get(alpha_3=upper):
        return upper
    if len(upper) == 2:
        country = pycountry.countries.get(alpha_2=upper)
        return country.alpha_3 if country else None
    for attr in ("name", "common_name", "official_name"):
        found = pycountry.countries.get(**{attr: text})  # type: ignore[arg-type]
        if found:
            return str(found.alpha_3)
    if len(upper) <= 3:
        # A code that is none ("PHE", OCR for PHL) is no name to guess from: the fuzzy search
        # would find it inside a region's name (Thailand's Phetchaburi).
        return None
    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return None
    return str(matches[0].alpha_3) if len(matches) == 1 else None


def name_of(alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    return str(country.name) if country else alpha3
