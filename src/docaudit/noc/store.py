"""The imported NOC release, kept in one SQLite file so an audit starts without the CSVs.

An import writes a fresh database beside the old one and renames it over, so a failed or
interrupted import leaves the previous release usable, and readers never see half a release.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

from docaudit.core.errors import NocDataMissing
from docaudit.core.paths import data_dir, private_dir
from docaudit.noc.csvfiles import (
    ELEMENT_COLUMNS,
    ELEMENT_OPTIONAL,
    STRUCTURE_COLUMNS,
    STRUCTURE_OPTIONAL,
    read_table,
)
from docaudit.noc.models import Duty, ImportStats, NocCatalog, UnitGroup
from docaudit.noc.parse import build_release
from docaudit.noc.settings import load_settings

DB_NAME = "noc.sqlite"
SCHEMA_VERSION = "1"
IMPORT_HINT = (
    "no NOC data imported yet; run: docaudit noc import "
    '"noc_2021_version_1.0_-_classification_structure.csv" "noc_2021_version_1.0_-_elements.csv" '
    "(the two CSV files from Statistics Canada's NOC 2021 download page)"
)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE unit_group (
    code TEXT PRIMARY KEY, title TEXT NOT NULL, teer INTEGER NOT NULL, lead TEXT NOT NULL
);
CREATE TABLE duty (
    code TEXT NOT NULL REFERENCES unit_group(code), seq INTEGER NOT NULL,
    heading TEXT, text TEXT NOT NULL, PRIMARY KEY (code, seq)
);
CREATE TABLE sub_heading (
    code TEXT NOT NULL REFERENCES unit_group(code), seq INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (code, seq)
);
CREATE TABLE example_title (
    code TEXT NOT NULL REFERENCES unit_group(code), seq INTEGER NOT NULL, title TEXT NOT NULL,
    PRIMARY KEY (code, seq)
);
"""


def default_db() -> Path:
    return data_dir() / DB_NAME


def import_csv(structure: Path, elements: Path, db: Path | None = None) -> ImportStats:
    """Replace the imported release with the one in these two CSV files."""
    settings = load_settings().imports
    structure_table = read_table(structure, STRUCTURE_COLUMNS, STRUCTURE_OPTIONAL)
    element_table = read_table(elements, ELEMENT_COLUMNS, ELEMENT_OPTIONAL)
    parsed = build_release(structure_table, element_table, settings)

    target = db or default_db()
    private_dir(target.parent)
    imported_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    import_id = uuid.uuid4().hex
    tmp = target.with_name(f".{target.name}.{import_id}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp)) as conn, conn:
            conn.executescript(_SCHEMA)
            conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA_VERSION),
                    ("release", parsed.release),
                    ("imported_at", imported_at),
                    ("import_id", import_id),
                    ("structure_file", structure.name),
                    ("elements_file", elements.name),
                ],
            )
            for g in parsed.groups:
                conn.execute(
                    "INSERT INTO unit_group VALUES (?, ?, ?, ?)",
                    (g.code, g.title, g.teer, g.lead_statement),
                )
                conn.executemany(
                    "INSERT INTO duty VALUES (?, ?, ?, ?)",
                    [(g.code, i, d.heading, d.text) for i, d in enumerate(g.duties)],
                )
                conn.executemany(
                    "INSERT INTO sub_heading VALUES (?, ?, ?)",
                    [(g.code, i, h) for i, h in enumerate(g.sub_headings)],
                )
                conn.executemany(
                    "INSERT INTO example_title VALUES (?, ?, ?)",
                    [(g.code, i, t) for i, t in enumerate(g.example_titles)],
                )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    target.chmod(0o600)
    return ImportStats(
        release=parsed.release,
        imported_at=imported_at,
        import_id=import_id,
        unit_groups=len(parsed.groups),
        main_duties=sum(len(g.duties) for g in parsed.groups),
        sub_headings=sum(len(g.sub_headings) for g in parsed.groups),
        example_titles=sum(len(g.example_titles) for g in parsed.groups),
        ignored_rows=parsed.ignored_rows,
        encoding=element_table.encoding,
        db=str(target),
    )


def load_catalog(db: Path | None = None) -> NocCatalog:
    """The imported release; ``NocDataMissing`` with the import command when there is none."""
    path = db or default_db()
    if not path.is_file():
        raise NocDataMissing(IMPORT_HINT)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            duties: dict[str, list[Duty]] = {}
            for code, heading, text in conn.execute(
                "SELECT code, heading, text FROM duty ORDER BY code, seq"
            ):
                duties.setdefault(code, []).append(Duty(text, heading))
            headings: dict[str, list[str]] = {}
            for code, text in conn.execute("SELECT code, text FROM sub_heading ORDER BY code, seq"):
                headings.setdefault(code, []).append(text)
            examples: dict[str, list[str]] = {}
            for code, title in conn.execute(
                "SELECT code, title FROM example_title ORDER BY code, seq"
            ):
                examples.setdefault(code, []).append(title)
            groups = tuple(
                UnitGroup(
                    code=code,
                    title=title,
                    teer=teer,
                    lead_statement=lead,
                    duties=tuple(duties.get(code, [])),
                    sub_headings=tuple(headings.get(code, [])),
                    example_titles=tuple(examples.get(code, [])),
                )
                for code, title, teer, lead in conn.execute(
                    "SELECT code, title, teer, lead FROM unit_group ORDER BY code"
                )
            )
    except sqlite3.DatabaseError as exc:
        raise NocDataMissing(f"{path} is not a usable NOC import ({exc}); {IMPORT_HINT}") from exc
    if meta.get("schema") != SCHEMA_VERSION:
        raise NocDataMissing(f"{path} was written by another docaudit version; {IMPORT_HINT}")
    return NocCatalog(
        release=meta["release"],
        imported_at=meta["imported_at"],
        import_id=meta["import_id"],
        groups=groups,
    )
