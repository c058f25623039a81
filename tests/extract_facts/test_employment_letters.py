"""Reference letters, contracts and job offers typeset as real PDFs, read back fact by fact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from employment_docs import make_letter, make_scan, one, read_facts, values

PROSE_LETTER = [
    ("head", "NORTHWIND LOGISTICS INC."),
    ("line", "1200 Bay Street, Suite 400, Toronto, ON M5R 2A5, Canada"),
    ("line", "Tel: (416) 555-0199    www.northwind-logistics.ca"),
    ("gap", ""),
    ("line", "March 3, 2025"),
    ("gap", ""),
    ("line", "To Whom It May Concern"),
    (
        "para",
        "This letter confirms that Ms. Amara Okafor has been employed with Northwind Logistics "
        "Inc. since August 1, 2016 and that the company continues to value her contribution to "
        "our distribution network across Ontario.",
    ),
    ("line", "Positions held:"),
    ("bullet", "Logistics Coordinator: August 1, 2016 to April 30, 2019"),
    ("bullet", "Operations Manager: May 1, 2019 to date"),
    (
        "para",
        "Ms. Okafor works full-time, 8 hours a day, five days a week. Her annual salary is "
        "$92,500, paid bi-weekly, with benefits under the company's group plan for employees.",
    ),
    ("line", "Her main duties are:"),
    ("bullet", "Plans and directs the daily operations of two regional warehouses"),
    (
        "bullet",
        "Negotiates freight contracts with carriers and customs brokers, and reviews their "
        "performance every quarter against the service levels agreed",
    ),
    ("bullet", "Prepares the operating budget and monthly cost reports"),
    ("para", "Should you require further information, please contact the undersigned."),
    ("gap", ""),
    ("line", "Yours truly,"),
    ("gap", ""),
    ("line", "________________________"),
    ("line", "Daniel Chen"),
    ("line", "Director, Human Resources"),
]


@pytest.fixture(scope="module")
def prose_letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_letter(tmp_path_factory.mktemp("letters") / "reference.pdf", PROSE_LETTER)


def test_prose_letter_employer_header_and_signature(prose_letter: Path) -> None:
    facts = read_facts("reference_letter", prose_letter)
    employer = one(facts, "employment.employer")
    assert employer.value == "Northwind Logistics Inc."
    assert employer.evidence.text.startswith("This letter confirms")
    assert one(facts, "document.issuer").value == "Northwind Logistics Inc."
    assert one(facts, "letter.letterhead").value is True
    assert one(facts, "letter.contact").value == ["address", "phone", "website"]
    assert one(facts, "employment.country").value == "CAN"
    assert one(facts, "document.date").value == dt.date(2025, 3, 3)
    assert one(facts, "letter.signatory_name").value == "Daniel Chen"
    assert one(facts, "letter.signatory_title").value == "Director, Human Resources"
    assert one(facts, "document.signed").value is True


def test_prose_letter_person_period_and_promotion(prose_letter: Path) -> None:
    facts = read_facts("reference_letter", prose_letter)
    name = one(facts, "person.name").value
    assert isinstance(name, dict)
    assert (name["family"], name["given"]) == ("Okafor", "Amara")
    start = one(facts, "employment.start")
    assert start.value == dt.date(2016, 8, 1)
    assert not start.ambiguous
    assert one(facts, "employment.current").value is True
    assert values(facts, "employment.end") == []
    assert values(facts, "employment.position") == [
        {
            "title": "Logistics Coordinator",
            "start": dt.date(2016, 8, 1),
            "end": dt.date(2019, 4, 30),
        },
        {"title": "Operations Manager", "start": dt.date(2019, 5, 1), "end": None},
    ]
    assert values(facts, "employment.job_title") == ["Logistics Coordinator", "Operations Manager"]


def test_prose_letter_hours_salary_and_wrapped_duties(prose_letter: Path) -> None:
    facts = read_facts("reference_letter", prose_letter)
    assert one(facts, "employment.hours_per_week").value == 40.0
    assert one(facts, "employment.full_time").value is True
    assert one(facts, "employment.salary").value == {
        "amount": 92500.0,
        "currency": "CAD",
        "per": "year",
    }
    duties = values(facts, "employment.duty")
    assert duties == [
        "Plans and directs the daily operations of two regional warehouses",
        "Negotiates freight contracts with carriers and customs brokers, and reviews their "
        "performance every quarter against the service levels agreed",
        "Prepares the operating budget and monthly cost reports",
    ]
    wrapped = [f for f in facts if f.kind == "employment.duty"][1]
    assert wrapped.evidence.bbox is not None
    assert wrapped.evidence.bbox[3] - wrapped.evidence.bbox[1] > 20  # boxes both lines


def test_table_letter_dates_follow_the_country_convention(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "table.pdf",
        [
            ("head", "Shalimar Textiles (Pvt.) Ltd."),
            ("line", "14 Canal Bank Road, Lahore, Pakistan"),
            ("line", "Phone: +92 42 3571 0000   E-mail: hr@shalimar-textiles.pk"),
            ("line", "Date: 02/03/2024"),
            ("line", "EXPERIENCE CERTIFICATE"),
            ("row", "Employee Name|Bilal Ahmed Qureshi"),
            ("row", "Designation|Senior Merchandiser"),
            ("row", "Date of Joining|04/05/2015"),
            ("row", "Date of Leaving|06/07/2019"),
            ("row", "Working Hours|48 hours per week"),
            ("row", "Salary|Rs. 1,85,000 per month"),
            (
                "para",
                "His responsibilities included: sourcing fabric from mills; costing "
                "orders for European buyers; following up production schedules.",
            ),
            ("line", "For Shalimar Textiles (Pvt.) Ltd."),
        ],
    )
    facts = read_facts("reference_letter", pdf)
    assert one(facts, "employment.employer").value == "Shalimar Textiles (Pvt.) Ltd."
    assert one(facts, "document.date").value == dt.date(2024, 3, 2)
    start = one(facts, "employment.start")
    assert (start.value, start.ambiguous) == (dt.date(2015, 5, 4), False)
    assert one(facts, "employment.end").value == dt.date(2019, 7, 6)
    assert one(facts, "employment.current").value is False
    assert one(facts, "employment.job_title").value == "Senior Merchandiser"
    assert one(facts, "person.name").value["family"] == "Qureshi"  # type: ignore[index]
    assert one(facts, "employment.hours_per_week").value == 48.0
    assert one(facts, "employment.salary").value == {
        "amount": 185000.0,
        "currency": "PKR",
        "per": "month",
    }
    assert values(facts, "employment.duty") == [
        "sourcing fabric from mills",
        "costing orders for European buyers",
        "following up production schedules",
    ]
    assert one(facts, "letter.contact").value == ["address", "phone", "email"]


def test_unprovable_numeric_dates_are_ambiguous_not_guessed(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "ambiguous.pdf",
        [
            ("head", "Harbour Light Consulting"),
            ("line", "Date: 01/02/2020"),
            ("row", "Employee name|Lena Marsh"),
            ("row", "Date of joining|04/05/2015"),
            ("row", "Remuneration|$5,000 per month"),
        ],
    )
    facts = read_facts("reference_letter", pdf)
    start = one(facts, "employment.start")
    assert start.ambiguous
    assert start.note is not None and "2015-05-04" in start.note and "2015-04-05" in start.note
    assert one(facts, "employment.salary").value == {
        "amount": 5000.0,
        "currency": None,
        "per": "month",
    }
    assert one(facts, "letter.contact").value == []
    assert one(facts, "document.signed").value is False
    assert values(facts, "letter.signatory_name") == []


@pytest.mark.parametrize(
    ("address", "dated", "joined"),
    [
        ("179 Ortigas Avenue, Quezon City, Philippines", "09.07.2026", "01.07.2024"),
        ("269 Bank Street, Ottawa, Canada", "09/08/2026", "01/12/2024"),
        ("1 Market Street, Denver, United States", "09.07.2026", "01.07.2024"),
    ],
)
def test_numeric_dates_without_a_convention_stay_ambiguous(
    tmp_path: Path, address: str, dated: str, joined: str
) -> None:
    """Issue 5 (WRK003, DOC002): Canada and the Philippines print both orders, and a dotted date
    is not the American month-first style, so nothing on these letters settles the order."""
    pdf = make_letter(
        tmp_path / "letter.pdf",
        [
            ("head", "Granite Falls Digital Solutions Inc."),
            ("line", address),
            ("line", f"Date: {dated}"),
            ("line", "EXPERIENCE CERTIFICATE"),
            (
                "para",
                f"Granite Falls Digital Solutions Inc. certifies that Ms. Angelica Reyes joined "
                f"the company on {joined} and continues to work with us.",
            ),
            ("line", "Positions held:"),
            ("line", f"- IT Support Technician: {joined} to the present day"),
        ],
    )
    facts = read_facts("reference_letter", pdf)
    a, b = joined.replace(".", "/").split("/")[:2]
    day_first, month_first = dt.date(2024, int(b), int(a)), dt.date(2024, int(a), int(b))
    start = one(facts, "employment.start")
    assert (start.value, start.ambiguous) == (day_first, True)
    assert start.note == f"day/month order unknown: {day_first} or {month_first}"
    assert one(facts, "document.date").ambiguous
    position = one(facts, "employment.position")
    assert position.ambiguous and position.note == start.note
    assert one(facts, "employment.current").value is True


def test_a_wrapped_line_opening_with_from_keeps_the_period_end(tmp_path: Path) -> None:
    """Issue 5 (client 0038): a sentence wrapped so that its second line starts "from ..." read
    as a "From" label; the period's end was dropped and the past job read as going on."""
    pdf = make_letter(
        tmp_path / "past.pdf",
        [
            ("head", "Kaveri Medical Centre Private Limited"),
            ("line", "100 MG Road, Bengaluru, India"),
            ("line", "Date: December 16th, 2025"),
            (
                "line",
                "This is to certify that Aditya Iyer was employed with Kaveri Medical Centre "
                "Private Limited as Staff Nurse",
            ),
            ("line", "from August 1st, 2018 to April 30th, 2022."),
            ("line", "The position is full-time, thirty-five (35) hours a week."),
        ],
    )
    facts = read_facts("reference_letter", pdf)
    assert one(facts, "employment.start").value == dt.date(2018, 8, 1)
    assert one(facts, "employment.end").value == dt.date(2022, 4, 30)
    assert one(facts, "employment.current").value is False


