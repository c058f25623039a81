"""The sample report the formatter tests render.

Invented client: Amina Testwala. Her identifiers are listed in ``IDENTIFIERS`` so the redaction
tests can check that none survives in any format.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from docaudit import __version__
from docaudit.core.models import (
    Case,
    DocumentRecord,
    Evidence,
    Finding,
    Report,
    Severity,
    Summary,
    Tool,
)

DATA = Path(__file__).resolve().parent / "data"
AUDITED_AT = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

PASSPORT = "AB1234567"
PASSPORT_ON_DOC = "AB1234576"
DOB = "1990-03-12"
TRF = "23CA123456TESA001A"
TRF_ON_DOC = "23CA123456TESA010A"
ECA_REF = "4455667"
ECA_ON_DOC = "4455676"
ACCOUNT = "00123456789"
IDENTIFIERS = (PASSPORT, PASSPORT_ON_DOC, DOB, TRF, TRF_ON_DOC, ECA_REF, ECA_ON_DOC, ACCOUNT)


def _ev(
    document: str,
    page: int | None,
    text: str,
    bbox: tuple[float, ...] | None = None,
    method: str = "text",
    conf: float | None = None,
) -> Evidence:
    return Evidence.model_validate(
        {
            "document": document,
            "sha256": "0" * 64,
            "page": page,
            "bbox": bbox,
            "text": text,
            "method": method,
            "ocr_confidence": conf,
        }
    )


def _finding(
    rule: str, severity: Severity, title: str, message: str, subject: str, **extra: object
) -> Finding:
    fingerprint = hashlib.sha256(f"{rule}|{subject}".encode()).hexdigest()[:16]
    return Finding.model_validate(
        {
            "rule": rule,
            "severity": severity,
            "title": title,
            "message": message,
            "subject": subject,
            "fingerprint": fingerprint,
            **extra,
        }
    )


def build_report(client_path: str = "clients/TST-2026-0007") -> Report:
    """High, medium, low and info findings, one waived, an unreadable file, NOC and CRS parts."""
    letter = "documents/reference_systems_ltd.pdf"
    findings = (
        _finding(
            "WRK003",
            Severity.HIGH,
            "Employment dates differ from the profile",
            "The letter from Systems Limited gives 2016-09-01 to 2021-12-31; the profile "
            "declares 2016-08-01 to 2021-12-31.",
            "work_history[0]",
            declared="2016-08-01",
            found="2016-09-01",
            evidence=[
                _ev(
                    letter,
                    1,
                    "employed with us from September 1, 2016",
                    (72.0, 210.5, 388.2, 224.0),
                )
            ],
            remediation="Obtain a corrected letter or correct the profile; the two must agree.",
        ),
        _finding(
            "ID003",
            Severity.HIGH,
            "Passport details differ from the profile",
            f"The passport gives number {PASSPORT_ON_DOC}; the profile declares {PASSPORT}.",
            "applicant.passport.number",
            declared=PASSPORT,
            found=PASSPORT_ON_DOC,
            evidence=[
                _ev(
                    "documents/passport.jpg",
                    1,
                    f"Passport No. {PASSPORT_ON_DOC}",
                    (300.0, 80.0, 520.0, 98.0),
                    "ocr",
                    88.4,
                )
            ],
            remediation="Correct the passport number, country or expiry in the profile.",
        ),
        _finding(
            "ID002",
            Severity.HIGH,
            "Date of birth differs from the profile",
            "The passport gives 1990-12-03; the profile declares 12 March 1990.",
            "applicant.date_of_birth",
            declared=DOB,
            found="1990-12-03",
            evidence=[
                _ev(
                    "documents/passport.jpg",
                    1,
                    "Date of birth: 03 DEC 1990",
                    (300.0, 120.0, 470.0, 138.0),
                    "ocr",
                    91.0,
                )
            ],
            remediation="Correct the profile or obtain a corrected document.",
        ),
        _finding(
            "LNG005",
            Severity.HIGH,
            "Test report missing or registration number differs",
            f"The test report form number is {TRF_ON_DOC}; the profile declares {TRF}.",
            "language_tests[0].registration_number",
            declared=TRF,
            found=TRF_ON_DOC,
            evidence=[
                _ev(
                    "documents/ielts_trf.pdf",
                    1,
                    f"Test Report Form Number {TRF_ON_DOC}",
                    (60.0, 700.0, 330.0, 712.0),
                )
            ],
            remediation="Enter the number exactly as printed on the test report.",
        ),
        _finding(
            "EDU004",
            Severity.MEDIUM,
            "ECA body not designated or reference differs",
            f"The WES report's reference is {ECA_ON_DOC}; the profile declares {ECA_REF}.",
            "education[0].eca.reference",
            declared=ECA_REF,
            found=ECA_ON_DOC,
            evidence=[
                _ev(
                    "documents/wes_eca.pdf",
                    1,
                    f"WES Reference No. {ECA_ON_DOC}",
                    (72.0, 96.0, 260.0, 110.0),
                )
            ],
            remediation="Enter the ECA reference exactly as printed.",
        ),
        _finding(
            "FND002",
            Severity.MEDIUM,
            "Declared funds differ from the documented balance",
            f"The bank letter for account {ACCOUNT} shows CAD 14,200.00; the profile declares "
            "CAD 21,000.00.",
            "funds.available",
            declared="21000.00",
            found="14200.00",
            evidence=[
                _ev(
                    "documents/bank_letter.pdf",
                    2,
                    f"Account number: {ACCOUNT}  Balance: CAD 14,200.00",
                    (72.0, 300.0, 480.0, 314.0),
                )
            ],
            remediation="Update the declared amount or provide a current bank letter.",
        ),
        _finding(
            "DOC001",
            Severity.MEDIUM,
            "A file cannot be read",
            "documents/scan_blurry.jpg could not be read: OCR produced too little text.",
            "documents/scan_blurry.jpg",
            remediation="Replace the file with a readable PDF.",
        ),
        _finding(
            "ID005",
            Severity.LOW,
            "Passport expires soon",
            "The passport expires on 2027-02-01, within 6 months of the audit date.",
            "applicant.passport.expiry",
            declared="2027-02-01",
            found="2027-02-01",
        ),
        _finding(
            "DOC004",
            Severity.INFO,
            "A document could not be classified or is not used",
            "documents/notes.txt is not used by any rule.",
            "documents/notes.txt",
            remediation="Set its type and person in manifest.yaml.",
        ),
        _finding(
            "WRK010",
            Severity.MEDIUM,
            "Job title differs from the profile",
            'The letter says "Software Engineer"; the profile declares "Developer".',
            "work_history[1]",
            declared="Developer",
            found="Software Engineer",
            evidence=[_ev(letter, 2, "Title: Software Engineer", (72.0, 140.0, 250.0, 152.0))],
            waived={
                "rule": "WRK010",
                "subject": "work_history[1]",
                "reason": "Promoted from Developer to Software Engineer; explained in letter.",
                "by": "RCIC R000000",
                "until": dt.date(2027, 3, 1),
            },
        ),
    )
    documents = (
        DocumentRecord(
            path=letter,
            sha256="1" * 64,
            type="reference_letter",
            person="applicant",
            pages=2,
            ocr=False,
            status="ok",
            size=48213,
            file_type="pdf",
        ),
        DocumentRecord(
            path="documents/passport.jpg",
            sha256="2" * 64,
            type="passport",
            person="applicant",
            pages=1,
            ocr=True,
            status="ok",
            mean_ocr_confidence=89.6,
            size=402113,
            file_type="jpeg",
        ),
        DocumentRecord(
            path="documents/ielts_trf.pdf",
            sha256="3" * 64,
            type="language_test",
            person="applicant",
            pages=1,
            ocr=False,
            status="ok",
        ),
        DocumentRecord(
            path="documents/wes_eca.pdf",
            sha256="4" * 64,
            type="eca_report",
            person="applicant",
            pages=1,
            ocr=False,
            status="ok",
        ),
        DocumentRecord(
            path="documents/bank_letter.pdf",
            sha256="5" * 64,
            type="bank_letter",
            person="applicant",
            pages=2,
            ocr=False,
            status="ok",
        ),
        DocumentRecord(
            path="documents/scan_blurry.jpg",
            sha256="6" * 64,
            type=None,
            person=None,
            pages=1,
            ocr=True,
            status="unreadable",
            mean_ocr_confidence=31.0,
            problem="OCR produced too little text (mean confidence 31)",
        ),
        DocumentRecord(
            path="documents/notes.txt",
            sha256="7" * 64,
            type=None,
            person=None,
            pages=0,
            ocr=False,
            status="ignored",
            problem="not a document type",
        ),
    )
    return Report(
        tool=Tool(version=__version__, rules_version="2026-11-28-test"),
        case=Case(
            client_id="TST-2026-0007",
            path=client_path,
            audited_at=AUDITED_AT,
            as_of=dt.date(2026, 9, 14),
        ),
        documents=documents,
        findings=findings,
        crs={
            "claimed": 489,
            "computed": 476,
            "documented": 456,
            "breakdown": {"core": 380, "spouse": 0, "transferability": 50, "additional": 46},
        },
        noc=(
            {
                "subject": "work_history[0]",
                "declared": "21231",
                "coverage": 0.71,
                "candidates": [
                    {
                        "code": "21232",
                        "title": "Software developers and programmers",
                        "score": 0.83,
                    },
                    {"code": "21231", "title": "Software engineers and designers", "score": 0.74},
                ],
            },
        ),
        summary=Summary(high=4, medium=3, low=1, info=1, documents=7, unreadable=1, waived=1),
    )
