"""The hold timer, used with the keyboard alone, on a fake clock (no waiting in real time)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
KNEE = "/stretches/knee-to-chest/"


def tab_to(page: Page, label: str, limit: int = 80) -> None:
    """Press Tab until the focused element is the button with this label, as a keyboard user."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.tagName + ':' + document.activeElement.textContent.trim()"
        )
        if focused == f"BUTTON:{label}":
            return
    pytest.fail(f"could not reach the {label} button with the Tab key")


def test_timer_counts_hold_switches_sides_and_counts_repetitions(page: Page, site_url: str) -> None:
    page.clock.install()
    page.goto(site_url + KNEE)
    timer = page.locator(".stretch-timer").first
    live = timer.locator("[role=status]")
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:30")

    tab_to(page, "Start")
    page.keyboard.press("Enter")
    expect(live).to_have_text("First side. Hold for 30 seconds.")
    page.clock.run_for(15_500)
    expect(live).to_have_text("Halfway. 15 seconds left.")
    page.clock.run_for(15_000)
    expect(timer.locator(".stretch-timer__status")).to_contain_text("Switch sides")
    expect(timer.locator(".stretch-timer__side")).to_have_text("Other side")
    expect(live).to_contain_text("Switch sides")

    page.keyboard.press("Space")  # focus stayed on the same button
    page.clock.run_for(31_000)
    expect(timer.locator(".stretch-timer__count")).to_have_text("Done: 1 of 10")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Start"


def test_timer_pauses_resumes_and_resets(page: Page, site_url: str) -> None:
    page.clock.install()
    page.goto(site_url + KNEE)
    timer = page.locator(".stretch-timer").first
    live = timer.locator("[role=status]")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    page.clock.run_for(10_000)
    page.keyboard.press("Enter")
    expect(timer.locator(".stretch-timer__button--main")).to_have_text("Resume")
    expect(live).to_have_text("Paused. 20 seconds left.")
    page.clock.run_for(60_000)
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:20")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Resumed. 20 seconds left.")
    tab_to(page, "Reset")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Timer reset. Done: 0 of 10.")
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:30")


def test_timer_buttons_are_large_enough_to_tap(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + KNEE)
        for button in page.locator(".stretch-timer button").all():
            box = button.bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44
    finally:
        context.close()


def test_without_javascript_the_dose_is_plain_text(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + KNEE)
        fallback = page.locator(".stretch-timer__fallback").first
        expect(fallback).to_be_visible()
        expect(fallback).to_have_text("Hold for 30 seconds. Repeat 5 to 10 times on each side.")
        expect(page.locator(".stretch-timer button")).to_have_count(0)
    finally:
        context.close()


def test_every_routine_stretch_has_its_own_timer(page: Page, site_url: str) -> None:
    page.goto(site_url + "/routines/four-stretches-for-lower-back-pain/")
    expect(page.locator(".stretch-timer [role=status]")).to_have_count(4)
