"""IRCC reference tables (``rules/tables/*.yaml``), each a list of versions with effective dates.

IRCC changes its tables (funds every year, the TEF conversion in 2023, job-offer points in 2025),
and an audit must judge a 2024 ITA by the 2024 rules. So every table is stored with the dates it
was in force, and callers ask for the version in force on the date their rule cares about. A date no
version covers is an error, never a silent fallback to the newest figures.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docaudit.core import paths
from docaudit.core.errors import DocauditError, InputFileError, Problem
from docaudit.core.yamlio import load_located

ABILITIES = ("listening", "reading", "writing", "speaking")


class TableError(DocauditError):
    """A table is unknown, malformed, or has no version in force on the requested date."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Data):
    """A row of a points grid keyed by a lower bound (age, CLB level, years)."""

    min: float
    with_spouse: int
    without_spouse: int

    def points(self, with_spouse: bool) -> int:
        return self.with_spouse if with_spouse else self.without_spouse


class MinPoints(_Data):
    min: float
    points: int


class Pair(_Data):
    with_spouse: int
    without_spouse: int

    def points(self, with_spouse: bool) -> int:
        return self.with_spouse if with_spouse else self.without_spouse


def first_step(rows: tuple[Step, ...], value: float) -> Step | None:
    """The first row (rows run from the highest bound down) whose bound ``value`` reaches."""
    return next((r for r in rows if value >= r.min), None)


def min_points(rows: tuple[MinPoints, ...], value: float) -> int:
    """Points of the first row whose bound ``value`` reaches; 0 below every row."""
    return next((r.points for r in rows if value >= r.min), 0)


class CrsCaps(_Data):
    core_with_spouse: int
    core_without_spouse: int
    core_plus_spouse: int
    spouse: int
    second_language_with_spouse: int
    second_language_without_spouse: int
    transferability_education: int
    transferability_foreign_work: int
    transferability_certificate: int
    transferability: int


class SpouseGrid(_Data):
    education: dict[str, int]
    language: tuple[MinPoints, ...]
    canadian_work: tuple[MinPoints, ...]


class ForeignGroup(_Data):
    min: float
    group: str


class TransferabilityGrid(_Data):
    education_groups: dict[str, str]
    education_language: dict[str, tuple[MinPoints, ...]]
    education_canadian_work: dict[str, tuple[MinPoints, ...]]
    foreign_work_groups: tuple[ForeignGroup, ...]
    foreign_work_language: dict[str, tuple[MinPoints, ...]]
    foreign_work_canadian_work: dict[str, tuple[MinPoints, ...]]
    certificate_language: tuple[MinPoints, ...]

    def foreign_group(self, years: int) -> str | None:
        return next((g.group for g in self.foreign_work_groups if years >= g.min), None)


class WorkCounting(_Data):
    window_years: int
    skilled_teer: tuple[int, ...]
    full_time_hours_per_week: float
    hours_per_year: float
    canadian_self_employment_counts: bool
    foreign_self_employment_counts: bool


class CrsCore(_Data):
    caps: CrsCaps
    age: tuple[Step, ...]
    education_order: tuple[str, ...]
    education: dict[str, Pair]
    first_language: tuple[Step, ...]
    second_language: tuple[Step, ...]
    canadian_work: tuple[Step, ...]
    spouse: SpouseGrid
    transferability: TransferabilityGrid
    work_experience: WorkCounting

    def education_rank(self, level: str) -> int:
        return self.education_order.index(level)


class JobOfferPoints(_Data):
    major_group_00: int
    teer_0_3: int


class FrenchPoints(_Data):
    min_nclc: int
    english_min_clb: int
    with_english: int
    without_english: int


class CrsAdditional(_Data):
    cap: int
    provincial_nomination: int
    job_offer: JobOfferPoints
    canadian_study: tuple[MinPoints, ...]
    sibling: int
    french: FrenchPoints | None


