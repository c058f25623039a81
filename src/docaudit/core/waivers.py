"""Waivers (``docaudit.yaml``) and baselines (``--baseline``): findings people have already judged.

A waived finding stays in the report, marked, and stops counting toward ``--fail-on``; a waiver
past its ``until`` date no longer applies. A baseline hides findings by fingerprint with counts, so
one old finding can never hide several new ones of the same kind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from docaudit.core.config import WaiverEntry
from docaudit.core.errors import InputFileError, Problem
from docaudit.core.models import Finding, Waiver


def _matches(waiver: WaiverEntry, finding: Finding) -> bool:
    return waiver.rule == finding.rule and waiver.subject in (None, finding.subject)


def apply_waivers(
    findings: Iterable[Finding], waivers: list[WaiverEntry], on: dt.date
) -> list[Finding]:
    """Findings with live waivers attached; an expired waiver is CFG001's business."""
    out: list[Finding] = []
    for finding in findings:
        live = next(
            (w for w in waivers if _matches(w, finding) and (w.until is None or w.until >= on)),
            None,
        )
        if live is not None:
            finding = finding.model_copy(
                update={
                    "waived": Waiver(
                        rule=live.rule,
                        subject=live.subject,
                        reason=live.reason,
                        by=live.by,
                        until=live.until,
                    )
                }
            )
        out.append(finding)
    return out


def load_baseline(path: Path) -> Counter[str]:
    """Fingerprints of a previous JSON report, with how often each occurred."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(
            [Problem(str(path), f"cannot read baseline: {exc.strerror}")]
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError(
            [Problem(str(path), f"baseline is not a JSON report: {exc}")]
        ) from None
    reports = data.get("reports", [data]) if isinstance(data, dict) else []
    counts: Counter[str] = Counter()
    for report in reports:
        if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
            raise InputFileError([Problem(str(path), "baseline has no 'findings' list")])
        counts.update(str(f.get("fingerprint", "")) for f in report["findings"])
    return counts


def apply_baseline(findings: list[Finding], baseline: Counter[str]) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many were hidden."""
    left = Counter(baseline)
    kept: list[Finding] = []
    hidden = 0
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            hidden += 1
        else:
            kept.append(finding)
    return kept, hidden
