"""Reading the two NOC CSV files as Statistics Canada publishes them, whatever the encoding.

The official downloads have been seen with a byte-order mark, in Windows-1252, and with more
columns than docaudit needs; only a missing column is an error, and it names what was expected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docaudit.core.errors import InputFileError, Problem

# canonical name -> header pattern (case-insensitive, whitespace-tolerant)
STRUCTURE_COLUMNS = {
    "code": r"code\b.*",
    "title": r"class\s+title",
    "definition": r"class\s+definition",
}
STRUCTURE_OPTIONAL = {"level": r"level", "hierarchy": r"hierarchical\s+structure"}
ELEMENT_COLUMNS = {
    "code": r"code\b.*",
    "element_type": r"element\s+type\s+label\s+english",
    "description": r"element\s+description\s+english",
}
ELEMENT_OPTIONAL = {"level": r"level", "title": r"class\s+title"}

_DISPLAY = {
    "code": "Code - NOC 2021 V1.0",
    "title": "Class title",
    "definition": "Class definition",
    "element_type": "Element Type Label English",
    "description": "Element Description English",
}


@dataclass(frozen=True, slots=True)
class Table:
    path: Path
    encoding: str
    code_header: str
    """The code column's header as published; it names the release (``NOC 2021 V1.0``)."""
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...]


def _decode(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _clean_header(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip().strip('"').strip()


def read_table(path: Path, required: dict[str, str], optional: dict[str, str]) -> Table:
    """Rows keyed by canonical column names; raise ``InputFileError`` naming missing columns."""
    try:
        text, encoding = _decode(path)
    except OSError as exc:
        raise InputFileError([Problem(str(path), f"cannot read: {exc.strerror or exc}")]) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [_clean_header(h) for h in next(reader, [])]
    columns: dict[str, int] = {}
    for name, pattern in {**required, **optional}.items():
        for i, head in enumerate(header):
            if re.fullmatch(pattern, head, re.IGNORECASE):
                columns[name] = i
                break
    missing = [name for name in required if name not in columns]
    if missing:
        wanted = ", ".join(f'"{_DISPLAY.get(m, m)}"' for m in missing)
        found = ", ".join(f'"{h}"' for h in header) or "nothing"
        raise InputFileError(
            [
                Problem(
                    str(path),
                    f"missing column(s) {wanted}; the header has {found}. Is this the NOC "
                    "classification-structure / elements CSV from Statistics Canada, "
                    "and are the two files given in that order?",
                    line=1,
                )
            ]
        )
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        rows.append(
            {name: (record[i].strip() if i < len(record) else "") for name, i in columns.items()}
        )
        lines.append(reader.line_num)
    return Table(path, encoding, header[columns["code"]], tuple(rows), tuple(lines))
