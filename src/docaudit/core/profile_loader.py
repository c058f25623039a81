"""Load a profile file into the typed model, reporting every problem with its key path and line."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from docaudit.core.errors import InputFileError, Problem
from docaudit.core.profile import Profile
from docaudit.core.yamlio import Located, load_located

PROFILE_NAMES = ("profile.yaml", "profile.yml", "profile.json")
ITA_PROFILE_NAMES = ("profile.ita.yaml", "profile.ita.yml", "profile.ita.json")


def loc_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's error location as the key path users see: ``work_history[0].start``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that holds the key at ``loc``, found by walking field annotations."""
    model: type[BaseModel] = Profile
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return None
        inner = _first_model(field.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        model = _model_at(tuple(err["loc"]))
        names = [f.alias or n for n, f in model.model_fields.items()] if model else []
        close = difflib.get_close_matches(str(err["loc"][-1]), names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown key{hint}"
    if kind == "missing":
        return "required key is missing"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def validate(located: Located) -> Profile:
    """Build a Profile from located data, or raise every problem at once."""
    if not isinstance(located.data, dict):
        raise InputFileError([Problem(located.file, "expected a mapping of keys at the top level")])
    try:
        return Profile.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            key = loc_path(loc).replace("from_", "from").replace("schema_", "schema")
            problems.append(Problem(located.file, _message(dict(err)), key, located.line_of(key)))
        raise InputFileError(problems) from None


def load_profile(path: Path, display: str | None = None) -> Profile:
    return validate(load_located(path, display))


def find_profile(client_dir: Path, names: tuple[str, ...] = PROFILE_NAMES) -> Path | None:
    for name in names:
        candidate = client_dir / name
        if candidate.is_file():
            return candidate
    return None
