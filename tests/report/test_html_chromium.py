"""The HTML report opened by a real browser, offline: it renders, and shows the findings.

Skips when Debian's ``chromium`` is not installed, except under CI, where it must be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from docaudit.core.models import Report
from docaudit.report import RenderContext, get_formatter

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (apt-get install -y chromium)")
        pytest.skip("chromium is not installed; apt-get install -y chromium to run this test")
    return path


def _run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )


@pytest.mark.slow
def test_browser_renders_the_report(
    chromium: str, tmp_path: Path, report: Report, ctx: RenderContext
) -> None:
    page = tmp_path / "report.html"
    page.write_text(get_formatter("html")(report, ctx), encoding="utf-8")
    dom = _run(chromium, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "FAIL: 4 findings at or above high." in dom
    assert "Employment dates differ from the profile" in dom
    shot = tmp_path / "shot.png"
    _run(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    image = Image.open(shot).convert("L")
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20, "the page is not blank"
