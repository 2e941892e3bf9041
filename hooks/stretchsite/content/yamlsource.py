"""Read content YAML (1.2) with a line number for every field, refusing what an editor cannot mean.

ruamel.yaml scans and parses (with its C parser, ruamel.yaml.clib, when it is installed: some 20
times faster than its pure-Python one); this module builds plain Python values from the parser's
events itself, so that it records where each value stood and resolves plain scalars by YAML 1.2's
core schema: `no` is text, `030` is 30, `1:30` is text. Anchors, aliases, tags and directives are
refused from the events, before anything is built: an alias is never followed, so `&a [*a]` and
alias bombs cost nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)

from stretchsite.content.problems import Problem

FieldPath = tuple[str | int, ...]
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32  # levels of nesting; content needs about 4
_ANCHORS = "anchors and aliases (&name, *name) are not allowed; write the value out"
_TAGS = "tags (!...) are not allowed; remove the tag"
# YAML 1.2 core schema, for plain (unquoted) scalars; anything else is text.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# Numbers written another way (0o17, 0x1F, 0b101, 1_000): refused rather than guessed at.
_OTHER_NUMBER = re.compile(r"[-+]?(?:0[oxbOXB][0-9a-fA-F_]+|[0-9][0-9_]*_[0-9_.]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIRECTIVE = re.compile(r"^%", re.M)  # no value starts a line with %: only a directive does
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9].*")


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


class _TooDeep(Exception):
    def __init__(self, event: Event) -> None:
        super().__init__(f"nested too deeply (more than {MAX_DEPTH} levels)")
        self.line = event.start_mark.line + 1


def _refusal(event: Event) -> str | None:
    """The rule an event breaks by itself: an alias, an anchor or a tag."""
    if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
        return _ANCHORS
    return _TAGS if getattr(event, "tag", None) is not None else None


class _Builder:
    """Plain values from a parser's events, with the line of every field and every problem."""

    def __init__(self, path: str, events: Iterator[Event]) -> None:
        self.path = path
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self._events = events
        self._waiting: Event | None = None
        self._depth = 0

    def take(self) -> Event:
        event, self._waiting = self.peek(), None
        return event

    def peek(self) -> Event:
        if self._waiting is None:
            self._waiting = next(self._events)
        return self._waiting

    def problem(self, event: Event, where: FieldPath, rule: str) -> None:
        line = event.start_mark.line + 1
        self.problems.append(Problem(self.path, line, format_field(where), rule))

    def value(self, where: FieldPath) -> Any:
        """The next node's value, its events consumed; None where it broke a rule."""
        event = self.take()
        self.lines[where] = event.start_mark.line + 1
        refused = _refusal(event)
        if refused is not None:
            self.problem(event, where, refused)
            self.skip(event)
            return None
        if isinstance(event, ScalarEvent):
            return self.scalar(event, where)
        self._enter(event)
        found = (
            self.mapping(where) if isinstance(event, MappingStartEvent) else self.sequence(where)
        )
        self.take()  # the collection's end
        self._depth -= 1
        return found

    def _enter(self, event: Event) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:  # building recurses: stay far from Python's limit
            raise _TooDeep(event)

    def skip(self, event: Event) -> None:
        """Consume the rest of a node that is not read: a collection's events to its end."""
        if not isinstance(event, CollectionStartEvent):
            return
        self._enter(event)
        while not isinstance(self.peek(), CollectionEndEvent):
            self.skip(self.take())
        self.take()
        self._depth -= 1

    def sequence(self, where: FieldPath) -> list[Any]:
        items: list[Any] = []
        while not isinstance(self.peek(), CollectionEndEvent):
            items.append(self.value((*where, len(items))))
        return items

    def mapping(self, where: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(self.peek(), CollectionEndEvent):
            key = self.take()
            rule = _refusal(key)
            plain_word = isinstance(key, ScalarEvent) and (key.style or key.value != "<<")
            if rule is None and not plain_word:
                rule = "field names must be plain words"
            if rule is not None:
                self.problem(key, where, rule)
                self.skip(key)
                self.skip(self.take())  # its value
                continue
            name = str(key.value)
            if name in result:
                self.problem(key, (*where, name), "is given twice; keep one")
                self.skip(self.take())
                continue
            result[name] = self.value((*where, name))
            self.lines[(*where, name)] = key.start_mark.line + 1
        return result

    def scalar(self, event: ScalarEvent, where: FieldPath) -> Any:
        """A plain scalar by YAML 1.2's core schema; a quoted or block scalar is text."""
        text = str(event.value)
        if event.style:
            return text
        if _NULL.fullmatch(text):
            return None
        if _BOOL.fullmatch(text):
            return text.lower() == "true"
        if _OTHER_NUMBER.fullmatch(text):
            self.problem(event, where, f'"{_short(text)}" is not a plain number; write digits only')
            return text
        if _INT.fullmatch(text):
            try:
                return int(text)  # always decimal: 030 is 30
            except ValueError:  # more digits than Python reads (sys.get_int_max_str_digits)
                self.problem(event, where, f"a number of {len(text)} digits is too long")
                return text
        if _FLOAT.fullmatch(text):  # 1e999 is inf: the model says whether a number fits
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:  # 2026-02-30
                rule = f'"{text}" is not a real date; write a date like 2026-11-24'
                self.problem(event, where, rule)
                return text
        if _DATE_TIME.fullmatch(text):
            self.problem(event, where, "must be a date like 2026-11-24, without a time")
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


def _syntax_error(error: Exception, text: str) -> tuple[int, str]:
    """The line and the reason of an error in ruamel.yaml's reader, scanner or parser."""
    position = getattr(error, "position", None)
    if isinstance(position, int) and not isinstance(error, MarkedYAMLError):  # the reader
        line = text.count("\n", 0, position) + 1
        character = getattr(error, "character", None)
        shown = f"#x{character:04x}" if isinstance(character, int) else repr(character)
        return line, f"unacceptable character {shown}: {getattr(error, 'reason', error)}"
    if not isinstance(error, MarkedYAMLError):
        return 1, str(error)
    start, end = error.context_mark, error.problem_mark
    line = (start or end).line + 1 if (start or end) else 1
    reason = ", ".join(str(x) for x in (error.context, error.problem) if x)
    if start and end and end.line != start.line:
        reason += f" (at line {end.line + 1})"
    return line, reason


def _document(builder: _Builder) -> Any:
    """The one document's value, from the start of the stream to its end."""
    builder.take()  # the stream's start
    start = builder.take()
    if isinstance(start, StreamEndEvent):
        raise _Empty
    assert isinstance(start, DocumentStartEvent)
    if isinstance(builder.peek(), DocumentEndEvent):
        raise _Empty
    data = builder.value(())
    builder.take()  # the document's end
    following = builder.take()
    if not isinstance(following, StreamEndEvent):
        raise _SecondDocument(following.start_mark.line + 1)
    return data


class _Empty(Exception):
    pass


class _SecondDocument(Exception):
    def __init__(self, line: int) -> None:
        super().__init__("a file holds one document: remove the second --- and what follows")
        self.line = line


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; return the document (None when unreadable) and the problems found."""
    directive = _DIRECTIVE.search(text)
    if directive is not None:  # `%YAML 1.1` would bring back `no` as false
        line = text.count("\n", 0, directive.start()) + 1
        rule = "YAML syntax error: directives (%YAML, %TAG) are not allowed; delete this line"
        return None, [Problem(path, line, "", rule)]
    builder = _Builder(path, YAML(typ="safe").parse(text))
    try:
        data = _document(builder)
    except _Empty:
        return None, [Problem(path, 1, "", "file is empty")]
    except (_TooDeep, _SecondDocument) as error:
        return None, [Problem(path, error.line, "", f"YAML syntax error: {error}")]
    except Exception as error:  # the scanner and parser, pure or C, raise YAMLError and others
        line, reason = _syntax_error(error, text)
        return None, [Problem(path, line, "", f"YAML syntax error: {reason}")]
    return Document(path, data, builder.lines), builder.problems


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
