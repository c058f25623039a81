"""The main duties a letter lists, one fact each, as written.

Letters list duties under a heading ("Main duties and responsibilities:") as bullets, numbers or
plain lines, or in one sentence after "responsibilities include". The list ends where another
section starts (salary, hours, the closing), which ``rules/vocab/employment.yaml`` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docaudit.extract.facts.employment_terms import Located
from docaudit.extract.facts.employment_text import Paragraph, vocab
from docaudit.extract.facts.parse.vocab import fold

_MAX_DUTIES = 25
_MIN_PROSE = 15
_MAX_PLAIN_WORDS = 80


def duty_heading(paras: Sequence[Paragraph]) -> tuple[int, int] | None:
    """(paragraph index, end of the heading in its text) of the first duties heading."""
    v = vocab()
    for i, para in enumerate(paras):
        folded = fold(para.text)
        for pattern in v.duty_headings:
            m = pattern.search(folded)
            if m:
                return i, m.end()
    return None


def duties(paras: Sequence[Paragraph]) -> list[Located]:
    found = duty_heading(paras)
    if found is None:
        return []
    index, end = found
    para = paras[index]
    rest = para.text[end:]
    if len(re.sub(r"[^a-z]", "", fold(rest))) >= _MIN_PROSE:
        return _prose(para, end)
    return _listed(paras[index + 1 :])


def _prose(para: Paragraph, start: int) -> list[Located]:
    """Duties in one sentence, separated by semicolons (or by sentences when there are none)."""
    text = para.text
    lead = re.match(r"[\s:,-]*(?:the following\s*:?\s*)?", text[start:], re.IGNORECASE)
    pos = start + (lead.end() if lead else 0)
    body = text[pos:]
    separator = r";\s*" if ";" in body else r"(?<=[a-z)])\.\s+(?=[A-Z])"
    out: list[Located] = []
    for m in re.finditer(rf"(?:(?!{separator}).)+", body):
        item = m.group().strip()
        stripped = item.rstrip(" .;")
        if len(stripped) < 3:
            continue
        begin = pos + m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(Located(para, (begin, begin + len(stripped))))
        if len(out) >= _MAX_DUTIES:
            break
    return out


def _listed(paras: Sequence[Paragraph]) -> list[Located]:
    v = vocab()
    out: list[Located] = []
    bulleted: bool | None = None
    for para in paras:
        folded = fold(para.text)
        bullet = v.bullets.match(folded)
        if bulleted is None:
            bulleted = bullet is not None
        if any(p.search(folded) for p in v.duty_stops) and not bullet:
            break
        if bulleted and bullet is None:
            break
        if not bulleted and len(para.text.split()) > _MAX_PLAIN_WORDS:
            break
        start = bullet.end() if bullet else 0
        end = len(para.text.rstrip(" .;"))
        if end - start >= 3:
            out.append(Located(para, (start, end)))
        if len(out) >= _MAX_DUTIES:
            break
    return out
