"""Editors' worst YAML, through the whole build: every problem listed, never a traceback.

Hypothesis mutates a real stretch and the safety file with the fragments that used to crash or
hang a build (aliases, tags, deep nesting, huge numbers, placeholders, script links), then runs
the build's content step (read, check, render every page) exactly as `on_config` does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from stretchsite.build import build_content
from stretchsite.config import SiteSettings, read_settings

TODAY = dt.date(2026, 11, 24)
FRAGMENTS = [
    "&a ",
    "*a",
    "&l [*l]",
    "<<: *a\n",
    "!!python/name:os.system ",
    "!ENV ",
    "!custom ",
    "[" * 300,
    "{" * 300,
    "9" * 400,
    "1e999",
    "-1",
    "030",
    "0o17",
    "1:30",
    "no",
    "~",
    "{emergency_numbr}",
    "{emergency_number}",
    "](javascript:alert(1))",
    "<script>",
    "https://e.org/)[x](javascript:alert(1))",
    "\n- ",
    ": ",
    "\t",
    "'",
    '"',
    "#",
]
FILES = [
    "content/stretches/knee-to-chest.yml",
    "content/safety.yml",
    "content/routines/four-stretches-for-lower-back-pain.yml",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SiteSettings, dict[str, str]]:
    root = copy_project(tmp_path_factory.mktemp("fuzz"))
    site_settings, problems = read_settings(root)
    assert site_settings is not None, problems
    originals = {name: (root / name).read_text(encoding="utf-8") for name in FILES}
    return root, site_settings, originals


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(FILES),
    st.floats(0, 1),
    st.integers(0, 30),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3),
)
def test_a_mutated_file_gives_problems_or_pages_never_a_traceback(
    project: tuple[Path, SiteSettings, dict[str, str]],
    name: str,
    where: float,
    cut: int,
    fragments: list[str],
) -> None:
    root, site_settings, originals = project
    original = originals[name]
    start = int(where * len(original))
    mutated = original[:start] + "".join(fragments) + original[start + cut :]
    (root / name).write_text(mutated, encoding="utf-8")
    try:
        content = build_content(site_settings, TODAY)
    finally:
        (root / name).write_text(original, encoding="utf-8")
    assert bool(content.errors) != bool(content.pages), "either pages or the reasons for none"
    for problem in content.problems:
        assert problem.line >= 1 and problem.rule
    for page in content.pages.values():
        assert "javascript:" not in page.markdown.lower()
        assert "{emergency_numbr}" not in page.markdown


def test_the_unmutated_project_builds(project: tuple[Path, SiteSettings, dict[str, str]]) -> None:
    _, site_settings, _ = project
    content = build_content(site_settings, TODAY)
    assert content.errors == [] and len(content.pages) == 9  # 4 stretches, 1 routine, 2 lists, 2
