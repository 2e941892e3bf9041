"""Publishing is all or nothing: a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import run_module

pytestmark = pytest.mark.build


def publish(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run_module(
        "stretchsite", "publish", "-f", str(project / "mkdocs.yml"), "-d", str(site), cwd=project
    )


def test_failed_build_keeps_the_previous_site(project_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert publish(project_copy, site).returncode == 0
    page = site / "stretches" / "knee-to-chest" / "index.html"
    before = page.read_text()
    (site / "marker.txt").write_text("published yesterday")

    stretch = project_copy / "content" / "stretches" / "knee-to-chest.yml"
    stretch.write_text(stretch.read_text().replace("hold_seconds: 30", "hold_seconds: 0"))
    result = publish(project_copy, site)
    assert result.returncode == 1
    assert "hold_seconds: must be at least 1 (found 0)" in result.stderr
    assert f"Build failed; the previous site in {site} was left untouched." in result.stderr
    assert (site / "marker.txt").read_text() == "published yesterday"
    assert page.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_successful_build_replaces_the_site(project_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    result = publish(project_copy, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "stretches" / "knee-to-chest" / "index.html").exists()
    assert (site / "_headers").exists()


@pytest.mark.parametrize("where", [".", "docs", "content/site"])
def test_publishing_into_the_project_is_refused(project_copy: Path, where: str) -> None:
    """`-d .` would replace the project itself with the site; `-d docs` its pages."""
    before = sorted(p.relative_to(project_copy) for p in project_copy.rglob("*"))
    result = publish(project_copy, project_copy / where)
    assert result.returncode == 2
    assert "Nothing was built" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(project_copy) for p in project_copy.rglob("*")) == before


def test_exporting_into_the_project_is_refused(project_copy: Path) -> None:
    result = run_module("stretchsite", "export", "docs", "--root", ".", cwd=project_copy)
    assert result.returncode == 1
    assert "is inside docs/" in result.stderr and "Traceback" not in result.stderr
    assert (project_copy / "docs" / "about.md").is_file()
