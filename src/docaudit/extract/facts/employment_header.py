"""Who wrote an employment document: the employer, its letterhead and contact details, the
signature block, and the country the employer is in.

The employer's name appears up to four times on a letter (letterhead, "employed with X", the
signature's "For X", a label) and OCR may spoil any one of them, so candidates are gathered from
all and the strongest kind wins; a mixed-case spelling is preferred over an all-capitals one of
the same name, since checks compare it with what the consultant typed.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pycountry

from docaudit.core.countries import to_alpha3
from docaudit.extract.facts.employment_text import (
    Paragraph,
    is_label_row,
    run_span,
    vocab,
)
from docaudit.extract.facts.parse import employer_key, employers_match, parse_name
from docaudit.extract.facts.parse.glyphs import capital_misread, mend_name_line
from docaudit.extract.facts.parse.vocab import Span, fold
from docaudit.extract.facts.reader import Labels, Reader

Origin = Literal["label", "letterhead", "sentence", "signature"]
_HEADER_ROWS = 8
_ALIASES = frozenset(["UK", "UAE", "USA", "U.S.A.", "U.A.E.", "U.K."])


@dataclass(frozen=True)
class Candidate:
    """A piece of text on one line that names something, with how it was found."""

    row: int
    span: Span
    text: str
    origin: Origin


def header_rows(reader: Reader) -> list[int]:
    """Rows at the top of page 1 before the letter's body: the letterhead area."""
    out: list[int] = []
    v = vocab()
    for i, (page, line) in enumerate(reader.rows[:_HEADER_ROWS]):
        if page.number != reader.rows[0][0].number:
            break
        folded = fold(line.text).strip()
        if out and any(p.search(folded) for p in v.headings):
            break
        if len(line.text.split()) > 14:
            break
        out.append(i)
    return out


def is_heading(text: str) -> bool:
    folded = fold(text).strip()
    return any(p.search(folded) for p in vocab().headings)


def is_contact(text: str) -> bool:
    v = vocab()
    folded = fold(text)
    return bool(
        v.phone.search(folded)
        or v.email.search(folded)
        or v.website.search(folded)
        or _is_address(text)
    )


def _is_address(text: str) -> bool:
    v = vocab()
    folded = fold(text)
    if v.email.search(folded):
        return False
    has_digit = any(c.isdigit() for c in text)
    if has_digit and v.address_words.search(folded):
        return True
    if v.postal_code.search(folded) and "," in text:
        return True
    return "," in text and country_in(text) is not None and len(text.split()) <= 12


def country_in(text: str) -> str | None:
    """The ISO alpha-3 code of a country named as one comma-separated part of ``text``."""
    for part in reversed(re.split(r"[,|\n]", text)):
        seg = part.strip().strip(".").strip()
        if not seg or any(c.isdigit() for c in seg) or len(seg.split()) > 4:
            continue
        if seg.upper() in _ALIASES:
            return to_alpha3(seg.replace(".", ""))
        if len(seg) > 3:
            try:
                return str(pycountry.countries.lookup(seg).alpha_3)
            except LookupError:
                continue
    return None


def document_country(reader: Reader, hint: str | None) -> tuple[str | None, int | None]:
    """The employer's country: the caller's hint, else a country in an address line."""
    if hint:
        code = to_alpha3(hint)
        if code:
            return code, None
    rows = header_rows(reader) + list(range(len(reader.rows)))
    for i in rows:
        text = reader.rows[i][1].text
        if _is_address(text) or i in rows[:_HEADER_ROWS]:
            code = country_in(text)
            if code:
                return code, i
    for i, (_, line) in enumerate(reader.rows):
        if re.search(r"\bcanada revenue agency\b", fold(line.text)):
            return "CAN", i
    return None, None


def currency_of(country: str | None) -> str | None:
    return vocab().currencies.get(country) if country else None


def letterhead_candidate(reader: Reader, labels: Labels) -> Candidate | None:
    """The first line of page 1 that reads as an organisation's name."""
    for i in header_rows(reader):
        page, line = reader.rows[i]
        full = mend_name_line(line.text) if page.method == "ocr" else line.text
        text = full.strip()
        if is_heading(text) or is_contact(text) or is_label_row(text) or _labelled(labels, text):
            continue
        span = run_span(full, 0)
        if span is None or (span[1] - span[0]) < 0.8 * len(text.rstrip(".")):
            continue
        if _is_person_name(full[span[0] : span[1]]):
            continue
        return Candidate(i, span, full[span[0] : span[1]], "letterhead")
    return None


def _labelled(labels: Labels, text: str) -> bool:
    return any(p.search(text) for pats in labels.fields.values() for p in pats)


def has_letterhead(reader: Reader, head: Candidate | None) -> bool:
    """A name at the top set apart by a larger type, or followed by an address or contact line."""
    if head is None:
        return False
    rows = header_rows(reader)
    after = [r for r in rows if r > head.row][:4]
    if any(is_contact(reader.rows[r][1].text) for r in after):
        return True
    heights = [
        b[3] - b[1] for _, ln in reader.rows if (b := ln.bbox) is not None and len(ln.words) > 3
    ]
    box = reader.rows[head.row][1].bbox
    if not heights or box is None:
        return False
    return (box[3] - box[1]) >= 1.25 * statistics.median(heights)


