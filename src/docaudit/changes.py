"""What changed between two profiles, and which changes are material after an ITA (UPD001).

One function serves both ``docaudit diff`` and rule UPD001 so the consultant sees the same verdict
in both places. Lists are paired by identity fields (a job by employer and start) before by
position, so adding a job at the top reads as one added job, not every job altered. A change is
material when ``rules/thresholds/updates.yaml`` says its kind always is (identity, family, a job,
a test...), or when applying it alone changes the CRS score or a program's eligibility.
"""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from docaudit.checks.work_thresholds import thresholds
from docaudit.core.profile import Profile
from docaudit.crs import compute_crs, eligibility

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any
    material: bool
    reason: str
    """Why it is material (``identity``, ``job``, ``changes the CRS score``), or empty."""

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class ProfileDiff:
    changes: tuple[Change, ...]
    crs_before: int
    crs_after: int
    crs_on: dt.date
    eligible_before: dict[str, bool]
    eligible_after: dict[str, bool]
    eligibility_on: dt.date

    @property
    def material(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.material)

    def to_json(self) -> dict[str, Any]:
        return {
            "crs": {"before": self.crs_before, "after": self.crs_after, "on": str(self.crs_on)},
            "eligibility": {
                "on": str(self.eligibility_on),
                "before": self.eligible_before,
                "after": self.eligible_after,
            },
            "changes": [
                {
                    "path": c.path,
                    "kind": c.kind,
                    "old": c.old,
                    "new": c.new,
                    "material": c.material,
                    "reason": c.reason,
                }
                for c in self.changes
            ],
        }


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _pattern_text(path: Path) -> str:
    return re.sub(r"\[\d+\]", "[*]", path_text(path))


def _prefixes(path: Path) -> list[str]:
    return [_pattern_text(path[:n]) for n in range(len(path), 0, -1)]


def _never(path: Path) -> bool:
    patterns: list[str] = thresholds("updates")["never_material"]
    return any(fnmatch.fnmatchcase(p, pat) for p in _prefixes(path) for pat in patterns)


def _always(path: Path) -> str | None:
    table: dict[str, str] = thresholds("updates")["always_material"]
    for prefix in _prefixes(path):
        plain = prefix.replace("[*]", "")
        if plain in table:
            return table[plain]
    return None


def _identity(list_path: Path, item: Any) -> tuple[Any, ...] | None:
    fields: dict[str, list[str]] = thresholds("updates")["identity_fields"]
    keys = fields.get(_pattern_text(list_path).replace("[*]", ""))
    if not keys or not isinstance(item, dict):
        return None
    return tuple(item.get(k) for k in keys)


def _pair(path: Path, old: list[Any], new: list[Any]) -> list[tuple[int | None, int | None]]:
    """Old and new list indices paired: equal items, then same identity, then by position."""
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))
    pairs: list[tuple[int | None, int | None]] = []
    for same in (
        lambda a, b: a == b,
        lambda a, b: _identity(path, a) is not None and _identity(path, a) == _identity(path, b),
    ):
        for i in list(free_old):
            j = next((j for j in free_new if same(old[i], new[j])), None)
            if j is not None:
                pairs.append((i, j))
                free_old.remove(i)
                free_new.remove(j)
    for i, j in zip(list(free_old), list(free_new), strict=False):
        pairs.append((i, j))
        free_old.remove(i)
        free_new.remove(j)
    pairs += [(i, None) for i in free_old] + [(None, j) for j in free_new]
    return pairs


def _walk(path: Path, old: Any, new: Any, out: list[tuple[Path, Any, Any]]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            _walk((*path, key), old.get(key), new.get(key), out)
        return
    if isinstance(old, list) and isinstance(new, list) and (old or new):
        if all(not isinstance(x, dict | list) for x in old + new):
            out.append((path, old, new))
            return
        for i, j in _pair(path, old, new):
            where = j if j is not None else i
            assert where is not None
            _walk(
                (*path, where),
                old[i] if i is not None else None,
                new[j] if j is not None else None,
                out,
            )
        return
    out.append((path, old, new))


def _dump(profile: Profile) -> dict[str, Any]:
    data: dict[str, Any] = profile.model_dump(mode="json", by_alias=True, exclude_none=False)
    return data


def _set(data: Any, path: Path, value: Any) -> bool:
    """Put ``value`` at ``path`` in ``data``; False when the path does not exist there."""
    target = data
    for part in path[:-1]:
        if isinstance(part, int):
            if not isinstance(target, list) or part >= len(target):
                return False
        elif not isinstance(target, dict) or part not in target:
            return False
        target = target[part]
        if target is None:
            return False
    last = path[-1]
    if isinstance(last, int):
        if not isinstance(target, list) or last >= len(target):
            return False
    elif not isinstance(target, dict):
        return False
    target[last] = value
    return True


def _outcome(profile: Profile, crs_on: dt.date, on: dt.date) -> tuple[int, dict[str, bool]]:
    return compute_crs(profile, crs_on).total, {
        k: v.eligible for k, v in eligibility(profile, on).items() if k in profile.programs
    }


def diff_profiles(old: Profile, new: Profile, on: dt.date | None = None) -> ProfileDiff:
    """Every changed fact from ``old`` to ``new``, marked material or not.

    Both scores are taken on the same date (the old profile's ITA, else the new one's CRS date)
    and eligibility on ``on`` (default: the new profile's audit date), so only facts move them.
    """
    crs_on = old.key_dates.ita or new.crs_date(on)
    when = on or new.as_of()
    before = _outcome(old, crs_on, when)
    after = _outcome(new, crs_on, when)
    moved = before != after
    old_data, new_data = _dump(old), _dump(new)
    raw: list[tuple[Path, Any, Any]] = []
    _walk((), old_data, new_data, raw)
    changes = []
    for path, was, now in raw:
        reason = "" if _never(path) else (_always(path) or "")
        if not reason and moved and not _never(path):
            reason = _alone_moves(old, old_data, path, now, before, crs_on, when)
        changes.append(Change(path_text(path), was, now, bool(reason), reason))
    return ProfileDiff(
        changes=tuple(changes),
        crs_before=before[0],
        crs_after=after[0],
        crs_on=crs_on,
        eligible_before=before[1],
        eligible_after=after[1],
        eligibility_on=when,
    )


def _alone_moves(
    old: Profile,
    old_data: dict[str, Any],
    path: Path,
    value: Any,
    before: tuple[int, dict[str, bool]],
    crs_on: dt.date,
    on: dt.date,
) -> str:
    """Why this one change, applied alone to the old profile, moves the score or eligibility."""
    trial = copy.deepcopy(old_data)
    if not _set(trial, path, value):
        return ""
    try:
        changed = Profile.model_validate(trial)
    except ValidationError:
        return ""
    score, programs = _outcome(changed, crs_on, on)
    if score != before[0]:
        return f"changes the CRS score ({before[0]} to {score})"
    flipped = [p for p in programs if programs[p] != before[1].get(p)]
    if flipped:
        return f"changes eligibility for {', '.join(flipped)}"
    return ""


def short(value: Any) -> str:
    """A value as a short string for reports (lists and mappings compacted)."""
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{k}: {short(v)}" for k, v in value.items() if v not in (None, [], {}))
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(short(v) for v in value) + "]"
    return str(value)
