"""Program minimums on real profiles: work windows, TEER-dependent language floors, funds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docaudit.crs import eligibility

from .profiles import build

ON = dt.date(2026, 6, 1)


def ielts(listening: float, r: float, w: float, s: float) -> dict[str, Any]:
    return {
        "test": "IELTS_GT",
        "test_date": "2025-09-01",
        "scores": {"listening": listening, "reading": r, "writing": w, "speaking": s},
    }


CLB9 = ielts(8.0, 7.0, 7.0, 7.0)
CLB5 = ielts(5.0, 4.0, 5.0, 5.0)
FST_MIN = ielts(5.0, 3.5, 4.0, 5.0)  # CLB L5 R4 W4 S5


def job(
    country: str, start: str, end: str | None, noc: str = "21231", hours: float = 40
) -> dict[str, Any]:
    return {
        "employer": "Invented Ltd",
        "job_title": "Worker",
        "noc": noc,
        "country": country,
        "start": start,
        "end": end,
        "hours_per_week": hours,
    }


def profile(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "programs": ["CEC", "FSW"],
        "applicant": {"date_of_birth": "1994-05-17"},
        "education": [
            {
                "level": "bachelors",
                "institution": "Invented U",
                "country": "CAN",
                "completed": "2016-05-01",
            }
        ],
        "language_tests": [CLB9],
    }
    base.update(extra)
    return base


def test_fsw_eligible_with_grid_and_funds() -> None:
    p = build(
        profile(
            work_history=[job("IND", "2016-08-01", None)],
            funds={"available": {"amount": 16000, "currency": "CAD"}, "family_size": 1},
        )
    )
    fsw = eligibility(p, ON)["FSW"]
    # language 24 + bachelor's 21 + 6+ years 15 + age 32 12 = 72
    assert fsw.eligible and fsw.points == 72 and fsw.funds_required
    assert any("CAD 16000 against CAD 15263" in r for r in fsw.reasons)


def test_fsw_funds_short_is_not_eligible() -> None:
    p = build(
        profile(
            work_history=[job("IND", "2016-08-01", None)],
            funds={"available": {"amount": 15000, "currency": "CAD"}, "family_size": 1},
        )
    )
    fsw = eligibility(p, ON)["FSW"]
    assert not fsw.eligible
    assert any(r.startswith("not met: funds CAD 15000") for r in fsw.reasons)


def test_cec_eligible_claimant_needs_no_funds_for_fsw() -> None:
    p = build(profile(work_history=[job("CAN", "2024-01-01", None)]))
    result = eligibility(p, ON)
    assert result["CEC"].eligible
    assert result["FSW"].funds_required is False


def test_fsw_needs_one_continuous_year_in_one_noc() -> None:
    p = build(
        profile(
            work_history=[
                job("IND", "2023-01-01", "2023-08-31"),
                job("IND", "2024-01-01", "2024-08-31"),
            ],
            funds={"available": {"amount": 99999, "currency": "CAD"}, "family_size": 1},
        )
    )
    fsw = eligibility(p, ON)["FSW"]
    assert not fsw.eligible
    assert fsw.reasons[0].startswith("not met: longest continuous")


def test_cec_teer_2_needs_only_clb5() -> None:
    p = build(
        profile(language_tests=[CLB5], work_history=[job("CAN", "2024-06-01", None, noc="72200")])
    )
    assert eligibility(p, ON)["CEC"].eligible


def test_cec_teer_1_needs_clb7() -> None:
    p = build(profile(language_tests=[CLB5], work_history=[job("CAN", "2024-06-01", None)]))
    cec = eligibility(p, ON)["CEC"]
    assert not cec.eligible
    assert any("CLB listening 7" in r for r in cec.reasons)


def test_cec_counts_part_time_and_only_the_last_three_years() -> None:
    short = build(profile(work_history=[job("CAN", "2019-01-01", "2023-05-31")]))
    assert not eligibility(short, ON)["CEC"].eligible
    part_time = build(profile(work_history=[job("CAN", "2024-05-01", None, hours=15)]))
    assert eligibility(part_time, ON)["CEC"].eligible


def test_cec_excludes_self_employment() -> None:
    p = profile(work_history=[job("CAN", "2023-01-01", None)])
    p["work_history"][0]["self_employed"] = True
    assert not eligibility(build(p), ON)["CEC"].eligible


def test_fst_with_certificate_and_trade_experience() -> None:
    p = profile(
        programs=["FST"],
        language_tests=[FST_MIN],
        work_history=[job("IND", "2023-01-01", None, noc="72200")],
        certificate_of_qualification={
            "trade": "Electrician",
            "province": "ON",
            "issued": "2025-01-01",
        },
        funds={"available": {"amount": 20000, "currency": "CAD"}, "family_size": 1},
    )
    assert eligibility(build(p), ON)["FST"].eligible
    p.pop("certificate_of_qualification")
    fst = eligibility(build(p), ON)["FST"]
    assert not fst.eligible
    assert "not met: job offer or certificate of qualification: neither declared" in fst.reasons


def test_fst_rejects_excluded_groups() -> None:
    p = profile(
        programs=["FST"],
        language_tests=[FST_MIN],
        work_history=[job("IND", "2022-01-01", None, noc="72600")],
        job_offer={"employer": "Invented Canada", "noc": "72600"},
        funds={"available": {"amount": 20000, "currency": "CAD"}, "family_size": 1},
    )
    assert not eligibility(build(p), ON)["FST"].eligible
