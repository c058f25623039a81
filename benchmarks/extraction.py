"""How much docaudit's text extraction costs over the bare tools, and how well OCR reads.

Run: ``.venv/bin/python benchmarks/extraction.py [--pages N]``. Prints ratios from one run, so
they compare like with like on the machine at hand; absolute seconds are shown for context.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docaudit.extract.text import read_document
from docaudit.ingest.cache import ExtractionCache, read_cached
from docaudit.ingest.discover import SourceFile, discover

VOCABULARY = [
    "employment",
    "reference",
    "letter",
    "confirms",
    "that",
    "the",
    "employee",
    "worked",
    "full",
    "time",
    "as",
    "software",
    "engineer",
    "duties",
    "included",
    "designing",
    "systems",
    "reviewing",
    "code",
    "mentoring",
    "developers",
    "salary",
    "annual",
    "hours",
    "weekly",
    "company",
    "limited",
    "toronto",
    "ontario",
    "canada",
    "karachi",
    "pakistan",
    "manager",
    "signature",
    "dated",
]

SINGLE_THREAD = {**os.environ, "OMP_THREAD_LIMIT": "1"}
"""Bare Tesseract runs as docaudit runs it: without its OpenMP threads, which slow it down."""


def draw(path: Path, pages: int, seed: int) -> list[str]:
    """A letter-size document of invented prose; returns the words drawn."""
    rng = random.Random(seed)
    words: list[str] = []
    c = canvas.Canvas(str(path), pagesize=letter)
    for _ in range(pages):
        c.setFont("Helvetica", 11)
        for row in range(30):
            line = [rng.choice(VOCABULARY) for _ in range(9)]
            words += line
            c.drawString(72, 720 - row * 20, " ".join(line).capitalize())
        c.showPage()
    c.save()
    return words


def best_of(runs: int, call: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def source(path: Path) -> SourceFile:
    (found,) = [s for s in discover(path.parent) if s.path == path]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=5, help="text pages to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text_dir, scan_dir = work / "text", work / "scans"
        text_dir.mkdir()
        scan_dir.mkdir()
        text_pdf = text_dir / "letter.pdf"
        draw(text_pdf, args.pages, seed=1)

        def plumber() -> None:
            with pdfplumber.open(text_pdf) as pdf:
                for page in pdf.pages:
                    page.extract_words()

        ours = best_of(5, lambda: read_document(source(text_pdf), ocr=False)) / args.pages
        bare = best_of(5, plumber) / args.pages
        print(f"text page: docaudit {ours * 1000:.1f} ms, pdfplumber extract_words "
              f"{bare * 1000:.1f} ms, ratio {ours / bare:.2f}")  # fmt: skip

        drawn_pdf = work / "drawn.pdf"
        drawn = set(draw(drawn_pdf, 1, seed=2))
        rendered = pdfium.PdfDocument(drawn_pdf)
        for dpi in (200, 300):
            image = scan_dir / f"scan-{dpi}.png"
            rendered[0].render(scale=dpi / 72, grayscale=True).to_pil().save(image, dpi=(dpi, dpi))
            doc = read_document(source(image))
            ours = best_of(1, lambda image=image: read_document(source(image)))
            bare = best_of(1, lambda image=image: subprocess.run(
                ["tesseract", str(image), "-", "--psm", "3"],
                capture_output=True,
                check=True,
                env=SINGLE_THREAD,
            ))  # fmt: skip
            found = {
                w.text.strip(".,").lower() for p in doc.pages for ln in p.lines for w in ln.words
            }
            recall = len(drawn & found) / len(drawn)
            print(f"scan {dpi} dpi: docaudit {ours:.2f} s, tesseract CLI {bare:.2f} s, "
                  f"ratio {ours / bare:.2f}; word recall {recall:.3f}, "
                  f"mean confidence {doc.mean_confidence}")  # fmt: skip
        rendered.close()

        scan = source(scan_dir / "scan-300.png")
        with ExtractionCache(work / "cache") as cache:
            cold = best_of(1, lambda: read_cached(scan, cache))
            warm = statistics.median(
                best_of(1, lambda: read_cached(scan, cache)) for _ in range(20)
            )
        print(f"cached read: cold {cold:.2f} s, warm {warm * 1000:.2f} ms, "
              f"speed-up {cold / warm:.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
