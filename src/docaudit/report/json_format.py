"""The v1 JSON report: the model serialised, the one format other programs may rely on."""

from __future__ import annotations

import json

from docaudit.core.models import Report
from docaudit.report.context import RenderContext
from docaudit.report.registry import formatter
from docaudit.report.view import prepared


@formatter("json")
def render(report: Report, ctx: RenderContext) -> str:
    return json.dumps(prepared(report, ctx).to_json_dict(), indent=2, ensure_ascii=False) + "\n"
