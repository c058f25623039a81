"""Each registered fault changes exactly what it claims, relative to the same client left clean."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest

from clientgen import FAULTS, build_spec, failing_fields
from clientgen.build import funds_required
from clientgen.dates import add_years
from clientgen.faults import needs
from clientgen.spec import ClientSpec

REQUIRED = {
    "ID001",
    "ID002",
    "ID003",
    "ID004",
    "ID005",
    "FAM001",
    "FAM002",
    "WRK001",
    "WRK002",
    "WRK003",
    "WRK004",
    "WRK005",
    "WRK009",
    "WRK010",
    "WRK011",
    "LNG001",
    "LNG002",
    "LNG003",
    "LNG005",
    "EDU001",
    "EDU002",
    "EDU003",
    "EDU004",
    "FND001",
    "FND002",
    "FND003",
    "HIS001",
    "HIS003",
    "POL001",
    "DOC001",
    "DOC004",
    "UPD001",
    "CRS001",
    "CRS002",
    "LNG004",
    "LNG006",
    "EDU005",
    "HIS002",
    "HIS004",
    "POL002",
    "DOC002",
    "DOC003",
    "WRK006",
    "WRK007",
    "WRK008",
    "WRK012",
    "WRK013",
    "UPD002",
    "CFG001",
}
# What each fault may touch: profile paths (p:), facts of documents of a type (d:<type>:<fact>),
# documents added or removed (+<type> / -<type>), and the ITA profile (ita).
ALLOWED = {
    "ID001": [r"d:diploma:name"],
    "ID002": [r"p:applicant\.date_of_birth"],
    "ID003": [r"p:applicant\.passport\.number"],
    "ID004": [r"d:passport:mrz\.1"],
    "ID005": [r"p:applicant\.passport\.(issued|expiry)", r"d:passport:(issued|expiry|mrz\.1)"],
    "FAM001": [
        r"d:marriage_certificate:(date_of_marriage|issued)",
        r"\+marriage_certificate",
        r"p:applicant\.marital_status",
    ],
    "FAM002": [r"-passport"],
    "WRK001": [r"-reference_letter"],
    "WRK002": [r"d:reference_letter:employer"],
    "WRK003": [r"d:reference_letter:(start|positions\.0\.start)"],
    "WRK004": [r"d:reference_letter:hours_per_week"],
    "WRK005": [r"d:reference_letter:(signatory_\w+|employer_\w+|hours_per_week|salary.*|duties.*)"],
    "WRK009": [r"d:reference_letter:duties.*"],
    "WRK010": [r"d:reference_letter:(job_title|positions\.\d\.job_title)"],
    "WRK011": [r"d:reference_letter:salary\.amount"],
    "LNG001": [r"d:language_test:(scores\.\w+|overall)"],
    "LNG002": [r"p:language_tests\.0\.test_date", r"d:language_test:(test_date|result_date)"],
    "LNG003": [r"d:language_test:test"],
    "LNG005": [r"-language_test", r"d:language_test:registration_number"],
    "EDU001": [r"-eca_report"],
    "EDU002": [r"p:education\.0\.eca\.issued", r"d:eca_report:issued"],
    "EDU003": [r"d:eca_report:equivalency"],
    "EDU004": [r"d:eca_report:(organization|reference)"],
    "FND001": [
        r"p:funds\.available\.amount",
        r"d:bank_(letter|statement):(balance.*|average_balance_6m\.amount|closing_balance\.amount|opening_balance\.amount)",
    ],
    "FND002": [r"p:funds\.available\.amount"],
    "FND003": [r"-bank_(letter|statement)"],
    "HIS001": [r"p:personal_history\..*"],
    "HIS003": [r"p:personal_history\.\d+\.(activity|description)"],
    "POL001": [r"-police_certificate"],
    "DOC001": [r"\+\w+"],
    "DOC004": [r"\+other"],
    "UPD001": [r"ita"],
    "CRS001": [r"p:claimed_crs"],
    "CRS002": [r"p:provincial_nomination.*", r"-provincial_nomination", r"-language_test"],
    "LNG004": [r"p:language_tests\.0\.claimed_clb\.\w+"],
    "LNG006": [
        r"p:language_tests\.\d\.(scores|claimed_clb)\.\w+",
        r"d:language_test:(scores\.\w+|overall)",
    ],
    "EDU005": [r"d:diploma:(institution|completed)"],
    "HIS002": [r"p:addresses\.\d+\.from"],
    "HIS004": [r"p:travel.*", r"\+passport"],
    "POL002": [r"d:police_certificate:issued"],
    "DOC002": [r"d:reference_letter:letter_date"],
    "DOC003": [r"\+reference_letter"],
    "WRK006": [r"d:reference_letter:duties.*"],
    "WRK007": [r"p:work_history\.\d+\.noc"],
    "WRK008": [r"p:work_history\.\d+\.noc"],
    "WRK012": [r"p:programs.*"],
    "WRK013": [r"d:(pay_stub:job_title|tax_document:employer)"],
    "UPD002": [r"\+language_test"],
    "CFG001": [r"config"],
}
# The claimed CRS is the calculator's score of what is declared: it follows any fault that moves
# the score, so every fault may change it.
CLAIM = r"p:claimed_crs"


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict | list):
        out = {}
        for i, v in enumerate(value):
            out.update(_flat(v, f"{prefix}.{i}"))
        return out
    if isinstance(value, list):
        return {f"{prefix}.{i}": v for i, v in enumerate(value)} or {prefix: []}
    return {prefix: value}


def changes(clean: ClientSpec, faulted: ClientSpec) -> set[str]:
    """What the fault changed. Documents of clientgen.extras (and the job offer they declare) are
    left out: only clean clients get them, so a clean twin may hold some its faulted twin lacks."""
    pa, pb = _flat(clean.profile), _flat(faulted.profile)
    out = {
        f"p:{k}"
        for k in set(pa) | set(pb)
        if pa.get(k) != pb.get(k) and not k.startswith("job_offer")
    }
    before = {d.filename: d for d in clean.docs if not d.extra}
    after = {d.filename: d for d in faulted.docs if not d.extra}
    out |= {f"-{before[n].type}" for n in before.keys() - after.keys()}
    out |= {f"+{after[n].type}" for n in after.keys() - before.keys()}
    for name in before.keys() & after.keys():
        a, b = _flat(before[name].facts), _flat(after[name].facts)
        out |= {f"d:{after[name].type}:{k}" for k in set(a) | set(b) if a.get(k) != b.get(k)}
    if (clean.ita_profile is None) != (faulted.ita_profile is None) or (
        faulted.ita_profile is not None
        and _flat(faulted.ita_profile) != _flat(faulted.profile)
        and "UPD001" in {f.rule for f in faulted.faults}
    ):
        out.add("ita")
    if clean.config != faulted.config:
        out.add("config")
    return out


def test_required_faults_are_registered() -> None:
    assert set(FAULTS) >= REQUIRED


def _twins(rule: str) -> tuple[ClientSpec, ClientSpec]:
    for i in range(10):
        seed = f"fault-{rule}-{i}"
        faulted = build_spec("F", seed, [rule])
        if [f.rule for f in faulted.faults] == [rule]:
            return build_spec("F", seed, [], options=needs([rule])), faulted
    raise AssertionError(f"{rule} never applied")


@pytest.mark.parametrize("rule", sorted(FAULTS))
def test_fault_changes_only_what_it_claims(rule: str) -> None:
    clean, faulted = _twins(rule)
    diff = changes(clean, faulted)
    assert diff, f"{rule} changed nothing"
    stray = {c for c in diff if not any(re.fullmatch(p, c) for p in [*ALLOWED[rule], CLAIM])}
    assert not stray, stray
    record = faulted.faults[0]
    assert record.rule == rule and record.subject and record.description


def test_wrk003_moves_start_by_a_month_or_more() -> None:
    _clean, faulted = _twins("WRK003")
    letter = faulted.docs_of("reference_letter")[-1]
    declared = faulted.profile["work_history"][int(letter.subject[13:-1])]["start"]  # type: ignore[index]
    assert (letter.facts["start"] - declared).days >= 31


def test_id004_breaks_exactly_one_field() -> None:
    _, faulted = _twins("ID004")
    line2 = faulted.docs_of("passport", "applicant")[0].facts["mrz"][1]
    assert len(failing_fields(line2)) == 1
    assert failing_fields(line2)[0] in faulted.faults[0].description


def test_fnd001_below_table_and_funds_required() -> None:
    _, faulted = _twins("FND001")
    assert faulted.profile["funds"]["available"]["amount"] < funds_required(faulted.profile)
    assert faulted.profile["programs"] == ["FSW"] and faulted.profile["job_offer"] is None


def test_expiry_faults_cross_their_limits() -> None:
    _, lng = _twins("LNG002")
    assert (
        add_years(lng.profile["language_tests"][0]["test_date"], 2)
        < lng.profile["key_dates"]["profile_submitted"]
    )
    _, edu = _twins("EDU002")
    assert (
        add_years(edu.profile["education"][0]["eca"]["issued"], 5)
        < edu.profile["key_dates"]["profile_submitted"]
    )
    _, pas = _twins("ID005")
    assert pas.profile["applicant"]["passport"]["expiry"] < pas.as_of
    assert failing_fields(pas.docs_of("passport", "applicant")[0].facts["mrz"][1]) == []


def test_his001_leaves_a_gap_over_30_days() -> None:
    _, faulted = _twins("HIS001")
    hist = sorted(faulted.profile["personal_history"], key=lambda s: s["from"])
    gaps = [(b["from"] - a["to"]).days for a, b in itertools.pairwise(hist)]
    assert max(gaps) > 30
    assert isinstance(hist[0]["from"], dt.date)
