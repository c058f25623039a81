"""The formatter registry: one ``render`` function per output format, looked up by name.

Built-in formats are imported only when asked for, so ``--format json`` does not load jinja2 or
rich, and a third format can be added by decorating a function without touching the CLI.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable

from docaudit.core.errors import DocauditError
from docaudit.core.models import Report
from docaudit.report.context import RenderContext

Renderer = Callable[[Report, RenderContext], str]

_BUILTIN_MODULES = {
    "text": "docaudit.report.text",
    "json": "docaudit.report.json_format",
    "markdown": "docaudit.report.markdown",
    "html": "docaudit.report.html",
    "sarif": "docaudit.report.sarif",
    "junit": "docaudit.report.junit",
}
_REGISTRY: dict[str, Renderer] = {}


class UnknownFormatError(DocauditError):
    """Raised for a ``--format`` value no formatter is registered under."""


def formatter(name: str) -> Callable[[Renderer], Renderer]:
    """Register ``render`` under ``name``; a second registration under one name is a bug."""

    def register(render: Renderer) -> Renderer:
        existing = _REGISTRY.get(name)
        if existing is not None and existing is not render:
            raise ValueError(f"format {name!r} is registered twice")
        _REGISTRY[name] = render
        return render

    return register


def formats() -> tuple[str, ...]:
    """Every format name, built-in ones first in the order ``--help`` should list them."""
    extra = sorted(n for n in _REGISTRY if n not in _BUILTIN_MODULES)
    return (*_BUILTIN_MODULES, *extra)


def get_formatter(name: str) -> Renderer:
    if name not in _REGISTRY and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, formats(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownFormatError(
            f"unknown report format {name!r} (known: {', '.join(formats())}){hint}"
        ) from None


def render(report: Report, ctx: RenderContext, name: str) -> str:
    return get_formatter(name)(report, ctx)
