"""Per-client configuration (``docaudit.yaml``) and the manifest (``manifest.yaml``).

Both are written by consultants. A missing file or section means defaults; an unknown key is an
error with a did-you-mean, so a misspelt waiver never silently stops applying.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docaudit.core.errors import InputFileError, Problem
from docaudit.core.models import DocType, Severity
from docaudit.core.profile_loader import loc_path
from docaudit.core.yamlio import Located, load_located

_M = TypeVar("_M", bound=BaseModel)

CONFIG_NAMES = ("docaudit.yaml", "docaudit.yml")
MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WaiverEntry(_Strict):
    rule: str = Field(pattern=r"^[A-Z]{2,3}\d{3}$")
    subject: str | None = None
    reason: str = Field(min_length=1)
    by: str | None = None
    until: dt.date | None = None


class ClientConfig(_Strict):
    waivers: list[WaiverEntry] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    """Per-rule severity overrides, e.g. ``{WRK010: low}``."""
    bank_document_max_age_days: int = Field(default=90, ge=1)


class ManifestEntry(_Strict):
    type: DocType | None = None
    person: Literal["applicant", "spouse", "child"] | None = None
    country: str | None = None
    ignore: bool = False
    reason: str | None = None


class Manifest(_Strict):
    documents: dict[str, ManifestEntry] = Field(default_factory=dict)

    def entry(self, rel: str) -> ManifestEntry | None:
        return self.documents.get(rel) or self.documents.get(f"./{rel}")


def _validate(model: type[_M], located: Located) -> _M:
    data = located.data if located.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = loc_path(err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else str(err["msg"])
            problems.append(Problem(located.file, msg, key, located.line_of(key)))
        raise InputFileError(problems) from None


def _find(client_dir: Path, names: tuple[str, ...]) -> Path | None:
    return next((client_dir / n for n in names if (client_dir / n).is_file()), None)


def load_client_config(client_dir: Path) -> ClientConfig:
    path = _find(client_dir, CONFIG_NAMES)
    if path is None:
        return ClientConfig()
    return _validate(ClientConfig, load_located(path, str(path)))


def load_manifest(client_dir: Path) -> Manifest:
    path = _find(client_dir, MANIFEST_NAMES)
    if path is None:
        return Manifest()
    manifest = _validate(Manifest, load_located(path, str(path)))
    missing = [p for p in manifest.documents if not (client_dir / p).exists()]
    if missing:
        raise InputFileError(
            [
                Problem(str(path), "no such file in the client folder", f"documents.{p}")
                for p in missing
            ]
        )
    return manifest
