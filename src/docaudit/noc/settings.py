"""The matcher's thresholds and weights, read from ``rules/noc.yaml`` so they are tuned as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from docaudit.core.errors import InputFileError, Problem
from docaudit.core.paths import rules_dir


@dataclass(frozen=True, slots=True)
class ImportSettings:
    preamble: re.Pattern[str]
    duty_element_types: frozenset[str]
    example_element_types: frozenset[str]
    sub_heading_max_words: int
    occupation_noun: re.Pattern[str]
    duty_min_words: int
    extra_duty_verbs: frozenset[str]


@dataclass(frozen=True, slots=True)
class RoleSettings:
    manager_duty_words: frozenset[str]
    manager_title_words: frozenset[str]
    duty_share_gain: float
    title_gain: float


@dataclass(frozen=True, slots=True)
class Weights:
    """How the ranking signals combine; a value of its own so a benchmark can try others."""

    duty: float
    group: float
    group_cosine: float
    concept: float
    duty_space: float
    title: float
    title_power: float
    manager: float


@dataclass(frozen=True, slots=True)
class MatchSettings:
    extra_stop_words: frozenset[str]
    lead_context: tuple[re.Pattern[str], ...]
    weights: Weights
    concept_dimensions: int
    duty_space_dimensions: int
    roles: RoleSettings
    synonyms: tuple[tuple[re.Pattern[str], str], ...]
    title_level_words: frozenset[str]
    title_qualifier: re.Pattern[str]
    register: tuple[tuple[str, str], ...]
    min_query_score: float
    duty_bm25_b: float
    group_bm25_b: float
    candidates_for_alignment: int
    w_align: float
    term_weight: float
    unknown_term_idf: float
    match_threshold: float
    coverage_duty_threshold: float
    coverage_lead_threshold: float
    copy_verbatim: float
    copy_near_verbatim: float
    containment_min_chars: int
    containment_min_share: float
    copied_share: float
    copied_min_duties: int


@dataclass(frozen=True, slots=True)
class NocSettings:
    imports: ImportSettings
    match: MatchSettings


def _folded(values: list[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


@lru_cache(maxsize=4)
def load_settings(path: Path | None = None) -> NocSettings:
    """Read the settings once per process; a broken file names itself and the missing key."""
    file = path or rules_dir() / "noc.yaml"
    try:
        raw: dict[str, Any] = yaml.safe_load(file.read_text(encoding="utf-8"))
        imp, norm, lead = raw["import"], raw["normalise"], raw["lead"]
        sug, align, cov, copy = raw["suggest"], raw["align"], raw["coverage"], raw["copy"]
        role, weights = sug["roles"], sug["weights"]
        imports = ImportSettings(
            preamble=re.compile(imp["preamble_pattern"], re.IGNORECASE),
            duty_element_types=_folded(imp["duty_element_types"]),
            example_element_types=_folded(imp["example_element_types"]),
            sub_heading_max_words=int(imp["sub_heading_max_words"]),
            occupation_noun=re.compile(imp["occupation_noun_pattern"], re.IGNORECASE),
            duty_min_words=int(imp["duty_min_words"]),
            extra_duty_verbs=_folded(imp["extra_duty_verbs"]),
        )
        match = MatchSettings(
            extra_stop_words=_folded(norm["extra_stop_words"]),
            lead_context=tuple(
                re.compile(p, re.IGNORECASE) for p in lead["context_sentence_patterns"]
            ),
            weights=Weights(
                duty=float(weights["duty"]),
                group=float(weights["group"]),
                group_cosine=float(weights["group_cosine"]),
                concept=float(weights["concept"]),
                duty_space=float(weights["duty_space"]),
                title=float(weights["title"]),
                title_power=float(sug["title_power"]),
                manager=float(weights["manager"]),
            ),
            concept_dimensions=int(sug["concept_dimensions"]),
            duty_space_dimensions=int(sug["duty_space_dimensions"]),
            synonyms=tuple(
                (
                    re.compile(item["pattern"], 0 if item.get("case_sensitive") else re.IGNORECASE),
                    str(item["adds"]),
                )
                for item in sug["synonyms"]
            ),
            title_level_words=_folded(sug["title_level_words"]),
            title_qualifier=re.compile(sug["title_qualifier_pattern"]),
            register=tuple((str(k), str(v)) for k, v in sug["register"].items()),
            roles=RoleSettings(
                manager_duty_words=_folded(role["manager_duty_words"]),
                manager_title_words=_folded(role["manager_title_words"]),
                duty_share_gain=float(role["duty_share_gain"]),
                title_gain=float(role["title_gain"]),
            ),
            min_query_score=float(sug["min_query_score"]),
            duty_bm25_b=float(sug["duty_bm25_b"]),
            group_bm25_b=float(sug["group_bm25_b"]),
            candidates_for_alignment=int(sug["candidates_for_alignment"]),
            w_align=float(sug["align"]),
            term_weight=float(align["term_weight"]),
            unknown_term_idf=float(align["unknown_term_idf"]),
            match_threshold=float(align["match_threshold"]),
            coverage_duty_threshold=float(cov["duty_threshold"]),
            coverage_lead_threshold=float(cov["lead_threshold"]),
            copy_verbatim=float(copy["verbatim"]),
            copy_near_verbatim=float(copy["near_verbatim"]),
            containment_min_chars=int(copy["containment_min_chars"]),
            containment_min_share=float(copy["containment_min_share"]),
            copied_share=float(copy["copied_share"]),
            copied_min_duties=int(copy["copied_min_duties"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise InputFileError([Problem(str(file), f"cannot read NOC settings: {exc!r}")]) from exc
    return NocSettings(imports=imports, match=match)
