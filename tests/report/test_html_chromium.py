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
    "--disable-sync",
    "--disable-quic",
    "--disable-features=NetworkTimeServiceQuerying,SpellCheck,OptimizationHints,Translate",
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


@pytest.mark.slow
def test_audit_html_of_a_sample_client_loads_offline_with_crops(
    chromium: str, tmp_path: Path
) -> None:
    """A real audit's HTML, crops included: no console error, no network request, findings and
    evidence crops on the rendered page."""

    from click.testing import CliRunner

    from docaudit.cli.main import cli

    sample = Path(__file__).resolve().parents[2] / "fixtures" / "clients" / "sample-faults"
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "audit",
            str(sample),
            "--format",
            "html",
            "-o",
            str(page),
            "--fail-on",
            "never",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
    )
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 3, "evidence crops are embedded"
    net_log = tmp_path / "net.json"
    done = _run(
        chromium,
        tmp_path,
        "--enable-logging=stderr",
        "--v=0",
        f"--log-net-log={net_log}",
        "--dump-dom",
        page.as_uri(),
    )
    dom = done.stdout
    assert "LNG001" in dom and "WRK009" in dom and "DOC001" in dom
    assert dom.count("data:image/png;base64,") >= 3
    console = [ln for ln in done.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert console == [], console
    assert _page_requests(net_log) == []


def _page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (not the browser's own housekeeping), other than its file
    and data: URIs. Page requests are the ones isolated under the page's file:// origin."""
    import json

    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params")
        if event.get("type") != start or not isinstance(params, dict):
            continue
        if str(params.get("network_isolation_key", "")).startswith("file://"):
            url = str(params.get("url", ""))
            if not url.startswith(("file:", "data:")):
                urls.append(url)
    return urls


@pytest.mark.slow
def test_the_network_check_sees_a_page_request(chromium: str, tmp_path: Path) -> None:
    """The check above must be able to fail: a page that fetches an image is caught."""
    page = tmp_path / "fetching.html"
    page.write_text('<html><body><img src="http://127.0.0.1:9/x.png"></body></html>', "utf-8")
    net_log = tmp_path / "net.json"
    _run(chromium, tmp_path, f"--log-net-log={net_log}", "--dump-dom", page.as_uri())
    assert _page_requests(net_log) == ["http://127.0.0.1:9/x.png"]
