"""The portable export builds with plain MkDocs (no hooks) into the same pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import EDITOR, ROOT, run_build
from stretchsite.commands.export import export_site
from stretchsite.pages.assets import LAZY_SEARCH, SCRIPTS, STYLES

pytestmark = pytest.mark.build

_EDIT_LINK = re.compile(r'<a href="[^"]*/edit/main/[^"]*"[^>]*>')
# Outside the article, what the hooks add for the theme: the safety notice and the scripts' words
_THEME_PARTS = re.compile(
    r'<p class="site-notice">.*?</p>'
    r'|<script type="application/json" id="site-strings">.*?</script>',
    re.S,
)


_VERSION = re.compile(r"\?v=[0-9a-f]{10}")  # the build names each file's version; no export


def articles(site: Path) -> dict[str, str]:
    """Each page's article as HTML (whole redirect pages), edit links left out: they differ."""
    found = {}
    for html_file in sorted(site.rglob("*.html")):
        if html_file.relative_to(site).parts[0] in ("es", "editors", EDITOR):
            continue  # the Spanish site, the gallery and form editor: the export is for patients
        html = html_file.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.find("</article>")
        article = html[start:end] if start >= 0 else html
        found[html_file.relative_to(site).as_posix()] = _EDIT_LINK.sub("", article)
    return found


def test_export_builds_without_hooks_into_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    count = export_site(ROOT, out, dt.date(2026, 11, 24))
    config = (out / "mkdocs.yml").read_text()
    assert "stretch_hooks" not in config
    site = tmp_path / "export-site"
    result = run_build(out, site)
    assert result.returncode == 0, result.stderr
    assert "stretch_hooks" not in result.stderr
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    original_files = {  # the English site: the export is of one language, for patients
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*")
        if p.relative_to(built_site).parts[0] not in ("es", "editors", EDITOR)
    }
    # The build's phone-only files: the offline worker and the joined, minified scripts and
    # styles (the export keeps mkdocs.yml's own files, lazy-search.js among them).
    phone_only = {"_headers", "sw.js", SCRIPTS, STYLES}
    export_only = {LAZY_SEARCH}
    assert files - export_only == {f for f in original_files if (built_site / f).is_file()} - (
        phone_only
    )
    exported, original = articles(site), articles(built_site)
    original = {page: _VERSION.sub("", html) for page, html in original.items()}
    pages = [p for p in original if p != "404.html" and "refresh" not in original[p][:2000]]
    assert count == len(pages)
    different = [page for page in original if exported[page] != original[page]]
    assert different == []
    for page in ("index.html", "stretches/knee-to-chest/index.html"):
        theme = [_THEME_PARTS.findall((s / page).read_text("utf-8")) for s in (site, built_site)]
        assert theme[0][0] == theme[1][0] and len(theme[0]) == 2, page  # the safety notice
        # The scripts' words: the build leaves out the routine scripts' own on other pages.
        words = [json.loads(re.sub(r"<[^>]+>", "", found[1])) for found in theme]
        assert words[1].items() <= words[0].items() and "timer_start" in words[1], page
    catalogue = "assets/routine-library.json"
    assert (site / catalogue).read_bytes() == (built_site / catalogue).read_bytes()
