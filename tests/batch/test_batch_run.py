"""``docaudit batch`` end to end on a small generated clients directory, run in-process."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from batchcorpus import client_names, entries, summary, tree_digest
from click.testing import CliRunner, Result

from docaudit.cli.main import cli

FORMATS = "json,markdown"


def run(clients: Path, out: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        cli,
        ["batch", str(clients), "--output-dir", str(out), "--format", FORMATS, *extra],
        catch_exceptions=False,
    )


def test_a_broken_folder_is_reported_and_the_batch_goes_on(
    clients: Path, corpus_template: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    before = tree_digest(clients)
    result = run(clients, out, "--jobs", "2")

    assert result.exit_code == 2, result.output
    assert "zz-broken" in result.stderr
    by_id = entries(out)
    names = client_names(clients)
    assert sorted(by_id) == [*names, "zz-broken"]
    broken = by_id["zz-broken"]
    assert broken["status"] == "error"
    assert "programs" in broken["error"] and "\n" not in broken["error"]
    assert broken["reports"] == {}
    for name in names:
        entry = by_id[name]
        assert entry["status"] in ("ok", "findings")
        assert entry["run"] == "audited"
        report = json.loads((out / entry["reports"]["json"]).read_text())
        assert report["schema"] == "docaudit/report/v1"
        assert report["case"]["path"] == str(clients / name)
        assert entry["counts"]["documents"] == report["summary"]["documents"] > 0
        assert (out / entry["reports"]["markdown"]).read_text().strip()
        for rel in entry["reports"].values():
            assert stat.S_IMODE((out / rel).stat().st_mode) == 0o600
    corrupt = json.loads((out / by_id[names[1]]["reports"]["json"]).read_text())
    unreadable = [d for d in corrupt["documents"] if d["path"].endswith("corrupt_statement.pdf")]
    assert unreadable and unreadable[0]["status"] == "unreadable"
    assert by_id[names[1]]["counts"]["unreadable"] >= 1

    data = summary(out)
    assert data["complete"] is True
    assert data["skipped"] == [{"name": "notes", "reason": "no profile.yaml or profile.json"}]
    assert data["totals"]["error"] == 1 and data["totals"]["clients"] == len(names) + 1
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((out / "summary.csv").read_text()))}
    assert rows["zz-broken"]["status"] == "error" and "programs" in rows["zz-broken"]["error"]
    assert rows["notes"]["status"] == "skipped"
    assert rows[names[0]]["report_json"] == f"reports/{names[0]}.json"
    index = (out / "index.html").read_text()
    assert f'href="reports/{names[0]}.json"' in index
    assert "zz-broken" in index
    assert tree_digest(clients) == before

    other = run(corpus_template, out)
    assert other.exit_code == 2
    assert "choose another --output-dir" in other.stderr


def test_rerun_skips_unchanged_clients_and_a_profile_edit_reaudits_only_that_one(
    clients: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    drop_broken(clients)
    first = run(clients, out, "--jobs", "2")
    assert first.exit_code in (0, 1), first.output
    names = client_names(clients)
    reports = {name: out / f"reports/{name}.json" for name in names}
    mtimes = {name: path.stat().st_mtime_ns for name, path in reports.items()}

    again = run(clients, out)
    assert again.exit_code == first.exit_code
    by_id = entries(out)
    assert {by_id[n]["run"] for n in names} == {"skipped_unchanged"}
    assert {n: p.stat().st_mtime_ns for n, p in reports.items()} == mtimes
    assert summary(out)["totals"]["skipped_unchanged"] == len(names)

    edited = names[0]
    profile = clients / edited / "profile.yaml"
    profile.write_text(profile.read_text().replace(f"client_id: {edited}", "client_id: EDITED-1"))
    third = run(clients, out)
    assert third.exit_code == first.exit_code
    by_id = entries(out)
    assert by_id[edited]["run"] == "audited"
    assert by_id[edited]["client_id"] == "EDITED-1"
    assert json.loads(reports[edited].read_text())["case"]["client_id"] == "EDITED-1"
    for name in names[1:]:
        assert by_id[name]["run"] == "skipped_unchanged"
        assert reports[name].stat().st_mtime_ns == mtimes[name]

    forced = run(clients, out, "--force")
    assert {e["run"] for e in entries(out).values()} == {"audited"}
    assert forced.exit_code == first.exit_code


def test_a_changed_document_or_option_reaudits_and_exit_code_follows_fail_on(
    clients: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    drop_broken(clients)
    first = run(clients, out, "--jobs", "1", "--fail-on", "info")
    names = client_names(clients)
    assert entries(out)[names[1]]["status"] == "findings", "the corrupt file is a DOC001 finding"
    assert first.exit_code == 1
    document = next((clients / names[2] / "documents").rglob("*.pdf"))
    document.write_bytes(document.read_bytes() + b"\n% appended\n")
    run(clients, out, "--jobs", "1", "--fail-on", "info")
    assert [entries(out)[n]["run"] for n in names] == [
        "skipped_unchanged",
        "skipped_unchanged",
        "audited",
    ]
    never = run(clients, out, "--jobs", "1", "--fail-on", "never", "--as-of", "2026-01-15")
    assert never.exit_code == 0
    assert {(e["run"], e["status"]) for e in entries(out).values()} == {("audited", "ok")}
    report = json.loads((out / f"reports/{names[0]}.json").read_text())
    assert report["case"]["as_of"] == "2026-01-15"


def test_output_inside_a_client_folder_is_refused(clients: Path) -> None:
    name = client_names(clients)[0]
    before = tree_digest(clients)
    result = run(clients, clients / name / "reports")
    assert result.exit_code == 2
    assert "never writes into client folders" in result.stderr
    assert tree_digest(clients) == before


def test_default_output_is_beside_the_clients_directory_and_escapes_what_people_typed(
    clients: Path,
) -> None:
    drop_broken(clients)
    name = client_names(clients)[0]
    profile = clients / name / "profile.yaml"
    hostile = '=HYPERLINK("http://x")<script>alert(1)</script>'
    profile.write_text(profile.read_text().replace(f"client_id: {name}", f"client_id: '{hostile}'"))
    result = CliRunner().invoke(cli, ["batch", str(clients), "--format", "json", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    out = clients.parent / "docaudit-reports"
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    index = (out / "index.html").read_text()
    assert "<script>alert" not in index and "&lt;script&gt;" in index
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text())))
    cell = next(r[1] for r in rows if r[0] == name)
    assert cell == "'" + hostile


def test_bad_format_is_a_usage_error(clients: Path, tmp_path: Path) -> None:
    result = run(clients, tmp_path / "o", "--format", "json,pdf")
    assert result.exit_code == 2
    assert "pdf" in result.output
    assert not (tmp_path / "o").exists()


def drop_broken(clients: Path) -> None:
    """Most tests want the clean path: without the broken folder the exit code is 0 or 1."""
    for path in (clients / "zz-broken").iterdir():
        path.unlink()
    (clients / "zz-broken").rmdir()
