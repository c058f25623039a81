"""Limits on what one document may cost, and the thresholds extraction decides by.

Both come from ``rules/limits.yaml`` so a firm can tune them without a release; the limits can
also be raised per run (the CLI passes a :class:`Limits`), the tuning cannot.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from docaudit.core import paths
from docaudit.core.errors import ExtractionError

_TYPES: dict[str, type[int] | type[float]] = {"int": int, "float": float}


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_mb: float
    max_pages: int
    max_image_megapixels: float
    ocr_page_seconds: float
    ocr_document_seconds: float

    @classmethod
    def defaults(cls) -> Limits:
        """The YAML values in the declared types: ``100`` must not make ``max_file_mb`` an int.

        The CLI converts a flag to the type of its default, so an int default would cut
        ``--max-file-mb 0.5`` to 0.
        """
        table = _limits_table()
        values: dict[str, Any] = {
            f.name: _TYPES[str(f.type)](table[f.name]["default"]) for f in fields(cls)
        }
        return cls(**values)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_image_pixels(self) -> int:
        return int(self.max_image_megapixels * 1_000_000)

    def to_json(self) -> dict[str, float]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class TextLayerTuning:
    x_tolerance: float
    y_tolerance: float
    line_tolerance: float
    min_words: int
    max_garbage_share: float
    min_alnum_share: float
    image_cover_share: float
    image_page_max_words: int


@dataclass(frozen=True, slots=True)
class OcrTuning:
    language: str
    psm: int
    render_dpi: int
    assumed_image_dpi: int
    min_tesseract_dpi: int
    max_tesseract_dpi: int
    osd_min_dpi: int
    osd_min_confidence: float
    upright_min_confidence: float
    deskew_max_degrees: float
    deskew_coarse_step: float
    deskew_fine_step: float
    deskew_min_degrees: float
    deskew_work_width: int
    min_document_words: int
    min_mean_confidence: float
    digit_reread_psms: tuple[int, ...]
    digit_reread_max_chars: int
    digit_reread_below: float
    number_reread_below: float
    digit_accept_confidence: float


@dataclass(frozen=True, slots=True)
class Tuning:
    text_layer: TextLayerTuning
    ocr: OcrTuning
    fingerprint: str
    """Hash of the tuning values: the cache keys on it, since any change alters the output."""


class ExtractionTimeout(ExtractionError):
    """A time limit ran out: not a property of the file, so it is never cached as one."""


def _load() -> dict[str, Any]:
    data = yaml.safe_load((paths.rules_dir() / "limits.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("rules/limits.yaml must hold a mapping")
    return data


@cache
def _limits_table() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = _load()["limits"]
    return table


@cache
def tuning() -> Tuning:
    data = _load()["tuning"]
    blob = json.dumps(data, sort_keys=True).encode()
    return Tuning(
        text_layer=TextLayerTuning(**data["text_layer"]),
        ocr=OcrTuning(
            **{**data["ocr"], "digit_reread_psms": tuple(data["ocr"]["digit_reread_psms"])}
        ),
        fingerprint=hashlib.sha256(blob).hexdigest()[:16],
    )


def limit_error(path: Path | str, name: str, limits: Limits, found: str) -> ExtractionError:
    """An error naming what was found, the limit it broke and the flag that raises that limit."""
    return ExtractionError(path, _limit_message(name, limits, found), kind="limit")


def timeout_error(path: Path | str, name: str, limits: Limits, found: str) -> ExtractionTimeout:
    return ExtractionTimeout(path, _limit_message(name, limits, found), kind="limit")


def _limit_message(name: str, limits: Limits, found: str) -> str:
    spec = _limits_table()[name]
    value = getattr(limits, name)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{found}, over the limit of {shown} ({spec['means']}); raise it with {spec['flag']}"
