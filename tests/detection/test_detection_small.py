"""The detection benchmark in miniature: six text-PDF clients through the real audit.

Three clean clients must show nothing above info; three carry one fault each (a profile-only
CRS001, a language report with a lower score, a letter with a later start date) that the audit
must report under the fault's rule and subject, with no other finding the labels do not explain.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from clientgen import ScanOptions, generate_client

REPO = Path(__file__).resolve().parents[2]
CLIENTS: list[tuple[str, str, list[str]]] = [
    ("T-CLEAN-clean-1", "clean-1", []),
    ("T-CLEAN-clean-4", "clean-4", []),
    ("T-CLEAN-clean-5", "clean-5", []),
    ("T-CRS001-f-0", "f-0", ["CRS001"]),
    ("T-LNG001-f-0", "f-0", ["LNG001"]),
    ("T-WRK003-f-0", "f-0", ["WRK003"]),
]


def _benchmark() -> Any:
    """benchmarks/detection.py is a script, not a package: load it by path."""
    spec = importlib.util.spec_from_file_location("detection", REPO / "benchmarks/detection.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["detection"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Any:
    det = _benchmark()
    out = tmp_path_factory.mktemp("detection")
    cache = tmp_path_factory.mktemp("detection-cache")
    result = det.Outcome()
    labels: list[dict[str, Any]] = []
    for client_id, seed, faults in CLIENTS:
        label = generate_client(out, client_id, seed, faults, ScanOptions(share=0.0))
        assert [f["rule"] for f in label["faults"]] == faults
        labels.append(label)
        det.compare(label, det.audit(out / client_id, cache), result)
    return result, labels


def test_every_fault_is_found(outcome: Any) -> None:
    outcome, _ = outcome
    assert outcome.misses == []
    found = {rule: t.found for (_, rule), t in outcome.tallies.items() if t.faults}
    assert found == {"CRS001": 1, "LNG001": 1, "WRK003": 1}


def test_profile_only_fault_counts_as_text(outcome: Any) -> None:
    outcome, labels = outcome
    crs = next(lab for lab in labels if lab["client_id"] == "T-CRS001-f-0")
    assert crs["faults"][0]["document"] is None
    assert ("text", "CRS001") in outcome.tallies


def test_document_faults_name_their_document(outcome: Any) -> None:
    _, labels = outcome
    for client in ("T-LNG001-f-0", "T-WRK003-f-0"):
        label = next(lab for lab in labels if lab["client_id"] == client)
        path = label["faults"][0]["document"]
        assert any(d["path"] == path and d["modality"] == "text" for d in label["documents"])


def test_clean_clients_are_clean_and_nothing_unexplained(outcome: Any) -> None:
    outcome, _ = outcome
    assert outcome.dirty_clean == []
    assert outcome.alarms == []
