"""Offline: a patient who opened a stretch or their routine once can open it again with no
network, pictures and timer included; a new version of the site replaces the old one without
mixing them (pages/offline.py, service-worker.js, pages/versions.py)."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from conftest import run_build
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler, _serving

STRETCH = "/stretches/knee-to-chest/"
ROUTINE_LINK = "/my-routine/#v=2&s=knee-to-chest:30:5-10:3,hamstring-stretch:20:3-5:2"
OTHER = "/tips/"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 390, "height": 844})
    yield opened
    opened.close()


def open_and_save(page: Page, url: str, reload: bool = True) -> None:
    """Open `url` and wait until the service worker has saved it and every picture on it."""
    if reload:
        page.goto(url)
    page.wait_for_function(
        """async () => {
            if (!navigator.serviceWorker.controller) return false;
            const page = location.href.split('#')[0];
            const wanted = [page, ...[...document.images].map(image => image.src)];
            for (const url of wanted) if (!(await caches.match(url))) return false;
            return true;
        }""",
        polling=200,
        timeout=15_000,
    )


def expect_whole_page(page: Page) -> None:
    """The page as a patient sees it: styled, every picture drawn, the warning there."""
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in {
        "sticky",
        "fixed",
    }, "Material's styles did not load"
    broken = page.evaluate(
        "[...document.images].filter(image => !image.complete || !image.naturalWidth)"
        ".map(image => image.src)"
    )
    assert broken == []


def expect_timer_runs(page: Page) -> None:
    timer = page.locator(".stretch-timer").first
    timer.get_by_role("button", name="Start").click()
    status = timer.locator(".stretch-timer__clock")
    first = status.inner_text()
    expect(status).not_to_have_text(first, timeout=3_000)


def test_a_stretch_and_a_shared_routine_opened_once_work_with_no_network(
    context: BrowserContext, site_url: str
) -> None:
    page = context.new_page()
    open_and_save(page, site_url + STRETCH)
    open_and_save(page, site_url + OTHER)
    page.goto(site_url + ROUTINE_LINK)  # once: its library and pictures come after it loads
    expect(page.locator(".routine-stretch img")).to_have_count(4)
    open_and_save(page, site_url + ROUTINE_LINK, reload=False)

    context.set_offline(True)
    page.reload()
    expect(page.locator(".routine-stretch")).to_have_count(2)
    expect_whole_page(page)
    expect_timer_runs(page)

    page.goto(site_url + STRETCH)
    expect(page.locator("h1")).to_have_text("Knee to chest stretch")
    expect_whole_page(page)
    expect(page.locator(".admonition.warning, .stretch-warning").first).to_be_visible()
    expect_timer_runs(page)

    page.goto(site_url + OTHER)
    expect_whole_page(page)


def test_a_page_never_opened_says_it_is_not_saved(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    open_and_save(page, site_url + STRETCH)
    context.set_offline(True)
    page.goto(site_url + "/stretches/hamstring-stretch/")
    expect(page.locator("h1")).to_have_text("No internet connection")
    page.get_by_role("link", name="Try the home page").click()
    # The home page was never opened either: the same page, not a browser error.
    expect(page.locator("h1")).to_have_text("No internet connection")


def test_the_form_editor_is_never_saved_for_offline_use(
    context: BrowserContext, site_url: str
) -> None:
    page = context.new_page()
    open_and_save(page, site_url + STRETCH)
    page.goto(site_url + "/admin/")  # under the worker's control, online
    page.wait_for_function("window.CMS !== undefined")
    saved = page.evaluate(
        "async () => (await Promise.all((await caches.keys()).map(async name =>"
        " (await (await caches.open(name)).keys()).map(r => r.url)))).flat()"
    )
    assert saved and not any("/admin/" in url for url in saved), saved
    context.set_offline(True)
    # Not served by the worker at all: the browser's own offline error (or its own cache),
    # neither a saved editor nor the worker's "No internet connection" page.
    try:
        response = page.goto(site_url + "/admin/")
    except PlaywrightError as error:
        assert "ERR_INTERNET_DISCONNECTED" in str(error)
    else:
        assert response is None or not response.from_service_worker


def test_the_spanish_not_saved_page_is_in_spanish(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    open_and_save(page, site_url + "/es/")
    context.set_offline(True)
    page.goto(site_url + "/es/tips/")
    expect(page.locator("h1")).to_have_text("No tiene conexión a internet")
    assert page.evaluate("document.documentElement.lang") == "es"


def test_chromium_finds_every_language_installable(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    """The manifest, its icons and the service worker meet Chromium's install criteria, in a
    profile of its own (an incognito context can never install), in English and Spanish."""
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    ids = set()
    try:
        page = context.new_page()
        for path in ("/stretches/knee-to-chest/", "/es/stretches/knee-to-chest/"):
            open_and_save(page, site_url + path)
            session = context.new_cdp_session(page)
            found = session.send("Page.getAppManifest")
            assert found["errors"] == [], path
            assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
            assert found["manifest"]["scope"] == site_url + "/"  # both languages in one app
            ids.add(found["manifest"]["id"])
    finally:
        context.close()
    assert len(ids) == 2, "each language installs as its own app"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_index_is_fetched_only_when_searching(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url + STRETCH)
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if "search_index" in url or "/workers/search" in url]
    opener = "label.md-header__button[for=__search]" if width < 600 else ".md-search__input"
    page.locator(opener).click()
    page.keyboard.type("hamstring")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Hamstring")
    assert [url for url in asked if "search_index" in url]
    context.close()


@pytest.fixture
def deployed(built_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The site served from a folder a test can deploy a new build into."""
    served = tmp_path / "served"
    shutil.copytree(built_site, served)
    with _serving(functools.partial(_QuietHandler, directory=str(served))) as url:
        yield url, served


