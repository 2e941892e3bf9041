"""Read content YAML (1.2) with a line number for every field, refusing what an editor cannot mean.

ruamel.yaml scans, parses and composes the node tree with YAML 1.2 rules (`no` is text, `030` is
30, `1:30` is text); this module turns nodes into plain Python values itself, so that it records
where each value stood. Anchors, aliases, tags and directives are refused while composing, before
anything is built: aliases are never followed, so `&a [*a]` and alias bombs cost nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import Scanner, ScannerError

from stretchsite.content.problems import Problem

FieldPath = tuple[str | int, ...]
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32  # levels of nesting; content needs about 4
_TAG = "tag:yaml.org,2002:"
_ANCHORS = "anchors and aliases (&name, *name) are not allowed; write the value out"
_TAGS = "tags (!...) are not allowed; remove the tag"
_DIGITS = re.compile(r"[-+]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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


class _TooDeep(MarkedYAMLError):
    def __init__(self, mark: Any) -> None:
        super().__init__(None, None, f"nested too deeply (more than {MAX_DEPTH} levels)", mark)


class _Scanner(Scanner):
    """Refuses directives, and `[`/`{` nested deeper than the composer would allow."""

    def fetch_directive(self) -> None:  # `%YAML 1.1` would bring back `no` as false
        problem = "directives (%YAML, %TAG) are not allowed; delete this line"
        raise ScannerError(None, None, problem, self.reader.get_mark())

    def fetch_flow_collection_start(self, *args: Any, **kwargs: Any) -> None:
        if self.flow_level >= MAX_DEPTH:  # else the scanner looks 1,024 `[` ahead, slowly
            raise _TooDeep(self.reader.get_mark())
        super().fetch_flow_collection_start(*args, **kwargs)


class _Composer(Composer):
    """Notes the rule each anchored, aliased or tagged node breaks; an alias becomes a stub."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False
        self.refused: dict[int, str] = {}  # id(node) -> rule; nodes live as long as the tree
        self.levels = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):  # never look the anchor up: nothing is shared
            self.parser.get_event()
            node = ScalarNode(_TAG + "str", "", event.start_mark, event.end_mark)
        elif self.levels == MAX_DEPTH:  # composing recurses: stay far from Python's limit
            raise _TooDeep(event.start_mark)
        else:
            self.levels += 1
            node = super().compose_node(parent, index)
            self.levels -= 1
        if event.anchor is not None:
            self.refused[id(node)] = _ANCHORS
        elif event.ctag is not None:
            self.refused[id(node)] = _TAGS
        return node


class _Reader:
    def __init__(self, path: str, refused: dict[int, str]) -> None:
        self.path = path
        self.refused = refused
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []

    def problem(self, node: Node, where: FieldPath, rule: str) -> None:
        self.problems.append(
            Problem(self.path, node.start_mark.line + 1, format_field(where), rule)
        )

    def value(self, node: Node, where: FieldPath) -> Any:
        self.lines[where] = node.start_mark.line + 1
        refused = self.refused.get(id(node))
        if refused is not None:
            self.problem(node, where, refused)
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, where)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*where, i)) for i, item in enumerate(node.value)]
        return self.scalar(node, where)

    def mapping(self, node: MappingNode, where: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            rule = self.refused.get(id(key_node))
            if rule is None and (
                not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge"
            ):
                rule = "field names must be plain words"
            if rule is not None:
                self.problem(key_node, where, rule)
                continue
            key = str(key_node.value)
            if key in result:
                self.problem(key_node, (*where, key), "is given twice; keep one")
                continue
            result[key] = self.value(value_node, (*where, key))
            self.lines[(*where, key)] = key_node.start_mark.line + 1
        return result

    def scalar(self, node: ScalarNode, where: FieldPath) -> Any:
        text, kind = str(node.value), str(node.tag).removeprefix(_TAG)
        if kind == "null":
            return None
        if kind == "bool":  # YAML 1.2: only true and false, in any case
            return text.lower() == "true"
        if kind in ("int", "float"):
            return self.number(node, where, text, whole=kind == "int")
        if kind != "timestamp":
            return text  # str, and `<<` or `=` standing as values
        if not _DATE.fullmatch(text):
            rule = "must be a date like 2026-11-24, without a time"
        else:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:  # 2026-02-30
                rule = f'"{text}" is not a real date; write a date like 2026-11-24'
        self.problem(node, where, rule)
        return text

    def number(self, node: ScalarNode, where: FieldPath, text: str, whole: bool) -> Any:
        if "_" in text or (whole and not _DIGITS.fullmatch(text)):  # 0o17, 0x1F, 0b1, 1_000
            self.problem(node, where, f'"{_short(text)}" is not a plain number; write digits only')
            return text
        if not whole:  # 1e999 is inf: the model says whether a number fits
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        try:
            return int(text)  # always decimal: 030 is 30
        except ValueError:  # more digits than Python reads (sys.get_int_max_str_digits)
            self.problem(node, where, f"a number of {len(text)} digits is too long")
            return text


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def format_field(where: FieldPath) -> str:
    """`('steps', 2)` -> `steps[3]` (editors count from 1); `('a', 'b')` -> `a.b`."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _syntax_error(error: YAMLError, text: str) -> tuple[int, str]:
    """The line and the reason of an error in ruamel.yaml's reader, scanner, parser or composer."""
    if isinstance(error, ReaderError):
        line = text.count("\n", 0, error.position) + 1
        return line, f"unacceptable character #x{error.character:04x}: {error.reason}"
    if not isinstance(error, MarkedYAMLError):
        return 1, str(error)
    start, end = error.context_mark, error.problem_mark
    line = (start or end).line + 1 if (start or end) else 1
    reason = ", ".join(str(x) for x in (error.context, error.problem) if x)
    if start and end and end.line != start.line:
        reason += f" (at line {end.line + 1})"
    return line, reason


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document (None when unreadable) and the problems found."""
    yaml = YAML(typ="safe", pure=True)  # one per call: ruamel keeps state on the instance
    yaml.Scanner, yaml.Composer = _Scanner, _Composer
    try:
        node = yaml.compose(text)
    except YAMLError as error:
        line, reason = _syntax_error(error, text)
        return None, [Problem(path, line, "", f"YAML syntax error: {reason}")]
    if node is None:
        return None, [Problem(path, 1, "", "file is empty")]
    reader = _Reader(path, yaml.composer.refused)
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
