"""FND: proof of settlement funds, when the programs claimed require it.

Whether funds are needed at all comes from the eligibility engine (CEC-eligible and claimed, or a
job offer with authorization to work, exempts), so these rules and the eligibility report never
disagree about it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from docaudit.checks.identity import match_name, misreading_note, printed_name
from docaudit.core.documents import Document
from docaudit.core.models import Evidence, Fact, Severity
from docaudit.core.profile import Applicant, Profile, Spouse
from docaudit.core.registry import AuditContext, Draft, check
from docaudit.core.tables import SettlementFunds, TableError, data_in_force
from docaudit.core.thresholds import typed_thresholds
from docaudit.crs import eligibility


class FundsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    bank_documents: tuple[str, ...]
    table_currency: str
    balance_tolerance_percent: float


@functools.cache
def settings() -> FundsSettings:
    return typed_thresholds("funds", FundsSettings)


def funds_required(ctx: AuditContext) -> bool:
    """Whether any claimed program needs proof of funds on the audit date (shared, built once)."""

    def build() -> bool:
        profile = ctx.profile
        if profile is None:
            return False
        try:
            results = eligibility(profile, ctx.as_of)
        except TableError:
            return True
        return any(results[p].funds_required for p in profile.programs)

    required: bool = ctx.service("funds.required", build)
    return required


def family_size(profile: Profile) -> int:
    """Applicant, spouse and children, accompanying or not (ircc-facts.md section 7)."""
    return 1 + (profile.spouse is not None) + len(profile.children)


@dataclass(frozen=True)
class Balance:
    amount: Decimal
    currency: str
    fact: Fact


def _bank_documents(ctx: AuditContext) -> list[Document]:
    return [
        d
        for d in ctx.documents_of(*settings().bank_documents)
        if d.person in ("applicant", "spouse", "unknown", None)
    ]


def _account(doc: Document) -> tuple[str, ...]:
    institution = doc.first("bank.institution")
    numbers = sorted("".join(str(f.value).split()) for f in doc.facts_of("bank.account_number"))
    return (str(institution.value).casefold() if institution else "", *numbers)


def _dated(doc: Document) -> Fact | None:
    """The date a bank document speaks for: the statement's end, else the letter's date."""
    for kind in ("bank.period_end", "document.date"):
        fact = doc.first(kind)
        if fact is not None and isinstance(fact.value, dt.date):
            return fact
    return None


def _day(fact: Fact | None) -> dt.date:
    return fact.value if fact is not None and isinstance(fact.value, dt.date) else dt.date.min


def balances(ctx: AuditContext) -> list[Balance]:
    """The latest balance per account (several statements of one account are not added up)."""
    latest: dict[tuple[str, ...], Document] = {}
    for doc in _bank_documents(ctx):
        if doc.first("bank.balance") is None:
            continue
        key = _account(doc) if doc.facts_of("bank.account_number") else (doc.rel,)
        if key not in latest or _day(_dated(doc)) > _day(_dated(latest[key])):
            latest[key] = doc
    out = []
    table = settings().table_currency
    for doc in latest.values():
        fact = doc.first("bank.balance")
        assert fact is not None
        value = fact.value if isinstance(fact.value, dict) else {}
        currency = str(value.get("currency") or table)
        converted = doc.first("bank.balance_equivalent")
        # The bank's own conversion into the table's currency is the figure to judge; docaudit
        # keeps no exchange rates of its own.
        if (
            currency != table
            and converted is not None
            and isinstance(converted.value, dict)
            and converted.value.get("currency") == table
        ):
            fact, value, currency = converted, converted.value, table
        out.append(Balance(Decimal(str(value.get("amount", 0))), currency, fact))
    return out


def _totals(found: list[Balance]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for b in found:
        totals[b.currency] = totals.get(b.currency, Decimal(0)) + b.amount
    return totals


def _money(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,.0f}"


@check("FND001")
def funds_below_required(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None or not funds_required(ctx):
        return
    found = balances(ctx)
    currency = settings().table_currency
    usable = [b for b in found if b.currency == currency]
    if not usable:
        return
    counted = family_size(profile)
    declared_size = profile.funds.family_size if profile.funds else counted
    size = max(counted, declared_size)
    try:
        table = data_in_force("settlement_funds", SettlementFunds, ctx.as_of)
    except TableError:
        return
    required = Decimal(table.required(size))
    total = sum((b.amount for b in usable), Decimal(0))
    if total >= required:
        return
    sizes = (
        f"{size} person(s)"
        if counted == declared_size
        else f"{size} person(s) (the profile lists {counted} family members and declares a "
        f"family size of {declared_size})"
    )
    yield Draft(
        subject="funds.available",
        message=(
            f"The bank documents show {_money(total, currency)}; a family of {sizes} needs "
            f"{_money(required, currency)} under the settlement-funds table in force on "
            f"{ctx.as_of}."
        ),
        declared=_money(required, currency) + " required",
        found=_money(total, currency),
        evidence=tuple(b.fact.evidence for b in usable),
    )


def _holder_differs(doc: Document, holders: list[Applicant | Spouse]) -> Iterator[Draft]:
    """The account holder is neither the applicant nor the spouse; at info when the scan's name
    differs from theirs only by what OCR misreads."""
    named = doc.facts_of("bank.holder")
    matches = [(f, match_name(holders[0], f, holders[1:])) for f in named]
    if not matches or any(m.match and not m.ocr_unsure for _, m in matches):
        return
    shown = ", ".join(printed_name(f) for f in named)
    unsure = [f for f, m in matches if m.match]
    if unsure:
        why = "which differs from the applicant's or the spouse's only by what OCR misreads"
        why += misreading_note(unsure[0])
    else:
        why = "not the applicant's or the spouse's; funds held by someone else do not count."
    yield Draft(
        subject=doc.rel,
        message=f"{doc.rel} is in the name of {shown}, {why}",
        found=shown,
        evidence=tuple(f.evidence for f in named),
        key="holder",
        severity=Severity.INFO if unsure else None,
    )


@check("FND002")
def funds_document_problems(ctx: AuditContext) -> Iterator[Draft]:
    profile = ctx.profile
    if profile is None:
        return
    yield from _declared_vs_documented(ctx, profile)
    max_age = ctx.config.bank_document_max_age_days
    holders: list[Applicant | Spouse] = [profile.applicant]
    if profile.spouse is not None:
        holders.append(profile.spouse)
    for doc in _bank_documents(ctx):
        dated = _dated(doc)
        if dated is not None and (ctx.as_of - _day(dated)).days > max_age:
            yield Draft(
                subject=doc.rel,
                message=(
                    f"{doc.rel} speaks for {_day(dated)}, {(ctx.as_of - _day(dated)).days} days "
                    f"before the audit date {ctx.as_of}; funds must be shown by a document at "
                    f"most {max_age} days old."
                ),
                found=_day(dated).isoformat(),
                evidence=(dated.evidence,),
                key="age",
            )
        yield from _holder_differs(doc, holders)
    if funds_required(ctx) and profile.funds is not None:
        counted = family_size(profile)
        if profile.funds.family_size != counted:
            yield Draft(
                subject="funds.family_size",
                message=(
                    f"The profile declares a family size of {profile.funds.family_size} for "
                    f"settlement funds but lists {counted} (applicant, spouse and children count "
                    "whether or not they accompany)."
                ),
                declared=str(profile.funds.family_size),
                found=str(counted),
            )


def _declared_vs_documented(ctx: AuditContext, profile: Profile) -> Iterator[Draft]:
    if profile.funds is None:
        return
    declared = profile.funds.available
    found = balances(ctx)
    total = _totals(found).get(declared.currency)
    if total is None:
        return
    tolerance = Decimal(str(settings().balance_tolerance_percent)) / 100
    if abs(total - declared.amount) <= declared.amount * tolerance:
        return
    evidence: tuple[Evidence, ...] = tuple(
        b.fact.evidence for b in found if b.currency == declared.currency
    )
    yield Draft(
        subject="funds.available",
        message=(
            f"The profile declares {_money(declared.amount, declared.currency)} available; the "
            f"bank documents show {_money(total, declared.currency)}."
        ),
        declared=_money(declared.amount, declared.currency),
        found=_money(total, declared.currency),
        evidence=evidence,
        key="amount",
    )


@check("FND003")
def funds_undocumented(ctx: AuditContext) -> Iterator[Draft]:
    if ctx.profile is None or not funds_required(ctx) or _bank_documents(ctx):
        return
    funds = ctx.profile.funds
    yield Draft(
        subject="funds",
        message=(
            f"Settlement funds are required for {', '.join(ctx.profile.programs)} (not exempt "
            "through CEC or a job offer with authorization to work) and no bank letter or "
            "statement is in the folder."
        ),
        declared=_money(funds.available.amount, funds.available.currency) if funds else None,
        found="no bank document",
    )