def test_a_new_version_replaces_the_old_without_mixing_them(
    context: BrowserContext, deployed: tuple[str, Path], project_copy: Path, tmp_path: Path
) -> None:
    url, served = deployed
    page = context.new_page()
    open_and_save(page, url + OTHER)
    open_and_save(page, url + STRETCH)

    # A new version: a changed tip, a changed step and a changed style sheet.
    tips = project_copy / "content" / "tips.yml"
    tips.write_text(
        tips.read_text("utf-8").replace("Wear comfortable clothes.", "Wear loose clothes."), "utf-8"
    )
    stretch = project_copy / "content" / "stretches" / "knee-to-chest.yml"
    stretch.write_text(
        stretch.read_text("utf-8").replace("Lie on your back", "Lie flat on your back"), "utf-8"
    )
    css = project_copy / "docs" / "assets" / "stylesheets" / "site.css"
    css.write_text(css.read_text("utf-8") + "\n.md-typeset h1 { letter-spacing: 3px; }\n", "utf-8")
    new_site = tmp_path / "new-site"
    result = run_build(project_copy, new_site)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(served)
    shutil.copytree(new_site, served)

    # Offline, the saved page is the old one, whole.
    context.set_offline(True)
    page.reload()
    expect(page.locator("article")).not_to_contain_text("Lie flat on your back")
    expect_whole_page(page)

    # Back online, the patient reads the new text; the new version saves it with its own files.
    context.set_offline(False)
    page.reload()
    expect(page.locator("article")).to_contain_text("Lie flat on your back")
    page.wait_for_function(
        """async () => {
            if ((await caches.keys()).length !== 1) return false;
            for (const link of document.querySelectorAll('link[rel=stylesheet]'))
                if (!(await caches.match(link.href))) return false;
            return !!(await caches.match(location.href.split('#')[0]));
        }""",
        polling=200,
        timeout=20_000,
    )

    # Offline again: the new words with the new styles, never the old style sheet.
    context.set_offline(True)
    page.reload()
    expect(page.locator("article")).to_contain_text("Lie flat on your back")
    expect_whole_page(page)
    spacing = page.evaluate(
        "getComputedStyle(document.querySelector('.md-typeset h1')).letterSpacing"
    )
    assert spacing == "3px", "a page from the new version got the old style sheet"


@pytest.mark.parametrize(("scheme", "background"), [("light", 255), ("dark", 60)])
def test_both_colour_schemes_survive_the_cut_down_palette(
    browser: Browser, site_url: str, scheme: str, background: int
) -> None:
    """site.min.css carries Material's palette for the site's own colours only: the header is
    still indigo, and the dark scheme still dark (pages/assets.py palette_for)."""
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    page = context.new_page()
    page.goto(site_url + STRETCH)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(64, 81, 181)"  # indigo
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red = int(body.split("(")[1].split(",")[0])
    assert (red >= 250) if scheme == "light" else (red <= background), body
    context.close()


def test_a_file_is_saved_under_a_version_only_when_its_bytes_are_that_version(
    context: BrowserContext, site_url: str
) -> None:
    """A static host answers an old ?v= with today's file: that must never be saved as the old
    version, or an old saved page would get a newer file."""
    page = context.new_page()
    open_and_save(page, site_url + STRETCH)
    saved = page.evaluate(
        """async () => {
            const link = document.querySelector('link[href*="site.min.css"]');
            const right = link.href;
            const wrong = right.replace(/v=[0-9a-f]+/, 'v=0000000000');
            await (await fetch(wrong)).text();
            await (await fetch(right)).text();
            await new Promise(resolve => setTimeout(resolve, 500));
            return [!!(await caches.match(right)), !!(await caches.match(wrong))];
        }"""
    )
    assert saved == [True, False]
