"""The editors' check command: same checks as the build, all problems, a summary, an exit code."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT, run_module


def check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module("stretchsite", "check", str(project), *args, cwd=project)


def test_real_content_passes() -> None:
    result = check(ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("Content check passed")


def test_bad_content_lists_every_problem_then_fails(fixture_project: Path) -> None:
    stretch = fixture_project / "content" / "stretches" / "knee-to-chest.yml"
    stretch.write_text(
        stretch.read_text()
        .replace("sides: both", "sides: no")
        .replace("hold_seconds: 30", "hold_seconds: 0")
    )
    result = check(fixture_project, "--today", "2026-11-24")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/stretches/knee-to-chest.yml:19: hold_seconds: must be at least 1 (found 0)",
        "content/stretches/knee-to-chest.yml:23: sides: must be one of: one or both (found 'no')",
        "Content check failed: 2 error(s), 0 warning(s).",
    ]
    assert "Traceback" not in result.stderr


def test_overdue_review_fails_and_names_the_date(fixture_project: Path) -> None:
    result = check(fixture_project, "--today", "2029-11-25")
    assert result.returncode == 1
    assert (
        "content/stretches/knee-to-chest.yml:48: review.next_review_due: review was due on "
        "24 November 2029; review the page and update the dates"
    ) in result.stdout


def test_review_due_within_30_days_warns_but_passes(fixture_project: Path) -> None:
    result = check(fixture_project, "--today", "2029-11-01")
    assert result.returncode == 0
    assert (
        "content/tips.yml:26: warning: review.next_review_due: review is due on "
        "24 November 2029, in 23 days"
    ) in result.stdout
