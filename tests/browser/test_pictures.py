"""The start and end pictures drawn from pose data: what a patient sees on a phone, a desktop and
paper, the movement they can watch and pause, and the editors' gallery behind the site."""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT

from .conftest import axe_violations, site_pages
from .paper import MM_PER_POINT, printed_sides

pytestmark = pytest.mark.browser
STRETCHES = sorted(p.stem for p in (ROOT / "content" / "stretches").glob("*.yml"))
SEEDS = {"knee-to-chest", "hip-stretch", "piriformis-stretch", "hamstring-stretch"}
SCHEMES = ["light", "dark"]
PHONES = [320, 390]
GALLERY = "/editors/pictures/"
# Every stretch in a shared routine, standing first, as the builder would order them.
ROUTINE_LINK = "#v=2&s=" + ",".join(
    f"{slug}:30:5-10:2"
    for slug in ("hip-stretch", "knee-to-chest", "piriformis-stretch", "hamstring-stretch")
)

# The smallest a picture may be on screen, in CSS px. The drawings are 150 to 300 units wide and
# their thinnest lines 7 units thick: at 250 px those lines are still 6 px or more and the blue
# arrow and orange band easy to tell apart, where two pictures side by side in a 320 px phone's
# 288 px column (140 px each) are too small to follow. Stacked one above the other on a phone,
# each picture takes the whole column (288 px on a 320 px phone, 358 px on a 390 px one); side
# by side on a desktop each is 336 px.
SMALLEST_ON_SCREEN = 250
# On paper, as print.css promises: each picture (with its thin frame) at least 5 cm wide, in
# Spanish too, whose pages print a little smaller to fit their longer words.
SMALLEST_ON_PAPER_MM = 50

# Each picture, its figure, the row of pictures and the page's text column, as the patient sees
# them now (client coordinates, CSS px).
MEASURE_PICTURES = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  return [...document.querySelectorAll('.stretch-figure')].map(figure => {
    const img = figure.querySelector('img');
    const row = figure.closest('.stretch-pictures').getBoundingClientRect();
    const box = img.getBoundingClientRect();
    const own = figure.getBoundingClientRect();
    return {
      src: img.getAttribute('src').split('?')[0], alt: img.alt, natural: img.naturalWidth,
      left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width,
      figure: [own.left, own.right], row: [row.left, row.right],
      column: [column.left, column.right],
      viewport: document.documentElement.clientWidth,
    };
  });
}"""

# Every running or paused animation of the movement's frames, and their state and clock.
FRAME_ANIMATIONS_RAW = """() => document.getAnimations()
  .filter(a => a.effect && a.effect.target && a.effect.target.classList.contains('pose-frame'))"""
FRAME_ANIMATIONS = f"""() => ({FRAME_ANIMATIONS_RAW})()
  .map(a => ({{state: a.playState, time: a.currentTime}}))"""

# The frames a patient sees now: those drawn opaque.
SHOWN_FRAMES = """() => [...document.querySelectorAll('.pose-motion .pose-frame')]
  .map((frame, n) => [n, parseFloat(getComputedStyle(frame).opacity)])
  .filter(([, opacity]) => opacity > 0.5).map(([n]) => n)"""


# Waits out every transition that ends (the movement's frames loop forever): clicking the
# summary scrolls the page, and the theme fades its header title in as it scrolls; axe measuring
# the contrast of half-faded text would report what no patient sees for long.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))"""


