"""The declared profile (``spec/profile-v1.md``) as typed models.

Consultants write this file by hand, so the models forgive what humans do (keys in any order, dates
as strings in JSON, country names instead of codes) and reject what would make an audit wrong:
unknown keys, wrong types, impossible values. Every model forbids extra keys so a typo is an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from docaudit.core.countries import to_alpha3

PROFILE_SCHEMA = "docaudit/profile/v1"


def _country(value: str) -> str:
    code = to_alpha3(value)
    if code is None:
        raise ValueError(f"unknown country {value!r}; use an ISO 3166 code such as PAK, IND, CAN")
    return code


Country = Annotated[str, AfterValidator(_country)]
Program = Literal["CEC", "FSW", "FST"]
EducationLevel = Literal[
    "secondary",
    "one_year",
    "two_year",
    "bachelors",
    "two_or_more",
    "masters",
    "professional",
    "doctoral",
]
TestName = Literal["IELTS_GT", "CELPIP_G", "PTE_CORE", "TEF_CANADA", "TCF_CANADA"]
EcaBody = Literal["WES", "ICES", "CES", "IQAS", "ICAS", "MCC", "PEBC"]
Period = Literal["year", "month", "week", "hour"]
Activity = Literal[
    "work",
    "self_employed",
    "study",
    "unemployed",
    "homemaker",
    "parental_leave",
    "travel",
    "military",
    "retired",
    "other",
]
NocCode = Annotated[str, Field(pattern=r"^\d{5}$", description="NOC 2021 unit group, 5 digits")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KeyDates(Strict):
    profile_submitted: dt.date | None = None
    ita: dt.date | None = None
    apr_submitted: dt.date | None = None
    audit_as_of: dt.date | None = None


class Passport(Strict):
    number: str
    country: Country
    issued: dt.date | None = None
    expiry: dt.date

    @model_validator(mode="after")
    def _order(self) -> Passport:
        if self.issued and self.issued >= self.expiry:
            raise ValueError("passport issued on or after its expiry date")
        return self


class Money(Strict):
    amount: Decimal = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. CAD")


class Salary(Money):
    per: Period


class Abilities(Strict):
    listening: float = Field(ge=0)
    reading: float = Field(ge=0)
    writing: float = Field(ge=0)
    speaking: float = Field(ge=0)


class ClbLevels(Strict):
    listening: int = Field(ge=0, le=12)
    reading: int = Field(ge=0, le=12)
    writing: int = Field(ge=0, le=12)
    speaking: int = Field(ge=0, le=12)


class LanguageTest(Strict):
    test: TestName
    test_date: dt.date
    registration_number: str | None = None
    scores: Abilities
    claimed_clb: ClbLevels | None = None


class Eca(Strict):
    organization: str
    reference: str | None = None
    issued: dt.date
    equivalency: EducationLevel


class Education(Strict):
    level: EducationLevel
    program_years: float | None = Field(default=None, ge=0, le=12)
    field_of_study: str | None = None
    institution: str
    country: Country
    start: dt.date | None = None
    completed: dt.date | None = None
    eca: Eca | None = None


class Job(Strict):
    employer: str
    job_title: str
    noc: NocCode
    country: Country
    city: str | None = None
    start: dt.date
    end: dt.date | None = None
    hours_per_week: float = Field(gt=0, le=168)
    paid: bool = True
    self_employed: bool = False
    salary: Salary | None = None
    duties: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _order(self) -> Job:
        if self.end and self.end < self.start:
            raise ValueError("job ends before it starts")
        return self


class Address(Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    country: Country
    city: str | None = None
    street: str | None = None
    province: str | None = None
    postal_code: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class HistoryEntry(Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    activity: Activity
    description: str | None = None
    country: Country | None = None
    city: str | None = None
    status: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Trip(Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date
    country: Country
    purpose: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Applicant(Strict):
    family_name: str
    given_names: str
    other_names: list[str] = Field(default_factory=list)
    date_of_birth: dt.date
    sex: Literal["F", "M", "X"] | None = None
    citizenship: Country
    marital_status: Literal[
        "single", "married", "common_law", "divorced", "separated", "widowed", "annulled"
    ]
    passport: Passport | None = None


class Spouse(Strict):
    family_name: str
    given_names: str
    other_names: list[str] = Field(default_factory=list)
    date_of_birth: dt.date | None = None
    accompanying: bool = True
    canadian_citizen_or_pr: bool = False
    relationship_start: dt.date | None = None
    citizenship: Country | None = None
    passport: Passport | None = None
    language_tests: list[LanguageTest] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    work_history: list[Job] = Field(default_factory=list)
    addresses: list[Address] = Field(default_factory=list)
    personal_history: list[HistoryEntry] = Field(default_factory=list)


class Child(Strict):
    given_names: str
    family_name: str | None = None
    date_of_birth: dt.date
    accompanying: bool = True


class JobOffer(Strict):
    employer: str
    noc: NocCode
    lmia_number: str | None = None
    start: dt.date | None = None
    hours_per_week: float | None = Field(default=None, gt=0, le=168)


class Nomination(Strict):
    province: str = Field(pattern=r"^(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)$")
    issued: dt.date
    certificate_number: str | None = None
    enhanced: bool = True


class Qualification(Strict):
    trade: str
    province: str
    issued: dt.date


class CanadianStudy(Strict):
    credential_years: float = Field(gt=0, le=12)
    completed: dt.date | None = None


class Funds(Strict):
    available: Money
    family_size: int = Field(ge=1, le=20)


class Profile(Strict):
    schema_: Literal["docaudit/profile/v1"] = Field(alias="schema")
    client_id: str | None = None
    programs: list[Program] = Field(min_length=1)
    key_dates: KeyDates = Field(default_factory=KeyDates)
    claimed_crs: int | None = Field(default=None, ge=0, le=1200)
    applicant: Applicant
    spouse: Spouse | None = None
    children: list[Child] = Field(default_factory=list)
    language_tests: list[LanguageTest] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    work_history: list[Job] = Field(default_factory=list)
    job_offer: JobOffer | None = None
    provincial_nomination: Nomination | None = None
    certificate_of_qualification: Qualification | None = None
    canadian_study: CanadianStudy | None = None
    sibling_in_canada: bool = False
    funds: Funds | None = None
    addresses: list[Address] = Field(default_factory=list)
    personal_history: list[HistoryEntry] = Field(default_factory=list)
    travel: list[Trip] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def as_of(self, today: dt.date | None = None) -> dt.date:
        """The date validity is judged on: ``audit_as_of``, else APR, else ITA, else today."""
        k = self.key_dates
        return k.audit_as_of or k.apr_submitted or k.ita or today or dt.date.today()

    def crs_date(self, today: dt.date | None = None) -> dt.date:
        """The CRS is computed as of the ITA when there is one, else as of ``as_of``."""
        return self.key_dates.ita or self.as_of(today)

    def validity_dates(self, as_of: dt.date) -> list[tuple[str, dt.date]]:
        """Dates a test or ECA must be valid on: each key date that has passed, and ``as_of``."""
        k = self.key_dates
        passed = [
            (name, day)
            for name, day in (
                ("profile submission", k.profile_submitted),
                ("ITA", k.ita),
                ("application submission", k.apr_submitted),
            )
            if day is not None and day <= as_of
        ]
        return [*passed, ("audit date", as_of)]

    @property
    def accompanying_spouse(self) -> Spouse | None:
        s = self.spouse
        return s if s is not None and s.accompanying else None