class ClbRow(_Data):
    min: float
    clb: int = Field(ge=0, le=12)


class ClbTable(_Data):
    """Test score to CLB/NCLC, per ability; rows from the highest level down."""

    language: Literal["english", "french"]
    listening: tuple[ClbRow, ...]
    reading: tuple[ClbRow, ...]
    writing: tuple[ClbRow, ...]
    speaking: tuple[ClbRow, ...]

    def level(self, ability: str, score: float) -> int:
        """The CLB for ``score``; 0 means below the lowest level the table lists (CLB 4)."""
        rows: tuple[ClbRow, ...] = getattr(self, ability)
        return next((r.clb for r in rows if score >= r.min), 0)


class SettlementFunds(_Data):
    amounts: dict[int, int]
    each_additional: int
    update_grace_until: dt.date | None = None

    def required(self, family_size: int) -> int:
        if family_size in self.amounts:
            return self.amounts[family_size]
        largest = max(self.amounts)
        return self.amounts[largest] + (family_size - largest) * self.each_additional


class EcaOrganization(_Data):
    key: str
    name: str
    designated: dt.date
    scope: str
    required_for_noc: tuple[str, ...] = ()


class EcaBodies(_Data):
    organizations: tuple[EcaOrganization, ...]

    def get(self, key: str) -> EcaOrganization | None:
        return next((o for o in self.organizations if o.key == key.upper()), None)


class FstGroups(_Data):
    include_prefixes: dict[str, str]
    exclude_prefixes: dict[str, str]

    def is_trade(self, noc: str) -> bool:
        if any(noc.startswith(p) for p in self.exclude_prefixes):
            return False
        return any(noc.startswith(p) for p in self.include_prefixes)


class Validity(_Data):
    language_test_years: int
    language_expiry_warning_days: int
    eca_years: int
    police_current_residence_months: int
    police_stay_months: int
    police_lookback_years: int
    medical_exam_months: int
    passport_warning_months: int
    bank_document_days: int
    ita_deadline_days: int
    pool_months: int
    history_years: int
    history_gap_days: int


class LanguageMinimum(_Data):
    teer: tuple[int, ...]
    min_clb: dict[str, int]


class ProgramRules(_Data):
    window_years: int
    hours: float
    in_canada_only: bool
    continuous: bool
    same_noc: bool
    self_employment_counts: bool
    language: tuple[LanguageMinimum, ...]
    funds_required: bool


class Programs(_Data):
    full_time_hours_per_week: float
    hours_per_year: float
    skilled_teer: tuple[int, ...]
    CEC: ProgramRules
    FSW: ProgramRules
    FST: ProgramRules

    def rules(self, program: str) -> ProgramRules:
        found: ProgramRules = getattr(self, program)
        return found


class FswAdaptability(_Data):
    spouse_language_clb4: int
    own_canadian_study_2_years: int
    own_canadian_work_1_year: int
    spouse_canadian_work_1_year: int
    arranged_employment: int
    relative_in_canada: int


class FswGrid(_Data):
    pass_mark: int
    first_language: tuple[MinPoints, ...]
    second_language_min_clb: int
    second_language_points: int
    language_max: int
    education: dict[str, int]
    experience: tuple[MinPoints, ...]
    age: tuple[MinPoints, ...]
    arranged_employment: int
    adaptability_max: int
    adaptability: FswAdaptability


DATA_MODELS: dict[str, type[_Data]] = {
    "crs_core": CrsCore,
    "crs_additional": CrsAdditional,
    "clb_ielts_gt": ClbTable,
    "clb_celpip_g": ClbTable,
    "clb_pte_core": ClbTable,
    "clb_tef_canada": ClbTable,
    "clb_tcf_canada": ClbTable,
    "settlement_funds": SettlementFunds,
    "eca_bodies": EcaBodies,
    "fst_groups": FstGroups,
    "validity": Validity,
    "programs": Programs,
    "fsw_grid": FswGrid,
}