@contextlib.contextmanager
def browsing(browser: Browser, width: int = 1280, **options: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def within(inner: tuple[float, float], outer: tuple[float, float]) -> bool:
    """Whether the span `inner` (left, right) lies inside `outer`, to half a pixel."""
    return inner[0] >= outer[0] - 0.5 and inner[1] <= outer[1] + 0.5


def test_the_seed_stretches_are_all_here() -> None:
    assert set(STRETCHES) >= SEEDS


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_both_pictures_are_whole_and_big_enough_to_follow(
    browser: Browser, site_url: str, width: int, scheme: str
) -> None:
    problems = []
    with browsing(browser, width, color_scheme=scheme) as page:
        for slug in STRETCHES:
            page.goto(f"{site_url}/stretches/{slug}/")
            figures = page.locator(".stretch-pictures .stretch-figure")
            expect(figures).to_have_count(2)
            for n in range(2):
                expect(figures.nth(n).locator("img")).to_be_visible()
                expect(figures.nth(n).locator("figcaption")).to_be_visible()
            start, end = pictures = page.evaluate(MEASURE_PICTURES)
            assert start["src"].endswith(f"/{slug}-start.svg")
            assert end["src"].endswith(f"/{slug}-end.svg")
            for name, p in zip(("start", "end"), pictures, strict=True):
                where = f"{slug} at {width}px ({scheme}), {name} picture"
                box = (p["left"], p["right"])
                if p["natural"] <= 0:
                    problems.append(f"{where}: did not load")
                if not p["alt"].strip():
                    problems.append(f"{where}: no alt text")
                if not within(box, (0, p["viewport"])):
                    problems.append(f"{where}: cut off at {box} in a {p['viewport']}px window")
                spans = {"picture": box, "figure": p["figure"], "row of pictures": p["row"]}
                spans["text column"] = p["column"]
                for inner, outer in itertools.pairwise(spans):
                    if not within(spans[inner], spans[outer]):
                        problems.append(
                            f"{where}: its {inner} {spans[inner]} spills out of its {outer} "
                            f"{spans[outer]}"
                        )
                if p["width"] < SMALLEST_ON_SCREEN:
                    problems.append(f"{where}: {p['width']:.0f}px wide, too small to follow")
                if width in PHONES and p["width"] < p["column"][1] - p["column"][0] - 1:
                    problems.append(f"{where}: narrower than the phone's column")
            if width in PHONES and end["top"] < start["bottom"]:
                problems.append(f"{slug} at {width}px: the pictures are not one above the other")
            if width not in PHONES and abs(end["top"] - start["top"]) > 1:
                problems.append(f"{slug} at {width}px: start and end are not side by side")
    assert not problems, "\n".join(problems)


def frame_animations(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(FRAME_ANIMATIONS)


def shown_frame(page: Page) -> int:
    shown = page.evaluate(SHOWN_FRAMES)
    assert len(shown) == 1, f"one pose at a time, not {shown}"
    return shown[0]


@pytest.mark.parametrize("slug", STRETCHES)
def test_the_movement_plays_on_request_and_pauses(page: Page, site_url: str, slug: str) -> None:
    page.goto(f"{site_url}/stretches/{slug}/")
    movement = page.locator(".pose-motion")
    expect(movement).to_be_visible()
    frames = movement.locator(".pose-frame")
    count = frames.count()
    assert count >= 2, "a movement needs more than one pose"
    assert frame_animations(page) == [], "nothing moves until the patient asks"

    movement.get_by_text("Watch the movement").click()
    expect(movement).to_have_attribute("open", "")
    expect(movement.locator(".pose-motion__frames")).to_be_visible()
    page.wait_for_function(f"() => ({FRAME_ANIMATIONS})().length === {count}")
    assert {a["state"] for a in frame_animations(page)} == {"running"}
    first = shown_frame(page)
    page.wait_for_function(
        f"() => {{ const shown = ({SHOWN_FRAMES})(); return shown.length === 1"
        f" && shown[0] !== {first}; }}",
        timeout=6000,
    )  # the first pose is held two seconds, then the body moves

    pause = movement.get_by_label("Pause the movement")
    pause.check()
    # A pause takes hold at the next frame the browser draws.
    page.evaluate(f"() => Promise.all(({FRAME_ANIMATIONS_RAW})().map(a => a.ready))")
    paused = frame_animations(page)
    assert len(paused) == count
    assert {a["state"] for a in paused} == {"paused"}
    still = shown_frame(page)
    page.wait_for_timeout(800)
    assert frame_animations(page) == paused, "paused: the movement's clock stands still"
    assert shown_frame(page) == still, "paused: the same pose stays on screen"

    pause.uncheck()
    page.wait_for_function(
        f"() => ({FRAME_ANIMATIONS})().every(a => a.state === 'running')", timeout=2000
    )
    page.wait_for_timeout(300)
    assert all(
        a["time"] > b["time"] for a, b in zip(frame_animations(page), paused, strict=True)
    ), "unpaused: the movement goes on"


def test_under_reduced_motion_the_movement_is_gone_and_the_pictures_stay(
    browser: Browser, site_url: str
) -> None:
    with browsing(browser, reduced_motion="reduce") as page:
        for slug in STRETCHES:
            page.goto(f"{site_url}/stretches/{slug}/")
            expect(page.locator(".pose-motion")).to_have_count(1)
            expect(page.locator(".pose-motion")).to_be_hidden()
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.pose-motion')).display")
                == "none"
            )
            assert frame_animations(page) == []
            pictures = page.locator(".stretch-pictures .stretch-figure img")
            expect(pictures).to_have_count(2)
            for n in range(2):
                expect(pictures.nth(n)).to_be_visible()
            assert all(p["natural"] > 0 for p in page.evaluate(MEASURE_PICTURES))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_with_the_movement_open_nor_in_the_gallery(
    browser: Browser, site_url: str, scheme: str
) -> None:
    found = []
    with browsing(browser, color_scheme=scheme) as page:
        for slug in STRETCHES:
            page.goto(f"{site_url}/stretches/{slug}/")
            page.locator(".pose-motion summary").click()
            expect(page.locator(".pose-motion__frames")).to_be_visible()
            page.evaluate(SETTLED)
            found += axe_violations(page)
            page.locator(".pose-motion__pause input").check()
            page.evaluate(SETTLED)
            found += axe_violations(page)
        page.goto(site_url + GALLERY)
        page.evaluate(SETTLED)
        found += axe_violations(page)
    assert found == []


def test_the_editors_gallery_shows_every_stretch_and_stays_out_of_sight(
    page: Page, site_url: str, built_site: Path
) -> None:
    page.goto(site_url + GALLERY)
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    expect(page.locator(".pose-gallery")).to_have_count(len(STRETCHES))
    for slug in STRETCHES:
        for end in ("start", "end"):
            picture = page.locator(f'.pose-gallery img[src*="/{slug}-{end}.svg?v="]')
            expect(picture).to_have_count(1)
            expect(picture).to_be_visible()
            assert picture.evaluate("img => img.naturalWidth") > 0, f"{slug}-{end} did not load"
            assert picture.get_attribute("alt").strip(), f"{slug}-{end} has no alt text"
            assert picture.bounding_box()["width"] >= 280, "large, to check the poses"

    for sitemap in built_site.rglob("sitemap.xml*"):
        raw = sitemap.read_bytes()
        text = (gzip.decompress(raw) if sitemap.suffix == ".gz" else raw).decode("utf-8")
        assert "/editors/" not in text, f"{sitemap.relative_to(built_site)} lists the gallery"
    for index in built_site.rglob("search_index.json"):
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        assert [d["location"] for d in docs if "editors/" in d["location"]] == []

    linking = [
        path
        for path in site_pages(built_site)
        if not path.startswith("/editors/")
        and re.search(
            r'href="[^"]*editors/',
            (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8"),
        )
    ]
    assert linking == [], "no patient page links to the gallery"
    for path in ("/", "/stretches/knee-to-chest/", "/es/stretches/knee-to-chest/"):
        page.goto(site_url + path)
        expect(page.locator(".md-nav--primary .md-nav__link").first).to_be_attached()
        expect(page.locator('a[href*="editors/"]')).to_have_count(0)


def picture_widths_on_paper(pdf: bytes, labels: list[str]) -> dict[str, float | None]:
    """The printed width in millimetres of each picture on the first side, found by its caption:
    the widest thing drawn right above the caption's first letter, from its left edge; None for
    a caption that is not on the first side."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        side = document[0]
        height = side.get_height()
        text = side.get_textpage()
        drawn = [
            tuple(v * MM_PER_POINT for v in thing.get_bounds())
            for thing in side.get_objects(max_depth=1)
        ]
        widths: dict[str, float | None] = {}
        for label in labels:
            found = text.search(label, match_case=True).get_next()
            if found is None:
                widths[label] = None
                continue
            left, _, _, top = (v * MM_PER_POINT for v in text.get_charbox(found[0]))
            top = height * MM_PER_POINT - top
            above = [
                right - x
                for x, bottom, right, _ in drawn
                if abs(x - left) <= 2 and 0 <= top - (height * MM_PER_POINT - bottom) <= 6
            ]
            widths[label] = max(above, default=0.0)
    finally:
        document.close()
    return widths


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("slug", STRETCHES)
@pytest.mark.parametrize("language", ["", "es/"], ids=["en", "es"])
def test_a_stretch_prints_both_pictures_big_on_the_front(
    page: Page, site_url: str, language: str, slug: str, paper: str
) -> None:
    page.goto(f"{site_url}/{language}stretches/{slug}/")
    page.emulate_media(media="print")  # the captions' words as they print
    captions = [
        " ".join(c.split()) for c in page.locator(".stretch-figure figcaption").all_inner_texts()
    ]
    labels = page.locator(".stretch-figure figcaption strong").all_inner_texts()
    assert len(captions) == len(labels) == 2
    pdf = page.pdf(format=paper)
    sides = printed_sides(pdf)
    for caption in captions:
        assert caption[:40] in sides[0].text, "both pictures' captions print on the front"
    widths = picture_widths_on_paper(pdf, [label.strip() for label in labels])
    for label, width in widths.items():
        assert width is not None, f"{label!r} is not on the front"
        assert width >= SMALLEST_ON_PAPER_MM, f"{label} prints {width:.1f} mm wide, too small"
    assert len(sides) <= 2, f"one sheet of paper, both sides at most, not {len(sides)} sides"


def test_a_routine_page_shows_both_pictures_of_each_stretch_without_the_movement(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}/routines/four-stretches-for-lower-back-pain/")
    rows = page.locator(".stretch-pictures")
    expect(rows).to_have_count(4)
    for n in range(rows.count()):
        pictures = rows.nth(n).locator(".stretch-figure img")
        expect(pictures).to_have_count(2)
        for m in range(2):
            expect(pictures.nth(m)).to_be_visible()
    assert all(p["natural"] > 0 and p["alt"].strip() for p in page.evaluate(MEASURE_PICTURES))
    expect(page.locator(".pose-motion")).to_have_count(0)


@pytest.mark.parametrize("language", ["", "es/"], ids=["en", "es"])
def test_the_shared_routine_shows_both_pictures_of_each_stretch(
    page: Page, site_url: str, language: str
) -> None:
    page.goto(f"{site_url}/{language}my-routine/{ROUTINE_LINK}")
    sections = page.locator(".routine-stretch")
    expect(sections).to_have_count(4)
    for n in range(4):
        pictures = sections.nth(n).locator(".stretch-pictures .stretch-figure img")
        expect(pictures).to_have_count(2)
        for m in range(2):
            picture = pictures.nth(m)
            expect(picture).to_be_visible()
            assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
            assert picture.get_attribute("alt").strip(), "a screen reader hears each picture"
        expect(sections.nth(n).locator(".stretch-figure figcaption")).to_have_count(2)
    sources = page.locator(".routine-stretch .stretch-figure img").evaluate_all(
        "imgs => imgs.map(img => img.getAttribute('src').split('?')[0].split('/').pop())"
    )
    assert sources == [
        f"{slug}-{end}.svg"
        for slug in ("hip-stretch", "knee-to-chest", "piriformis-stretch", "hamstring-stretch")
        for end in ("start", "end")
    ]


@pytest.mark.parametrize("slug", STRETCHES)
def test_the_spanish_page_has_the_same_pictures_and_movement(
    page: Page, site_url: str, slug: str
) -> None:
    page.goto(f"{site_url}/es/stretches/{slug}/")
    pictures = page.locator(".stretch-pictures .stretch-figure img")
    expect(pictures).to_have_count(2)
    for n in range(2):
        expect(pictures.nth(n)).to_be_visible()
    measured = page.evaluate(MEASURE_PICTURES)
    assert [p["src"].split("/")[-1] for p in measured] == [f"{slug}-start.svg", f"{slug}-end.svg"]
    assert all(p["natural"] > 0 and p["alt"].strip() for p in measured)
    expect(page.locator(".pose-motion")).to_have_count(1)
    expect(page.locator(".pose-motion__pause input")).to_have_count(1)
