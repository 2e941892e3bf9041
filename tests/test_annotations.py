"""The content check's notes on a pull request's lines: one GitHub Actions workflow command per
problem (`stretchsite check --github`), escaped as GitHub reads them back."""

from __future__ import annotations

from pathlib import Path

from conftest import run_module
from stretchsite.content.problems import Problem, github_annotation


def test_an_error_is_an_error_on_its_file_and_line() -> None:
    problem = Problem("content/stretches/x.yml", 12, "hold_seconds", "must be at least 1")
    assert github_annotation(problem) == (
        "::error file=content/stretches/x.yml,line=12,title=hold_seconds::must be at least 1"
    )


def test_a_warning_is_a_warning() -> None:
    problem = Problem("content/tips.yml", 26, "review", "review is due soon", "warning")
    assert github_annotation(problem).startswith("::warning file=content/tips.yml,line=26,")


def test_the_message_escapes_percent_and_line_breaks() -> None:
    rule = "100% sure: a, b\r\nnext line\nand %0A as written"
    line = github_annotation(Problem("docs/about.md", 3, "", rule))
    message = line.split("::", 2)[2]
    assert message == "100%25 sure: a, b%0D%0Anext line%0Aand %250A as written"
    assert "\n" not in line and "\r" not in line


def test_properties_also_escape_colons_and_commas() -> None:
    problem = Problem("content/a,b:c.yml", 1, "steps[1]: one, two", "rule: x, y")
    assert github_annotation(problem) == (
        "::error file=content/a%2Cb%3Ac.yml,line=1,title=steps[1]%3A one%2C two::rule: x, y"
    )


def test_a_problem_without_a_field_gets_a_title() -> None:
    line = github_annotation(Problem("content/published-urls.txt", 1, "", "run `make urls`"))
    assert ",title=content check::" in line


def test_check_prints_a_note_after_each_problem_only_when_asked(fixture_project: Path) -> None:
    about = fixture_project / "docs" / "about.md"
    line = len(about.read_text().splitlines()) + 2
    about.write_text(about.read_text() + "\n<script>alert(1)</script>\n")
    args = ("check", str(fixture_project), "--today", "2029-11-01")
    plain = run_module("stretchsite", *args, cwd=fixture_project)
    noted = run_module("stretchsite", *args, "--github", cwd=fixture_project)
    assert plain.returncode == noted.returncode == 1
    assert not any(line.startswith("::") for line in plain.stdout.splitlines())
    lines = noted.stdout.splitlines()
    assert lines[0::2] == plain.stdout.splitlines()  # each problem, then its note; the summary
    notes = lines[1::2]
    assert len(notes) >= 2 and all(note.startswith(("::error ", "::warning ")) for note in notes)
    assert (
        f"::error file=docs/about.md,line={line},title=content check::"
        "scripts are not allowed in pages"
    ) in notes
    assert (
        "::warning file=content/tips.yml,line=26,title=review.next_review_due::"
        "review is due on 24 November 2029, in 23 days"
    ) in notes
