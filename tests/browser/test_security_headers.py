"""The Content-Security-Policy every page carries in its own <meta>, and what `_headers` adds.

GitHub Pages (where the site is published) sends no headers of the site's choosing, so the
policy that matters is the one in the page: these tests serve the site from a plain static
server that sends none, and show the policy blocks injected script while nothing on the site
breaks. `_headers` carries only what a meta tag cannot (frame-ancestors, the other headers).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import patient_html
from stretchsite.pages.csp import inline_script_hashes

from .conftest import INJECTED_PAGE, site_pages
from .test_routine_builder import build_routine

pytestmark = pytest.mark.browser
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""
SECURITY_HEADERS = (
    "content-security-policy",
    "content-security-policy-report-only",
    "x-frame-options",
    "x-content-type-options",
)
HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")  # ignored in a <meta>


def watched_context(browser: Browser) -> tuple[BrowserContext, list[str]]:
    """A browser context that records CSP violations (window.__csp) and CSP console messages."""
    context = browser.new_context(color_scheme="light")
    context.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    context.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return context, messages


def goto_without_policy_headers(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok
    sent = response.all_headers()
    assert [name for name in SECURITY_HEADERS if name in sent] == [], sent


class _Tags(HTMLParser):
    """Start tags in document order, each with its attributes and whether it is inside <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str], bool]] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_head = self._in_head or tag == "head"
        self.tags.append((tag, {k: v or "" for k, v in attrs}, self._in_head))

    def handle_endtag(self, tag: str) -> None:
        self._in_head = self._in_head and tag != "head"


def _is_policy(tag: tuple[str, dict[str, str], bool]) -> bool:
    name, attributes, _ = tag
    return name == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy"


def test_every_page_carries_its_own_exact_policy_before_any_script(built_site: Path) -> None:
    # The form editor (/admin/) is no patient page and carries no policy of its own: Decap
    # injects styles and talks to GitHub and the sign-in service (EDITING.md).
    pages = patient_html(built_site, "*.html")
    assert built_site / "404.html" in pages and len(pages) >= len(site_pages(built_site))
    for html_file in pages:
        name = html_file.relative_to(built_site).as_posix()
        html = html_file.read_text(encoding="utf-8")
        parser = _Tags()
        parser.feed(html)
        tags = [tag for tag in parser.tags if tag[0] not in ("html", "head")]
        policies = [i for i, tag in enumerate(tags) if _is_policy(tag)]
        assert len(policies) == 1, f"{name}: {len(policies)} policy metas"
        # First in <head>, after only <meta charset>: it covers every script that follows.
        assert [t[0] for t in tags[:2]] == ["meta", "meta"] and "charset" in tags[0][1], name
        assert policies == [1] and tags[1][2], f"{name}: the policy is not first in <head>"
        directives = {
            words[0]: words[1:]
            for words in (d.split() for d in tags[1][1]["content"].split(";"))
            if words
        }
        sources = directives["script-src"]
        assert sources[0] == "'self'", name
        assert set(sources[1:]) == inline_script_hashes(html), f"{name}: hashes are not its own"
        assert all(source.startswith("'sha256-") for source in sources[1:]), name
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
        assert directives["default-src"] == ["'self'"], name
        assert not set(HEADER_ONLY) & set(directives), f"{name}: a meta ignores these"


def test_an_injected_script_is_blocked_on_a_host_that_sends_no_headers(
    browser: Browser, injected_site_url: str
) -> None:
    """Stored XSS stand-in: a script and an onerror handler written into a stretch page."""
    context, messages = watched_context(browser)
    try:
        page = context.new_page()
        goto_without_policy_headers(
            page, injected_site_url + "/" + INJECTED_PAGE.removesuffix("index.html")
        )
        expect(page.locator(".stretch-timer__button--main").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None
        violations = page.evaluate("window.__csp")
        assert "script-src-elem inline" in violations  # the <script>
        assert "script-src-attr inline" in violations  # the onerror= handler
        assert len(messages) == 2, messages
    finally:
        context.close()


def test_a_script_added_to_the_page_at_run_time_is_blocked(browser: Browser, site_url: str) -> None:
    """DOM XSS stand-in: page code appends an inline script, as injected markup would."""
    context, _ = watched_context(browser)
    try:
        page = context.new_page()
        goto_without_policy_headers(page, site_url + "/")
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.__ran = true'; document.body.append(s); }"
        )
        page.wait_for_timeout(100)
        assert page.evaluate("window.__ran") is None
        assert "script-src-elem inline" in page.evaluate("window.__csp")
    finally:
        context.close()


def test_search_palette_timer_and_routines_work_with_no_violation(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    context, messages = watched_context(browser)
    violations: list[str] = []
    try:
        page = context.new_page()

        def record() -> None:
            violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__csp"))

        for path in site_pages(built_site):
            goto_without_policy_headers(page, site_url + path)
            page.wait_for_load_state("networkidle")
            record()

        goto_without_policy_headers(page, site_url + "/")  # search (in its web worker)
        page.keyboard.press("/")
        page.keyboard.type("piriformis")
        expect(page.locator(".md-search-result__link").first).to_be_visible()
        page.keyboard.press("Escape")
        record()

        body = page.locator("body")  # the colour toggle, then its choice kept on reload
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        page.locator("label[title='Switch to dark mode']").click()
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        record()
        page.reload()
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        record()

        goto_without_policy_headers(page, site_url + "/stretches/knee-to-chest/")  # the timer
        timer = page.locator(".stretch-timer").first
        timer.locator(".stretch-timer__button--main").click()
        expect(timer.locator(".stretch-timer__button--main")).to_have_text("Pause")
        expect(timer.locator(".stretch-timer__time")).not_to_have_text("0:30", timeout=3000)
        record()

        link = build_routine(page, site_url)  # adds stretches; a link and a QR code appear
        record()
        goto_without_policy_headers(page, link)
        expect(page.locator(".routine-stretch")).to_have_count(2)
        expect(page.locator("svg.qr-code").first).to_be_attached()
        page.locator(".stretch-timer__button--main").first.click()
        expect(page.locator(".stretch-timer__button--main").first).to_have_text("Pause")
        record()
    finally:
        context.close()
    assert violations == []
    assert messages == []


def test_headers_file_carries_what_a_meta_cannot(built_site: Path) -> None:
    text = (built_site / "_headers").read_text()
    csp = next(line for line in text.splitlines() if "Content-Security-Policy:" in line)
    assert "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "default-src" not in csp  # each page's meta has those
    for header in (
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy:",
        "X-Frame-Options: DENY",
    ):
        assert header in text


def test_with_the_headers_too_no_page_has_a_violation(
    browser: Browser, secure_site_url: str, built_site: Path
) -> None:
    """On a host that sends `_headers`, both policies apply: still no violation anywhere."""
    context, messages = watched_context(browser)
    try:
        page = context.new_page()
        violations: list[str] = []
        for path in site_pages(built_site):
            response = page.goto(secure_site_url + path)
            assert response is not None
            assert "frame-ancestors 'none'" in response.all_headers()["content-security-policy"]
            page.wait_for_load_state("networkidle")
            violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        assert violations == []
        assert messages == []
    finally:
        context.close()


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
