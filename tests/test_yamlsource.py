"""How YAML is read: YAML 1.2, line numbers, refused traps, duplicate keys, unreadable files."""

from __future__ import annotations

import datetime as dt
import math
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from stretchsite.content.messages import validate
from stretchsite.content.model import Stretch
from stretchsite.content.yamlsource import format_field, parse_yaml, read_yaml

ANCHORS = "anchors and aliases (&name, *name) are not allowed; write the value out"
TAGS = "tags (!...) are not allowed; remove the tag"
DIRECTIVES = "YAML syntax error: directives (%YAML, %TAG) are not allowed; delete this line"
STRETCH = (FIXTURES / "library" / "content" / "stretches" / "knee-to-chest.yml").read_text()
# Each line holds 9 of the line before: read naively, 9**9 (387 million) copies of "lol".
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def problems(text: str) -> list[str]:
    _, found = parse_yaml(text, "x.yml")
    return [str(p) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: a\ntitle: b\n", "x.yml:2: title: is given twice; keep one"),
        ("n: 0x1F\n", 'x.yml:1: n: "0x1F" is not a plain number; write digits only'),
        ("a: 1\nn: 0o17\n", 'x.yml:2: n: "0o17" is not a plain number; write digits only'),
        ("n: 0b101\n", 'x.yml:1: n: "0b101" is not a plain number; write digits only'),
        ("n: 1_000\n", 'x.yml:1: n: "1_000" is not a plain number; write digits only'),
        ("n: 1_0.5\n", 'x.yml:1: n: "1_0.5" is not a plain number; write digits only'),
        (
            "when: 2026-11-24 10:00:00\n",
            "x.yml:1: when: must be a date like 2026-11-24, without a time",
        ),
        (
            "review:\n  when: 2026-11-24T10:00:00Z\n",
            "x.yml:2: review.when: must be a date like 2026-11-24, without a time",
        ),
        (
            "when: 2026-02-30\n",
            'x.yml:1: when: "2026-02-30" is not a real date; write a date like 2026-11-24',
        ),
        ("<<: {a: 1}\n", "x.yml:1: field names must be plain words"),
        ("steps:\n  - ? [a, b]\n    : c\n", "x.yml:2: steps[1]: field names must be plain words"),
        ("a: &x 1\n", f"x.yml:1: a: {ANCHORS}"),
        ("a: 1\nb:\n  - *x\n", f"x.yml:3: b[1]: {ANCHORS}"),
        ("loop: &l [*l]\n", f"x.yml:1: loop: {ANCHORS}"),
        ("&k title: a\n", f"x.yml:1: {ANCHORS}"),
        ("a: !ENV x\n", f"x.yml:1: a: {TAGS}"),
        ("a: !!python/name:os.system\n", f"x.yml:1: a: {TAGS}"),
        ('a:\n  - !!python/object/apply:os.system ["echo hi"]\n', f"x.yml:2: a[1]: {TAGS}"),
        ("hold_seconds: !!str 30\n", f"x.yml:1: hold_seconds: {TAGS}"),
        ("a: ! x\n", f"x.yml:1: a: {TAGS}"),
        ("review: !custom\n  when: 2026-11-24\n", f"x.yml:1: review: {TAGS}"),
        (
            "%YAML 1.1\n---\nsides: no\n",
            f"x.yml:1: {DIRECTIVES}",
        ),
        (
            "%TAG !e! tag:example.com,2000:\n---\na: !e!x b\n",
            f"x.yml:1: {DIRECTIVES}",
        ),
        (
            "%YAML 1.3\n---\na: 1\n",
            f"x.yml:1: {DIRECTIVES}",
        ),
        (
            "steps:\n  - one\n  - [two\n",
            "x.yml:3: YAML syntax error: while parsing a flow sequence, "
            "did not find expected ',' or ']' (at line 4)",
        ),
        (
            "title: a\n  b: c\n",
            "x.yml:2: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            "title: a\n---\ntitle: b\n",
            "x.yml:2: YAML syntax error: a file holds one document: remove the second --- and "
            "what follows",
        ),
        (
            "title: a\nsummary: b\x00\n",
            "x.yml:2: YAML syntax error: unacceptable character #x0000: "
            "control characters are not allowed",
        ),
        ("", "x.yml:1: file is empty"),
        ("# only a comment\n", "x.yml:1: file is empty"),
    ],
)
def test_problems_name_file_line_and_rule(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_plain_values_load_with_their_lines() -> None:
    text = "title: Knee\nsteps:\n  - one\n  - two\nreview:\n  last_reviewed: 2026-11-24\n"
    document, found = parse_yaml(text, "x.yml")
    assert found == []
    assert document is not None
    assert document.data == {
        "title": "Knee",
        "steps": ["one", "two"],
        "review": {"last_reviewed": dt.date(2026, 11, 24)},
    }
    assert document.line_of(("steps", 1)) == 4
    assert document.line_of(("review", "last_reviewed")) == 6
    assert document.line_of(("review", "missing")) == 5


def test_yaml_1_2_numbers_and_words() -> None:
    text = (
        "hold_seconds: 030\nsides: no\nb: yes\nc: on\nd: Off\ne: y\nf: 1:30\n"
        "g: true\nh: FALSE\ni: ~\nj: 1.5\nk: .inf\nl: -7\nm: '030'\n"
    )
    document, found = parse_yaml(text, "x.yml")
    assert found == []
    assert document is not None
    assert document.data == {
        "hold_seconds": 30,  # YAML 1.1 read this as octal: 24
        "sides": "no",  # YAML 1.1 read this as false
        "b": "yes",
        "c": "on",
        "d": "Off",
        "e": "y",
        "f": "1:30",  # YAML 1.1 read this as 90
        "g": True,
        "h": False,
        "i": None,
        "j": 1.5,
        "k": math.inf,
        "l": -7,
        "m": "030",
    }


def test_quoted_words_and_true_false_are_fine() -> None:
    document, found = parse_yaml('sides: "no"\nflag: true\nhold: 90\n', "x.yml")
    assert found == []
    assert document is not None and document.data == {"sides": "no", "flag": True, "hold": 90}


def stretch_problems(old: str, new: str) -> list[str]:
    """What an editor reads after changing one line of a valid stretch: the reader's problems,
    then the model's on other fields (as the library reports them)."""
    assert old in STRETCH
    document, found = parse_yaml(STRETCH.replace(old, new, 1), "s.yml")
    assert document is not None
    _, invalid = validate(Stretch, document)
    flagged = {p.field for p in found}
    return [str(p) for p in [*found, *(p for p in invalid if p.field not in flagged)]]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("hold_seconds: 030", []),
        (
            "hold_seconds: 1:30",
            [
                's.yml:19: hold_seconds: "1:30" looks like minutes and seconds; '
                "write the number of seconds, like 90"
            ],
        ),
        ("hold_seconds: 1e999", ["s.yml:19: hold_seconds: must be a whole number, like 30"]),
        ("hold_seconds: .nan", ["s.yml:19: hold_seconds: must be a whole number, like 30"]),
        (
            "hold_seconds: 99999999999999999999999",
            ["s.yml:19: hold_seconds: must be at most 300 (found 99999999999999999999999)"],
        ),
        (
            "hold_seconds: " + "9" * 5000,
            [
                "s.yml:19: hold_seconds: a number of 5000 digits is too long",
            ],
        ),
        (
            "hold_seconds: 0x1E",
            [
                's.yml:19: hold_seconds: "0x1E" is not a plain number; write digits only',
            ],
        ),
    ],
)
def test_hold_seconds_as_an_editor_sees_it(new: str, expected: list[str]) -> None:
    assert stretch_problems("hold_seconds: 30", new) == expected


