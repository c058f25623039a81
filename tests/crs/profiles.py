"""Build Profile objects for CRS tests from the short case dictionaries (invented people only)."""

from __future__ import annotations

import copy
from typing import Any

from docaudit.core.profile import Profile

APPLICANT = {
    "family_name": "CASE",
    "given_names": "Invented",
    "citizenship": "IND",
    "marital_status": "single",
}
SPOUSE = {"family_name": "CASE", "given_names": "Partner"}


def build(short: dict[str, Any]) -> Profile:
    """A full profile: the case's keys over the fixed identity fields the CRS ignores."""
    data = copy.deepcopy(short)
    data.setdefault("schema", "docaudit/profile/v1")
    data.setdefault("programs", ["FSW"])
    data["applicant"] = {**APPLICANT, **data.get("applicant", {})}
    if "spouse" in data:
        data["spouse"] = {**SPOUSE, **data["spouse"]}
    return Profile.model_validate(data)
