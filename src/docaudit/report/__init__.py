"""Report formatters: the audit's ``Report`` turned into JSON, text, Markdown, HTML, SARIF, JUnit.

Formatters read the report and the render context only; they never recompute findings.
"""

from docaudit.report.context import RenderContext, counts_toward_failure, evidence_key
from docaudit.report.registry import (
    Renderer,
    UnknownFormatError,
    formats,
    formatter,
    get_formatter,
    render,
)

__all__ = [
    "RenderContext",
    "Renderer",
    "UnknownFormatError",
    "counts_toward_failure",
    "evidence_key",
    "formats",
    "formatter",
    "get_formatter",
    "render",
]