def test_no_is_never_read_as_false() -> None:
    document, _ = parse_yaml(STRETCH.replace("sides: both", "sides: no"), "s.yml")
    assert document is not None and document.data["sides"] == "no"
    assert stretch_problems("sides: both", "sides: no") == [
        "s.yml:23: sides: must be one of: one or both (found 'no')"
    ]


def test_reused_anchor_names_are_refused_without_a_warning() -> None:
    assert problems("a: &x 1\nb: &x 2\nc: *x\n") == [
        f"x.yml:1: a: {ANCHORS}",
        f"x.yml:2: b: {ANCHORS}",
        f"x.yml:3: c: {ANCHORS}",
    ]


def test_refused_values_are_not_built() -> None:
    document, _ = parse_yaml("a: &x [1, 2]\nb: *x\nc: !!set {x}\nd: ok\n", "x.yml")
    assert document is not None
    assert document.data == {"a": None, "b": None, "c": None, "d": "ok"}
    assert document.line_of(("b",)) == 2


def test_alias_bomb_is_refused_fast() -> None:
    started = time.process_time()
    found = problems(ALIAS_BOMB)
    assert time.process_time() - started < 1
    assert found == [f"x.yml:{line}: {name}: {ANCHORS}" for line, name in enumerate("abcdefghi", 1)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 10_000, 1),
        ("- " * 10_000, 1),
        ("a: " + "[" * 100 + "]" * 100 + "\n", 1),
        ("a:\n  b: " + "{c: " * 31 + "d" + "}" * 31 + "\n", 2),
        ("".join(" " * depth + f"k{depth}:\n" for depth in range(200)), 33),
    ],
)
def test_deep_nesting_is_refused_fast(text: str, line: int) -> None:
    started = time.process_time()
    found = problems(text)
    assert time.process_time() - started < 0.1  # CPU time; ruamel alone takes 0.3 s on `[` * 1000
    assert found == [f"x.yml:{line}: YAML syntax error: nested too deeply (more than 32 levels)"]


def test_non_utf8_file_is_named_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "bad.yml"
    file.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    _, found = read_yaml(file, "content/stretches/bad.yml")
    assert [str(p) for p in found] == [
        "content/stretches/bad.yml:2: file is not UTF-8 text; save it as UTF-8"
    ]


def test_huge_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "huge.yml"
    file.write_text("summary: " + "a" * 300_000 + "\n")
    _, found = read_yaml(file, "content/stretches/huge.yml")
    assert [str(p) for p in found] == [
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


FRAGMENTS = [
    *("&a ", "*a", "&b ", "*b", "!!", "!!str ", "!x ", "! ", "%YAML 1.1\n", "%TAG ! x\n"),
    *("[", "]", "{", "}", ": ", "- ", "? ", ", ", "#", "'", '"', "|", ">", "<<", "~", "---"),
    *("0", "7", "030", "0o", "0x", "_", "e9", ".", "yes", "2026-11-24", " 10:00:00"),
    *("\n", " ", "  ", "\t", "key", "\\", "\x85", "\ufeff"),
]


def never_raises(text: str) -> None:
    document, found = parse_yaml(text, "fuzz.yml")
    assert document is not None or found
    for problem in found:
        assert problem.rule and problem.line >= 1 and str(problem).startswith("fuzz.yml:")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_problems_never_a_traceback(text: str) -> None:
    never_raises(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join))
def test_yamlish_text_gives_problems_never_a_traceback(text: str) -> None:
    never_raises(text)