def contact_details(reader: Reader) -> tuple[list[str], int | None]:
    """Which employer contact details the document prints, and the first line showing one."""
    v = vocab()
    found: dict[str, int] = {}
    zone = set(header_rows(reader)) | set(range(max(0, len(reader.rows) - 5), len(reader.rows)))
    for i, (_, line) in enumerate(reader.rows):
        folded = fold(line.text)
        if v.phone.search(folded):
            found.setdefault("phone", i)
        if v.email.search(folded):
            found.setdefault("email", i)
        if v.website.search(folded.replace("@", " @")) and not _only_email(folded):
            found.setdefault("website", i)
        if i in zone and _is_address(line.text):
            found.setdefault("address", i)
    kinds: list[str] = [k for k in ("address", "phone", "email", "website") if k in found]
    return kinds, min(found.values()) if found else None


def _only_email(folded: str) -> bool:
    v = vocab()
    rest = v.email.sub(" ", folded)
    return not v.website.search(rest)


def sentence_candidates(
    reader: Reader, paras: Sequence[Paragraph], extra: Sequence[re.Pattern[str]] = ()
) -> list[Candidate]:
    """Employer names inside sentences: "employed with X", "X certifies that"."""
    v = vocab()
    out: list[Candidate] = []
    for para in paras:
        folded = fold(para.text)
        for cue in (*v.employer_after, *extra):
            for m in cue.finditer(folded):
                span = run_span(para.text, m.end())
                if span:
                    _add(out, reader, para, span, "sentence")
        for cue in v.employer_before:
            for m in cue.finditer(folded):
                start = max(folded.rfind(". ", 0, m.start()) + 2, 0)
                span = run_span(para.text, start)
                if span and para.text[span[1] : m.start()].strip(" ,") == "":
                    _add(out, reader, para, span, "sentence")
    return out


def _add(out: list[Candidate], reader: Reader, para: Paragraph, span: Span, origin: Origin) -> None:
    text = para.text[span[0] : span[1]]
    if fold(text) in vocab().not_employer or len(text) < 3 or _is_person_name(text):
        return
    row = para.row_at(span[0])
    start = para.starts[para.rows.index(row)]
    line = reader.rows[row][1].text
    inner = (span[0] - start, min(span[1] - start, len(line)))
    out.append(Candidate(row, inner, text, origin))


def _is_person_name(text: str) -> bool:
    """An honorific or a name the employer could not be ("Mr. John Reyes")."""
    return bool(re.match(r"(?i)(?:mr|ms|mrs|miss|dr)\.?\s", text))


def choose_employer(candidates: Sequence[Candidate], order: Sequence[Origin]) -> Candidate | None:
    """The employer by the strongest kind of evidence, spelled as printed in mixed case if any."""
    for origin in order:
        mine = [c for c in candidates if c.origin == origin]
        if not mine:
            continue
        if origin in ("sentence", "signature"):
            counts = Counter(employer_key(c.text) for c in mine)
            best_key = counts.most_common(1)[0][0]
            mine = [c for c in mine if employer_key(c.text) == best_key]
        best = mine[0]
        if best.text.isupper():
            for other in candidates:
                if not other.text.isupper() and employers_match(best.text, other.text).match:
                    return other
        return best
    return None


@dataclass(frozen=True)
class Signature:
    signed: bool
    closing_row: int | None
    name: Candidate | None
    title: Candidate | None
    company: Candidate | None


def signature_block(reader: Reader) -> Signature:
    """The closing ("Sincerely,"), the signature line and the signatory's name and position."""
    v = vocab()
    closing: int | None = None
    for i, (_, line) in enumerate(reader.rows):
        folded = fold(line.text).strip()
        if any(p.search(folded) for p in v.closings):
            closing = i
    signed = False
    name = title = company = None
    start = closing + 1 if closing is not None else max(0, len(reader.rows) - 6)
    for i in range(start, min(start + 7, len(reader.rows))):
        text = reader.rows[i][1].text.strip()
        folded = fold(text)
        m = v.employer_signature.match(folded)
        if any(p.search(folded) for p in v.signature_marks):
            signed = True
            continue
        if m and run_span(text, m.end()):
            span = run_span(text, m.end())
            assert span is not None
            company = Candidate(i, span, text[span[0] : span[1]], "signature")
            continue
        if is_contact(text) or is_heading(text) or any(ch.isdigit() for ch in text):
            if name is not None:
                break
            continue
        if closing is None and not signed:
            continue
        if name is None and _signatory_name(text):
            name = Candidate(i, (0, len(text)), text, "signature")
        elif name is not None and title is None and 0 < len(text.split()) <= 8:
            title = Candidate(i, (0, len(text)), text.rstrip(",."), "signature")
        elif name is not None:
            break
    return Signature(signed or name is not None, closing, name, title, company)


def _signatory_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or text.endswith(":"):
        return False
    if not all(
        w[0].isupper() or capital_misread(w) or w.lower() in ("de", "da", "van", "von", "bin", "al")
        for w in words
    ):
        return False
    return parse_name(text) is not None
