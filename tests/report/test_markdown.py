from __future__ import annotations

from docaudit.core.models import Report
from docaudit.report import RenderContext, get_formatter
from docaudit.report.markdown import escape


def test_escape_neutralises_html_and_table_syntax() -> None:
    assert escape("<b>a|b</b>\nnext") == "&lt;b&gt;a\\|b&lt;/b&gt; next"
    assert escape("[link](https://x)") == "\\[link\\](https://x)"


def test_summary_table_then_findings_then_waived(report: Report, ctx: RenderContext) -> None:
    out = get_formatter("markdown")(report, ctx)
    assert "| 4 | 3 | 1 | 1 | 1 | 7 | 1 |" in out
    assert out.index("### Findings") < out.index("### Waived") < out.index("### Documents")
    assert out.count("<details>") == out.count("</details>") == 9
    assert "| WRK003 | high | `work_history[0]` |" in out


def test_hostile_text_cannot_inject_html(report: Report, ctx: RenderContext) -> None:
    finding = report.findings[0].model_copy(update={"message": "<img src=x onerror=alert(1)>"})
    out = get_formatter("markdown")(report.model_copy(update={"findings": (finding,)}), ctx)
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
