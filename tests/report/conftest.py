"""Fixtures for the formatter tests; the sample report itself lives in reportdata.py."""

from __future__ import annotations

import pytest
from reportdata import DATA, build_report

from docaudit.core.catalogue import Catalogue, load_catalogue
from docaudit.core.models import Report, Severity
from docaudit.report import RenderContext


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(DATA)


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def ctx(catalogue: Catalogue) -> RenderContext:
    return RenderContext(catalogue=catalogue, fail_on=Severity.HIGH)
