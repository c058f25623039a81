"""Facts from the proof of work experience: reference letters, contracts, job offers, pay stubs
and tax slips.

Each document type has its own label file (``rules/extract/<type>.yaml``); the wordings they
share (closings, duty headings, contact patterns) are in ``rules/vocab/employment.yaml``. A part
that cannot be read is left out rather than guessed, and no part's failure loses the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docaudit.core.models import Fact, FactValue
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.employment_duties import duties, duty_heading
from docaudit.extract.facts.employment_header import (
    Candidate,
    choose_employer,
    contact_details,
    currency_of,
    document_country,
    has_letterhead,
    letterhead_candidate,
    sentence_candidates,
    signature_block,
)
from docaudit.extract.facts.employment_terms import (
    DateAt,
    Located,
    Term,
    date_note,
    document_order,
    employment_term,
    first_date_after,
    hours,
    labelled_date,
    line_paragraph,
    positions,
    salary,
    sentence_titles,
    standalone_date,
)
from docaudit.extract.facts.employment_text import (
    Paragraph,
    para_fact,
    paragraphs,
    plain_amount,
    run_span,
    vocab,
)
from docaudit.extract.facts.parse import Money, find_dates, find_money, find_periods, parse_name
from docaudit.extract.facts.parse.dates import Order
from docaudit.extract.facts.parse.vocab import fold
from docaudit.extract.facts.reader import Labels, Reader, load_labels

log = logging.getLogger(__name__)


@dataclass
class _Doc:
    """One document being read: its lines, paragraphs, labels and the facts found so far."""

    reader: Reader
    labels: Labels
    paras: list[Paragraph]
    country: str | None
    country_row: int | None
    currency: str | None
    order: Order | None
    facts: list[Fact] = field(default_factory=list)

    def add(
        self,
        kind: str,
        value: FactValue,
        at: Located,
        note: str | None = None,
        ambiguous: bool = False,
    ) -> None:
        self.facts.append(
            para_fact(self.reader, kind, value, at.para, at.span, ambiguous=ambiguous, note=note)
        )

    def add_date(self, kind: str, at: DateAt) -> None:
        self.facts.append(
            para_fact(
                self.reader,
                kind,
                at.date.value,
                at.para,
                at.span,
                ambiguous=at.date.ambiguous,
                note=date_note(at.date),
            )
        )

    def row(self, row: int, span: tuple[int, int] | None = None) -> Located:
        text = self.reader.rows[row][1].text
        return Located(Paragraph((row,), text, (0,)), span or (0, len(text)))

    def patterns(self, field_name: str) -> tuple[re.Pattern[str], ...]:
        return self.labels.get(field_name)


def _open(source: Source, doc_type: str) -> _Doc:
    labels = load_labels(doc_type)
    reader = Reader(source, labels)
    paras = paragraphs(reader)
    country, row = document_country(reader, source.country_hint)
    return _Doc(
        reader,
        labels,
        paras,
        country,
        row,
        currency_of(country),
        document_order(paras, country),
    )


def _guarded(doc: _Doc, parts: Sequence[Callable[[_Doc], None]]) -> list[Fact]:
    """Run every part; one that fails on odd text costs its own facts only."""
    for part in parts:
        try:
            part(doc)
        except Exception as exc:  # extraction must never stop an audit
            log.warning(
                "%s: %s failed (%s)", doc.reader.source.rel, part.__name__, type(exc).__name__
            )
            log.debug("%s failed", part.__name__, exc_info=True)
    return doc.facts


def _letter(source: Source, doc_type: str) -> list[Fact]:
    doc = _open(source, doc_type)
    parts: list[Callable[[_Doc], None]] = [
        _employer_and_letterhead,
        _letter_date,
        _employee,
        _period_and_titles,
        _hours,
        _salary,
        _duties,
        _signature,
    ]
    if doc_type == "job_offer":
        parts.append(_offer)
    return _guarded(doc, parts)


@extractor("reference_letter")
def reference_letter(source: Source) -> list[Fact]:
    return _letter(source, "reference_letter")


@extractor("employment_contract")
def employment_contract(source: Source) -> list[Fact]:
    return _letter(source, "employment_contract")


@extractor("job_offer")
def job_offer(source: Source) -> list[Fact]:
    return _letter(source, "job_offer")


@extractor("pay_stub")
def pay_stub(source: Source) -> list[Fact]:
    doc = _open(source, "pay_stub")
    return _guarded(
        doc, [_stub_employer, _employee, _labelled_title, _pay_period, _gross, _pay_date]
    )


@extractor("tax_document")
def tax_document(source: Source) -> list[Fact]:
    doc = _open(source, "tax_document")
    return _guarded(doc, [_tax_employer, _employee, _tax_year, _income, _issued])


# -- employer ------------------------------------------------------------------------------------


def _labelled_employers(doc: _Doc) -> list[Candidate]:
    out = []
    for hit in doc.reader.labelled(doc.patterns("employer")):
        span = run_span(hit.line.text, hit.span[0]) or hit.span
        text = hit.line.text[span[0] : span[1]].strip()
        if text:
            out.append(Candidate(hit.index, span, text, "label"))
    return out


def _extra_employer_cues(doc: _Doc) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in doc.labels.raw.get("employer_sentences") or []]


def _emit_employer(doc: _Doc, chosen: Candidate | None, issuer: bool) -> None:
    if chosen is None:
        return
    at = doc.row(chosen.row, chosen.span)
    doc.add("employment.employer", chosen.text, at)
    if issuer:
        doc.add("document.issuer", chosen.text, at)


def _employer_and_letterhead(doc: _Doc) -> None:
    head = letterhead_candidate(doc.reader, doc.labels)
    sig = signature_block(doc.reader)
    candidates = [
        *_labelled_employers(doc),
        *([head] if head else []),
        *sentence_candidates(doc.reader, doc.paras, _extra_employer_cues(doc)),
        *([sig.company] if sig.company else []),
    ]
    _emit_employer(
        doc, choose_employer(candidates, ("label", "letterhead", "sentence", "signature")), True
    )
    if doc.reader.rows:
        at = doc.row(head.row, head.span) if head else doc.row(0)
        doc.add("letter.letterhead", has_letterhead(doc.reader, head), at)
        kinds, row = contact_details(doc.reader)
        doc.add("letter.contact", kinds, doc.row(row if row is not None else 0))
    if doc.country_row is not None:
        doc.add("employment.country", doc.country, doc.row(doc.country_row))


def _stub_employer(doc: _Doc) -> None:
    head = letterhead_candidate(doc.reader, doc.labels)
    candidates = [
        *_labelled_employers(doc),
        *([head] if head else []),
        *sentence_candidates(doc.reader, doc.paras),
    ]
    _emit_employer(doc, choose_employer(candidates, ("label", "letterhead", "sentence")), False)


def _tax_employer(doc: _Doc) -> None:
    candidates = [
        *_labelled_employers(doc),
        *sentence_candidates(doc.reader, doc.paras, _extra_employer_cues(doc)),
    ]
    _emit_employer(doc, choose_employer(candidates, ("label", "sentence")), False)


# -- people --------------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:['’-][^\W\d_]+)*\.?$")
_LOWER_PARTS = frozenset(["de", "da", "del", "van", "von", "bin", "binti", "al", "el", "la", "le"])


def _person_name(text: str) -> dict[str, str] | None:
    words = text.strip(" ,.:;").split()
    if not 2 <= len(words) <= 7:
        return None
    for w in words:
        if not _NAME_WORD.match(w) or not (w[0].isupper() or w.lower() in _LOWER_PARTS):
            return None
    raw = " ".join(words)
    parsed = parse_name(raw)
    if parsed is None or not parsed.family:
        return None
    layout = (
        "family_first"
        if raw.find(parsed.family) < raw.find(parsed.given or "\0")
        else "given_first"
    )
    return {
        "raw": raw,
        "family": parsed.family,
        "given": parsed.given,
        "middle": parsed.middle,
        "layout": layout,
    }


def _employee(doc: _Doc) -> None:
    for hit in doc.reader.labelled(doc.patterns("employee_name")):
        para, span = line_paragraph(hit)
        value = para.text[span[0] : span[1]]
        cut = re.search(r"\s{2,}|\s+(?:employee id|id|no\.|date)\b", value, re.IGNORECASE)
        if cut:
            value = value[: cut.start()]
        name = _person_name(value)
        if name:
            doc.add("person.name", name, Located(para, (span[0], span[0] + len(value.rstrip()))))
            return
    for pattern in doc.labels.raw.get("name_sentences") or []:
        compiled = re.compile(pattern, re.IGNORECASE)
        for para in doc.paras:
            m = compiled.search(fold(para.text))
            if not m:
                continue
            span = m.span("name")
            name = _person_name(para.text[span[0] : span[1]])
            if name:
                doc.add("person.name", name, Located(para, span))
                return


# -- dates, titles, periods ----------------------------------------------------------------------


def _letter_date_at(doc: _Doc) -> DateAt | None:
    return labelled_date(doc.reader, doc.patterns("letter_date"), doc.order) or standalone_date(
        doc.reader, doc.paras, doc.order
    )


def _letter_date(doc: _Doc) -> None:
    found = _letter_date_at(doc)
    if found:
        doc.add_date("document.date", found)


def _period_and_titles(doc: _Doc) -> None:
    held = positions(doc.paras, doc.order)
    skip = {r for p in held for r in p.title_at.para.rows}
    letter_date = _letter_date_at(doc)
    if letter_date:
        skip |= set(letter_date.para.rows)
    term = employment_term(
        doc.reader, doc.paras, dict(doc.labels.fields), doc.order, frozenset(skip)
    )
    if term.start is None and held:
        first, last = held[0], held[-1]
        current = Located(last.start.para, last.start.span) if last.ongoing else None
        term = Term(first.start, last.end, current)
    if term.start:
        doc.add_date("employment.start", term.start)
    if term.end:
        doc.add_date("employment.end", term.end)
        doc.add("employment.current", False, term.end)
    elif term.current:
        doc.add("employment.current", True, term.current)
    for p in held:
        value: dict[str, object] = {
            "title": p.title,
            "start": p.start.date.value,
            "end": p.end.date.value if p.end else None,
        }
        # The position's dates carry the same doubt as the start and end facts.
        open_dates = [d.date for d in (p.start, p.end) if d is not None and d.date.ambiguous]
        note = "; ".join(n for n in map(date_note, open_dates) if n) or None
        doc.add("employment.position", value, p.title_at, note, bool(open_dates))
    _titles(doc, [p.title_at for p in held])


def _titles(doc: _Doc, held: list[Located]) -> None:
    found: list[Located] = []
    for hit in doc.reader.labelled(doc.patterns("job_title")):
        para, span = line_paragraph(hit)
        run = run_span(para.text, span[0], max_words=8)
        found.append(Located(para, run or span))
    found += held
    heading = duty_heading(doc.paras)
    stop = doc.paras[heading[0]].rows[0] if heading else None
    if not found:
        found += list(sentence_titles(doc.paras, stop))
    seen: set[str] = set()
    for at in found:
        title = at.para.text[at.span[0] : at.span[1]].strip(" .,:;")
        key = " ".join(fold(title).split())
        if title and key not in seen:
            seen.add(key)
            doc.add("employment.job_title", title, at)


def _labelled_title(doc: _Doc) -> None:
    _titles(doc, [])


# -- hours, pay, duties --------------------------------------------------------------------------


def _hours(doc: _Doc) -> None:
    found = hours(doc.reader, doc.paras, doc.patterns("hours"))
    if found is None:
        return
    parsed, at = found
    if parsed.per_week is not None:
        doc.add("employment.hours_per_week", parsed.per_week, at)
    full_time = parsed.full_time
    if full_time is None and parsed.per_week is not None:
        return
    if full_time is not None:
        doc.add("employment.full_time", full_time, at)


def _money_value(money: Money) -> dict[str, object]:
    return {"amount": float(money.amount), "currency": money.currency, "per": money.per}


def _salary(doc: _Doc) -> None:
    found = salary(doc.reader, doc.paras, doc.patterns("salary"), doc.currency)
    if found:
        money, at = found
        doc.add("employment.salary", _money_value(money), at)


def _duties(doc: _Doc) -> None:
    for at in duties(doc.paras):
        doc.add("employment.duty", at.para.text[at.span[0] : at.span[1]], at)


def _signature(doc: _Doc) -> None:
    sig = signature_block(doc.reader)
    if sig.name:
        doc.add("letter.signatory_name", sig.name.text, doc.row(sig.name.row, sig.name.span))
    if sig.title:
        doc.add("letter.signatory_title", sig.title.text, doc.row(sig.title.row, sig.title.span))
    if doc.reader.rows:
        row = sig.closing_row if sig.closing_row is not None else len(doc.reader.rows) - 1
        doc.add("document.signed", sig.signed, doc.row(row))


def _offer(doc: _Doc) -> None:
    v = vocab()
    for para in doc.paras:
        m = v.noc.search(para.text)
        if m:
            doc.add("employment.noc", m.group(1), Located(para, m.span(1)))
            break
    for para in doc.paras:
        m = v.lmia.search(para.text)
        if m and any(c.isdigit() for c in m.group(1)):
            doc.add("offer.lmia_number", m.group(1).rstrip("-."), Located(para, m.span(1)))
            break
    start = labelled_date(doc.reader, doc.patterns("start"), doc.order) or first_date_after(
        doc.paras, v.offer_start, doc.order
    )
    if start:
        doc.add_date("offer.start", start)


# -- pay stubs and tax slips ---------------------------------------------------------------------


def _pay_period(doc: _Doc) -> None:
    for hit in doc.reader.labelled(doc.patterns("pay_period")):
        para, span = line_paragraph(hit)
        for period in find_periods(para.text[span[0] : span[1]]):
            if period.end is None:
                continue
            for kind, d in (("pay.period_start", period.start), ("pay.period_end", period.end)):
                settled = find_dates(
                    para.text[span[0] + d.span[0] : span[0] + d.span[1]], order=doc.order
                )
                if settled:
                    at = DateAt(para, (span[0] + d.span[0], span[0] + d.span[1]), settled[0])
                    doc.add_date(kind, at)
            return
    for kind, label in (("pay.period_start", "period_start"), ("pay.period_end", "period_end")):
        found = labelled_date(doc.reader, doc.patterns(label), doc.order)
        if found:
            doc.add_date(kind, found)


def _period_per(doc: _Doc) -> str | None:
    """The period a gross amount is paid for, from the pay period's length."""
    dates = {f.kind: f.value for f in doc.facts if isinstance(f.value, dt.date)}
    start, end = dates.get("pay.period_start"), dates.get("pay.period_end")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return None
    days = (end - start).days + 1
    if 28 <= days <= 31:
        return "month"
    if days == 7:
        return "week"
    return None


