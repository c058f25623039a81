"""Pay stubs and tax slips, odd text that must not break the extractors, and agreement with the
generated corpus's labels."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
from pathlib import Path
from types import ModuleType

import pytest
from employment_docs import make_letter, one, read_facts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from personal_docs_pdf import ocr_text

from clientgen import ScanOptions, generate_corpus
from docaudit.core.factkinds import problems_with
from docaudit.core.text import DocumentText, Line, Page, Word
from docaudit.extract.facts import Source, extract_facts

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("reference_letter", "employment_contract", "job_offer", "pay_stub", "tax_document")


def test_pay_stub_period_gross_without_currency_and_pay_date(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "stub.pdf",
        [
            ("head", "Lakeshore Robotics Ltd."),
            ("line", "88 Queens Quay W, Toronto, ON, Canada"),
            ("line", "EARNINGS STATEMENT"),
            ("row", "Employee Name:|Priya Nair"),
            ("row", "Job Title:|Controls Engineer"),
            ("row", "Pay Period:|2025-03-01 to 2025-03-31"),
            ("row", "Pay Date:|2025-04-04"),
            ("row", "Gross Pay:|8,125.00"),
            ("row", "Net Pay:|$6,012.50"),
        ],
    )
    facts = read_facts("pay_stub", pdf)
    assert one(facts, "employment.employer").value == "Lakeshore Robotics Ltd."
    assert one(facts, "person.name").value["family"] == "Nair"  # type: ignore[index]
    assert one(facts, "employment.job_title").value == "Controls Engineer"
    assert one(facts, "pay.period_start").value == dt.date(2025, 3, 1)
    assert one(facts, "pay.period_end").value == dt.date(2025, 3, 31)
    assert one(facts, "document.date").value == dt.date(2025, 4, 4)
    assert one(facts, "pay.gross").value == {"amount": 8125.0, "currency": "CAD", "per": "month"}


def test_foreign_tax_certificate_in_prose(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "tax.pdf",
        [
            ("line", "Form 16 - Certificate of Tax Deducted at Source"),
            ("line", "Tax year 2023"),
            (
                "para",
                "Certified that Arjun Verma was paid INR 18,40,000 as salary by Kaveri "
                "Software Services Private Limited during the tax year 2023.",
            ),
            ("line", "Issued: 12 June 2024"),
        ],
    )
    facts = read_facts("tax_document", pdf)
    assert one(facts, "tax.year").value == 2023
    assert one(facts, "employment.employer").value == "Kaveri Software Services Private Limited"
    assert one(facts, "person.name").value["given"] == "Arjun"  # type: ignore[index]
    assert one(facts, "tax.employment_income").value == {
        "amount": 1840000.0,
        "currency": "INR",
        "per": "year",
    }
    assert one(facts, "document.date").value == dt.date(2024, 6, 12)


def _document(lines: list[str]) -> DocumentText:
    rows = []
    for i, text in enumerate(lines):
        words, x = [], 50.0
        for token in text.split():
            words.append(Word(token, (x, 50.0 + 14 * i, x + 6 * len(token), 60.0 + 14 * i)))
            x += 6 * len(token) + 4
        if words:
            rows.append(Line(tuple(words)))
    return DocumentText((Page(1, 595, 842, "text", tuple(rows)),))


_LINE = st.lists(
    st.one_of(
        st.text(min_size=1, max_size=12),
        st.sampled_from(
            [
                "Date:",
                "since",
                "to date",
                "$",
                "Rs.",
                "40 hours",
                "per week",
                "Sincerely,",
                "duties:",
                "•",
                "NOC",
                "LMIA",
                "Pay period:",
                "Gross pay",
                "Employer's name",
                "12/13/2020",
                "Ltd.",
                "Inc.,",
                "(cid:127)",
                "employed with",
                "as",
                "Mr.",
            ]
        ),
    ),
    max_size=14,
).map(" ".join)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=st.lists(_LINE, max_size=12), doc_type=st.sampled_from(TYPES))
def test_odd_text_never_breaks_an_extractor(
    lines: list[str], doc_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="docaudit.extract.facts.employment"):
        facts = extract_facts(doc_type, Source("x.pdf", "0" * 64, _document(lines)))
    assert problems_with(facts) == []
    assert [r.getMessage() for r in caplog.records] == []


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "extract_accuracy_employment.py"
    spec = importlib.util.spec_from_file_location("extract_accuracy_employment", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_generated_text_pdfs_agree_with_labels(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "corpus", 4, "employment-tests", scans=ScanOptions(share=0.0))
    table = _benchmark().run(tmp_path / "corpus", 4, "employment-tests", tmp_path / "cache", False)
    tp = sum(c["tp"] for c in table.values())
    fp = sum(c["fp"] for c in table.values())
    fn = sum(c["fn"] for c in table.values())
    assert tp > 100
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.97
    worst = {k: c for k, c in table.items() if c["fp"] + c["fn"] > max(1, 0.1 * c["tp"])}
    assert worst == {}


PAY_STUB_COLUMNS = [
    ["Pampa", "Sul", "Builders", "S.A."],
    ["EARNINGS", "STATEMENT"],
    ["Employee"],
    ["Position"],
    ["Pay", "period"],
    ["Pay", "date"],
    ["Thiago", "Carvalho"],
    ["Civil", "Engineer"],
]
T4_COLUMNS = [
    ["Canada", "Revenue", "Agency"],
    ["T4", "Statement", "of", "Remuneration", "Paid", "-", "2025"],
    ["Employer's", "name"],
    ["Employee's", "name"],
    ["Year"],
    ["Birchwood", "Infrastructure", "Inc."],
    ["Felipe", "Pereira"],
    ["2025"],
]


@pytest.mark.parametrize(
    ("doc_type", "rows", "kind", "label"),
    [
        ("pay_stub", PAY_STUB_COLUMNS, "employment.job_title", "Pay"),
        ("tax_document", T4_COLUMNS, "employment.employer", "Employee's"),
    ],
)
def test_a_label_read_under_another_label_is_not_its_value(
    doc_type: str, rows: list[list[str]], kind: str, label: str
) -> None:
    """Seen on scans: OCR read the column of labels first, so the line under "Position" was the
    label "Pay period" and under "Employer's name" the label "Employee's name"; the job title
    became "Pay" and the employer "Employee's" (WRK013 on clean clients)."""
    facts = extract_facts(doc_type, Source("doc.png", "0" * 64, ocr_text(rows)))
    assert label not in [f.value for f in facts if f.kind == kind]
