"""The checks: one module per rule family, each rule a small function registered under its id.

Importing this package registers every check; ``load_checks`` then verifies that the catalogue and
the implementations agree, so a rule can neither be documented and silently missing nor run
without a catalogue entry.
"""

from __future__ import annotations

import importlib
import pkgutil

from docaudit.core.catalogue import Catalogue
from docaudit.core.registry import Check, registered


def load_checks(catalogue: Catalogue) -> dict[str, Check]:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    checks = registered()
    unknown = sorted(set(checks) - set(catalogue.ids))
    if unknown:
        raise RuntimeError(f"checks without a catalogue entry: {', '.join(unknown)}")
    return checks
