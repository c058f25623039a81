"""Text parsers shared by the per-document fact extractors.

Each takes a line of text (from a text layer or OCR) and returns typed values with the character
span they came from, so an extractor can box the evidence with ``Line.span_bbox``. None of them
raises on arbitrary text: what cannot be read is ``None`` or empty, never an exception.
"""

from docaudit.extract.facts.parse.dates import (
    ParsedDate,
    Period,
    apply_order,
    find_dates,
    find_periods,
    parse_date,
    resolve_order,
)
from docaudit.extract.facts.parse.employers import EmployerMatch, employer_key, employers_match
from docaudit.extract.facts.parse.hours import Hours, parse_hours
from docaudit.extract.facts.parse.money import Money, annualise, find_money, parse_money
from docaudit.extract.facts.parse.mrz import (
    Correction,
    MrzResult,
    build_td3,
    checks_of,
    compute_check_digit,
    parse_td3,
    read_mrz,
)
from docaudit.extract.facts.parse.names import (
    NameMatch,
    PersonName,
    names_match,
    parse_labelled_name,
    parse_name,
)

__all__ = [
    "Correction",
    "EmployerMatch",
    "Hours",
    "Money",
    "MrzResult",
    "NameMatch",
    "ParsedDate",
    "Period",
    "PersonName",
    "annualise",
    "apply_order",
    "build_td3",
    "checks_of",
    "compute_check_digit",
    "employer_key",
    "employers_match",
    "find_dates",
    "find_money",
    "find_periods",
    "names_match",
    "parse_date",
    "parse_hours",
    "parse_labelled_name",
    "parse_money",
    "parse_name",
    "parse_td3",
    "read_mrz",
    "resolve_order",
]
