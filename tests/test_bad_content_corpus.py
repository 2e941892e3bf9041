"""A corpus of bad content files, each with the exact message an editor gets, and fuzzing."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from stretchsite.content.library import inspect_library
from stretchsite.content.messages import validate
from stretchsite.content.model import Stretch
from stretchsite.content.yamlsource import parse_yaml

CORPUS = FIXTURES / "bad-content"
BAD = "content/stretches/bad.yml"
KNOWN = "(known: bad, hamstring-stretch, hip-stretch, knee-to-chest, piriformis-stretch)"
EXPECTED = {
    "syntax-error": [
        f"{BAD}:2: YAML syntax error: while scanning a quoted scalar, found "
        "unexpected end of stream (at line 59)"
    ],
    "wrong-types": [
        f"{BAD}:19: hold_seconds: must be a whole number, like 30",
        f"{BAD}:20: repetitions: must be a group of fields (name: value lines)",
    ],
    "missing-fields": [f"{BAD}:1: steps: is required"],
    "unknown-keys": [
        f"{BAD}:20: video: unknown field (allowed here: title, summary, body_area, "
        "target_muscles, why_it_helps, starting_position, steps, hold_seconds, "
        "repetitions, sides, position, times_per_day, feel, cautions, do, dont, "
        "remember, related, warning, pictures, illustration_alt, review, sources)"
    ],
    "duplicate-keys": [f"{BAD}:20: hold_seconds: is given twice; keep one"],
    "bad-references": [
        f'{BAD}:42: warning: no safety warning called "careful" (known: stop-if-it-hurts)',
        f'{BAD}:40: related[1]: no stretch called "nowhere" {KNOWN}',
    ],
    "script-in-text": [f"{BAD}:34: do[3]: raw HTML is not allowed; write plain text or Markdown"],
    "yaml-traps": [
        f'{BAD}:19: hold_seconds: "1:30" looks like minutes and seconds; '
        "write the number of seconds, like 90",
        f"{BAD}:23: sides: must be one of: one or both (found 'no')",
    ],
    "not-a-mapping": [f"{BAD}:1: must be a group of fields (name: value)"],
}


def errors_with(tmp_path: Path, raw: bytes) -> list[str]:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "library" / "content", root / "content")
    (root / BAD).write_bytes(raw)
    _, problems = inspect_library(root)
    return [str(p) for p in problems if p.severity == "error"]


def test_every_corpus_file_has_an_expected_message() -> None:
    assert {file.stem for file in CORPUS.glob("*.yml")} == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_file_gets_its_exact_message(tmp_path: Path, case: str) -> None:
    raw = (CORPUS / f"{case}.yml").read_bytes()
    assert errors_with(tmp_path, raw) == EXPECTED[case]


def test_huge_file(tmp_path: Path) -> None:
    raw = b"title: Huge\nsummary: " + b"x" * 300_000 + b"\n"
    assert errors_with(tmp_path, raw) == [
        f"{BAD}:1: file is 292 KiB; content files must be under 256 KiB"
    ]


def test_non_utf8_bytes(tmp_path: Path) -> None:
    raw = (CORPUS / "missing-fields.yml").read_bytes().replace(b"Bad example", b"Caf\xe9 stretch")
    assert errors_with(tmp_path, raw) == [f"{BAD}:1: file is not UTF-8 text; save it as UTF-8"]


VALID = (FIXTURES / "library" / "content" / "stretches" / "knee-to-chest.yml").read_text()
YAML_CHARS = string.ascii_letters + string.digits + " :-#'\"[]{}|>&*!%@`,?\n\t"


def never_raises(text: str) -> None:
    document, problems = parse_yaml(text, "fuzz.yml")
    if document is not None and isinstance(document.data, dict):
        model, found = validate(Stretch, document)
        problems += found
        assert (model is None) == bool(found)
    for problem in problems:
        assert problem.rule and problem.line >= 1 and str(problem).startswith("fuzz.yml:")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=300))
def test_random_yaml_gives_problems_never_a_traceback(text: str) -> None:
    never_raises(text)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(VALID) - 1),
    st.integers(0, 40),
    st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=8),
)
def test_mutated_stretch_gives_problems_never_a_traceback(
    start: int, length: int, insert: str
) -> None:
    never_raises(VALID[:start] + insert + VALID[start + length :])