def test_job_offer_noc_lmia_and_start(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "offer.pdf",
        [
            ("head", "Prairie Grain Analytics Ltd."),
            ("line", "300 5 Ave SW, Calgary, AB T2P 3C4, Canada"),
            ("line", "Date: 2025-01-15"),
            ("line", "Dear Mr. Rohan Mehta,"),
            (
                "para",
                "We are pleased to offer you the permanent, full-time position of Data "
                "Scientist (NOC 21211) starting on 2025-03-03, at $52.00 per hour for 37.5 hours "
                "per week.",
            ),
            (
                "para",
                "This offer is supported by a positive Labour Market Impact Assessment, "
                "number 9876543.",
            ),
            ("line", "Sincerely,"),
            ("line", "Grace Lee"),
            ("line", "Chief Executive Officer"),
        ],
    )
    facts = read_facts("job_offer", pdf)
    assert one(facts, "employment.noc").value == "21211"
    assert one(facts, "offer.lmia_number").value == "9876543"
    assert one(facts, "offer.start").value == dt.date(2025, 3, 3)
    assert one(facts, "employment.job_title").value == "Data Scientist"
    assert one(facts, "employment.salary").value == {
        "amount": 52.0,
        "currency": "CAD",
        "per": "hour",
    }
    assert one(facts, "employment.hours_per_week").value == 37.5
    assert one(facts, "person.name").value["given"] == "Rohan"  # type: ignore[index]
    assert one(facts, "employment.employer").value == "Prairie Grain Analytics Ltd."


