"""One test per bug the fuzzers and the hostile corpus found, on the smallest input showing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from docaudit.core.errors import ExtractionError, InputFileError
from docaudit.core.profile_loader import load_profile
from docaudit.extract.text.limits import Limits
from docaudit.extract.text.pdf import read_pdf
from hostile.corpus import PROFILE, cyclic_refs_pdf, info_loop_pdf, raw_pdf


def _problems(tmp_path: Path, name: str, content: bytes) -> list[str]:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError) as info:
        load_profile(path)
    return [p.message for p in info.value.problems]


@pytest.mark.parametrize("content", [b"\x00\x00", b"\x08", PROFILE.encode() + b"x: \x07\n"])
def test_control_characters_in_yaml(tmp_path: Path, content: bytes) -> None:
    """atheris: PyYAML's reader raised ReaderError while the loader was built, outside the try."""
    assert _problems(tmp_path, "profile.yaml", content)[0].startswith("invalid YAML:")


def test_alias_chain_under_the_alias_cap(tmp_path: Path) -> None:
    """Hostile corpus: 81 aliases, 9**9 values; walking them hung the loader."""
    lines = ["a0: &a0 [x]"] + [
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)
    ]
    content = (PROFILE + "\n".join(lines) + "\n").encode()
    assert "expands to more than" in _problems(tmp_path, "profile.yaml", content)[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("profile.yaml", b"x: " + b"[" * 5000 + b"]" * 5000),
        ("profile.yaml", b"x: " + b"[" * 100 + b"]" * 100),
        ("profile.json", b"[" * 100_000 + b"]" * 100_000),
    ],
)
def test_deep_nesting(tmp_path: Path, name: str, content: bytes) -> None:
    """Hostile corpus: RecursionError escaped from PyYAML and json as a traceback."""
    assert "nested too deeply" in _problems(tmp_path, name, content)[0]


@pytest.mark.parametrize("make", [cyclic_refs_pdf, info_loop_pdf])
def test_reference_loop_pdf_is_damaged_not_a_hang(tmp_path: Path, make: object) -> None:
    """Hostile corpus: pdfminer's resolve1 followed 6 -> 7 -> 6 for ever."""
    path = tmp_path / "loop.pdf"
    path.write_bytes(make())  # type: ignore[operator]
    with pytest.raises(ExtractionError, match="loop of references"):
        read_pdf(path, ocr=False, limits=Limits.defaults())


def test_unparsable_page_tree_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    """Hostile corpus: pdfplumber's close() re-parsed the broken pages and raised from finally."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /X << /A >> >>"
    path = tmp_path / "bad_page.pdf"
    path.write_bytes(raw_pdf([catalog, pages, page]))
    with pytest.raises(ExtractionError, match="damaged"):
        read_pdf(path, ocr=False, limits=Limits.defaults())


def test_fractional_limit_is_kept(tmp_path: Path) -> None:
    """Hostile corpus: --max-file-mb 0.5 became 0 because the YAML default 100 is an int."""
    assert isinstance(Limits.defaults().max_file_mb, float)
    assert isinstance(Limits.defaults().max_pages, int)
