"""Paper handouts, search, and privacy: what a patient or clinic sees in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT

from .conftest import site_pages

pytestmark = pytest.mark.browser
STRETCHES = sorted(p.stem for p in (ROOT / "content" / "stretches").glob("*.yml"))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("slug", STRETCHES)
def test_a_stretch_prints_on_one_sheet(page: Page, site_url: str, slug: str, paper: str) -> None:
    page.goto(f"{site_url}/stretches/{slug}/")
    assert pdf_pages(page.pdf(format=paper)) == 1


def test_printed_page_keeps_the_essentials_and_drops_the_chrome(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/stretches/hip-stretch/")
    page.emulate_media(media="print")
    for needed in (
        ".md-content h1",
        ".stretch-warning",
        "#steps + *",
        ".dose-box",
        ".print-address",
        ".print-address svg",
        ".care-card--emergency",
    ):
        expect(page.locator(needed).first).to_be_visible()
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".stretch-timer",
        ".md-banner",
    ):
        expect(page.locator(chrome).first).to_be_hidden()
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#steps ~ ol li')).fontSize)"
    )
    assert size >= 18.6, "steps print at 14pt or larger"


def test_a_routine_prints_as_one_handout(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/routines/four-stretches-for-lower-back-pain/")
    pages = pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 4
    page.emulate_media(media="print")
    expect(page.locator(".print-address")).to_be_visible()
    expect(page.locator(".stretch-warning")).to_be_visible()


def test_search_works_offline(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.keyboard.type("hamstring")
    result = page.locator(".md-search-result__link").first
    expect(result).to_have_attribute("href", re.compile(r"stretches/hamstring-stretch/"))


def test_no_request_leaves_the_site_and_no_cookie_is_set(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        for path in site_pages(built_site):
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        page.keyboard.type("knee")
        page.wait_for_timeout(300)
        outside = [url for url in requested if not url.startswith((site_url, "data:", "blob:"))]
        assert outside == []
        assert context.cookies() == []
    finally:
        context.close()
