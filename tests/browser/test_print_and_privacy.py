"""Paper handouts, search, and privacy: what a patient or clinic sees in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT

from .conftest import site_pages
from .paper import printed_sides

pytestmark = pytest.mark.browser
STRETCHES = sorted(p.stem for p in (ROOT / "content" / "stretches").glob("*.yml"))


def printed(page: Page, paper: str = "A4") -> list[str]:
    """The text of each printed side, as Chromium prints the page."""
    return [side.text for side in printed_sides(page.pdf(format=paper))]


# What every handout carries, front or back: all three tiers, Do and Don't, what to feel, how
# to build up, the key points and the tick chart.
ON_EVERY_HANDOUT = {
    "": (
        "Call 999 or go to A&E",
        "Ask for an urgent appointment with a GP",
        "See a GP (your family doctor) if",
        "Check first:",
        "What you should feel",
        "Do not bounce.",
        "Start gently.",
        "Remember",
        "Your week",
        "Day 7",
    ),
    "es/": (
        "Llame al 999 o vaya a urgencias",
        "Pida una cita urgente con un médico de cabecera",
        "Consulte a un médico de cabecera (su médico de familia) si",
        "Compruebe primero:",
        "Lo que debe sentir",
        "No haga rebotes.",
        "Empiece con suavidad.",
        "Recuerde",
        "Su semana",
        "Día 7",
    ),
}


# The words of the front's warning in each language (Spanish takes more words: its pages
# print a little smaller, and must still fit).
FRONT = {"": ("When to stop", "Take care:"), "es/": ("Cuándo parar", "Tenga cuidado:")}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("slug", STRETCHES)
@pytest.mark.parametrize("language", FRONT, ids=["en", "es"])
def test_a_stretch_prints_on_one_sheet_with_warning_picture_and_steps_on_the_front(
    page: Page, site_url: str, slug: str, paper: str, language: str
) -> None:
    page.goto(f"{site_url}/{language}stretches/{slug}/")
    sides = printed(page, paper)
    assert len(sides) <= 2, "one sheet of paper, both sides at most"
    front = sides[0]
    assert all(words in front for words in FRONT[language])
    last_step = page.locator("#steps ~ ol li").last.inner_text()
    assert " ".join(last_step.split()) in front
    page.emulate_media(media="print")
    captions = page.locator(".stretch-figure figcaption").all_inner_texts()  # as printed
    assert len(captions) == 2, "a start and an end picture"
    for caption in captions:
        words = " ".join(caption.split())
        assert words[:40] in front, "each picture's caption prints under it (PEMAT item 17)"
    dose = page.locator(".dose-box").bounding_box()
    for picture in page.locator(".stretch-figure img").all():
        box = picture.bounding_box()
        assert box is not None and box["y"] < dose["y"], "both pictures come before the dose"
    everything = " ".join(sides)
    for needed in ON_EVERY_HANDOUT[language]:
        assert needed in everything, f"{needed!r} is missing from the printed {slug}"


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
        ".care-card--urgent",
        ".care-card--routine",
        ".do-dont",
        ".remember-box",
        ".tick-chart",
        ".check-first",
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


@pytest.mark.parametrize("language", FRONT, ids=["en", "es"])
def test_a_routine_prints_on_two_sheets_with_each_stretchs_cautions(
    page: Page, site_url: str, language: str
) -> None:
    page.goto(f"{site_url}/{language}routines/four-stretches-for-lower-back-pain/")
    sides = printed(page)
    assert len(sides) <= 4, "two sheets of paper, both sides at most"
    everything = " ".join(sides)
    if language:  # Spanish: each stretch's own cautions
        assert everything.count("¿Está embarazada?") == 3
        assert everything.count("prótesis de cadera") == 4
    for needed in ON_EVERY_HANDOUT[language]:
        assert needed in everything, f"{needed!r} is missing from the printed routine"
    if not language:
        assert everything.count("If you are pregnant") == 3, "each lying stretch keeps its cautions"
        assert everything.count("hip replacement") == 4
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