class TableVersion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_from: dt.date
    effective_to: dt.date | None = None
    """Last day in force, inclusive; ``None`` while current."""
    status: str
    sources: tuple[str, ...] = Field(min_length=1)
    notes: str = ""
    data: dict[str, Any]

    def covers(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def span(self) -> str:
        return f"{self.effective_from} to {self.effective_to or 'now'}"


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    versions: tuple[TableVersion, ...] = Field(min_length=1)


M = TypeVar("M", bound=BaseModel)


def _problems(path: Path, exc: ValidationError, lines: Any, prefix: str = "") -> InputFileError:
    found: list[Problem] = []
    for err in exc.errors():
        key = prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        key = key.lstrip(".")
        found.append(Problem(str(path), str(err["msg"]), key, lines(key)))
    return InputFileError(found)


def table_names(directory: Path | None = None) -> list[str]:
    folder = (directory or paths.rules_dir()) / "tables"
    return sorted(p.stem for p in folder.glob("*.yaml"))


@lru_cache(maxsize=64)
def _load(name: str, folder: Path) -> tuple[Table, tuple[_Data, ...]]:
    path = folder / f"{name}.yaml"
    if not path.is_file():
        close = difflib.get_close_matches(name, table_names(folder.parent), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise TableError(f"no table {name!r} in {folder}{hint}")
    located = load_located(path)
    try:
        table = Table.model_validate(located.data)
    except ValidationError as exc:
        raise _problems(path, exc, located.line_of) from None
    if table.name != name:
        problem = Problem(str(path), f"name {table.name!r} differs from the file name", "name")
        raise InputFileError([problem])
    model = DATA_MODELS.get(name)
    if model is None:
        raise TableError(f"{path}: no data model is registered for table {name!r}")
    data: list[_Data] = []
    for i, version in enumerate(table.versions):
        try:
            data.append(model.model_validate(version.data))
        except ValidationError as exc:
            raise _problems(path, exc, located.line_of, f"versions[{i}].data") from None
    _check_dates(path, table)
    return table, tuple(data)


def _check_dates(path: Path, table: Table) -> None:
    ordered = sorted(table.versions, key=lambda v: v.effective_from)
    for version in ordered:
        if version.effective_to is not None and version.effective_to < version.effective_from:
            raise InputFileError(
                [Problem(str(path), f"version from {version.effective_from} ends before it starts")]
            )
    for earlier, later in itertools.pairwise(ordered):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise InputFileError(
                [Problem(str(path), f"versions {earlier.span} and {later.span} overlap")]
            )


def load_table(name: str, directory: Path | None = None) -> Table:
    """A table with all its versions, validated (data typed, dates ordered, no overlap)."""
    return _load(name, ((directory or paths.rules_dir()) / "tables").resolve())[0]


def in_force(table_name: str, on: dt.date, directory: Path | None = None) -> TableVersion:
    """The version of ``table_name`` in force on ``on``, or TableError saying which dates exist."""
    table, _ = _load(table_name, ((directory or paths.rules_dir()) / "tables").resolve())
    for version in table.versions:
        if version.covers(on):
            return version
    spans = ", ".join(v.span for v in sorted(table.versions, key=lambda v: v.effective_from))
    raise TableError(f"no version of table {table_name!r} is in force on {on} (versions: {spans})")


def data_in_force(table_name: str, model: type[M], on: dt.date, directory: Path | None = None) -> M:
    """The typed data of the version in force on ``on``."""
    table, data = _load(table_name, ((directory or paths.rules_dir()) / "tables").resolve())
    version = in_force(table_name, on, directory)
    typed = data[table.versions.index(version)]
    if not isinstance(typed, model):
        raise TableError(f"table {table_name!r} holds {type(typed).__name__}, not {model.__name__}")
    return typed
