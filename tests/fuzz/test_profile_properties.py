"""The profile loader on anything: a user's file is either a Profile or InputFileError, never more.

Arbitrary text, YAML-shaped text, and arbitrary nested data written as YAML and as JSON. The
parsers' own property tests live in tests/parse (dates, money, hours, names, MRZ, robustness).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docaudit.core.errors import InputFileError
from docaudit.core.profile import Profile
from docaudit.core.profile_loader import load_profile

REPO = Path(__file__).resolve().parents[2]
KEYS = [
    "schema", "client_id", "programs", "applicant", "family_name", "given_names",
    "date_of_birth", "citizenship", "marital_status", "work_history", "start", "end", "noc",
    "hours_per_week", "salary", "amount", "currency", "per", "passport", "number", "children",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.dates().map(str), st.sampled_from(["FSW", "CEC", "NGA", "single", "1991-02-03", "~"]),
)  # fmt: skip
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)
YAMLISH = st.lists(
    st.sampled_from(
        ["\n", "  ", "- ", ": ", "&a ", "*a ", "!!python/object ", "!!binary ", "{", "}", "[", "]",
         "'", '"', "#", "---\n", "...\n", "? ", "|\n", ">\n", "%YAML 1.1\n", "\t", "\\", "\ufeff",
         "schema: docaudit/profile/v1\n", "applicant:\n", "  family_name: X\n", "<<: *a\n"]
    ) | st.text(max_size=10),
    max_size=40,
).map("".join)  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(tmp: Path, name: str, content: bytes) -> None:
    path = tmp / name
    path.write_bytes(content)
    try:
        assert isinstance(load_profile(path), Profile)
    except InputFileError as exc:
        assert exc.problems
        assert all(p.file == str(path) for p in exc.problems)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("profiles")


@SETTINGS
@given(text=st.text(max_size=300) | YAMLISH)
def test_any_text_as_yaml_or_json(folder: Path, text: str) -> None:
    _load(folder, "profile.yaml", text.encode("utf-8", "surrogatepass"))
    _load(folder, "profile.json", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_any_bytes(folder: Path, raw: bytes) -> None:
    _load(folder, "profile.yaml", raw)


@SETTINGS
@given(data=DATA)
def test_any_nested_data(folder: Path, data: object) -> None:
    _load(folder, "profile.yaml", yaml.safe_dump(data, allow_unicode=True).encode())
    _load(folder, "profile.json", json.dumps(data).encode())


@SETTINGS
@given(data=DATA, where=st.sampled_from(["applicant", "work_history", "passport", "extra"]))
def test_nested_data_inside_a_valid_profile(folder: Path, data: object, where: str) -> None:
    base: dict[str, object] = {
        "schema": "docaudit/profile/v1",
        "client_id": "FUZZ-1",
        "programs": ["FSW"],
        "applicant": {
            "family_name": "TESTER", "given_names": "Ada", "date_of_birth": "1990-01-01",
            "citizenship": "NZL", "marital_status": "single",
        },
    }  # fmt: skip
    if where == "passport":
        base["applicant"] = {**base["applicant"], "passport": data}  # type: ignore[dict-item]
    else:
        base[where] = data
    _load(folder, "profile.yaml", yaml.safe_dump(base, allow_unicode=True).encode())


def test_parser_property_tests_exist() -> None:
    """The date/money/name/MRZ parsers' own hypothesis tests are the other half of issue 8."""
    for name in ("dates", "money", "names", "mrz", "robustness"):
        source = (REPO / "tests" / "parse" / f"test_parse_{name}.py").read_text()
        assert "@given" in source, name
