"""Batches that are interrupted, lose a worker, or run on a dask cluster; and a light ``--help``."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from batchcorpus import DOCAUDIT, client_names, entries, generate, summary, tree_digest
from click.testing import CliRunner

from docaudit.cli.main import cli

WAIT_SECONDS = 60.0


def start_batch(clients: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [DOCAUDIT, "batch", str(clients), "-o", str(out), "--format", "json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_ctrl_c_as_from_a_terminal,
    )


def _ctrl_c_as_from_a_terminal() -> None:
    """A shell starts background jobs (``make test &``, nohup) with SIGINT ignored, and Python
    keeps an ignored SIGINT ignored; the batch under test must get Ctrl-C as a user's would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(condition: str, check: object) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {condition}")
        time.sleep(0.01)


@pytest.fixture
def many_clients(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Enough clients that a one-worker batch is still busy when the first report lands.

    Seeded by the test's name, so no other test has put their documents in the shared cache.
    """
    root = tmp_path / "clients"
    generate(root, 5, request.node.name)
    return root


@pytest.mark.slow
def test_interrupted_batch_keeps_finished_reports_and_a_rerun_finishes(
    many_clients: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    names = client_names(many_clients)
    first_report = out / "reports" / f"{names[0]}.json"
    process = start_batch(many_clients, out, "--jobs", "1")
    wait_for("the first report", first_report.exists)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=WAIT_SECONDS)

    assert process.returncode == 2, stderr.decode()
    assert b"interrupted" in stderr
    kept = json.loads(first_report.read_text())
    assert kept["case"]["path"] == str(many_clients / names[0])
    data = summary(out)
    assert data["complete"] is False
    assert data["totals"]["pending"] >= 1
    assert entries(out)[names[0]]["status"] in ("ok", "findings")
    finished = {n for n, e in entries(out).items() if e["status"] != "pending"}
    assert not list((out / "reports").glob(".*")), "no temporary file is left behind"
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, "the coordinator stops its workers on Ctrl-C"

    rerun = start_batch(many_clients, out, "--jobs", "1")
    rerun.communicate(timeout=WAIT_SECONDS)
    assert rerun.returncode in (0, 1)
    after = entries(out)
    assert summary(out)["complete"] is True
    assert {n for n, e in after.items() if e["run"] == "skipped_unchanged"} == finished
    assert all((out / "reports" / f"{n}.json").is_file() for n in names)


@pytest.mark.slow
def test_a_killed_worker_costs_a_retry_not_the_batch(many_clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    process = start_batch(many_clients, out, "--jobs", "1")
    coordinator = psutil.Process(process.pid)

    def worker() -> psutil.Process | None:
        for child in coordinator.children(recursive=True):
            if "spawn_main" in _cmd(child):
                return child
        return None

    wait_for("a worker process", worker)
    victim = worker()
    assert victim is not None
    victim.kill()
    _, stderr = process.communicate(timeout=WAIT_SECONDS)

    assert process.returncode in (0, 1), stderr.decode()
    assert {e["status"] for e in entries(out).values()} <= {"ok", "findings"}
    assert summary(out)["complete"] is True


def _cmd(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


@pytest.fixture
def dask_scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    ) as cluster:
        yield str(cluster.scheduler_address)


def test_batch_runs_on_a_dask_cluster(clients: Path, tmp_path: Path, dask_scheduler: str) -> None:
    out = tmp_path / "reports"
    before = tree_digest(clients)
    result = CliRunner().invoke(
        cli,
        ["batch", str(clients), "-o", str(out), "--format", "json", "--scheduler", dask_scheduler],
        catch_exceptions=False,
    )
    assert result.exit_code == 2, result.output
    by_id = entries(out)
    assert by_id["zz-broken"]["status"] == "error"
    names = client_names(clients)
    workers = {by_id[n]["worker"] for n in names}
    assert all(w and w.split(":")[1] != str(psutil.Process().pid) for w in workers)
    for name in names:
        report = json.loads((out / by_id[name]["reports"]["json"]).read_text())
        assert report["case"]["path"] == str(clients / name)
    assert summary(out)["settings"]["backend"] == f"dask {dask_scheduler}"
    assert tree_digest(clients) == before

    again = CliRunner().invoke(
        cli,
        ["batch", str(clients), "-o", str(out), "--format", "json", "--scheduler", dask_scheduler],
    )
    assert again.exit_code == 2
    assert {entries(out)[n]["run"] for n in names} == {"skipped_unchanged"}


def test_unreachable_scheduler_is_one_line(clients: Path, tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            cli,
            ["batch", str(clients), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"],
        )
    assert result.exit_code == 2
    assert "cannot reach the dask scheduler at tcp://127.0.0.1:9" in result.stderr


def test_batch_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from docaudit.cli.main import cli\n"
        "result = CliRunner().invoke(cli, ['batch', '--help'])\n"
        "assert result.exit_code == 0 and '--scheduler' in result.output, result.output\n"
        "heavy = ('spacy', 'pdfplumber', 'pytesseract', 'distributed', 'docaudit.api')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