def test_contract_names_the_employee_party(tmp_path: Path) -> None:
    pdf = make_letter(
        tmp_path / "contract.pdf",
        [
            ("line", "EMPLOYMENT AGREEMENT"),
            (
                "para",
                "This agreement is made between Maple Ridge Dental Clinic Inc. (the "
                '"Employer") and Sofia Ramirez (the "Employee").',
            ),
            ("row", "Position:|Dental Hygienist"),
            ("row", "Commencement date:|June 1, 2023"),
            ("row", "Hours of work:|30 hours per week, part-time"),
            ("row", "Wage:|CAD 48.00 per hour"),
        ],
    )
    facts = read_facts("employment_contract", pdf)
    assert one(facts, "person.name").value["family"] == "Ramirez"  # type: ignore[index]
    assert one(facts, "employment.start").value == dt.date(2023, 6, 1)
    assert one(facts, "employment.job_title").value == "Dental Hygienist"
    assert one(facts, "employment.hours_per_week").value == 30.0
    assert one(facts, "employment.full_time").value is False
    assert one(facts, "employment.salary").value == {
        "amount": 48.0,
        "currency": "CAD",
        "per": "hour",
    }


@pytest.mark.ocr
def test_scanned_letter_reads_like_the_pdf(prose_letter: Path, tesseract: str) -> None:
    facts = read_facts("reference_letter", make_scan(prose_letter, 300))
    assert one(facts, "employment.start").value == dt.date(2016, 8, 1)
    assert one(facts, "employment.hours_per_week").value == 40.0
    assert one(facts, "employment.salary").value["amount"] == 92500.0  # type: ignore[index]
    assert one(facts, "person.name").value["family"] == "Okafor"  # type: ignore[index]
    assert len(values(facts, "employment.duty")) == 3
    assert one(facts, "employment.start").evidence.method == "ocr"


