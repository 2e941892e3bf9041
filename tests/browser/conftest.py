"""Browser fixtures: the built site served on loopback, and Debian's Chromium via Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import patient_html
from stretchsite.pages.csp import headers_for, parse_headers_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serving(handler: functools.partial) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The site from a plain static server, which sends no Content-Security-Policy of its own."""
    with _serving(functools.partial(_QuietHandler, directory=str(built_site))) as url:
        yield url


INJECTED_PAGE = "stretches/knee-to-chest/index.html"
INJECTED = '<script>window.__pwned=1</script><img src="data:," onerror="window.__pwned=2">'


@pytest.fixture(scope="session")
def injected_site_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site, served plainly, where INJECTED_PAGE carries a script in its text.

    A stand-in for stored XSS: markup that reached the page after the build wrote its policy.
    """
    copy = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site, copy)
    page = copy / INJECTED_PAGE
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1
    page.write_text(html.replace("</article>", INJECTED + "</article>"), encoding="utf-8")
    with _serving(functools.partial(_QuietHandler, directory=str(copy))) as url:
        yield url


class _HeadersHandler(_QuietHandler):
    """Serves the site with the headers its `_headers` file asks a static host to send."""

    rules: ClassVar[dict[str, dict[str, str]]] = {}

    def send_header(self, keyword: str, value: str) -> None:
        # Only the site's own rules decide what a browser caches: without Last-Modified a
        # browser cannot cache by guesswork (heuristic freshness), whatever the files' age.
        if keyword != "Last-Modified":
            super().send_header(keyword, value)

    def end_headers(self) -> None:
        for name, value in headers_for(self.path.split("?")[0], self.rules).items():
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="session")
def secure_site_url(built_site: Path) -> Iterator[str]:
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    handler_class = type("SiteHeaders", (_HeadersHandler,), {"rules": rules})
    with _serving(functools.partial(handler_class, directory=str(built_site))) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is missing at /usr/bin/chromium: run `make browser` "
            "(apt-get install chromium). Browser tests never download a browser."
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # No offline service worker: Playwright's routes do not see what a worker fetches.
    # tests/browser/test_offline.py tests the worker in contexts of its own.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    opened = context.new_page()
    yield opened
    context.close()


def site_pages(built_site: Path) -> list[str]:
    """Every page's address path, like /stretches/knee-to-chest/ (redirect stubs left out)."""
    paths = []
    for html_file in patient_html(built_site):
        if 'http-equiv="refresh"' in html_file.read_text(encoding="utf-8")[:2000]:
            continue
        relative = html_file.parent.relative_to(built_site).as_posix()
        paths.append("/" if relative == "." else f"/{relative}/")
    return paths


def indexed_pages(built_site: Path) -> list[str]:
    """The pages search engines may list: all but those marked noindex (the editors' gallery)."""
    return [
        path
        for path in site_pages(built_site)
        if NOINDEX not in (built_site / path.lstrip("/") / "index.html").read_text("utf-8")
    ]


NOINDEX = '<meta name="robots" content="noindex">'
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA and best-practice violations on the page as it is now."""
    page.evaluate(_axe_source())  # not a <script> tag: the page's policy blocks inline scripts
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    path = page.url.split("#")[0][-50:]
    return [
        f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
        for v in result["violations"]
    ]
