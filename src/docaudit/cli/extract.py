"""``docaudit extract``: what docaudit reads in one document, with the evidence of every fact."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from docaudit.cli.common import user_errors, write_output


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--text/--no-text",
    "show_text",
    default=False,
    help="Include the page text (it may hold personal data).",
)
@click.option("--no-ocr", is_flag=True, help="Do not OCR image pages.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--no-cache", is_flag=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False))
def extract(
    file: Path,
    fmt: str,
    show_text: bool,
    no_ocr: bool,
    cache_dir: Path | None,
    no_cache: bool,
    output: Path | None,
) -> None:
    """Read FILE as an audit would and show its type, pages and facts."""
    from docaudit.api import extract_file

    with user_errors():
        doc = extract_file(file, ocr=not no_ocr, cache_dir=cache_dir, use_cache=not no_cache)
    data: dict[str, Any] = doc.record().model_dump(mode="json")
    data["facts"] = [f.model_dump(mode="json") for f in doc.facts]
    if doc.text is not None:
        data["page_details"] = [
            {
                "page": p.number,
                "method": p.method,
                "rotation": p.rotation,
                "words": sum(len(ln.words) for ln in p.lines),
                "mean_confidence": p.mean_confidence,
                **({"text": p.text} if show_text else {}),
            }
            for p in doc.text.pages
        ]
    as_json = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    text = as_json if fmt == "json" else _as_text(data)
    with user_errors():
        write_output(text, output)
    if doc.status != "ok":
        sys.exit(1)


def _as_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['path']}: {data['status']}"
        + (f" ({data['problem']})" if data.get("problem") else ""),
        f"  type: {data['type']} (by {data['classified_by']})  file: {data['file_type']}  "
        f"pages: {data['pages']}  ocr: {data['ocr']}  "
        f"mean OCR confidence: {data['mean_ocr_confidence']}",
    ]
    for page in data.get("page_details", []):
        lines.append(
            f"  page {page['page']}: {page['method']}, {page['words']} words, "
            f"rotation {page['rotation']}, confidence {page['mean_confidence']}"
        )
        if "text" in page:
            lines.extend(f"    | {t}" for t in page["text"].splitlines())
    if data["facts"]:
        lines.append("  facts:")
    for fact in data["facts"]:
        ev = fact["evidence"]
        flag = " (ambiguous)" if fact.get("ambiguous") else ""
        lines.append(f"    {fact['kind']} = {json.dumps(fact['value'], ensure_ascii=False)}{flag}")
        lines.append(f'      p.{ev["page"]} {ev["bbox"]}: "{ev["text"]}"')
    return "\n".join(lines) + "\n"
