"""A pseudo-locale build: every word of the string catalogue transformed and made 40 % longer.

No English word from the catalogue may be left on any page or in anything the scripts write
(the routine builder, a shared routine, the timer): each would be a word a translation cannot
reach. And the layouts must survive words 40 % longer, as many languages' are.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from ruamel.yaml import YAML

from conftest import copy_project, run_build

from .conftest import _QuietHandler, _serving, site_pages

pytestmark = pytest.mark.browser
CATALOGUE = Path("hooks/stretchsite/pages/strings/en.yml")
ACCENTED = str.maketrans("aceinorsuyACEINORSUY", "åçéîñøŕšûýÅÇÉÎÑØŔŠÛÝ")
LINK = "#v=2&s=knee-to-chest:30:5-10:3,hip-stretch:20:3-3:2&n=Go+gently&n2=After+walks"


def pseudo(value: Any) -> Any:
    """[Åççéñţéð wørðš ~~~~]: accented, in brackets, 40 % longer; {placeholders} kept."""
    if isinstance(value, dict):
        return {key: pseudo(item) for key, item in value.items()}
    if isinstance(value, list):
        return [pseudo(item) for item in value]
    if not isinstance(value, str) or not value.strip():
        return value
    parts = re.split(r"(\{\w+\})", value)
    text = "".join(part if i % 2 else part.translate(ACCENTED) for i, part in enumerate(parts))
    return f"[{text}{'~' * max(1, round(len(value) * 0.4) - 2)}]"


def values(value: Any) -> set[str]:
    """Every whole value of the catalogue, as it would show without {placeholders}."""
    if isinstance(value, dict):
        return {v for item in value.values() for v in values(item)}
    if isinstance(value, list):
        return {v for item in value for v in values(item)}
    return {" ".join(str(value).split())}


def fragments(value: Any) -> set[str]:
    """The catalogue's English, cut at its placeholders: what must not show."""
    if isinstance(value, dict):
        return {f for item in value.values() for f in fragments(item)}
    if isinstance(value, list):
        return {f for item in value for f in fragments(item)}
    return {part.strip() for part in re.split(r"\{\w+\}", str(value)) if len(part.strip()) > 3}


@pytest.fixture(scope="module")
def pseudo_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, set[str], Path, set[str]]]:
    """The English site built with the pseudo catalogue, served; the English to look for
    (words that the content itself also uses left out); the built site; and the catalogue's
    whole values, which no heading, label, button or table heading may be."""
    project = copy_project(tmp_path_factory.mktemp("pseudo"))
    english = YAML(typ="safe", pure=True).load((project / CATALOGUE).read_text("utf-8"))
    keep = {"language_name", "og_locale", "dont_starts_with"}  # not words on a page
    words = {key: value if key in keep else pseudo(value) for key, value in english.items()}
    (project / CATALOGUE).write_text(json.dumps(words, ensure_ascii=False), "utf-8")
    site = tmp_path_factory.mktemp("pseudo-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    sources = [*(project / "content").glob("**/*.yml"), *(project / "docs").glob("*.md")]
    content = "\n".join(source.read_text("utf-8") for source in sources)
    look_for = {f for f in fragments(english) if f not in content}
    handler = functools.partial(_QuietHandler, directory=str(site))
    with _serving(handler) as url:
        own = {  # whole values that are also a whole heading or field of the content
            value
            for value in values(english)
            if re.search(
                rf"(?m)^\s*(?:#+ |[\w-]+: |- )?{re.escape(value)}\s*(?:\{{[^}}]*\}})?$", content
            )
        }
        yield url, look_for, site, values(english) - own


def english_left(text: str, look_for: set[str]) -> list[str]:
    return sorted(
        fragment
        for fragment in look_for
        if re.search(rf"(?<![\w/.-]){re.escape(fragment)}(?!\w)", text)
    )


def test_no_english_from_the_catalogue_is_left_anywhere(
    browser: Browser, pseudo_site: tuple[str, set[str], Path, set[str]]
) -> None:
    url, look_for, site, whole = pseudo_site
    assert len(look_for) > 150  # the check looks for most of the catalogue
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.clock.install()
        found = {}
        for path in [*site_pages(site), "/my-routine/" + LINK, "/routine-builder/" + LINK]:
            page.goto(url + path)
            if path.startswith("/my-routine/#"):
                page.locator(".stretch-timer__button--main").first.click()
                page.clock.run_for(7_000)
            # The page and the notice above it; the menu's words are the site's settings
            # (mkdocs.yml nav), which each language's config translates.
            text = page.locator(".md-banner").inner_text() + page.locator("article").inner_text()
            left = english_left(text, look_for)
            # A heading, label, button or table heading that is a catalogue entry in English,
            # even one the content also uses ("Steps").
            names = page.locator(
                "article :is(h1, h2, h3, h4, label, button, th, .admonition-title, summary)"
            ).all_inner_texts()
            left += sorted({" ".join(name.split()) for name in names} & whole)
            if left:
                found[path] = left
            # Words 40 % longer still fit a small phone: nothing scrolls sideways.
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= 390, f"{path} is {wide} px wide at 390 px"
        assert found == {}
    finally:
        context.close()
