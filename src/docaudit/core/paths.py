"""Where docaudit keeps its own files, so tests and firms can move them with one variable."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "docaudit"


def cache_dir() -> Path:
    """The extraction cache folder: ``DOCAUDIT_CACHE_DIR`` or the platform's user cache."""
    override = os.environ.get("DOCAUDIT_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP))


def data_dir() -> Path:
    """Imported reference data (the NOC index): ``DOCAUDIT_DATA_DIR`` or the user data folder."""
    override = os.environ.get("DOCAUDIT_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def rules_dir() -> Path:
    """The rule catalogue and tables: shipped inside the wheel, or the checkout's ``rules/``."""
    override = os.environ.get("DOCAUDIT_RULES_DIR")
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent.parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def private_dir(path: Path) -> Path:
    """Create ``path`` readable by the owner only: caches hold text from passports."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path
