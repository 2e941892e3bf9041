"""The portable export builds with plain MkDocs (no hooks) into the same pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from stretchsite.export import export_site
from stretchsite.readability import main_text

pytestmark = pytest.mark.build


def pages(site: Path) -> dict[str, str]:
    return {
        html.relative_to(site).as_posix(): main_text(html.read_text(encoding="utf-8"))
        for html in sorted(site.rglob("index.html"))
    }


def test_export_builds_without_hooks_into_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    count = export_site(ROOT, out, dt.date(2026, 11, 24))
    config = (out / "mkdocs.yml").read_text()
    assert "hooks:" not in config and "stretch_hooks" not in config
    site = tmp_path / "export-site"
    result = run_build(out, site)
    assert result.returncode == 0, result.stderr
    exported, original = pages(site), pages(built_site)
    assert exported.keys() == original.keys()
    assert count == len([p for p in original if "refresh" not in p])
    different = [page for page in original if exported[page] != original[page]]
    assert different == []
    assert (site / "assets" / "routine-library.json").exists()
