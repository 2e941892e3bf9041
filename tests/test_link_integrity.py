"""No broken internal link or anchor anywhere in the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchsite.checks.links import broken_links

pytestmark = pytest.mark.build


def test_the_built_site_has_no_broken_link_or_anchor(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_the_checker_finds_missing_pages_assets_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="steps">Steps</h2>')
    (tmp_path / "index.html").write_text(
        '<a href="a/#steps">ok</a> <a href="a/#nope">bad anchor</a> <a href="b/">no page</a>'
        '<img src="x.svg"> <a href="https://elsewhere.example/">external</a>'
        '<a href="#top">self</a><span id="top"></span>'
    )
    assert broken_links(tmp_path) == [
        "/index.html: a/#nope (no #nope on that page)",
        "/index.html: b/ (no such file)",
        "/index.html: x.svg (no such file)",
    ]