def test_bullets_read_as_opening_quotes_still_split_the_duties(tmp_path: Path) -> None:
    """Detection benchmark (client GEN-5-0024): OCR read some bullets of a scanned letter as
    "“" glued to the duty, and three duties came out as one."""
    pdf = make_letter(
        tmp_path / "quotes.pdf",
        [
            ("head", "Mata Atlantica Digital Solutions S.A."),
            ("line", "Date: October 23, 2025"),
            ("line", "Main duties and responsibilities:"),
            ("line", "* Writes, reviews and debugs Python code for new customer features"),
            ("line", "\u201cWrites unit and regression tests for every code change"),
            ("line", "\u201cCodes and maintains the online store's checkout software"),
            ("line", "* Tracks down the cause of bugs found in testing and corrects the code"),
            ("gap", ""),
            ("line", "Please contact the undersigned should you require further information."),
        ],
    )
    assert values(read_facts("reference_letter", pdf), "employment.duty") == [
        "Writes, reviews and debugs Python code for new customer features",
        "Writes unit and regression tests for every code change",
        "Codes and maintains the online store's checkout software",
        "Tracks down the cause of bugs found in testing and corrects the code",
    ]


def test_ocr_misreadings_keep_the_signatory_and_the_start_date(tmp_path: Path) -> None:
    """Seen on 300-dpi scans: "Iyer" read as "lyer" (the signatory was then taken for the title
    and the title lost), and "1st" read as "ist" (the employment dates were lost)."""
    rows = [
        *PROSE_LETTER[:7],
        (
            "para",
            "This is to certify that Amara Okafor was employed with Northwind Logistics Inc. as "
            "Logistics Coordinator from November ist, 2019 to November 30th, 2022.",
        ),
        *PROSE_LETTER[-6:-2],
        ("line", "Neha lyer"),
        ("line", "General Manager"),
    ]
    facts = read_facts("reference_letter", make_letter(tmp_path / "ocr.pdf", rows))
    assert one(facts, "letter.signatory_name").value == "Neha lyer"
    assert one(facts, "letter.signatory_title").value == "General Manager"
    assert one(facts, "employment.start").value == dt.date(2019, 11, 1)
    assert one(facts, "employment.end").value == dt.date(2022, 11, 30)