def _doc_currency(doc: _Doc) -> str | None:
    for _, line in doc.reader.rows:
        for m in find_money(line.text, doc.currency):
            if m.currency:
                return m.currency
    return doc.currency


def _gross(doc: _Doc) -> None:
    for hit in doc.reader.labelled(doc.patterns("gross")):
        para, span = line_paragraph(hit)
        value = para.text[span[0] : span[1]]
        found = find_money(value, doc.currency)
        per = _period_per(doc)
        if found:
            m = found[0]
            money = {"amount": float(m.amount), "currency": m.currency, "per": m.per or per}
            doc.add("pay.gross", money, Located(para, (span[0] + m.span[0], span[0] + m.span[1])))
            return
        amount = plain_amount(value)
        if amount is not None:
            money = {"amount": amount, "currency": _doc_currency(doc), "per": per}
            doc.add("pay.gross", money, Located(para, span))
            return


def _pay_date(doc: _Doc) -> None:
    found = labelled_date(doc.reader, doc.patterns("pay_date"), doc.order)
    if found:
        doc.add_date("document.date", found)


_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")


def _tax_year(doc: _Doc) -> None:
    for hit in doc.reader.labelled(doc.patterns("tax_year")):
        m = _YEAR.search(hit.text)
        if m:
            at = Located(line_paragraph(hit)[0], (hit.span[0] + m.start(), hit.span[0] + m.end()))
            doc.add("tax.year", int(m.group()), at)
            return
    for para in doc.paras[:4]:
        folded = fold(para.text)
        if re.search(r"\b(t4|tax|assessment|remuneration|form)\b", folded):
            m = _YEAR.search(para.text)
            if m and not find_dates(para.text):
                doc.add("tax.year", int(m.group()), Located(para, m.span()))
                return


def _income(doc: _Doc) -> None:
    for hit in doc.reader.labelled(doc.patterns("income")):
        para, span = line_paragraph(hit)
        found = find_money(para.text[span[0] : span[1]], doc.currency)
        if found:
            m = found[0]
            money = {"amount": float(m.amount), "currency": m.currency, "per": "year"}
            doc.add(
                "tax.employment_income",
                money,
                Located(para, (span[0] + m.span[0], span[0] + m.span[1])),
            )
            return
    found_salary = salary(doc.reader, doc.paras, (), doc.currency)
    if found_salary:
        m, at = found_salary
        doc.add(
            "tax.employment_income",
            {"amount": float(m.amount), "currency": m.currency, "per": "year"},
            at,
        )


def _issued(doc: _Doc) -> None:
    found = labelled_date(doc.reader, doc.patterns("issued"), doc.order)
    if found:
        doc.add_date("document.date", found)
