"""Shared fixtures: the project root, throwaway copies of the project, and one real build."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchsite.checks.addresses import REGISTRY, registry_text
from stretchsite.cli import main as cli_main
from stretchsite.content.library import inspect_library
from stretchsite.content.model import HelpContacts

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.es.yml", "docs", "content", "hooks", "overrides")
UK = HelpContacts(
    emergency_number="999",
    emergency_place="A&E",
    urgent_number="111",
    urgent_service="NHS 111",
    routine_contact="a GP",
)


def edit(project: Path, relative: str, old: str, new: str) -> None:
    file = project / relative
    text = file.read_text()
    assert old in text, f"{relative} no longer contains {old!r}"
    file.write_text(text.replace(old, new, 1))


def errors(project: Path) -> list[str]:
    _, problems = inspect_library(project)
    return [str(p) for p in problems if p.severity == "error"]


EDITOR = "admin"  # the form editor's folder in the built site: not a patient page


def patient_html(site: Path, pattern: str = "index.html") -> list[Path]:
    """The built site's HTML files a patient may open: all but the form editor's (/admin/)."""
    return [
        found for found in sorted(site.rglob(pattern)) if found.relative_to(site).parts[0] != EDITOR
    ]


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, to break on purpose."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    if (ROOT / "node_modules").is_dir():  # the form editor's bundle, copied into every build
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def copy_project_with_stretches(size: int, target: Path) -> Path:
    """A copy of the project with `size` stretches: the real ones, then copies under new names."""
    target.mkdir(parents=True)
    copy_project(target)
    stretches = target / "content" / "stretches"
    pictures = target / "content" / "illustrations"
    originals = sorted(stretches.glob("*.yml"))
    for i in range(size - len(originals)):
        original = originals[i % len(originals)]
        slug = f"{original.stem}-{i:05d}"
        text = original.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", rf"title: \1 {i:05d}", text, count=1, flags=re.M)
        (stretches / f"{slug}.yml").write_text(text, encoding="utf-8")
        picture = pictures / f"{original.stem}.svg"
        if picture.exists():
            shutil.copy2(picture, pictures / f"{slug}.svg")
    live = ["/", "/stretches/", "/routines/"] + [
        f"/stretches/{f.stem}/" for f in stretches.glob("*.yml")
    ]
    (target / REGISTRY).write_text(registry_text(live), encoding="utf-8")
    return target


def run_module(
    module: str, *args: str, cwd: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m MODULE ARGS` as an editor or CI runs it, with the project's hooks importable."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT / "hooks"),
        **(extra_env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def run_build(
    project: Path, site: Path, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as an editor or CI runs it (`extra_env`: like PREVIEW=true)."""
    return run_module(
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
        cwd=project,
        extra_env=extra_env,
    )


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    target.mkdir()
    return copy_project(target)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def page_html(built_site: Path) -> Callable[[str], str]:
    def read(url_path: str) -> str:
        return (built_site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")

    return read


@pytest.fixture
def fixture_project(project_copy: Path) -> Path:
    """A project copy whose content is the frozen fixture library (stable line numbers), in
    English only."""
    shutil.rmtree(project_copy / "content")
    shutil.copytree(FIXTURES / "library" / "content", project_copy / "content")
    (project_copy / "mkdocs.es.yml").unlink()
    shutil.rmtree(project_copy / "docs" / "es")
    return project_copy


def run_check(
    project: Path, capsys: pytest.CaptureFixture[str], today: dt.date
) -> tuple[int, list[str]]:
    """`python -m stretchsite check` on a project as of `today`: its exit code and lines."""
    code = cli_main(["check", str(project), "--today", today.isoformat()])
    return code, capsys.readouterr().out.splitlines()
