"""Reading the YAML and JSON files users write, with a line number for every key path.

PyYAML gives marks on nodes but not on the plain data, so we compose the node tree once, record
where each key path starts, and build the data from the same tree. Duplicate keys, alias bombs
and absurd nesting are rejected: the first silently drops a fact, the others can exhaust memory,
time or the stack. A few aliases can still stand for millions of values (each alias of an alias
multiplies), so the tree is also limited in the values it expands to, not only in its aliases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docaudit.core.errors import InputFileError, Problem

MAX_ALIASES = 100
MAX_BYTES = 5_000_000
MAX_VALUES = 100_000
"""Values once aliases are expanded; a full profile has a few hundred."""
MAX_DEPTH = 64
"""Levels of nesting; a profile needs five."""
TOO_DEEP = "nested too deeply"


@dataclass
class Located:
    """Data read from a file, and where each key path (``a.b[0].c``) starts in it."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    file: str = ""

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("")


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and counts aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.constructor.ConstructorError(
                    None, None, f"more than {MAX_ALIASES} aliases (*refs)", event.start_mark
                )
        return super().compose_node(parent, index)


@dataclass
class _Budget:
    """What walking the node tree may still cost; aliased nodes are counted every time."""

    file: str
    values: int = 0

    def spend(self, node: yaml.Node, depth: int) -> None:
        self.values += 1
        line = node.start_mark.line + 1
        if self.values > MAX_VALUES:
            message = f"expands to more than {MAX_VALUES} values (aliases)"
            raise InputFileError([Problem(self.file, message, "", line)])
        if depth > MAX_DEPTH:
            raise InputFileError(
                [Problem(self.file, f"{TOO_DEEP} (more than {MAX_DEPTH} levels)", "", line)]
            )


def _index(
    node: yaml.Node,
    path: str,
    lines: dict[str, int],
    budget: _Budget,
    depth: int = 0,
) -> None:
    budget.spend(node, depth)
    file = budget.file
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise InputFileError(
                    [
                        Problem(
                            file,
                            f"duplicate key {key!r} (first on line {seen[key]})",
                            f"{path}.{key}" if path else key,
                            key_node.start_mark.line + 1,
                        )
                    ]
                )
            seen[key] = key_node.start_mark.line + 1
            child = f"{path}.{key}" if path else key
            lines[child] = key_node.start_mark.line + 1
            _index(value_node, child, lines, budget, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, f"{path}[{i}]", lines, budget, depth + 1)


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputFileError([Problem(name, f"file is larger than {MAX_BYTES} bytes")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            [Problem(name, f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from None


def load_located(path: Path, display: str | None = None) -> Located:
    """Read a YAML or JSON file, or raise InputFileError naming the file and the line."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError([Problem(name, f"cannot read: {exc.strerror}")]) from None
    text = _decode(raw, name)
    if path.suffix.lower() == ".json":
        try:
            return Located(json.loads(text), {}, name)
        except json.JSONDecodeError as exc:
            raise InputFileError(
                [Problem(name, f"invalid JSON: {exc.msg}", "", exc.lineno)]
            ) from None
        except RecursionError:
            raise InputFileError([Problem(name, f"invalid JSON: {TOO_DEEP}")]) from None
    try:
        # The reader checks the characters as it is built: a control character raises here.
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        raise InputFileError([Problem(name, f"invalid YAML: {exc}")]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, {}, name)
        lines: dict[str, int] = {}
        _index(node, "", lines, _Budget(name))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputFileError(
            [Problem(name, f"invalid YAML: {exc.problem or exc}", "", line)]
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError([Problem(name, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        # PyYAML's scanner and composer recurse per level, before the tree can be measured.
        raise InputFileError([Problem(name, f"invalid YAML: {TOO_DEEP}")]) from None
    finally:
        loader.dispose()
    return Located(data, lines, name)