def test_a_letterhead_whose_l_ocr_read_as_a_mark_is_still_the_letterhead() -> None:
    """Seen on a scanned letter of seed 101: "Gulf Pear! Digital Solutions LLC" at the top, so no
    letterhead was found and WRK005 fired on a clean client. The evidence keeps what was read."""
    from personal_docs_pdf import ocr_text

    from docaudit.extract.facts import Source, extract_facts

    text = ocr_text(
        [
            ["Gulf", "Pear!", "Digital", "Solutions", "LLC"],
            ["30", "Corniche", "Road,", "Abu", "Dhabi,", "United", "Arab", "Emirates"],
            ["Phone", "+971", "4", "335", "9331"],
            ["Date:", "05/07/2026"],
            ["EMPLOYMENT", "REFERENCE", "LETTER"],
            ["We", "confirm", "the", "employment", "of", "Rhea", "Aquino", "with", "Gulf"],
            ["Pearl", "Digital", "Solutions", "LLC.", "Thank", "you!"],
        ]
    )
    facts = extract_facts("reference_letter", Source("letter.png", "0" * 64, text, None))
    head = next(f for f in facts if f.kind == "letter.letterhead")
    employer = next(f for f in facts if f.kind == "employment.employer")
    assert head.value is True and "Pear!" in head.evidence.text
    assert employer.value == "Gulf Pearl Digital Solutions LLC"


def test_only_a_mark_inside_a_name_line_is_read_as_l() -> None:
    from docaudit.extract.facts.parse.glyphs import mend_name_line

    assert mend_name_line("Gulf Pear! Digital Solutions LLC") == "Gulf Pearl Digital Solutions LLC"
    assert mend_name_line("Wel|s Fargo") == "Wells Fargo"
    assert mend_name_line("Thank you!") == "Thank you!"


def test_a_position_whose_colon_ocr_read_as_a_semicolon_is_still_a_position() -> None:
    """Seen on a scanned promotion letter of seed 103: "- Data Scientist; June 1, 2022 to July 31,
    2023" was no position, so the earlier job read the letter's whole period (WRK003, WRK010)."""
    from personal_docs_pdf import ocr_text

    from docaudit.extract.facts import Source, extract_facts

    text = ocr_text(
        [
            ["NIGER", "DELTA", "DIGITAL", "SOLUTIONS", "NIGERIA", "LTD"],
            ["Date:", "February", "23,", "2026"],
            ["This", "is", "to", "certify", "that", "Ifeoma", "Nwosu", "has", "been", "employed"],
            ["with", "Niger", "Delta", "Digital", "Solutions", "Nigeria", "Ltd", "from"],
            ["June", "1,", "2022", "to", "present."],
            ["Positions", "held:"],
            ["-", "Data", "Scientist;", "June", "1,", "2022", "to", "July", "31,", "2023"],
            ["-", "Senior", "Data", "Scientist:", "August", "1,", "2023", "to", "date"],
        ]
    )
    facts = extract_facts("reference_letter", Source("letter.png", "0" * 64, text, None))
    held = [f.value for f in facts if f.kind == "employment.position"]
    assert held == [
        {"title": "Data Scientist", "start": dt.date(2022, 6, 1), "end": dt.date(2023, 7, 31)},
        {"title": "Senior Data Scientist", "start": dt.date(2023, 8, 1), "end": None},
    ]
