from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from docaudit.core.errors import InputFileError, NocDataMissing
from docaudit.noc.models import ImportStats
from docaudit.noc.store import import_csv, load_catalog


def test_shared_release_imports_every_unit_group(imported: ImportStats) -> None:
    assert imported.release == "NOC 2021 V1.0"
    assert imported.unit_groups == 516
    assert imported.sub_headings > 400
    catalog = load_catalog(Path(imported.db))
    assert len(catalog.groups) == 516
    assert catalog.import_id == imported.import_id
    assert {g.teer for g in catalog.groups} == {0, 1, 2, 3, 4, 5}


def test_preamble_is_dropped_and_sub_headings_kept_apart(imported: ImportStats) -> None:
    catalog = load_catalog(Path(imported.db))
    texts = [d.text for g in catalog.groups for d in g.duties]
    assert not any(t.startswith("This group performs") for t in texts)
    brokerage = catalog.get("10020")
    assert brokerage is not None
    assert brokerage.sub_headings[:2] == ("Insurance managers", "Real estate service managers")
    assert "Insurance managers" not in [d.text for d in brokerage.duties]
    assert brokerage.duties[0].heading == "Insurance managers"
    assert brokerage.lead_statement.startswith("Insurance, real estate and financial")
    lumber = catalog.get("94123")
    assert lumber is not None
    assert "Tally lumber" in [d.text for d in lumber.duties]


def test_sub_headings_ending_in_any_title_noun_are_not_duties(imported: ImportStats) -> None:
    """'Clinical nurses' is a sub-occupation: counted as a duty, it made a good RN letter's
    coverage of 31301 at most 45%, and WRK006 fired on it."""
    nurses = load_catalog(Path(imported.db)).get("31301")
    assert nurses is not None
    duties = [d.text for d in nurses.duties]
    for heading in ("General duty registered nurses", "Clinical nurses", "Community health nurses"):
        assert heading in nurses.sub_headings
        assert heading not in duties
    assert "Operate or monitor medical apparatus or equipment" in duties


def test_multi_line_cells_are_split_and_repeats_kept_once(imported: ImportStats) -> None:
    receptionists = load_catalog(Path(imported.db)).get("14101")
    assert receptionists is not None
    texts = [d.text for d in receptionists.duties]
    assert len(texts) == len(set(texts))
    assert all("\n" not in t for t in texts)
    assert "Schedule appointments, using manual or computerized systems" in texts


def test_store_is_owner_only(imported: ImportStats) -> None:
    db = Path(imported.db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    with sqlite3.connect(db) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["release"] == "NOC 2021 V1.0" and meta["imported_at"]


def _official_like(folder: Path, encoding: str) -> tuple[Path, Path]:
    """A small file in the shape of Statistics Canada's full download."""
    structure = folder / "structure.csv"
    elements = folder / "elements.csv"
    structure.write_text(
        "\ufeffLevel,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Class definition\n"
        "1,Broad occupational category,6,Sales and service occupations,\n"
        "2,Major group,63,Occupations in sales and services,\n"
        "3,Sub-major group,632,Occupations in food services,\n"
        "4,Minor group,6320,Cooks and bakers,\n"
        '5,Unit group,63200,Cooks,"Cooks prepare and cook a wide variety of foods. They work in '
        'restaurants."\n'
        '5,Unit group,63202,Bakers,"Bakers prepare breads, rolls, muffins, pies and pastries."\n',
        encoding="utf-8",
    )
    rows = [
        "Level,Hierarchical structure,Code - NOC 2021 V1.0,Class title,Element Type ID,"
        "Element Type Label English,Element Description English",
        "5,Unit group,63200,Cooks,1,All examples,apprentice cook",
        "5,Unit group,63200,Cooks,1,All examples,commis cuisinier",
        "5,Unit group,63200,Cooks,2,Illustrative example(s),line cook",
        "5,Unit group,63200,Cooks,3,Exclusion(s),Chefs (See 62200 Chefs)",
        "5,Unit group,63200,Cooks,4,Main duties,This group performs some or all of the "
        "following duties:",
        "5,Unit group,63200,Cooks,4,Main duties,Prepare and cook meals and sauté dishes",
        "5,Unit group,63200,Cooks,4,Main duties,Clean kitchen and work areas.",
        '5,Unit group,63200,Cooks,5,Employment requirements,"Completion of secondary school is '
        'usually required."',
        "5,Unit group,63202,Bakers,4,Main duties,This group performs some or all of the "
        "following duties:",
        "5,Unit group,63202,Bakers,4,Main duties,Bake breads and pastries",
    ]
    elements.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return structure, elements


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_official_download_shape_imports(tmp_path: Path, encoding: str) -> None:
    structure, elements = _official_like(tmp_path, encoding)
    stats = import_csv(structure, elements, db=tmp_path / "data" / "noc.sqlite")
    assert stats.unit_groups == 2
    assert stats.ignored_rows == 2  # the exclusion and the employment requirement
    assert stats.encoding == encoding
    cooks = load_catalog(tmp_path / "data" / "noc.sqlite").get("63200")
    assert cooks is not None
    assert cooks.example_titles == ("apprentice cook", "commis cuisinier", "line cook")
    assert [d.text for d in cooks.duties] == [
        "Prepare and cook meals and sauté dishes",
        "Clean kitchen and work areas.",
    ]


def test_reimport_replaces_the_release(tmp_path: Path) -> None:
    structure, elements = _official_like(tmp_path, "utf-8")
    db = tmp_path / "noc.sqlite"
    first = import_csv(structure, elements, db=db)
    second = import_csv(structure, elements, db=db)
    assert first.import_id != second.import_id
    assert load_catalog(db).import_id == second.import_id
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_wrong_columns_name_what_is_missing(tmp_path: Path) -> None:
    structure, elements = _official_like(tmp_path, "utf-8")
    with pytest.raises(InputFileError) as caught:
        import_csv(elements, structure, db=tmp_path / "noc.sqlite")
    message = str(caught.value)
    assert "Class definition" in message and "in that order" in message
    assert not (tmp_path / "noc.sqlite").exists()


def test_missing_import_says_how_to_import(tmp_path: Path) -> None:
    with pytest.raises(NocDataMissing, match="docaudit noc import"):
        load_catalog(tmp_path / "nothing.sqlite")
