"""How YAML is read: line numbers, YAML 1.1 traps, duplicate keys, unreadable files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from stretchsite.yamlsource import format_field, parse_yaml, read_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hold_seconds: 1:30\n",
            'x.yml:1: hold_seconds: "1:30" is read as a number of minutes '
            "and seconds; write the number of seconds, like 90",
        ),
        (
            "a: 1\nsides: no\n",
            'x.yml:2: sides: "no" is read by YAML as false; write true or '
            'false, or put a word in quotes: "no"',
        ),
        (
            "ok: yes\n",
            'x.yml:1: ok: "yes" is read by YAML as true; write true or false, or put '
            'a word in quotes: "yes"',
        ),
        ("title: a\ntitle: b\n", "x.yml:2: title: is given twice; keep one"),
        ("n: 0x1e\n", 'x.yml:1: n: "0x1e" is not a plain number; write digits only'),
        (
            "when: 2026-11-24 10:00:00\n",
            "x.yml:1: when: must be a date like 2026-11-24, without a time",
        ),
        (
            "steps:\n  - one\n  - [two\n",
            "x.yml:3: YAML syntax error: while parsing a flow "
            "sequence, did not find expected ',' or ']' (at line 4)",
        ),
        (
            "title: a\n  b: c\n",
            "x.yml:2: YAML syntax error: mapping values are not allowed in this context",
        ),
        ("", "x.yml:1: file is empty"),
    ],
)
def test_problems_name_file_line_and_rule(text: str, expected: str) -> None:
    _, problems = parse_yaml(text, "x.yml")
    assert [str(p) for p in problems] == [expected]


def test_plain_values_load_with_their_lines() -> None:
    text = "title: Knee\nsteps:\n  - one\n  - two\nreview:\n  last_reviewed: 2026-11-24\n"
    document, problems = parse_yaml(text, "x.yml")
    assert problems == []
    assert document is not None
    assert document.data == {
        "title": "Knee",
        "steps": ["one", "two"],
        "review": {"last_reviewed": dt.date(2026, 11, 24)},
    }
    assert document.line_of(("steps", 1)) == 4
    assert document.line_of(("review", "last_reviewed")) == 6
    assert document.line_of(("review", "missing")) == 5


def test_quoted_words_and_true_false_are_fine() -> None:
    document, problems = parse_yaml('sides: "no"\nflag: true\nhold: 90\n', "x.yml")
    assert problems == []
    assert document is not None and document.data == {"sides": "no", "flag": True, "hold": 90}


def test_non_utf8_file_is_named_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "bad.yml"
    file.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    _, problems = read_yaml(file, "content/stretches/bad.yml")
    assert [str(p) for p in problems] == [
        "content/stretches/bad.yml:2: file is not UTF-8 text; save it as UTF-8"
    ]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "huge.yml"
    file.write_text("summary: " + "a" * 300_000 + "\n")
    _, problems = read_yaml(file, "content/stretches/huge.yml")
    assert [str(p) for p in problems] == [
        "content/stretches/huge.yml:1: file is 292 KiB; content files must be under 256 KiB"
    ]


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        (("steps", 0), "steps[1]"),
        (("review", "reviewer", "name"), "review.reviewer.name"),
        (("stretches", 2, "stretch"), "stretches[3].stretch"),
        ((), ""),
    ],
)
def test_field_names_count_list_items_from_one(where: tuple[str | int, ...], shown: str) -> None:
    assert format_field(where) == shown
