"""Scans of documents drawn by the synthetic client generator's own renderers: the layouts the
detection benchmark audits, photographed the way ``fixtures/clientgen/scan.py`` photographs them
(paper tone, noise, skew, lossy compression), so OCR reads them as it reads the benchmark's
scans."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from clientgen.layout import render_pdf
from clientgen.render import RENDERERS, load_all
from clientgen.scan import scan


def generated_scan(
    tmp_path: Path,
    doc_type: str,
    facts: dict[str, Any],
    layout: str,
    *,
    dpi: int = 300,
    seed: int = 1,
) -> Path:
    """The generator's ``layout`` of ``doc_type`` printing ``facts``, scanned to a PNG."""
    load_all()
    render, _ = RENDERERS[doc_type]
    rng = random.Random(seed)
    pdf = render_pdf(render(facts, layout, rng), dt.date(2025, 6, 1)).pdf
    out = tmp_path / f"{doc_type}_{layout}_{seed}.png"
    out.write_bytes(scan(pdf, "png", dpi, rng, dt.date(2025, 6, 1)))
    return out
