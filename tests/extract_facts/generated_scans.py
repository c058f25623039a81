"""Scans of documents drawn by the synthetic client generator's own renderers: the layouts the
detection benchmark audits, photographed the way ``fixtures/clientgen/scan.py`` photographs them
(paper tone, noise, skew, lossy compression), so OCR reads them as it reads the benchmark's
scans."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from PIL import Image

from clientgen.layout import render_pdf
from clientgen.render import RENDERERS, load_all
from clientgen.scan import rasterise, scan


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


def skewed_scan(
    tmp_path: Path, doc_type: str, facts: dict[str, Any], layout: str, degrees: float
) -> Path:
    """The generator's ``layout`` at 300 dpi, turned by ``degrees`` as a page fed in askew."""
    load_all()
    render, _ = RENDERERS[doc_type]
    pdf = render_pdf(render(facts, layout, random.Random(1)), dt.date(2025, 6, 1)).pdf
    page = rasterise(pdf, 300)[0]
    turned = page.rotate(degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)
    out = tmp_path / f"{doc_type}_{layout}_skew.png"
    turned.save(out, dpi=(300, 300))
    return out
