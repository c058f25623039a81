from __future__ import annotations

from html.parser import HTMLParser

from docaudit.core.models import Report
from docaudit.report import RenderContext, evidence_key, get_formatter

PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2"
    "OUAAAAABJRU5ErkJggg=="
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser


def test_self_contained_no_script_no_external_references(
    report: Report, ctx: RenderContext
) -> None:
    page = _parse(get_formatter("html")(report, ctx))
    assert not [t for t, _ in page.tags if t in {"script", "link", "iframe", "object"}]
    for _, attrs in page.tags:
        for name in ("src", "href", "action"):
            value = (attrs.get(name) or "").lower()
            assert not value.startswith(("http:", "https:", "//")), (name, value)


def test_document_text_is_escaped_not_executed(report: Report, ctx: RenderContext) -> None:
    finding = report.findings[0]
    hostile = '<script>alert("x")</script><img src="https://evil.example/t.png">'
    evidence = finding.evidence[0].model_copy(update={"text": hostile})
    tricky = report.model_copy(
        update={
            "findings": (
                finding.model_copy(update={"evidence": (evidence,), "message": hostile}),
                *report.findings[1:],
            )
        }
    )
    html = get_formatter("html")(tricky, ctx)
    page = _parse(html)
    assert "script" not in [t for t, _ in page.tags]
    assert all("evil.example" not in (a.get("src") or "") for _, a in page.tags)
    assert "&lt;script&gt;" in html
    assert any('<script>alert("x")</script>' in chunk for chunk in page.text)


def test_sections_counts_and_groups(report: Report, ctx: RenderContext) -> None:
    html = get_formatter("html")(report, ctx)
    page = _parse(html)
    ids = [a.get("id") for t, a in page.tags if t == "section"]
    assert ids == ["findings", "noc", "crs", "documents", "waived"]
    text = " ".join(" ".join(page.text).split())
    assert "FAIL: 4 findings at or above high." in text
    assert "21232 Software developers and programmers (0.83)" in text
    assert "71%" in text
    for section in ("work_history", "applicant", "language_tests", "education", "funds"):
        assert ("h4", {}) in page.tags and section in page.text
    assert text.index("Waived findings") > text.index("Documents")


def test_crop_is_embedded_only_as_png_data_uri(report: Report, ctx: RenderContext) -> None:
    first = report.findings[0].evidence[0]
    second = report.findings[1].evidence[0]
    with_crops = RenderContext(
        catalogue=ctx.catalogue,
        assets={evidence_key(first): PNG, evidence_key(second): "https://evil.example/x.png"},
    )
    page = _parse(get_formatter("html")(report, with_crops))
    sources = [a.get("src") for t, a in page.tags if t == "img"]
    assert sources == [PNG]
