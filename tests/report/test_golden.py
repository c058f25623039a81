"""Every format rendered from one realistic report, compared with committed golden files.

Times and versions are replaced by placeholders first, so the files change only when the output
does. ``DOCAUDIT_UPDATE_GOLDEN=1`` rewrites them after an intended change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportdata import AUDITED_AT

from docaudit import __version__
from docaudit.core.models import Report
from docaudit.report import RenderContext, formats, get_formatter

GOLDEN = Path(__file__).resolve().parent / "golden"
SUFFIX = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "sarif": "sarif",
    "junit": "xml",
}


def normalise(text: str) -> str:
    return text.replace(AUDITED_AT, "<AUDITED_AT>").replace(__version__, "<VERSION>")


@pytest.mark.parametrize("name", list(SUFFIX))
def test_format_matches_golden(name: str, report: Report, ctx: RenderContext) -> None:
    rendered = normalise(get_formatter(name)(report, ctx))
    golden = GOLDEN / f"report.{SUFFIX[name]}"
    if os.environ.get("DOCAUDIT_UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}; run with DOCAUDIT_UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")


def test_every_builtin_format_has_a_golden_file() -> None:
    assert set(SUFFIX) == set(formats())


def test_rendering_is_deterministic(report: Report, ctx: RenderContext) -> None:
    for name in SUFFIX:
        assert get_formatter(name)(report, ctx) == get_formatter(name)(report, ctx)
