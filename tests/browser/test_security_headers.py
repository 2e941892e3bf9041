"""The site served with its own `_headers`: a strict CSP that nothing on the site breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from stretchsite.pages.csp import inline_script_hashes

from .conftest import site_pages
from .test_routine_builder import build_routine

pytestmark = pytest.mark.browser
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def watched_context(browser: Browser) -> tuple[BrowserContext, list[str]]:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    context.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, messages


def test_headers_file_is_strict(built_site: Path) -> None:
    text = (built_site / "_headers").read_text()
    csp = next(line for line in text.splitlines() if "Content-Security-Policy" in line)
    script_src = csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'sha256-" in script_src
    for header in (
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy:",
        "frame-ancestors 'none'",
    ):
        assert header in text


def test_no_csp_violation_while_reading_searching_and_timing(
    browser: Browser, secure_site_url: str, built_site: Path
) -> None:
    context, messages = watched_context(browser)
    try:
        page = context.new_page()
        violations: list[str] = []
        for path in site_pages(built_site):
            page.goto(secure_site_url + path)
            page.wait_for_load_state("networkidle")
            violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        page.goto(secure_site_url + "/stretches/knee-to-chest/")
        page.keyboard.press("/")
        page.keyboard.type("piriformis")
        expect(page.locator(".md-search-result__link").first).to_be_visible()
        page.keyboard.press("Escape")
        page.locator(".stretch-timer__button--main").first.click()
        expect(page.locator(".stretch-timer__button--main").first).to_have_text("Pause")
        page.wait_for_timeout(1200)
        violations += page.evaluate("window.__csp")
        page.emulate_media(color_scheme="dark")
        page.reload()
        violations += page.evaluate("window.__csp")
        link = build_routine(page, secure_site_url)
        violations += page.evaluate("window.__csp")
        page.goto(link)
        expect(page.locator(".routine-stretch")).to_have_count(2)
        page.locator(".stretch-timer__button--main").first.click()
        violations += page.evaluate("window.__csp")
        assert violations == []
        assert messages == []
    finally:
        context.close()


def test_the_policy_really_blocks_an_injected_inline_script(
    browser: Browser, secure_site_url: str
) -> None:
    context, _ = watched_context(browser)
    try:
        page = context.new_page()
        page.goto(secure_site_url + "/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__ran = true'; document.body.append(s); }"
        )
        page.wait_for_timeout(100)
        assert page.evaluate("window.__ran") is None
        assert any("script-src" in v for v in page.evaluate("window.__csp"))
    finally:
        context.close()


def test_every_inline_script_on_every_page_is_in_the_policy(built_site: Path) -> None:
    csp = (built_site / "_headers").read_text()
    for html_file in built_site.rglob("*.html"):
        for source in inline_script_hashes(html_file.read_text()):
            assert source in csp, f"{html_file.relative_to(built_site)}: {source} not allowed"


def test_a_repeat_visit_asks_the_network_only_for_the_page_itself(
    browser: Browser, secure_site_url: str
) -> None:
    """Styles, scripts, pictures and the search index come from the browser's cache."""
    context = browser.new_context()
    try:
        page = context.new_page()
        address = f"{secure_site_url}/stretches/knee-to-chest/"
        page.goto(address)
        page.wait_for_load_state("networkidle")
        asked: list[str] = []  # answered by the server (even "not modified"), not the cache
        page.on(
            "requestfinished",
            lambda request: (
                asked.append(request.url) if request.sizes()["responseBodySize"] >= 0 else None
            ),
        )
        page.goto(address)
        page.wait_for_load_state("networkidle")
        assert [url for url in asked if url != address] == []
    finally:
        context.close()
