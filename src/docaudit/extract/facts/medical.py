"""Immigration medical examination confirmations: the exam date decides whether the medical is
still within its validity when the application is filed."""

from __future__ import annotations

from docaudit.core.models import Fact
from docaudit.extract.facts import Source, extractor
from docaudit.extract.facts.fields import Fields


@extractor("medical")
def medical(source: Source) -> list[Fact]:
    doc = Fields(source, "medical")
    return [
        f
        for f in (
            doc.date("medical.exam_date", "exam_date"),
            doc.name("person.name", "full_name"),
            doc.date("person.date_of_birth", "date_of_birth"),
        )
        if f
    ]
