"""axe-core on every page at phone and desktop widths, light and dark; reflow; keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import axe_violations, site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation_on_any_page(
    browser: Browser, site_url: str, built_site: Path, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = []
    try:
        page = context.new_page()
        for path in site_pages(built_site):
            page.goto(site_url + path)
            found += axe_violations(page)
    finally:
        context.close()
    assert found == []


def test_pages_reflow_at_320px_without_sideways_scrolling(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    too_wide = []
    try:
        page = context.new_page()
        for path in site_pages(built_site):
            page.goto(site_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append(f"{path}: {width}px")
    finally:
        context.close()
    assert too_wide == []


def test_skip_link_comes_first_and_focus_is_visible(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "/stretches/knee-to-chest/")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement; const style = getComputedStyle(el);"
            " return {text: el.textContent.trim(), href: el.getAttribute('href'),"
            " outline: style.outlineStyle, width: el.getBoundingClientRect().width}; }"
        )
        assert focused["text"] == "Skip to content"
        assert focused["href"] == "#knee-to-chest-stretch"
        assert focused["width"] > 0, "the skip link must be visible when focused"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#knee-to-chest-stretch"
    finally:
        context.close()
