"""Table versions are picked by date, boundary days included, and broken tables are refused."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from docaudit.core import paths
from docaudit.core.errors import InputFileError
from docaudit.core.tables import (
    ClbTable,
    CrsAdditional,
    FstGroups,
    SettlementFunds,
    TableError,
    data_in_force,
    in_force,
    load_table,
    table_names,
)

D = dt.date


def funds(on: dt.date, size: int = 1) -> int:
    return data_in_force("settlement_funds", SettlementFunds, on).required(size)


@pytest.mark.parametrize(
    ("on", "single"),
    [
        (D(2023, 4, 25), 13757),
        (D(2024, 5, 27), 13757),
        (D(2024, 5, 28), 14690),
        (D(2025, 7, 6), 14690),
        (D(2025, 7, 7), 15263),
        (D(2026, 11, 1), 15263),
    ],
)
def test_settlement_funds_boundary_days(on: dt.date, single: int) -> None:
    assert funds(on) == single


def test_funds_beyond_seven_add_the_increment() -> None:
    assert funds(D(2025, 8, 1), 7) == 40392
    assert funds(D(2025, 8, 1), 9) == 40392 + 2 * 4112
    assert funds(D(2024, 6, 1), 8) == 38875 + 3958


def test_no_version_in_force_is_an_error_that_lists_the_versions() -> None:
    with pytest.raises(TableError, match=r"in force on 2023-04-24.*2023-04-25 to 2024-05-27"):
        in_force("settlement_funds", D(2023, 4, 24))


@pytest.mark.parametrize(
    ("on", "points"), [(D(2025, 3, 24), 50), (D(2025, 3, 25), 0), (D(2016, 11, 18), 600)]
)
def test_job_offer_points_by_date(on: dt.date, points: int) -> None:
    assert data_in_force("crs_additional", CrsAdditional, on).job_offer.teer_0_3 == points


def test_tef_table_follows_the_test_date() -> None:
    old = data_in_force("clb_tef_canada", ClbTable, D(2023, 12, 10))
    new = data_in_force("clb_tef_canada", ClbTable, D(2023, 12, 11))
    assert old.level("reading", 505) == 8
    assert new.level("reading", 505) == 9
    assert new.level("speaking", 327) == 0


def test_ielts_band_between_rows_takes_the_lower_level() -> None:
    table = data_in_force("clb_ielts_gt", ClbTable, D(2025, 1, 1))
    assert table.level("listening", 7.0) == 7
    assert table.level("listening", 8.0) == 9
    assert table.level("reading", 3.0) == 0


def test_pte_core_not_accepted_before_2024_01_30() -> None:
    with pytest.raises(TableError):
        in_force("clb_pte_core", D(2024, 1, 29))
    assert in_force("clb_pte_core", D(2024, 1, 30)).effective_from == D(2024, 1, 30)


@pytest.mark.parametrize(
    ("noc", "trade"),
    [
        ("72200", True),
        ("72600", False),
        ("73300", True),
        ("93100", True),
        ("93200", False),
        ("62200", True),
        ("63200", True),
        ("62100", False),
        ("21231", False),
        ("83100", True),
    ],
)
def test_fst_groups(noc: str, trade: bool) -> None:
    assert data_in_force("fst_groups", FstGroups, D(2026, 1, 1)).is_trade(noc) is trade


def test_every_shipped_table_loads_with_sources_and_status() -> None:
    names = table_names()
    assert {
        "crs_core",
        "crs_additional",
        "settlement_funds",
        "eca_bodies",
        "fst_groups",
        "validity",
        "programs",
        "fsw_grid",
        "clb_ielts_gt",
        "clb_celpip_g",
        "clb_pte_core",
        "clb_tef_canada",
        "clb_tcf_canada",
    } <= set(names)
    for name in names:
        for version in load_table(name).versions:
            assert version.sources and version.status, name


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), target)
    return target


def test_overlapping_versions_are_refused(tmp_path: Path) -> None:
    rules = _copy_rules(tmp_path)
    path = rules / "tables" / "settlement_funds.yaml"
    path.write_text(
        path.read_text().replace("effective_to: 2024-05-27", "effective_to: 2024-06-30")
    )
    with pytest.raises(InputFileError, match="overlap"):
        in_force("settlement_funds", D(2024, 6, 1), rules)


def test_a_wrong_key_is_reported_with_file_and_line(tmp_path: Path) -> None:
    rules = _copy_rules(tmp_path)
    path = rules / "tables" / "fst_groups.yaml"
    path.write_text(path.read_text().replace("exclude_prefixes:", "exclude_prefix:"))
    with pytest.raises(InputFileError) as info:
        load_table("fst_groups", rules)
    problem = info.value.problems[0]
    assert problem.file.endswith("fst_groups.yaml")
    assert problem.line is not None and "exclude_prefix" in (problem.key_path + problem.message)


def test_unknown_table_suggests_a_name() -> None:
    with pytest.raises(TableError, match="did you mean 'settlement_funds'"):
        in_force("settlement_fund", D(2025, 1, 1))
