"""Read YAML with a line number for every field, refusing YAML 1.1 traps and duplicate keys.

PyYAML (with libyaml when present) composes the node tree; this module turns nodes into plain
Python values itself so that it can record where each value stood and reject what an editor
cannot have meant: `no` read as false, `1:30` read as 90, a key given twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stretchsite.content.problems import Problem

try:  # libyaml is much faster; PyYAML's pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]
MAX_FILE_BYTES = 256 * 1024
_TRUE_FALSE = {"true", "false"}
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"


@dataclass
class Document:
    """A loaded YAML file: its data and the line (1-based) of every field path."""

    path: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, where: FieldPath) -> int:
        """The line of the field, or of its nearest parent that has one."""
        for end in range(len(where), -1, -1):
            found = self.lines.get(tuple(where[:end]))
            if found is not None:
                return found
        return 1


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, where: FieldPath, rule: str) -> None:
        self.problems.append(
            Problem(self.path, node.start_mark.line + 1, format_field(where), rule)
        )

    def value(self, node: yaml.Node, where: FieldPath) -> Any:
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*where, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, where)

    def mapping(self, node: yaml.MappingNode, where: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                self.problem(key_node, where, "field names must be plain words")
                continue
            key = str(key_node.value)
            if key in result:
                self.problem(key_node, (*where, key), "is given twice; keep one")
                continue
            result[key] = self.value(value_node, (*where, key))
            self.lines[(*where, key)] = key_node.start_mark.line + 1
        return result

    def scalar(self, node: yaml.ScalarNode, where: FieldPath) -> Any:
        text = str(node.value)
        if node.tag == _STR:
            return text  # most values: plain text needs no constructor
        if node.tag == _TAG + "bool" and text.lower() not in _TRUE_FALSE:
            self.problem(
                node,
                where,
                f'"{text}" is read by YAML as {str(text.lower() in ("yes", "on", "y")).lower()};'
                f' write true or false, or put a word in quotes: "{text}"',
            )
            return text
        if node.tag in (_TAG + "int", _TAG + "float") and ":" in text:
            self.problem(
                node,
                where,
                f'"{text}" is read as a number of minutes and seconds; '
                "write the number of seconds, like 90",
            )
            return text
        if node.tag in (_TAG + "int", _TAG + "float") and text.lower().startswith(("0o", "0x")):
            self.problem(node, where, f'"{text}" is not a plain number; write digits only')
            return text
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            self.problem(node, where, f'"{text}" cannot be read: {error}')
            return text
        if isinstance(value, dt.datetime):
            self.problem(node, where, "must be a date like 2026-11-24, without a time")
            return text
        return value


def format_field(where: FieldPath) -> str:
    """`('steps', 2)` -> `steps[3]` (editors count from 1); `('a', 'b')` -> `a.b`."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document (None when unreadable) and the problems found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        start, end = error.context_mark, error.problem_mark
        line = (start or end).line + 1 if (start or end) else 1
        reason = ", ".join(str(x) for x in (error.context, error.problem) if x)
        if start and end and end.line != start.line:
            reason += f" (at line {end.line + 1})"
        return None, [Problem(path, line, "", f"YAML syntax error: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, "", f"YAML syntax error: {error}")]
    if node is None:
        return None, [Problem(path, 1, "", "file is empty")]
    reader = _Reader(path)
    data = reader.value(node, ())
    return Document(path, data, reader.lines), reader.problems


def read_yaml(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Read a content file from disk; size and encoding problems become Problems."""
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        rule = f"file is {len(raw) // 1024} KiB; content files must be under 256 KiB"
        return None, [Problem(shown_as, 1, "", rule)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", "file is not UTF-8 text; save it as UTF-8")]
    return parse_yaml(text, shown_as)
